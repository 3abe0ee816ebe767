// End to end over gRPC, on SQLite and MariaDB: arrangements (apply, decide within 8 weeks) and OPDC
// placements (half a year, one extension), their history, and the support statistics against a
// seeded data set whose expected numbers are worked out by hand below. Who sees what is in
// support_scope_server_test.cc; the suite is instantiated here.
#include <algorithm>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "services/common/money.h"
#include "services/kernel/errors.h"
#include "swv/v1/support.grpc.pb.h"
#include "tests/services/registrations/registrations_server_fixture.h"
#include "tests/services/registrations/support/support_server_fixture.h"
#include "tests/testing/test_identity.h"

namespace swv::registrations {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> FieldsOf(const grpc::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(FromGrpcStatus(status))) {
    fields.push_back(v.field);
  }
  return fields;
}

void ExpectError(const grpc::Status& status, grpc::StatusCode code, const std::string& field,
                 const std::string& reason) {
  EXPECT_EQ(status.error_code(), code) << status.error_message();
  if (field.empty()) {
    EXPECT_THAT(FieldsOf(status), ::testing::IsEmpty());
  } else {
    EXPECT_THAT(FieldsOf(status), ElementsAre(field));
  }
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), reason);
}

TEST_P(SupportServerTest, ArrangementIsAppliedAndDecidedOnce) {
  const std::string name =
      Apply(pb::ARRANGEMENT_TARGET_PUPIL, "12AB00", "LVS-1", "", "2026-09-01", "ar-req-1");
  EXPECT_EQ(Apply(pb::ARRANGEMENT_TARGET_PUPIL, "12AB00", "LVS-1", "", "2026-09-01", "ar-req-1"),
            name);  // idempotent
  pb::GetArrangementRequest get;
  get.set_name(name);
  pb::Arrangement got;
  ASSERT_TRUE(support_->GetArrangement(Context().get(), get, &got).ok());
  EXPECT_EQ(got.status(), pb::ARRANGEMENT_STATUS_PENDING);
  EXPECT_EQ(got.decision_due(), "2026-10-27");
  EXPECT_TRUE(got.overdue());  // undecided on 16 Nov
  EXPECT_FALSE(got.pupil_id().empty());

  pb::Arrangement decided;
  ExpectError(Decide(name, pb::ARRANGEMENT_OUTCOME_GRANTED, "2026-11-02", 0, "2026-12-01",
                     "2027-07-31", &decided),
              grpc::StatusCode::INVALID_ARGUMENT, "amount_cents", "AMOUNT_NOT_POSITIVE");
  ExpectError(Decide(name, pb::ARRANGEMENT_OUTCOME_GRANTED, "2026-11-02", 100, "2027-08-01",
                     "2027-07-31", &decided),
              grpc::StatusCode::INVALID_ARGUMENT, "period_end", "PERIOD_REVERSED");
  ASSERT_TRUE(Decide(name, pb::ARRANGEMENT_OUTCOME_GRANTED, "2026-11-02", 125050, "2026-12-01",
                     "2027-07-31", &decided)
                  .ok());
  EXPECT_EQ(decided.status(), pb::ARRANGEMENT_STATUS_GRANTED);
  EXPECT_EQ(decided.amount_cents(), 125050);
  EXPECT_TRUE(decided.decided_late());  // 2 Nov is after 27 Oct
  EXPECT_FALSE(decided.overdue());
  ExpectError(Decide(name, pb::ARRANGEMENT_OUTCOME_REFUSED, "", 0, "", "", &decided),
              grpc::StatusCode::FAILED_PRECONDITION, "", "ARRANGEMENT_ALREADY_DECIDED");

  pb::ListSupportHistoryRequest history_request;
  history_request.set_name(name);
  pb::ListThuiszitterHistoryResponse history;
  ASSERT_TRUE(support_->ListArrangementHistory(Context().get(), history_request, &history).ok());
  ASSERT_EQ(history.changes_size(), 2);
  EXPECT_EQ(history.changes(0).action(), "applied");
  EXPECT_EQ(history.changes(1).action(), "decided");
  EXPECT_EQ(history.changes(1).actor(), "office:PO2203");

  // A group arrangement carries no pupil number.
  pb::CreateArrangementRequest request;
  request.set_parent("swvs/PO2203");
  request.mutable_arrangement()->set_target(pb::ARRANGEMENT_TARGET_GROUP);
  request.mutable_arrangement()->set_school("12AB00");
  request.mutable_arrangement()->set_lvs_pupil_number("LVS-1");
  request.mutable_arrangement()->set_description("Group support");
  request.mutable_arrangement()->set_applied_on("2026-11-01");
  pb::Arrangement reply;
  ExpectError(support_->CreateArrangement(Context().get(), request, &reply),
              grpc::StatusCode::INVALID_ARGUMENT, "arrangement.lvs_pupil_number", "NOT_APPLICABLE");
}

