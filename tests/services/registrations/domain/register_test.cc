// The register's rules: thuiszitter plan, flags, exemptions, monitorkinderen. Each rule is broken
// once (code, field, reason) and met once.
#include "services/registrations/domain/register.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/kernel/errors.h"
#include "tests/services/registrations/domain/domain_test_helpers.h"

namespace swv::registrations::register_test {
namespace {

using ::testing::ElementsAre;

const Day kToday(2026, 11, 16);

// ---- Plan
// ----------------------------------------------------------------------------------------

PlanInput ValidPlan() {
  PlanInput p;
  p.description = "Two mornings a week at school, building up;\nweekly talk with parents.";
  p.agreed_on = "2026-10-10";
  p.responsible_name = "J. de Vries";
  p.responsible_role = "intern begeleider";
  p.responsible_organisation = "OBS De Linde";
  p.parents_involved = true;
  p.expected_resumption = "2027-01-05";
  return p;
}

TEST(Plan, ValidPlanIsAccepted) {
  absl::StatusOr<ThuiszitterPlan> plan =
      ValidatePlan(CaseStatus::kOpen, Day(2026, 9, 1), ValidPlan(), kToday);
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->agreed_on, Day(2026, 10, 10));
  EXPECT_EQ(plan->expected_resumption, Day(2027, 1, 5));  // the future is fine here
  EXPECT_TRUE(plan->parents_involved);
  EXPECT_EQ(plan->responsible_role, "intern begeleider");
}

TEST(Plan, ClosedCaseGetsNoPlan) {
  ExpectOneViolation(
      ValidatePlan(CaseStatus::kClosed, Day(2026, 9, 1), ValidPlan(), kToday).status(),
      absl::StatusCode::kFailedPrecondition, "", "CASE_ALREADY_CLOSED");
}

TEST(Plan, EachRuleNamesItsField) {
  struct Case {
    void (*breaks)(PlanInput&);
    const char* field;
    const char* reason;
  };
  const Case cases[] = {
      {[](PlanInput& p) { p.description = "  "; }, "plan.description", "REQUIRED"},
      {[](PlanInput& p) { p.description = std::string(2001, 'x'); }, "plan.description",
       "TOO_LONG"},
      {[](PlanInput& p) { p.agreed_on = ""; }, "plan.agreed_on", "REQUIRED"},
      {[](PlanInput& p) { p.agreed_on = "10-10-2026"; }, "plan.agreed_on", "MALFORMED_DATE"},
      {[](PlanInput& p) { p.agreed_on = "2026-11-17"; }, "plan.agreed_on", "DATE_IN_FUTURE"},
      {[](PlanInput& p) { p.agreed_on = "2026-08-31"; }, "plan.agreed_on", "PLAN_BEFORE_ABSENCE"},
      {[](PlanInput& p) { p.responsible_name = ""; }, "plan.responsible_name", "REQUIRED"},
      {[](PlanInput& p) { p.responsible_role = std::string(101, 'r'); }, "plan.responsible_role",
       "TOO_LONG"},
      {[](PlanInput& p) { p.responsible_organisation = "a\tb"; }, "plan.responsible_organisation",
       "INVALID_CHARACTERS"},
      {[](PlanInput& p) { p.expected_resumption = "2026-10-09"; }, "plan.expected_resumption",
       "RESUMPTION_BEFORE_PLAN"},
  };
  for (const Case& c : cases) {
    PlanInput input = ValidPlan();
    c.breaks(input);
    SCOPED_TRACE(c.reason);
    ExpectInvalid(ValidatePlan(CaseStatus::kOpen, Day(2026, 9, 1), input, kToday).status(), c.field,
                  c.reason);
  }
}

TEST(Plan, SeveralRulesGiveTheCombinedReason) {
  PlanInput input = ValidPlan();
  input.description = "";
  input.agreed_on = "2030-01-01";
  absl::Status status = ValidatePlan(CaseStatus::kOpen, Day(2026, 9, 1), input, kToday).status();
  EXPECT_EQ(ReasonOf(status), "INVALID_THUISZITTER_PLAN");
  EXPECT_THAT(FieldsOf(status), ElementsAre("plan.description", "plan.agreed_on"));
}

// ---- Flags
// ---------------------------------------------------------------------------------------

TEST(Flags, OneMonthAfterTheReportThreeMonthsAfterTheAbsenceStartForOpenCasesOnly) {
  const Day start(2026, 7, 31);
  const Day reported(2026, 8, 31);
  // Report +1 month = 30 Sep (clamped); flagged from 1 Oct.
  EXPECT_FALSE(FlagsOf(CaseStatus::kOpen, start, reported, Day(2026, 9, 30)).past_one_month);
  EXPECT_TRUE(FlagsOf(CaseStatus::kOpen, start, reported, Day(2026, 10, 1)).past_one_month);
  // Absence start +3 months = 31 Oct; flagged from 1 Nov, the day the category turns "over 3
  // months", not from 1 Dec (three months after the report).
  EXPECT_FALSE(FlagsOf(CaseStatus::kOpen, start, reported, Day(2026, 10, 31)).past_three_months);
  EXPECT_TRUE(FlagsOf(CaseStatus::kOpen, start, reported, Day(2026, 11, 1)).past_three_months);
  EXPECT_EQ(CategoryOf(AbsenceKind::kRelative, start, Day(2026, 11, 1)),
            ThuiszitterCategory::kRelativeOver3Months);
  // A closed case has resumed: no flags.
  const ThuiszitterFlags closed = FlagsOf(CaseStatus::kClosed, start, reported, Day(2027, 1, 1));
  EXPECT_FALSE(closed.past_one_month);
  EXPECT_FALSE(closed.past_three_months);
}

// ---- Exemption
// -----------------------------------------------------------------------------------

ExemptionInput ValidExemptionInput() {
  ExemptionInput e;
  e.residence_municipality = " gm0606 ";
  e.school = "12ab00";
  e.lvs_pupil_number = "LVS-9";
  e.start_date = "2027-08-01";  // the coming school year: allowed
  e.end_date = "2028-07-31";
  e.swv_involved = false;
  return e;
}

TEST(Exemption, ValidExemptionIsNormalised) {
  absl::StatusOr<ValidExemption> e = ValidateExemption(ValidExemptionInput(), kToday);
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->residence_municipality, "GM0606");
  ASSERT_TRUE(e->school.has_value());
  EXPECT_EQ(e->school->ToString(), "12AB00");
  EXPECT_FALSE(e->swv_involved);

