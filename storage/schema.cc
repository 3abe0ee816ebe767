#include "storage/schema.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"

namespace swv::storage {
namespace {

// A placeholder with arguments, "%NAME(a, b)%", and what it stands for in a dialect.
struct Call {
  absl::string_view name;
  std::string (*expand)(Dialect dialect, const std::vector<absl::string_view>& args);
};

std::string ExpandConversion(Dialect dialect, const std::vector<absl::string_view>& args) {
  return Rfc3339ToMicrosSql(dialect, args.front());
}

std::string ExpandRecordKey(Dialect, const std::vector<absl::string_view>& args) {
  return absl::StrCat(
      "position %AUTO_ID%,\n"
      "  tenant VARCHAR(16) NOT NULL,\n  ",
      args.front(), " VARCHAR(40) NOT NULL");
}

std::string ExpandRecordUnique(Dialect, const std::vector<absl::string_view>& args) {
  absl::string_view table = args.front();
  absl::string_view id = args.size() > 1 ? args[1] : absl::string_view();
  return absl::StrCat("CONSTRAINT ", table, "_id UNIQUE (tenant, ", id, "),\n  CONSTRAINT ", table,
                      "_request_id UNIQUE (tenant, request_id)");
}

constexpr Call kCalls[] = {{"RFC3339_TO_MICROS", ExpandConversion},
                           {"RECORD_KEY", ExpandRecordKey},
                           {"RECORD_UNIQUE", ExpandRecordUnique}};

// Replaces each "%NAME(arguments)%" of kCalls with what it stands for in the dialect; the
// arguments are separated by commas and trimmed.
std::string ExpandCalls(Dialect dialect, absl::string_view sql) {
  std::string text(sql);
  for (const Call& call : kCalls) {
    const std::string open = absl::StrCat("%", call.name, "(");
    std::string out;
    size_t at = 0;
    while (true) {
      size_t start = text.find(open, at);
      size_t close = start == std::string::npos ? start : text.find(")%", start);
      if (close == std::string::npos) break;
      absl::string_view inside =
          absl::string_view(text).substr(start + open.size(), close - start - open.size());
      std::vector<absl::string_view> args = absl::StrSplit(inside, ',');
      for (absl::string_view& arg : args) arg = absl::StripAsciiWhitespace(arg);
      absl::StrAppend(&out, absl::string_view(text).substr(at, start - at),
                      call.expand(dialect, args));
      at = close + 2;
    }
    absl::StrAppend(&out, absl::string_view(text).substr(at));
    text = std::move(out);
  }
  return text;
}

constexpr absl::string_view kRecordMeta =
    "request_id VARCHAR(128) NULL,\n"
    "  version BIGINT NOT NULL,\n"
    "  create_time_us BIGINT NOT NULL,\n"
    "  update_time_us BIGINT NOT NULL,\n"
    "  created_by VARCHAR(128) NOT NULL,\n"
    "  updated_by VARCHAR(128) NOT NULL";

constexpr absl::string_view kPupilColumns =
    "pupil_id VARCHAR(40) NOT NULL,\n"
    "  school VARCHAR(6) NOT NULL,\n"
    "  lvs_pupil_number VARCHAR(32) NOT NULL";

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
  migration.sqlite_sql = absl::StrReplaceAll(ExpandCalls(Dialect::kSqlite, sql),
                                             {{"%AUTO_ID%", "INTEGER PRIMARY KEY AUTOINCREMENT"},
                                              {"%TABLE_OPTIONS%", ""},
                                              {"%ADD_COLUMN%", "ADD COLUMN"},
                                              {"%DROP_COLUMN%", "DROP COLUMN"},
                                              {"%MARIADB_ONLY%", "--"},
                                              {"%SQLITE_ONLY%", ""},
                                              {"%LONGTEXT%", "TEXT"},
                                              {"%RECORD_META%", kRecordMeta},
                                              {"%PUPIL_COLUMNS%", kPupilColumns}});
  migration.mysql_sql = absl::StrReplaceAll(
      ExpandCalls(Dialect::kMysql, sql),
      {{"%AUTO_ID%", "BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY"},
       {"%TABLE_OPTIONS%", " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"},
       {"%ADD_COLUMN%", "ADD COLUMN IF NOT EXISTS"},
       {"%DROP_COLUMN%", "DROP COLUMN IF EXISTS"},
       {"%MARIADB_ONLY%", ""},
       {"%SQLITE_ONLY%", "--"},
       {"%LONGTEXT%", "MEDIUMTEXT"},
       {"%RECORD_META%", kRecordMeta},
       {"%PUPIL_COLUMNS%", kPupilColumns}});
  return migration;
}

}  // namespace swv::storage
