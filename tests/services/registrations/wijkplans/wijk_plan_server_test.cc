// Wijk plans over gRPC on SQLite and MariaDB: one per wijk and year, the directory's wijken only,
// revised at a version, read by the office and by the schools and boards of the plan's wijk.
#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "services/kernel/errors.h"
#include "swv/v1/wijk_plans.grpc.pb.h"
#include "tests/services/registrations/registrations_server_fixture.h"

namespace swv::registrations {
namespace {

namespace pb = ::swv::v1;

class WijkPlanServerTest : public RegistrationsServerTest {
 protected:
  void SetUp() override {
    RegistrationsServerTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    SeedDirectory();  // W1: 12AB00 (B1), 34CD00 (B1); W2: 13AB00 (B2)
    plans_ = pb::WijkPlans::NewStub(channel_);
  }

  static pb::RecordWijkPlanRequest PlanRequest(const std::string& wijk, int year) {
    pb::RecordWijkPlanRequest request;
    request.set_parent("swvs/PO2203");
    request.set_request_id(wijk + std::to_string(year));
    pb::WijkPlan* p = request.mutable_wijk_plan();
    p->set_wijk(wijk);
    p->set_year(year);
    p->set_summary("Reading support per school; HB groups shared in the wijk.");
    p->set_covers_child_level(true);
    p->set_covers_school_level(true);
    p->set_adopted_on("2026-11-10");
    p->set_adopted_by("wijkoverleg " + wijk);
    p->set_aligned_with_youth_care(false);
    return request;
  }

  grpc::Status Record(const pb::RecordWijkPlanRequest& request, pb::WijkPlan* reply) {
    return plans_->RecordWijkPlan(ContextAs(PrincipalKind::kOffice, {}).get(), request, reply);
  }

  std::unique_ptr<pb::WijkPlans::Stub> plans_;
};

TEST_P(WijkPlanServerTest, OnePlanPerWijkAndYearOfAWijkTheDirectoryKnows) {
  pb::WijkPlan plan;
  ASSERT_TRUE(Record(PlanRequest("w1", 2027), &plan).ok());
  EXPECT_EQ(plan.name(), "swvs/PO2203/wijk-plans/W1-2027");
  EXPECT_FALSE(plan.covers_every_level());
  // The same request again is the same plan; another request for the same wijk and year is not.
  pb::WijkPlan again;
  ASSERT_TRUE(Record(PlanRequest("w1", 2027), &again).ok());
  EXPECT_EQ(again.name(), plan.name());
  pb::RecordWijkPlanRequest second = PlanRequest("W1", 2027);
  second.set_request_id("another");
  absl::Status status = FromGrpcStatus(Record(second, &again));
  EXPECT_EQ(status.code(), absl::StatusCode::kAlreadyExists) << status;
  EXPECT_EQ(ReasonOf(status), "WIJK_PLAN_EXISTS");

  status = FromGrpcStatus(Record(PlanRequest("W9", 2027), &again));
  EXPECT_EQ(ReasonOf(status), "UNKNOWN_WIJK") << status;
  ASSERT_EQ(FieldViolationsOf(status).size(), 1u);
  EXPECT_EQ(FieldViolationsOf(status)[0].field, "wijk_plan.wijk");
}

TEST_P(WijkPlanServerTest, ARevisionKeepsWijkAndYearAndChecksTheVersion) {
  pb::WijkPlan plan;
  ASSERT_TRUE(Record(PlanRequest("W1", 2027), &plan).ok());
  pb::UpdateWijkPlanRequest update;
  *update.mutable_wijk_plan() = PlanRequest("W1", 2027).wijk_plan();
  update.mutable_wijk_plan()->set_name(plan.name());
  update.mutable_wijk_plan()->set_covers_wijk_level(true);
  update.mutable_wijk_plan()->set_version(plan.version());
  pb::WijkPlan revised;
  ASSERT_TRUE(
      plans_->UpdateWijkPlan(ContextAs(PrincipalKind::kOffice, {}).get(), update, &revised).ok());
  EXPECT_TRUE(revised.covers_every_level());
  EXPECT_EQ(revised.version(), plan.version() + 1);

  absl::Status stale = FromGrpcStatus(
      plans_->UpdateWijkPlan(ContextAs(PrincipalKind::kOffice, {}).get(), update, &revised));
  EXPECT_EQ(ReasonOf(stale), "VERSION_MISMATCH") << stale;
  update.mutable_wijk_plan()->set_version(0);
  update.mutable_wijk_plan()->set_year(2028);
  absl::Status fixed = FromGrpcStatus(
      plans_->UpdateWijkPlan(ContextAs(PrincipalKind::kOffice, {}).get(), update, &revised));
  EXPECT_EQ(ReasonOf(fixed), "FIXED_FIELD") << fixed;
  EXPECT_EQ(FieldViolationsOf(fixed)[0].field, "wijk_plan.year");
}

TEST_P(WijkPlanServerTest, TheSchoolsAndBoardsOfTheWijkReadItsPlan) {
  pb::WijkPlan w1, w2;
  ASSERT_TRUE(Record(PlanRequest("W1", 2027), &w1).ok());
  ASSERT_TRUE(Record(PlanRequest("W2", 2027), &w2).ok());
  ASSERT_TRUE(Record(PlanRequest("W1", 2026), &w2).ok());

  pb::GetWijkPlanRequest get;
  get.set_name(w1.name());
  pb::WijkPlan read;
  EXPECT_TRUE(
      plans_->GetWijkPlan(ContextAs(PrincipalKind::kSchool, {"12AB00"}).get(), get, &read).ok());
  EXPECT_EQ(plans_->GetWijkPlan(ContextAs(PrincipalKind::kSchool, {"13AB00"}).get(), get, &read)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_TRUE(plans_->GetWijkPlan(ContextAs(PrincipalKind::kBoard, {"B1"}).get(), get, &read).ok());
  EXPECT_EQ(plans_->GetWijkPlan(ContextAs(PrincipalKind::kPartner, {"GM0606"}).get(), get, &read)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  pb::ListWijkPlansRequest list;
  list.set_parent("swvs/PO2203");
  pb::ListWijkPlansResponse listed;
  ASSERT_TRUE(
      plans_->ListWijkPlans(ContextAs(PrincipalKind::kSchool, {"13AB00"}).get(), list, &listed)
          .ok());
  ASSERT_EQ(listed.wijk_plans_size(), 1);
  EXPECT_EQ(listed.wijk_plans(0).wijk(), "W2");
  ASSERT_TRUE(
      plans_->ListWijkPlans(ContextAs(PrincipalKind::kBoard, {"B1"}).get(), list, &listed).ok());
  EXPECT_EQ(listed.wijk_plans_size(), 2);  // W1 2026 and 2027
  list.set_year(2027);
  ASSERT_TRUE(
      plans_->ListWijkPlans(ContextAs(PrincipalKind::kOffice, {}).get(), list, &listed).ok());
  EXPECT_EQ(listed.wijk_plans_size(), 2);  // W1 and W2

  pb::RecordWijkPlanRequest by_school = PlanRequest("W1", 2028);
  EXPECT_EQ(
      plans_->RecordWijkPlan(ContextAs(PrincipalKind::kSchool, {"12AB00"}).get(), by_school, &read)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
}

INSTANTIATE_TEST_SUITE_P(Databases, WijkPlanServerTest,
                         ::testing::Values(storage::Dialect::kSqlite, storage::Dialect::kMysql),
                         [](const auto& test_param) {
                           return swv::testing::DialectName(test_param.param);
                         });

}  // namespace
}  // namespace swv::registrations
