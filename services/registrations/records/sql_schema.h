// Schema text shared by the registrations service's SQL repositories: one migration text for both
// dialects, with placeholders filled per dialect:
//   %AUTO_ID%        an auto-increment BIGINT primary key ("position" columns: storage order)
//   %TABLE_OPTIONS%  MySQL engine and utf8mb4 binary collation; nothing on SQLite
//   %ADD_COLUMN%     "ADD COLUMN" (SQLite) / "ADD COLUMN IF NOT EXISTS" (MySQL, whose DDL is not
//                    transactional: a half-applied migration must be re-runnable)
#ifndef SWV_SERVICES_REGISTRATIONS_RECORDS_SQL_SCHEMA_H_
#define SWV_SERVICES_REGISTRATIONS_RECORDS_SQL_SCHEMA_H_

#include <string>
#include <utility>

#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"
#include "storage/database.h"

namespace swv::registrations {

inline storage::Migration Dialected(int version, std::string description, absl::string_view sql) {
  storage::Migration migration;
  migration.version = version;
  migration.description = std::move(description);
  migration.sqlite_sql =
      absl::StrReplaceAll(sql, {{"%AUTO_ID%", "INTEGER PRIMARY KEY AUTOINCREMENT"},
                                {"%TABLE_OPTIONS%", ""},
                                {"%ADD_COLUMN%", "ADD COLUMN"}});
  migration.mysql_sql = absl::StrReplaceAll(
      sql, {{"%AUTO_ID%", "BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY"},
            {"%TABLE_OPTIONS%", " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"},
            {"%ADD_COLUMN%", "ADD COLUMN IF NOT EXISTS"}});
  return migration;
}

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_RECORDS_SQL_SCHEMA_H_
