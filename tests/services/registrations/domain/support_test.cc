// Arrangement and OPDC rules: each broken once (code, field, reason) and met once; the 8-week and
// half-year boundaries; the support counts.
#include "services/registrations/domain/support.h"

#include <limits>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/money.h"
#include "services/kernel/errors.h"
#include "tests/services/registrations/domain/domain_test_helpers.h"

namespace swv::registrations::support_test {
namespace {

const Day kToday(2026, 11, 16);

// ---- Application
// ---------------------------------------------------------------------------------

ArrangementApplication Pupil() {
  ArrangementApplication a;
  a.target = ArrangementTarget::kPupil;
  a.school = "12AB00";
  a.lvs_pupil_number = "LVS-1";
  a.description = "Extra reading support, 2 hours a week";
  a.applied_on = "2026-10-01";
  return a;
}

TEST(ArrangementApplication, EveryTargetHasItsOwnFields) {
  ASSERT_TRUE(ValidateArrangementApplication(Pupil(), kToday).ok());
  ArrangementApplication group = Pupil();
  group.target = ArrangementTarget::kGroup;
  group.lvs_pupil_number = "";
  ASSERT_TRUE(ValidateArrangementApplication(group, kToday).ok());
  ArrangementApplication wijk = Pupil();
  wijk.target = ArrangementTarget::kWijk;
  wijk.school = "";
  wijk.lvs_pupil_number = "";
  wijk.wijk = "SCH-OOST";
  absl::StatusOr<ValidArrangementApplication> valid = ValidateArrangementApplication(wijk, kToday);
  ASSERT_TRUE(valid.ok()) << valid.status();
  EXPECT_EQ(valid->wijk, "SCH-OOST");
  EXPECT_FALSE(valid->school.has_value());
}

TEST(ArrangementApplication, EachRuleNamesItsField) {
  struct Case {
    void (*breaks)(ArrangementApplication&);
    const char* field;
    const char* reason;
  };
  const Case cases[] = {
      {[](ArrangementApplication& a) { a.target.reset(); }, "arrangement.target", "REQUIRED"},
      {[](ArrangementApplication& a) { a.school = ""; }, "arrangement.school", "REQUIRED"},
      {[](ArrangementApplication& a) { a.lvs_pupil_number = ""; }, "arrangement.lvs_pupil_number",
       "REQUIRED"},
      {[](ArrangementApplication& a) { a.wijk = "OOST"; }, "arrangement.wijk", "NOT_APPLICABLE"},
      {[](ArrangementApplication& a) { a.target = ArrangementTarget::kTeacher; },
       "arrangement.lvs_pupil_number", "NOT_APPLICABLE"},
      {[](ArrangementApplication& a) {
         a.target = ArrangementTarget::kWijk;
         a.lvs_pupil_number = "";
         a.wijk = "SCH-OOST";
       },
       "arrangement.school", "NOT_APPLICABLE"},
      {[](ArrangementApplication& a) {
         a.target = ArrangementTarget::kWijk;
         a.school = "";
         a.lvs_pupil_number = "";
         a.wijk = "oost west";
       },
       "arrangement.wijk", "MALFORMED_WIJK_CODE"},
      {[](ArrangementApplication& a) { a.description = ""; }, "arrangement.description",
       "REQUIRED"},
      {[](ArrangementApplication& a) { a.applied_on = "2026-11-17"; }, "arrangement.applied_on",
       "DATE_IN_FUTURE"},
  };
  for (const Case& c : cases) {
    ArrangementApplication input = Pupil();
    c.breaks(input);
    SCOPED_TRACE(c.reason);
    ExpectInvalid(ValidateArrangementApplication(input, kToday).status(), c.field, c.reason);
  }
}

// ---- Decision
// ------------------------------------------------------------------------------------

ArrangementDecisionInput Granted() {
  ArrangementDecisionInput d;
  d.outcome = ArrangementOutcome::kGranted;
  d.decided_on = "2026-11-02";
  d.amount_cents = 125050;
  d.period_start = "2026-12-01";
  d.period_end = "2027-07-31";
  return d;
}

TEST(ArrangementDecision, GrantedAndRefused) {
  const Day applied(2026, 10, 1);
  absl::StatusOr<ValidArrangementDecision> granted =
      ValidateArrangementDecision(ArrangementStatus::kPending, applied, Granted(), kToday);
  ASSERT_TRUE(granted.ok()) << granted.status();
  EXPECT_EQ(granted->amount_cents, 125050);
  ASSERT_TRUE(granted->period.has_value());
  EXPECT_EQ(granted->period->last, Day(2027, 7, 31));

  ArrangementDecisionInput refused;
  refused.outcome = ArrangementOutcome::kRefused;
  refused.note = "basic support covers this";
  absl::StatusOr<ValidArrangementDecision> r =
      ValidateArrangementDecision(ArrangementStatus::kPending, applied, refused, kToday);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->decided_on, kToday);  // default
  EXPECT_FALSE(r->period.has_value());
}

TEST(ArrangementDecision, EachRuleNamesItsField) {
  const Day applied(2026, 10, 1);
  ExpectOneViolation(
      ValidateArrangementDecision(ArrangementStatus::kGranted, applied, Granted(), kToday).status(),
      absl::StatusCode::kFailedPrecondition, "", "ARRANGEMENT_ALREADY_DECIDED");
  struct Case {
    void (*breaks)(ArrangementDecisionInput&);
    const char* field;
    const char* reason;
  };
  const Case cases[] = {
      {[](ArrangementDecisionInput& d) { d.outcome.reset(); }, "outcome", "REQUIRED"},
      {[](ArrangementDecisionInput& d) { d.amount_cents = 0; }, "amount_cents",
       "AMOUNT_NOT_POSITIVE"},
      {[](ArrangementDecisionInput& d) { d.amount_cents = -5; }, "amount_cents",
       "AMOUNT_NOT_POSITIVE"},
      {[](ArrangementDecisionInput& d) { d.amount_cents = kMaxAmountCents + 1; }, "amount_cents",
       "OUT_OF_RANGE"},
      {[](ArrangementDecisionInput& d) { d.period_start = ""; }, "period_start", "REQUIRED"},
      {[](ArrangementDecisionInput& d) { d.period_end = "2026-11-30"; }, "period_end",
       "PERIOD_REVERSED"},
      {[](ArrangementDecisionInput& d) { d.decided_on = "2026-09-30"; }, "decided_on",
       "DECISION_BEFORE_APPLICATION"},
      {[](ArrangementDecisionInput& d) { d.decided_on = "2026-11-17"; }, "decided_on",
       "DATE_IN_FUTURE"},
      {[](ArrangementDecisionInput& d) {
         d.outcome = ArrangementOutcome::kRefused;
         d.period_start = "";
         d.period_end = "";
       },
       "amount_cents", "NOT_APPLICABLE"},
  };
  for (const Case& c : cases) {
    ArrangementDecisionInput input = Granted();
    c.breaks(input);
    SCOPED_TRACE(c.reason);
    ExpectInvalid(
        ValidateArrangementDecision(ArrangementStatus::kPending, applied, input, kToday).status(),
        c.field, c.reason);
  }
}

TEST(ArrangementDecision, EightWeeksIsFiftySixDays) {
  const Day applied(2026, 9, 1);
  EXPECT_EQ(DecisionDue(applied), Day(2026, 10, 27));
  EXPECT_FALSE(IsDecisionOverdue(applied, absl::nullopt, Day(2026, 10, 27)));
  EXPECT_TRUE(IsDecisionOverdue(applied, absl::nullopt, Day(2026, 10, 28)));
  // Decided later than the as-of day: still undecided on that day.
  EXPECT_TRUE(IsDecisionOverdue(applied, Day(2026, 11, 1), Day(2026, 10, 28)));
  EXPECT_FALSE(IsDecisionOverdue(applied, Day(2026, 10, 20), Day(2026, 10, 28)));
  EXPECT_FALSE(IsDecidedLate(applied, Day(2026, 10, 27)));
  EXPECT_TRUE(IsDecidedLate(applied, Day(2026, 10, 28)));
}

// ---- OPDC
// ----------------------------------------------------------------------------------------

OpdcPlacementInput Placement() {
  return OpdcPlacementInput{"12AB00", "LVS-1", "99ZZ00", "2026-09-01", "2027-03-01"};
}

TEST(OpdcPlacement, HalfAYearIsSixCalendarMonthsClamped) {
  EXPECT_EQ(LatestOpdcEnd(Day(2026, 9, 1)), Day(2027, 3, 1));
  EXPECT_EQ(LatestOpdcEnd(Day(2026, 8, 31)), Day(2027, 2, 28));
  EXPECT_EQ(LatestOpdcEnd(Day(2027, 8, 31)), Day(2028, 2, 29));  // leap year
  ASSERT_TRUE(ValidateOpdcPlacement(Placement()).ok());          // exactly half a year
  OpdcPlacementInput longer = Placement();
  longer.planned_end = "2027-03-02";
  ExpectInvalid(ValidateOpdcPlacement(longer).status(), "placement.planned_end",
                "LONGER_THAN_HALF_YEAR");
  OpdcPlacementInput reversed = Placement();
  reversed.planned_end = "2026-08-31";
  ExpectInvalid(ValidateOpdcPlacement(reversed).status(), "placement.planned_end",
                "END_BEFORE_START");
  OpdcPlacementInput no_opdc = Placement();
  no_opdc.opdc = "";
  ExpectInvalid(ValidateOpdcPlacement(no_opdc).status(), "placement.opdc", "REQUIRED");
  OpdcPlacementInput bsn = Placement();
  bsn.lvs_pupil_number = "123456789";
  ExpectInvalid(ValidateOpdcPlacement(bsn).status(), "placement.lvs_pupil_number",
                "LOOKS_LIKE_BSN");
}

TEST(OpdcExtension, OnceAndAtMostHalfAYear) {
  const Day start(2026, 9, 1);
  const Day end(2027, 3, 1);
  OpdcExtensionInput input{"2027-09-01", "2026-11-10", "needs more time"};
  absl::StatusOr<ValidOpdcExtension> ok =
      ValidateOpdcExtension(false, false, start, end, input, kToday);
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->new_end, Day(2027, 9, 1));

