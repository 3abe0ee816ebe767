// TLV (toelaatbaarheidsverklaring): the SWV's decision that a pupil may enter special education,
// SBO (speciaal basisonderwijs) or SO (speciaal onderwijs, with funding category laag/midden/hoog).
// Life of an application:
//
//   received --complete--> complete --(extend once)--> --decide--> granted | refused
//                                                                    \--recordObjection (bezwaar)
//   granted --renew (herindicatie, before it expires)--> a new application, received
//
// Rules from the seeds (004, 002, 003) and public sources (docs/tlv.md names each): complete
// only with an OPP attached and either the parents' consent on it or their recorded view
// (zienswijze); decided only on two written, identifiable, independent expert advices; decided
// within 6 weeks of being complete, extendable once by 4 weeks; return to regular education
// considered at every TLV; validity from a start to an end date, by default two school years.
//
// Pure functions: "today" and the directory facts are parameters. Thread-safe.
// Errors: INVALID_ARGUMENT with field violations (swv::FieldViolationsOf) and a reason
// (swv::ReasonOf): the rule's own when all violations share it, else "INVALID_TLV_REQUEST".
// A transition from the wrong state is FAILED_PRECONDITION with its own reason.
#ifndef SWV_SERVICES_REGISTRATIONS_DOMAIN_TLV_H_
#define SWV_SERVICES_REGISTRATIONS_DOMAIN_TLV_H_

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/optional.h"
#include "services/kernel/identifiers.h"
#include "services/registrations/domain/calendar.h"
#include "services/registrations/domain/directory.h"
#include "services/registrations/domain/opp.h"

