#include "services/registrations/domain/support.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/money.h"
#include "services/kernel/enum_names.h"
#include "services/kernel/errors.h"
#include "services/registrations/domain/validation.h"

namespace swv::registrations {
namespace {

constexpr std::size_t kMaxArrangementDescriptionLength = 1000;
constexpr std::size_t kMaxSupportNoteLength = 500;
constexpr std::size_t kMaxWijkCodeLength = 32;

bool IsWijkCode(absl::string_view code) {
  return !code.empty() && code.size() <= kMaxWijkCodeLength &&
         std::all_of(code.begin(), code.end(), [](char c) {
           return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-';
         });
}

void NotApplicable(Violations& violations, absl::string_view field, absl::string_view why) {
  violations.Add(field, "NOT_APPLICABLE", absl::StrCat("must be empty ", why));
}

}  // namespace

// ---- Names
// ---------------------------------------------------------------------------------------

constexpr EnumName<ArrangementTarget> kArrangementTargetNames[] = {
    {ArrangementTarget::kPupil, "pupil"},
    {ArrangementTarget::kGroup, "group"},
    {ArrangementTarget::kTeacher, "teacher"},
    {ArrangementTarget::kWijk, "wijk"},
};

absl::string_view ArrangementTargetName(ArrangementTarget target) {
  return NameOf(kArrangementTargetNames, target);
}

absl::optional<ArrangementTarget> ArrangementTargetFromName(absl::string_view name) {
  return ValueOf(kArrangementTargetNames, name);
}

constexpr EnumName<ArrangementStatus> kArrangementStatusNames[] = {
    {ArrangementStatus::kPending, "pending"},
    {ArrangementStatus::kGranted, "granted"},
    {ArrangementStatus::kRefused, "refused"},
};

absl::string_view ArrangementStatusName(ArrangementStatus status) {
  return NameOf(kArrangementStatusNames, status);
}

absl::optional<ArrangementStatus> ArrangementStatusFromName(absl::string_view name) {
  return ValueOf(kArrangementStatusNames, name);
}

// ---- Arrangements
// --------------------------------------------------------------------------------

absl::StatusOr<ValidArrangementApplication> ValidateArrangementApplication(
    const ArrangementApplication& input, absl::CivilDay today) {
  Violations violations("arrangement.");
  ValidArrangementApplication out{};
  if (CheckRequired(violations, "target", input.target, "pupil, group, teacher or wijk",
                    out.target)) {
    if (out.target == ArrangementTarget::kWijk) {
      const absl::string_view wijk = absl::StripAsciiWhitespace(input.wijk);
      if (wijk.empty()) {
        violations.Add("wijk", "REQUIRED", "is required for a wijk arrangement: the wijk code");
      } else if (!IsWijkCode(wijk)) {
        violations.Add("wijk", "MALFORMED_WIJK_CODE",
                       "must be a wijk code: 1-32 letters, digits or '-', e.g. \"SCH-OOST\"");
      } else {
        out.wijk = std::string(wijk);
      }
      if (!Blank(input.school)) {
        NotApplicable(violations, "school", "for a wijk arrangement (it is for all its schools)");
      }
      if (!Blank(input.lvs_pupil_number)) {
        NotApplicable(violations, "lvs_pupil_number", "for a wijk arrangement");
      }
    } else {
      SchoolCode school;
      if (CheckSchool(violations, "school", input.school, "the school location", school)) {
        out.school = school;
      }
      if (out.target == ArrangementTarget::kPupil) {
        CheckLvsPupilNumber(violations, "lvs_pupil_number", input.lvs_pupil_number,
                            out.lvs_pupil_number);
      } else if (!Blank(input.lvs_pupil_number)) {
        NotApplicable(violations, "lvs_pupil_number",
                      "for a group or teacher arrangement (no pupil data)");
      }
      if (!Blank(input.wijk)) NotApplicable(violations, "wijk", "unless the target is a wijk");
    }
  }
  CheckText(violations, "description", input.description, true, kMaxArrangementDescriptionLength,
            "what support is asked for", out.description, /*allow_line_breaks=*/true);
  CheckRequiredPastDate(violations, "applied_on", input.applied_on, today,
                        "the day the application was received", out.applied_on);
  if (!violations.empty()) return violations.ToStatus("INVALID_ARRANGEMENT");
  return out;
}

absl::StatusOr<ValidArrangementDecision> ValidateArrangementDecision(
    ArrangementStatus current, absl::CivilDay applied_on, const ArrangementDecisionInput& input,
    absl::CivilDay today) {
  if (current != ArrangementStatus::kPending) {
    return ErrorWithReason(
        absl::StatusCode::kFailedPrecondition, "ARRANGEMENT_ALREADY_DECIDED",
        absl::StrCat("the arrangement is already ", ArrangementStatusName(current)));
  }
  Violations violations("");
  ValidArrangementDecision out{};
  const absl::string_view decided = absl::StripAsciiWhitespace(input.decided_on);
  if (decided.empty()) {
    out.decided_on = today;
  } else if (CheckDate(violations, "decided_on", decided, today, out.decided_on)) {
    CheckNotBefore(violations, "decided_on", "DECISION_BEFORE_APPLICATION", out.decided_on,
                   "the application", applied_on);
  }
  if (!input.outcome.has_value()) {
    violations.Add("outcome", "REQUIRED", "is required: granted or refused");
  } else if (*input.outcome == ArrangementOutcome::kGranted) {
    out.outcome = ArrangementOutcome::kGranted;
    if (input.amount_cents <= 0) {
      violations.Add("amount_cents", "AMOUNT_NOT_POSITIVE",
                     absl::StrCat("must be more than 0 cents for a granted arrangement, got ",
                                  input.amount_cents));
    } else if (!WithinAmountBound(input.amount_cents)) {
      violations.Add("amount_cents", kAmountOutOfRange, AmountBoundRule());
    } else {
      out.amount_cents = input.amount_cents;
    }
    DayRange period{};
    const bool start_ok =
        CheckRequiredAnyDate(violations, "period_start", input.period_start,
                             "is required: the first day of the support", period.first);
    const bool end_ok =
        CheckRequiredAnyDate(violations, "period_end", input.period_end,
                             "is required: the last day of the support", period.last);
    if (start_ok && end_ok &&
        CheckNotBefore(violations, "period_end", "PERIOD_REVERSED", period.last, "period_start",
                       period.first)) {
      out.period = period;
    }
  } else {
    out.outcome = ArrangementOutcome::kRefused;
    if (input.amount_cents != 0) {
      NotApplicable(violations, "amount_cents", "(0) when the arrangement is refused");
    }
    if (!Blank(input.period_start)) {
      NotApplicable(violations, "period_start", "when the arrangement is refused");
    }
    if (!Blank(input.period_end)) {
      NotApplicable(violations, "period_end", "when the arrangement is refused");
    }
  }
  CheckText(violations, "note", input.note, false, kMaxSupportNoteLength, "", out.note,
            /*allow_line_breaks=*/true);
  if (!violations.empty()) return violations.ToStatus("INVALID_ARRANGEMENT_DECISION");
  return out;
}

absl::CivilDay DecisionDue(absl::CivilDay applied_on) {
  return applied_on + kArrangementDecisionDays;
}

bool IsDecisionOverdue(absl::CivilDay applied_on, absl::optional<absl::CivilDay> decided_on,
                       absl::CivilDay as_of) {
  const bool undecided = !decided_on.has_value() || *decided_on > as_of;
  return undecided && as_of > DecisionDue(applied_on);
}

bool IsDecidedLate(absl::CivilDay applied_on, absl::CivilDay decided_on) {
  return decided_on > DecisionDue(applied_on);
}

// ---- OPDC
// ----------------------------------------------------------------------------------------

absl::CivilDay LatestOpdcEnd(absl::CivilDay from) {
  return AddMonthsClamped(from, kOpdcPeriodMonths);
}

absl::StatusOr<ValidOpdcPlacement> ValidateOpdcPlacement(const OpdcPlacementInput& input) {
  Violations violations("placement.");
  ValidOpdcPlacement out{};
  CheckSchool(violations, "school", input.school, "the pupil's own school location", out.school);
  CheckLvsPupilNumber(violations, "lvs_pupil_number", input.lvs_pupil_number, out.lvs_pupil_number);
  CheckSchool(violations, "opdc", input.opdc, "the OPDC's school location code", out.opdc);
  const bool start_ok =
      CheckRequiredAnyDate(violations, "start_date", input.start_date,
                           "is required: the first day at the OPDC", out.start_date);
  const bool end_ok = CheckRequiredAnyDate(
      violations, "planned_end", input.planned_end,
      "is required: the planned last day (at most half a year after the start)", out.planned_end);
  if (start_ok && end_ok &&
      CheckNotBefore(violations, "planned_end", "END_BEFORE_START", out.planned_end, "start_date",
                     out.start_date)) {
    if (out.planned_end > LatestOpdcEnd(out.start_date)) {
      violations.Add("planned_end", "LONGER_THAN_HALF_YEAR",
                     absl::StrCat("an OPDC placement lasts at most half a year (6 calendar "
                                  "months): starting ",
                                  FormatDate(out.start_date), " it may last until ",
                                  FormatDate(LatestOpdcEnd(out.start_date)), ", got ",
                                  FormatDate(out.planned_end)));
    }
  }
  if (!violations.empty()) return violations.ToStatus("INVALID_OPDC_PLACEMENT");
  return out;
}

absl::StatusOr<ValidOpdcExtension> ValidateOpdcExtension(bool ended, bool extended,
                                                         absl::CivilDay start_date,
                                                         absl::CivilDay planned_end,
                                                         const OpdcExtensionInput& input,
                                                         absl::CivilDay today) {
  if (ended) {
    return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "PLACEMENT_ENDED",
                           "the placement has ended");
  }
  if (extended) {
    return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "ALREADY_EXTENDED",
                           "an OPDC placement can be extended only once (004)");
  }
  Violations violations("");
  ValidOpdcExtension out{};
  if (CheckRequiredAnyDate(violations, "new_end", input.new_end, "is required: the new last day",
                           out.new_end)) {
    if (out.new_end <= planned_end) {
      violations.Add("new_end", "EXTENSION_NOT_LATER",
                     absl::StrCat("must be after the current planned end (",
                                  FormatDate(planned_end), "), got ", FormatDate(out.new_end)));
    } else if (out.new_end > LatestOpdcEnd(planned_end)) {
      violations.Add(
          "new_end", "EXTENSION_LONGER_THAN_HALF_YEAR",
          absl::StrCat("an extension lasts at most half a year (6 calendar months): "
                       "after ",
                       FormatDate(planned_end), " the placement may last until ",
                       FormatDate(LatestOpdcEnd(planned_end)), ", got ", FormatDate(out.new_end)));
    }
  }
  const absl::string_view extended_on = absl::StripAsciiWhitespace(input.extended_on);
  if (extended_on.empty()) {
    out.extended_on = today;
  } else if (CheckDate(violations, "extended_on", extended_on, today, out.extended_on) &&
             out.extended_on < start_date) {
    violations.Add(
        "extended_on", "EXTENSION_BEFORE_START",
        absl::StrCat("must not be before the placement's start (", FormatDate(start_date), ")"));
  }
  CheckText(violations, "reason", input.reason, true, kMaxSupportNoteLength,
            "why the placement is extended", out.reason, /*allow_line_breaks=*/true);
  if (!violations.empty()) return violations.ToStatus("INVALID_OPDC_EXTENSION");
  return out;
}

