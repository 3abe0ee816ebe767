// The parents' consent to share a thuiszitter case with a youth-care organisation. Leerplicht has
// a legal task and needs none; youth care (e.g. Mevis for Maassluis, Vlaardingen and Schiedam,
// seed 002) may see a case only while the parents' consent to share it with that organisation
// stands (school and youth care exchange data only with explicit consent). The school or the SWV
// office records a consent and its withdrawal; a withdrawal takes effect at once.
//
// Pure rules: values in, values out.
#ifndef SWV_SERVICES_REGISTRATIONS_DOMAIN_CONSENT_H_
#define SWV_SERVICES_REGISTRATIONS_DOMAIN_CONSENT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/optional.h"

namespace swv::registrations {

inline constexpr size_t kMaxConsentTextLength = 300;
// A case keeps at most this many consents (given and withdrawn), so a case row stays small.
inline constexpr size_t kMaxConsentsPerCase = 20;

struct ConsentInput {
  std::string organisation;  // the youth-care organisation's code, e.g. "MEVIS"
  std::string given_on;      // ISO date the parents gave it
  std::string given_by;      // who gave it, e.g. "beide ouders"
  std::string covers;        // what may be shared, e.g. "status en plan van de casus"
};

struct Consent {
  std::string consent_id;    // "cs-…", unique within its case
  std::string organisation;  // upper case
  absl::CivilDay given_on;
  std::string given_by;
  std::string covers;
  std::string recorded_by;  // the actor who recorded it
  absl::optional<absl::CivilDay> withdrawn_on;
  std::string withdrawn_by;  // the actor who recorded the withdrawal

  bool standing() const { return !withdrawn_on.has_value(); }
};

// An organisation code: 2-32 of [A-Z0-9-] after upper-casing (so it is safe in a LIKE pattern).
bool IsOrganisationCode(absl::string_view code);

// A new consent for a case: fields named "consent.<field>" ("REQUIRED", "TOO_LONG",
// "MALFORMED_ORGANISATION", "MALFORMED_DATE", "DATE_IN_FUTURE", "CONSENT_BEFORE_ABSENCE");
// FAILED_PRECONDITION "CONSENT_ALREADY_GIVEN" when one for the organisation stands, and
// "TOO_MANY_CONSENTS" beyond kMaxConsentsPerCase. `absence_start` bounds given_on from below.
absl::StatusOr<Consent> ValidateConsent(const ConsentInput& input,
                                        const std::vector<Consent>& existing,
                                        absl::CivilDay absence_start, absl::CivilDay today);

// Withdraws consent `consent_id` of `consents` on `withdrawn_on` (ISO date, field
// "withdrawn_on"; empty: today): NOT_FOUND for an unknown id, FAILED_PRECONDITION
// "CONSENT_ALREADY_WITHDRAWN", INVALID_ARGUMENT for a date in the future or before given_on.
absl::Status WithdrawConsent(std::vector<Consent>& consents, absl::string_view consent_id,
                             absl::string_view withdrawn_on, absl::string_view actor,
                             absl::CivilDay today);

// The organisations with a standing consent, sorted, each once.
std::vector<std::string> ConsentedOrganisations(const std::vector<Consent>& consents);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_DOMAIN_CONSENT_H_
