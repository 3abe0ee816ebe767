// End to end over gRPC, on SQLite and MariaDB: arrangements (apply, decide within 8 weeks) and OPDC
// placements (half a year, one extension), their history, and the support statistics against a
// seeded data set whose expected numbers are worked out by hand below.
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
#include "tests/testing/test_identity.h"

namespace swv::registrations {
namespace {

namespace pb = ::swv::v1;
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

class SupportServerTest : public RegistrationsServerTest {
 protected:
  void SetUp() override {
    RegistrationsServerTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    support_ = pb::Support::NewStub(
        swv::testing::TestChannel(absl::StrCat("127.0.0.1:", runtime_->grpc_port())));
  }

  std::string Apply(pb::ArrangementTarget target, const std::string& school,
                    const std::string& pupil, const std::string& wijk,
                    const std::string& applied_on, const std::string& request_id = "") {
    pb::CreateArrangementRequest request;
    request.set_parent("swvs/PO2203");
    request.set_request_id(request_id);
    pb::Arrangement* a = request.mutable_arrangement();
    a->set_target(target);
    a->set_school(school);
    a->set_lvs_pupil_number(pupil);
    a->set_wijk(wijk);
    a->set_description("Extra support");
    a->set_applied_on(applied_on);
    pb::Arrangement reply;
    grpc::Status status = support_->CreateArrangement(Context().get(), request, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return reply.name();
  }

  grpc::Status Decide(const std::string& name, pb::ArrangementOutcome outcome,
                      const std::string& decided_on, int64_t amount_cents, const std::string& start,
                      const std::string& end, pb::Arrangement* reply) {
    pb::DecideArrangementRequest request;
    request.set_name(name);
    request.set_outcome(outcome);
    request.set_decided_on(decided_on);
    request.set_amount_cents(amount_cents);
    request.set_period_start(start);
    request.set_period_end(end);
    return support_->DecideArrangement(Context("office:PO2203").get(), request, reply);
  }

  std::string Place(const std::string& school, const std::string& pupil, const std::string& start,
                    const std::string& planned_end) {
    pb::CreateOpdcPlacementRequest request;
    request.set_parent("swvs/PO2203");
    pb::OpdcPlacement* p = request.mutable_placement();
    p->set_school(school);
    p->set_lvs_pupil_number(pupil);
    p->set_opdc("99ZZ00");
    p->set_start_date(start);
    p->set_planned_end(planned_end);
    pb::OpdcPlacement reply;
    grpc::Status status = support_->CreateOpdcPlacement(Context().get(), request, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return reply.name();
  }

  grpc::Status Extend(const std::string& name, const std::string& new_end,
                      const std::string& extended_on, pb::OpdcPlacement* reply) {
    pb::ExtendOpdcPlacementRequest request;
    request.set_name(name);
    request.set_new_end(new_end);
    request.set_extended_on(extended_on);
    request.set_reason("needs more time before returning");
    return support_->ExtendOpdcPlacement(Context("office:PO2203").get(), request, reply);
  }

  grpc::Status End(const std::string& name, const std::string& ended_on, pb::OpdcPlacement* reply) {
    pb::EndOpdcPlacementRequest request;
    request.set_name(name);
    request.set_ended_on(ended_on);
    request.set_reason("back at own school");
    return support_->EndOpdcPlacement(Context("office:PO2203").get(), request, reply);
  }

  // Today is 2026-11-16.
  //   R1 pupil   12AB00 applied 2026-07-01, granted 2026-08-15 (45 days) EUR 1,500.00
  //   R2 group   12AB00 applied 2026-07-10, refused 2026-09-20 (72 days: late)
  //   R3 teacher 34CD00 applied 2026-08-01, pending (due 2026-09-26)
  //   R4 wijk    SCH-OOST applied 2026-09-01, granted 2026-10-15 (44 days) EUR 25,000.00
  //   R5 pupil   34CD00 applied 2026-10-01, pending (due 2026-11-26)
  //   P1 12AB00 start 2026-07-01 end 2027-01-01, extended 2026-09-15 to 2027-06-30
  //   P2 34CD00 start 2026-08-01 end 2026-12-31, ended 2026-09-30
  //   P3 12AB00 start 2026-09-01 end 2027-02-28
  //   P5 56EF00 start 2026-09-15 end 2027-03-15
  //   P4 34CD00 start 2026-10-01 end 2027-03-31, extended 2026-11-10 to 2027-07-31
  void Seed() {
    pb::Arrangement a;
    ASSERT_TRUE(Decide(Apply(pb::ARRANGEMENT_TARGET_PUPIL, "12AB00", "LVS-1", "", "2026-07-01"),
                       pb::ARRANGEMENT_OUTCOME_GRANTED, "2026-08-15", 150000, "2026-09-01",
                       "2027-07-31", &a)
                    .ok());
    ASSERT_TRUE(Decide(Apply(pb::ARRANGEMENT_TARGET_GROUP, "12AB00", "", "", "2026-07-10"),
                       pb::ARRANGEMENT_OUTCOME_REFUSED, "2026-09-20", 0, "", "", &a)
                    .ok());
    EXPECT_TRUE(a.decided_late());
    Apply(pb::ARRANGEMENT_TARGET_TEACHER, "34CD00", "", "", "2026-08-01");
    ASSERT_TRUE(Decide(Apply(pb::ARRANGEMENT_TARGET_WIJK, "", "", "SCH-OOST", "2026-09-01"),
                       pb::ARRANGEMENT_OUTCOME_GRANTED, "2026-10-15", 2500000, "2026-11-01",
                       "2027-07-31", &a)
                    .ok());
    Apply(pb::ARRANGEMENT_TARGET_PUPIL, "34CD00", "LVS-2", "", "2026-10-01");

    pb::OpdcPlacement p;
    ASSERT_TRUE(
        Extend(Place("12AB00", "LVS-1", "2026-07-01", "2027-01-01"), "2027-06-30", "2026-09-15", &p)
            .ok());
    ASSERT_TRUE(End(Place("34CD00", "LVS-3", "2026-08-01", "2026-12-31"), "2026-09-30", &p).ok());
    Place("12AB00", "LVS-4", "2026-09-01", "2027-02-28");
    Place("56EF00", "LVS-6", "2026-09-15", "2027-03-15");
    ASSERT_TRUE(
        Extend(Place("34CD00", "LVS-5", "2026-10-01", "2027-03-31"), "2027-07-31", "2026-11-10", &p)
            .ok());
  }

  pb::SupportStatistics Statistics(const std::string& from, const std::string& to,
                                   pb::SupportGrouping group_by) {
    pb::GetSupportStatisticsRequest request;
    request.set_parent("swvs/PO2203");
    request.set_from(from);
    request.set_to(to);
    request.set_group_by(group_by);
    pb::SupportStatistics reply;
    grpc::Status status = support_->GetSupportStatistics(Context().get(), request, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return reply;
  }

  std::unique_ptr<pb::Support::Stub> support_;
};

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
TEST_P(SupportServerTest, ScopedPrincipalsSeeOnlyTheirSchoolsRecords) {
  const std::string own = Apply(pb::ARRANGEMENT_TARGET_PUPIL, "12AB00", "LVS-1", "", "2026-10-01");
  const std::string other =
      Apply(pb::ARRANGEMENT_TARGET_PUPIL, "34CD00", "LVS-2", "", "2026-10-01");
  const std::string wijk = Apply(pb::ARRANGEMENT_TARGET_WIJK, "", "", "SCH-OOST", "2026-10-01");
  const std::string own_placement = Place("12AB00", "LVS-1", "2026-09-01", "2027-02-28");
  const std::string other_placement = Place("34CD00", "LVS-2", "2026-09-01", "2027-02-28");
  auto school = [] { return ContextAs(PrincipalKind::kSchool, {"12AB00"}); };
  auto partner = [] { return ContextAs(PrincipalKind::kPartner, {"GM0606"}); };

  pb::GetArrangementRequest get;
  pb::Arrangement arrangement;
  get.set_name(own);
  EXPECT_TRUE(support_->GetArrangement(school().get(), get, &arrangement).ok());
  EXPECT_EQ(support_->GetArrangement(partner().get(), get, &arrangement).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(
      support_
          ->GetArrangement(ContextAs(PrincipalKind::kOffice, {}, "PO2204").get(), get, &arrangement)
          .error_code(),
      grpc::StatusCode::NOT_FOUND);
  for (const std::string& hidden : {other, wijk}) {
    get.set_name(hidden);
    EXPECT_EQ(support_->GetArrangement(school().get(), get, &arrangement).error_code(),
              grpc::StatusCode::NOT_FOUND)
        << hidden;
  }
  pb::ListArrangementsRequest list;
  list.set_parent("swvs/PO2203");
  pb::ListArrangementsResponse listed;
  ASSERT_TRUE(support_->ListArrangements(school().get(), list, &listed).ok());
  ASSERT_EQ(listed.arrangements_size(), 1);
  EXPECT_EQ(listed.arrangements(0).name(), own);
  EXPECT_EQ(support_->ListArrangements(partner().get(), list, &listed).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  pb::ListSupportHistoryRequest history;
  history.set_name(other);
  pb::ListThuiszitterHistoryResponse changes;
  EXPECT_EQ(support_->ListArrangementHistory(school().get(), history, &changes).error_code(),
            grpc::StatusCode::NOT_FOUND);
  // Deciding is the office's, whichever school the arrangement is for; a partner never writes.
  pb::DecideArrangementRequest decide;
  decide.set_name(other);
  decide.set_outcome(pb::ARRANGEMENT_OUTCOME_REFUSED);
  decide.set_decided_on("2026-11-10");
  EXPECT_EQ(support_->DecideArrangement(school().get(), decide, &arrangement).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  pb::CreateArrangementRequest create;
  create.set_parent("swvs/PO2203");
  create.mutable_arrangement()->set_target(pb::ARRANGEMENT_TARGET_GROUP);
  create.mutable_arrangement()->set_school("34CD00");
  create.mutable_arrangement()->set_description("Extra support");
  create.mutable_arrangement()->set_applied_on("2026-11-01");
  EXPECT_EQ(support_->CreateArrangement(school().get(), create, &arrangement).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(support_->CreateArrangement(partner().get(), create, &arrangement).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  create.mutable_arrangement()->set_school("12AB00");
  EXPECT_TRUE(support_->CreateArrangement(school().get(), create, &arrangement).ok());

  pb::GetOpdcPlacementRequest get_placement;
  pb::OpdcPlacement placement;
  get_placement.set_name(own_placement);
  EXPECT_TRUE(support_->GetOpdcPlacement(school().get(), get_placement, &placement).ok());
  get_placement.set_name(other_placement);
  EXPECT_EQ(support_->GetOpdcPlacement(school().get(), get_placement, &placement).error_code(),
            grpc::StatusCode::NOT_FOUND);
  pb::ListOpdcPlacementsRequest list_placements;
  list_placements.set_parent("swvs/PO2203");
  pb::ListOpdcPlacementsResponse placements;
  ASSERT_TRUE(support_->ListOpdcPlacements(school().get(), list_placements, &placements).ok());
  ASSERT_EQ(placements.placements_size(), 1);
  EXPECT_EQ(placements.placements(0).name(), own_placement);
  pb::OpdcPlacement ended;
  pb::EndOpdcPlacementRequest end;
  end.set_name(other_placement);
  end.set_ended_on("2026-11-10");
  end.set_reason("back at own school");
  EXPECT_EQ(support_->EndOpdcPlacement(school().get(), end, &ended).error_code(),
            grpc::StatusCode::NOT_FOUND);

  pb::GetSupportStatisticsRequest statistics;
  statistics.set_parent("swvs/PO2203");
  statistics.set_from("2026-01-01");
  statistics.set_to("2026-11-16");
  pb::SupportStatistics figures;
  EXPECT_EQ(support_->GetSupportStatistics(school().get(), statistics, &figures).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(
      support_
          ->GetSupportStatistics(ContextAs(PrincipalKind::kOffice, {}).get(), statistics, &figures)
          .ok());
}

// Wijk steering (002/000): a wijkarrangement is read and listed by the schools and boards with a
// school in its wijk (12AB00 and 34CD00 of B1 in W1, 13AB00 of B2 in W2), by no one else but the
// office.
TEST_P(SupportServerTest, AWijkArrangementIsReadByTheSchoolsAndBoardsOfItsWijk) {
  SeedDirectory();
  const std::string w1 = Apply(pb::ARRANGEMENT_TARGET_WIJK, "", "", "W1", "2026-10-01");
  const std::string w2 = Apply(pb::ARRANGEMENT_TARGET_WIJK, "", "", "W2", "2026-10-01");
  const std::string pupil =
      Apply(pb::ARRANGEMENT_TARGET_PUPIL, "13AB00", "LVS-9", "", "2026-10-01");
  struct Case {
    PrincipalKind kind;
    std::string scope;
    std::vector<std::string> sees;
  };
  const std::vector<Case> cases = {
      {PrincipalKind::kSchool, "12AB00", {w1}},        {PrincipalKind::kBoard, "B1", {w1}},
      {PrincipalKind::kSchool, "13AB00", {w2, pupil}}, {PrincipalKind::kBoard, "B2", {w2, pupil}},
      {PrincipalKind::kSchool, "34CD00", {w1}},  // the SBO school of W1
      {PrincipalKind::kSchool, "78GH00", {}},    // no wijk in the directory
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.scope);
    pb::ListArrangementsRequest list;
    list.set_parent("swvs/PO2203");
    pb::ListArrangementsResponse listed;
    ASSERT_TRUE(support_->ListArrangements(ContextAs(c.kind, {c.scope}).get(), list, &listed).ok());
    std::vector<std::string> names;
    for (const pb::Arrangement& a : listed.arrangements()) names.push_back(a.name());
    EXPECT_EQ(names, c.sees);
    for (const std::string& name : {w1, w2}) {
      pb::GetArrangementRequest get;
      get.set_name(name);
      pb::Arrangement arrangement;
      const bool sees = std::find(c.sees.begin(), c.sees.end(), name) != c.sees.end();
      EXPECT_EQ(support_->GetArrangement(ContextAs(c.kind, {c.scope}).get(), get, &arrangement)
                    .error_code(),
                sees ? grpc::StatusCode::OK : grpc::StatusCode::NOT_FOUND)
          << name;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Databases, SupportServerTest,
                         ::testing::Values(storage::Dialect::kSqlite, storage::Dialect::kMysql),
                         [](const auto& test_param) {
                           return swv::testing::DialectName(test_param.param);
                         });

}  // namespace
}  // namespace swv::registrations
