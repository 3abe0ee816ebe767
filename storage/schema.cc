#include "storage/schema.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace swv::storage {
namespace {

constexpr absl::string_view kConvertOpen = "%RFC3339_TO_MICROS(";
constexpr absl::string_view kConvertClose = ")%";

// Replaces each %RFC3339_TO_MICROS(column)% with the dialect's conversion of that column.
std::string ExpandConversions(Dialect dialect, absl::string_view sql) {
  std::string out;
  size_t at = 0;
  while (true) {
    size_t open = sql.find(kConvertOpen, at);
    size_t close = open == absl::string_view::npos ? open : sql.find(kConvertClose, open);
    if (close == absl::string_view::npos) break;
    absl::StrAppend(&out, sql.substr(at, open - at),
                    Rfc3339ToMicrosSql(dialect, sql.substr(open + kConvertOpen.size(),
                                                           close - open - kConvertOpen.size())));
    at = close + kConvertClose.size();
  }
  absl::StrAppend(&out, sql.substr(at));
  return out;
}

constexpr absl::string_view kRecordMeta =
    "request_id VARCHAR(128) NULL,\n"
    "  version BIGINT NOT NULL,\n"
    "  create_time_us BIGINT NOT NULL,\n"
    "  update_time_us BIGINT NOT NULL,\n"
    "  created_by VARCHAR(128) NOT NULL,\n"
    "  updated_by VARCHAR(128) NOT NULL";

}  // namespace

std::string Rfc3339ToMicrosSql(Dialect dialect, absl::string_view column) {
  if (dialect == Dialect::kMysql) {
    return absl::StrCat("TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', CAST(REPLACE(REPLACE(",
                        column, ", 'T', ' '), 'Z', '') AS DATETIME(6)))");
  }
  // Whole seconds from strftime, then the fraction padded to six digits (it may have fewer).
  return absl::StrCat("(CAST(strftime('%s', substr(", column,
                      ", 1, 19)) AS INTEGER) * 1000000 + CASE WHEN substr(", column,
                      ", 20, 1) = '.' THEN CAST(substr(substr(", column, ", 21, length(", column,
                      ") - 21) || '000000', 1, 6) AS INTEGER) ELSE 0 END)");
}

Migration Dialected(int version, std::string description, absl::string_view sql) {
  Migration migration;
  migration.version = version;
  migration.description = std::move(description);
  migration.sqlite_sql = absl::StrReplaceAll(ExpandConversions(Dialect::kSqlite, sql),
                                             {{"%AUTO_ID%", "INTEGER PRIMARY KEY AUTOINCREMENT"},
                                              {"%TABLE_OPTIONS%", ""},
                                              {"%ADD_COLUMN%", "ADD COLUMN"},
                                              {"%DROP_COLUMN%", "DROP COLUMN"},
                                              {"%MARIADB_ONLY%", "--"},
                                              {"%SQLITE_ONLY%", ""},
                                              {"%LONGTEXT%", "TEXT"},
                                              {"%RECORD_META%", kRecordMeta}});
  migration.mysql_sql = absl::StrReplaceAll(
      ExpandConversions(Dialect::kMysql, sql),
      {{"%AUTO_ID%", "BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY"},
       {"%TABLE_OPTIONS%", " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"},
       {"%ADD_COLUMN%", "ADD COLUMN IF NOT EXISTS"},
       {"%DROP_COLUMN%", "DROP COLUMN IF EXISTS"},
       {"%MARIADB_ONLY%", ""},
       {"%SQLITE_ONLY%", "--"},
       {"%LONGTEXT%", "MEDIUMTEXT"},
       {"%RECORD_META%", kRecordMeta}});
  return migration;
}

}  // namespace swv::storage
