#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "services/kernel/errors.h"
#include "services/kernel/status_macros.h"
#include "services/kernel/time_format.h"
#include "services/monitoring/domain/goal_file.h"
#include "services/monitoring/monitoring_repository.h"
#include "storage/reads.h"
#include "storage/schema.h"

namespace swv::monitoring {
namespace {

using storage::Row;
using storage::Transaction;
using storage::Value;

// Version 1 wrote each dialect by hand (TEXT columns on SQLite; MariaDB's default collation,
// and instants as RFC 3339 text). Versions 2 and 3 bring the tables to the conventions of
// storage/schema.h: instants in *_time_us columns, the binary collation.
constexpr absl::string_view kSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS mon_goals (
  tenant VARCHAR(16) NOT NULL,
  goal_id VARCHAR(64) NOT NULL,
  version BIGINT NOT NULL,
  goal_set VARCHAR(200) NOT NULL,
  definition TEXT NOT NULL,
  retired INT NOT NULL,
  update_time VARCHAR(40) NOT NULL,
  updated_by VARCHAR(200) NOT NULL,
  PRIMARY KEY (tenant, goal_id, version)
)%TABLE_OPTIONS%;
CREATE TABLE IF NOT EXISTS mon_measurements (
  tenant VARCHAR(16) NOT NULL,
  goal_id VARCHAR(64) NOT NULL,
  period VARCHAR(8) NOT NULL,
  level VARCHAR(8) NOT NULL,
  level_id VARCHAR(32) NOT NULL,
  version BIGINT NOT NULL,
  value_e4 BIGINT NULL,
  done INT NULL,
  note TEXT NOT NULL,
  submitted_by VARCHAR(200) NOT NULL,
  submit_time VARCHAR(40) NOT NULL,
  PRIMARY KEY (tenant, goal_id, period, level, level_id, version)
)%TABLE_OPTIONS%
)sql";

// Re-runnable on MariaDB (its DDL is not transactional): adding is idempotent, filling repeats.
constexpr absl::string_view kSchemaV2 = R"sql(
ALTER TABLE mon_goals %ADD_COLUMN% update_time_us BIGINT NOT NULL DEFAULT 0;
UPDATE mon_goals SET update_time_us = %RFC3339_TO_MICROS(update_time)%;
ALTER TABLE mon_measurements %ADD_COLUMN% submit_time_us BIGINT NOT NULL DEFAULT 0;
UPDATE mon_measurements SET submit_time_us = %RFC3339_TO_MICROS(submit_time)%
)sql";

constexpr absl::string_view kSchemaV3 = R"sql(
ALTER TABLE mon_goals %DROP_COLUMN% update_time;
ALTER TABLE mon_measurements %DROP_COLUMN% submit_time;
%MARIADB_ONLY% ALTER TABLE mon_goals CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
%MARIADB_ONLY% ALTER TABLE mon_measurements CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin
)sql";

// A key collision between two writers of the same version: the caller should retry.
absl::Status Raced(const absl::Status& status) {
  if (absl::IsAlreadyExists(status)) {
    return ErrorWithReason(absl::StatusCode::kAborted, "CONCURRENT_UPDATE",
                           "another change of the same record was stored at the same time; retry");
  }
  return status;
}

constexpr char kGoalColumns[] =
    "g.tenant, g.goal_id, g.version, g.goal_set, g.definition, g.retired, g.update_time_us, "
    "g.updated_by";

struct StoredGoal {
  GoalRecord record;
  bool retired = false;
};

absl::StatusOr<StoredGoal> GoalFromRow(const Row& row) {
  StoredGoal out;
  out.record.tenant = row.GetString(0);
  out.record.version = row.GetInt(2);
  out.record.goal_set = row.GetString(3);
  absl::StatusOr<Goal> goal = ParseGoalSection(row.GetString(4));
  if (!goal.ok()) {
    return absl::DataLossError(absl::StrCat("stored goal ", row.GetString(1), " v",
                                            out.record.version,
                                            " does not parse: ", goal.status().message()));
  }
  out.record.goal = *std::move(goal);
  out.retired = row.GetInt(5) != 0;
  out.record.update_time = FromMicros(row.GetInt(6));
  out.record.updated_by = row.GetString(7);
  return out;
}

// The current version of every goal of the tenant (retired ones included), by id.
absl::StatusOr<std::map<std::string, StoredGoal>> CurrentGoals(Transaction& tx,
                                                               absl::string_view tenant,
                                                               absl::string_view goal_id = "") {
  std::string sql = absl::StrCat(
      "SELECT ", kGoalColumns,
      " FROM mon_goals g WHERE g.tenant = ? AND g.version = (SELECT MAX(h.version) FROM mon_goals h"
      " WHERE h.tenant = g.tenant AND h.goal_id = g.goal_id)");
  std::vector<Value> params = {std::string(tenant)};
  if (!goal_id.empty()) {
    absl::StrAppend(&sql, " AND g.goal_id = ?");
    params.push_back(std::string(goal_id));
  }
  SWV_ASSIGN_OR_RETURN(std::vector<Row> rows, tx.Query(sql, params));
  std::map<std::string, StoredGoal> out;
  for (const Row& row : rows) {
    SWV_ASSIGN_OR_RETURN(StoredGoal goal, GoalFromRow(row));
    out[goal.record.goal.id] = std::move(goal);
  }
  return out;
}

