// The MySQL/MariaDB driver over Connector/C++ 1.1 (JDBC-style API).
//
// Connections: a bounded pool, filled lazily, each connection used by one thread at a time.
// Sessions run with autocommit off, utf8mb4, READ COMMITTED (fewer gap locks than REPEATABLE READ,
// so concurrent inserts on unique keys deadlock less; code that reads-then-writes uses
// SELECT ... FOR UPDATE or a version column, which is correct under either level), strict SQL
// mode, CLIENT_FOUND_ROWS (Execute returns rows matched, as SQLite does, not rows changed) and a
// 10 s lock wait timeout (so a stuck lock costs seconds per attempt, not InnoDB's default 50 s).
//
// Connector/C++ wants threadInit() once per thread that uses it and threadEnd() when the thread
// ends; a thread_local guard does that for every thread that enters this driver.
#include <cppconn/connection.h>
#include <cppconn/datatype.h>
#include <cppconn/exception.h>
#include <cppconn/parameter_metadata.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <mysql_driver.h>

#include <cstdio>
#include <fstream>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "storage/driver_internal.h"

namespace swv::storage::internal {
namespace {

// Per read/write on the socket: bounds how long a call hangs on a server that stopped answering
// without closing the connection. Long enough for our heaviest aggregate query.
constexpr int kReadWriteTimeoutSeconds = 30;
constexpr int kLockWaitTimeoutSeconds = 10;

sql::mysql::MySQL_Driver* Driver() {
  // Initialised on first use, which OpenDatabase makes happen before the caller starts threads
  // (the underlying mysql_library_init is not thread-safe).
  static sql::mysql::MySQL_Driver* const driver = sql::mysql::get_mysql_driver_instance();
  return driver;
}

void EnsureThreadInit() {
  struct ThreadGuard {
    ThreadGuard() { Driver()->threadInit(); }
    ~ThreadGuard() { Driver()->threadEnd(); }
  };
  thread_local ThreadGuard guard;
}

// --- Error mapping ----------------------------------------------------------------------------

struct MappedError {
  absl::Status status;
  Transience transience = Transience::kPermanent;
};

// The text between `open` (searched from the end: values come earlier in the message and may
// contain anything) and the next `close`. Empty when not found.
std::string NameAfterLast(absl::string_view text, absl::string_view open, char close) {
  size_t start = text.rfind(open);
  if (start == absl::string_view::npos) return "";
  start += open.size();
  size_t end = text.find(close, start);
  if (end == absl::string_view::npos) return "";
  return std::string(text.substr(start, end - start));
}

bool IsConnectionLost(int code) {
  switch (code) {
    case 2002:  // can't connect through socket
    case 2003:  // can't connect to server
    case 2006:  // server has gone away
    case 2013:  // lost connection during query
    case 2055:  // lost connection (system error)
    case 1927:  // connection killed
    case 4031:  // disconnected by the server (idle timeout)
    case 1053:  // server shutdown in progress
    case 1040:  // too many connections
    case 1047:  // Galera: node not ready for queries
      return true;
    default:
      return false;
  }
}

// Maps a server or client error. `has_params`: the statement had bound values, so the server's
// own text may quote one of them (e.g. "Incorrect integer value: '...'") and is left out unless
// the error code is one whose text only names schema objects.
MappedError MapMysqlError(const sql::SQLException& e, absl::string_view sql, bool has_params) {
  const int code = e.getErrorCode();
  const absl::string_view text = e.what();
  const std::string suffix = absl::StrCat(" (mysql error ", code, ")");
  switch (code) {
    case 1062:  // Duplicate entry '<value>' for key '<name>'
    case 1586:
    case 1022:
      return {absl::AlreadyExistsError(absl::StrCat("duplicate value for unique key '",
                                                    NameAfterLast(text, "for key '", '\''), "'",
                                                    suffix))};
    case 1451:
    case 1452:
    case 1216:
    case 1217:
      return {absl::FailedPreconditionError(absl::StrCat("foreign key constraint '",
                                                         NameAfterLast(text, "CONSTRAINT `", '`'),
                                                         "' failed", suffix))};
    case 1048:  // Column '<name>' cannot be null
      return {absl::FailedPreconditionError(absl::StrCat(
          "column '", NameAfterLast(text, "Column '", '\''), "' cannot be null", suffix))};
    case 1364:  // Field '<name>' doesn't have a default value
      return {absl::FailedPreconditionError(absl::StrCat(
          "column '", NameAfterLast(text, "Field '", '\''), "' needs a value", suffix))};
    case 4025:  // MariaDB: CONSTRAINT `<name>` failed for ...
    case 3819:  // MySQL: Check constraint '<name>' is violated.
      return {absl::FailedPreconditionError(
          absl::StrCat("check constraint '",
                       code == 4025 ? NameAfterLast(text, "CONSTRAINT `", '`')
                                    : NameAfterLast(text, "Check constraint '", '\''),
                       "' failed", suffix))};
    case 1265:  // data truncated
    case 1264:  // out of range
    case 1366:  // incorrect value (quotes the value)
    case 1292:  // truncated incorrect value (quotes the value)
    case 1406:  // data too long
      return {
          absl::FailedPreconditionError(absl::StrCat("a value does not fit its column", suffix))};
    case 1213:
      return {absl::AbortedError(absl::StrCat("deadlock", suffix)), Transience::kContention};
    case 1205:
      return {absl::AbortedError(absl::StrCat("lock wait timeout", suffix)),
              Transience::kContention};
    default:
      break;
  }
  if (IsConnectionLost(code)) {
    return {absl::UnavailableError(
                absl::StrCat("database unreachable or connection lost: ", text, suffix)),
            Transience::kConnectionLost};
  }
  // Errors whose text names only SQL and schema objects (syntax, unknown table or column, ...).
  const bool text_is_safe = !has_params || code == 0 || code == 1064 || code == 1146 ||
                            code == 1054 || code == 1050 || code == 1060 || code == 1061 ||
                            code == 1091 || code == 1136 || code == 1142 || code == 1149;
  return {absl::InternalError(
      absl::StrCat(text_is_safe ? text : "(message withheld: may hold data)", " (mysql error ",
                   code, ", SQLSTATE ", e.getSQLState(), ") in ", DescribeSql(sql)))};
}

// --- Connection pool --------------------------------------------------------------------------

struct PooledConnection {
  std::unique_ptr<sql::Connection> connection;
  // The pool generation it was made in; after a lost connection, older ones are not reused.
  uint64_t generation = 0;
};

struct Lease {
  std::unique_ptr<PooledConnection> pooled;
  bool reused = false;  // taken from the idle list (may have died while idle)
};

class ConnectionPool {
 public:
  ConnectionPool(const DatabaseOptions& options, DatabaseUrl url)
      : options_(options), url_(std::move(url)) {}

