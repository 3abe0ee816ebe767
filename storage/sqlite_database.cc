// The SQLite driver: one connection, guarded by a mutex, so transactions of one process run one
// at a time. Other processes on the same file are kept apart by SQLite's own locks: every
// transaction starts with BEGIN IMMEDIATE (takes the write lock up front, so two writers cannot
// deadlock upgrading read locks), and busy_timeout waits for a lock held by another process.
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <system_error>
#include <thread>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "storage/driver_internal.h"

namespace swv::storage::internal {
namespace {

// How long a statement waits for a lock held by another process before SQLITE_BUSY.
constexpr int kBusyTimeoutMs = 5000;

struct StatementDeleter {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

// The connection's prepared statements by SQL text, kept across transactions so a statement is
// parsed once (as the MariaDB driver's StatementCache). Above this many the cache starts over.
constexpr size_t kMaxCachedStatements = 128;
using SqliteStatementCache = absl::flat_hash_map<std::string, Statement>;

// Schema statements run once, at migration: they are not kept.
bool WorthKeeping(absl::string_view sql) {
  const absl::string_view text = absl::StripLeadingAsciiWhitespace(sql);
  for (absl::string_view once : {"CREATE", "ALTER", "DROP", "PRAGMA"}) {
    if (absl::StartsWithIgnoreCase(text, once)) return false;
  }
  return true;
}

// Resets a statement when its run ends, however it ends, so a kept statement holds no read
// snapshot and no bound values between runs.
class ResetOnExit {
 public:
  explicit ResetOnExit(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;
  ~ResetOnExit() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

 private:
  sqlite3_stmt* stmt_;
};

// SQLite's messages name tables, columns and constraints but never bound values.
absl::Status SqliteError(sqlite3* db, int code, absl::string_view sql) {
  int extended = sqlite3_extended_errcode(db);
  if ((extended & 0xff) != (code & 0xff)) extended = code;
  std::string message = absl::StrCat(sqlite3_errmsg(db), " (sqlite error ", extended, ")");
  switch (extended) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return absl::AlreadyExistsError(message);
    default:
      break;
  }
  switch (extended & 0xff) {
    case SQLITE_CONSTRAINT:
      return absl::FailedPreconditionError(message);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::AbortedError(absl::StrCat("database busy: ", message));
    default:
      return absl::InternalError(absl::StrCat(message, " in ", DescribeSql(sql)));
  }
}

class SqliteDatabase;

class SqliteTransaction final : public SessionTransaction {
 public:
  // `statements` is the connection's cache, used under the database's mutex like `db`.
  SqliteTransaction(sqlite3* db, SqliteStatementCache& statements, TransientFailure& failure)
      : db_(db), statements_(statements), failure_(failure) {}

  absl::StatusOr<std::vector<Row>> Query(absl::string_view sql,
                                         absl::Span<const Value> params) override {
    std::vector<Row> rows;
    absl::Status status = Run(sql, params, &rows);
    if (!status.ok()) return status;
    return rows;
  }

  absl::StatusOr<int64_t> Execute(absl::string_view sql, absl::Span<const Value> params) override {
    // sqlite3_changes64 keeps the count of the last INSERT/UPDATE/DELETE, even after DDL; the
    // total tells whether this statement changed anything at all.
    const int64_t total_before = sqlite3_total_changes64(db_);
    absl::Status status = Run(sql, params, nullptr);
    if (!status.ok()) return status;
    if (sqlite3_total_changes64(db_) == total_before) return 0;
    return static_cast<int64_t>(sqlite3_changes64(db_));
  }

