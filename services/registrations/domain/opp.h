// OPP (ontwikkelingsperspectiefplan): the development plan of a pupil with extra support. Its
// action part (handelingsdeel) needs the parents' consent; it is evaluated at least yearly; DUO
// registers only its start and end date; it is drawn up within 6 weeks of enrolment (public
// sources, see docs/tlv.md). Every TLV application needs one (004).
//
// Pure functions; "today" is always a parameter. Thread-safe. Errors: INVALID_ARGUMENT with one
// field violation per broken rule (fields prefixed "opp."), reason of the rule or "INVALID_OPP".
#ifndef SWV_SERVICES_REGISTRATIONS_DOMAIN_OPP_H_
#define SWV_SERVICES_REGISTRATIONS_DOMAIN_OPP_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/optional.h"
#include "services/kernel/identifiers.h"

namespace swv::registrations {

enum class ParentalConsent {
  kNotAsked,  // the parents have not been asked yet
  kGiven,     // consented to the handelingsdeel on consent_date
  kRefused,   // refused on consent_date
};

// Stored names "not_asked", "given", "refused"; nullopt for anything else.
absl::string_view ParentalConsentName(ParentalConsent consent);
absl::optional<ParentalConsent> ParentalConsentFromName(absl::string_view name);

// As received: strings, absent enum as nullopt.
struct OppInput {
  std::string school;
  std::string lvs_pupil_number;
  std::string drawn_up_on;
  std::string start_date;
  std::string end_date;        // optional
  std::string enrolment_date;  // optional
  absl::optional<ParentalConsent> consent;
  std::string consent_date;             // required when consent is given or refused
  std::string last_evaluated_on;        // optional
  absl::optional<bool> so_tlv_profile;  // optional: would qualify for an SO TLV
};

struct ValidOpp {
  SchoolCode school;
  std::string lvs_pupil_number;
  absl::CivilDay drawn_up_on;
  absl::CivilDay start_date;
  absl::optional<absl::CivilDay> end_date;
  absl::optional<absl::CivilDay> enrolment_date;
  ParentalConsent consent = ParentalConsent::kNotAsked;
  absl::optional<absl::CivilDay> consent_date;
  absl::optional<absl::CivilDay> last_evaluated_on;
  // The SWV's judgement that the pupil would qualify for an SO TLV; nullopt = not judged.
  absl::optional<bool> so_tlv_profile;

  bool operator==(const ValidOpp& o) const;
  bool operator!=(const ValidOpp& o) const { return !(*this == o); }
};

// Rules, with reasons (fields "opp.<name>"):
//  - school ("REQUIRED", "MALFORMED_SCHOOL_CODE"), lvs_pupil_number (CheckLvsPupilNumber).
//  - drawn_up_on: required, a date not after today ("REQUIRED", "MALFORMED_DATE",
//    "DATE_IN_FUTURE").
//  - start_date: required, any real date (a plan may start later); end_date optional, not before
//    start_date ("END_BEFORE_START").
//  - enrolment_date: optional, not after today.
//  - consent: required ("REQUIRED"). consent_date: required when given or refused ("REQUIRED"),
//    empty when not asked ("CONSENT_DATE_WITHOUT_ANSWER"), not after today, not before
//    drawn_up_on ("CONSENT_BEFORE_OPP": one consents to a plan that exists).
//  - last_evaluated_on: optional, not after today, not before drawn_up_on
//    ("EVALUATION_BEFORE_OPP").
//  - so_tlv_profile: optional; any value is valid (absent = not judged, counted as no). It is
//    a judgement on the pupil, not on the school, so it is allowed at every kind of school.
absl::StatusOr<ValidOpp> ValidateOpp(const OppInput& input, absl::CivilDay today);

// The SO-TLV judgement (so_tlv_profile) is the SWV's (proto option office_decides): a school or
// board writing its OPP leaves it as stored. An absent value keeps `stored`; another value is
// PERMISSION_DENIED "OFFICE_DECIDES" naming opp.so_tlv_profile.
absl::Status KeepOfficeJudgement(const absl::optional<bool>& stored, absl::optional<bool>& wanted);

// Days after enrolment within which the OPP must be drawn up (6 weeks).
inline constexpr int kOppDrawUpWithinDays = 42;

// One calendar year after the last evaluation, or after drawn_up_on when never evaluated (29 Feb
// clamps to 28 Feb).
absl::CivilDay EvaluationDue(const ValidOpp& opp);

// The plan runs on `today`: started, and not ended before today.
bool IsOppActive(const ValidOpp& opp, absl::CivilDay today);

// Active and today is strictly after EvaluationDue: the yearly evaluation is late. An OPP that
// has ended is never overdue.
bool IsEvaluationOverdue(const ValidOpp& opp, absl::CivilDay today);

// enrolment_date is known and drawn_up_on is more than 6 weeks after it; unknown enrolment is
// never late (we cannot tell).
bool IsDrawnUpLate(const ValidOpp& opp);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_DOMAIN_OPP_H_
