#include "services/registrations/domain/register.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/kernel/enum_names.h"
#include "services/kernel/errors.h"
#include "services/registrations/domain/validation.h"

namespace swv::registrations {
namespace {

constexpr std::size_t kMaxPlanDescriptionLength = 2000;
constexpr std::size_t kMaxPersonFieldLength = 100;

}  // namespace

// ---- Plan
// ----------------------------------------------------------------------------------------

bool ThuiszitterPlan::operator==(const ThuiszitterPlan& other) const {
  return description == other.description && agreed_on == other.agreed_on &&
         responsible_name == other.responsible_name && responsible_role == other.responsible_role &&
         responsible_organisation == other.responsible_organisation &&
         parents_involved == other.parents_involved &&
         expected_resumption == other.expected_resumption && plan_version == other.plan_version;
}

absl::StatusOr<ThuiszitterPlan> ValidatePlan(CaseStatus current, absl::CivilDay absence_start,
                                             const PlanInput& input, absl::CivilDay today) {
  if (current != CaseStatus::kOpen) {
    return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "CASE_ALREADY_CLOSED",
                           "the thuiszitter case is closed; a plan is set on open cases only");
  }
  Violations violations("plan.");
  ThuiszitterPlan out{};
  CheckText(violations, "description", input.description, /*required=*/true,
            kMaxPlanDescriptionLength, "what is agreed for the child", out.description,
            /*allow_line_breaks=*/true);
  const bool agreed_ok = CheckRequiredPastDate(violations, "agreed_on", input.agreed_on, today,
                                               "the day the plan was agreed", out.agreed_on) &&
                         CheckNotBefore(violations, "agreed_on", "PLAN_BEFORE_ABSENCE",
                                        out.agreed_on, "the absence started", absence_start);
  CheckText(violations, "responsible_name", input.responsible_name, true, kMaxPersonFieldLength,
            "the one person responsible for the case", out.responsible_name);
  CheckText(violations, "responsible_role", input.responsible_role, true, kMaxPersonFieldLength,
            "the responsible person's role, e.g. \"intern begeleider\"", out.responsible_role);
  CheckText(violations, "responsible_organisation", input.responsible_organisation, true,
            kMaxPersonFieldLength, "the responsible person's organisation",
            out.responsible_organisation);
  out.parents_involved = input.parents_involved;
  out.expected_resumption = CheckOptionalDateNotBefore(
      violations, "expected_resumption", input.expected_resumption, "RESUMPTION_BEFORE_PLAN",
      "agreed_on", agreed_ok ? &out.agreed_on : nullptr);
  if (!violations.empty()) return violations.ToStatus("INVALID_THUISZITTER_PLAN");
  return out;
}

// ---- Flags
// ---------------------------------------------------------------------------------------

ThuiszitterFlags FlagsOf(CaseStatus status, absl::CivilDay absence_start,
                         absl::CivilDay reported_on, absl::CivilDay as_of) {
  ThuiszitterFlags flags;
  if (status != CaseStatus::kOpen) return flags;
  // A potential case reported before the 4-week mark is reported as a thuiszitter on the mark.
  flags.past_one_month = IsPastOneMonth(std::max(reported_on, FourWeekMark(absence_start)), as_of);
  flags.past_three_months = IsPastThreeMonths(absence_start, as_of);
  return flags;
}

// ---- Exemption
// -----------------------------------------------------------------------------------

bool ValidExemption::operator==(const ValidExemption& other) const {
  return residence_municipality == other.residence_municipality && school == other.school &&
         lvs_pupil_number == other.lvs_pupil_number && start_date == other.start_date &&
         end_date == other.end_date && swv_involved == other.swv_involved &&
         article == other.article && swv_advice == other.swv_advice &&
         swv_advice_on == other.swv_advice_on;
}

constexpr EnumName<ExemptionArticle> kExemptionArticleNames[] = {
    {ExemptionArticle::k5a, "5a"},
    {ExemptionArticle::k5b, "5b"},
};

absl::string_view ExemptionArticleName(ExemptionArticle article) {
  return NameOf(kExemptionArticleNames, article);
}

absl::optional<ExemptionArticle> ExemptionArticleFromName(absl::string_view name) {
  return ValueOf(kExemptionArticleNames, name);
}

constexpr EnumName<SwvAdvice> kSwvAdviceNames[] = {
    {SwvAdvice::kPositive, "positive"},
    {SwvAdvice::kNegative, "negative"},
};

absl::string_view SwvAdviceName(SwvAdvice advice) { return NameOf(kSwvAdviceNames, advice); }

absl::optional<SwvAdvice> SwvAdviceFromName(absl::string_view name) {
  return ValueOf(kSwvAdviceNames, name);
}

