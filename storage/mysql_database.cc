// The MySQL/MariaDB driver over Connector/C++ 1.1 (JDBC-style API), session side: the connection
// pool, the session settings, and InTransaction with its retries. Statements, rows and the error
// mapping are in mysql_statements.cc.
#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <mysql_driver.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "storage/driver_internal.h"
#include "storage/mysql_internal.h"

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

// Connector/C++ wants threadInit() once per thread that uses it and threadEnd() when the thread
// ends; a thread_local guard does that for every thread that enters this driver.
void EnsureThreadInit() {
  struct ThreadGuard {
    ThreadGuard() { Driver()->threadInit(); }
    ~ThreadGuard() { Driver()->threadEnd(); }
  };
  thread_local ThreadGuard guard;
}

// --- Connection pool --------------------------------------------------------------------------

struct PooledConnection {
  std::unique_ptr<sql::Connection> connection;
  // Declared after the connection, so destroyed before it.
  StatementCache statements;
  // The pool generation it was made in; after a lost connection, older ones are not reused.
  uint64_t generation = 0;
};

struct Lease {
  std::unique_ptr<PooledConnection> pooled;
  bool reused = false;  // taken from the idle list (may have died while idle)
};

// Connections: a bounded pool, filled lazily, each connection used by one thread at a time.
// Sessions run with autocommit off, utf8mb4, READ COMMITTED (fewer gap locks than REPEATABLE READ,
// so concurrent inserts on unique keys deadlock less; code that reads-then-writes uses
// SELECT ... FOR UPDATE or a version column, which is correct under either level), strict SQL
// mode, CLIENT_FOUND_ROWS (Execute returns rows matched, as SQLite does, not rows changed) and a
// 10 s lock wait timeout (so a stuck lock costs seconds per attempt, not InnoDB's default 50 s).
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
    // LOAD DATA LOCAL INFILE for bulk writes (storage/bulk.h), from our own private temporary
    // files. It also lets the server ask for a file of this host, so production verifies the
    // server with TLS (tls_ca_file); the server holds all the data anyway.
    properties["OPT_LOCAL_INFILE"] = 1;
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
        status = RunOnce(*lease->pooled, work, failure, healthy);
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
      MysqlTransaction tx(*lease->pooled->connection, lease->pooled->statements, failure);
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
  absl::Status RunOnce(PooledConnection& pooled, absl::FunctionRef<absl::Status(Transaction&)> work,
                       TransientFailure& failure, bool& healthy) {
    MysqlTransaction tx(*pooled.connection, pooled.statements, failure);
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
