// Pieces shared by the two drivers and ApplyMigrations. Not part of the storage API: services
// include only storage/database.h.
#ifndef SWV_STORAGE_DRIVER_INTERNAL_H_
#define SWV_STORAGE_DRIVER_INTERNAL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "storage/database.h"

namespace swv::storage::internal {

// The parsed form of DatabaseOptions::url.
struct DatabaseUrl {
  Dialect dialect = Dialect::kSqlite;
  // SQLite: a file path or ":memory:".
  std::string sqlite_path;
  // MySQL: either host (+ port) or unix_socket is set.
  std::string user;
  std::string password;  // percent-decoded
  std::string host;
  int port = 3306;
  std::string unix_socket;
  std::string database;
};

// Parses "sqlite:PATH" and "mysql://USER:PASSWORD@HOST[:PORT]/DB" (user and password
// percent-decoded; HOST may be "[v6addr]" or "unix(/path/to/socket)"). Errors are INVALID_ARGUMENT
// "database.url: ..." and never repeat the URL (it holds a password).
absl::StatusOr<DatabaseUrl> ParseDatabaseUrl(absl::string_view url);

// Implemented by the drivers' transactions; used by ApplyMigrations, which must record each
// migration as it succeeds while holding one session (MySQL's GET_LOCK is per session).
class SessionTransaction : public Transaction {
 public:
  // Commits the work so far and starts a new transaction on the same connection.
  virtual absl::Status CommitAndContinue() = 0;
};

// Implemented by a driver's transaction that has a bulk path of its own (MySQL: LOAD DATA LOCAL
// INFILE); storage::InsertRows (bulk.h) reaches it through any TransactionWrapper. `table` and
// `columns` are checked identifiers. UNIMPLEMENTED when the server refuses the bulk path (the
// caller then inserts the rows another way); otherwise as storage::InsertRows.
class BulkLoader {
 public:
  virtual ~BulkLoader() = default;
  virtual absl::StatusOr<int64_t> LoadRows(absl::string_view table,
                                           absl::Span<const absl::string_view> columns,
                                           absl::Span<const Value> values) = 0;
};

// Implemented by decorators around a driver's transaction (observed_database.cc), so
// ApplyMigrations can reach the driver's session underneath.
class TransactionWrapper {
 public:
  virtual ~TransactionWrapper() = default;
  virtual Transaction& wrapped() = 0;
};

// Why a statement failed, as far as retrying is concerned.
enum class Transience {
  kPermanent,       // report to the caller
  kContention,      // deadlock, lock wait timeout, busy database: retry, then ABORTED
  kConnectionLost,  // unreachable or lost: discard the connection, retry, then UNAVAILABLE
};

// Tracks the first transient failure seen inside one run of a transaction callback. Once one
// happened the database has rolled the transaction back (or the connection is gone), so the run
// is doomed whatever the callback returns: committing its later statements would commit half a
// transaction.
struct TransientFailure {
  Transience kind = Transience::kPermanent;
  absl::Status status;
  void Note(Transience k, const absl::Status& s) {
    if (kind == Transience::kPermanent && k != Transience::kPermanent) {
      kind = k;
      status = s;
    }
  }
  bool happened() const { return kind != Transience::kPermanent; }
};

// Sleep before attempt `attempt` (2, 3, ...): base * 2^(attempt-2) plus up to 50% jitter, so two
// transactions that deadlocked each other do not retry in lockstep.
absl::Duration RetryDelay(absl::Duration base, int attempt);

// Detects InTransaction called from inside a callback on the same database. That would deadlock
// (SQLite: the connection mutex; MySQL: possibly on its own row locks), so it is refused.
class NestingGuard {
 public:
  explicit NestingGuard(const void* database);
  ~NestingGuard();
  NestingGuard(const NestingGuard&) = delete;
  NestingGuard& operator=(const NestingGuard&) = delete;
  bool nested() const { return nested_; }

 private:
  const void* database_;
  bool nested_;
};

// A short, data-free description of a statement for error messages: its first words.
std::string DescribeSql(absl::string_view sql);

// The drivers (sqlite_database.cc; mysql_database.cc with mysql_statements.cc).
absl::StatusOr<std::unique_ptr<Database>> OpenSqliteDatabase(const DatabaseOptions& options,
                                                             const DatabaseUrl& url);
absl::StatusOr<std::unique_ptr<Database>> OpenMysqlDatabase(const DatabaseOptions& options,
                                                            const DatabaseUrl& url);

}  // namespace swv::storage::internal

#endif  // SWV_STORAGE_DRIVER_INTERNAL_H_
