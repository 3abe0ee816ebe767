// Support the SWV funds and organises: arrangements and OPDC placements. Pure rules; "today" is a
// parameter. Errors follow thuiszitter.h (all violations at once, reasons per rule).
//
// - An arrangement is extra support funded by the SWV for a pupil, a group or a teacher (seed
//   003), or for a whole wijk (wijkarrangement, 000). The SWV decides within 8 weeks (56 days) of
//   the application (004): undecided after that is "overdue", a decision after it "late".
// - An OPDC (orthopedagogisch-didactisch centrum) placement is a temporary placement of a pupil
//   outside the regular class: at most half a year, extendable once by at most half a year; at
//   most 25% of placements get extended (004).
//   "Half a year" is 6 calendar months with the month arithmetic of the thuiszitter categories
//   (AddMonthsClamped): a placement starting 2026-09-01 may run up to and including 2027-03-01,
//   one starting 2026-08-31 up to 2027-02-28. So it is "over half a year" exactly when its last
//   day is after start + 6 months, as a relative absence is "over 3 months" the day after
//   start + 3 months.
#ifndef SWV_SERVICES_REGISTRATIONS_DOMAIN_SUPPORT_H_
#define SWV_SERVICES_REGISTRATIONS_DOMAIN_SUPPORT_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/optional.h"
#include "services/kernel/identifiers.h"
#include "services/registrations/domain/calendar.h"