absl::StatusOr<ValidOpdcEnd> ValidateOpdcEnd(bool ended, absl::CivilDay start_date,
                                             const OpdcEndInput& input, absl::CivilDay today) {
  if (ended) {
    return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "PLACEMENT_ENDED",
                           "the placement has already ended");
  }
  Violations violations("");
  ValidOpdcEnd out{};
  if (CheckRequiredPastDate(violations, "ended_on", input.ended_on, today,
                            "the last day at the OPDC", out.ended_on)) {
    CheckNotBefore(violations, "ended_on", "END_BEFORE_START", out.ended_on,
                   "the placement's start", start_date);
  }
  CheckText(violations, "reason", input.reason, true, kMaxSupportNoteLength,
            "how the placement ends, e.g. \"back at own school\"", out.reason,
            /*allow_line_breaks=*/true);
  if (!violations.empty()) return violations.ToStatus("INVALID_OPDC_END");
  return out;
}

// ---- Statistics
// ----------------------------------------------------------------------------------

absl::Status CountArrangement(const ArrangementFacts& a, const DayRange& period,
                              absl::CivilDay today, SupportStatistics& stats) {
  const absl::CivilDay as_of = std::min(period.last, today);
  if (period.Contains(a.applied_on)) ++stats.applied_in_period;
  if (a.decided_on && period.Contains(*a.decided_on)) {
    ++stats.decided_in_period;
    if (!IsDecidedLate(a.applied_on, *a.decided_on)) ++stats.decided_within_8_weeks;
    if (a.outcome == ArrangementOutcome::kGranted) {
      ++stats.granted_in_period;
      // Checked: rows stored before the amount bound existed may still hold huge amounts.
      absl::StatusOr<int64_t> sum =
          CheckedAdd(stats.granted_amount_cents, a.amount_cents, "the granted amount");
      if (!sum.ok()) return sum.status();
      stats.granted_amount_cents = *sum;
    } else {
      ++stats.refused_in_period;
    }
  }
  const bool undecided_at_end = !a.decided_on || *a.decided_on > as_of;
  if (a.applied_on <= as_of && undecided_at_end) {
    ++stats.pending_at_end;
    if (IsDecisionOverdue(a.applied_on, a.decided_on, as_of)) ++stats.overdue_at_end;
  }
  return absl::OkStatus();
}

void CountOpdcPlacement(const OpdcFacts& p, const DayRange& period, absl::CivilDay today,
                        SupportStatistics& stats) {
  const absl::CivilDay as_of = std::min(period.last, today);
  if (period.Contains(p.start_date)) {
    ++stats.placements_started;
    if (p.extended_on) ++stats.placements_started_extended;
  }
  if (p.extended_on && period.Contains(*p.extended_on)) ++stats.extensions_in_period;
  if (OpenOn(p.start_date, p.ended_on, as_of)) {
    ++stats.placements_active_at_end;
  }
}

double ExtensionShare(const SupportStatistics& stats) {
  if (stats.placements_started == 0) return 0.0;
  return static_cast<double>(stats.placements_started_extended) / stats.placements_started;
}

}  // namespace swv::registrations
