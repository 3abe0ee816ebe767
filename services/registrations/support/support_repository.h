// Storage of arrangements and OPDC placements (schema component "support"). Stores what it is
// given; rules live in domain/support.h and SupportService. Every change writes a row to
// support_changes (record_changes.h). Thread-safe.
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
#include "services/registrations/domain/support.h"
#include "services/registrations/records/records.h"
#include "services/registrations/records/school_filter.h"
#include "storage/database.h"

namespace swv::registrations {

inline constexpr char kArrangementKind[] = "arrangement";
inline constexpr char kOpdcPlacementKind[] = "opdc_placement";

struct ArrangementRecord {
  std::string tenant;
  std::string arrangement_id;
  std::string pupil_id;  // pupil arrangements only
  ValidArrangementApplication application;
  ArrangementStatus status = ArrangementStatus::kPending;
  absl::optional<ValidArrangementDecision> decision;
  int64_t version = 0;
  absl::Time create_time;
  absl::Time update_time;
  std::string created_by;
  std::string updated_by;
  int64_t position = 0;
};

struct OpdcPlacementRecord {
  std::string tenant;
  std::string placement_id;
  std::string pupil_id;
  ValidOpdcPlacement placement;  // planned_end is the current one (after an extension)
  absl::optional<absl::CivilDay> original_end;  // set by the extension
  absl::optional<absl::CivilDay> extended_on;
  std::string extension_reason;
  bool ended = false;
  absl::optional<absl::CivilDay> ended_on;
  std::string end_reason;
  int64_t version = 0;
  absl::Time create_time;
  absl::Time update_time;
  std::string created_by;
  std::string updated_by;
  int64_t position = 0;
};

class SupportRepository {
 public:
  virtual ~SupportRepository() = default;

  virtual absl::StatusOr<Created<ArrangementRecord>> CreateArrangement(
      const ArrangementRecord& candidate, absl::string_view request_id) = 0;
  virtual absl::StatusOr<ArrangementRecord> GetArrangement(absl::string_view tenant,
                                                           absl::string_view id) = 0;
  virtual absl::StatusOr<RecordPage<ArrangementRecord>> ListArrangements(
      absl::string_view tenant, int page_size, int64_t after_position, const SchoolFilter& filter,
      absl::optional<ArrangementStatus> status) = 0;
  virtual absl::StatusOr<ArrangementRecord> UpdateArrangement(const ArrangementRecord& updated,
                                                              int64_t expected_version,
                                                              absl::string_view action) = 0;
  virtual absl::StatusOr<std::vector<ArrangementRecord>> ListArrangementsAppliedBy(
      absl::string_view tenant, absl::CivilDay last_day) = 0;

  virtual absl::StatusOr<Created<OpdcPlacementRecord>> CreatePlacement(
      const OpdcPlacementRecord& candidate, absl::string_view request_id) = 0;
  virtual absl::StatusOr<OpdcPlacementRecord> GetPlacement(absl::string_view tenant,
                                                           absl::string_view id) = 0;
  virtual absl::StatusOr<RecordPage<OpdcPlacementRecord>> ListPlacements(
      absl::string_view tenant, int page_size, int64_t after_position, const SchoolFilter& filter,
      absl::optional<bool> ended) = 0;
  virtual absl::StatusOr<OpdcPlacementRecord> UpdatePlacement(const OpdcPlacementRecord& updated,
                                                              int64_t expected_version,
                                                              absl::string_view action) = 0;
  virtual absl::StatusOr<std::vector<OpdcPlacementRecord>> ListPlacementsStartingBy(
      absl::string_view tenant, absl::CivilDay last_day) = 0;

  virtual absl::StatusOr<std::vector<RecordChange>> ListChanges(absl::string_view tenant,
                                                                absl::string_view record_kind,
                                                                absl::string_view id) = 0;
};

// The "support" schema component. Needs the "registrations" component first (pupil tables).
absl::Status MigrateSupportSchema(storage::Database& db);

std::unique_ptr<SupportRepository> NewSqlSupportRepository(storage::Database* db);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_SUPPORT_SUPPORT_REPOSITORY_H_
