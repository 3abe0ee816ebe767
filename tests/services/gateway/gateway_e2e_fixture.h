// The end-to-end fixture of the gateway: a real registrations service (gRPC on port 0, SQLite),
// the real gateway (core and its HTTP listener on port 0, its own SQLite store), credentials
// issued through GatewayStore (what swv-admin runs), and a real HTTP client for every request.
// Each test owns its fixture; nothing is shared between tests.
#ifndef SWV_TESTS_SERVICES_GATEWAY_GATEWAY_E2E_FIXTURE_H_
#define SWV_TESTS_SERVICES_GATEWAY_GATEWAY_E2E_FIXTURE_H_

#include <httplib.h>

#include <memory>
#include <set>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/struct.pb.h"
#include "gtest/gtest.h"
#include "services/common/server.h"
#include "services/gateway/access_log_backend.h"
#include "services/gateway/backend.h"
#include "services/gateway/gateway_core.h"
#include "services/gateway/http_adapter.h"
#include "services/registrations/registrations_app.h"
#include "tests/services/gateway/gateway_test_support.h"
#include "tests/testing/scratch_database.h"
#include "tests/testing/test_identity.h"

namespace swv::gateway {

inline google::protobuf::Struct Json(const std::string& text) { return testing::ParseJson(text); }

class GatewayEndToEndTest : public ::testing::Test {
 protected:
  static absl::Time TestNow() {
    return absl::FromCivil(absl::CivilSecond(2026, 11, 16, 10, 0, 0), DutchTimeZone());
  }

  void SetUp() override {
    auto registrations_db = swv::testing::ScratchDatabase::Create(storage::Dialect::kSqlite);
    ASSERT_TRUE(registrations_db.ok()) << registrations_db.status();
    registrations_db_ = *std::move(registrations_db);
    auto app = registrations::RegistrationsApp::Create(&registrations_db_->db(), &clock_);
    ASSERT_TRUE(app.ok()) << app.status();
    app_ = *std::move(app);
    ServerOptions options;
    swv::testing::TrustTestIdentity(&options);
    options.service_name = "swv-registrations";
    options.grpc_address = "127.0.0.1:0";
    options.http_address = "127.0.0.1:0";
    options.shutdown_grace = absl::Seconds(1);
    runtime_ = std::make_unique<ServiceRuntime>(options);
    for (grpc::Service* service : app_->grpc_services()) runtime_->AddService(service);
    ASSERT_TRUE(runtime_->Start().ok());

    auto gateway_db = swv::testing::ScratchDatabase::Create(storage::Dialect::kSqlite);
    ASSERT_TRUE(gateway_db.ok());
    gateway_db_ = *std::move(gateway_db);
    auto store = GatewayStore::Open(&gateway_db_->db(), &clock_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);

    absl::StatusOr<RouteTable> routes = RouteTable::FromGeneratedPool();
    ASSERT_TRUE(routes.ok()) << routes.status();
    std::set<std::string> services;
    for (const Route& route : routes->routes()) services.insert(route.service);
    auto targets =
        ResolveBackendTargets({services.begin(), services.end()},
                              absl::StrCat("127.0.0.1:", runtime_->grpc_port()), "", "", "");
    ASSERT_TRUE(targets.ok());
    grpc_backend_ = std::make_unique<GrpcBackend>(*targets, swv::testing::TestChannels());
    access_log_ = std::make_unique<AccessLogBackend>(store_.get());
    backend_ = std::make_unique<RoutingBackend>(grpc_backend_.get());
    backend_->Route(kAccessLogService, access_log_.get());
    core_ = std::make_unique<GatewayCore>(*std::move(routes), backend_.get(), store_.get(), &clock_,
                                          &metrics_, GatewayOptions{});
    HttpListenerOptions listener;
    listener.address = "127.0.0.1:0";
    listener.threads = 4;
    server_ = std::make_unique<GatewayHttpServer>(core_.get(), listener);
    ASSERT_TRUE(server_->Start().ok());
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client_->set_read_timeout(20, 0);

    absl::Time expires = clock_.Now() + absl::Hours(24 * 365);
    lvs_ = testing::Issue(*store_, PrincipalKind::kSchool, {"12AB00"}, expires);
    other_lvs_ = testing::Issue(*store_, PrincipalKind::kSchool, {"34CD01"}, expires);
    office_ = testing::Issue(*store_, PrincipalKind::kOffice, {}, expires);
    leerplicht_schiedam_ =
        testing::Issue(*store_, PrincipalKind::kPartner, {"GM0606"}, expires,
                       "Leerplichtwet 1969 art. 21a; convenant thuiszitters MVS");
    leerplicht_vlaardingen_ =
        testing::Issue(*store_, PrincipalKind::kPartner, {"GM0622"}, expires,
                       "Leerplichtwet 1969 art. 21a; convenant thuiszitters MVS");
  }

