// The fixture of the monitoring integration test: the real registrations and allocation services
// and monitoring, each on its own ServiceRuntime on loopback over its own scratch database; the
// hand-built data set is seeded through their gRPC APIs (monitoring_integration_seed.cc).
#ifndef SWV_TESTS_SERVICES_MONITORING_MONITORING_INTEGRATION_FIXTURE_H_
#define SWV_TESTS_SERVICES_MONITORING_MONITORING_INTEGRATION_FIXTURE_H_

#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <string>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/allocation/allocation_app.h"
#include "services/common/directory_client.h"
#include "services/registrations/registrations_app.h"
#include "swv/v1/allocation.grpc.pb.h"
#include "swv/v1/directory.grpc.pb.h"
#include "swv/v1/registrations.grpc.pb.h"
#include "swv/v1/support.grpc.pb.h"
#include "swv/v1/tlv.grpc.pb.h"
#include "tests/services/monitoring/monitoring_server_fixture.h"
#include "tests/testing/test_identity.h"

namespace swv::monitoring::testing {

namespace pb = ::swv::v1;

constexpr char kParent[] = "swvs/PO2203";

#define ASSERT_RPC(call)                                          \
  do {                                                            \
    grpc::Status rpc_status_ = (call);                            \
    ASSERT_TRUE(rpc_status_.ok()) << rpc_status_.error_message(); \
  } while (0)

class MonitoringIntegrationTest : public ::testing::TestWithParam<storage::Dialect> {
 protected:
  void SetUp() override {
    if (GetParam() == storage::Dialect::kMysql) SWV_SKIP_OR_FAIL_WITHOUT_MYSQL();
    for (auto* scratch : {&registrations_db_, &allocation_db_, &monitoring_db_}) {
      auto created = swv::testing::ScratchDatabase::Create(GetParam());
      ASSERT_TRUE(created.ok()) << created.status();
      *scratch = *std::move(created);
    }
    auto registrations = registrations::RegistrationsApp::Create(&registrations_db_->db(), &clock_);
    ASSERT_TRUE(registrations.ok()) << registrations.status();
    registrations_app_ = *std::move(registrations);
    registrations_runtime_ = StartRuntime("swv-registrations", registrations_app_->grpc_services());
    const std::string registrations_target =
        absl::StrCat("127.0.0.1:", registrations_runtime_->grpc_port());
    auto registrations_channel = swv::testing::TestChannel(registrations_target);

    directory_reader_ =
        NewGrpcDirectoryClient(registrations_channel, absl::Seconds(10), "swv-allocation");
    auto allocation =
        allocation::AllocationApp::Create(&allocation_db_->db(), directory_reader_.get(), &clock_);
    ASSERT_TRUE(allocation.ok()) << allocation.status();
    allocation_app_ = *std::move(allocation);
    allocation_runtime_ = StartRuntime("swv-allocation", allocation_app_->grpc_services());
    auto allocation_channel =
        swv::testing::TestChannel(absl::StrCat("127.0.0.1:", allocation_runtime_->grpc_port()));

    // Monitoring as swv-monitoring runs it: gRPC clients of both services.
    registrations_aggregates_ =
        NewGrpcRegistrationsAggregates(registrations_channel, absl::Seconds(10));
    allocation_aggregates_ = NewGrpcAllocationAggregates(allocation_channel, absl::Seconds(10));
    MonitoringAppOptions options;
    options.status_max_age = absl::Minutes(5);
    options.national_figures = ShippedNationalFigures();
    auto monitoring = MonitoringApp::Create(&monitoring_db_->db(), registrations_aggregates_.get(),
                                            allocation_aggregates_.get(), &clock_, options);
    ASSERT_TRUE(monitoring.ok()) << monitoring.status();
    monitoring_app_ = *std::move(monitoring);
    monitoring_runtime_ = StartRuntime("swv-monitoring", monitoring_app_->grpc_services());

    directory_ = pb::Directory::NewStub(registrations_channel);
    registrations_ = pb::Registrations::NewStub(registrations_channel);
    tlvs_ = pb::Tlvs::NewStub(registrations_channel);
    support_ = pb::Support::NewStub(registrations_channel);
    allocation_ = pb::Allocation::NewStub(allocation_channel);
    monitoring_ = pb::Monitoring::NewStub(
        swv::testing::TestChannel(absl::StrCat("127.0.0.1:", monitoring_runtime_->grpc_port())));
  }

  void TearDown() override {
    for (auto* runtime : {&monitoring_runtime_, &allocation_runtime_, &registrations_runtime_}) {
      if (*runtime) (*runtime)->Shutdown();
    }
  }

  // The hand-built data set, through the services' gRPC APIs (monitoring_integration_seed.cc;
  // what each seeds is described there).
  void SeedDirectory();
  void SeedRegister();
  void SeedTlvs();
  void SeedSoProfiles();
  void SeedSupport();
  void SeedAllocation();

  void ImportGoals() {
    for (const char* path :
         {"data/goals/po2203/2026-2029.goals", "data/goals/onderwijs-dat-past/2023-2027.goals"}) {
      pb::ImportGoalSetRequest request;
      request.set_parent(kParent);
      request.set_content(ReadRepoFile(path));
      pb::ImportGoalSetResponse response;
      ASSERT_RPC(monitoring_->ImportGoalSet(Context().get(), request, &response));
    }
  }

  std::map<std::string, pb::GoalStatus> Statuses(int year, pb::Level level,
                                                 const std::string& level_id = "") {
    pb::GetGoalStatusesRequest request;
    request.set_parent(kParent);
    request.set_year(year);
    request.set_level(level);
    request.set_level_id(level_id);
    pb::GoalStatuses response;
    grpc::Status status = monitoring_->GetGoalStatuses(Context().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::map<std::string, pb::GoalStatus> out;
    for (const pb::GoalStatus& s : response.statuses())
      out[absl::StrCat(s.level_id(), "/", s.goal())] = s;
    return out;
  }

  FakeClock clock_{absl::FromCivil(absl::CivilSecond(2026, 11, 16, 10, 0, 0), DutchTimeZone())};
  std::unique_ptr<swv::testing::ScratchDatabase> registrations_db_, allocation_db_, monitoring_db_;
  std::unique_ptr<registrations::RegistrationsApp> registrations_app_;
  std::unique_ptr<swv::DirectoryClient> directory_reader_;
  std::unique_ptr<allocation::AllocationApp> allocation_app_;
  std::unique_ptr<RegistrationsAggregates> registrations_aggregates_;
  std::unique_ptr<AllocationAggregates> allocation_aggregates_;
  std::unique_ptr<MonitoringApp> monitoring_app_;
  std::unique_ptr<ServiceRuntime> registrations_runtime_, allocation_runtime_, monitoring_runtime_;
  std::unique_ptr<pb::Directory::Stub> directory_;
  std::unique_ptr<pb::Registrations::Stub> registrations_;
  std::unique_ptr<pb::Tlvs::Stub> tlvs_;
  std::unique_ptr<pb::Support::Stub> support_;
  std::unique_ptr<pb::Allocation::Stub> allocation_;
  std::unique_ptr<pb::Monitoring::Stub> monitoring_;
};

}  // namespace swv::monitoring::testing

#endif  // SWV_TESTS_SERVICES_MONITORING_MONITORING_INTEGRATION_FIXTURE_H_
