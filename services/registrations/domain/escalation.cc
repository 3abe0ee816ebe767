#include "services/registrations/domain/escalation.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/kernel/enum_names.h"
#include "services/kernel/errors.h"
#include "services/kernel/status_macros.h"
#include "services/registrations/domain/calendar.h"
#include "services/registrations/domain/register.h"
#include "services/registrations/domain/validation.h"

namespace swv::registrations {
namespace {

constexpr std::size_t kMaxHolderLength = 200;
constexpr std::size_t kMaxReasonLength = 1000;
constexpr std::size_t kMaxDecisionLength = 2000;

absl::Status NotOpen() {
  return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "RECORD_ALREADY_CLOSED",
                         "the escalation is closed");
}

absl::Status AlreadyDecided() {
  return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "ALREADY_DECIDED",
                         "doorzettingsmacht has already bound a party in this escalation");
}

// The step's own rules; `not_before` (with its reason and what it is) bounds its start.
EscalationStep ValidateStepFields(Violations& violations, const EscalationStepInput& input,
                                  absl::CivilDay today, absl::CivilDay not_before,
                                  absl::string_view before_reason, absl::string_view before_what) {
  EscalationStep step;
  CheckRequired(violations, "level", input.level,
                "school, swv, doorzettingskracht or doorzettingsmacht", step.level);
  CheckText(violations, "holder", input.holder, true, kMaxHolderLength,
            "who holds the step, e.g. \"directeur-bestuurder SWV\"", step.holder);
  const bool started_ok =
      CheckDayOrToday(violations, "started_on", input.started_on, today, step.started_on) &&
      CheckNotBefore(violations, "started_on", before_reason, step.started_on, before_what,
                     not_before);
  if (CheckRequiredAnyDate(violations, "deadline", input.deadline,
                           "is required: the day the step must have led somewhere, YYYY-MM-DD",
                           step.deadline) &&
      started_ok) {
    CheckNotBefore(violations, "deadline", "DEADLINE_BEFORE_START", step.deadline, "started_on",
                   step.started_on);
  }
  return step;
}

void EndRunningStep(Escalation& escalation, absl::CivilDay day) {
  EscalationStep& running = escalation.steps.back();
  if (!running.ended_on) running.ended_on = day;
}

}  // namespace

constexpr EnumName<EscalationLevel> kEscalationLevelNames[] = {
    {EscalationLevel::kSchool, "school"},
    {EscalationLevel::kSwv, "swv"},
    {EscalationLevel::kDoorzettingskracht, "doorzettingskracht"},
    {EscalationLevel::kDoorzettingsmacht, "doorzettingsmacht"},
};

absl::string_view EscalationLevelName(EscalationLevel level) {
  return NameOf(kEscalationLevelNames, level);
}

absl::optional<EscalationLevel> EscalationLevelFromName(absl::string_view name) {
  return ValueOf(kEscalationLevelNames, name);
}

bool EscalationStep::operator==(const EscalationStep& other) const {
  return level == other.level && holder == other.holder && started_on == other.started_on &&
         deadline == other.deadline && ended_on == other.ended_on;
}

bool BindingDecision::operator==(const BindingDecision& other) const {
  return designated_party == other.designated_party && obliged_party == other.obliged_party &&
         obliged_school == other.obliged_school && decision == other.decision &&
         decided_on == other.decided_on && place_by == other.place_by;
}

absl::StatusOr<Escalation> ValidateEscalation(const EscalationInput& input,
                                              const absl::optional<EscalatedCase>& escalated_case,
                                              absl::CivilDay today) {
  Violations violations("escalation.");
  Escalation out;
  out.subject.thuiszitter_case_id =
      std::string(absl::StripAsciiWhitespace(input.thuiszitter_case_id));
  if (escalated_case) {
    for (const auto& [field, value] : {std::pair<absl::string_view, absl::string_view>{
                                           "residence_municipality", input.residence_municipality},
                                       {"school", input.school},
                                       {"lvs_pupil_number", input.lvs_pupil_number}}) {
      if (!absl::StripAsciiWhitespace(value).empty()) {
        violations.Add(field, "SET_BY_CASE",
                       "must be left empty: the escalated thuiszitter case names the child");
      }
    }
    out.subject.residence_municipality = escalated_case->residence_municipality;
    out.subject.school = escalated_case->school;
    out.subject.lvs_pupil_number = escalated_case->lvs_pupil_number;
  } else {
    CheckMunicipality(violations, "residence_municipality", input.residence_municipality,
                      out.subject.residence_municipality);
    CheckOptionalPupil(violations, "school", input.school, "lvs_pupil_number",
                       input.lvs_pupil_number,
                       "the school that knows the child by this LVS pupil number",
                       out.subject.school, out.subject.lvs_pupil_number);
  }
  CheckText(violations, "reason", input.reason, true, kMaxReasonLength,
            "why the case is escalated, e.g. \"no school offers a suitable place\"", out.reason,
            /*allow_line_breaks=*/true);
  bool opened_ok = CheckDayOrToday(violations, "opened_on", input.opened_on, today, out.opened_on);
  if (opened_ok && escalated_case) {
    opened_ok = CheckNotBefore(violations, "opened_on", "ESCALATION_BEFORE_ABSENCE", out.opened_on,
                               "the absence started", escalated_case->absence_start);
  }
  Violations step_violations("escalation.steps[0].");
  out.steps.push_back(ValidateStepFields(step_violations, input.first_step, today,
                                         opened_ok ? out.opened_on : absl::CivilDay(1970, 1, 1),
                                         "STEP_BEFORE_OPENING", "opened_on"));
  if (!step_violations.empty()) violations.AddStatus(step_violations.ToStatus("INVALID_STEP"));
  if (!violations.empty()) return violations.ToStatus("INVALID_ESCALATION");
  return out;
}

