#include "services/registrations/records/record_changes.h"

#include <iterator>

#include "absl/strings/str_cat.h"
#include "services/kernel/status_macros.h"
#include "services/kernel/time_format.h"
#include "storage/bulk.h"

namespace swv::registrations {

absl::Status InsertRecordChange(storage::Transaction& tx, const ChangeLog& log,
                                const RecordChangeRow& change) {
  return InsertRecordChanges(tx, log, {&change, 1});
}

absl::Status InsertRecordChanges(storage::Transaction& tx, const ChangeLog& log,
                                 absl::Span<const RecordChangeRow> changes) {
  static constexpr absl::string_view kColumns[] = {"tenant",  "record_kind", "record_id",
                                                   "version", "action",      "actor",
                                                   "time_us", "reason",      "snapshot_json"};
  std::vector<storage::Value> values;
  values.reserve(changes.size() * std::size(kColumns));
  for (const RecordChangeRow& change : changes) {
    values.insert(values.end(), {change.tenant, std::string(log.record_kind), change.record_id,
                                 change.version, change.action, change.actor, ToMicros(change.time),
                                 change.reason, change.snapshot_json});
  }
  return storage::InsertValues(tx, {log.table, kColumns}, values).status();
}

absl::StatusOr<std::vector<RecordChange>> ListRecordChanges(storage::Database& db,
                                                            const ChangeLog& log,
                                                            absl::string_view tenant,
                                                            absl::string_view record_id) {
  std::vector<RecordChange> changes;
  SWV_RETURN_IF_ERROR(db.InTransaction([&](storage::Transaction& tx) -> absl::Status {
    changes.clear();
    SWV_ASSIGN_OR_RETURN(
        std::vector<storage::Row> rows,
        tx.Query(absl::StrCat("SELECT version, action, actor, time_us, reason, snapshot_json FROM ",
                              log.table,
                              " WHERE tenant = ? AND record_kind = ? AND record_id = ? "
                              "ORDER BY version"),
                 {std::string(tenant), std::string(log.record_kind), std::string(record_id)}));
    for (const storage::Row& row : rows) {
      changes.push_back(RecordChange{row.GetInt(0), row.GetString(1), row.GetString(2),
                                     FromMicros(row.GetInt(3)), row.GetString(4),
                                     row.GetString(5)});
    }
    return absl::OkStatus();
  }));
  if (changes.empty()) {
    return absl::NotFoundError(absl::StrCat(log.what, " ", record_id, " not found"));
  }
  return changes;
}

std::string ChangeLogLayoutMigration(absl::string_view table, absl::string_view id_column,
                                     absl::string_view kind, bool add_reason, bool add_kind) {
  std::string sql;
  if (!id_column.empty()) {
    // MariaDB's CHANGE ... IF EXISTS keeps the migration re-runnable (its DDL is not
    // transactional); SQLite's DDL is, and it knows RENAME COLUMN only.
    absl::StrAppend(&sql, "%SQLITE_ONLY% ALTER TABLE ", table, " RENAME COLUMN ", id_column,
                    " TO record_id;\n%MARIADB_ONLY% ALTER TABLE ", table,
                    " CHANGE COLUMN IF EXISTS ", id_column, " record_id VARCHAR(40) NOT NULL;\n");
  }
  if (add_kind) {
    absl::StrAppend(&sql, "ALTER TABLE ", table,
                    " %ADD_COLUMN% record_kind VARCHAR(24) NOT NULL DEFAULT '", kind, "';\n");
  }
  if (add_reason) {
    absl::StrAppend(&sql, "ALTER TABLE ", table,
                    " %ADD_COLUMN% reason VARCHAR(500) NOT NULL DEFAULT '';\n");
  }
  return sql;
}

std::string ChangeLogTableSql(absl::string_view table, bool with_reason) {
  return absl::StrCat("CREATE TABLE IF NOT EXISTS ", table,
                      " (\n"
                      "  tenant VARCHAR(16) NOT NULL,\n"
                      "  record_kind VARCHAR(24) NOT NULL,\n"
                      "  record_id VARCHAR(40) NOT NULL,\n"
                      "  version BIGINT NOT NULL,\n"
                      "  action VARCHAR(32) NOT NULL,\n"
                      "  actor VARCHAR(128) NOT NULL,\n"
                      "  time_us BIGINT NOT NULL,\n",
                      with_reason ? "  reason VARCHAR(500) NOT NULL DEFAULT '',\n" : "",
                      "  snapshot_json TEXT NOT NULL,\n"
                      "  PRIMARY KEY (tenant, record_kind, record_id, version)\n"
                      ")%TABLE_OPTIONS%");
}

}  // namespace swv::registrations
