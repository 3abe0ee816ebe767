// The fixture of the access-matrix tests: registrations, allocation and monitoring on SQLite, each
// on its own gRPC port, behind the real gateway core, with a credential of every principal kind and
// records seeded for two schools under two boards in two municipalities.
#ifndef SWV_TESTS_SERVICES_GATEWAY_ACCESS_MATRIX_FIXTURE_H_
#define SWV_TESTS_SERVICES_GATEWAY_ACCESS_MATRIX_FIXTURE_H_

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <set>
#include <string>
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
#include "services/common/directory_client.h"
#include "services/common/grpc_principal.h"
#include "services/gateway/access_log_backend.h"
#include "services/gateway/backend.h"
#include "services/gateway/gateway_core.h"
#include "services/registrations/registrations_app.h"
#include "tests/services/gateway/gateway_test_support.h"
#include "tests/services/monitoring/monitoring_server_fixture.h"
#include "tests/testing/scratch_database.h"
#include "tests/testing/test_identity.h"

namespace swv::gateway::testing {

using google::protobuf::MethodDescriptor;
using google::protobuf::ServiceDescriptor;

constexpr char kOtherSchool[] = "34CD00";

constexpr PrincipalKind kKinds[] = {PrincipalKind::kOffice,    PrincipalKind::kSchool,
                                    PrincipalKind::kBoard,     PrincipalKind::kPartner,
                                    PrincipalKind::kYouthCare, PrincipalKind::kOps};

// A placeholder for each path parameter, in the caller's own scope where it names one.
inline std::string Placeholder(const std::string& parameter, const std::string& swv) {
  if (parameter == "swv") return swv;
  if (parameter == "year") return "2026";
  if (parameter == "countDate") return "2026-02-01";
  if (parameter == "school") return "12AB00";
  if (parameter == "board") return "B1";
  return "x1";
}

inline std::string PathFor(const Route& route, const std::string& swv) {
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
    secrets_[PrincipalKind::kYouthCare] =
        testing::Issue(*store_, PrincipalKind::kYouthCare, {"GM0606"}, expires,
                       "Convenant gegevensuitwisseling jeugdhulp (per case: consent)");
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
        {"escalations",
         absl::StrCat(
             "{", who, R"(,"reason":"No suitable place","steps":[{"level":)",
             R"("ESCALATION_LEVEL_SWV","holder":"consulent SWV","deadline":"2026-12-01"}]})")},
        {"opdc-placements",
         absl::StrCat("{", pupil_only, R"(,"opdc":"99SB00","startDate":"2026-10-01",)",
                      R"("plannedEnd":"2027-01-01"})")},
        {"waiting-entries", absl::StrCat("{", pupil_only, R"(,"kind":"WAITING_KIND_YOUTH_CARE",)",
                                         R"("organisation":"MEVIS","waitingSince":"2026-10-01"})")},
    };
  }

  // The support profile of `school` for 2026-2027 (one per school and school year, so not among
  // RecordBodies, which are created again per principal).
  static std::string ProfileBody(const std::string& school, int level = 3) {
    return absl::StrCat(R"({"school":")", school, R"(","schoolYear":"2026-2027","supportLevel":)",
                        level, R"(,"offers":["dyslexie","gedrag"],"adoptedByMrOn":"2024-06-01",)",
                        R"("updatedOn":"2026-10-01","published":true})");
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
    Create("boards/_batch", R"({"boards":[{"code":"B1","displayName":"Stichting B1"},)"
                            R"({"code":"B2","displayName":"Stichting B2"},)"
                            R"({"code":"B3","displayName":"Stichting B3"}]})");
    Create("wijken/_batch",
           R"({"wijken":[{"code":"W1","displayName":"Wijk 1","municipality":"GM0606"},)"
           R"({"code":"W2","displayName":"Wijk 2","municipality":"GM0599"}]})");
    auto school = [](const char* code, const char* board, const char* kind) {
      return absl::StrCat(R"({"code":")", code, R"(","displayName":"School )", code,
                          R"(","board":")", board, R"(","wijk":"W1","municipality":"GM0606",)",
                          R"("kind":")", kind, R"(","insideRegion":true})");
    };
    Create("schools/_batch",
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
    seeded_["school-profiles"] = {Create("school-profiles", ProfileBody("12AB00")),
                                  Create("school-profiles", ProfileBody(kOtherSchool, 4))};
    // Wijk plans are the wijk's: every seeded school is in W1, none in W2.
    auto plan = [](const char* wijk) {
      return absl::StrCat(R"({"wijk":")", wijk, R"(","year":2026,"summary":"Plan",)",
                          R"("coversChildLevel":true,"adoptedOn":"2026-01-15",)",
                          R"("adoptedBy":"wijkoverleg","alignedWithYouthCare":false})");
    };
    seeded_["wijk-plans"] = {Create("wijk-plans", plan("W1")), Create("wijk-plans", plan("W2"))};
    // The parents of the own case consented to share it with youth care (MEVIS, the matrix's
    // youth-care principal); the other case has no consent.
    const std::string& own_case = seeded_["thuiszitters"].own;
    Create(absl::StrCat(own_case.substr(own_case.find("thuiszitters/")), "/consents"),
           R"({"organisation":"MEVIS","givenOn":"2026-11-02","givenBy":"beide ouders",)"
           R"("covers":"status van de casus"})");
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
    // "/api/v1/swvs/PO2203/thuiszitters/x1/closure": put a seeded id in place of the placeholder.
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
    if (kind == PrincipalKind::kYouthCare) {
      principal.scope = {"GM0606"};
      principal.organisation = "MEVIS";
    }
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

}  // namespace swv::gateway::testing

#endif  // SWV_TESTS_SERVICES_GATEWAY_ACCESS_MATRIX_FIXTURE_H_
