// Escalation of a case up to doorzettingsmacht (seed 004, "Thuiszitterspact"; the PO-Raad/VO-raad
// handreiking doorzettingsmacht): when a thuiszitter, or a child without a school place, gets no
// suitable offer, the case climbs the SWV's escalation model step by step: the school and its
// board, the SWV, doorzettingskracht (the parties, parents included, agree on an offer together)
// and, only when that fails, doorzettingsmacht: one designated party (a person, a commission) binds
// a school or institution to offer the child a place, within a deadline.
//
// An escalation records each step taken: its level in the model, who holds it (the person or body
// responsible for the next move), the day it started and its deadline; a step ends when the next
// one starts, when the binding decision is taken, or when the escalation is closed. A step still
// running after its deadline is overdue. The deadlines are the SWV's (its model sets them per
// level); the client states each one, so a model change needs no release.
//
// Pure functions of their arguments; "today" is a parameter. Errors: INVALID_ARGUMENT with one
// FieldViolation per broken rule, all at once (fields prefixed as noted); FAILED_PRECONDITION for
// a change the escalation's state does not allow. Thread-safe.
#ifndef SWV_SERVICES_REGISTRATIONS_DOMAIN_ESCALATION_H_
#define SWV_SERVICES_REGISTRATIONS_DOMAIN_ESCALATION_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/optional.h"
#include "services/kernel/identifiers.h"
#include "services/registrations/domain/thuiszitter.h"

namespace swv::registrations {

// The levels of the escalation model, lowest first. A step may skip levels but never go down.
enum class EscalationLevel {
  kSchool,              // the school and its board's own escalation model
  kSwv,                 // the SWV (its consultant, its commission, its director)
  kDoorzettingskracht,  // the parties, parents included, agree on an offer together
  kDoorzettingsmacht,   // a designated party binds a school or institution
};

// Stored names: "school", "swv", "doorzettingskracht", "doorzettingsmacht"; "unknown" outside the
// enum. Exact parsing as in thuiszitter.h.
absl::string_view EscalationLevelName(EscalationLevel level);
absl::optional<EscalationLevel> EscalationLevelFromName(absl::string_view name);
inline constexpr EscalationLevel kAllEscalationLevels[] = {
    EscalationLevel::kSchool, EscalationLevel::kSwv, EscalationLevel::kDoorzettingskracht,
    EscalationLevel::kDoorzettingsmacht};
inline constexpr int kEscalationLevelCount = 4;

// An escalation keeps at most this many steps: the model has four levels, and a step may be
// repeated at the same level with a new holder (a second consultant).
inline constexpr std::size_t kMaxEscalationSteps = 12;

struct EscalationStepInput {
  absl::optional<EscalationLevel> level;
  std::string holder;      // who holds the step, e.g. "directeur-bestuurder SWV"
  std::string started_on;  // ISO date; empty = today
  std::string deadline;    // ISO date the step must have led somewhere
};

struct EscalationStep {
  EscalationLevel level = EscalationLevel::kSchool;
  std::string holder;
  absl::CivilDay started_on;
  absl::CivilDay deadline;
  absl::optional<absl::CivilDay> ended_on;  // when the next step started, or the escalation ended

  bool operator==(const EscalationStep& other) const;
};

struct EscalationInput {
  // The thuiszitter case escalated ("tz-..."); empty for a child without a school place that has
  // no case. With a case, the pupil fields come from the case and must be left empty.
  std::string thuiszitter_case_id;
  std::string residence_municipality;  // required without a case
  std::string school;                  // optional without a case: the last school, if any
  std::string lvs_pupil_number;        // optional; only together with school
  std::string reason;                  // why the case is escalated
  std::string opened_on;               // ISO date; empty = today
  EscalationStepInput first_step;
};

// The pupil an escalation is about: from its case, or as the office states it.
struct EscalationSubject {
  std::string thuiszitter_case_id;  // "" for a child without a school place and without a case
  std::string residence_municipality;
  absl::optional<SchoolCode> school;
  std::string lvs_pupil_number;
};

// The binding outcome of doorzettingsmacht.
struct BindingDecisionInput {
  std::string designated_party;  // who holds doorzettingsmacht, e.g. "commissie doorzettingsmacht"
  std::string obliged_party;     // the school board or institution bound to offer a place
  std::string obliged_school;    // optional: the school location that offers it
  std::string decision;          // what is binding: the place, the support, the start
  std::string decided_on;        // ISO date; empty = today
  std::string place_by;          // ISO date the place must be offered by
};

struct BindingDecision {
  std::string designated_party;
  std::string obliged_party;
  absl::optional<SchoolCode> obliged_school;
  std::string decision;
  absl::CivilDay decided_on;
  absl::CivilDay place_by;

