// The thuiszitter register beyond the case itself: the plan for a case, the signal flags, and the
// two record kinds that are kept next to thuiszitters but counted apart:
//  - an exemption (vrijstelling) under article 5 sub a of the Leerplichtwet: the child is exempt
//    from enrolment on physical or psychological grounds. It is not a thuiszitter, but the
//    Inspectie register lists exemptions too, and seed 004 wants 100% of them "with SWV
//    involvement", so that is recorded explicitly.
//  - a monitorkind: a child de facto at home who is not a legal thuiszitter (long-term sick,
//    waiting for care, waiting for a place, needing education and care together; seed 002).
//
// Pure functions of their arguments; "today" is a parameter. Errors follow thuiszitter.h: all
// violations of one request at once, INVALID_ARGUMENT with one FieldViolation per broken rule.
#ifndef SWV_SERVICES_REGISTRATIONS_DOMAIN_REGISTER_H_
#define SWV_SERVICES_REGISTRATIONS_DOMAIN_REGISTER_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/optional.h"
#include "services/kernel/identifiers.h"
#include "services/registrations/domain/thuiszitter.h"

namespace swv::registrations {

// ---- Plan
// ----------------------------------------------------------------------------------------

// One plan and one responsible person per thuiszitter, parents involved (004). Setting a plan
// again replaces it as a new version; earlier versions stay in the case history.
struct PlanInput {
  std::string description;               // what is agreed, free text (line breaks allowed)
  std::string agreed_on;                 // ISO date the plan was agreed
  std::string responsible_name;          // the one responsible person ("casusregisseur")
  std::string responsible_role;          // e.g. "intern begeleider", "leerplichtambtenaar"
  std::string responsible_organisation;  // e.g. "SWV PO 22.03", "gemeente Meppel"
  bool parents_involved = false;         // parents took part in drawing up the plan
  std::string expected_resumption;       // optional ISO date school is expected to resume
};

struct ThuiszitterPlan {
  std::string description;
  absl::CivilDay agreed_on;
  std::string responsible_name;
  std::string responsible_role;
  std::string responsible_organisation;
  bool parents_involved = false;
  absl::optional<absl::CivilDay> expected_resumption;
  int plan_version = 0;  // 1 for the first plan of a case, +1 each time it is set again

  bool operator==(const ThuiszitterPlan& other) const;
  bool operator!=(const ThuiszitterPlan& other) const { return !(*this == other); }
};

// Rules, with reasons (fields prefixed "plan."):
//  - the case must be open: else FAILED_PRECONDITION "CASE_ALREADY_CLOSED" (checked first).
//  - description: required, at most 2000 characters ("REQUIRED", "TOO_LONG").
//  - agreed_on: required, a date not after today ("REQUIRED", "MALFORMED_DATE",
//    "DATE_IN_FUTURE"), not before the absence began ("PLAN_BEFORE_ABSENCE").
//  - responsible_name, responsible_role, responsible_organisation: required printable text of at
//    most 100 characters ("REQUIRED", "TOO_LONG", "INVALID_CHARACTERS").
//  - expected_resumption: optional date ("MALFORMED_DATE"), may be in the future, not before
//    agreed_on ("RESUMPTION_BEFORE_PLAN").
// Several different reasons give "INVALID_THUISZITTER_PLAN". plan_version is left 0 (the service
// sets it).
absl::StatusOr<ThuiszitterPlan> ValidatePlan(CaseStatus current, absl::CivilDay absence_start,
                                             const PlanInput& input, absl::CivilDay today);

// ---- Flags
// ---------------------------------------------------------------------------------------

// The two signals of 004 and the Thuiszitterspact, derived as of a day, for open cases only (a
// closed case has resumed):
//  - past_one_month: more than one calendar month after the report (IsPastOneMonth; a potential
//    case reported before the 4-week mark counts from the mark), still open:
//    the aim "school resumed within one month of the report" is missed.
//  - past_three_months: more than three calendar months at home (IsPastThreeMonths from the
//    absence start), still open: "nobody longer than three months at home without a suitable
//    offer" (004: "langer dan drie maanden thuis zit") is broken. The same clock as the Inspectie
//    category (CategoryOf), so a child is flagged the day it is "over 3 months", not a month later
//    because the school reported at the 4-week mark. The register cannot see an offer that has
//    not led to resumption, so the flag holds until the case closes.
struct ThuiszitterFlags {
  bool past_one_month = false;
  bool past_three_months = false;
};

ThuiszitterFlags FlagsOf(CaseStatus status, absl::CivilDay absence_start,
                         absl::CivilDay reported_on, absl::CivilDay as_of);

// ---- Exemption (vrijstelling artikel 5 onder a)
// --------------------------------------------------

// The article of the Leerplichtwet an exemption is granted under: 5 sub a (not fit to attend any
// school, physically or psychologically; the SWV advises, 004 aims at 100%) or 5 sub b (objection
// to the denomination of every school within reasonable distance).
enum class ExemptionArticle { k5a, k5b };
// The SWV's advice on an exemption under 5a, asked by leerplicht before it decides.
enum class SwvAdvice { kPositive, kNegative };
// Stored names: "5a", "5b"; "positive", "negative". Exact parsing; "unknown" outside the enums.
absl::string_view ExemptionArticleName(ExemptionArticle article);
absl::optional<ExemptionArticle> ExemptionArticleFromName(absl::string_view name);
absl::string_view SwvAdviceName(SwvAdvice advice);
absl::optional<SwvAdvice> SwvAdviceFromName(absl::string_view name);

struct ExemptionInput {
  std::string residence_municipality;  // "GM0606"
  std::string school;                  // optional: the last school, if any
  std::string lvs_pupil_number;        // optional; only together with school
  std::string start_date;              // ISO date the exemption takes effect
  std::string end_date;                // optional ISO date it ends (usually the school year's end)
  absl::optional<bool> swv_involved;   // was the SWV involved in the decision (004: 100%)
  absl::optional<ExemptionArticle> article;  // unset: 5a, as every exemption was before 5b came
  absl::optional<SwvAdvice> swv_advice;      // the SWV's advice, when it gave one
  std::string swv_advice_on;                 // ISO date of the advice; with swv_advice only
};

struct ValidExemption {
  std::string residence_municipality;
  absl::optional<SchoolCode> school;
  std::string lvs_pupil_number;  // empty when not given
  absl::CivilDay start_date;
  absl::optional<absl::CivilDay> end_date;
  bool swv_involved = false;
  ExemptionArticle article = ExemptionArticle::k5a;
  absl::optional<SwvAdvice> swv_advice;
  absl::optional<absl::CivilDay> swv_advice_on;  // set exactly when swv_advice is

