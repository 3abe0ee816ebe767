// Table definitions written once for both dialects. A migration's text uses these placeholders,
// filled per dialect by Dialected:
//   %AUTO_ID%        an auto-increment BIGINT primary key ("position" columns: storage order)
//   %TABLE_OPTIONS%  MariaDB's engine, utf8mb4 and its binary collation (so text compares and
//                    sorts by code point, as SQLite does); nothing on SQLite
//   %ADD_COLUMN%     "ADD COLUMN" (SQLite) / "ADD COLUMN IF NOT EXISTS" (MariaDB, whose DDL is
//                    not transactional: a half-applied migration must be re-runnable)
//   %DROP_COLUMN%    "DROP COLUMN" (SQLite) / "DROP COLUMN IF EXISTS" (MariaDB, as above)
//   %MARIADB_ONLY%   starts a statement only MariaDB runs (SQLite reads it as a comment)
//   %SQLITE_ONLY%    starts a statement only SQLite runs
//   %RFC3339_TO_MICROS(column)%  the instant in an RFC 3339 text column as microseconds
//   %LONGTEXT%       text beyond 64 KiB: TEXT (SQLite) / MEDIUMTEXT (MariaDB)
//   %RECORD_KEY(id)% the columns every versioned record begins with: its storage position, its
//                    tenant and its identifier, the column `id`
//   %PUPIL_COLUMNS%  the pupil a record is about: pupil_id, school and the LVS pupil number
//   %RECORD_META%    the columns every versioned record ends with: its idempotency key, version,
//                    creation and update instants and actors
//   %RECORD_UNIQUE(table, id)%  a record's two unique keys: `table`_id on its identifier `id`
//                    and `table`_request_id on its idempotency key, both within the tenant
//
// The conventions every service's tables follow (docs/architecture.md, "Storage"): an instant is
// a BIGINT of microseconds since the Unix epoch in a column named *_time_us; a civil date is
// CHAR(10) "YYYY-MM-DD"; identifiers and codes are VARCHARs of their documented width.
// Pure functions; thread-safe.
#ifndef SWV_STORAGE_SCHEMA_H_
#define SWV_STORAGE_SCHEMA_H_

#include <string>

#include "absl/strings/string_view.h"
#include "storage/database.h"

namespace swv::storage {

Migration Dialected(int version, std::string description, absl::string_view sql);

// The SQL expression that turns an RFC 3339 UTC text column ("2026-03-09T14:05:00.123456Z", any
// number of fractional digits) into microseconds since the epoch, for migrations that move a text
// instant into a *_time_us column.
std::string Rfc3339ToMicrosSql(Dialect dialect, absl::string_view column);

}  // namespace swv::storage

#endif  // SWV_STORAGE_SCHEMA_H_