absl::Status InsertGoalVersion(Transaction& tx, absl::string_view tenant, const Goal& goal,
                               absl::string_view goal_set, int64_t version, bool retired,
                               absl::string_view actor, absl::Time now) {
  absl::StatusOr<int64_t> inserted = tx.Execute(
      "INSERT INTO mon_goals (tenant, goal_id, version, goal_set, definition, retired, "
      "update_time_us,"
      " updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {std::string(tenant), goal.id, version, std::string(goal_set), FormatGoal(goal),
       int64_t{retired ? 1 : 0}, ToMicros(now), std::string(actor)});
  return inserted.ok() ? absl::OkStatus() : Raced(inserted.status());
}

MeasurementRecord MeasurementFromRow(const Row& row) {
  MeasurementRecord m;
  m.tenant = row.GetString(0);
  m.goal_id = row.GetString(1);
  m.period = row.GetString(2);
  m.level = ParseLevel(row.GetString(3)).value_or(Level::kSwv);
  m.level_id = row.GetString(4);
  m.version = row.GetInt(5);
  if (!row.IsNull(6)) m.value_e4 = row.GetInt(6);
  if (!row.IsNull(7)) m.done = row.GetInt(7) != 0;
  m.note = row.GetString(8);
  m.submitted_by = row.GetString(9);
  m.submit_time = FromMicros(row.GetInt(10));
  return m;
}

constexpr char kMeasurementColumns[] =
    "m.tenant, m.goal_id, m.period, m.level, m.level_id, m.version, m.value_e4, m.done, m.note,"
    " m.submitted_by, m.submit_time_us";

class SqlMonitoringRepository final : public MonitoringRepository {
 public:
  explicit SqlMonitoringRepository(storage::Database* db) : db_(db) {}

  absl::StatusOr<std::vector<GoalRecord>> ListGoals(absl::string_view tenant) override {
    std::vector<GoalRecord> out;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      out.clear();
      SWV_ASSIGN_OR_RETURN(auto goals, CurrentGoals(tx, tenant));
      for (auto& [id, stored] : goals) {
        if (!stored.retired) out.push_back(std::move(stored.record));
      }
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return out;
  }

  absl::StatusOr<absl::optional<GoalRecord>> GetGoal(absl::string_view tenant,
                                                     absl::string_view goal_id) override {
    absl::optional<GoalRecord> out;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      out.reset();
      SWV_ASSIGN_OR_RETURN(auto goals, CurrentGoals(tx, tenant, goal_id));
      auto it = goals.find(std::string(goal_id));
      if (it != goals.end() && !it->second.retired) out = it->second.record;
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return out;
  }