// The report: two grants of INT64_MAX cents were accepted and the statistics showed -2. Amounts
// above the money bound are refused, and the bound itself twice still adds up.
TEST_P(SupportServerTest, GrantedAmountsAreBoundedAndTheirSumDoesNotWrap) {
  const std::string first =
      Apply(pb::ARRANGEMENT_TARGET_PUPIL, "12AB00", "LVS-1", "", "2026-11-01");
  const std::string second =
      Apply(pb::ARRANGEMENT_TARGET_PUPIL, "12AB00", "LVS-2", "", "2026-11-01");
  pb::Arrangement decided;
  ExpectError(Decide(first, pb::ARRANGEMENT_OUTCOME_GRANTED, "2026-11-02",
                     std::numeric_limits<int64_t>::max(), "2026-12-01", "2027-07-31", &decided),
              grpc::StatusCode::INVALID_ARGUMENT, "amount_cents", "OUT_OF_RANGE");
  ExpectError(Decide(first, pb::ARRANGEMENT_OUTCOME_GRANTED, "2026-11-02", kMaxAmountCents + 1,
                     "2026-12-01", "2027-07-31", &decided),
              grpc::StatusCode::INVALID_ARGUMENT, "amount_cents", "OUT_OF_RANGE");
  for (const std::string& name : {first, second}) {
    ASSERT_TRUE(Decide(name, pb::ARRANGEMENT_OUTCOME_GRANTED, "2026-11-02", kMaxAmountCents,
                       "2026-12-01", "2027-07-31", &decided)
                    .ok());
  }
  pb::SupportStatistics stats =
      Statistics("2026-11-01", "2026-11-30", pb::SUPPORT_GROUPING_UNSPECIFIED);
  ASSERT_EQ(stats.groups_size(), 1);
  EXPECT_EQ(stats.groups(0).arrangements_granted_amount_cents(), 2 * kMaxAmountCents);
}

// A request_id replayed by another principal (here another LVS credential with the same school in
// scope) gets ALREADY_EXISTS and nothing of the first caller's arrangement; the first caller's own
// retry still gets it back.
TEST_P(SupportServerTest, ReplayedRequestIdOfAnotherPrincipalRevealsNothing) {
  const std::string name =
      Apply(pb::ARRANGEMENT_TARGET_PUPIL, "12AB00", "LVS-1", "", "2026-09-01", "ar-replay");
  pb::CreateArrangementRequest request;
  request.set_parent("swvs/PO2203");
  request.set_request_id("ar-replay");
  request.mutable_arrangement()->set_target(pb::ARRANGEMENT_TARGET_GROUP);
  request.mutable_arrangement()->set_school("12AB00");
  request.mutable_arrangement()->set_description("Group support");
  request.mutable_arrangement()->set_applied_on("2026-09-02");
  pb::Arrangement reply;
  grpc::Status status = support_->CreateArrangement(
      ContextAs(PrincipalKind::kSchool, {"12AB00"}).get(), request, &reply);
  ExpectError(status, grpc::StatusCode::ALREADY_EXISTS, "request_id", "REQUEST_ID_IN_USE");
  EXPECT_TRUE(reply.name().empty());
  EXPECT_THAT(status.error_message(), ::testing::Not(::testing::HasSubstr(name)));
  EXPECT_EQ(Apply(pb::ARRANGEMENT_TARGET_PUPIL, "12AB00", "LVS-1", "", "2026-09-01", "ar-replay"),
            name);
}