  ~ConnectionPool() {
    absl::MutexLock lock(&mu_);
    idle_.clear();
  }

  // A connection for the caller's exclusive use; give it back with Release. On failure
  // `transience` tells whether a retry may help.
  absl::StatusOr<Lease> Acquire(Transience& transience) {
    transience = Transience::kPermanent;
    uint64_t generation;
    {
      absl::MutexLock lock(&mu_);
      if (!mu_.AwaitWithTimeout(absl::Condition(this, &ConnectionPool::CanLendLocked),
                                options_.pool_wait)) {
        return absl::UnavailableError(absl::StrCat("database pool exhausted: all ",
                                                   options_.pool_size, " connections busy for ",
                                                   absl::FormatDuration(options_.pool_wait)));
      }
      if (!idle_.empty()) {
        Lease lease{std::move(idle_.back()), true};
        idle_.pop_back();
        return lease;
      }
      ++open_;
      generation = generation_;
    }
    absl::StatusOr<std::unique_ptr<sql::Connection>> connection = Connect(transience);
    if (!connection.ok()) {
      absl::MutexLock lock(&mu_);
      --open_;
      return connection.status();
    }
    auto pooled = std::make_unique<PooledConnection>();
    pooled->connection = *std::move(connection);
    pooled->generation = generation;
    return Lease{std::move(pooled), false};
  }

  // Takes a leased connection back; a broken one (or one older than the last lost connection)
  // is closed instead of kept.
  void Release(std::unique_ptr<PooledConnection> pooled, bool healthy) {
    {
      absl::MutexLock lock(&mu_);
      if (healthy && pooled->generation == generation_) {
        idle_.push_back(std::move(pooled));
        return;
      }
      --open_;
    }
    pooled.reset();  // outside the lock: closing may touch the network
  }

  // After a lost connection: the others were most likely cut by the same event (server restart,
  // failover), so drop the idle ones and let leased ones be closed when they come back.
  void DropAll() {
    std::vector<std::unique_ptr<PooledConnection>> doomed;
    {
      absl::MutexLock lock(&mu_);
      ++generation_;
      doomed.swap(idle_);
      open_ -= static_cast<int>(doomed.size());
    }
  }