  ExpectOneViolation(ValidateOpdcExtension(false, true, start, end, input, kToday).status(),
                     absl::StatusCode::kFailedPrecondition, "", "ALREADY_EXTENDED");
  ExpectOneViolation(ValidateOpdcExtension(true, false, start, end, input, kToday).status(),
                     absl::StatusCode::kFailedPrecondition, "", "PLACEMENT_ENDED");
  OpdcExtensionInput too_long = input;
  too_long.new_end = "2027-09-02";
  ExpectInvalid(ValidateOpdcExtension(false, false, start, end, too_long, kToday).status(),
                "new_end", "EXTENSION_LONGER_THAN_HALF_YEAR");
  OpdcExtensionInput not_later = input;
  not_later.new_end = "2027-03-01";
  ExpectInvalid(ValidateOpdcExtension(false, false, start, end, not_later, kToday).status(),
                "new_end", "EXTENSION_NOT_LATER");
  OpdcExtensionInput no_reason = input;
  no_reason.reason = " ";
  ExpectInvalid(ValidateOpdcExtension(false, false, start, end, no_reason, kToday).status(),
                "reason", "REQUIRED");
}

TEST(OpdcEnd, Rules) {
  const Day start(2026, 9, 1);
  ASSERT_TRUE(ValidateOpdcEnd(false, start, {"2026-11-01", "back at own school"}, kToday).ok());
  ExpectOneViolation(ValidateOpdcEnd(true, start, {"2026-11-01", "x"}, kToday).status(),
                     absl::StatusCode::kFailedPrecondition, "", "PLACEMENT_ENDED");
  ExpectInvalid(ValidateOpdcEnd(false, start, {"2026-08-31", "x"}, kToday).status(), "ended_on",
                "END_BEFORE_START");
  ExpectInvalid(ValidateOpdcEnd(false, start, {"", "x"}, kToday).status(), "ended_on", "REQUIRED");
}

