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
#include "services/registrations/records/records.h"
#include "services/registrations/records/school_filter.h"
#include "storage/database.h"

namespace swv::registrations {

struct OppRecord {
  std::string tenant;
  std::string opp_id;
  std::string pupil_id;
  ValidOpp opp;
  int64_t version = 0;
  absl::Time create_time;
  absl::Time update_time;
  std::string created_by;
  std::string updated_by;
};

struct OppQuery {
  std::string tenant;
  int page_size = 50;
  int64_t after_position = 0;
  SchoolFilter filter;  // school and reach
};

struct OppPage {
  std::vector<OppRecord> opps;
  int64_t next_position = 0;  // 0 on the last page
};

struct CreateOppResult {
  OppRecord stored;
  bool created = false;
};

class OppRepository {
 public:
  virtual ~OppRepository() = default;
  // Stores version 1; the pupil comes from (tenant, school, LVS number). A request_id seen before
  // returns the earlier record.
  virtual absl::StatusOr<CreateOppResult> CreateOpp(const OppRecord& candidate,
                                                    absl::string_view request_id) = 0;
  virtual absl::StatusOr<OppRecord> GetOpp(absl::string_view tenant, absl::string_view opp_id) = 0;
  virtual absl::StatusOr<OppPage> ListOpps(const OppQuery& query) = 0;
  // Writes version expected_version + 1; ABORTED when someone else wrote first.
  virtual absl::StatusOr<OppRecord> UpdateOpp(const OppRecord& updated, int64_t expected_version,
                                              absl::string_view reason) = 0;
  virtual absl::StatusOr<std::vector<RecordChange>> ListVersions(absl::string_view tenant,
                                                                 absl::string_view opp_id) = 0;
  // Current versions of all OPPs whose school matches the filter (no pupil ids).
  virtual absl::StatusOr<std::vector<ValidOpp>> OppsForStatistics(absl::string_view tenant,
                                                                  const SchoolFilter& filter) = 0;
  // Current versions of the OPPs of every pupil with an OPP running on some day of [from, last]
  // (placement statistics; domain/placement.h). Within the service only: pupil ids included.
  virtual absl::StatusOr<std::vector<OppPlacement>> OppPlacements(absl::string_view tenant,
                                                                  absl::CivilDay from,
                                                                  absl::CivilDay last) = 0;
};

// The OPP tables (component "opp"), applied at start before MigrateTlvSchema (whose first
// versions created them).
absl::Status MigrateOppSchema(storage::Database& db);

std::unique_ptr<OppRepository> NewSqlOppRepository(storage::Database* db);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_OPPS_OPP_REPOSITORY_H_
