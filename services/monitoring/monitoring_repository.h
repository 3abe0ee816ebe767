// Storage of goals (every version kept) and reported measurements (every version kept).
//
// Tables (migration component "monitoring"):
//   mon_goals(tenant, goal_id, version, goal_set, definition, retired, update_time_us,
//     updated_by)
//     one row per goal version; the definition is the goal's section in the goal file format
//     (goal_file.h), so a stored goal reads exactly like the file it came from. The current goal
//     is the highest version; a retired version hides the goal.
//   mon_measurements(tenant, goal_id, period, level, level_id, version, value_e4, done, note,
//     submitted_by, submit_time_us)
// Versions are max + 1 inside the transaction; two writers racing for the same version collide
// on the primary key and the loser gets ABORTED (retry), so any number of replicas may write.
//
// Thread-safety: implementations are safe for concurrent use.
#ifndef SWV_SERVICES_MONITORING_MONITORING_REPOSITORY_H_
#define SWV_SERVICES_MONITORING_MONITORING_REPOSITORY_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/monitoring/domain/goal.h"
#include "services/monitoring/domain/observation.h"
#include "storage/database.h"

namespace swv::monitoring {

struct GoalRecord {
  std::string tenant;
  Goal goal;
  std::string goal_set;
  int64_t version = 0;
  absl::Time update_time;
  std::string updated_by;
};

enum class GoalWriteOutcome { kCreated, kUpdated, kUnchanged };

struct ImportCounts {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
  int retired = 0;
};

class MonitoringRepository {
 public:
  virtual ~MonitoringRepository() = default;

  // Current, not retired goals of the tenant, sorted by id.
  virtual absl::StatusOr<std::vector<GoalRecord>> ListGoals(absl::string_view tenant) = 0;
  virtual absl::StatusOr<absl::optional<GoalRecord>> GetGoal(absl::string_view tenant,
                                                             absl::string_view goal_id) = 0;
  // Creates (must_be_new: ALREADY_EXISTS when a current goal has the id) or updates a goal.
  // expected_version != 0 must equal the current version (else ABORTED, VERSION_MISMATCH). An
  // unchanged definition writes nothing.
  virtual absl::StatusOr<std::pair<GoalRecord, GoalWriteOutcome>> PutGoal(
      absl::string_view tenant, const Goal& goal, absl::string_view goal_set, bool must_be_new,
      int64_t expected_version, absl::string_view actor, absl::Time now) = 0;
  // The whole goal set in one transaction: new versions where the definition changed, retired
  // versions for the tenant's goals of the same goal set that the file no longer has.
  virtual absl::StatusOr<ImportCounts> ImportGoalSet(absl::string_view tenant, const GoalSet& set,
                                                     absl::string_view actor, absl::Time now) = 0;

  // Stores the measurement as the next version of its key; returns it with version set.
  virtual absl::StatusOr<MeasurementRecord> AddMeasurement(MeasurementRecord measurement) = 0;
  // Every version of every measurement of the goal, by key then version.
  virtual absl::StatusOr<std::vector<MeasurementRecord>> ListMeasurements(
      absl::string_view tenant, absl::string_view goal_id) = 0;
  // The latest version of every measurement key of the tenant.
  virtual absl::StatusOr<std::vector<MeasurementRecord>> LatestMeasurements(
      absl::string_view tenant) = 0;
};

// Applies the "monitoring" migrations.
absl::Status MigrateMonitoringSchema(storage::Database& db);
std::unique_ptr<MonitoringRepository> NewSqlMonitoringRepository(storage::Database* db);

}  // namespace swv::monitoring

#endif  // SWV_SERVICES_MONITORING_MONITORING_REPOSITORY_H_
