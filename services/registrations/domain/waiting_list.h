// Waiting lists: a pupil waiting for a place at an SO or SBO school (with the TLV that admits it)
// or for youth care (jeugdhulp, e.g. MEVIS). 004 sets a target of 0 pupils on the waiting lists
// for SO and for SBO. Pure rules; "today" is a parameter. Errors follow thuiszitter.h (all
// violations at once; fields as the client writes them: "waiting_entry.waiting_since").
//
// A pupil waits on day d when waiting_since <= d and, once the wait ended, d < ended_on (the day
// of the placement is no longer a waiting day). So a pupil is on the list in a period [from, end]
// when waiting_since <= end and (not ended, or ended_on > from): a child who waited in March and
// was placed in May counts for the first half year.
//
// Pure functions on values; thread-safe.
#ifndef SWV_SERVICES_REGISTRATIONS_DOMAIN_WAITING_LIST_H_
#define SWV_SERVICES_REGISTRATIONS_DOMAIN_WAITING_LIST_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/optional.h"
#include "services/kernel/identifiers.h"
#include "services/registrations/domain/calendar.h"
#include "services/registrations/domain/support.h"
#include "services/registrations/domain/tlv.h"

namespace swv::registrations {

enum class WaitingKind { kSo, kSbo, kYouthCare };
enum class WaitingOutcome { kPlaced, kWithdrawn, kOther };

// Stored names: "so", "sbo", "youth_care"; "placed", "withdrawn", "other".
absl::string_view WaitingKindName(WaitingKind kind);
absl::optional<WaitingKind> WaitingKindFromName(absl::string_view name);
absl::string_view WaitingOutcomeName(WaitingOutcome outcome);
absl::optional<WaitingOutcome> WaitingOutcomeFromName(absl::string_view name);

inline constexpr size_t kMaxWaitingNote = 500;

// As the client wrote it.
struct WaitingEntryInput {
  absl::optional<WaitingKind> kind;
  std::string school;
  std::string lvs_pupil_number;
  std::string tlv;  // "swvs/{swv}/tlvs/{id}" or the id
  std::string receiving_school;
  std::string organisation;
  std::string waiting_since;
  std::string note;
};

struct ValidWaitingEntry {
  WaitingKind kind = WaitingKind::kSo;
  SchoolCode school;
  std::string lvs_pupil_number;
  std::string tlv_id;                           // SO and SBO; "" for youth care
  absl::optional<SchoolCode> receiving_school;  // SO and SBO
  std::string organisation;                     // youth care, upper case
  absl::CivilDay waiting_since;
  std::string note;
};

// Every rule at once (prefix "waiting_entry."): kind (REQUIRED); school and lvs_pupil_number (the
// thuiszitter rules); SO/SBO: tlv (REQUIRED, MALFORMED_TLV: "tlv-" + [a-z0-9], at most 40, or the
// resource name of one), receiving_school (REQUIRED, MALFORMED_SCHOOL_CODE), organisation empty
// (NOT_FOR_KIND); youth care: organisation (REQUIRED, MALFORMED_ORGANISATION), tlv and
// receiving_school empty (NOT_FOR_KIND); waiting_since (REQUIRED, MALFORMED_DATE,
// DATE_IN_FUTURE); note at most 500 (TOO_LONG). Combined reason "INVALID_WAITING_ENTRY".
absl::StatusOr<ValidWaitingEntry> ValidateWaitingEntry(const WaitingEntryInput& input,
                                                       absl::CivilDay today);

// The TLV a waiting entry names must be of its kind: an SO entry an SO TLV, an SBO entry an SBO
// TLV (INVALID_ARGUMENT "TLV_KIND_MISMATCH" on "waiting_entry.tlv").
absl::Status CheckTlvKind(WaitingKind kind, TlvKind tlv_kind);

struct WaitingEndInput {
  std::string ended_on;  // "" = today
  absl::optional<WaitingOutcome> outcome;
  std::string note;
};

struct ValidWaitingEnd {
  absl::CivilDay ended_on;
  WaitingOutcome outcome = WaitingOutcome::kPlaced;
  std::string note;
};

// FAILED_PRECONDITION "WAITING_ENTRY_ENDED" when it has ended already; else every rule at once:
// ended_on (MALFORMED_DATE, DATE_IN_FUTURE, END_BEFORE_START), outcome (REQUIRED), note (TOO_LONG).
absl::StatusOr<ValidWaitingEnd> ValidateWaitingEnd(bool ended, absl::CivilDay waiting_since,
                                                   const WaitingEndInput& input,
                                                   absl::CivilDay today);

// Days from waiting_since to ended_on, or to today while waiting.
int DaysWaiting(absl::CivilDay waiting_since, const absl::optional<absl::CivilDay>& ended_on,
                absl::CivilDay today);

// Whether the pupil waited on any day of [first, last] (see above).
bool WaitedIn(absl::CivilDay waiting_since, const absl::optional<absl::CivilDay>& ended_on,
              absl::CivilDay first, absl::CivilDay last);

// A stored entry as the statistics see it.
struct WaitingFacts {
  std::string key;  // the statistics group of the entry (its school, or "")
  std::string pupil_id;
  WaitingKind kind = WaitingKind::kSo;
  absl::CivilDay waiting_since;
  absl::optional<absl::CivilDay> ended_on;
};

// Adds the waiting counts of the period [period.first, min(period.last, today)] to
// stats[fact.key]: distinct pupils per kind and group, and the entries still waiting at the end.
void CountWaiting(const std::vector<WaitingFacts>& entries, const DayRange& period,
                  absl::CivilDay today, std::map<std::string, SupportStatistics>& stats);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_DOMAIN_WAITING_LIST_H_