  ExemptionInput minimal;
  minimal.residence_municipality = "GM0622";
  minimal.start_date = "2026-09-01";
  minimal.swv_involved = true;
  absl::StatusOr<ValidExemption> m = ValidateExemption(minimal, kToday);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_FALSE(m->school.has_value());
  EXPECT_FALSE(m->end_date.has_value());
  EXPECT_EQ(m->article, ExemptionArticle::k5a);  // unset: 5a, as before 5b was recorded
  EXPECT_FALSE(m->swv_advice.has_value());

  minimal.article = ExemptionArticle::k5b;
  minimal.swv_advice = SwvAdvice::kPositive;
  minimal.swv_advice_on = "2026-08-20";
  m = ValidateExemption(minimal, kToday);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->article, ExemptionArticle::k5b);
  EXPECT_EQ(m->swv_advice, SwvAdvice::kPositive);
  EXPECT_EQ(m->swv_advice_on, absl::CivilDay(2026, 8, 20));
}

TEST(Exemption, EachRuleNamesItsField) {
  struct Case {
    void (*breaks)(ExemptionInput&);
    const char* field;
    const char* reason;
  };
  const Case cases[] = {
      {[](ExemptionInput& e) { e.residence_municipality = ""; }, "exemption.residence_municipality",
       "REQUIRED"},
      {[](ExemptionInput& e) { e.residence_municipality = "0606"; },
       "exemption.residence_municipality", "MALFORMED_MUNICIPALITY_CODE"},
      {[](ExemptionInput& e) { e.school = ""; }, "exemption.school", "REQUIRED"},
      {[](ExemptionInput& e) { e.school = "12AB"; }, "exemption.school", "MALFORMED_SCHOOL_CODE"},
      {[](ExemptionInput& e) { e.lvs_pupil_number = "123456789"; }, "exemption.lvs_pupil_number",
       "LOOKS_LIKE_BSN"},
      {[](ExemptionInput& e) { e.start_date = ""; }, "exemption.start_date", "REQUIRED"},
      {[](ExemptionInput& e) { e.end_date = "2027-07-31"; }, "exemption.end_date",
       "END_BEFORE_START"},
      {[](ExemptionInput& e) { e.swv_involved.reset(); }, "exemption.swv_involved", "REQUIRED"},
      {[](ExemptionInput& e) {
         e.swv_involved = true;
         e.swv_advice = SwvAdvice::kPositive;
       },
       "exemption.swv_advice_on", "REQUIRED"},
      {[](ExemptionInput& e) {
         e.swv_involved = true;
         e.swv_advice_on = "2026-10-01";
       },
       "exemption.swv_advice", "REQUIRED"},
      {[](ExemptionInput& e) {
         e.swv_involved = true;
         e.swv_advice = SwvAdvice::kNegative;
         e.swv_advice_on = "2026-11-17";
       },
       "exemption.swv_advice_on", "DATE_IN_FUTURE"},
      {[](ExemptionInput& e) {
         e.swv_advice = SwvAdvice::kNegative;
         e.swv_advice_on = "2026-10-01";
       },
       "exemption.swv_involved", "ADVICE_WITHOUT_INVOLVEMENT"},
  };
  for (const Case& c : cases) {
    ExemptionInput input = ValidExemptionInput();
    c.breaks(input);
    SCOPED_TRACE(c.reason);
    ExpectInvalid(ValidateExemption(input, kToday).status(), c.field, c.reason);
  }
}

