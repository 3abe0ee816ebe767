// Every RPC for every kind of principal, against the real services (registrations, allocation,
// monitoring on SQLite, each on its own gRPC port) and the real gateway core: the answer is the
// one the RPC's access declaration gives (proto/swv/v1/access.proto, docs/access.md). The RPCs
// and routes are read from the compiled descriptors, so an RPC added later is in this test
// without anyone listing it, and one without a declaration fails it.
//
// Per route and kind, through the gateway: own SWV, another SWV, no credential; and, on records
// seeded for two schools under two boards in two municipalities, the caller's own record and
// another school's, board's or municipality's. Per RPC and kind, straight at the service: a
// signed principal, no token, and a principal written into the metadata by hand (forged).
// Declared refusals answer 403 ROUTE_NOT_ALLOWED_FOR_ROLE / PERMISSION_DENIED; allowed kinds never
// get that answer. A record out of the caller's reach answers exactly as a missing one, and lists
// never hold it.
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"
#include "services/allocation/allocation_app.h"
#include "services/common/access.h"
#include "services/common/directory_client.h"
#include "services/common/grpc_principal.h"
#include "services/gateway/access_log_backend.h"
#include "services/gateway/backend.h"
#include "services/gateway/gateway_core.h"
#include "services/registrations/registrations_app.h"
#include "swv/gateway/v1/access_log.pb.h"
#include "tests/services/gateway/gateway_test_support.h"
#include "tests/services/monitoring/monitoring_server_fixture.h"
#include "tests/testing/scratch_database.h"
#include "tests/testing/test_identity.h"

namespace swv::gateway {
namespace {

using google::protobuf::MethodDescriptor;
using google::protobuf::ServiceDescriptor;

constexpr char kOtherSchool[] = "34CD00";

constexpr PrincipalKind kKinds[] = {PrincipalKind::kOffice, PrincipalKind::kSchool,
                                    PrincipalKind::kBoard, PrincipalKind::kPartner,
                                    PrincipalKind::kOps};

// A placeholder for each path parameter, in the caller's own scope where it names one.
std::string Placeholder(const std::string& parameter, const std::string& swv) {
  if (parameter == "swv") return swv;
  if (parameter == "year") return "2026";
  if (parameter == "countDate") return "2026-02-01";
  if (parameter == "school") return "12AB00";
  if (parameter == "board") return "B1";
  return "x1";
}

std::string PathFor(const Route& route, const std::string& swv) {
  std::vector<OpenApiPathParameter> parameters;
  std::string path = route.path.OpenApiPath(&parameters);
  for (const OpenApiPathParameter& parameter : parameters) {
    path = absl::StrReplaceAll(
        path, {{absl::StrCat("{", parameter.name, "}"), Placeholder(parameter.name, swv)}});
  }
  return path;
}

class AccessMatrixTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (auto* scratch : {&registrations_db_, &allocation_db_, &monitoring_db_, &gateway_db_}) {
      auto created = swv::testing::ScratchDatabase::Create(storage::Dialect::kSqlite);
      ASSERT_TRUE(created.ok()) << created.status();
      *scratch = *std::move(created);
    }
    auto registrations = registrations::RegistrationsApp::Create(&registrations_db_->db(), &clock_);
    ASSERT_TRUE(registrations.ok()) << registrations.status();
    registrations_app_ = *std::move(registrations);
    registrations_runtime_ =
        monitoring::testing::StartRuntime("swv-registrations", registrations_app_->grpc_services());
    const std::string registrations_target =
        absl::StrCat("127.0.0.1:", registrations_runtime_->grpc_port());
    directory_reader_ = NewGrpcDirectoryClient(swv::testing::TestChannel(registrations_target),
                                               absl::Seconds(10), "swv-allocation");
    auto allocation =
        allocation::AllocationApp::Create(&allocation_db_->db(), directory_reader_.get(), &clock_);
    ASSERT_TRUE(allocation.ok()) << allocation.status();
    allocation_app_ = *std::move(allocation);
    allocation_runtime_ =
        monitoring::testing::StartRuntime("swv-allocation", allocation_app_->grpc_services());
    const std::string allocation_target =
        absl::StrCat("127.0.0.1:", allocation_runtime_->grpc_port());
    registrations_aggregates_ = monitoring::NewGrpcRegistrationsAggregates(
        swv::testing::TestChannel(registrations_target), absl::Seconds(10));
    allocation_aggregates_ = monitoring::NewGrpcAllocationAggregates(
        swv::testing::TestChannel(allocation_target), absl::Seconds(10));
    monitoring::MonitoringAppOptions options;
    options.national_figures = monitoring::testing::ShippedNationalFigures();
    auto monitoring =
        monitoring::MonitoringApp::Create(&monitoring_db_->db(), registrations_aggregates_.get(),
                                          allocation_aggregates_.get(), &clock_, options);
    ASSERT_TRUE(monitoring.ok()) << monitoring.status();
    monitoring_app_ = *std::move(monitoring);
    monitoring_runtime_ =
        monitoring::testing::StartRuntime("swv-monitoring", monitoring_app_->grpc_services());
    const std::string monitoring_target =
        absl::StrCat("127.0.0.1:", monitoring_runtime_->grpc_port());

