#include "services/monitoring/monitoring_service.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/status_macros.h"
#include "services/kernel/time_format.h"
#include "services/monitoring/aggregate_fetch.h"
#include "services/monitoring/domain/goal_file.h"
#include "services/monitoring/domain/indicators.h"
#include "services/monitoring/domain/observation.h"

namespace swv::monitoring {
namespace {

// The cache never holds more entries than this; when full it is emptied (entries are cheap to
// recompute and this bounds memory whatever callers ask for).
constexpr size_t kMaxCacheEntries = 4096;

absl::StatusOr<std::string> Tenant(absl::string_view swv) {
  return CanonicalSwvCode("parent", swv);
}

// The tenant of a write that only the office (and staff) make: goals and measurements.
absl::StatusOr<std::string> OfficeWriteTenant(const Principal& caller, absl::string_view swv) {
  SWV_RETURN_IF_ERROR(RequireActor(caller.id));
  SWV_ASSIGN_OR_RETURN(std::string tenant, Tenant(swv));
  SWV_RETURN_IF_ERROR(AccessPolicy().TenantWide(caller, tenant));
  return tenant;
}

// A goal as a create or update sends it: its violations under the request's field names, the
// goal's id as `id_field` and the rest inside "goal.".
absl::Status CheckGoal(const Goal& goal, absl::string_view id_field) {
  std::vector<FieldViolation> violations = ValidateGoal(goal);
  if (violations.empty()) return absl::OkStatus();
  for (FieldViolation& v : violations) {
    v.field = v.field == "id" ? std::string(id_field) : absl::StrCat("goal.", v.field);
  }
  return InvalidFields("INVALID_GOAL", violations);
}

}  // namespace

MonitoringService::MonitoringService(MonitoringRepository* repository,
                                     RegistrationsAggregates* registrations,
                                     AllocationAggregates* allocation, NationalFigures national,
                                     const Clock* clock, absl::Duration status_max_age)
    : repository_(repository),
      registrations_(registrations),
      allocation_(allocation),
      national_(std::move(national)),
      clock_(clock),
      status_max_age_(status_max_age) {}

void MonitoringService::Invalidate(const std::string& tenant) {
  absl::MutexLock lock(&mu_);
  const std::string prefix = absl::StrCat(tenant, "|");
  for (auto it = cache_.lower_bound(prefix);
       it != cache_.end() && it->first.rfind(prefix, 0) == 0;) {
    it = cache_.erase(it);
  }
}

absl::StatusOr<ImportResult> MonitoringService::ImportGoalSet(const Principal& caller,
                                                              absl::string_view swv,
                                                              absl::string_view content) {
  const std::string& actor = caller.id;
  SWV_ASSIGN_OR_RETURN(std::string tenant, OfficeWriteTenant(caller, swv));
  SWV_ASSIGN_OR_RETURN(GoalSet set, ParseGoalFile(content, "content"));
  SWV_ASSIGN_OR_RETURN(ImportCounts counts,
                       repository_->ImportGoalSet(tenant, set, actor, clock_->Now()));
  Invalidate(tenant);
  return ImportResult{set.name, counts};
}

absl::StatusOr<GoalRecord> MonitoringService::CreateGoal(const Principal& caller,
                                                         absl::string_view swv, const Goal& goal) {
  const std::string& actor = caller.id;
  SWV_ASSIGN_OR_RETURN(std::string tenant, OfficeWriteTenant(caller, swv));
  SWV_RETURN_IF_ERROR(CheckGoal(goal, "goal_id"));
  SWV_ASSIGN_OR_RETURN(auto written, repository_->PutGoal(tenant, goal, "", /*must_be_new=*/true, 0,
                                                          actor, clock_->Now()));
  Invalidate(tenant);
  return written.first;
}

absl::StatusOr<GoalRecord> MonitoringService::GetGoal(const Principal& caller,
                                                      absl::string_view swv,
                                                      absl::string_view goal_id) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, Tenant(swv));
  // Goal definitions hold no records or figures: the tenant's office, schools and boards.
  SWV_RETURN_IF_ERROR(AccessPolicy().ListRecords(caller, tenant));
  SWV_ASSIGN_OR_RETURN(absl::optional<GoalRecord> goal, repository_->GetGoal(tenant, goal_id));
  if (!goal) {
    return ErrorWithReason(absl::StatusCode::kNotFound, "GOAL_NOT_FOUND",
                           absl::StrCat("no goal \"", goal_id, "\""), "name");
  }
  return *goal;
}