// ---- Monitorkind
// ---------------------------------------------------------------------------------

MonitorkindInput ValidMonitorkindInput() {
  MonitorkindInput m;
  m.school = "12AB00";
  m.lvs_pupil_number = "LVS-7";
  m.residence_municipality = "GM0606";
  m.reason = MonitorkindReason::kWaitingForCare;
  m.at_home_since = "2026-11-10";  // no 4-week minimum
  return m;
}

TEST(Monitorkind, ValidRecordDefaultsRegisteredOnToToday) {
  absl::StatusOr<ValidMonitorkind> m = ValidateMonitorkind(ValidMonitorkindInput(), kToday);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->registered_on, kToday);
  EXPECT_EQ(m->reason, MonitorkindReason::kWaitingForCare);
}

TEST(Monitorkind, EachRuleNamesItsField) {
  struct Case {
    void (*breaks)(MonitorkindInput&);
    const char* field;
    const char* reason;
  };
  const Case cases[] = {
      {[](MonitorkindInput& m) { m.school = ""; }, "monitorkind.school", "REQUIRED"},
      {[](MonitorkindInput& m) { m.lvs_pupil_number = ""; }, "monitorkind.lvs_pupil_number",
       "REQUIRED"},
      {[](MonitorkindInput& m) { m.residence_municipality = "Meppel"; },
       "monitorkind.residence_municipality", "MALFORMED_MUNICIPALITY_CODE"},
      {[](MonitorkindInput& m) { m.reason.reset(); }, "monitorkind.reason", "REQUIRED"},
      {[](MonitorkindInput& m) { m.at_home_since = ""; }, "monitorkind.at_home_since", "REQUIRED"},
      {[](MonitorkindInput& m) { m.at_home_since = "2026-12-01"; }, "monitorkind.at_home_since",
       "DATE_IN_FUTURE"},
      {[](MonitorkindInput& m) { m.registered_on = "2026-11-09"; }, "monitorkind.registered_on",
       "REGISTERED_BEFORE_AT_HOME"},
  };
  for (const Case& c : cases) {
    MonitorkindInput input = ValidMonitorkindInput();
    c.breaks(input);
    SCOPED_TRACE(c.reason);
    ExpectInvalid(ValidateMonitorkind(input, kToday).status(), c.field, c.reason);
  }
}

TEST(Monitorkind, ReasonNamesRoundTrip) {
  for (MonitorkindReason r : kAllMonitorkindReasons) {
    EXPECT_EQ(MonitorkindReasonFromName(MonitorkindReasonName(r)), r);
  }
  EXPECT_EQ(MonitorkindReasonFromName("Long_term_sick"), absl::nullopt);
}

TEST(RecordClose, Rules) {
  const Day start(2026, 10, 1);
  absl::StatusOr<ValidClose> ok =
      ValidateRecordClose(CaseStatus::kOpen, start, {"2026-11-01", " back at school "}, kToday);
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->reason, "back at school");
  ExpectOneViolation(
      ValidateRecordClose(CaseStatus::kClosed, start, {"2026-11-01", "x"}, kToday).status(),
      absl::StatusCode::kFailedPrecondition, "", "RECORD_ALREADY_CLOSED");
  ExpectInvalid(ValidateRecordClose(CaseStatus::kOpen, start, {"2026-09-30", "x"}, kToday).status(),
                "closed_on", "CLOSE_BEFORE_START");
  ExpectInvalid(ValidateRecordClose(CaseStatus::kOpen, start, {"2026-11-17", "x"}, kToday).status(),
                "closed_on", "DATE_IN_FUTURE");
  ExpectInvalid(ValidateRecordClose(CaseStatus::kOpen, start, {"2026-11-01", ""}, kToday).status(),
                "reason", "REQUIRED");
}

}  // namespace
}  // namespace swv::registrations::register_test
