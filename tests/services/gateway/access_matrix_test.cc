// Every RPC for every kind of principal, against the real services (registrations, allocation,
// monitoring on SQLite, each on its own gRPC port) and the real gateway core: the answer is the
// one the RPC's access declaration gives (proto/swv/v1/access.proto, docs/access.md). The RPCs
// and routes are read from the compiled descriptors, so an RPC added later is in this test
// without anyone listing it, and one without a declaration fails it.
//
// Per route and kind, through the gateway: own SWV, another SWV, no credential. Per RPC and kind,
// straight at the service: a signed principal, no token, and a principal written into the
// metadata by hand (forged). Declared refusals answer 403 ROUTE_NOT_ALLOWED_FOR_ROLE /
// PERMISSION_DENIED; allowed kinds never get that answer (what they get depends on the
// placeholder ids in the request: 400, 404, 200, ...).
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"
#include "services/allocation/allocation_app.h"
#include "services/allocation/directory_reader.h"
#include "services/common/access.h"
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
    directory_reader_ = allocation::NewGrpcDirectoryReader(
        swv::testing::TestChannel(registrations_target), absl::Seconds(10));
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
  std::unique_ptr<allocation::DirectoryReader> directory_reader_;
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
