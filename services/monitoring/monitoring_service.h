// The monitoring use cases, transport-free: goals (import a goal file, create, read, update),
// reported measurements (versioned), goal statuses per year and level, and the kwartaalrapportage.
//
// Statuses: for each goal measured at the level, the year's target, the value (computed from the
// other services' aggregates, or the latest reported version), met / not met / no data / no
// target, and the trend against the previous period. Computed values come from
// RegistrationsAggregates and AllocationAggregates only.
//
// Freshness: computed statuses are cached per (tenant, period, level, level id) for at most
// `status_max_age` (0 = no cache). A read of an older entry recomputes. Goal changes and
// measurements submitted through this replica drop the tenant's entries at once; on other
// replicas they show within status_max_age. Results in which an aggregate call failed are never
// cached (their values say "no data: <service> unavailable").
//
// Scope (access_policy.h): goal definitions are read by the tenant's office, schools and boards;
// goal changes, measurements and reports are the office's; goal statuses as GoalStatuses says.
//
// Thread-safety: safe for concurrent calls; borrowed objects must outlive the service.
#ifndef SWV_SERVICES_MONITORING_MONITORING_SERVICE_H_
#define SWV_SERVICES_MONITORING_MONITORING_SERVICE_H_

#include <map>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/common/access_policy.h"
#include "services/common/clock.h"
#include "services/common/principal.h"
#include "services/monitoring/aggregates.h"
#include "services/monitoring/domain/goal.h"
#include "services/monitoring/domain/national.h"
#include "services/monitoring/domain/period.h"
#include "services/monitoring/domain/status.h"
#include "services/monitoring/monitoring_repository.h"

namespace swv::monitoring {

struct ImportResult {
  std::string goal_set;
  ImportCounts counts;
};

struct MeasurementInput {
  std::string period;
  absl::optional<Level> level;  // default kSwv
  std::string level_id;
  absl::optional<int64_t> value_e4;
  absl::optional<bool> done;
  std::string note;
};

struct StatusSnapshot {
  std::vector<StatusRow> rows;
  absl::Time computed_at;
};

class MonitoringService {
 public:
  MonitoringService(MonitoringRepository* repository, RegistrationsAggregates* registrations,
                    AllocationAggregates* allocation, NationalFigures national, const Clock* clock,
                    absl::Duration status_max_age);

  absl::StatusOr<ImportResult> ImportGoalSet(const Principal& caller, absl::string_view swv,
                                             absl::string_view content);
  absl::StatusOr<GoalRecord> CreateGoal(const Principal& caller, absl::string_view swv,
                                        const Goal& goal);
  absl::StatusOr<GoalRecord> GetGoal(const Principal& caller, absl::string_view swv,
                                     absl::string_view goal_id);
  absl::StatusOr<std::vector<GoalRecord>> ListGoals(const Principal& caller, absl::string_view swv);
  absl::StatusOr<GoalRecord> UpdateGoal(const Principal& caller, absl::string_view swv,
                                        const Goal& goal, int64_t expected_version);

  absl::StatusOr<MeasurementRecord> SubmitMeasurement(const Principal& caller,
                                                      absl::string_view swv,
                                                      absl::string_view goal_id,
                                                      const MeasurementInput& input);
  absl::StatusOr<std::vector<MeasurementRecord>> ListMeasurements(const Principal& caller,
                                                                  absl::string_view swv,
                                                                  absl::string_view goal_id);

  // level_id empty at kWijk/kBoard/kSchool: every wijk/board/school (inside the region) of the
  // directory, sorted by code. A school reads level school (its own schools; another school's
  // level_id is NOT_FOUND, rows of others are left out); a board also level board (its own). Level
  // SWV and wijk, and board for a school, are PERMISSION_DENIED for them.
  // goal_id non-empty: only that goal's rows; a goal the SWV does not have is NOT_FOUND
  // (GOAL_NOT_FOUND on field "goal").
  absl::StatusOr<StatusSnapshot> GoalStatuses(const Principal& caller, absl::string_view swv,
                                              Period period, Level level,
                                              absl::string_view level_id,
                                              absl::string_view goal_id = "");
  // SWV level first, then every wijk.
  absl::StatusOr<StatusSnapshot> Report(const Principal& caller, absl::string_view swv,
                                        Period period);

 private:
  // GoalStatuses for every goal.
  absl::StatusOr<StatusSnapshot> ScopedStatuses(const Principal& caller, absl::string_view swv,
                                                Period period, Level level,
                                                absl::string_view level_id);
  // `asked_id` in any case: codes are compared in upper case, as the directory keeps them.
  absl::StatusOr<StatusSnapshot> ComputeStatuses(absl::string_view swv, Period period, Level level,
                                                 absl::string_view asked_id);
  struct CacheEntry {
    StatusSnapshot snapshot;
  };

  void Invalidate(const std::string& tenant);

  MonitoringRepository* repository_;
  RegistrationsAggregates* registrations_;
  AllocationAggregates* allocation_;
  const NationalFigures national_;
  const Clock* clock_;
  const absl::Duration status_max_age_;

  absl::Mutex mu_;
  std::map<std::string, CacheEntry> cache_ ABSL_GUARDED_BY(mu_);
};

}  // namespace swv::monitoring

#endif  // SWV_SERVICES_MONITORING_MONITORING_SERVICE_H_