    auto store = GatewayStore::Open(&gateway_db_->db(), &clock_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    absl::StatusOr<RouteTable> routes = RouteTable::FromGeneratedPool();
    ASSERT_TRUE(routes.ok()) << routes.status();
    std::set<std::string> services;
    for (const Route& route : routes->routes()) services.insert(route.service);
    auto targets = ResolveBackendTargets({services.begin(), services.end()}, registrations_target,
                                         allocation_target, monitoring_target, "");
    ASSERT_TRUE(targets.ok()) << targets.status();
    grpc_backend_ = std::make_unique<GrpcBackend>(*targets, swv::testing::TestChannels());
    access_log_ = std::make_unique<AccessLogBackend>(store_.get());
    backend_ = std::make_unique<RoutingBackend>(grpc_backend_.get());
    backend_->Route(kAccessLogService, access_log_.get());
    GatewayOptions gateway_options;
    gateway_options.rate_per_second = 0;
    gateway_options.unauthenticated_rate_per_second = 0;  // the test sends ~100 without one
    core_ = std::make_unique<GatewayCore>(*std::move(routes), backend_.get(), store_.get(), &clock_,
                                          nullptr, gateway_options);

    const absl::Time expires = clock_.Now() + absl::Hours(24);
    secrets_[PrincipalKind::kOffice] = testing::Issue(*store_, PrincipalKind::kOffice, {}, expires);
    secrets_[PrincipalKind::kSchool] =
        testing::Issue(*store_, PrincipalKind::kSchool, {"12AB00"}, expires);
    secrets_[PrincipalKind::kBoard] =
        testing::Issue(*store_, PrincipalKind::kBoard, {"B1"}, expires);
    secrets_[PrincipalKind::kPartner] = testing::Issue(*store_, PrincipalKind::kPartner, {"GM0606"},
                                                       expires, "Leerplichtwet 1969 art. 21a");
    secrets_[PrincipalKind::kOps] = testing::Issue(*store_, PrincipalKind::kOps, {}, expires);
    targets_ = {{"swv.v1.Allocation", allocation_target}, {"swv.v1.Monitoring", monitoring_target}};
    registrations_target_ = registrations_target;
  }

  void TearDown() override {
    for (auto* runtime : {&monitoring_runtime_, &allocation_runtime_, &registrations_runtime_}) {
      if (*runtime) (*runtime)->Shutdown();
    }
  }

  HttpResponse Call(const Route& route, const std::string& swv, const std::string& secret) {
    HttpRequest request;
    request.method = route.http_method;
    request.path = PathFor(route, swv);
    if (!secret.empty()) request.headers.push_back({"Authorization", "Bearer " + secret});
    if (route.http_method != "GET" && route.http_method != "DELETE") {
      request.headers.push_back({"Content-Type", "application/json"});
      request.body = "{}";
    }
    return core_->Handle(request);
  }

