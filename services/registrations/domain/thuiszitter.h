// Thuiszitter cases: the domain rules, free of transport and storage.
//
// A thuiszitter ("one who sits at home") is a child of compulsory school age, enrolled or not,
// who has been absent for 4 weeks or longer without a valid reason and without an exemption
// (seeds 002, 004). Relative absence: enrolled but not attending; absolute absence: not enrolled
// anywhere. The school reports the case to leerplicht and the SWV once the 4-week mark is reached,
// within 2 days (004); the aim is school resumed within one month of the report, and nobody at
// home longer than 3 months without a suitable offer (Thuiszitterspact, 004). Closed cases are
// kept: the Inspectie register never deletes rows.
//
// Everything here is a pure function of its arguments; "today" is always a parameter (no clock
// reads), so results are reproducible in tests and in quarter reports computed after the fact.
// Thread-safe.
//
// Errors: INVALID_ARGUMENT built with swv::InvalidFields, one FieldViolation per broken rule, all
// violations of one request at once. The status's reason (swv::ReasonOf) is the reason of the
// broken rule when every violation has the same reason, and a combined reason
// ("INVALID_THUISZITTER_REPORT" / "INVALID_THUISZITTER_CLOSE") when they differ.
#ifndef SWV_SERVICES_REGISTRATIONS_DOMAIN_THUISZITTER_H_
#define SWV_SERVICES_REGISTRATIONS_DOMAIN_THUISZITTER_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/optional.h"
#include "services/kernel/identifiers.h"

namespace swv::registrations {

enum class AbsenceKind {
  kRelative,  // relatief verzuim: enrolled at a school, not attending
  kAbsolute,  // absoluut verzuim: not enrolled at any school
};

// Why the child is at home; the sub-groups SWVs report to the Inspectie. kNoSuitableSchoolPlace
// has a target of zero cases (000, 2024-2027).
enum class ThuiszitterCause {
  kNoSuitableSchoolPlace,
  kWaitingForCare,
  kBehaviourOrSuspension,
  kSchoolRefusal,
  kHealthFitForEducation,  // sick, but fit for education per the youth doctor
  kConflictWithSchool,
  kHomeSituation,
  kOther,
};

// Inspectie sub-groups; derived, never set by a client. kPotential: relative absence reported
// before the 4-week mark (Ingrado's "potentiele thuiszitter", seed 004 "(potentiele)
// thuiszitters in beeld"); the case becomes a thuiszitter on the mark by the clock, with no new
// report. A potential case counts apart from thuiszitters everywhere.
enum class ThuiszitterCategory {
  kRelative4WeeksTo3Months,
  kRelativeOver3Months,
  kAbsolute,
  kPotential,
};

enum class CaseStatus { kOpen, kClosed };

// Stable lower_snake names for storage and logs. They must never change once stored. The
// parsers return nullopt for unknown names (they are exact: no case folding, no trimming).
//   AbsenceKind:         "relative", "absolute"
//   ThuiszitterCause:    "no_suitable_school_place", "waiting_for_care", "behaviour_or_suspension",
//                        "school_refusal", "health_fit_for_education", "conflict_with_school",
//                        "home_situation", "other"
//   ThuiszitterCategory: "relative_4w_3m", "relative_over_3m", "absolute", "potential" (the
//                        proto's suffixes)
//   CaseStatus:          "open", "closed"
// A value outside the enum (a cast gone wrong) is named "unknown", which no parser accepts.
absl::string_view AbsenceKindName(AbsenceKind kind);
absl::optional<AbsenceKind> AbsenceKindFromName(absl::string_view name);
absl::string_view ThuiszitterCauseName(ThuiszitterCause cause);
absl::optional<ThuiszitterCause> ThuiszitterCauseFromName(absl::string_view name);
absl::string_view ThuiszitterCategoryName(ThuiszitterCategory category);
absl::optional<ThuiszitterCategory> ThuiszitterCategoryFromName(absl::string_view name);
absl::string_view CaseStatusName(CaseStatus status);
absl::optional<CaseStatus> CaseStatusFromName(absl::string_view name);

// Per-SWV configuration (loaded elsewhere, validated there with Validate()).
struct ThuiszitterPolicy {
  // Days after the 4-week mark that a report is still on time. 004: schools report within 2 days.
  int report_within_days = 2;