TEST(SupportCounts, ExtensionShareOfPlacementsStartedInThePeriod) {
  const DayRange q3{Day(2026, 7, 1), Day(2026, 9, 30)};
  SupportStatistics stats;
  CountOpdcPlacement({"12AB00", Day(2026, 7, 1), Day(2026, 9, 15), absl::nullopt}, q3, kToday,
                     stats);
  CountOpdcPlacement({"12AB00", Day(2026, 8, 1), absl::nullopt, Day(2026, 9, 30)}, q3, kToday,
                     stats);
  CountOpdcPlacement({"12AB00", Day(2026, 6, 1), Day(2026, 10, 1), absl::nullopt}, q3, kToday,
                     stats);
  EXPECT_EQ(stats.placements_started, 2);
  EXPECT_EQ(stats.placements_started_extended, 1);
  EXPECT_DOUBLE_EQ(ExtensionShare(stats), 0.5);
  EXPECT_EQ(stats.extensions_in_period, 1);
  EXPECT_EQ(stats.placements_active_at_end, 2);  // the one ended on 30 Sep is not
  EXPECT_DOUBLE_EQ(ExtensionShare(SupportStatistics{}), 0.0);
}

// Amounts stored before the bound existed can be anything: their total is checked, not wrapped.
TEST(SupportCounts, GrantedTotalThatDoesNotFitIsAnError) {
  const DayRange november{Day(2026, 11, 1), Day(2026, 11, 30)};
  const ArrangementFacts huge{"12AB00", Day(2026, 11, 1), Day(2026, 11, 2),
                              ArrangementOutcome::kGranted, std::numeric_limits<int64_t>::max()};
  SupportStatistics stats;
  ASSERT_TRUE(CountArrangement(huge, november, kToday, stats).ok());
  absl::Status second = CountArrangement(huge, november, kToday, stats);
  EXPECT_EQ(second.code(), absl::StatusCode::kOutOfRange) << second;
  EXPECT_EQ(ReasonOf(second), "AMOUNT_OVERFLOW");
}

}  // namespace
}  // namespace swv::registrations::support_test
