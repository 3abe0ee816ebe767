#include "services/registrations/domain/reporting.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/kernel/csv.h"
#include "services/kernel/errors.h"
#include "services/registrations/domain/validation.h"

namespace swv::registrations {
namespace {

int CauseIndex(ThuiszitterCause cause) {
  for (int i = 0; i < kCauseCount; ++i) {
    if (kAllThuiszitterCauses[i] == cause) return i;
  }
  return kCauseCount - 1;  // kOther; unreachable for values inside the enum
}

int ReasonIndex(MonitorkindReason reason) {
  for (int i = 0; i < kMonitorkindReasonCount; ++i) {
    if (kAllMonitorkindReasons[i] == reason) return i;
  }
  return 0;
}

void Count(ThuiszitterCounts& counts, ThuiszitterCategory category, ThuiszitterCause cause) {
  if (category == ThuiszitterCategory::kPotential) {
    ++counts.potential;
    return;
  }
  ++counts.total;
  switch (category) {
    case ThuiszitterCategory::kRelative4WeeksTo3Months:
      ++counts.relative_4w_3m;
      break;
    case ThuiszitterCategory::kRelativeOver3Months:
      ++counts.relative_over_3m;
      break;
    case ThuiszitterCategory::kAbsolute:
      ++counts.absolute;
      break;
    case ThuiszitterCategory::kPotential:
      break;
  }
  ++counts.by_cause[CauseIndex(cause)];
}

// The case is closed on or before `as_of`.
bool ClosedBy(const absl::optional<absl::CivilDay>& closed_on, absl::CivilDay as_of) {
  return closed_on.has_value() && *closed_on <= as_of;
}

// The day a case's category and duration are measured on: its closing day when it closed by the
// as-of day, else the as-of day.
absl::CivilDay MeasureDay(const ThuiszitterFacts& c, absl::CivilDay as_of) {
  return ClosedBy(c.closed_on, as_of) ? *c.closed_on : as_of;
}

bool DigitsOnly(absl::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char ch) {
    return absl::ascii_isdigit(static_cast<unsigned char>(ch));
  });
}

const char* YesNo(bool value) { return value ? "yes" : "no"; }

}  // namespace

// ---- Periods
// -------------------------------------------------------------------------------------

absl::StatusOr<DayRange> ValidatePeriod(absl::string_view from, absl::string_view to,
                                        absl::CivilDay today) {
  Violations violations("");
  DayRange period{};
  const bool from_ok =
      CheckRequiredAnyDate(violations, "from", from,
                           "is required: the first day of the period, YYYY-MM-DD", period.first);
  const bool to_ok = CheckRequiredAnyDate(
      violations, "to", to, "is required: the last day of the period, YYYY-MM-DD", period.last);
  if (from_ok && period.first > today) {
    violations.Add("from", "PERIOD_IN_FUTURE",
                   absl::StrCat("must not be after today (", FormatDate(today), "), got ",
                                FormatDate(period.first)));
  } else if (from_ok && to_ok) {
    CheckNotBefore(violations, "to", "PERIOD_REVERSED", period.last, "from", period.first);
  }
  if (!violations.empty()) return violations.ToStatus("INVALID_PERIOD");
  return period;
}

absl::StatusOr<DayRange> ParseQuarter(absl::string_view field, absl::string_view text,
                                      absl::CivilDay today) {
  const absl::string_view q = absl::StripAsciiWhitespace(text);
  if (q.size() != 7 || !DigitsOnly(q.substr(0, 4)) || q[4] != '-' || (q[5] != 'Q' && q[5] != 'q') ||
      q[6] < '1' || q[6] > '4') {
    return InvalidField(field, "MALFORMED_QUARTER",
                        "must be a calendar quarter written YYYY-Qn, e.g. \"2026-Q3\"");
  }
  int year = 0;
  for (char c : q.substr(0, 4)) year = year * 10 + (c - '0');
  const int quarter = q[6] - '0';
  const absl::CivilDay first(year, 3 * (quarter - 1) + 1, 1);
  const DayRange range{first, absl::CivilDay(absl::CivilMonth(first) + 3) - 1};
  if (range.first > today) {
    return InvalidField(
        field, "QUARTER_IN_FUTURE",
        absl::StrCat("the quarter ", q, " has not begun yet (today is ", FormatDate(today), ")"));
  }
  return range;
}

