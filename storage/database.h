// The storage layer: one interface over two SQL drivers (SQLite embedded, MySQL/MariaDB through
// MySQL Connector/C++ 1.1). Services own their SQL and repositories; this layer owns connections,
// transactions, retries, error mapping and migrations.
//
// Rules that every caller relies on:
//  - Only prepared statements with `?` placeholders; user data is always a bound parameter.
//  - All work happens inside Database::InTransaction. The callback may run more than once when a
//    transient error (deadlock, lost connection, busy database) happens; it must therefore only
//    touch the database and its own local variables, and produce its result on the final run.
//  - Errors come back as absl::Status with these codes:
//      ALREADY_EXISTS      unique or primary key violated (message names the constraint)
//      FAILED_PRECONDITION other constraint violations (foreign key, not null, check)
//      UNAVAILABLE         database unreachable or connection lost, after the bounded retries
//      ABORTED             deadlock or lock wait timeout, after the bounded retries
//      INTERNAL            anything else (SQL syntax errors: a bug in our SQL)
//    Messages never contain bound parameter values (they can be pupil data).
//  - Only failures the database reports as transient are retried, never an error the callback
//    makes up itself. A connection lost during COMMIT is ambiguous (it may have committed) and is
//    retried too: creates must be idempotent through a unique key (request_id, natural key) and
//    updates should carry a version check, so a second run cannot write twice.
//  - MySQL sessions run READ COMMITTED, utf8mb4, strict sql_mode, 10 s lock wait timeout. Use
//    SELECT ... FOR UPDATE (MySQL) for read-modify-write; SQLite transactions hold the write lock
//    from the start (BEGIN IMMEDIATE), so they are serial anyway.
//
// Thread-safety: a Database is safe to use from many threads at once. A Transaction belongs to
// the thread running the callback and must not escape it. Calling InTransaction or Ping of the same
// database from inside a callback is refused (INTERNAL): it could deadlock.
#ifndef SWV_STORAGE_DATABASE_H_
#define SWV_STORAGE_DATABASE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"

namespace swv::storage {

// A bound parameter or a column value. Money is int64 cents, dates are ISO strings, booleans are
// 0/1 integers; there is deliberately no floating-point type.
using Value = std::variant<std::monostate, int64_t, std::string>;

inline Value Null() { return Value{}; }

// One result row. Column access is by index, in SELECT order.
class Row {
 public:
  Row() = default;
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}

  size_t size() const { return values_.size(); }
  bool IsNull(size_t column) const;
  // Returns 0 for NULL. A text column holding digits is converted.
  int64_t GetInt(size_t column) const;
  // Returns "" for NULL. An integer column is formatted in decimal.
  std::string GetString(size_t column) const;
  const Value& value(size_t column) const { return values_.at(column); }

 private:
  std::vector<Value> values_;
};

enum class Dialect { kSqlite, kMysql };

// The work inside one transaction.
class Transaction {
 public:
  virtual ~Transaction() = default;
  // Runs a SELECT (or anything returning rows) and returns all rows.
  virtual absl::StatusOr<std::vector<Row>> Query(absl::string_view sql,
                                                 absl::Span<const Value> params = {}) = 0;
  // Runs an INSERT/UPDATE/DELETE/DDL; returns the number of rows affected: rows matched, also when
  // an UPDATE leaves them unchanged, on both drivers; 0 for DDL.
  virtual absl::StatusOr<int64_t> Execute(absl::string_view sql,
                                          absl::Span<const Value> params = {}) = 0;
  // The auto-increment id of the last INSERT on this transaction's connection.
  virtual absl::StatusOr<int64_t> LastInsertId() = 0;
  virtual Dialect dialect() const = 0;
};

class Database {
 public:
  virtual ~Database() = default;

  // Runs `work` in a transaction: commits when it returns OK, rolls back otherwise. Transient
  // failures (see top of file) roll back and run `work` again, up to the configured attempts.
  virtual absl::Status InTransaction(absl::FunctionRef<absl::Status(Transaction&)> work) = 0;

  // A cheap round trip ("SELECT 1"); used by /readyz. Does not retry.
  virtual absl::Status Ping() = 0;

  virtual Dialect dialect() const = 0;
};

struct DatabaseOptions {
  // "sqlite:PATH" (a file, created when missing; "sqlite::memory:" for a private in-memory one) or
  // "mysql://USER:PASSWORD@HOST:PORT/DATABASE" (also "mysql://USER:PASSWORD@unix(/path/sock)/DB").
  std::string url = "sqlite:var/swv.db";
  // MySQL only: connections kept open at most, and how long a caller waits for a free one.
  int pool_size = 8;
  absl::Duration pool_wait = absl::Seconds(5);
  // MySQL only: connect timeout for each new connection.
  absl::Duration connect_timeout = absl::Seconds(3);
  // Attempts for a transaction hitting a transient error (1 = no retry), with a backoff that
  // starts at `retry_backoff` and doubles.
  int max_attempts = 4;
  absl::Duration retry_backoff = absl::Milliseconds(50);
  // MySQL only: when set, TLS with server verification against this CA bundle.
  std::string tls_ca_file;
};

// Runs `work` in a transaction of `db`, and again in a new one when it ends ALREADY_EXISTS: a
// unique key another writer won (a request id, a next version), which the next run reads. At most
// `attempts` runs; `again` may refuse a conflict that another run cannot resolve (such as a
// request id reused for another record). Returns the last run's status.
absl::Status InTransactionAgainOnConflict(
    Database& db, int attempts, absl::FunctionRef<absl::Status(Transaction&)> work,
    absl::FunctionRef<bool(const absl::Status&)> again = [](const absl::Status&) { return true; });

// Checks the options; returns INVALID_ARGUMENT naming the bad field.
absl::Status ValidateDatabaseOptions(const DatabaseOptions& options);

// Opens a database. Does not fail when a MySQL server is down at start (connections are made
// lazily), but does fail on a malformed URL or an unopenable SQLite file.
absl::StatusOr<std::unique_ptr<Database>> OpenDatabase(const DatabaseOptions& options);

// A versioned schema change. Versions are per component (e.g. "registrations") and strictly
// increasing; `mysql_sql` may hold several statements separated by ";\n" and so may `sqlite_sql`
// (so no statement may contain ";\n" itself, e.g. in a literal or a trigger body). On MySQL DDL is
// not transactional: a migration failing at its k-th statement leaves statements 1..k-1 applied
// (but the migration unrecorded), so write multi-statement migrations to be re-runnable
// (CREATE TABLE IF NOT EXISTS, ADD COLUMN IF NOT EXISTS).
struct Migration {
  int version = 0;
  std::string description;
  std::string sqlite_sql;
  std::string mysql_sql;
};

// A migration that once ran under another component's name (an area took over tables another
// component created): where (from_component, from_version) is recorded, `version` is recorded
// too without running. Apply the new component before the old one, whose migration of that
// version now creates nothing.
struct AdoptedMigration {
  int version = 0;
  std::string from_component;
  int from_version = 0;
};

// Applies the migrations of `component` newer than those recorded in the table schema_migrations
// (component, version, description, applied_at), each in order and recorded as it succeeds. Safe to
// run from several replicas at once: a migration already recorded by another process is skipped.
// When every migration is recorded already it only reads schema_migrations, so a runtime user
// with no right to change the schema may call it (the migrations ran as the migration user).
absl::Status ApplyMigrations(Database& db, absl::string_view component,
                             absl::Span<const Migration> migrations,
                             absl::Span<const AdoptedMigration> adopted = {});

}  // namespace swv::storage

#endif  // SWV_STORAGE_DATABASE_H_
