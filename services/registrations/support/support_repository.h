// Storage of arrangements and OPDC placements (schema component "support"). Stores what it is
// given, through RecordStore; rules live in domain/support.h and SupportService. Every change
// writes a row to support_changes (record_changes.h). Thread-safe.
#ifndef SWV_SERVICES_REGISTRATIONS_SUPPORT_SUPPORT_REPOSITORY_H_
#define SWV_SERVICES_REGISTRATIONS_SUPPORT_SUPPORT_REPOSITORY_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/common/access_policy.h"
#include "services/common/principal.h"
#include "services/registrations/domain/support.h"
#include "services/registrations/records/record_store.h"
#include "services/registrations/records/records.h"
#include "services/registrations/records/school_filter.h"
#include "storage/database.h"

namespace swv::registrations {

// The change log of every record kind of the component (arrangements, OPDC placements, school
// profiles, waiting entries).
inline constexpr char kSupportChangesTable[] = "support_changes";

inline constexpr char kArrangementKind[] = "arrangement";
inline constexpr char kOpdcPlacementKind[] = "opdc_placement";

struct ArrangementRecord : VersionedRecord {
  std::string arrangement_id;
  std::string pupil_id;  // pupil arrangements only
  ValidArrangementApplication application;
  ArrangementStatus status = ArrangementStatus::kPending;
  absl::optional<ValidArrangementDecision> decision;
};

struct OpdcPlacementRecord : VersionedRecord {
  std::string placement_id;
  std::string pupil_id;
  ValidOpdcPlacement placement;  // planned_end is the current one (after an extension)
  absl::optional<absl::CivilDay> original_end;  // set by the extension
  absl::optional<absl::CivilDay> extended_on;
  std::string extension_reason;
  bool ended = false;
  absl::optional<absl::CivilDay> ended_on;
  std::string end_reason;
};

// The schools a record belongs to, for the access rules: a wijk arrangement is the office's.
inline std::vector<std::string> SchoolsOf(const ArrangementRecord& r) {
  if (!r.application.school) return {};
  return {r.application.school->ToString()};
}
// A wijkarrangement is read by the office and by the schools and boards of its wijk; the others
// by the schools they are kept for (record_access.h finds this overload by its argument).
inline absl::Status MayRead(const AccessPolicy& access, const Principal& caller,
                            const ArrangementRecord& r) {
  if (r.application.target == ArrangementTarget::kWijk) {
    return access.ReadWijkRecord(caller, r.tenant, r.application.wijk);
  }
  return access.ReadRecord(caller, r.tenant, SchoolsOf(r));
}
inline std::vector<std::string> SchoolsOf(const OpdcPlacementRecord& r) {
  return {r.placement.school.ToString()};
}

// Arrangements and OPDC placements. `db` is not owned and must outlive them.
struct SupportStores {
  // date: applied_on; state: status ("pending", "granted", "refused")
  std::unique_ptr<RecordStore<ArrangementRecord>> arrangements;
  std::unique_ptr<RecordStore<OpdcPlacementRecord>> placements;  // date: start_date; state: ended
};

// The "support" schema component. Needs the "registrations" component first (pupil tables).
absl::Status MigrateSupportSchema(storage::Database& db);

SupportStores NewSqlSupportStores(storage::Database* db);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_SUPPORT_SUPPORT_REPOSITORY_H_
