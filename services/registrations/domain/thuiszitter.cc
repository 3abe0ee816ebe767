#include "services/registrations/domain/thuiszitter.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/kernel/enum_names.h"
#include "services/kernel/errors.h"
#include "services/registrations/domain/calendar.h"
#include "services/registrations/domain/validation.h"

namespace swv::registrations {
namespace {

// 4 weeks of absence make a thuiszitter (002, 004).
constexpr int kFourWeeksInDays = 28;
// ThuiszitterPolicy::report_within_days bounds; see Validate().
constexpr int kMaxReportWithinDays = 60;
constexpr std::size_t kMaxMunicipalityCaseRefLength = 64;

constexpr absl::string_view kFieldPrefix = "thuiszitter.";

}  // namespace

// ---- Names -------------------------------------------------------------------------------------

constexpr EnumName<AbsenceKind> kAbsenceKindNames[] = {
    {AbsenceKind::kRelative, "relative"},
    {AbsenceKind::kAbsolute, "absolute"},
};

absl::string_view AbsenceKindName(AbsenceKind kind) { return NameOf(kAbsenceKindNames, kind); }

absl::optional<AbsenceKind> AbsenceKindFromName(absl::string_view name) {
  return ValueOf(kAbsenceKindNames, name);
}

constexpr EnumName<ThuiszitterCause> kThuiszitterCauseNames[] = {
    {ThuiszitterCause::kNoSuitableSchoolPlace, "no_suitable_school_place"},
    {ThuiszitterCause::kWaitingForCare, "waiting_for_care"},
    {ThuiszitterCause::kBehaviourOrSuspension, "behaviour_or_suspension"},
    {ThuiszitterCause::kSchoolRefusal, "school_refusal"},
    {ThuiszitterCause::kHealthFitForEducation, "health_fit_for_education"},
    {ThuiszitterCause::kConflictWithSchool, "conflict_with_school"},
    {ThuiszitterCause::kHomeSituation, "home_situation"},
    {ThuiszitterCause::kOther, "other"},
};

absl::string_view ThuiszitterCauseName(ThuiszitterCause cause) {
  return NameOf(kThuiszitterCauseNames, cause);
}

absl::optional<ThuiszitterCause> ThuiszitterCauseFromName(absl::string_view name) {
  return ValueOf(kThuiszitterCauseNames, name);
}

constexpr EnumName<ThuiszitterCategory> kThuiszitterCategoryNames[] = {
    {ThuiszitterCategory::kRelative4WeeksTo3Months, "relative_4w_3m"},
    {ThuiszitterCategory::kRelativeOver3Months, "relative_over_3m"},
    {ThuiszitterCategory::kAbsolute, "absolute"},
    {ThuiszitterCategory::kPotential, "potential"},
};

absl::string_view ThuiszitterCategoryName(ThuiszitterCategory category) {
  return NameOf(kThuiszitterCategoryNames, category);
}

absl::optional<ThuiszitterCategory> ThuiszitterCategoryFromName(absl::string_view name) {
  return ValueOf(kThuiszitterCategoryNames, name);
}

constexpr EnumName<CaseStatus> kCaseStatusNames[] = {
    {CaseStatus::kOpen, "open"},
    {CaseStatus::kClosed, "closed"},
};

absl::string_view CaseStatusName(CaseStatus status) { return NameOf(kCaseStatusNames, status); }

absl::optional<CaseStatus> CaseStatusFromName(absl::string_view name) {
  return ValueOf(kCaseStatusNames, name);
}

// ---- Policy ------------------------------------------------------------------------------------

absl::Status ThuiszitterPolicy::Validate() const {
  if (report_within_days < 0 || report_within_days > kMaxReportWithinDays) {
    return InvalidField("report_within_days", "OUT_OF_RANGE",
                        absl::StrCat("must be between 0 and ", kMaxReportWithinDays, " days, got ",
                                     report_within_days));
  }
  return absl::OkStatus();
}

// ---- Dates and durations -----------------------------------------------------------------------

absl::CivilDay FourWeekMark(absl::CivilDay absence_start) {
  return absence_start + kFourWeeksInDays;
}

absl::CivilDay ReportDeadline(absl::CivilDay absence_start, const ThuiszitterPolicy& policy) {
  return FourWeekMark(absence_start) + policy.report_within_days;
}

bool IsReportedLate(absl::CivilDay absence_start, absl::CivilDay reported_on,
                    const ThuiszitterPolicy& policy) {
  return reported_on > ReportDeadline(absence_start, policy);
}

ThuiszitterCategory CategoryOf(AbsenceKind kind, absl::CivilDay absence_start,
                               absl::CivilDay as_of) {
  if (kind == AbsenceKind::kAbsolute) return ThuiszitterCategory::kAbsolute;
  if (as_of < FourWeekMark(absence_start)) return ThuiszitterCategory::kPotential;
  return as_of > AddMonthsClamped(absence_start, 3) ? ThuiszitterCategory::kRelativeOver3Months
                                                    : ThuiszitterCategory::kRelative4WeeksTo3Months;
}

int DaysAbsent(absl::CivilDay absence_start, absl::CivilDay as_of) {
  const absl::civil_diff_t days = as_of - absence_start;
  return days > 0 ? static_cast<int>(days) : 0;
}

bool IsPastOneMonth(absl::CivilDay reported_on, absl::CivilDay as_of) {
  return as_of > AddMonthsClamped(reported_on, 1);
}

bool IsPastThreeMonths(absl::CivilDay absence_start, absl::CivilDay as_of) {
  return as_of > AddMonthsClamped(absence_start, 3);
}

// ---- Report ------------------------------------------------------------------------------------

bool ValidThuiszitterReport::operator==(const ValidThuiszitterReport& other) const {
  return school == other.school && lvs_pupil_number == other.lvs_pupil_number &&
         residence_municipality == other.residence_municipality &&
         absence_kind == other.absence_kind && absence_start == other.absence_start &&
         reported_on == other.reported_on && cause == other.cause &&
         reported_late == other.reported_late && report_deadline == other.report_deadline &&
         municipality_case_ref == other.municipality_case_ref;
}

absl::StatusOr<ValidThuiszitterReport> ValidateThuiszitterReport(const ThuiszitterReport& report,
                                                                 absl::CivilDay today,
                                                                 const ThuiszitterPolicy& policy) {
  if (absl::Status policy_status = policy.Validate(); !policy_status.ok()) {
    return ErrorWithReason(
        absl::StatusCode::kInternal, "INVALID_THUISZITTER_POLICY",
        absl::StrCat("the SWV's thuiszitter policy is invalid: ", policy_status.message()));
  }

  Violations violations(kFieldPrefix);
  ValidThuiszitterReport out{};

  // school, lvs_pupil_number: the pupil at its school; optional for a child enrolled nowhere.
  if (report.absence_kind == AbsenceKind::kAbsolute) {
    CheckOptionalPupil(
        violations, "school", report.school, "lvs_pupil_number", report.lvs_pupil_number,
        "the school that knows the child by this LVS number", out.school, out.lvs_pupil_number);
  } else {
    SchoolCode school;
    if (CheckSchool(violations, "school", report.school, "the reporting school location", school)) {
      out.school = school;
    }
    CheckLvsPupilNumber(violations, "lvs_pupil_number", report.lvs_pupil_number,
                        out.lvs_pupil_number);
  }

  // residence_municipality
  CheckMunicipality(violations, "residence_municipality", report.residence_municipality,
                    out.residence_municipality);

  // absence_kind, cause
  CheckRequired(violations, "absence_kind", report.absence_kind,
                "relative (enrolled, not attending) or absolute (not enrolled)", out.absence_kind);
  CheckRequired(violations, "cause", report.cause,
                "every thuiszitter must be explained (004: 100% verklaarbaar)", out.cause);

  // absence_start, reported_on
  bool dates_ok = CheckRequiredPastDate(violations, "absence_start", report.absence_start, today,
                                        "the first day of absence", out.absence_start);
  dates_ok &=
      CheckDayOrToday(violations, "reported_on", report.reported_on, today, out.reported_on);
  // The relations between the dates are only meaningful when both are themselves valid; a date
  // in the future would otherwise also produce a confusing second violation.
  if (dates_ok && CheckNotBefore(violations, "reported_on", "REPORT_BEFORE_ABSENCE",
                                 out.reported_on, "absence_start", out.absence_start)) {
    out.reported_late = IsReportedLate(out.absence_start, out.reported_on, policy);
    out.report_deadline = ReportDeadline(out.absence_start, policy);
  }

  // municipality_case_ref
  CheckText(violations, "municipality_case_ref", report.municipality_case_ref, /*required=*/false,
            kMaxMunicipalityCaseRefLength, "", out.municipality_case_ref);

  if (!violations.empty()) return violations.ToStatus("INVALID_THUISZITTER_REPORT");
  return out;
}

// ---- Close -------------------------------------------------------------------------------------

absl::StatusOr<ValidClose> ValidateClose(CaseStatus current, absl::CivilDay absence_start,
                                         const CloseInput& input, absl::CivilDay today) {
  if (current != CaseStatus::kOpen) {
    return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "CASE_ALREADY_CLOSED",
                           "the thuiszitter case is already closed");
  }

  Violations violations("");
  ValidClose out{};

  absl::CivilDay closed_on;
  if (CheckRequiredPastDate(violations, "closed_on", input.closed_on, today,
                            "the day school resumed", closed_on) &&
      CheckNotBefore(violations, "closed_on", "CLOSE_BEFORE_ABSENCE", closed_on,
                     "the absence started", absence_start)) {
    out.closed_on = closed_on;
  }

  CheckText(violations, "reason", input.reason, /*required=*/true, kMaxCloseReasonLength,
            "why the case ends, e.g. \"school resumed\"", out.reason, /*allow_line_breaks=*/true);

  if (!violations.empty()) return violations.ToStatus("INVALID_THUISZITTER_CLOSE");
  return out;
}

}  // namespace swv::registrations