  std::string TargetOf(const ServiceDescriptor& service) const {
    auto it = targets_.find(service.full_name());
    return it == targets_.end() ? registrations_target_ : it->second;
  }

  // An empty request of the method, straight at its service.
  grpc::Status CallService(const MethodDescriptor& method, std::shared_ptr<grpc::Channel> channel,
                           const std::map<std::string, std::string>& metadata) {
    grpc::GenericStub stub(channel);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    for (const auto& [key, value] : metadata) context.AddMetadata(key, value);
    grpc::Slice empty("");
    grpc::ByteBuffer request(&empty, 1), reply;
    grpc::Status status;
    absl::Notification done;
    stub.UnaryCall(&context, absl::StrCat("/", method.service()->full_name(), "/", method.name()),
                   grpc::StubOptions(), &request, &reply, [&](grpc::Status result) {
                     status = std::move(result);
                     done.Notify();
                   });
    done.WaitForNotification();
    return status;
  }

  // A new record of each kind a school or board reaches, by collection, for a pupil of `school`
  // living in `municipality`.
  static std::map<std::string, std::string> RecordBodies(const std::string& school,
                                                         const std::string& municipality,
                                                         const std::string& pupil) {
    const std::string who = absl::StrCat(R"("school":")", school, R"(","lvsPupilNumber":")", pupil,
                                         R"(","residenceMunicipality":")", municipality, R"(")");
    const std::string pupil_only =
        absl::StrCat(R"("school":")", school, R"(","lvsPupilNumber":")", pupil, R"(")");
    return {
        {"thuiszitters", absl::StrCat("{", who, R"(,"absenceKind":"ABSENCE_KIND_RELATIVE",)",
                                      R"("absenceStart":"2026-10-01","reportedOn":"2026-11-02",)",
                                      R"("cause":"THUISZITTER_CAUSE_WAITING_FOR_CARE"})")},
        {"exemptions", absl::StrCat("{", who, R"(,"startDate":"2026-09-01","swvInvolved":true})")},
        {"monitorkinderen",
         absl::StrCat("{", who, R"(,"reason":"MONITORKIND_REASON_LONG_TERM_SICK",)",
                      R"("atHomeSince":"2026-09-01","registeredOn":"2026-10-01"})")},
        {"opps",
         absl::StrCat("{", pupil_only, R"(,"drawnUpOn":"2026-10-01",)",
                      R"("startDate":"2026-10-01","consent":"PARENTAL_CONSENT_NOT_ASKED"})")},
        {"tlvs", absl::StrCat(R"({"referringSchool":")", school, R"(","lvsPupilNumber":")", pupil,
                              R"(","receivingSchool":"99SB00","kind":"TLV_KIND_SBO",)",
                              R"("receivedOn":"2026-10-15"})")},
        {"arrangements",
         absl::StrCat("{", pupil_only, R"(,"target":"ARRANGEMENT_TARGET_PUPIL",)",
                      R"("description":"Extra support","appliedOn":"2026-10-01"})")},
        {"opdcPlacements",
         absl::StrCat("{", pupil_only, R"(,"opdc":"99SB00","startDate":"2026-10-01",)",
                      R"("plannedEnd":"2027-01-01"})")},
    };
  }

  // POSTs as the office and returns the created record's name.
  std::string Create(const std::string& collection, const std::string& body) {
    HttpRequest request;
    request.method = "POST";
    request.path = absl::StrCat("/api/v1/swvs/PO2203/", collection);
    request.headers = {{"Authorization", "Bearer " + secrets_[PrincipalKind::kOffice]},
                       {"Content-Type", "application/json"}};
    request.body = body;
    HttpResponse response = core_->Handle(request);
    EXPECT_TRUE(response.status == 201 || response.status == 200)
        << collection << " " << response.status << " " << response.body;
    return testing::JsonField(response.body, "name");
  }

  // Two schools under two boards, pupils living in two municipalities; one record of every kind
  // a school or board reaches, for each. "own" is the matrix principals' (school 12AB00, board B1,
  // partner GM0606), "other" is not.
  void SeedRecords() {
    Create("boards:batchUpsert", R"({"boards":[{"code":"B1","displayName":"Stichting B1"},)"
                                 R"({"code":"B2","displayName":"Stichting B2"},)"
                                 R"({"code":"B3","displayName":"Stichting B3"}]})");
    Create("wijken:batchUpsert",
           R"({"wijken":[{"code":"W1","displayName":"Wijk 1","municipality":"GM0606"}]})");
    auto school = [](const char* code, const char* board, const char* kind) {
      return absl::StrCat(R"({"code":")", code, R"(","displayName":"School )", code,
                          R"(","board":")", board, R"(","wijk":"W1","municipality":"GM0606",)",
                          R"("kind":")", kind, R"(","insideRegion":true})");
    };
    Create("schools:batchUpsert",
           absl::StrCat(R"({"schools":[)", school("12AB00", "B1", "SCHOOL_KIND_REGULAR"), ",",
                        school(kOtherSchool, "B2", "SCHOOL_KIND_REGULAR"), ",",
                        school("99SB00", "B3", "SCHOOL_KIND_SBO"), "]}"));
    seeded_["schools"] = {"swvs/PO2203/schools/12AB00",
                          absl::StrCat("swvs/PO2203/schools/", kOtherSchool)};
    for (const auto& [collection, body] : RecordBodies("12AB00", "GM0606", "LVS-OWN")) {
      seeded_[collection].own = Create(collection, body);
    }
    for (const auto& [collection, body] : RecordBodies(kOtherSchool, "GM0599", "LVS-OTHER")) {
      seeded_[collection].other = Create(collection, body);
    }
    for (const auto& [collection, names] : seeded_) {
      ASSERT_FALSE(names.own.empty()) << collection;
      ASSERT_FALSE(names.other.empty()) << collection;
    }
  }

  // The path of a route with its record, school and board parameters taken from one side of the
  // seed: kOwn, kOther, or kMissing (names that exist nowhere). Empty when the route names a
  // record of a kind that was not seeded.
  enum class Side { kOwn, kOther, kMissing };
  std::string SeededPath(const Route& route, Side side) {
    std::vector<OpenApiPathParameter> parameters;
    std::string path = route.path.OpenApiPath(&parameters);
    for (const OpenApiPathParameter& parameter : parameters) {
      std::string value = Placeholder(parameter.name, "PO2203");
      if (parameter.name == "school") {
        value = side == Side::kOwn ? "12AB00" : side == Side::kOther ? kOtherSchool : "99XX99";
      } else if (parameter.name == "board") {
        value = side == Side::kOwn ? "B1" : side == Side::kOther ? "B2" : "B9";
      }
      path = absl::StrReplaceAll(path, {{absl::StrCat("{", parameter.name, "}"), value}});
    }
    // "/api/v1/swvs/PO2203/thuiszitters/x1:close": put a seeded id in place of the placeholder.
    std::vector<std::string> segments = absl::StrSplit(path, '/');
    for (size_t i = 0; i + 1 < segments.size(); ++i) {
      if (!absl::StartsWith(segments[i + 1], "x1")) continue;
      auto it = seeded_.find(segments[i]);
      if (it == seeded_.end()) return "";
      const std::string& name = side == Side::kOwn ? it->second.own : it->second.other;
      std::string id = side == Side::kMissing ? "zz-missing" : name.substr(name.rfind('/') + 1);
      segments[i + 1] = absl::StrCat(id, segments[i + 1].substr(2));
    }
    return absl::StrJoin(segments, "/");
  }

  HttpResponse CallPath(const Route& route, const std::string& path, const std::string& secret,
                        const std::string& body = "{}") {
    HttpRequest request;
    request.method = route.http_method;
    request.path = path;
    request.headers.push_back({"Authorization", "Bearer " + secret});
    if (route.http_method != "GET" && route.http_method != "DELETE") {
      request.headers.push_back({"Content-Type", "application/json"});
      request.body = body;
    }
    return core_->Handle(request);
  }

  static Principal PrincipalOf(PrincipalKind kind) {
    Principal principal;
    principal.id = absl::StrCat(PrincipalKindName(kind), ":PO2203:matrix");
    principal.kind = kind;
    principal.tenant = "PO2203";
    if (kind == PrincipalKind::kSchool) principal.scope = {"12AB00"};
    if (kind == PrincipalKind::kBoard) principal.scope = {"B1"};
    if (kind == PrincipalKind::kPartner) principal.scope = {"GM0606"};
    return principal;
  }

  FakeClock clock_{absl::FromCivil(absl::CivilSecond(2026, 11, 16, 10, 0, 0), DutchTimeZone())};
  std::unique_ptr<swv::testing::ScratchDatabase> registrations_db_, allocation_db_, monitoring_db_,
      gateway_db_;
  std::unique_ptr<registrations::RegistrationsApp> registrations_app_;
  std::unique_ptr<swv::DirectoryClient> directory_reader_;
  std::unique_ptr<allocation::AllocationApp> allocation_app_;
  std::unique_ptr<monitoring::RegistrationsAggregates> registrations_aggregates_;
  std::unique_ptr<monitoring::AllocationAggregates> allocation_aggregates_;
  std::unique_ptr<monitoring::MonitoringApp> monitoring_app_;
  std::unique_ptr<ServiceRuntime> registrations_runtime_, allocation_runtime_, monitoring_runtime_;
  std::unique_ptr<GatewayStore> store_;
  std::unique_ptr<GrpcBackend> grpc_backend_;
  std::unique_ptr<AccessLogBackend> access_log_;
  std::unique_ptr<RoutingBackend> backend_;
  std::unique_ptr<GatewayCore> core_;
  std::map<PrincipalKind, std::string> secrets_;
  std::map<std::string, std::string> targets_;
  std::string registrations_target_;
  struct Seeded {
    std::string own, other;
  };
  std::map<std::string, Seeded> seeded_;  // by collection ("thuiszitters"): resource names
};