absl::StatusOr<std::vector<GoalRecord>> MonitoringService::ListGoals(const Principal& caller,
                                                                     absl::string_view swv) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, Tenant(swv));
  SWV_RETURN_IF_ERROR(AccessPolicy().ListRecords(caller, tenant));
  return repository_->ListGoals(tenant);
}

absl::StatusOr<GoalRecord> MonitoringService::UpdateGoal(const Principal& caller,
                                                         absl::string_view swv, const Goal& goal,
                                                         int64_t expected_version) {
  const std::string& actor = caller.id;
  SWV_ASSIGN_OR_RETURN(std::string tenant, OfficeWriteTenant(caller, swv));
  SWV_RETURN_IF_ERROR(CheckGoal(goal, "goal.name"));
  SWV_ASSIGN_OR_RETURN(auto written, repository_->PutGoal(tenant, goal, "", /*must_be_new=*/false,
                                                          expected_version, actor, clock_->Now()));
  Invalidate(tenant);
  return written.first;
}

absl::StatusOr<MeasurementRecord> MonitoringService::SubmitMeasurement(
    const Principal& caller, absl::string_view swv, absl::string_view goal_id,
    const MeasurementInput& input) {
  const std::string& actor = caller.id;
  SWV_ASSIGN_OR_RETURN(std::string tenant, OfficeWriteTenant(caller, swv));
  SWV_ASSIGN_OR_RETURN(GoalRecord record, GetGoal(caller, swv, goal_id));
  const Goal& goal = record.goal;
  std::vector<FieldViolation> violations;
  absl::StatusOr<Period> period = ParsePeriod("measurement.period", input.period);
  if (!period.ok()) {
    for (const FieldViolation& v : FieldViolationsOf(period.status())) violations.push_back(v);
  }
  const Level level = input.level.value_or(Level::kSwv);
  if (!goal.MeasuredAt(level)) {
    violations.push_back(
        {"measurement.level",
         absl::StrCat("goal ", goal.id, " is not measured at level ", LevelName(level))});
  } else if (absl::Status s = CheckLevelId(level, input.level_id, "measurement.level_id");
             !s.ok()) {
    for (const FieldViolation& v : FieldViolationsOf(s)) violations.push_back(v);
  }
  if (input.note.size() > 500) violations.push_back({"measurement.note", "at most 500 characters"});
  if (period.ok()) {
    const YearTarget* target = goal.TargetFor(period->year);
    const bool milestone_year =
        goal.kind == GoalKind::kMilestone || (target && target->kind == TargetKind::kMilestone);
    if (milestone_year) {
      if (!input.done)
        violations.push_back({"measurement.done", "a milestone is reported done or not done"});
      if (input.value_e4)
        violations.push_back({"measurement.value_e4", "a milestone has no value"});
    } else if (goal.computed()) {
      return ErrorWithReason(
          absl::StatusCode::kFailedPrecondition, "GOAL_IS_COMPUTED",
          absl::StrCat("goal ", goal.id, " is computed by ", goal.computed_indicator, " in ",
                       period->year, "; it takes no reported values"),
          "parent");
    } else {
      if (!input.value_e4) {
        violations.push_back(
            {"measurement.value_e4", "required: the value in 1/10,000 of the goal's unit"});
      } else if (*input.value_e4 < 0 ||
                 (goal.unit == Unit::kPercent && *input.value_e4 > 100 * kE4)) {
        violations.push_back({"measurement.value_e4", goal.unit == Unit::kPercent
                                                          ? "a percentage lies in 0-100 (0-1000000)"
                                                          : "a value is not negative"});
      }
      if (input.done)
        violations.push_back({"measurement.done", "only milestones are done or not done"});
    }
  }
  if (!violations.empty()) return InvalidFields("INVALID_MEASUREMENT", violations);
  MeasurementRecord m;
  m.tenant = record.tenant;
  m.goal_id = goal.id;
  m.period = period->ToString();
  m.level = level;
  m.level_id = CanonicalLevelId(input.level_id);
  m.value_e4 = input.value_e4;
  m.done = input.done;
  m.note = input.note;
  m.submitted_by = std::string(actor);
  m.submit_time = clock_->Now();
  SWV_ASSIGN_OR_RETURN(MeasurementRecord stored, repository_->AddMeasurement(std::move(m)));
  Invalidate(record.tenant);
  return stored;
}

