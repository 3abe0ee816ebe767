// The escalation rules: opening, each next step, doorzettingsmacht's binding decision, closing, and
// the overdue flag at its edges. Each rule broken once (code, field, reason) and met once.
#include "services/registrations/domain/escalation.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/services/registrations/domain/domain_test_helpers.h"

namespace swv::registrations::escalation_test {
namespace {

const Day kToday(2026, 11, 16);

EscalationInput WithoutCase() {
  EscalationInput in;
  in.residence_municipality = "GM0606";
  in.reason = "No school in the region offers a place with the care this child needs.";
  in.opened_on = "2026-10-01";
  in.first_step = {EscalationLevel::kSchool, "bestuur Stichting Primo", "2026-10-01", "2026-10-15"};
  return in;
}

EscalatedCase TheCase() {
  return {"GM0606", *ParseSchoolCode("s", "12AB00"), "LVS-1", Day(2026, 9, 1)};
}

Escalation Opened() {
  absl::StatusOr<Escalation> e = ValidateEscalation(WithoutCase(), absl::nullopt, kToday);
  EXPECT_TRUE(e.ok()) << e.status();
  return *e;
}

EscalationStepInput Step(EscalationLevel level, const char* started, const char* deadline) {
  return {level, "directeur-bestuurder SWV", started, deadline};
}

BindingDecisionInput Binding() {
  return {"commissie doorzettingsmacht",
          "Stichting Primo",
          "12AB00",
          "OBS De Linde offers a place with a classroom assistant from 1 December.",
          "2026-11-10",
          "2026-12-01"};
}

Escalation AtDoorzettingsmacht() {
  Escalation e = Opened();
  EXPECT_TRUE(AddEscalationStep(
                  e, Step(EscalationLevel::kDoorzettingsmacht, "2026-11-01", "2026-11-15"), kToday)
                  .ok());
  return e;
}

TEST(EscalationTest, OpensWithoutACaseForAChildWithoutAPlace) {
  Escalation e = Opened();
  EXPECT_EQ(e.subject.residence_municipality, "GM0606");
  EXPECT_FALSE(e.subject.school.has_value());
  EXPECT_EQ(e.opened_on, Day(2026, 10, 1));
  ASSERT_EQ(e.steps.size(), 1u);
  EXPECT_EQ(e.current_step().level, EscalationLevel::kSchool);
  EXPECT_EQ(e.current_step().deadline, Day(2026, 10, 15));
  EXPECT_EQ(e.status, CaseStatus::kOpen);
}

TEST(EscalationTest, ACaseNamesTheChild) {
  EscalationInput in = WithoutCase();
  in.thuiszitter_case_id = "tz-1";
  in.residence_municipality = "";
  absl::StatusOr<Escalation> e = ValidateEscalation(in, TheCase(), kToday);
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->subject.thuiszitter_case_id, "tz-1");
  EXPECT_EQ(e->subject.school->ToString(), "12AB00");
  EXPECT_EQ(e->subject.lvs_pupil_number, "LVS-1");

  in.school = "12AB00";
  ExpectInvalid(ValidateEscalation(in, TheCase(), kToday).status(), "escalation.school",
                "SET_BY_CASE");
  in.school = "";
  in.opened_on = "2026-08-31";
  in.first_step.started_on = "2026-08-31";
  ExpectInvalid(ValidateEscalation(in, TheCase(), kToday).status(), "escalation.opened_on",
                "ESCALATION_BEFORE_ABSENCE");
}

TEST(EscalationTest, EachOpeningRuleNamesItsField) {
  struct Case {
    void (*change)(EscalationInput&);
    const char* field;
    const char* reason;
  };
  const Case cases[] = {
      {[](EscalationInput& in) { in.residence_municipality = ""; },
       "escalation.residence_municipality", "REQUIRED"},
      {[](EscalationInput& in) { in.lvs_pupil_number = "LVS-1"; }, "escalation.school", "REQUIRED"},
      {[](EscalationInput& in) { in.reason = " "; }, "escalation.reason", "REQUIRED"},
      {[](EscalationInput& in) { in.reason = std::string(1001, 'x'); }, "escalation.reason",
       "TOO_LONG"},
      {[](EscalationInput& in) {
         in.opened_on = "2026-11-17";
         in.first_step.started_on = "";
         in.first_step.deadline = "2026-12-01";
       },
       "escalation.opened_on", "DATE_IN_FUTURE"},
      {[](EscalationInput& in) { in.first_step.level.reset(); }, "escalation.steps[0].level",
       "REQUIRED"},
      {[](EscalationInput& in) { in.first_step.holder = ""; }, "escalation.steps[0].holder",
       "REQUIRED"},
      {[](EscalationInput& in) { in.first_step.started_on = "2026-09-30"; },
       "escalation.steps[0].started_on", "STEP_BEFORE_OPENING"},
      {[](EscalationInput& in) { in.first_step.deadline = ""; }, "escalation.steps[0].deadline",
       "REQUIRED"},
      {[](EscalationInput& in) { in.first_step.deadline = "2026-09-30"; },
       "escalation.steps[0].deadline", "DEADLINE_BEFORE_START"},
  };
  for (const Case& c : cases) {
    EscalationInput in = WithoutCase();
    c.change(in);
    ExpectInvalid(ValidateEscalation(in, absl::nullopt, kToday).status(), c.field, c.reason);
  }
}

TEST(EscalationTest, ADeadlineMayLieAheadAndTheOpeningDefaultsToToday) {
  EscalationInput in = WithoutCase();
  in.opened_on = "";
  in.first_step.started_on = "";
  in.first_step.deadline = "2027-01-10";
  absl::StatusOr<Escalation> e = ValidateEscalation(in, absl::nullopt, kToday);
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->opened_on, kToday);
  EXPECT_EQ(e->current_step().started_on, kToday);
}