  bool operator==(const BindingDecision& other) const;
};

struct Escalation {
  EscalationSubject subject;
  std::string reason;
  absl::CivilDay opened_on;
  std::vector<EscalationStep> steps;  // oldest first; never empty
  absl::optional<BindingDecision> binding_decision;
  CaseStatus status = CaseStatus::kOpen;
  absl::optional<absl::CivilDay> closed_on;
  std::string close_reason;

  const EscalationStep& current_step() const { return steps.back(); }
};

// What the case looks like when an escalation names it.
struct EscalatedCase {
  std::string residence_municipality;
  absl::optional<SchoolCode> school;
  std::string lvs_pupil_number;
  absl::CivilDay absence_start;
};

// Opening (fields prefixed "escalation."):
//  - thuiszitter_case_id given: `escalated_case` must be the case (the service looks it up; NOT
//    FOUND is its error); residence_municipality, school and lvs_pupil_number must then be empty
//    ("SET_BY_CASE"), and opened_on not before the absence started ("ESCALATION_BEFORE_ABSENCE").
//  - without a case: residence_municipality required ("REQUIRED", "MALFORMED_MUNICIPALITY_CODE");
//    school optional, required with an LVS number; the LVS number rules (validation.h).
//  - reason: required, at most 1000 characters, line breaks allowed ("REQUIRED", "TOO_LONG").
//  - opened_on: optional (today), a date not after today ("MALFORMED_DATE", "DATE_IN_FUTURE").
//  - first_step: as ValidateStep, prefixed "escalation.steps[0].", not started before
//    opened_on ("STEP_BEFORE_OPENING").
// Several reasons give "INVALID_ESCALATION".
absl::StatusOr<Escalation> ValidateEscalation(const EscalationInput& input,
                                              const absl::optional<EscalatedCase>& escalated_case,
                                              absl::CivilDay today);

// The next step (fields prefixed "step."): the escalation must be open ("RECORD_ALREADY_CLOSED",
// FAILED_PRECONDITION), have no binding decision ("ALREADY_DECIDED"), and keep at most
// kMaxEscalationSteps ("TOO_MANY_STEPS"). Then:
//  - level: required ("REQUIRED"), not below the current step's ("LEVEL_BELOW_CURRENT").
//  - holder: required printable text of at most 200 characters ("REQUIRED", "TOO_LONG",
//    "INVALID_CHARACTERS").
//  - started_on: optional (today), not after today, not before the current step started
//    ("STEP_BEFORE_CURRENT").
//  - deadline: required date, may be in the future, not before started_on
//    ("DEADLINE_BEFORE_START").
// On success the current step ends on the new step's start and the new one is appended.
absl::Status AddEscalationStep(Escalation& escalation, const EscalationStepInput& input,
                               absl::CivilDay today);

// Doorzettingsmacht used (fields prefixed "binding_decision."): open ("RECORD_ALREADY_CLOSED"), not
// decided before ("ALREADY_DECIDED"), and the current step must be at kDoorzettingsmacht
// ("NOT_AT_DOORZETTINGSMACHT"), all FAILED_PRECONDITION. designated_party, obliged_party: required
// printable text up to 200; obliged_school: optional school code; decision: required, up to 2000,
// line breaks allowed; decided_on: optional (today), not after today, not before the current step
// started ("DECISION_BEFORE_STEP"); place_by: required, not before decided_on
// ("PLACE_BY_BEFORE_DECISION"). The current step ends on decided_on.
absl::Status DecideBinding(Escalation& escalation, const BindingDecisionInput& input,
                           absl::CivilDay today);

// Closing (fields "closed_on", "reason"): as ValidateRecordClose of register.h with opened_on as
// the record's start ("RECORD_ALREADY_CLOSED", "CLOSE_BEFORE_START", ...). The running step ends
// on closed_on.
absl::Status CloseEscalation(Escalation& escalation, absl::string_view closed_on,
                             absl::string_view reason, absl::CivilDay today);

// Whether an escalation open on `as_of` is overdue then: its running step is past its deadline,
// or, once doorzettingsmacht has bound a party, the child still has no place after place_by (the
// escalation is closed when the place is offered). Strictly after the day: on the deadline itself
// there is still time. Before it opened, and from the day it closed, it is never overdue.
bool IsOverdue(const Escalation& escalation, absl::CivilDay as_of);

// Whether `step` runs on `as_of` (started, not yet ended) and is past its deadline then.
bool IsStepOverdue(const EscalationStep& step, absl::CivilDay as_of);

// The step running on `as_of`: the last step started on or before it, if the escalation was open
// on that day; nullopt otherwise.
absl::optional<EscalationStep> StepOn(const Escalation& escalation, absl::CivilDay as_of);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_DOMAIN_ESCALATION_H_
