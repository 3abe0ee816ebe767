#include "services/registrations/records/sql_table.h"

#include "services/kernel/json.h"
#include "services/kernel/status_macros.h"
#include "services/registrations/records/sql_record_store.h"

namespace swv::registrations::sql_records {

std::string SnapshotOf(const std::vector<std::pair<std::string, storage::Value>>& fields,
                       const std::vector<bool>& boolean) {
  JsonObject json;
  for (size_t i = 0; i < fields.size(); ++i) {
    const auto& [key, value] = fields[i];
    if (std::holds_alternative<std::monostate>(value)) {
      json.Raw(key, "null");
    } else if (const int64_t* number = std::get_if<int64_t>(&value)) {
      if (boolean[i]) {
        json.Bool(key, *number != 0);
      } else {
        json.Int(key, *number);
      }
    } else {
      json.String(key, std::get<std::string>(value));
    }
  }
  return json.Build();
}

absl::Status CheckUpdated(Transaction& tx, absl::string_view table, absl::string_view id_column,
                          absl::string_view what, absl::string_view tenant, absl::string_view id,
                          int64_t changed, int64_t expected_version) {
  if (changed == 1) return absl::OkStatus();
  SWV_ASSIGN_OR_RETURN(std::vector<Row> rows,
                       tx.Query(absl::StrCat("SELECT version FROM ", table,
                                             " WHERE tenant = ? AND ", id_column, " = ?"),
                                {std::string(tenant), std::string(id)}));
  if (rows.empty()) return absl::NotFoundError(absl::StrCat(what, " ", id, " not found"));
  return absl::AbortedError(absl::StrCat(
      what, " ", id, " was changed by someone else (now version ", rows.front().GetInt(0),
      ", expected ", expected_version, "); read it again and retry"));
}

}  // namespace swv::registrations::sql_records