  absl::StatusOr<std::pair<GoalRecord, GoalWriteOutcome>> PutGoal(
      absl::string_view tenant, const Goal& goal, absl::string_view goal_set, bool must_be_new,
      int64_t expected_version, absl::string_view actor, absl::Time now) override {
    std::pair<GoalRecord, GoalWriteOutcome> out;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto goals, CurrentGoals(tx, tenant, goal.id));
      auto it = goals.find(goal.id);
      const bool exists = it != goals.end() && !it->second.retired;
      const int64_t current = it == goals.end() ? 0 : it->second.record.version;
      if (must_be_new && exists) {
        return ErrorWithReason(absl::StatusCode::kAlreadyExists, "GOAL_EXISTS",
                               absl::StrCat("goal \"", goal.id, "\" already exists"), "goal_id");
      }
      if (!must_be_new && !exists) {
        return ErrorWithReason(absl::StatusCode::kNotFound, "GOAL_NOT_FOUND",
                               absl::StrCat("no goal \"", goal.id, "\""), "goal.name");
      }
      if (expected_version != 0 && expected_version != current) {
        return ErrorWithReason(absl::StatusCode::kAborted, "VERSION_MISMATCH",
                               absl::StrCat("goal \"", goal.id, "\" is at version ", current,
                                            ", not ", expected_version),
                               "goal.version");
      }
      if (exists && it->second.record.goal == goal) {
        out = {it->second.record, GoalWriteOutcome::kUnchanged};
        return absl::OkStatus();
      }
      const std::string set_name =
          goal_set.empty() && exists ? it->second.record.goal_set : std::string(goal_set);
      SWV_RETURN_IF_ERROR(
          InsertGoalVersion(tx, tenant, goal, set_name, current + 1, false, actor, now));
      out = {GoalRecord{std::string(tenant), goal, set_name, current + 1, now, std::string(actor)},
             exists ? GoalWriteOutcome::kUpdated : GoalWriteOutcome::kCreated};
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return out;
  }

  absl::StatusOr<ImportCounts> ImportGoalSet(absl::string_view tenant, const GoalSet& set,
                                             absl::string_view actor, absl::Time now) override {
    ImportCounts counts;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      counts = ImportCounts{};
      SWV_ASSIGN_OR_RETURN(auto goals, CurrentGoals(tx, tenant));
      std::set<std::string> in_file;
      for (const Goal& goal : set.goals) {
        in_file.insert(goal.id);
        auto it = goals.find(goal.id);
        const bool exists = it != goals.end() && !it->second.retired;
        if (exists && it->second.record.goal == goal && it->second.record.goal_set == set.name) {
          ++counts.unchanged;
          continue;
        }
        const int64_t version = it == goals.end() ? 1 : it->second.record.version + 1;
        SWV_RETURN_IF_ERROR(
            InsertGoalVersion(tx, tenant, goal, set.name, version, false, actor, now));
        ++(exists ? counts.updated : counts.created);
      }
      // Goals of the same goal set (any version of it: "po2203/...") that the file dropped.
      const std::string family = set.name.substr(0, set.name.find('/') + 1);
      for (const auto& [id, stored] : goals) {
        if (stored.retired || in_file.count(id) > 0) continue;
        if (stored.record.goal_set.rfind(family, 0) != 0) continue;  // another set, or an API goal
        SWV_RETURN_IF_ERROR(InsertGoalVersion(tx, tenant, stored.record.goal, set.name,
                                              stored.record.version + 1, true, actor, now));
        ++counts.retired;
      }
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return counts;
  }

  absl::StatusOr<MeasurementRecord> AddMeasurement(MeasurementRecord m) override {
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(
          std::vector<Row> rows,
          tx.Query("SELECT COALESCE(MAX(version), 0) FROM mon_measurements WHERE tenant = ? AND "
                   "goal_id = ?"
                   " AND period = ? AND level = ? AND level_id = ?",
                   {m.tenant, m.goal_id, m.period, std::string(LevelName(m.level)), m.level_id}));
      m.version = (rows.empty() ? 0 : rows[0].GetInt(0)) + 1;
      absl::StatusOr<int64_t> inserted = tx.Execute(
          "INSERT INTO mon_measurements (tenant, goal_id, period, level, level_id, version, "
          "value_e4,"
          " done, note, submitted_by, submit_time_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {m.tenant, m.goal_id, m.period, std::string(LevelName(m.level)), m.level_id, m.version,
           m.value_e4 ? Value(*m.value_e4) : storage::Null(),
           m.done ? Value(int64_t{*m.done ? 1 : 0}) : storage::Null(), m.note, m.submitted_by,
           ToMicros(m.submit_time)});
      return inserted.ok() ? absl::OkStatus() : Raced(inserted.status());
    });
    if (!status.ok()) return status;
    return m;
  }

  absl::StatusOr<std::vector<MeasurementRecord>> ListMeasurements(
      absl::string_view tenant, absl::string_view goal_id) override {
    return Query(absl::StrCat("SELECT ", kMeasurementColumns,
                              " FROM mon_measurements m WHERE m.tenant = ? AND m.goal_id = ?"
                              " ORDER BY m.period, m.level, m.level_id, m.version"),
                 {std::string(tenant), std::string(goal_id)});
  }

  absl::StatusOr<std::vector<MeasurementRecord>> LatestMeasurements(
      absl::string_view tenant) override {
    return Query(
        absl::StrCat("SELECT ", kMeasurementColumns,
                     " FROM mon_measurements m WHERE m.tenant = ? AND m.version = ("
                     "SELECT MAX(n.version) FROM mon_measurements n WHERE n.tenant = m.tenant"
                     " AND n.goal_id = m.goal_id AND n.period = m.period AND n.level = m.level"
                     " AND n.level_id = m.level_id)"
                     " ORDER BY m.goal_id, m.period, m.level, m.level_id"),
        {std::string(tenant)});
  }

 private:
  absl::StatusOr<std::vector<MeasurementRecord>> Query(const std::string& sql,
                                                       std::vector<Value> params) {
    return storage::ReadAll<MeasurementRecord>(*db_, sql, params, MeasurementFromRow);
  }

  storage::Database* db_;
};

}  // namespace

absl::Status MigrateMonitoringSchema(storage::Database& db) {
  static const std::vector<storage::Migration>* const kMigrations =
      new std::vector<storage::Migration>{
          storage::Dialected(1, "goals and measurements", kSchemaV1),
          storage::Dialected(2, "instants in microseconds", kSchemaV2),
          storage::Dialected(3, "drop the text instants; the binary collation", kSchemaV3)};
  return storage::ApplyMigrations(db, "monitoring", *kMigrations);
}

std::unique_ptr<MonitoringRepository> NewSqlMonitoringRepository(storage::Database* db) {
  return std::make_unique<SqlMonitoringRepository>(db);
}

}  // namespace swv::monitoring