absl::StatusOr<std::vector<MeasurementRecord>> MonitoringService::ListMeasurements(
    const Principal& caller, absl::string_view swv, absl::string_view goal_id) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, Tenant(swv));
  SWV_RETURN_IF_ERROR(AccessPolicy().TenantWide(caller, tenant));
  SWV_ASSIGN_OR_RETURN(GoalRecord record, GetGoal(caller, swv, goal_id));
  return repository_->ListMeasurements(record.tenant, goal_id);
}

absl::StatusOr<StatusSnapshot> MonitoringService::GoalStatuses(const Principal& caller,
                                                               absl::string_view swv, Period period,
                                                               Level level,
                                                               absl::string_view level_id,
                                                               absl::string_view goal_id) {
  if (goal_id.empty()) return ScopedStatuses(caller, swv, period, level, level_id);
  SWV_ASSIGN_OR_RETURN(std::string tenant, Tenant(swv));
  SWV_RETURN_IF_ERROR(CheckTenant(caller, tenant));
  SWV_ASSIGN_OR_RETURN(absl::optional<GoalRecord> goal, repository_->GetGoal(tenant, goal_id));
  if (!goal) {
    return ErrorWithReason(absl::StatusCode::kNotFound, "GOAL_NOT_FOUND",
                           absl::StrCat("no goal \"", goal_id, "\""), "goal");
  }
  SWV_ASSIGN_OR_RETURN(StatusSnapshot snapshot,
                       ScopedStatuses(caller, swv, period, level, level_id));
  std::vector<StatusRow> kept;
  for (StatusRow& row : snapshot.rows) {
    if (row.goal_id == goal_id) kept.push_back(std::move(row));
  }
  snapshot.rows = std::move(kept);
  return snapshot;
}

absl::StatusOr<StatusSnapshot> MonitoringService::ScopedStatuses(const Principal& caller,
                                                                 absl::string_view swv,
                                                                 Period period, Level level,
                                                                 absl::string_view level_id) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, Tenant(swv));
  if (caller.kind != PrincipalKind::kSchool && caller.kind != PrincipalKind::kBoard) {
    SWV_RETURN_IF_ERROR(AccessPolicy().TenantWide(caller, tenant));
    return ComputeStatuses(swv, period, level, level_id);
  }
  SWV_RETURN_IF_ERROR(CheckTenant(caller, tenant));
  const bool board = caller.kind == PrincipalKind::kBoard;
  if (level == Level::kSwv || (level == Level::kBoard && !board)) {
    return absl::PermissionDeniedError(
        board ? "a board reads goal statuses at level board (its own), wijk (the wijken of its "
                "schools) or school (its own schools)"
              : "a school reads goal statuses at level wijk (the wijk of its school) or school "
                "(its own)");
  }
  // The wijk steering of 002/000: the boards and schools of a wijk read its aggregates (a goal
  // status holds no pupil records), so the directory says which wijken are theirs.
  std::vector<DirectorySchool> schools;
  if (board || level == Level::kWijk) {
    SWV_ASSIGN_OR_RETURN(schools, registrations_->ListSchools(tenant));
  }
  std::map<std::string, std::string> board_of;
  for (const DirectorySchool& school : schools) board_of[school.code] = school.board;
  const AccessPolicy access = AccessPolicy::WithBoards(std::move(board_of));
  std::set<std::string> own_wijken;
  for (const DirectorySchool& school : schools) {
    if (level != Level::kWijk || school.wijk.empty()) continue;
    SWV_ASSIGN_OR_RETURN(bool owned, access.OwnsSchool(caller, tenant, school.code));
    if (owned) own_wijken.insert(CanonicalLevelId(school.wijk));
  }
  auto own = [&](const std::string& id) -> absl::StatusOr<bool> {
    if (level == Level::kBoard) {
      return std::find(caller.scope.begin(), caller.scope.end(), CanonicalLevelId(id)) !=
             caller.scope.end();
    }
    if (level == Level::kWijk) return own_wijken.count(CanonicalLevelId(id)) > 0;
    return access.OwnsSchool(caller, tenant, CanonicalLevelId(id));
  };
  if (!level_id.empty()) {
    SWV_ASSIGN_OR_RETURN(bool in_scope, own(std::string(level_id)));
    if (!in_scope) return NotVisibleError();
  }
  absl::StatusOr<StatusSnapshot> snapshot = ComputeStatuses(swv, period, level, level_id);
  if (!snapshot.ok()) return snapshot;
  std::vector<StatusRow> kept;
  for (StatusRow& row : snapshot->rows) {
    SWV_ASSIGN_OR_RETURN(bool in_scope, own(row.level_id));
    if (in_scope) kept.push_back(std::move(row));
  }
  snapshot->rows = std::move(kept);
  return snapshot;
}