TEST_P(SupportServerTest, OpdcPlacementLastsHalfAYearAndIsExtendedOnce) {
  pb::CreateOpdcPlacementRequest request;
  request.set_parent("swvs/PO2203");
  pb::OpdcPlacement* in = request.mutable_placement();
  in->set_school("12AB00");
  in->set_lvs_pupil_number("LVS-1");
  in->set_opdc("99ZZ00");
  in->set_start_date("2026-09-01");
  in->set_planned_end("2027-03-02");
  pb::OpdcPlacement placed;
  ExpectError(support_->CreateOpdcPlacement(Context().get(), request, &placed),
              grpc::StatusCode::INVALID_ARGUMENT, "placement.planned_end", "LONGER_THAN_HALF_YEAR");
  in->set_planned_end("2027-03-01");
  ASSERT_TRUE(support_->CreateOpdcPlacement(Context().get(), request, &placed).ok());
  EXPECT_THAT(placed.name(), ::testing::StartsWith("swvs/PO2203/opdc-placements/op-"));
  EXPECT_EQ(placed.status(), pb::OPDC_PLACEMENT_STATUS_ACTIVE);

  pb::OpdcPlacement extended;
  ExpectError(Extend(placed.name(), "2027-09-02", "", &extended),
              grpc::StatusCode::INVALID_ARGUMENT, "new_end", "EXTENSION_LONGER_THAN_HALF_YEAR");
  ASSERT_TRUE(Extend(placed.name(), "2027-09-01", "", &extended).ok());
  EXPECT_TRUE(extended.extended());
  EXPECT_EQ(extended.original_end(), "2027-03-01");
  EXPECT_EQ(extended.planned_end(), "2027-09-01");
  EXPECT_EQ(extended.extended_on(), "2026-11-16");
  ExpectError(Extend(placed.name(), "2027-09-01", "", &extended),
              grpc::StatusCode::FAILED_PRECONDITION, "", "ALREADY_EXTENDED");

  pb::OpdcPlacement ended;
  ExpectError(End(placed.name(), "2026-08-31", &ended), grpc::StatusCode::INVALID_ARGUMENT,
              "ended_on", "END_BEFORE_START");
  ASSERT_TRUE(End(placed.name(), "2026-11-16", &ended).ok());
  EXPECT_EQ(ended.status(), pb::OPDC_PLACEMENT_STATUS_ENDED);
  ExpectError(End(placed.name(), "2026-11-16", &ended), grpc::StatusCode::FAILED_PRECONDITION, "",
              "PLACEMENT_ENDED");

  pb::ListSupportHistoryRequest history_request;
  history_request.set_name(placed.name());
  pb::ListThuiszitterHistoryResponse history;
  ASSERT_TRUE(support_->ListOpdcPlacementHistory(Context().get(), history_request, &history).ok());
  std::vector<std::string> actions;
  for (const pb::ThuiszitterChange& c : history.changes()) actions.push_back(c.action());
  EXPECT_THAT(actions, ElementsAre("started", "extended", "ended"));

  pb::ListOpdcPlacementsRequest list;
  list.set_parent("swvs/PO2203");
  list.set_status(pb::OPDC_PLACEMENT_STATUS_ACTIVE);
  pb::ListOpdcPlacementsResponse listed;
  ASSERT_TRUE(support_->ListOpdcPlacements(Context().get(), list, &listed).ok());
  EXPECT_EQ(listed.placements_size(), 0);
}