  void TearDown() override {
    if (server_) server_->Stop();
    if (runtime_) {
      runtime_->Shutdown();
      runtime_->Wait();
    }
  }

  httplib::Headers Auth(const std::string& token, const std::string& idempotency_key = "") {
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    if (!idempotency_key.empty()) headers.emplace("Idempotency-Key", idempotency_key);
    return headers;
  }

  httplib::Result Post(const std::string& path, const std::string& token, const std::string& body,
                       const std::string& idempotency_key = "") {
    return client_->Post(path.c_str(), Auth(token, idempotency_key), body, "application/json");
  }
  httplib::Result Get(const std::string& path, const std::string& token) {
    return client_->Get(path.c_str(), Auth(token));
  }

  // A problem+json response with the given status; returns its fields.
  google::protobuf::Struct ExpectProblem(const httplib::Result& result, int status) {
    EXPECT_TRUE(result) << "no response";
    if (!result) return {};
    EXPECT_EQ(result->status, status) << result->body;
    EXPECT_EQ(result->get_header_value("Content-Type"), "application/problem+json");
    EXPECT_EQ(result->get_header_value("API-Version"), "1.0.0");
    google::protobuf::Struct problem = Json(result->body);
    EXPECT_EQ(problem.fields().at("status").number_value(), status);
    return problem;
  }

  static std::string ReportBody(const std::string& school, const std::string& pupil,
                                const std::string& municipality) {
    return absl::StrCat(
        R"({"school":")", school, R"(","lvsPupilNumber":")", pupil,
        R"(","residenceMunicipality":")", municipality,
        R"(","absenceKind":"ABSENCE_KIND_RELATIVE","absenceStart":"2026-10-01",)",
        R"("reportedOn":"2026-11-02","cause":"THUISZITTER_CAUSE_WAITING_FOR_CARE",)",
        R"("municipalityCaseRef":"LP-2026-17"})");
  }

  FakeClock clock_{TestNow()};
  Metrics metrics_{"swv-gateway", "test"};
  std::unique_ptr<swv::testing::ScratchDatabase> registrations_db_;
  std::unique_ptr<registrations::RegistrationsApp> app_;
  std::unique_ptr<ServiceRuntime> runtime_;
  std::unique_ptr<swv::testing::ScratchDatabase> gateway_db_;
  std::unique_ptr<GatewayStore> store_;
  std::unique_ptr<GrpcBackend> grpc_backend_;
  std::unique_ptr<AccessLogBackend> access_log_;
  std::unique_ptr<RoutingBackend> backend_;
  std::unique_ptr<GatewayCore> core_;
  std::unique_ptr<GatewayHttpServer> server_;
  std::unique_ptr<httplib::Client> client_;
  std::string lvs_, other_lvs_, office_, leerplicht_schiedam_, leerplicht_vlaardingen_;
};

}  // namespace swv::gateway

#endif  // SWV_TESTS_SERVICES_GATEWAY_GATEWAY_E2E_FIXTURE_H_