  absl::StatusOr<int64_t> LastInsertId() override {
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  absl::Status CommitAndContinue() override {
    if (absl::Status s = Run("COMMIT", {}, nullptr); !s.ok()) return s;
    return Run("BEGIN IMMEDIATE", {}, nullptr);
  }

  // Also used for BEGIN/COMMIT/ROLLBACK by the database.
  absl::Status Run(absl::string_view sql, absl::Span<const Value> params, std::vector<Row>* rows) {
    absl::Status status = RunUnclassified(sql, params, rows);
    if (!status.ok() && status.code() == absl::StatusCode::kAborted) {
      failure_.Note(Transience::kContention, status);
    }
    return status;
  }

 private:
  // The statement for `sql`: the kept one, or prepared now (and kept when worth it; else owned by
  // `*once`).
  absl::StatusOr<sqlite3_stmt*> Prepare(absl::string_view sql, Statement* once) {
    auto found = statements_.find(sql);
    if (found != statements_.end()) return found->second.get();
    const bool keep = WorthKeeping(sql);
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                keep ? SQLITE_PREPARE_PERSISTENT : 0, &raw, &tail);
    Statement stmt(raw);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, sql);
    if (stmt == nullptr) return absl::InternalError("empty SQL statement");
    if (tail != nullptr &&
        !absl::StripAsciiWhitespace(absl::string_view(tail, sql.data() + sql.size() - tail))
             .empty()) {
      return absl::InternalError(absl::StrCat("more than one SQL statement in ", DescribeSql(sql)));
    }
    if (!keep) {
      *once = std::move(stmt);
      return once->get();
    }
    if (statements_.size() >= kMaxCachedStatements) statements_.clear();
    return statements_.emplace(std::string(sql), std::move(stmt)).first->second.get();
  }

  absl::Status RunUnclassified(absl::string_view sql, absl::Span<const Value> params,
                               std::vector<Row>* rows) {
    Statement once;
    absl::StatusOr<sqlite3_stmt*> prepared = Prepare(sql, &once);
    if (!prepared.ok()) return prepared.status();
    sqlite3_stmt* const stmt = *prepared;  // owned by the cache or by `once`
    const ResetOnExit reset(stmt);
    int rc = SQLITE_OK;
    if (static_cast<size_t>(sqlite3_bind_parameter_count(stmt)) != params.size()) {
      return absl::InternalError(
          absl::StrCat("statement ", DescribeSql(sql), " has ", sqlite3_bind_parameter_count(stmt),
                       " placeholders but ", params.size(), " parameters were given"));
    }
    for (size_t i = 0; i < params.size(); ++i) {
      int index = static_cast<int>(i) + 1;
      const Value& value = params[i];
      if (const int64_t* n = std::get_if<int64_t>(&value)) {
        rc = sqlite3_bind_int64(stmt, index, *n);
      } else if (const std::string* s = std::get_if<std::string>(&value)) {
        rc = sqlite3_bind_text64(stmt, index, s->data(), s->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
      } else {
        rc = sqlite3_bind_null(stmt, index);
      }
      if (rc != SQLITE_OK) return SqliteError(db_, rc, sql);
    }
    while (true) {
      rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) return absl::OkStatus();
      if (rc != SQLITE_ROW) return SqliteError(db_, rc, sql);
      if (rows == nullptr) continue;
      int columns = sqlite3_column_count(stmt);
      std::vector<Value> values;
      values.reserve(columns);
      for (int c = 0; c < columns; ++c) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_NULL:
            values.emplace_back();
            break;
          case SQLITE_INTEGER:
            values.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, c)));
            break;
          case SQLITE_FLOAT:
            // We store no floats; an expression like AVG() may still produce one.
            values.emplace_back(absl::StrFormat("%.17g", sqlite3_column_double(stmt, c)));
            break;
          default: {  // TEXT and BLOB
            const void* bytes = sqlite3_column_blob(stmt, c);
            int size = sqlite3_column_bytes(stmt, c);
            values.emplace_back(bytes == nullptr
                                    ? std::string()
                                    : std::string(static_cast<const char*>(bytes), size));
          }
        }
      }
      rows->emplace_back(std::move(values));
    }
  }

  sqlite3* db_;
  SqliteStatementCache& statements_;
  TransientFailure& failure_;
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(sqlite3* db, const DatabaseOptions& options) : db_(db), options_(options) {}
  ~SqliteDatabase() override {
    absl::MutexLock lock(&mu_);
    statements_.clear();  // finalized before the close, or the connection lingers
    sqlite3_close_v2(db_);
  }

  absl::Status InTransaction(absl::FunctionRef<absl::Status(Transaction&)> work) override {
    NestingGuard nesting(this);
    if (nesting.nested()) {
      return absl::InternalError("InTransaction called inside a transaction on the same database");
    }
    absl::Status status;
    for (int attempt = 1; attempt <= options_.max_attempts; ++attempt) {
      if (attempt > 1) absl::SleepFor(RetryDelay(options_.retry_backoff, attempt));
      TransientFailure failure;
      {
        absl::MutexLock lock(&mu_);
        status = RunOnce(work, failure);
      }
      if (!failure.happened()) return status;
      status = failure.status;
    }
    return status;
  }

  absl::Status Ping() override {
    NestingGuard nesting(this);
    if (nesting.nested()) {
      return absl::InternalError("Ping called inside a transaction on the same database");
    }
    absl::MutexLock lock(&mu_);
    TransientFailure ignored;
    SqliteTransaction tx(db_, statements_, ignored);
    return tx.Run("SELECT 1", {}, nullptr);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

 private:
  absl::Status RunOnce(absl::FunctionRef<absl::Status(Transaction&)> work,
                       TransientFailure& failure) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    SqliteTransaction tx(db_, statements_, failure);
    if (absl::Status begun = tx.Run("BEGIN IMMEDIATE", {}, nullptr); !begun.ok()) return begun;
    absl::Status status;
    try {
      status = work(tx);
    } catch (...) {
      // Our code throws nothing; do not leave the connection inside a transaction if the
      // callback does.
      Rollback();
      throw;
    }
    if (status.ok() && !failure.happened()) {
      status = tx.Run("COMMIT", {}, nullptr);
      if (status.ok()) return status;
      // A failed COMMIT (busy: readers of another process) leaves the transaction open.
    }
    Rollback();
    return status;
  }

  void Rollback() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (sqlite3_get_autocommit(db_) != 0) return;  // no transaction open
    TransientFailure ignored;
    SqliteTransaction cleanup(db_, statements_, ignored);
    (void)cleanup.Run("ROLLBACK", {}, nullptr);
  }

  absl::Mutex mu_;
  sqlite3* const db_ ABSL_PT_GUARDED_BY(mu_);
  SqliteStatementCache statements_ ABSL_GUARDED_BY(mu_);
  const DatabaseOptions options_;
};