TEST(EscalationTest, ANextStepEndsTheRunningOne) {
  Escalation e = Opened();
  ASSERT_TRUE(
      AddEscalationStep(e, Step(EscalationLevel::kSwv, "2026-10-16", "2026-11-13"), kToday).ok());
  ASSERT_EQ(e.steps.size(), 2u);
  EXPECT_EQ(e.steps[0].ended_on, Day(2026, 10, 16));
  EXPECT_FALSE(e.steps[1].ended_on.has_value());
  // The same level again (a second holder) is allowed.
  EXPECT_TRUE(
      AddEscalationStep(e, Step(EscalationLevel::kSwv, "2026-11-01", "2026-11-20"), kToday).ok());
}

TEST(EscalationTest, AStepNeverGoesDownNorBeforeTheCurrentOne) {
  Escalation e = Opened();
  ASSERT_TRUE(
      AddEscalationStep(e, Step(EscalationLevel::kSwv, "2026-10-16", "2026-11-13"), kToday).ok());
  ExpectInvalid(
      AddEscalationStep(e, Step(EscalationLevel::kSchool, "2026-10-20", "2026-11-13"), kToday),
      "step.level", "LEVEL_BELOW_CURRENT");
  ExpectInvalid(
      AddEscalationStep(e, Step(EscalationLevel::kDoorzettingskracht, "2026-10-15", "2026-11-13"),
                        kToday),
      "step.started_on", "STEP_BEFORE_CURRENT");
  ExpectInvalid(
      AddEscalationStep(e, Step(EscalationLevel::kDoorzettingskracht, "2026-11-17", "2026-11-30"),
                        kToday),
      "step.started_on", "DATE_IN_FUTURE");
  EXPECT_EQ(e.steps.size(), 2u);  // nothing changed by a refused step
  EXPECT_FALSE(e.steps[1].ended_on.has_value());
}

TEST(EscalationTest, AnEscalationKeepsAtMostTwelveSteps) {
  Escalation e = Opened();
  for (size_t i = 1; i < kMaxEscalationSteps; ++i) {
    ASSERT_TRUE(
        AddEscalationStep(e, Step(EscalationLevel::kSwv, "2026-10-02", "2026-10-30"), kToday).ok());
  }
  ExpectPrecondition(
      AddEscalationStep(e, Step(EscalationLevel::kSwv, "2026-10-02", "2026-10-30"), kToday),
      "TOO_MANY_STEPS");
}

TEST(EscalationTest, DoorzettingsmachtBindsAPartyOnlyAtItsLevel) {
  Escalation e = Opened();
  ExpectPrecondition(DecideBinding(e, Binding(), kToday), "NOT_AT_DOORZETTINGSMACHT");

  e = AtDoorzettingsmacht();
  ASSERT_TRUE(DecideBinding(e, Binding(), kToday).ok());
  ASSERT_TRUE(e.binding_decision.has_value());
  EXPECT_EQ(e.binding_decision->obliged_school->ToString(), "12AB00");
  EXPECT_EQ(e.binding_decision->place_by, Day(2026, 12, 1));
  EXPECT_EQ(e.current_step().ended_on, Day(2026, 11, 10));
  ExpectPrecondition(DecideBinding(e, Binding(), kToday), "ALREADY_DECIDED");
  ExpectPrecondition(
      AddEscalationStep(e, Step(EscalationLevel::kDoorzettingsmacht, "2026-11-12", "2026-11-20"),
                        kToday),
      "ALREADY_DECIDED");
}