namespace swv::registrations {

enum class TlvKind { kSbo, kSo };
enum class SoCategory { kLaag, kMidden, kHoog };  // categories 1, 2, 3
enum class TlvStatus { kReceived, kComplete, kGranted, kRefused };
enum class TlvOutcome { kGranted, kRefused };
enum class ExpertProfession {
  // First adviser.
  kOrthopedagoog,
  kPsycholoog,
  // Second adviser.
  kKinderJeugdpsycholoog,
  kPedagoog,
  kKinderpsychiater,
  kMaatschappelijkWerker,
  kArts,
};

// Stored names (never change once stored): "sbo", "so"; "laag", "midden", "hoog"; "received",
// "complete", "granted", "refused"; "orthopedagoog", "psycholoog", "kinder_jeugdpsycholoog",
// "pedagoog", "kinderpsychiater", "maatschappelijk_werker", "arts".
absl::string_view TlvKindName(TlvKind kind);
absl::optional<TlvKind> TlvKindFromName(absl::string_view name);
absl::string_view SoCategoryName(SoCategory category);
absl::optional<SoCategory> SoCategoryFromName(absl::string_view name);
absl::string_view TlvStatusName(TlvStatus status);
absl::optional<TlvStatus> TlvStatusFromName(absl::string_view name);
absl::string_view ExpertProfessionName(ExpertProfession profession);
absl::optional<ExpertProfession> ExpertProfessionFromName(absl::string_view name);

// May give the first advice: orthopedagoog or psycholoog.
bool IsFirstAdviserProfession(ExpertProfession profession);
// May give the second advice: kinder-/jeugdpsycholoog, pedagoog, kinderpsychiater, maatschappelijk
// werker, arts.
bool IsSecondAdviserProfession(ExpertProfession profession);

// Per-SWV configuration.
struct TlvPolicy {
  // School years a TLV is valid when the decision gives no end date. Public sources: "usually two".
  int validity_school_years = 2;
  // 1..8, else INVALID_ARGUMENT on "tlv_validity_school_years", reason "OUT_OF_RANGE" (8: all of
  // primary school; more is a typo).
  absl::Status Validate() const;
};

// Decision term: 6 weeks after complete, plus 4 weeks when extended once (004).
inline constexpr int kDecisionTermDays = 42;
inline constexpr int kExtensionDays = 28;

// A school year runs 1 August - 31 July. The last day of a validity of `school_years` school
// years starting on `from`, counting the school year that contains `from` as the first: 31 July
// of (the year in which that school year started + school_years). So from 2026-11-20 with 2:
// school years 2026-27 and 2027-28, valid until 2028-07-31; from 2027-08-01 with 2: 2029-07-31.
absl::CivilDay EndOfSchoolYears(absl::CivilDay from, int school_years);

struct ExpertAdvice {
  std::string expert_name;
  ExpertProfession profession = ExpertProfession::kOrthopedagoog;
  absl::CivilDay advised_on;
  std::string affiliated_school;  // "" or a school code "12AB00"
  bool involved_before = false;
  bool operator==(const ExpertAdvice& o) const {
    return expert_name == o.expert_name && profession == o.profession &&
           advised_on == o.advised_on && affiliated_school == o.affiliated_school &&
           involved_before == o.involved_before;
  }
};

struct ParentsView {
  absl::CivilDay recorded_on;
  std::string summary;
  bool operator==(const ParentsView& o) const {
    return recorded_on == o.recorded_on && summary == o.summary;
  }
};

// Everything stored about one application, as values.
struct TlvState {
  // Application.
  SchoolCode referring_school;
  std::string lvs_pupil_number;
  SchoolCode receiving_school;
  bool receiving_inside_region = false;
  TlvKind kind = TlvKind::kSbo;
  absl::optional<SoCategory> so_category;  // SO only
  absl::CivilDay received_on;
  TlvStatus status = TlvStatus::kReceived;
  // Complete.
  std::string opp_id;
  bool opp_consent_given = false;
  absl::optional<ParentsView> parents_view;
  absl::optional<absl::CivilDay> completed_on;
  // Extension.
  bool extended = false;
  std::string extension_reason;
  absl::optional<absl::CivilDay> extended_on;
  // Decision.
  absl::optional<absl::CivilDay> decided_on;
  std::string decision_number;
  absl::optional<absl::CivilDay> valid_from;
  absl::optional<absl::CivilDay> valid_until;
  bool return_to_regular_considered = false;
  std::string return_to_regular_note;
  std::string decision_note;
  std::vector<ExpertAdvice> advices;
  // Objection (bezwaar).
  absl::optional<absl::CivilDay> objection_filed_on;
  std::string objection_note;
  // Renewal (herindicatie): ids of the TLV this one renews / that renews this one.
  std::string renews;
  std::string renewed_by;
};

// ---- Application
// ---------------------------------------------------------------------------------

struct TlvApplicationInput {
  std::string referring_school;
  std::string lvs_pupil_number;
  std::string receiving_school;
  absl::optional<TlvKind> kind;
  absl::optional<SoCategory> so_category;
  std::string received_on;
};

// Rules (fields "tlv.<name>"): referring_school and receiving_school required school codes;
// lvs_pupil_number (CheckLvsPupilNumber); kind required ("REQUIRED"); so_category required for SO
// ("REQUIRED") and empty for SBO ("SO_CATEGORY_FOR_SBO"); received_on required, not after today.
// Returns a state in status kReceived; the directory facts are checked by CheckTlvSchools.
absl::StatusOr<TlvState> ValidateTlvApplication(const TlvApplicationInput& input,
                                                absl::CivilDay today);

// The schools against the directory (nullptr = not in the directory), fields "tlv.<name>":
//  - referring school in the directory ("UNKNOWN_SCHOOL") and inside the region
//    ("REFERRING_SCHOOL_OUTSIDE_REGION": the TLV is issued by the SWV of the referring school);
//  - receiving school in the directory ("UNKNOWN_SCHOOL") and of the kind applied for: an SBO
//    school for an SBO TLV, an SO school for an SO TLV ("RECEIVING_SCHOOL_KIND_MISMATCH").
// On success sets state.receiving_inside_region from the directory.
absl::Status CheckTlvSchools(TlvState& state, const School* referring, const School* receiving);

// ---- Complete
// ------------------------------------------------------------------------------------

struct TlvCompleteInput {
  std::string completed_on;
  std::string opp;  // the OPP id, "" when none given
  std::string parents_view_recorded_on;
  std::string parents_view_summary;
};

// What the service found about the named OPP.
struct AttachedOpp {
  std::string opp_id;
  bool same_pupil = false;
  ParentalConsent consent = ParentalConsent::kNotAsked;
};

// State: must be received (FAILED_PRECONDITION "TLV_NOT_AWAITING_COMPLETION").
// Fields (top-level of the request): completed_on required, not after today, not before
// received_on ("COMPLETE_BEFORE_RECEIVED"); opp required ("OPP_REQUIRED": an application is
// complete only with an OPP, 004), found (`opp` nullptr: "UNKNOWN_OPP"), of the same pupil
// ("OPP_OF_OTHER_PUPIL"); when the parents did not consent to its handelingsdeel, their view is
// required ("PARENTS_VIEW_REQUIRED", field "parents_view", 002): parents_view.recorded_on (a date
// not after today) and parents_view.summary (1-2000 characters).
absl::Status ApplyComplete(TlvState& state, const TlvCompleteInput& input, const AttachedOpp* opp,
                           absl::CivilDay today);

// ---- Extend
// --------------------------------------------------------------------------------------

struct TlvExtendInput {
  std::string extended_on;
  std::string reason;
};

// State: must be complete and not decided ("TLV_NOT_COMPLETE", "TLV_ALREADY_DECIDED") and not
// extended before ("ALREADY_EXTENDED": once only, 004). extended_on required, not after today,
// not before completed_on ("EXTENSION_BEFORE_COMPLETE"), not after the 6-week deadline
// ("EXTENSION_AFTER_DEADLINE": an expired term cannot be extended); reason 1-500 characters.
absl::Status ApplyExtend(TlvState& state, const TlvExtendInput& input, absl::CivilDay today);

// ---- Decide
// --------------------------------------------------------------------------------------

struct ExpertAdviceInput {
  std::string expert_name;
  absl::optional<ExpertProfession> profession;
  std::string advised_on;
  std::string affiliated_school;
  bool involved_before = false;
};

struct TlvDecideInput {
  std::string decided_on;
  absl::optional<TlvOutcome> outcome;
  std::string valid_from;
  std::string valid_until;
  absl::optional<SoCategory> so_category;
  bool return_to_regular_considered = false;
  std::string return_to_regular_note;
  std::string decision_note;
  std::vector<ExpertAdviceInput> advices;
};

// State: complete ("TLV_NOT_COMPLETE" when only received, "TLV_ALREADY_DECIDED").
// Fields: decided_on required, not after today, not before completed_on
// ("DECISION_BEFORE_COMPLETE"); outcome required; return_to_regular_considered must be true
// ("RETURN_TO_REGULAR_NOT_CONSIDERED", 004); advices: at least two ("TOO_FEW_ADVICES"), the
// first by an orthopedagoog or psycholoog ("FIRST_ADVISER_PROFESSION"), the second by a
// kinder-/jeugdpsycholoog, pedagoog, kinderpsychiater, maatschappelijk werker or arts
// ("SECOND_ADVISER_PROFESSION"); each advice (advices[i].*): expert_name 1-200 characters,
// profession required, advised_on a date not after today, not before received_on
// ("ADVICE_BEFORE_APPLICATION") and not after decided_on ("ADVICE_AFTER_DECISION"); an expert
// linked to the referring or receiving school ("EXPERT_LINKED_TO_SCHOOL") or involved in the case
// before ("EXPERT_INVOLVED_BEFORE") is refused; two advices by the same person
// ("SAME_EXPERT_TWICE") are one advice.
// Granted: valid_from defaults to decided_on and must not be before received_on
// ("VALID_FROM_BEFORE_APPLICATION"); valid_until defaults to EndOfSchoolYears(valid_from,
// policy.validity_school_years) and must not be before valid_from ("VALID_UNTIL_BEFORE_FROM");
// SO: so_category defaults to the one applied for; SBO: so_category must be empty
// ("SO_CATEGORY_FOR_SBO"). Refused: no validity ("VALIDITY_FOR_REFUSAL").
// The decision number is assigned by the repository.
absl::Status ApplyDecision(TlvState& state, const TlvDecideInput& input, const TlvPolicy& policy,
                           absl::CivilDay today);

// ---- Objection, renewal -------------------------------------------------------------------------

struct TlvObjectionInput {
  std::string filed_on;
  std::string note;
};

// State: decided ("TLV_NOT_DECIDED"), no objection yet ("OBJECTION_ALREADY_RECORDED"). filed_on
// required, not after today, not before decided_on ("OBJECTION_BEFORE_DECISION"); note optional,
// at most 2000 characters.
absl::Status ApplyObjection(TlvState& state, const TlvObjectionInput& input, absl::CivilDay today);

// Herindicatie of `granted`: it must be granted ("ONLY_GRANTED_TLV_RENEWABLE") and not renewed
// before ("ALREADY_RENEWED"); received_on (required, not after today) must not be after its
// valid_until ("RENEWAL_AFTER_EXPIRY": after expiry it is a new application). Returns the new
// application (status received, same pupil and referring school; receiving school and category
// from `input` when given, else the old ones); its directory facts still need CheckTlvSchools.
absl::StatusOr<TlvState> ValidateRenewal(const TlvState& granted, const TlvApplicationInput& input,
                                         absl::CivilDay today);

// ---- Derived
// -------------------------------------------------------------------------------------

// completed_on + 42 days (+ 28 when extended); nullopt while not complete.
absl::optional<absl::CivilDay> DecisionDeadline(const TlvState& state);
// The overdue rule as criteria a query can render (the repository stores each application's
// status and DecisionDeadline): an application in `status` whose deadline is before
// `deadline_before`. IsTlvOverdue applies the same criteria to one application, so the rule is
// written once.
struct TlvOverdueCriteria {
  TlvStatus status = TlvStatus::kComplete;
  absl::CivilDay deadline_before;
};
// Complete (not decided) and `today` after the deadline.
TlvOverdueCriteria OverdueAsOf(absl::CivilDay today);
bool IsTlvOverdue(const TlvState& state, absl::CivilDay today);
// Decided after the deadline.
bool IsTlvDecidedLate(const TlvState& state);
bool IsDecided(const TlvState& state);
// received -> complete and complete -> decision, in days; nullopt while not reached.
absl::optional<int> DaysToComplete(const TlvState& state);
absl::optional<int> DaysToDecision(const TlvState& state);

// ---- Statistics
// ----------------------------------------------------------------------------------

// Nearest-rank percentile of `sorted_values` (ascending, non-empty): the value at rank
// ceil(p/100 * n), 1-based, with p in 1..100. For {1,2,3,4}: P25 = 1, P50 = 2, P75 = 3.
int NearestRankPercentile(const std::vector<int>& sorted_values, int p);

struct DurationPercentiles {
  int count = 0;
  int p25 = 0;
  int p50 = 0;
  int p75 = 0;
};
DurationPercentiles PercentilesOf(std::vector<int> values);

struct TlvStatistics {
  int received = 0;
  int completed = 0;
  int decided = 0;
  int granted = 0;
  int refused = 0;
  int decided_within_deadline = 0;
  int decided_late = 0;
  int open_now = 0;
  int overdue_now = 0;
  DurationPercentiles received_to_complete;
  DurationPercentiles complete_to_decision;
  int granted_sbo = 0;
  int granted_so_laag = 0;
  int granted_so_midden = 0;
  int granted_so_hoog = 0;
  int granted_receiving_inside_region = 0;
  int granted_receiving_outside_region = 0;
  int objections = 0;
  int renewals_received = 0;
  int opps_active_now = 0;
  int opps_evaluation_overdue_now = 0;
  int opps_drawn_up_late = 0;
};

// Counts per event date in `period` (received_on, completed_on, decided_on, objection_filed_on;
// see tlv.proto for each number), "now" counts as of `today` regardless of the period. OPPs:
// active and evaluation-overdue as of today; drawn up late among those drawn up in the period.
TlvStatistics ComputeTlvStatistics(const std::vector<TlvState>& tlvs,
                                   const std::vector<ValidOpp>& opps, DayRange period,
                                   absl::CivilDay today);

// The same figures per group: an application counts in group_of(its referring school), an OPP in
// group_of(its school). Only groups with an application or an OPP appear.
std::map<std::string, TlvStatistics> ComputeTlvStatisticsByGroup(
    const std::vector<TlvState>& tlvs, const std::vector<ValidOpp>& opps,
    const std::function<std::string(const SchoolCode&)>& group_of, DayRange period,
    absl::CivilDay today);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_DOMAIN_TLV_H_
