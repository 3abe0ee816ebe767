// For this directory only: what the two halves of the MySQL/MariaDB driver share, the session side
// (mysql_database.cc: pool, retries) and the statement side (mysql_statements.cc: binding, rows,
// the mapping of server errors to statuses).
#ifndef SWV_STORAGE_MYSQL_INTERNAL_H_
#define SWV_STORAGE_MYSQL_INTERNAL_H_

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "storage/database.h"
#include "storage/driver_internal.h"

namespace swv::storage::internal {

// A server or client error as a status, and whether a retry may help.
struct MappedError {
  absl::Status status;
  Transience transience = Transience::kPermanent;
};

// Maps a server or client error. `has_params`: the statement had bound values, so the server's
// own text may quote one of them (e.g. "Incorrect integer value: '...'") and is left out unless
// the error code is one whose text only names schema objects.
MappedError MapMysqlError(const sql::SQLException& e, absl::string_view sql, bool has_params);

// The prepared statements of one connection, by SQL text: each is prepared once (a round trip to
// the server) and afterwards only executed. Dropped with its connection, which it must not
// outlive. Not thread-safe: a connection serves one thread at a time.
class StatementCache {
 public:
  // The statement for `sql` on `connection`, prepared the first time. Throws what
  // prepareStatement throws.
  sql::PreparedStatement* Get(sql::Connection& connection, absl::string_view sql);

 private:
  // Above this many distinct statements the cache starts over. The server allows
  // max_prepared_stmt_count (16,382) over all connections: 128 x pool size (8) x processes stays
  // well below it.
  static constexpr size_t kMaxStatements = 128;
  absl::flat_hash_map<std::string, std::unique_ptr<sql::PreparedStatement>> statements_;
};

// One run of a transaction callback on a pooled connection (autocommit off). A statement's
// transient failure is noted in `failure`; a lost connection refuses every later statement.
class MysqlTransaction final : public SessionTransaction, public BulkLoader {
 public:
  MysqlTransaction(sql::Connection& connection, StatementCache& statements,
                   TransientFailure& failure)
      : connection_(connection), statements_(statements), failure_(failure) {}

  absl::StatusOr<std::vector<Row>> Query(absl::string_view sql,
                                         absl::Span<const Value> params) override;
  absl::StatusOr<int64_t> Execute(absl::string_view sql, absl::Span<const Value> params) override;
  absl::StatusOr<int64_t> LastInsertId() override;
  Dialect dialect() const override { return Dialect::kMysql; }
  absl::Status CommitAndContinue() override;
  // LOAD DATA LOCAL INFILE from a private temporary file (mysql_statements.cc).
  absl::StatusOr<int64_t> LoadRows(absl::string_view table,
                                   absl::Span<const absl::string_view> columns,
                                   absl::Span<const Value> values) override;

  absl::Status Commit() { return CommitAndContinue(); }
  // Rolls back; false when the connection is unusable afterwards.
  bool Rollback();
  bool connection_lost() const { return connection_lost_; }

 private:
  // The connection's prepared statement for `sql` with `params` bound; null after setting
  // prepare_error_ on a placeholder mismatch. Owned by the statement cache.
  sql::PreparedStatement* Prepare(absl::string_view sql, absl::Span<const Value> params);
  // Runs `body`, mapping what it throws (mysql_statements.cc).
  template <typename Body>
  absl::Status Guarded(absl::string_view sql, bool has_params, Body body);

  sql::Connection& connection_;
  StatementCache& statements_;
  TransientFailure& failure_;
  bool connection_lost_ = false;
  absl::Status prepare_error_;
};

}  // namespace swv::storage::internal

#endif  // SWV_STORAGE_MYSQL_INTERNAL_H_