TEST(EscalationTest, EachBindingRuleNamesItsField) {
  struct Case {
    void (*change)(BindingDecisionInput&);
    const char* field;
    const char* reason;
  };
  const Case cases[] = {
      {[](BindingDecisionInput& in) { in.designated_party = ""; },
       "binding_decision.designated_party", "REQUIRED"},
      {[](BindingDecisionInput& in) { in.obliged_party = ""; }, "binding_decision.obliged_party",
       "REQUIRED"},
      {[](BindingDecisionInput& in) { in.obliged_school = "12AB"; },
       "binding_decision.obliged_school", "MALFORMED_SCHOOL_CODE"},
      {[](BindingDecisionInput& in) { in.decision = ""; }, "binding_decision.decision", "REQUIRED"},
      {[](BindingDecisionInput& in) { in.decided_on = "2026-10-31"; },
       "binding_decision.decided_on", "DECISION_BEFORE_STEP"},
      {[](BindingDecisionInput& in) { in.place_by = ""; }, "binding_decision.place_by", "REQUIRED"},
      {[](BindingDecisionInput& in) { in.place_by = "2026-11-09"; }, "binding_decision.place_by",
       "PLACE_BY_BEFORE_DECISION"},
  };
  for (const Case& c : cases) {
    Escalation e = AtDoorzettingsmacht();
    BindingDecisionInput in = Binding();
    c.change(in);
    ExpectInvalid(DecideBinding(e, in, kToday), c.field, c.reason);
    EXPECT_FALSE(e.binding_decision.has_value());
    EXPECT_FALSE(e.current_step().ended_on.has_value());
  }
}

TEST(EscalationTest, ClosingEndsTheRunningStepAndRefusesChangesAfter) {
  Escalation e = Opened();
  ExpectInvalid(CloseEscalation(e, "2026-09-30", "placed", kToday), "closed_on",
                "CLOSE_BEFORE_START");
  ExpectInvalid(CloseEscalation(e, "2026-11-01", "", kToday), "reason", "REQUIRED");
  ASSERT_TRUE(CloseEscalation(e, "2026-11-01", "placed at OBS De Linde", kToday).ok());
  EXPECT_EQ(e.status, CaseStatus::kClosed);
  EXPECT_EQ(e.current_step().ended_on, Day(2026, 11, 1));
  ExpectPrecondition(CloseEscalation(e, "2026-11-02", "again", kToday), "RECORD_ALREADY_CLOSED");
  ExpectPrecondition(
      AddEscalationStep(e, Step(EscalationLevel::kSwv, "2026-11-02", "2026-11-20"), kToday),
      "RECORD_ALREADY_CLOSED");
  ExpectPrecondition(DecideBinding(e, Binding(), kToday), "RECORD_ALREADY_CLOSED");
}

TEST(EscalationTest, AStepIsOverdueTheDayAfterItsDeadline) {
  Escalation e = Opened();  // school step 2026-10-01 .. deadline 2026-10-15
  EXPECT_FALSE(IsOverdue(e, Day(2026, 9, 30)));
  EXPECT_FALSE(IsOverdue(e, Day(2026, 10, 15)));
  EXPECT_TRUE(IsOverdue(e, Day(2026, 10, 16)));
  ASSERT_TRUE(
      AddEscalationStep(e, Step(EscalationLevel::kSwv, "2026-10-20", "2026-11-13"), kToday).ok());
  // Looking back, the first step was overdue until the next one started.
  EXPECT_TRUE(IsOverdue(e, Day(2026, 10, 19)));
  EXPECT_FALSE(IsOverdue(e, Day(2026, 10, 20)));
  EXPECT_TRUE(IsOverdue(e, Day(2026, 11, 14)));
  ASSERT_TRUE(CloseEscalation(e, "2026-11-15", "placed", kToday).ok());
  EXPECT_FALSE(IsOverdue(e, Day(2026, 11, 15)));
  EXPECT_TRUE(IsOverdue(e, Day(2026, 11, 14)));
}

TEST(EscalationTest, AfterTheBindingDecisionTheDeadlineIsThePlace) {
  Escalation e = AtDoorzettingsmacht();                   // step deadline 2026-11-15
  ASSERT_TRUE(DecideBinding(e, Binding(), kToday).ok());  // decided 11-10, place by 12-01
  EXPECT_FALSE(IsOverdue(e, Day(2026, 11, 16)));          // the step's deadline no longer runs
  EXPECT_FALSE(IsOverdue(e, Day(2026, 12, 1)));
  EXPECT_TRUE(IsOverdue(e, Day(2026, 12, 2)));
}

TEST(EscalationTest, LevelNamesRoundTrip) {
  for (EscalationLevel level : kAllEscalationLevels) {
    EXPECT_EQ(EscalationLevelFromName(EscalationLevelName(level)), level);
  }
  EXPECT_EQ(EscalationLevelFromName("School"), absl::nullopt);
  EXPECT_EQ(EscalationLevelName(static_cast<EscalationLevel>(99)), "unknown");
}

}  // namespace
}  // namespace swv::registrations::escalation_test