 private:
  bool CanLendLocked() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return !idle_.empty() || open_ < options_.pool_size;
  }

  absl::StatusOr<std::unique_ptr<sql::Connection>> Connect(Transience& transience) {
    sql::ConnectOptionsMap properties;
    if (url_.unix_socket.empty()) {
      properties["hostName"] = sql::SQLString(url_.host);
      properties["port"] = url_.port;
    } else {
      properties["hostName"] = sql::SQLString("localhost");
      properties["socket"] = sql::SQLString(url_.unix_socket);
    }
    properties["userName"] = sql::SQLString(url_.user);
    properties["password"] = sql::SQLString(url_.password);
    properties["schema"] = sql::SQLString(url_.database);
    properties["OPT_CONNECT_TIMEOUT"] =
        std::max(1, static_cast<int>(absl::ToInt64Seconds(options_.connect_timeout)));
    properties["OPT_READ_TIMEOUT"] = kReadWriteTimeoutSeconds;
    properties["OPT_WRITE_TIMEOUT"] = kReadWriteTimeoutSeconds;
    // A silent reconnect would lose the open transaction and the session settings.
    properties["OPT_RECONNECT"] = false;
    properties["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
    properties["CLIENT_FOUND_ROWS"] = true;
    if (!options_.tls_ca_file.empty()) {
      // Connector/C++ 1.1 only enforces TLS when both are set; otherwise it silently falls back.
      properties["sslCA"] = sql::SQLString(options_.tls_ca_file);
      properties["sslVerify"] = true;
      properties["sslEnforce"] = true;
    }
    try {
      std::unique_ptr<sql::Connection> connection(Driver()->connect(properties));
      connection->setAutoCommit(false);
      const std::string lock_wait =
          absl::StrCat("SET SESSION innodb_lock_wait_timeout = ", kLockWaitTimeoutSeconds);
      for (const std::string& setup : {
               std::string("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED"),
               std::string("SET SESSION sql_mode = "
                           "'STRICT_ALL_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'"),
               lock_wait,
           }) {
        std::unique_ptr<sql::PreparedStatement> statement(connection->prepareStatement(setup));
        statement->execute();
      }
      connection->commit();
      return connection;
    } catch (const sql::SQLException& e) {
      MappedError mapped = MapMysqlError(e, "connect", /*has_params=*/false);
      if (mapped.transience == Transience::kConnectionLost) {
        transience = Transience::kConnectionLost;
        return mapped.status;
      }
      // Wrong password, unknown database, TLS refused: the database is unusable, and retrying
      // does not help. Connector's text names user and host, never the password.
      return absl::UnavailableError(absl::StrCat("cannot connect to the database: ", e.what(),
                                                 " (mysql error ", e.getErrorCode(), ")"));
    }
  }

  const DatabaseOptions options_;
  const DatabaseUrl url_;
  absl::Mutex mu_;
  std::vector<std::unique_ptr<PooledConnection>> idle_ ABSL_GUARDED_BY(mu_);
  int open_ ABSL_GUARDED_BY(mu_) = 0;  // idle + leased
  uint64_t generation_ ABSL_GUARDED_BY(mu_) = 0;
};

// --- Transactions -----------------------------------------------------------------------------

bool IsIntegerType(int type) {
  switch (type) {
    case sql::DataType::BIT:
    case sql::DataType::TINYINT:
    case sql::DataType::SMALLINT:
    case sql::DataType::MEDIUMINT:
    case sql::DataType::INTEGER:
    case sql::DataType::BIGINT:
    case sql::DataType::YEAR:
      return true;
    default:
      return false;
  }
}

class MysqlTransaction final : public SessionTransaction {
 public:
  MysqlTransaction(sql::Connection& connection, TransientFailure& failure)
      : connection_(connection), failure_(failure) {}

