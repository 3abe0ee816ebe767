// Bulk writes: many rows into one table inside a transaction, at the database's bulk speed.
//
//  - MySQL/MariaDB: `LOAD DATA LOCAL INFILE` from a private temporary file (mkstemp, mode 0600,
//    removed before InsertRows returns), one statement for all the rows. The server reads rows
//    without parsing an SQL text per value, which is about twice as fast as multi-row INSERTs.
//    A server that refuses local files (local_infile=OFF) gets the multi-row INSERTs below
//    instead, in the same transaction.
//  - SQLite (and the fallback): multi-row INSERTs with `?` placeholders, `rows_per_statement` rows
//    per statement.
//
// Either way the values are data, never SQL: the file is written in LOAD DATA's escaped text form
// (tab-separated, backslash escapes, \N for NULL) and the INSERTs bind parameters. Table and
// column names must be plain identifiers ([a-z0-9_], not starting with a digit), else
// INVALID_ARGUMENT.
//
// Errors are those of Transaction::Execute: a duplicate key is ALREADY_EXISTS, a value that does
// not fit its column FAILED_PRECONDITION. On MySQL `LOAD DATA LOCAL` turns such errors into
// warnings and skips the row (the server cannot stop the client's upload half-way); InsertRows
// therefore checks that every row was inserted and that no warning was raised, and returns the
// error instead. Rows already written by the statement stay in the transaction, which the caller
// rolls back by returning the error from its callback: nothing of a failed call is committed.
//
// Statements run this way are not reported to a StatementObserver (observed_database.h) when
// they take the LOAD DATA path.
//
// Thread-safety: as the Transaction it is given (the thread running the callback).
#ifndef SWV_STORAGE_BULK_H_
#define SWV_STORAGE_BULK_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "storage/database.h"

namespace swv::storage {

struct BulkInsert {
  absl::string_view table;
  absl::Span<const absl::string_view> columns;
  // The multi-row INSERTs' size (SQLite, and MySQL without local files). Keep rows × columns
  // below SQLite's 32766 and MySQL's 65535 placeholders.
  int64_t rows_per_statement = 500;
};

// Inserts `values` (row-major: columns.size() values per row, every row complete) into
// insert.table. Returns the number of rows inserted (values.size() / columns.size()).
absl::StatusOr<int64_t> InsertRows(Transaction& tx, const BulkInsert& insert,
                                   absl::Span<const Value> values);

// As InsertRows, but always as multi-row INSERTs, never LOAD DATA: for a few rows in a transaction
// that writes more, where LOAD DATA's temporary file would cost more than it saves.
absl::StatusOr<int64_t> InsertValues(Transaction& tx, const BulkInsert& insert,
                                     absl::Span<const Value> values);

// "(?, ?, ?), (?, ?, ?)": `rows` groups of `columns` placeholders, for a multi-row INSERT.
std::string PlaceholderRows(size_t rows, size_t columns);

// One row in LOAD DATA's text form (FIELDS TERMINATED BY '\t' ESCAPED BY '\\' LINES TERMINATED
// BY '\n'), appended to `out`: backslash, tab, newline, carriage return and NUL escaped, NULL as
// \N, integers in decimal.
void AppendLoadDataRow(absl::Span<const Value> row, std::string* out);

}  // namespace swv::storage

#endif  // SWV_STORAGE_BULK_H_