bool RefusedForRole(const HttpResponse& response) {
  return response.status == 403 && absl::StrContains(response.body, "ROUTE_NOT_ALLOWED_FOR_ROLE");
}

TEST_F(AccessMatrixTest, EveryRouteAnswersWhatItsDeclarationSaysForEveryKind) {
  int checked = 0;
  for (const Route& route : core_->routes().routes()) {
    SCOPED_TRACE(absl::StrCat(route.http_method, " ", route.path.text()));
    absl::StatusOr<swv::v1::Access> access = DeclarationOf(*route.method);
    ASSERT_TRUE(access.ok()) << access.status();
    // No credential: 401, whatever the route.
    EXPECT_EQ(Call(route, "PO2203", "").status, 401);
    for (PrincipalKind kind : kKinds) {
      SCOPED_TRACE(PrincipalKindName(kind));
      const bool allowed = ReachOf(*access, kind) != swv::v1::REACH_NONE;
      HttpResponse own = Call(route, "PO2203", secrets_[kind]);
      EXPECT_EQ(RefusedForRole(own), !allowed) << own.status << " " << own.body;
      EXPECT_NE(own.status, 401) << own.body;
      // Another SWV: a refused kind is refused as such; an allowed one finds nothing there.
      HttpResponse other = Call(route, "PO9999", secrets_[kind]);
      if (allowed) {
        EXPECT_EQ(other.status, 404) << other.body;
      } else {
        EXPECT_TRUE(RefusedForRole(other)) << other.status << " " << other.body;
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 5 * 70);
}

TEST_F(AccessMatrixTest, EveryRpcAnswersWhatItsDeclarationSaysStraightAtTheService) {
  int checked = 0;
  std::set<const ServiceDescriptor*> services;
  for (const Route& route : core_->routes().routes()) services.insert(route.method->service());
  for (const ServiceDescriptor* each : services) {
    const ServiceDescriptor& service = *each;
    if (service.full_name() == kAccessLogService) continue;  // the gateway's own, in-process
    for (int i = 0; i < service.method_count(); ++i) {
      const MethodDescriptor& method = *service.method(i);
      if (method.client_streaming() || method.server_streaming()) continue;
      SCOPED_TRACE(method.full_name());
      absl::StatusOr<swv::v1::Access> access = DeclarationOf(method);
      ASSERT_TRUE(access.ok()) << access.status();
      std::shared_ptr<grpc::Channel> signed_channel = swv::testing::TestChannel(TargetOf(service));
      std::shared_ptr<grpc::Channel> raw_channel =
          grpc::CreateChannel(TargetOf(service), grpc::InsecureChannelCredentials());
      for (PrincipalKind kind :
           {PrincipalKind::kOffice, PrincipalKind::kSchool, PrincipalKind::kBoard,
            PrincipalKind::kPartner, PrincipalKind::kOps, PrincipalKind::kService}) {
        SCOPED_TRACE(PrincipalKindName(kind));
        Principal principal =
            kind == PrincipalKind::kService ? ServicePrincipal("matrix") : PrincipalOf(kind);
        const bool allowed = ReachOf(*access, kind) != swv::v1::REACH_NONE;
        grpc::Status status = CallService(method, signed_channel, PrincipalToMetadata(principal));
        const bool refused = status.error_code() == grpc::StatusCode::PERMISSION_DENIED &&
                             absl::StrContains(status.error_message(), "may not call");
        EXPECT_EQ(refused, !allowed) << status.error_code() << " " << status.error_message();
        // Forged: the same principal written into the metadata by hand, no token.
        grpc::Status forged = CallService(method, raw_channel, PrincipalToMetadata(principal));
        EXPECT_EQ(forged.error_code(), grpc::StatusCode::UNAUTHENTICATED) << forged.error_message();
        ++checked;
      }
      grpc::Status anonymous = CallService(method, raw_channel, {});
      EXPECT_EQ(anonymous.error_code(), grpc::StatusCode::UNAUTHENTICATED);
    }
  }
  EXPECT_GT(checked, 6 * 70);
}

// "404 NOT_FOUND": what a client can tell from an answer without reading the detail text.
std::string Outcome(const HttpResponse& response) {
  if (response.status < 300) return absl::StrCat(response.status);
  return absl::StrCat(response.status, " ", testing::JsonField(response.body, "code"), " ",
                      testing::JsonField(response.body, "reason"));
}

bool Scoped(swv::v1::Reach reach) {
  return reach == swv::v1::REACH_OWN_SCHOOLS || reach == swv::v1::REACH_OWN_BOARD ||
         reach == swv::v1::REACH_OWN_MUNICIPALITIES;
}

constexpr PrincipalKind kScopedKinds[] = {PrincipalKind::kSchool, PrincipalKind::kBoard,
                                          PrincipalKind::kPartner};

// Every route that names a record, school or board, for every kind whose reach is its own:
// another school's (board's, municipality's) record answers exactly as one that does not exist,
// and the caller's own record is read.
TEST_F(AccessMatrixTest, AnotherSchoolsBoardsOrMunicipalitysRecordAnswersAsAMissingOne) {
  SeedRecords();
  int compared = 0, own_reads = 0;
  for (const Route& route : core_->routes().routes()) {
    const std::string own_path = SeededPath(route, Side::kOwn);
    const std::string other_path = SeededPath(route, Side::kOther);
    if (own_path.empty() || own_path == other_path) continue;
    const swv::v1::Access access = *DeclarationOf(*route.method);
    const bool names_record = own_path != PathFor(route, "PO2203");
    for (PrincipalKind kind : kScopedKinds) {
      const swv::v1::Reach reach = ReachOf(access, kind);
      if (!Scoped(reach)) continue;
      SCOPED_TRACE(
          absl::StrCat(route.http_method, " ", other_path, " as ", PrincipalKindName(kind)));
      HttpResponse other = CallPath(route, other_path, secrets_[kind]);
      HttpResponse missing = CallPath(route, SeededPath(route, Side::kMissing), secrets_[kind]);
      EXPECT_EQ(Outcome(other), Outcome(missing)) << other.body << "\n" << missing.body;
      EXPECT_GE(other.status, 400) << other.body;
      ++compared;
      const bool partner_case =
          kind != PrincipalKind::kPartner || absl::StrContains(own_path, "/thuiszitters/");
      if (route.http_method == "GET" && names_record && partner_case) {
        HttpResponse own = CallPath(route, own_path, secrets_[kind]);
        EXPECT_EQ(own.status, 200) << own_path << " " << own.body;
        ++own_reads;
      }
    }
  }
  EXPECT_GT(compared, 40);
  EXPECT_GT(own_reads, 20);
}

// Every list of seeded records, for every kind whose reach is its own: the own record is listed,
// another's never, also when the caller asks for the other school or municipality by filter.
TEST_F(AccessMatrixTest, ListsHoldOnlyTheCallersOwnRecords) {
  SeedRecords();
  int checked = 0;
  for (const Route& route : core_->routes().routes()) {
    if (route.http_method != "GET") continue;
    const std::string path = PathFor(route, "PO2203");
    auto seeded = seeded_.find(path.substr(path.rfind('/') + 1));
    if (seeded == seeded_.end()) continue;
    const swv::v1::Access access = *DeclarationOf(*route.method);
    for (PrincipalKind kind : kScopedKinds) {
      if (!Scoped(ReachOf(access, kind))) continue;
      SCOPED_TRACE(absl::StrCat(path, " as ", PrincipalKindName(kind)));
      HttpResponse all = CallPath(route, path, secrets_[kind]);
      ASSERT_EQ(all.status, 200) << all.body;
      EXPECT_TRUE(absl::StrContains(all.body, seeded->second.own)) << all.body;
      EXPECT_FALSE(absl::StrContains(all.body, seeded->second.other)) << all.body;
      for (const auto& filter : std::vector<std::pair<std::string, std::string>>{
               {"school", kOtherSchool}, {"residenceMunicipality", "GM0599"}}) {
        if (route.method->input_type()->FindFieldByName(
                filter.first == "school" ? "school" : "residence_municipality") == nullptr) {
          continue;
        }
        HttpRequest request;
        request.method = "GET";
        request.path = path;
        request.query = {filter};
        request.headers = {{"Authorization", "Bearer " + secrets_[kind]}};
        HttpResponse filtered = core_->Handle(request);
        EXPECT_FALSE(absl::StrContains(filtered.body, seeded->second.other)) << filtered.body;
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 12);
}

// Creating a record for another school's pupil: refused for every kind whose reach is its own,
// nothing stored; for its own school's pupil: created.
TEST_F(AccessMatrixTest, RecordsAreCreatedForOwnSchoolsOnly) {
  SeedRecords();
  int checked = 0;
  const auto own = RecordBodies("12AB00", "GM0606", "LVS-NEW");
  const auto other = RecordBodies(kOtherSchool, "GM0599", "LVS-NEW");
  for (const Route& route : core_->routes().routes()) {
    if (route.http_method != "POST") continue;
    const std::string path = PathFor(route, "PO2203");
    auto body = own.find(path.substr(path.rfind('/') + 1));
    if (body == own.end()) continue;
    const swv::v1::Access access = *DeclarationOf(*route.method);
    for (PrincipalKind kind : kScopedKinds) {
      if (!Scoped(ReachOf(access, kind))) continue;
      SCOPED_TRACE(absl::StrCat(path, " as ", PrincipalKindName(kind)));
      HttpResponse refused = CallPath(route, path, secrets_[kind], other.at(body->first));
      EXPECT_TRUE(refused.status == 404 || refused.status == 403) << refused.body;
      HttpResponse created = CallPath(
          route, path, secrets_[kind],
          absl::StrReplaceAll(body->second,
                              {{"LVS-NEW", absl::StrCat("LVS-NEW-", PrincipalKindName(kind))}}));
      EXPECT_EQ(created.status, 201) << created.body;
      ++checked;
    }
  }
  EXPECT_GE(checked, 12);
}

// A bulk push naming another school's row is refused whole, naming the row, and writes nothing.
TEST_F(AccessMatrixTest, ABulkPushWithAnotherSchoolsRowIsRefusedNamingTheRow) {
  SeedRecords();
  HttpRequest request;
  request.method = "POST";
  request.path = "/api/v1/swvs/PO2203/schools:batchUpsert";
  request.headers = {{"Authorization", "Bearer " + secrets_[PrincipalKind::kSchool]},
                     {"Content-Type", "application/json"}};
  request.body = absl::StrCat(R"({"schools":[{"code":"12AB00","displayName":"Renamed own"},)",
                              R"({"code":")", kOtherSchool, R"(","displayName":"Taken"}]})");
  HttpResponse refused = core_->Handle(request);
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(testing::JsonField(refused.body, "reason"), "SCHOOL_OUT_OF_SCOPE");
  EXPECT_TRUE(absl::StrContains(refused.body, R"("name":"schools[1].code")")) << refused.body;
  HttpRequest get;
  get.method = "GET";
  get.path = "/api/v1/swvs/PO2203/schools/12AB00";
  get.headers = {{"Authorization", "Bearer " + secrets_[PrincipalKind::kOffice]}};
  EXPECT_EQ(testing::JsonField(core_->Handle(get).body, "displayName"), "School 12AB00");
}

// Goal statuses of another school or board answer as those of one that does not exist.
TEST_F(AccessMatrixTest, GoalStatusesOfAnotherSchoolOrBoardAnswerAsMissingOnes) {
  SeedRecords();
  for (const auto& [kind, level, own, other] :
       std::vector<std::tuple<PrincipalKind, std::string, std::string, std::string>>{
           {PrincipalKind::kSchool, "LEVEL_SCHOOL", "12AB00", kOtherSchool},
           {PrincipalKind::kBoard, "LEVEL_SCHOOL", "12AB00", kOtherSchool},
           {PrincipalKind::kBoard, "LEVEL_BOARD", "B1", "B2"}}) {
    SCOPED_TRACE(absl::StrCat(PrincipalKindName(kind), " ", level, " ", other));
    auto get = [&, kind = kind, level = level](const std::string& id) {
      HttpRequest request;
      request.method = "GET";
      request.path = "/api/v1/swvs/PO2203/goalStatuses";
      request.query = {{"year", "2026"}, {"level", level}, {"levelId", id}};
      request.headers = {{"Authorization", "Bearer " + secrets_[kind]}};
      return core_->Handle(request);
    };
    EXPECT_EQ(get(own).status, 200) << get(own).body;
    HttpResponse foreign = get(other);
    EXPECT_EQ(foreign.status, 404) << foreign.body;
    EXPECT_EQ(Outcome(foreign), Outcome(get("ZZ99")));
  }
}

// Every RPC of every service this system serves has a declaration (the build and every start
// check it too).
TEST_F(AccessMatrixTest, EveryRpcIsDeclared) {
  std::set<const ServiceDescriptor*> services;
  for (const Route& route : core_->routes().routes()) services.insert(route.method->service());
  EXPECT_GE(services.size(), 7u);
  EXPECT_TRUE(UndeclaredMethods({services.begin(), services.end()}).empty());
}

}  // namespace
}  // namespace swv::gateway
