#include "services/registrations/records/record_changes.h"

#include "absl/strings/str_cat.h"

namespace swv::registrations {

absl::Status InsertRecordChange(storage::Transaction& tx, absl::string_view table,
                                const RecordChangeRow& change) {
  return tx
      .Execute(absl::StrCat("INSERT INTO ", table,
                            " (tenant, record_kind, record_id, version, action, actor, time_us, "
                            "snapshot_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
               {change.tenant, change.record_kind, change.record_id, change.version, change.action,
                change.actor, absl::ToUnixMicros(change.time), change.snapshot_json})
      .status();
}

absl::StatusOr<std::vector<RecordChange>> ListRecordChanges(storage::Database& db,
                                                            absl::string_view table,
                                                            absl::string_view tenant,
                                                            absl::string_view record_kind,
                                                            absl::string_view record_id) {
  std::vector<RecordChange> changes;
  absl::Status status = db.InTransaction([&](storage::Transaction& tx) -> absl::Status {
    changes.clear();
    absl::StatusOr<std::vector<storage::Row>> rows = tx.Query(
        absl::StrCat("SELECT version, action, actor, time_us, snapshot_json FROM ", table,
                     " WHERE tenant = ? AND record_kind = ? AND record_id = ? ORDER BY version"),
        {std::string(tenant), std::string(record_kind), std::string(record_id)});
    if (!rows.ok()) return rows.status();
    for (const storage::Row& row : *rows) {
      changes.push_back(RecordChange{row.GetInt(0), row.GetString(1), row.GetString(2),
                                     absl::FromUnixMicros(row.GetInt(3)), row.GetString(4)});
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (changes.empty()) {
    return absl::NotFoundError(absl::StrCat(record_kind, " ", record_id, " not found"));
  }
  return changes;
}

}  // namespace swv::registrations