absl::CivilDay AsOfDay(const DayRange& period, absl::CivilDay today) {
  return std::min(period.last, today);
}

bool CoversPeriod(const ThuiszitterFacts& c, const DayRange& period) {
  return period.Overlaps(c.reported_on, c.closed_on);
}

bool CoversPeriod(const ExemptionFacts& e, const DayRange& period) {
  return period.Overlaps(e.start_date, e.end_date);
}

bool CoversPeriod(const MonitorkindFacts& m, const DayRange& period) {
  return period.Overlaps(m.registered_on, m.closed_on);
}

// ---- Statistics
// ----------------------------------------------------------------------------------

void CountThuiszitter(const ThuiszitterFacts& c, const DayRange& period, absl::CivilDay today,
                      GroupStatistics& group) {
  ThuiszitterStatistics& stats = group.thuiszitters;
  const absl::CivilDay as_of = AsOfDay(period, today);
  if (OpenOn(c.reported_on, c.closed_on, as_of)) {
    Count(stats.open_at_end, CategoryOf(c.absence_kind, c.absence_start, as_of), c.cause);
    const ThuiszitterFlags flags =
        FlagsOf(CaseStatus::kOpen, c.absence_start, c.reported_on, as_of);
    stats.open_past_one_month += flags.past_one_month ? 1 : 0;
    stats.open_past_three_months += flags.past_three_months ? 1 : 0;
  }
  if (CoversPeriod(c, period) && c.reported_on <= as_of) {
    Count(stats.open_in_period, CategoryOf(c.absence_kind, c.absence_start, MeasureDay(c, as_of)),
          c.cause);
  }
  if (period.Contains(c.reported_on) && c.reported_on <= as_of) {
    const absl::CivilDay measured = MeasureDay(c, as_of);
    const ThuiszitterCategory category = CategoryOf(c.absence_kind, c.absence_start, measured);
    Count(stats.reported_in_period, category, c.cause);
    if (category != ThuiszitterCategory::kPotential) {  // the durations are thuiszitters'
      stats.duration_days_total += DaysAbsent(c.absence_start, measured);
      ++stats.duration_cases;
    }
  }
}

void CountExemption(const ExemptionFacts& e, const DayRange& period, GroupStatistics& group) {
  if (!CoversPeriod(e, period)) return;
  ExemptionStatistics& stats = group.exemptions;
  ++stats.in_force;
  ++(e.swv_involved ? stats.with_swv_involvement : stats.without_swv_involvement);
}

AbsenceOverview AbsenceOverviewOf(const GroupStatistics& group) {
  const ThuiszitterCounts& open = group.thuiszitters.open_at_end;
  AbsenceOverview out;
  out.relative_4w_3m = open.relative_4w_3m;
  out.relative_over_3m = open.relative_over_3m;
  out.absolute = open.absolute;
  out.potential = open.potential;
  out.exemptions = group.exemptions.in_force;
  out.sick_fit_for_education = open.by_cause[CauseIndex(ThuiszitterCause::kHealthFitForEducation)];
  out.monitorkinderen = group.monitorkinderen.open_at_end;
  return out;
}

bool CoversPeriod(const Escalation& e, const DayRange& period) {
  return period.Overlaps(e.opened_on, e.closed_on);
}

void CountEscalation(const Escalation& e, const DayRange& period, absl::CivilDay today,
                     GroupStatistics& group) {
  EscalationStatistics& stats = group.escalations;
  const absl::CivilDay as_of = AsOfDay(period, today);
  if (period.Contains(e.opened_on) && e.opened_on <= as_of) ++stats.opened_in_period;
  if (const absl::optional<EscalationStep> step = StepOn(e, as_of)) {
    ++stats.open_at_end;
    ++stats.open_at_end_by_level[static_cast<size_t>(step->level)];
  }
  if (IsOverdue(e, as_of)) ++stats.overdue_at_end;
  const absl::optional<BindingDecision>& binding = e.binding_decision;
  if (binding && period.Contains(binding->decided_on) && binding->decided_on <= as_of) {
    ++stats.binding_decisions_in_period;
  }
}