  bool operator==(const ValidExemption& other) const;
};

// Rules (fields prefixed "exemption."):
//  - residence_municipality: required CBS code ("REQUIRED", "MALFORMED_MUNICIPALITY_CODE").
//  - school: optional school code ("MALFORMED_SCHOOL_CODE"); required when lvs_pupil_number is
//    given ("REQUIRED"), since an LVS number means nothing without its school.
//  - lvs_pupil_number: optional; when given, the LVS number rules (see validation.h).
//  - start_date: required date ("REQUIRED", "MALFORMED_DATE"); it may lie in the future (an
//    exemption for the coming school year).
//  - end_date: optional date, not before start_date ("END_BEFORE_START").
//  - swv_involved: must be stated either way ("REQUIRED"): an unknown answer would silently count
//    as "not involved" against the 100% target.
//  - article: optional, 5a when unset.
//  - swv_advice and swv_advice_on: together or neither ("REQUIRED" on the missing one); the date
//    not after today ("MALFORMED_DATE", "DATE_IN_FUTURE"); an advice means the SWV was involved
//    ("ADVICE_WITHOUT_INVOLVEMENT" on swv_involved when it says false).
// `today` bounds the advice date.
// Several different reasons give "INVALID_EXEMPTION".
absl::StatusOr<ValidExemption> ValidateExemption(const ExemptionInput& input, absl::CivilDay today);

// ---- Monitorkind
// ---------------------------------------------------------------------------------

enum class MonitorkindReason {
  kLongTermSick,           // langdurig ziek
  kWaitingForCare,         // wacht op zorg/jeugdhulp
  kWaitingForPlace,        // wacht op een passende plek
  kNeedsEducationAndCare,  // heeft onderwijs en zorg samen nodig, die de regio niet heeft
};

// Stored names: "long_term_sick", "waiting_for_care", "waiting_for_place",
// "needs_education_and_care"; "unknown" outside the enum. Exact parsing as in thuiszitter.h.
absl::string_view MonitorkindReasonName(MonitorkindReason reason);
absl::optional<MonitorkindReason> MonitorkindReasonFromName(absl::string_view name);
inline constexpr MonitorkindReason kAllMonitorkindReasons[] = {
    MonitorkindReason::kLongTermSick, MonitorkindReason::kWaitingForCare,
    MonitorkindReason::kWaitingForPlace, MonitorkindReason::kNeedsEducationAndCare};

struct MonitorkindInput {
  std::string school;
  std::string lvs_pupil_number;
  std::string residence_municipality;
  absl::optional<MonitorkindReason> reason;
  std::string at_home_since;  // ISO date
  std::string registered_on;  // ISO date; empty = today
};

struct ValidMonitorkind {
  SchoolCode school;
  std::string lvs_pupil_number;
  std::string residence_municipality;
  MonitorkindReason reason;
  absl::CivilDay at_home_since;
  absl::CivilDay registered_on;
};

// Rules (fields prefixed "monitorkind."): school, lvs_pupil_number, residence_municipality as for
// a thuiszitter report; reason required ("REQUIRED"); at_home_since required, not after today;
// registered_on optional (today), not after today, not before at_home_since
// ("REGISTERED_BEFORE_AT_HOME"). There is no 4-week minimum: a monitorkind is watched from the
// first day. Several different reasons give "INVALID_MONITORKIND".
absl::StatusOr<ValidMonitorkind> ValidateMonitorkind(const MonitorkindInput& input,
                                                     absl::CivilDay today);

// Closing a monitorkind record (back at school, or became a thuiszitter case, ...).
// Rules: already closed -> FAILED_PRECONDITION "RECORD_ALREADY_CLOSED" (checked first);
// closed_on required, not after today, not before `started` ("CLOSE_BEFORE_START"); reason
// required, at most 500 characters. Fields "closed_on" and "reason"; mixed reasons give
// "INVALID_CLOSE".
absl::StatusOr<ValidClose> ValidateRecordClose(CaseStatus current, absl::CivilDay started,
                                               const CloseInput& input, absl::CivilDay today);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_DOMAIN_REGISTER_H_