namespace swv::registrations {

// ---- Arrangements
// --------------------------------------------------------------------------------

enum class ArrangementTarget { kPupil, kGroup, kTeacher, kWijk };
enum class ArrangementStatus { kPending, kGranted, kRefused };
enum class ArrangementOutcome { kGranted, kRefused };

// Stored names: "pupil", "group", "teacher", "wijk"; "pending", "granted", "refused".
absl::string_view ArrangementTargetName(ArrangementTarget target);
absl::optional<ArrangementTarget> ArrangementTargetFromName(absl::string_view name);
absl::string_view ArrangementStatusName(ArrangementStatus status);
absl::optional<ArrangementStatus> ArrangementStatusFromName(absl::string_view name);

// 8 weeks (004).
inline constexpr int kArrangementDecisionDays = 56;

struct ArrangementApplication {
  absl::optional<ArrangementTarget> target;
  std::string school;            // pupil, group, teacher: the school location
  std::string lvs_pupil_number;  // pupil only
  std::string wijk;              // wijk only: the wijk code of the directory, e.g. "SCH-OOST"
  std::string description;       // what support is asked for
  std::string applied_on;        // ISO date the application was received
};

struct ValidArrangementApplication {
  ArrangementTarget target = ArrangementTarget::kPupil;
  absl::optional<SchoolCode> school;
  std::string lvs_pupil_number;
  std::string wijk;
  std::string description;
  absl::CivilDay applied_on;
};

// Rules (fields prefixed "arrangement."):
//  - target: required ("REQUIRED").
//  - pupil: school and lvs_pupil_number required (school code and LVS number rules), wijk empty.
//    group/teacher: school required; lvs_pupil_number and wijk empty. wijk: wijk required, 1-32 of
//    [A-Za-z0-9-] ("MALFORMED_WIJK_CODE"); school and lvs_pupil_number empty. A field that does not
//    apply to the target is refused ("NOT_APPLICABLE") rather than ignored: a pupil number on a
//    group arrangement is pupil data that must not be stored.
//  - description: required, at most 1000 characters.
//  - applied_on: required, not after today.
// Mixed reasons give "INVALID_ARRANGEMENT".
absl::StatusOr<ValidArrangementApplication> ValidateArrangementApplication(
    const ArrangementApplication& input, absl::CivilDay today);

struct ArrangementDecisionInput {
  absl::optional<ArrangementOutcome> outcome;
  std::string decided_on;  // ISO date; empty = today
  int64_t amount_cents = 0;
  std::string period_start;
  std::string period_end;
  std::string note;  // optional explanation, e.g. why refused
};

struct ValidArrangementDecision {
  ArrangementOutcome outcome = ArrangementOutcome::kGranted;
  absl::CivilDay decided_on;
  int64_t amount_cents = 0;
  absl::optional<DayRange> period;  // granted only
  std::string note;
};

// Rules (top-level fields of the decide request):
//  - the arrangement must be pending: else FAILED_PRECONDITION "ARRANGEMENT_ALREADY_DECIDED".
//  - outcome: required ("REQUIRED").
//  - decided_on: optional (today), not after today, not before applied_on
//    ("DECISION_BEFORE_APPLICATION").
//  - granted: amount_cents > 0 ("AMOUNT_NOT_POSITIVE") and at most kMaxAmountCents
//    (services/common/money.h, "OUT_OF_RANGE"); period_start and period_end required
//    dates (future allowed), start not after end ("PERIOD_REVERSED", field period_end).
//    refused: amount_cents 0 and no period ("NOT_APPLICABLE").
//  - note: optional, at most 500 characters.
// Mixed reasons give "INVALID_ARRANGEMENT_DECISION".
absl::StatusOr<ValidArrangementDecision> ValidateArrangementDecision(
    ArrangementStatus current, absl::CivilDay applied_on, const ArrangementDecisionInput& input,
    absl::CivilDay today);

// applied_on + 56 days: the last day a decision is on time.
absl::CivilDay DecisionDue(absl::CivilDay applied_on);
// Undecided as of `as_of` and as_of is after DecisionDue.
bool IsDecisionOverdue(absl::CivilDay applied_on, absl::optional<absl::CivilDay> decided_on,
                       absl::CivilDay as_of);
// decided_on after DecisionDue.
bool IsDecidedLate(absl::CivilDay applied_on, absl::CivilDay decided_on);

// ---- OPDC placements
// -----------------------------------------------------------------------------

// 6 calendar months (see the note at the top).
inline constexpr int kOpdcPeriodMonths = 6;

// The last day a placement (or its extension) that begins its count on `from` may last.
absl::CivilDay LatestOpdcEnd(absl::CivilDay from);

struct OpdcPlacementInput {
  std::string school;            // the pupil's own (referring) school location
  std::string lvs_pupil_number;  // the referring school's LVS number
  std::string opdc;              // the OPDC's school location code
  std::string start_date;
  std::string planned_end;  // last day, inclusive
};

struct ValidOpdcPlacement {
  SchoolCode school;
  std::string lvs_pupil_number;
  SchoolCode opdc;
  absl::CivilDay start_date;
  absl::CivilDay planned_end;
};

// Rules (fields prefixed "placement."): school, lvs_pupil_number, opdc as school/LVS codes;
// start_date and planned_end required dates (future allowed: placements are planned ahead);
// planned_end not before start_date ("END_BEFORE_START"), not after LatestOpdcEnd(start_date)
// ("LONGER_THAN_HALF_YEAR"). Mixed reasons give "INVALID_OPDC_PLACEMENT".
absl::StatusOr<ValidOpdcPlacement> ValidateOpdcPlacement(const OpdcPlacementInput& input);

struct OpdcExtensionInput {
  std::string new_end;      // new last day
  std::string extended_on;  // ISO date of the extension decision; empty = today
  std::string reason;       // required
};

struct ValidOpdcExtension {
  absl::CivilDay new_end;
  absl::CivilDay extended_on;
  std::string reason;
};

// Rules: an ended placement cannot be extended (FAILED_PRECONDITION "PLACEMENT_ENDED"); only one
// extension (FAILED_PRECONDITION "ALREADY_EXTENDED"); new_end required, after the current
// planned_end ("EXTENSION_NOT_LATER"), not after LatestOpdcEnd(current planned_end)
// ("EXTENSION_LONGER_THAN_HALF_YEAR"); extended_on optional (today), not after today, not before
// the start ("EXTENSION_BEFORE_START"); reason required (<= 500). Mixed: "INVALID_OPDC_EXTENSION".
absl::StatusOr<ValidOpdcExtension> ValidateOpdcExtension(bool ended, bool extended,
                                                         absl::CivilDay start_date,
                                                         absl::CivilDay planned_end,
                                                         const OpdcExtensionInput& input,
                                                         absl::CivilDay today);

// Ending: ended placement -> FAILED_PRECONDITION "PLACEMENT_ENDED"; ended_on required, not after
// today, not before the start ("END_BEFORE_START"); reason required (<= 500). Mixed:
// "INVALID_OPDC_END".
struct OpdcEndInput {
  std::string ended_on;
  std::string reason;
};
struct ValidOpdcEnd {
  absl::CivilDay ended_on;
  std::string reason;
};
absl::StatusOr<ValidOpdcEnd> ValidateOpdcEnd(bool ended, absl::CivilDay start_date,
                                             const OpdcEndInput& input, absl::CivilDay today);

// ---- Statistics
// ----------------------------------------------------------------------------------

struct ArrangementFacts {
  std::string school;  // empty for wijk arrangements
  absl::CivilDay applied_on;
  absl::optional<absl::CivilDay> decided_on;
  absl::optional<ArrangementOutcome> outcome;
  int64_t amount_cents = 0;
};

struct OpdcFacts {
  std::string school;
  absl::CivilDay start_date;
  absl::optional<absl::CivilDay> extended_on;
  absl::optional<absl::CivilDay> ended_on;
};

struct SupportStatistics {
  // Arrangements. as_of = min(period.last, today).
  int applied_in_period = 0;       // applied_on in the period
  int decided_in_period = 0;       // decided_on in the period
  int decided_within_8_weeks = 0;  // of those, decided_on <= applied_on + 56
  int granted_in_period = 0;       // of those, granted
  int refused_in_period = 0;
  int64_t granted_amount_cents = 0;  // sum over granted_in_period
  int pending_at_end = 0;            // applied by as_of, undecided on as_of
  int overdue_at_end = 0;            // of those, as_of > applied_on + 56
  // OPDC placements.
  int placements_started = 0;           // start_date in the period
  int placements_started_extended = 0;  // of those, extended (by today)
  int extensions_in_period = 0;         // extended_on in the period
  int placements_active_at_end = 0;     // started by as_of, not ended by as_of
  // School support profiles as on as_of (school_profile.h).
  int schools_counted = 0;  // the directory's schools that should have one, and any with one
  int schools_with_profile = 0;
  int schools_at_level_3_or_higher = 0;
  int schools_at_level_4 = 0;
  int profiles_update_overdue = 0;
  int profiles_adoption_overdue = 0;
  // Waiting lists (waiting_list.h): distinct pupils waiting at any time in the period.
  int pupils_waiting_for_so = 0;
  int pupils_waiting_for_sbo = 0;
  int pupils_waiting_for_youth_care = 0;
  int waiting_open_at_end = 0;  // entries still waiting on as_of
};

// OUT_OF_RANGE ("AMOUNT_OVERFLOW") when the granted total no longer fits in int64.
absl::Status CountArrangement(const ArrangementFacts& a, const DayRange& period,
                              absl::CivilDay today, SupportStatistics& stats);
void CountOpdcPlacement(const OpdcFacts& p, const DayRange& period, absl::CivilDay today,
                        SupportStatistics& stats);

// placements_started_extended / placements_started; 0 when nothing started (004: at most 0.25).
double ExtensionShare(const SupportStatistics& stats);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_DOMAIN_SUPPORT_H_