absl::Status AddEscalationStep(Escalation& escalation, const EscalationStepInput& input,
                               absl::CivilDay today) {
  if (escalation.status != CaseStatus::kOpen) return NotOpen();
  if (escalation.binding_decision) return AlreadyDecided();
  if (escalation.steps.size() >= kMaxEscalationSteps) {
    return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "TOO_MANY_STEPS",
                           absl::StrCat("an escalation keeps at most ", kMaxEscalationSteps,
                                        " steps; close it and open a new one"));
  }
  const EscalationStep& current = escalation.current_step();
  Violations violations("step.");
  EscalationStep step = ValidateStepFields(violations, input, today, current.started_on,
                                           "STEP_BEFORE_CURRENT", "the current step's start");
  if (input.level && *input.level < current.level) {
    violations.Add(
        "level", "LEVEL_BELOW_CURRENT",
        absl::StrCat("must not be below the current level (", EscalationLevelName(current.level),
                     "): an escalation only climbs"));
  }
  if (!violations.empty()) return violations.ToStatus("INVALID_STEP");
  EndRunningStep(escalation, step.started_on);
  escalation.steps.push_back(std::move(step));
  return absl::OkStatus();
}

absl::Status DecideBinding(Escalation& escalation, const BindingDecisionInput& input,
                           absl::CivilDay today) {
  if (escalation.status != CaseStatus::kOpen) return NotOpen();
  if (escalation.binding_decision) return AlreadyDecided();
  const EscalationStep& current = escalation.current_step();
  if (current.level != EscalationLevel::kDoorzettingsmacht) {
    return ErrorWithReason(
        absl::StatusCode::kFailedPrecondition, "NOT_AT_DOORZETTINGSMACHT",
        absl::StrCat(
            "a binding decision needs a step at doorzettingsmacht; the current step is at ",
            EscalationLevelName(current.level)));
  }
  Violations violations("binding_decision.");
  BindingDecision decision;
  CheckText(violations, "designated_party", input.designated_party, true, kMaxHolderLength,
            "who holds doorzettingsmacht, e.g. \"commissie doorzettingsmacht\"",
            decision.designated_party);
  CheckText(violations, "obliged_party", input.obliged_party, true, kMaxHolderLength,
            "the school board or institution bound to offer a place", decision.obliged_party);
  if (!absl::StripAsciiWhitespace(input.obliged_school).empty()) {
    SchoolCode school;
    if (CheckSchool(violations, "obliged_school", input.obliged_school,
                    "the school location that offers the place", school)) {
      decision.obliged_school = school;
    }
  }
  CheckText(violations, "decision", input.decision, true, kMaxDecisionLength,
            "what is binding: the place, the support, the start", decision.decision,
            /*allow_line_breaks=*/true);
  const bool decided_ok =
      CheckDayOrToday(violations, "decided_on", input.decided_on, today, decision.decided_on) &&
      CheckNotBefore(violations, "decided_on", "DECISION_BEFORE_STEP", decision.decided_on,
                     "the doorzettingsmacht step's start", current.started_on);
  if (CheckRequiredAnyDate(violations, "place_by", input.place_by,
                           "is required: the day the place must be offered by, YYYY-MM-DD",
                           decision.place_by) &&
      decided_ok) {
    CheckNotBefore(violations, "place_by", "PLACE_BY_BEFORE_DECISION", decision.place_by,
                   "decided_on", decision.decided_on);
  }
  if (!violations.empty()) return violations.ToStatus("INVALID_BINDING_DECISION");
  EndRunningStep(escalation, decision.decided_on);
  escalation.binding_decision = std::move(decision);
  return absl::OkStatus();
}

absl::Status CloseEscalation(Escalation& escalation, absl::string_view closed_on,
                             absl::string_view reason, absl::CivilDay today) {
  CloseInput input{std::string(closed_on), std::string(reason)};
  SWV_ASSIGN_OR_RETURN(ValidClose close,
                       ValidateRecordClose(escalation.status, escalation.opened_on, input, today));
  EndRunningStep(escalation, close.closed_on);
  escalation.status = CaseStatus::kClosed;
  escalation.closed_on = close.closed_on;
  escalation.close_reason = std::move(close.reason);
  return absl::OkStatus();
}

bool IsOverdue(const Escalation& escalation, absl::CivilDay as_of) {
  if (!OpenOn(escalation.opened_on, escalation.closed_on, as_of)) return false;
  const absl::optional<BindingDecision>& binding = escalation.binding_decision;
  if (binding && binding->decided_on <= as_of) return as_of > binding->place_by;
  const absl::optional<EscalationStep> step = StepOn(escalation, as_of);
  return step && IsStepOverdue(*step, as_of);
}

bool IsStepOverdue(const EscalationStep& step, absl::CivilDay as_of) {
  if (!OpenOn(step.started_on, step.ended_on, as_of)) return false;
  return as_of > step.deadline;
}

absl::optional<EscalationStep> StepOn(const Escalation& escalation, absl::CivilDay as_of) {
  if (!OpenOn(escalation.opened_on, escalation.closed_on, as_of)) return absl::nullopt;
  absl::optional<EscalationStep> running;
  for (const EscalationStep& step : escalation.steps) {
    if (step.started_on <= as_of) running = step;
  }
  return running;
}

}  // namespace swv::registrations
