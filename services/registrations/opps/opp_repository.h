// Storage of OPPs. Every change is a new version: the `opps` row holds the current version (for
// lists and look-ups) and `opp_versions` holds every version ever written, with who, when, why and
// a snapshot. Versions are never overwritten. The schema is the component "opp" (MigrateOppSchema).
// Thread-safety: safe for concurrent use.
#ifndef SWV_SERVICES_REGISTRATIONS_OPPS_OPP_REPOSITORY_H_
#define SWV_SERVICES_REGISTRATIONS_OPPS_OPP_REPOSITORY_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/registrations/domain/opp.h"
#include "services/registrations/domain/placement.h"
#include "services/registrations/records/record_store.h"
#include "services/registrations/records/records.h"
#include "services/registrations/records/school_filter.h"
#include "storage/database.h"

namespace swv::registrations {

struct OppRecord : VersionedRecord {
  std::string opp_id;
  std::string pupil_id;
  ValidOpp opp;
};

// The school an OPP belongs to, for the access rules.
inline std::vector<std::string> SchoolsOf(const OppRecord& r) { return {r.opp.school.ToString()}; }

// The reads the TLV and placement statistics make across the OPPs of an SWV.
class OppRepository {
 public:
  virtual ~OppRepository() = default;
  // Current versions of all OPPs whose school matches the filter (no pupil ids).
  virtual absl::StatusOr<std::vector<ValidOpp>> OppsForStatistics(absl::string_view tenant,
                                                                  const SchoolFilter& filter) = 0;
  // Current versions of the OPPs of every pupil with an OPP running on some day of [from, last]
  // (placement statistics; domain/placement.h). Within the service only: pupil ids included.
  virtual absl::StatusOr<std::vector<OppPlacement>> OppPlacements(absl::string_view tenant,
                                                                  absl::CivilDay from,
                                                                  absl::CivilDay last) = 0;
};

// OPPs as records (every update a version with its reason) and the statistics reads. `db` is not
// owned and must outlive them.
struct OppStores {
  std::unique_ptr<RecordStore<OppRecord>> records;
  std::unique_ptr<OppRepository> statistics;
};

// The OPP tables (component "opp"), applied at start before MigrateTlvSchema (whose first
// versions created them).
absl::Status MigrateOppSchema(storage::Database& db);

OppStores NewSqlOppStores(storage::Database* db);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_OPPS_OPP_REPOSITORY_H_