absl::StatusOr<ValidExemption> ValidateExemption(const ExemptionInput& input,
                                                 absl::CivilDay today) {
  Violations violations("exemption.");
  ValidExemption out{};
  CheckMunicipality(violations, "residence_municipality", input.residence_municipality,
                    out.residence_municipality);
  CheckOptionalPupil(violations, "school", input.school, "lvs_pupil_number", input.lvs_pupil_number,
                     "the school that knows the child by this LVS pupil number", out.school,
                     out.lvs_pupil_number);
  const bool start_ok = CheckRequiredAnyDate(
      violations, "start_date", input.start_date,
      "is required: the day the exemption takes effect, YYYY-MM-DD", out.start_date);
  out.end_date =
      CheckOptionalDateNotBefore(violations, "end_date", input.end_date, "END_BEFORE_START",
                                 "start_date", start_ok ? &out.start_date : nullptr);
  CheckRequired(violations, "swv_involved", input.swv_involved,
                "say whether the SWV was involved in the exemption (004 aims at "
                "100%); true or false",
                out.swv_involved);
  out.article = input.article.value_or(ExemptionArticle::k5a);
  const bool has_advice_date = !absl::StripAsciiWhitespace(input.swv_advice_on).empty();
  if (input.swv_advice && !has_advice_date) {
    violations.Add("swv_advice_on", "REQUIRED",
                   "is required with swv_advice: the day the SWV advised");
  } else if (!input.swv_advice && has_advice_date) {
    violations.Add("swv_advice", "REQUIRED",
                   "is required with swv_advice_on: the SWV's advice, positive or negative");
  } else if (input.swv_advice) {
    absl::CivilDay advised;
    if (CheckDate(violations, "swv_advice_on", absl::StripAsciiWhitespace(input.swv_advice_on),
                  today, advised)) {
      out.swv_advice = input.swv_advice;
      out.swv_advice_on = advised;
    }
    if (input.swv_involved == false) {
      violations.Add("swv_involved", "ADVICE_WITHOUT_INVOLVEMENT",
                     "must be true when the SWV gave an advice");
    }
  }
  if (!violations.empty()) return violations.ToStatus("INVALID_EXEMPTION");
  return out;
}

// ---- Monitorkind
// ---------------------------------------------------------------------------------

constexpr EnumName<MonitorkindReason> kMonitorkindReasonNames[] = {
    {MonitorkindReason::kLongTermSick, "long_term_sick"},
    {MonitorkindReason::kWaitingForCare, "waiting_for_care"},
    {MonitorkindReason::kWaitingForPlace, "waiting_for_place"},
    {MonitorkindReason::kNeedsEducationAndCare, "needs_education_and_care"},
};

absl::string_view MonitorkindReasonName(MonitorkindReason reason) {
  return NameOf(kMonitorkindReasonNames, reason);
}

absl::optional<MonitorkindReason> MonitorkindReasonFromName(absl::string_view name) {
  return ValueOf(kMonitorkindReasonNames, name);
}

absl::StatusOr<ValidMonitorkind> ValidateMonitorkind(const MonitorkindInput& input,
                                                     absl::CivilDay today) {
  Violations violations("monitorkind.");
  ValidMonitorkind out{};
  CheckSchool(violations, "school", input.school, "the school location that knows the child",
              out.school);
  CheckLvsPupilNumber(violations, "lvs_pupil_number", input.lvs_pupil_number, out.lvs_pupil_number);
  CheckMunicipality(violations, "residence_municipality", input.residence_municipality,
                    out.residence_municipality);
  CheckRequired(violations, "reason", input.reason,
                "long-term sick, waiting for care, waiting for a place, or "
                "needing education and care together",
                out.reason);
  bool dates_ok = CheckRequiredPastDate(violations, "at_home_since", input.at_home_since, today,
                                        "the first day the child was at home", out.at_home_since);
  dates_ok &=
      CheckDayOrToday(violations, "registered_on", input.registered_on, today, out.registered_on);
  if (dates_ok) {
    CheckNotBefore(violations, "registered_on", "REGISTERED_BEFORE_AT_HOME", out.registered_on,
                   "at_home_since", out.at_home_since);
  }
  if (!violations.empty()) return violations.ToStatus("INVALID_MONITORKIND");
  return out;
}

absl::StatusOr<ValidClose> ValidateRecordClose(CaseStatus current, absl::CivilDay started,
                                               const CloseInput& input, absl::CivilDay today) {
  if (current != CaseStatus::kOpen) {
    return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "RECORD_ALREADY_CLOSED",
                           "the record is already closed");
  }
  Violations violations("");
  ValidClose out{};
  absl::CivilDay closed_on;
  if (CheckRequiredPastDate(violations, "closed_on", input.closed_on, today,
                            "the day the record ends", closed_on) &&
      CheckNotBefore(violations, "closed_on", "CLOSE_BEFORE_START", closed_on, "the record's start",
                     started)) {
    out.closed_on = closed_on;
  }
  CheckText(violations, "reason", input.reason, true, kMaxCloseReasonLength,
            "why the record ends, e.g. \"back at school\"", out.reason,
            /*allow_line_breaks=*/true);
  if (!violations.empty()) return violations.ToStatus("INVALID_CLOSE");
  return out;
}

}  // namespace swv::registrations