absl::Status ExecOnOpen(sqlite3* db, const char* sql) {
  char* error = nullptr;
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
  if (rc == SQLITE_OK) return absl::OkStatus();
  std::string message = error != nullptr ? error : sqlite3_errstr(rc);
  sqlite3_free(error);
  return absl::UnavailableError(absl::StrCat("sqlite: ", sql, ": ", message));
}

}  // namespace

absl::StatusOr<std::unique_ptr<Database>> OpenSqliteDatabase(const DatabaseOptions& options,
                                                             const DatabaseUrl& url) {
  const bool in_memory = url.sqlite_path == ":memory:";
  if (!in_memory) {
    std::filesystem::path parent = std::filesystem::path(url.sqlite_path).parent_path();
    std::error_code error;
    if (!parent.empty()) std::filesystem::create_directories(parent, error);
    if (error) {
      return absl::UnavailableError(
          absl::StrCat("sqlite: cannot create directory ", parent.string(), ": ", error.message()));
    }
  }
  sqlite3* db = nullptr;
  // FULLMUTEX is belt and braces: our own mutex already serialises every use of the connection.
  int rc =
      sqlite3_open_v2(url.sqlite_path.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return absl::UnavailableError(
        absl::StrCat("sqlite: cannot open ", url.sqlite_path, ": ", message));
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  // WAL: readers of other processes do not block our writer; NORMAL sync is durable in WAL mode
  // except for the last transactions on power loss.
  for (const char* pragma : {"PRAGMA foreign_keys = ON", "PRAGMA synchronous = NORMAL"}) {
    if (absl::Status s = ExecOnOpen(db, pragma); !s.ok()) {
      sqlite3_close_v2(db);
      return s;
    }
  }
  if (!in_memory) {
    if (absl::Status s = ExecOnOpen(db, "PRAGMA journal_mode = WAL"); !s.ok()) {
      sqlite3_close_v2(db);
      return s;
    }
  }
  return std::unique_ptr<Database>(new SqliteDatabase(db, options));
}

}  // namespace swv::storage::internal
