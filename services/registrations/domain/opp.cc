#include "services/registrations/domain/opp.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/kernel/enum_names.h"
#include "services/registrations/domain/calendar.h"
#include "services/registrations/domain/validation.h"

namespace swv::registrations {
namespace {

constexpr absl::string_view kInvalidOpp = "INVALID_OPP";

// An optional date not after today; nullopt when empty or broken (a violation is added then).
absl::optional<absl::CivilDay> OptionalPastDate(Violations& violations, absl::string_view field,
                                                absl::string_view text, absl::CivilDay today) {
  absl::CivilDay day;
  if (Blank(text) || !CheckDate(violations, field, absl::StripAsciiWhitespace(text), today, day)) {
    return absl::nullopt;
  }
  return day;
}

}  // namespace

constexpr EnumName<ParentalConsent> kParentalConsentNames[] = {
    {ParentalConsent::kNotAsked, "not_asked"},
    {ParentalConsent::kGiven, "given"},
    {ParentalConsent::kRefused, "refused"},
};

absl::string_view ParentalConsentName(ParentalConsent consent) {
  return NameOf(kParentalConsentNames, consent);
}

absl::optional<ParentalConsent> ParentalConsentFromName(absl::string_view name) {
  return ValueOf(kParentalConsentNames, name);
}

bool ValidOpp::operator==(const ValidOpp& o) const {
  return school == o.school && lvs_pupil_number == o.lvs_pupil_number &&
         drawn_up_on == o.drawn_up_on && start_date == o.start_date && end_date == o.end_date &&
         enrolment_date == o.enrolment_date && consent == o.consent &&
         consent_date == o.consent_date && last_evaluated_on == o.last_evaluated_on &&
         so_tlv_profile == o.so_tlv_profile;
}

absl::StatusOr<ValidOpp> ValidateOpp(const OppInput& input, absl::CivilDay today) {
  Violations violations("opp.");
  ValidOpp opp;
  CheckSchool(violations, "school", input.school, "the school that drew up the OPP", opp.school);
  CheckLvsPupilNumber(violations, "lvs_pupil_number", input.lvs_pupil_number, opp.lvs_pupil_number);
  const bool drawn_up_ok =
      CheckRequiredPastDate(violations, "drawn_up_on", input.drawn_up_on, today,
                            "the day the OPP was drawn up", opp.drawn_up_on);
  const bool start_ok =
      CheckRequiredAnyDate(violations, "start_date", input.start_date,
                           "is required: the OPP's start date, YYYY-MM-DD", opp.start_date);
  opp.end_date =
      CheckOptionalDateNotBefore(violations, "end_date", input.end_date, "END_BEFORE_START",
                                 "start_date", start_ok ? &opp.start_date : nullptr);
  opp.enrolment_date = OptionalPastDate(violations, "enrolment_date", input.enrolment_date, today);

  if (CheckRequired(violations, "consent", input.consent,
                    "whether the parents consented to the handelingsdeel (not asked yet, given or "
                    "refused)",
                    opp.consent)) {
    if (opp.consent == ParentalConsent::kNotAsked) {
      if (!Blank(input.consent_date)) {
        violations.Add("consent_date", "CONSENT_DATE_WITHOUT_ANSWER",
                       "must be empty while the parents have not been asked");
      }
    } else if (Blank(input.consent_date)) {
      violations.Add("consent_date", "REQUIRED",
                     "is required when the parents gave or refused consent: the day they did");
    } else {
      opp.consent_date = OptionalPastDate(violations, "consent_date", input.consent_date, today);
      if (opp.consent_date && drawn_up_ok && *opp.consent_date < opp.drawn_up_on) {
        violations.Add("consent_date", "CONSENT_BEFORE_OPP",
                       absl::StrCat("must not be before the OPP was drawn up (",
                                    FormatDate(opp.drawn_up_on), ")"));
      }
    }
  }
  opp.last_evaluated_on =
      OptionalPastDate(violations, "last_evaluated_on", input.last_evaluated_on, today);
  if (opp.last_evaluated_on && drawn_up_ok && *opp.last_evaluated_on < opp.drawn_up_on) {
    violations.Add("last_evaluated_on", "EVALUATION_BEFORE_OPP",
                   absl::StrCat("must not be before the OPP was drawn up (",
                                FormatDate(opp.drawn_up_on), ")"));
  }
  opp.so_tlv_profile = input.so_tlv_profile;
  if (!violations.empty()) return violations.ToStatus(kInvalidOpp);
  return opp;
}

absl::CivilDay EvaluationDue(const ValidOpp& opp) {
  return AddMonthsClamped(opp.last_evaluated_on.value_or(opp.drawn_up_on), 12);
}

bool IsOppActive(const ValidOpp& opp, absl::CivilDay today) {
  return opp.start_date <= today && (!opp.end_date || *opp.end_date >= today);
}

bool IsEvaluationOverdue(const ValidOpp& opp, absl::CivilDay today) {
  return IsOppActive(opp, today) && today > EvaluationDue(opp);
}

bool IsDrawnUpLate(const ValidOpp& opp) {
  return opp.enrolment_date && opp.drawn_up_on > *opp.enrolment_date + kOppDrawUpWithinDays;
}

absl::Status KeepOfficeJudgement(const absl::optional<bool>& stored, absl::optional<bool>& wanted) {
  if (wanted.has_value() && wanted != stored) {
    return ErrorWithReason(absl::StatusCode::kPermissionDenied, "OFFICE_DECIDES",
                           "whether the pupil would qualify for an SO TLV is judged by the SWV "
                           "office; leave it out",
                           "opp.so_tlv_profile");
  }
  wanted = stored;
  return absl::OkStatus();
}

}  // namespace swv::registrations
