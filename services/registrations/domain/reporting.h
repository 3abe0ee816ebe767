// Aggregates over the thuiszitter register for monitoring, and the Inspectie's quarterly register
// export. Works on plain facts (no names, no LVS numbers reach the output); the service loads the
// facts and decides the grouping key of each record. Pure functions; thread-safe.
//
// Days and periods: a period is a closed range of days [first, last]. Everything "at the end of
// the period" is evaluated as of min(last, today), so a report for the current quarter shows the
// state of today and a report for a past quarter shows the state at its end, whenever it is run.
#ifndef SWV_SERVICES_REGISTRATIONS_DOMAIN_REPORTING_H_
#define SWV_SERVICES_REGISTRATIONS_DOMAIN_REPORTING_H_

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/optional.h"
#include "services/registrations/domain/calendar.h"
#include "services/registrations/domain/escalation.h"
#include "services/registrations/domain/register.h"
#include "services/registrations/domain/thuiszitter.h"

namespace swv::registrations {

// ---- Periods
// -------------------------------------------------------------------------------------

// "from"/"to" of a statistics request: both required ISO dates ("REQUIRED", "MALFORMED_DATE"),
// from not after to ("PERIOD_REVERSED", field "to"), from not after today ("PERIOD_IN_FUTURE",
// field "from"). Several different reasons give "INVALID_PERIOD".
absl::StatusOr<DayRange> ValidatePeriod(absl::string_view from, absl::string_view to,
                                        absl::CivilDay today);

// "2026-Q3" (also "2026-q3") -> [2026-07-01, 2026-09-30]. INVALID_ARGUMENT on `field` with reason
// "MALFORMED_QUARTER", or "QUARTER_IN_FUTURE" when the quarter has not begun by `today`.
absl::StatusOr<DayRange> ParseQuarter(absl::string_view field, absl::string_view text,
                                      absl::CivilDay today);

// min(period.last, today): the day "at the end of the period" is evaluated on.
absl::CivilDay AsOfDay(const DayRange& period, absl::CivilDay today);

// ---- Facts
// ---------------------------------------------------------------------------------------

inline constexpr ThuiszitterCause kAllThuiszitterCauses[] = {
    ThuiszitterCause::kNoSuitableSchoolPlace, ThuiszitterCause::kWaitingForCare,
    ThuiszitterCause::kBehaviourOrSuspension, ThuiszitterCause::kSchoolRefusal,
    ThuiszitterCause::kHealthFitForEducation, ThuiszitterCause::kConflictWithSchool,
    ThuiszitterCause::kHomeSituation,         ThuiszitterCause::kOther};
inline constexpr int kCauseCount = 8;
inline constexpr int kMonitorkindReasonCount = 4;

struct ThuiszitterFacts {
  int64_t sequence = 0;  // storage order; breaks ties in the export's row order
  std::string school;    // "12AB00"
  std::string residence_municipality;
  AbsenceKind absence_kind = AbsenceKind::kRelative;
  absl::CivilDay absence_start;
  absl::CivilDay reported_on;
  ThuiszitterCause cause = ThuiszitterCause::kOther;
  absl::optional<absl::CivilDay> closed_on;
  absl::optional<absl::CivilDay> plan_agreed_on;  // current plan, if any
};

struct ExemptionFacts {
  int64_t sequence = 0;
  std::string school;  // may be empty
  std::string residence_municipality;
  absl::CivilDay start_date;
  absl::optional<absl::CivilDay> end_date;
  bool swv_involved = false;
};

struct MonitorkindFacts {
  std::string school;
  std::string residence_municipality;
  MonitorkindReason reason = MonitorkindReason::kLongTermSick;
  absl::CivilDay at_home_since;
  absl::CivilDay registered_on;
  absl::optional<absl::CivilDay> closed_on;
};

// Which records a period covers ("ever registered in the period"): reported/registered on or
// before the period's last day and not closed (ended) before its first day.
bool CoversPeriod(const ThuiszitterFacts& c, const DayRange& period);
bool CoversPeriod(const ExemptionFacts& e, const DayRange& period);
bool CoversPeriod(const MonitorkindFacts& m, const DayRange& period);

// ---- Statistics
// ----------------------------------------------------------------------------------

// Thuiszitters (total, per category, per cause) and, apart, potential ones (not yet 4 weeks).
struct ThuiszitterCounts {
  int total = 0;
  int potential = 0;  // not in total nor by_cause
  int relative_4w_3m = 0;
  int relative_over_3m = 0;
  int absolute = 0;
  std::array<int, kCauseCount> by_cause{};  // indexed like kAllThuiszitterCauses
};

struct ThuiszitterStatistics {
  // Open on the as-of day: reported on or before it, not closed on or before it. Category and
  // flags as of that day.
  ThuiszitterCounts open_at_end;
  int open_past_one_month = 0;
  int open_past_three_months = 0;
  // Reported within the period. Category as of the closing day when the case closed by the
  // as-of day, else as of the as-of day.
  ThuiszitterCounts reported_in_period;
  // Open at any time in the period up to the as-of day (CoversPeriod), whenever reported: a child
  // at home all year on a case from the year before counts in this year too. Category as for
  // reported_in_period.
  ThuiszitterCounts open_in_period;
  // Duration of the cases reported in the period, in days from absence_start to the closing day
  // (closed by the as-of day) or to the as-of day (still open). Average = total / cases.
  int64_t duration_days_total = 0;
  int duration_cases = 0;
};

struct ExemptionStatistics {
  // In force during the period: start on or before its last day, no end before its first day.
  int in_force = 0;
  int with_swv_involvement = 0;
  int without_swv_involvement = 0;
};

struct MonitorkindStatistics {
  int known_in_period = 0;                                     // CoversPeriod
  std::array<int, kMonitorkindReasonCount> known_by_reason{};  // like kAllMonitorkindReasons
  int open_at_end = 0;
};

// Escalations (domain/escalation.h). "At the end": on the as-of day.
struct EscalationStatistics {
  int opened_in_period = 0;
  int open_at_end = 0;
  // Open at the end, by the level of the step running then (like kAllEscalationLevels).
  std::array<int, kEscalationLevelCount> open_at_end_by_level{};
  int overdue_at_end = 0;  // IsOverdue on the as-of day
  // Doorzettingsmacht used: binding decisions taken in the period (up to the as-of day).
  int binding_decisions_in_period = 0;
};

struct GroupStatistics {
  ThuiszitterStatistics thuiszitters;
  ExemptionStatistics exemptions;
  MonitorkindStatistics monitorkinderen;
  EscalationStatistics escalations;
};

// Every category of absence as the Inspectie and Ingrado count them, on the as-of day: the open
// thuiszitters per category and the potential ones (ThuiszitterStatistics.open_at_end), the
// exemptions in force, the open thuiszitters sick but fit for education, the open monitorkinderen.
struct AbsenceOverview {
  int relative_4w_3m = 0;
  int relative_over_3m = 0;
  int absolute = 0;
  int exemptions = 0;
  int sick_fit_for_education = 0;
  int monitorkinderen = 0;
  int potential = 0;
};
AbsenceOverview AbsenceOverviewOf(const GroupStatistics& group);

// Adds one record to `group`. Records outside the period only count where the definitions above
// say so (e.g. a case reported before the period that is still open counts in open_at_end).
void CountThuiszitter(const ThuiszitterFacts& c, const DayRange& period, absl::CivilDay today,
                      GroupStatistics& group);
void CountExemption(const ExemptionFacts& e, const DayRange& period, GroupStatistics& group);
void CountMonitorkind(const MonitorkindFacts& m, const DayRange& period, absl::CivilDay today,
                      GroupStatistics& group);
void CountEscalation(const Escalation& e, const DayRange& period, absl::CivilDay today,
                     GroupStatistics& group);
// Whether an escalation counts anywhere in the period: opened by its end, not closed before it.
bool CoversPeriod(const Escalation& e, const DayRange& period);

// ---- Inspectie register
// --------------------------------------------------------------------------

struct InspectieRegister {
  std::string csv;
  int row_count = 0;  // data rows, without the header
};

// The quarterly register (see docs/support.md for the columns): one row per thuiszitter case, per
// exemption and per monitorkind covering the quarter, closed ones included, so every category of
// absence is in it (a case still short of the 4-week mark: category "potential"; a monitorkind:
// kind and category "monitorkind", its reason in the cause column); anonymised (a per-export row
// number, no names, no LVS numbers, no internal ids). Thuiszitters first, ordered by (reported_on,
// absence_start, sequence), then exemptions by (start_date, sequence), then monitorkinderen in
// storage order. RFC 4180: CRLF line ends,
// fields with a comma, quote, CR or LF quoted with doubled quotes.
InspectieRegister BuildInspectieRegister(std::vector<ThuiszitterFacts> cases,
                                         std::vector<ExemptionFacts> exemptions,
                                         const DayRange& quarter, absl::CivilDay today,
                                         std::vector<MonitorkindFacts> monitorkinderen = {});

// One CSV field, RFC 4180 (the kernel's CsvField).
std::string CsvField(absl::string_view value);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_DOMAIN_REPORTING_H_