void CountMonitorkind(const MonitorkindFacts& m, const DayRange& period, absl::CivilDay today,
                      GroupStatistics& group) {
  MonitorkindStatistics& stats = group.monitorkinderen;
  if (CoversPeriod(m, period)) {
    ++stats.known_in_period;
    ++stats.known_by_reason[ReasonIndex(m.reason)];
  }
  const absl::CivilDay as_of = AsOfDay(period, today);
  if (OpenOn(m.registered_on, m.closed_on, as_of)) ++stats.open_at_end;
}

// ---- Inspectie register
// --------------------------------------------------------------------------

std::string CsvField(absl::string_view value) { return swv::CsvField(value); }

InspectieRegister BuildInspectieRegister(std::vector<ThuiszitterFacts> cases,
                                         std::vector<ExemptionFacts> exemptions,
                                         const DayRange& quarter, absl::CivilDay today,
                                         std::vector<MonitorkindFacts> monitorkinderen) {
  const absl::CivilDay as_of = AsOfDay(quarter, today);
  cases.erase(std::remove_if(cases.begin(), cases.end(),
                             [&](const ThuiszitterFacts& c) { return !CoversPeriod(c, quarter); }),
              cases.end());
  exemptions.erase(
      std::remove_if(exemptions.begin(), exemptions.end(),
                     [&](const ExemptionFacts& e) { return !CoversPeriod(e, quarter); }),
      exemptions.end());
  std::sort(cases.begin(), cases.end(), [](const ThuiszitterFacts& a, const ThuiszitterFacts& b) {
    return std::tie(a.reported_on, a.absence_start, a.sequence) <
           std::tie(b.reported_on, b.absence_start, b.sequence);
  });
  std::sort(exemptions.begin(), exemptions.end(),
            [](const ExemptionFacts& a, const ExemptionFacts& b) {
              return std::tie(a.start_date, a.sequence) < std::tie(b.start_date, b.sequence);
            });

  InspectieRegister out;
  auto add_row = [&out](const std::vector<std::string>& fields) { AppendCsvRow(&out.csv, fields); };
  add_row({"row", "kind", "category", "school", "residence_municipality", "start_date",
           "reported_on", "end_date", "status_at_period_end", "days_at_home", "cause",
           "plan_present", "swv_involved"});
  for (const ThuiszitterFacts& c : cases) {
    const bool closed = ClosedBy(c.closed_on, as_of);
    const absl::CivilDay measured = MeasureDay(c, as_of);
    add_row({absl::StrCat(++out.row_count), "thuiszitter",
             std::string(
                 ThuiszitterCategoryName(CategoryOf(c.absence_kind, c.absence_start, measured))),
             c.school, c.residence_municipality, FormatDate(c.absence_start),
             FormatDate(c.reported_on), closed ? FormatDate(*c.closed_on) : "",
             closed ? "closed" : "open", absl::StrCat(DaysAbsent(c.absence_start, measured)),
             std::string(ThuiszitterCauseName(c.cause)),
             YesNo(c.plan_agreed_on.has_value() && *c.plan_agreed_on <= as_of), ""});
  }
  for (const ExemptionFacts& e : exemptions) {
    const bool ended = e.end_date.has_value() && *e.end_date < as_of;
    add_row({absl::StrCat(++out.row_count), "exemption", "exemption", e.school,
             e.residence_municipality, FormatDate(e.start_date), "",
             e.end_date ? FormatDate(*e.end_date) : "", ended ? "closed" : "open", "", "", "",
             YesNo(e.swv_involved)});
  }
  for (const MonitorkindFacts& m : monitorkinderen) {
    if (!CoversPeriod(m, quarter)) continue;
    const bool closed = ClosedBy(m.closed_on, as_of);
    const absl::CivilDay measured = closed ? *m.closed_on : as_of;
    add_row({absl::StrCat(++out.row_count), "monitorkind", "monitorkind", m.school,
             m.residence_municipality, FormatDate(m.at_home_since), FormatDate(m.registered_on),
             closed ? FormatDate(*m.closed_on) : "", closed ? "closed" : "open",
             absl::StrCat(DaysAbsent(m.at_home_since, measured)),
             std::string(MonitorkindReasonName(m.reason)), "", ""});
  }
  return out;
}

}  // namespace swv::registrations