TEST_P(SupportServerTest, StatisticsForTheThirdQuarterMatchTheHandCount) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  pb::SupportStatistics stats =
      Statistics("2026-07-01", "2026-09-30", pb::SUPPORT_GROUPING_UNSPECIFIED);
  EXPECT_EQ(stats.as_of(), "2026-09-30");
  ASSERT_EQ(stats.groups_size(), 1);
  const pb::SupportCounts& g = stats.groups(0);
  EXPECT_EQ(g.arrangements_applied(), 4);                 // R1-R4
  EXPECT_EQ(g.arrangements_decided(), 2);                 // R1, R2
  EXPECT_EQ(g.arrangements_decided_within_8_weeks(), 1);  // R1 (R2 took 72 days)
  EXPECT_EQ(g.arrangements_granted(), 1);
  EXPECT_EQ(g.arrangements_refused(), 1);
  EXPECT_EQ(g.arrangements_granted_amount_cents(), 150000);
  EXPECT_EQ(g.arrangements_pending_at_end(), 2);       // R3, and R4 (decided in October)
  EXPECT_EQ(g.arrangements_overdue_at_end(), 1);       // R3: due 26 Sep; R4 due 27 Oct
  EXPECT_EQ(g.opdc_placements_started(), 4);           // P1, P2, P3, P5
  EXPECT_EQ(g.opdc_placements_started_extended(), 1);  // P1
  EXPECT_DOUBLE_EQ(g.opdc_extension_share(), 0.25);
  EXPECT_EQ(g.opdc_extensions_in_period(), 1);      // P1 on 15 Sep
  EXPECT_EQ(g.opdc_placements_active_at_end(), 3);  // P1, P3, P5 (P2 ended 30 Sep)

  stats = Statistics("2026-07-01", "2026-09-30", pb::SUPPORT_GROUPING_SCHOOL);
  std::vector<std::string> keys;
  for (const pb::SupportCounts& group : stats.groups()) keys.push_back(group.key());
  EXPECT_THAT(keys, ElementsAre("", "12AB00", "34CD00", "56EF00"));
  EXPECT_EQ(stats.groups(0).arrangements_applied(), 1);  // R4, the wijk arrangement
  EXPECT_EQ(stats.groups(0).arrangements_pending_at_end(), 1);
  const pb::SupportCounts& ab = stats.groups(1);
  EXPECT_EQ(ab.arrangements_applied(), 2);
  EXPECT_EQ(ab.arrangements_decided(), 2);
  EXPECT_EQ(ab.arrangements_granted_amount_cents(), 150000);
  EXPECT_EQ(ab.opdc_placements_started(), 2);  // P1, P3
  EXPECT_DOUBLE_EQ(ab.opdc_extension_share(), 0.5);
  const pb::SupportCounts& cd = stats.groups(2);
  EXPECT_EQ(cd.arrangements_overdue_at_end(), 1);  // R3
  EXPECT_EQ(cd.opdc_placements_started(), 1);      // P2
  EXPECT_EQ(cd.opdc_placements_active_at_end(), 0);
  EXPECT_EQ(stats.groups(3).opdc_placements_active_at_end(), 1);  // P5
}

TEST_P(SupportServerTest, StatisticsUpToTodayMatchTheHandCount) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  const pb::SupportStatistics stats =
      Statistics("2026-10-01", "2026-11-30", pb::SUPPORT_GROUPING_UNSPECIFIED);
  EXPECT_EQ(stats.as_of(), "2026-11-16");
  const pb::SupportCounts& g = stats.groups(0);
  EXPECT_EQ(g.arrangements_applied(), 1);                 // R5
  EXPECT_EQ(g.arrangements_decided(), 1);                 // R4
  EXPECT_EQ(g.arrangements_decided_within_8_weeks(), 1);  // 44 days
  EXPECT_EQ(g.arrangements_granted_amount_cents(), 2500000);
  EXPECT_EQ(g.arrangements_pending_at_end(), 2);  // R3, R5
  EXPECT_EQ(g.arrangements_overdue_at_end(), 1);  // R3 (R5 due 26 Nov)
  EXPECT_EQ(g.opdc_placements_started(), 1);      // P4
  EXPECT_EQ(g.opdc_placements_started_extended(), 1);
  EXPECT_DOUBLE_EQ(g.opdc_extension_share(), 1.0);
  EXPECT_EQ(g.opdc_extensions_in_period(), 1);      // P4 on 10 Nov
  EXPECT_EQ(g.opdc_placements_active_at_end(), 4);  // P1, P3, P4, P5
}

// The service checks scope again behind the gateway: a school sees and changes its own schools'
// arrangements and placements (another school's answer NOT_FOUND, lists are filtered, a wijk
// arrangement is the office's), a partner none, another tenant's office nothing; the statistics
// are the office's.
INSTANTIATE_TEST_SUITE_P(Databases, SupportServerTest,
                         ::testing::Values(storage::Dialect::kSqlite, storage::Dialect::kMysql),
                         [](const auto& test_param) {
                           return swv::testing::DialectName(test_param.param);
                         });

}  // namespace
}  // namespace swv::registrations