absl::StatusOr<StatusSnapshot> MonitoringService::ComputeStatuses(absl::string_view swv,
                                                                  Period period, Level level,
                                                                  absl::string_view asked_id) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, Tenant(swv));
  const std::string level_id = CanonicalLevelId(asked_id);
  SWV_RETURN_IF_ERROR(level_id.empty() && level != Level::kSwv
                          ? absl::OkStatus()
                          : CheckLevelId(level, level_id, "level_id"));
  const std::string key =
      absl::StrCat(tenant, "|", period.ToString(), "|", LevelName(level), "|", level_id);
  const absl::Time now = clock_->Now();
  if (status_max_age_ > absl::ZeroDuration()) {
    absl::MutexLock lock(&mu_);
    auto it = cache_.find(key);
    if (it != cache_.end() && now - it->second.snapshot.computed_at <= status_max_age_) {
      return it->second.snapshot;
    }
  }
  std::vector<std::string> ids;
  absl::optional<std::vector<DirectorySchool>> schools;
  if (level == Level::kSwv) {
    ids = {""};
  } else if (!level_id.empty()) {
    ids = {std::string(level_id)};
  } else {
    SWV_ASSIGN_OR_RETURN(schools, registrations_->ListSchools(tenant));
    std::set<std::string> unique;
    for (const DirectorySchool& s : *schools) {
      if (!s.inside_region) continue;
      const std::string& id =
          level == Level::kWijk ? s.wijk : (level == Level::kBoard ? s.board : s.code);
      if (!id.empty()) unique.insert(id);
    }
    ids.assign(unique.begin(), unique.end());
  }
  bool had_errors = false;
  StatusSnapshot snapshot;
  snapshot.computed_at = now;
  SWV_ASSIGN_OR_RETURN(std::vector<GoalRecord> goals, repository_->ListGoals(tenant));
  SWV_ASSIGN_OR_RETURN(std::vector<MeasurementRecord> latest,
                       repository_->LatestMeasurements(tenant));
  const MeasurementIndex measurements = IndexMeasurements(std::move(latest));
  const absl::CivilDay today = DutchToday(*clock_);
  AggregateFetch current(registrations_, allocation_, tenant, period, level, today);
  AggregateFetch previous(registrations_, allocation_, tenant, period.Previous(), level, today);
  if (schools) {
    current.UseSchools(*schools);
    previous.UseSchools(*schools);
  }
  for (const std::string& id : ids) {
    for (const GoalRecord& record : goals) {
      const Goal& goal = record.goal;
      if (!goal.MeasuredAt(level)) continue;
      // A goal has a status for the years it lists; other years are not part of it.
      if (goal.TargetFor(period.year) == nullptr) continue;
      Observation now_obs = Observe(goal, period, level, id, current, measurements);
      Observation before = Observe(goal, period.Previous(), level, id, previous, measurements);
      snapshot.rows.push_back(Evaluate(goal, level, id, period, now_obs, before, national_));
    }
  }
  had_errors = current.had_errors() || previous.had_errors();
  if (status_max_age_ > absl::ZeroDuration() && !had_errors) {
    absl::MutexLock lock(&mu_);
    if (cache_.size() >= kMaxCacheEntries) cache_.clear();
    cache_[key] = CacheEntry{snapshot};
  }
  return snapshot;
}

absl::StatusOr<StatusSnapshot> MonitoringService::Report(const Principal& caller,
                                                         absl::string_view swv, Period period) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, Tenant(swv));
  SWV_RETURN_IF_ERROR(AccessPolicy().TenantWide(caller, tenant));
  absl::StatusOr<StatusSnapshot> report = ComputeStatuses(swv, period, Level::kSwv, "");
  if (!report.ok()) return report;
  absl::StatusOr<StatusSnapshot> wijken = ComputeStatuses(swv, period, Level::kWijk, "");
  if (!wijken.ok()) return wijken;
  for (StatusRow& row : wijken->rows) report->rows.push_back(std::move(row));
  report->computed_at = std::min(report->computed_at, wijken->computed_at);
  return report;
}

}  // namespace swv::monitoring