  absl::StatusOr<std::vector<Row>> Query(absl::string_view sql,
                                         absl::Span<const Value> params) override {
    std::vector<Row> rows;
    absl::Status status = Guarded(sql, !params.empty(), [&] {
      std::unique_ptr<sql::PreparedStatement> statement = Prepare(sql, params);
      if (statement == nullptr) return;
      std::unique_ptr<sql::ResultSet> result(statement->executeQuery());
      sql::ResultSetMetaData* meta = result->getMetaData();  // owned by `result`
      const unsigned columns = meta->getColumnCount();
      std::vector<int> types(columns + 1);
      std::vector<bool> is_signed(columns + 1);
      std::vector<unsigned> scales(columns + 1);
      for (unsigned c = 1; c <= columns; ++c) {
        types[c] = meta->getColumnType(c);
        is_signed[c] = meta->isSigned(c);
        scales[c] = types[c] == sql::DataType::DECIMAL ? meta->getScale(c) : 1;
      }
      while (result->next()) {
        std::vector<Value> values;
        values.reserve(columns);
        for (unsigned c = 1; c <= columns; ++c) {
          if (result->isNull(c)) {
            values.emplace_back();
          } else if (IsIntegerType(types[c])) {
            if (!is_signed[c] && types[c] == sql::DataType::BIGINT) {
              uint64_t u = result->getUInt64(c);
              if (u > static_cast<uint64_t>(INT64_MAX)) {
                values.emplace_back(absl::StrCat(u));
              } else {
                values.emplace_back(static_cast<int64_t>(u));
              }
            } else {
              values.emplace_back(static_cast<int64_t>(result->getInt64(c)));
            }
          } else {
            std::string text = result->getString(c).asStdString();
            int64_t whole;
            // SUM()/COUNT over integers is DECIMAL(n,0) in MySQL: return an integer, as SQLite.
            if (types[c] == sql::DataType::DECIMAL && scales[c] == 0 &&
                absl::SimpleAtoi(text, &whole)) {
              values.emplace_back(whole);
            } else {
              values.emplace_back(std::move(text));
            }
          }
        }
        rows.emplace_back(std::move(values));
      }
    });
    if (!status.ok()) return status;
    return rows;
  }

  absl::StatusOr<int64_t> Execute(absl::string_view sql, absl::Span<const Value> params) override {
    int64_t affected = 0;
    absl::Status status = Guarded(sql, !params.empty(), [&] {
      std::unique_ptr<sql::PreparedStatement> statement = Prepare(sql, params);
      if (statement == nullptr) return;
      affected = statement->executeUpdate();
    });
    if (!status.ok()) return status;
    return affected;
  }

  absl::StatusOr<int64_t> LastInsertId() override {
    absl::StatusOr<std::vector<Row>> rows = Query("SELECT LAST_INSERT_ID()", {});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return absl::InternalError("SELECT LAST_INSERT_ID() returned no row");
    return (*rows)[0].GetInt(0);
  }

  Dialect dialect() const override { return Dialect::kMysql; }

  absl::Status CommitAndContinue() override {
    return Guarded("COMMIT", false, [&] { connection_.commit(); });
  }

  absl::Status Commit() { return CommitAndContinue(); }

  // Rolls back; false when the connection is unusable afterwards.
  bool Rollback() {
    if (connection_lost_) return false;
    try {
      connection_.rollback();
      return true;
    } catch (const sql::SQLException&) {
      return false;
    }
  }

  bool connection_lost() const { return connection_lost_; }

 private:
  // Prepares and binds; returns null after setting prepare_error_ on a placeholder mismatch.
  std::unique_ptr<sql::PreparedStatement> Prepare(absl::string_view sql,
                                                  absl::Span<const Value> params) {
    std::unique_ptr<sql::PreparedStatement> statement(
        connection_.prepareStatement(sql::SQLString(sql.data(), sql.size())));
    int placeholders = statement->getParameterMetaData()->getParameterCount();
    if (placeholders != static_cast<int>(params.size())) {
      prepare_error_ = absl::InternalError(absl::StrCat("statement ", DescribeSql(sql), " has ",
                                                        placeholders, " placeholders but ",
                                                        params.size(), " parameters were given"));
      return nullptr;
    }
    for (size_t i = 0; i < params.size(); ++i) {
      const unsigned index = static_cast<unsigned>(i) + 1;
      if (const int64_t* n = std::get_if<int64_t>(&params[i])) {
        statement->setInt64(index, *n);
      } else if (const std::string* s = std::get_if<std::string>(&params[i])) {
        statement->setString(index, sql::SQLString(*s));
      } else {
        statement->setNull(index, sql::DataType::VARCHAR);
      }
    }
    return statement;
  }