  // report_within_days must be 0..60 (60: two months is already far beyond any SWV's agreement;
  // anything larger is a typo). Else INVALID_ARGUMENT on field "report_within_days", reason
  // "OUT_OF_RANGE".
  absl::Status Validate() const;
};

// What a school sends, raw: strings as received, absent enums as nullopt.
struct ThuiszitterReport {
  std::string school;                  // "12AB00"; for absolute absence the last school, if any
  std::string lvs_pupil_number;        // the LVS's own pupil number; never a BSN
  std::string residence_municipality;  // "GM0606"
  absl::optional<AbsenceKind> absence_kind;
  std::string absence_start;  // ISO date, first day of absence
  std::string reported_on;    // ISO date; empty means `today`
  absl::optional<ThuiszitterCause> cause;
  std::string municipality_case_ref;  // optional, free text
};

// Normalised, validated values, ready to store.
struct ValidThuiszitterReport {
  // Always for relative absence; for absolute absence (not enrolled anywhere) only when the child
  // had a school, which then names it by its LVS number there.
  absl::optional<SchoolCode> school;
  std::string lvs_pupil_number;
  std::string residence_municipality;
  AbsenceKind absence_kind;
  absl::CivilDay absence_start;
  absl::CivilDay reported_on;
  ThuiszitterCause cause;
  bool reported_late;
  // The last day the report was on time (ReportDeadline under the SWV's settings when it was
  // reported); kept with the case so that reported_late and the deadline never disagree.
  absl::CivilDay report_deadline;
  std::string municipality_case_ref;

