// A monitoring service running for real in the test process: MonitoringApp on a ServiceRuntime on
// port 0 over a scratch database (SQLite or MariaDB) and a fake clock, with in-memory stand-ins for
// the registrations and allocation services, and a gRPC stub.
#ifndef SWV_TESTS_SERVICES_MONITORING_MONITORING_SERVER_FIXTURE_H_
#define SWV_TESTS_SERVICES_MONITORING_MONITORING_SERVER_FIXTURE_H_

#include <grpcpp/grpcpp.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/common/clock.h"
#include "services/common/server.h"
#include "services/monitoring/monitoring_app.h"
#include "swv/v1/monitoring.grpc.pb.h"
#include "tests/testing/scratch_database.h"
#include "tests/testing/test_identity.h"

namespace swv::monitoring::testing {

inline std::string ReadRepoFile(const std::string& path) {
  std::ifstream in(absl::StrCat(SWV_SOURCE_DIR, "/", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline NationalFigures ShippedNationalFigures() {
  absl::StatusOr<NationalFigures> figures =
      NationalFigures::Parse(ReadRepoFile("data/goals/national-participation.goals"));
  EXPECT_TRUE(figures.ok()) << figures.status();
  return figures.ok() ? *figures : NationalFigures();
}

inline std::unique_ptr<grpc::ClientContext> Context(
    const std::string& principal = "office:PO2203") {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!principal.empty()) context->AddMetadata("x-swv-principal", principal);
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  return context;
}

inline std::unique_ptr<ServiceRuntime> StartRuntime(const std::string& name,
                                                    const std::vector<grpc::Service*>& services) {
  ServerOptions options;
  swv::testing::TrustTestIdentity(&options);
  options.service_name = name;
  options.grpc_address = "127.0.0.1:0";
  options.http_address = "127.0.0.1:0";
  options.shutdown_grace = absl::Seconds(2);
  auto runtime = std::make_unique<ServiceRuntime>(options);
  for (grpc::Service* service : services) runtime->AddService(service);
  absl::Status started = runtime->Start();
  EXPECT_TRUE(started.ok()) << started;
  return runtime;
}

class MonitoringServerTest : public ::testing::TestWithParam<storage::Dialect> {
 protected:
  // 2026-11-16 10:00 Amsterdam time.
  static absl::Time TestNow() {
    return absl::FromCivil(absl::CivilSecond(2026, 11, 16, 10, 0, 0), DutchTimeZone());
  }

  void SetUp() override {
    if (GetParam() == storage::Dialect::kMysql) SWV_SKIP_OR_FAIL_WITHOUT_MYSQL();
    auto scratch = swv::testing::ScratchDatabase::Create(GetParam());
    ASSERT_TRUE(scratch.ok()) << scratch.status();
    scratch_ = *std::move(scratch);
    MonitoringAppOptions options;
    options.status_max_age = absl::Minutes(5);
    options.national_figures = ShippedNationalFigures();
    auto app =
        MonitoringApp::Create(&scratch_->db(), &registrations_, &allocation_, &clock_, options);
    ASSERT_TRUE(app.ok()) << app.status();
    app_ = *std::move(app);
    runtime_ = StartRuntime("swv-monitoring", app_->grpc_services());
    stub_ = swv::v1::Monitoring::NewStub(
        swv::testing::TestChannel(absl::StrCat("127.0.0.1:", runtime_->grpc_port())));
  }

  void TearDown() override {
    if (runtime_) runtime_->Shutdown();
    runtime_.reset();
    app_.reset();
    scratch_.reset();
  }

  FakeClock clock_{TestNow()};
  InMemoryRegistrationsAggregates registrations_;
  InMemoryAllocationAggregates allocation_;
  std::unique_ptr<swv::testing::ScratchDatabase> scratch_;
  std::unique_ptr<MonitoringApp> app_;
  std::unique_ptr<ServiceRuntime> runtime_;
  std::unique_ptr<swv::v1::Monitoring::Stub> stub_;
};

}  // namespace swv::monitoring::testing

#endif  // SWV_TESTS_SERVICES_MONITORING_MONITORING_SERVER_FIXTURE_H_