  template <typename Body>
  absl::Status Guarded(absl::string_view sql, bool has_params, Body body) {
    if (connection_lost_) {
      return absl::UnavailableError("connection lost earlier in this transaction");
    }
    prepare_error_ = absl::OkStatus();
    try {
      body();
      return prepare_error_;
    } catch (const sql::SQLException& e) {
      MappedError mapped = MapMysqlError(e, sql, has_params);
      if (mapped.transience == Transience::kConnectionLost) connection_lost_ = true;
      failure_.Note(mapped.transience, mapped.status);
      return mapped.status;
    } catch (const std::exception& e) {
      return absl::InternalError(
          absl::StrCat("mysql driver: ", e.what(), " in ", DescribeSql(sql)));
    }
  }

  sql::Connection& connection_;
  TransientFailure& failure_;
  bool connection_lost_ = false;
  absl::Status prepare_error_;
};

class MysqlDatabase final : public Database {
 public:
  MysqlDatabase(const DatabaseOptions& options, DatabaseUrl url)
      : options_(options), pool_(options, std::move(url)) {}

  ~MysqlDatabase() override { EnsureThreadInit(); }

  absl::Status InTransaction(absl::FunctionRef<absl::Status(Transaction&)> work) override {
    NestingGuard nesting(this);
    if (nesting.nested()) {
      return absl::InternalError("InTransaction called inside a transaction on the same database");
    }
    EnsureThreadInit();
    absl::Status status;
    for (int attempt = 1; attempt <= options_.max_attempts; ++attempt) {
      if (attempt > 1) absl::SleepFor(RetryDelay(options_.retry_backoff, attempt));
      Transience acquire_transience;
      absl::StatusOr<Lease> lease = pool_.Acquire(acquire_transience);
      if (!lease.ok()) {
        status = lease.status();
        // Exhaustion means overload: waiting again would only add to it.
        if (acquire_transience == Transience::kPermanent) return status;
        pool_.DropAll();
        continue;
      }
      TransientFailure failure;
      bool healthy = true;
      try {
        status = RunOnce(*lease->pooled->connection, work, failure, healthy);
      } catch (...) {
        // Our code throws nothing; this keeps the pool count right if the callback does.
        pool_.Release(std::move(lease->pooled), /*healthy=*/false);
        throw;
      }
      pool_.Release(std::move(lease->pooled), healthy);
      if (!healthy) pool_.DropAll();
      if (!failure.happened()) return status;
      status = failure.status;
    }
    return status;
  }

  absl::Status Ping() override {
    EnsureThreadInit();
    // One more try when a connection that sat idle in the pool turns out dead (server restarted
    // since): that says nothing about the database now. Not a retry of a failed database.
    for (int round = 0; round < 2; ++round) {
      Transience transience;
      absl::StatusOr<Lease> lease = pool_.Acquire(transience);
      if (!lease.ok()) return lease.status();
      TransientFailure failure;
      MysqlTransaction tx(*lease->pooled->connection, failure);
      absl::Status status = tx.Query("SELECT 1", {}).status();
      const bool healthy = tx.Rollback();  // ends the read snapshot; false when the link is gone
      const bool reused = lease->reused;
      pool_.Release(std::move(lease->pooled), healthy);
      if (status.ok() || !tx.connection_lost()) return status;
      pool_.DropAll();
      if (!reused) return status;
    }
    return absl::UnavailableError("database unreachable");
  }

  Dialect dialect() const override { return Dialect::kMysql; }

 private:
  absl::Status RunOnce(sql::Connection& connection,
                       absl::FunctionRef<absl::Status(Transaction&)> work,
                       TransientFailure& failure, bool& healthy) {
    MysqlTransaction tx(connection, failure);
    absl::Status status = work(tx);
    if (status.ok() && !failure.happened()) {
      // A connection lost during COMMIT is ambiguous: the server may have committed. We count
      // it as transient and run the callback again. That is safe for our callers only because
      // their creates are idempotent on unique keys (a request_id, a natural key): the second
      // run finds the row or gets ALREADY_EXISTS instead of writing a duplicate, and updates
      // carry a version check. A callback that blindly increments must not rely on exactly-once.
      status = tx.Commit();
      if (status.ok()) return status;
    }
    healthy = tx.Rollback();
    return status;
  }

  const DatabaseOptions options_;
  ConnectionPool pool_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Database>> OpenMysqlDatabase(const DatabaseOptions& options,
                                                            const DatabaseUrl& url) {
  if (!options.tls_ca_file.empty() && !std::ifstream(options.tls_ca_file).good()) {
    return absl::InvalidArgumentError("database.tls_ca_file: cannot read the file");
  }
  Driver();
  EnsureThreadInit();
  return std::unique_ptr<Database>(new MysqlDatabase(options, url));
}

}  // namespace swv::storage::internal