  bool operator==(const ValidThuiszitterReport& other) const;
  bool operator!=(const ValidThuiszitterReport& other) const { return !(*this == other); }
};

// Validates every field of a report and returns all violations together (see the error note
// above; field names are prefixed "thuiszitter."). Surrounding whitespace is trimmed from every
// string field. Rules, with their reasons:
//  - school: required for relative absence ("REQUIRED"), ParseSchoolCode ("MALFORMED_SCHOOL_CODE").
//    For absolute absence school and LVS number are optional together (a child enrolled nowhere
//    may never have had a school; leerplicht reports it): an LVS number needs its school.
//  - lvs_pupil_number: required with a school ("REQUIRED"); at most 32 characters ("TOO_LONG");
//  only
//    [A-Za-z0-9._-] ("MALFORMED_LVS_PUPIL_NUMBER"); not exactly 9 digits ("LOOKS_LIKE_BSN"):
//    a BSN is 9 digits and this API must not carry BSN/PGN (OSO dossier, AVG data minimisation).
//    An LVS whose own numbers are 9 plain digits must send them with a prefix.
//  - residence_municipality: required ("REQUIRED"), ParseMunicipalityCode
//    ("MALFORMED_MUNICIPALITY_CODE").
//  - absence_kind, cause: required ("REQUIRED").
//  - absence_start: required ("REQUIRED"); reported_on: optional (empty = today). Both ParseDate
//    ("MALFORMED_DATE") and not after `today` ("DATE_IN_FUTURE").
//  - Only when both dates are valid and not in the future: reported_on not before absence_start
//    ("REPORT_BEFORE_ABSENCE", field reported_on). A relative absence reported before the 4-week
//    mark is a potential thuiszitter (CategoryOf), not an error: the SWV wants every (potential)
//    thuiszitter in view (004), and the case turns into a thuiszitter on the mark by the clock.
//  - municipality_case_ref: optional; at most 64 characters (Unicode code points, "TOO_LONG");
//    printable only: valid UTF-8 without control characters ("INVALID_CHARACTERS").
// reported_late is computed with IsReportedLate. An invalid policy is a server configuration
// error, not the client's: INTERNAL with reason "INVALID_THUISZITTER_POLICY".
absl::StatusOr<ValidThuiszitterReport> ValidateThuiszitterReport(const ThuiszitterReport& report,
                                                                 absl::CivilDay today,
                                                                 const ThuiszitterPolicy& policy);

// The day the 4-week mark is reached: absence_start + 28 days. From this day on the child counts
// as a thuiszitter and the school must report (004).
absl::CivilDay FourWeekMark(absl::CivilDay absence_start);

// The last day a report is on time: policy.report_within_days days after the 4-week mark. With
// the default of 2 (004), reported on mark + 2 is on time, mark + 3 is late.
absl::CivilDay ReportDeadline(absl::CivilDay absence_start, const ThuiszitterPolicy& policy);

// True when reported after ReportDeadline.
bool IsReportedLate(absl::CivilDay absence_start, absl::CivilDay reported_on,
                    const ThuiszitterPolicy& policy);

// kAbsolute for absolute absence (not enrolled anywhere: from the first day). For relative
// absence: kPotential before the 4-week mark (as_of < FourWeekMark); kRelativeOver3Months when
// `as_of` is strictly after absence_start + 3 calendar months, else kRelative4WeeksTo3Months.
// Adding months keeps the day of month, clamped to the month's last day (30 Nov + 3 months = 28
// Feb, or 29 Feb in a leap year). So on the 3-month day itself the case is still 4 weeks-3 months;
// it moves to "over 3 months" the next day.
ThuiszitterCategory CategoryOf(AbsenceKind kind, absl::CivilDay absence_start,
                               absl::CivilDay as_of);

// as_of - absence_start in days; 0 when as_of is before absence_start.
int DaysAbsent(absl::CivilDay absence_start, absl::CivilDay as_of);

// Signals for "school resumed within one month of the report" and "nobody longer than 3 months at
// home" (004): true when as_of is strictly after reported_on + 1 calendar month (resp.
// absence_start + 3 calendar months), same month-end clamping as CategoryOf.
bool IsPastOneMonth(absl::CivilDay reported_on, absl::CivilDay as_of);
bool IsPastThreeMonths(absl::CivilDay absence_start, absl::CivilDay as_of);

// Closing a case: the pupil is back in school (or the case ends otherwise). The record is kept.
struct CloseInput {
  std::string closed_on;  // ISO date school resumed
  std::string reason;     // free text
};

struct ValidClose {
  absl::CivilDay closed_on;
  std::string reason;  // trimmed

  bool operator==(const ValidClose& other) const {
    return closed_on == other.closed_on && reason == other.reason;
  }
  bool operator!=(const ValidClose& other) const { return !(*this == other); }
};

// Rules, with their reasons:
//  - the case must be open: else FAILED_PRECONDITION, reason "CASE_ALREADY_CLOSED" (checked
//    first; no field checks then, since nothing the client changes in the input helps).
//  - closed_on: required ("REQUIRED"), ParseDate ("MALFORMED_DATE"), not before absence_start
//    ("CLOSE_BEFORE_ABSENCE"), not after `today` ("DATE_IN_FUTURE").
//  - reason: required after trimming ("REQUIRED"), at most 500 characters (Unicode code points,
//    "TOO_LONG"). Line breaks are allowed: it is a free-text note.
// Field names are "closed_on" and "reason" (top-level fields of the close request). Several
// violations with different reasons give reason "INVALID_THUISZITTER_CLOSE".
absl::StatusOr<ValidClose> ValidateClose(CaseStatus current, absl::CivilDay absence_start,
                                         const CloseInput& input, absl::CivilDay today);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_DOMAIN_THUISZITTER_H_
