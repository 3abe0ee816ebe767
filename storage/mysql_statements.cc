// The statement side of the MySQL/MariaDB driver: binding parameters, reading rows into Values,
// bulk loads (LOAD DATA LOCAL INFILE, storage/bulk.h), and mapping server and client errors to
// statuses that never quote a bound value.
#include <cppconn/datatype.h>
#include <cppconn/exception.h>
#include <cppconn/parameter_metadata.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "storage/bulk.h"
#include "storage/driver_internal.h"
#include "storage/mysql_internal.h"

namespace swv::storage::internal {
namespace {

// --- Error mapping ----------------------------------------------------------------------------

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

}  // namespace

// Maps a server or client error (mysql_internal.h).
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

// --- Transactions -----------------------------------------------------------------------------

namespace {

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

}  // namespace

template <typename Body>
absl::Status MysqlTransaction::Guarded(absl::string_view sql, bool has_params, Body body) {
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
    return absl::InternalError(absl::StrCat("mysql driver: ", e.what(), " in ", DescribeSql(sql)));
  }
}

absl::StatusOr<std::vector<Row>> MysqlTransaction::Query(absl::string_view sql,
                                                         absl::Span<const Value> params) {
  std::vector<Row> rows;
  absl::Status status = Guarded(sql, !params.empty(), [&] {
    sql::PreparedStatement* statement = Prepare(sql, params);
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

absl::StatusOr<int64_t> MysqlTransaction::Execute(absl::string_view sql,
                                                  absl::Span<const Value> params) {
  int64_t affected = 0;
  absl::Status status = Guarded(sql, !params.empty(), [&] {
    sql::PreparedStatement* statement = Prepare(sql, params);
    if (statement == nullptr) return;
    affected = statement->executeUpdate();
  });
  if (!status.ok()) return status;
  return affected;
}

absl::StatusOr<int64_t> MysqlTransaction::LastInsertId() {
  absl::StatusOr<std::vector<Row>> rows = Query("SELECT LAST_INSERT_ID()", {});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return absl::InternalError("SELECT LAST_INSERT_ID() returned no row");
  return (*rows)[0].GetInt(0);
}

absl::Status MysqlTransaction::CommitAndContinue() {
  return Guarded("COMMIT", false, [&] { connection_.commit(); });
}

bool MysqlTransaction::Rollback() {
  if (connection_lost_) return false;
  try {
    connection_.rollback();
    return true;
  } catch (const sql::SQLException&) {
    return false;
  }
}

// --- Bulk load ----------------------------------------------------------------------------------

namespace {

// A private temporary file (mkstemp: mode 0600, a fresh name), removed when this goes away.
class PrivateTempFile {
 public:
  PrivateTempFile() = default;
  PrivateTempFile(const PrivateTempFile&) = delete;
  PrivateTempFile& operator=(const PrivateTempFile&) = delete;
  ~PrivateTempFile() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }

  absl::Status Write(absl::string_view contents) {
    const char* dir = std::getenv("TMPDIR");
    std::string name =
        absl::StrCat(dir != nullptr && *dir != '\0' ? dir : "/tmp", "/swv-load-XXXXXX");
    const int fd = ::mkstemp(name.data());
    if (fd < 0) return Failed("create");
    path_ = name;
    while (!contents.empty()) {
      const ssize_t written = ::write(fd, contents.data(), contents.size());
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) {
        ::close(fd);
        return Failed("write");
      }
      contents.remove_prefix(static_cast<size_t>(written));
    }
    if (::close(fd) != 0) return Failed("close");
    return absl::OkStatus();
  }

  const std::string& path() const { return path_; }

 private:
  static absl::Status Failed(absl::string_view what) {
    return absl::InternalError(
        absl::StrCat("LOAD DATA: cannot ", what, " a temporary file: ", std::strerror(errno)));
  }
  std::string path_;
};

// The server or the client library refuses local files: 1148 (MariaDB, local_infile=OFF), 3948
// (MySQL 8), 2068 (client side).
bool LocalFilesRefused(int code) { return code == 1148 || code == 3948 || code == 2068; }

}  // namespace

absl::StatusOr<int64_t> MysqlTransaction::LoadRows(absl::string_view table,
                                                   absl::Span<const absl::string_view> columns,
                                                   absl::Span<const Value> values) {
  const size_t width = columns.size();
  const int64_t rows = static_cast<int64_t>(values.size() / width);
  std::string contents;
  contents.reserve(values.size() * 12);
  for (size_t first = 0; first < values.size(); first += width) {
    AppendLoadDataRow(values.subspan(first, width), &contents);
  }
  PrivateTempFile file;
  if (absl::Status written = file.Write(contents); !written.ok()) return written;
  // The path goes into the statement as a literal: a directory with a quote or backslash in its
  // name (TMPDIR) is left to the INSERTs.
  if (file.path().find_first_of("'\\") != std::string::npos) {
    return absl::UnimplementedError("LOAD DATA: the temporary directory's name needs quoting");
  }
  const std::string sql = absl::StrCat(
      "LOAD DATA LOCAL INFILE '", file.path(), "' INTO TABLE ", table,
      " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY "
      "'\\n' (",
      absl::StrJoin(columns, ", "), ")");
  int64_t inserted = 0;
  int64_t warnings = 0;
  bool refused = false;
  absl::Status status = Guarded("LOAD DATA LOCAL INFILE", /*has_params=*/true, [&] {
    std::unique_ptr<sql::Statement> statement(connection_.createStatement());
    try {
      inserted = static_cast<int64_t>(statement->executeUpdate(sql));
    } catch (const sql::SQLException& e) {
      if (!LocalFilesRefused(e.getErrorCode())) throw;
      refused = true;
      return;
    }
    // LOCAL makes row errors warnings (the row is skipped or its value cut): count them.
    std::unique_ptr<sql::ResultSet> count(statement->executeQuery("SHOW COUNT(*) WARNINGS"));
    if (count->next()) warnings = static_cast<int64_t>(count->getInt64(1));
  });
  if (!status.ok()) return status;
  if (refused) return absl::UnimplementedError("LOAD DATA LOCAL INFILE is refused");
  if (inserted != rows) {
    return absl::AlreadyExistsError(
        absl::StrCat("duplicate value for unique key: LOAD DATA inserted ", inserted, " of ", rows,
                     " rows into ", table));
  }
  if (warnings > 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("a value does not fit its column: LOAD DATA into ", table, " raised ",
                     warnings, " warnings"));
  }
  return rows;
}

sql::PreparedStatement* StatementCache::Get(sql::Connection& connection, absl::string_view sql) {
  auto found = statements_.find(sql);
  if (found != statements_.end()) return found->second.get();
  if (statements_.size() >= kMaxStatements) statements_.clear();
  std::unique_ptr<sql::PreparedStatement> prepared(
      connection.prepareStatement(sql::SQLString(sql.data(), sql.size())));
  sql::PreparedStatement* statement = prepared.get();
  statements_.emplace(std::string(sql), std::move(prepared));
  return statement;
}

sql::PreparedStatement* MysqlTransaction::Prepare(absl::string_view sql,
                                                  absl::Span<const Value> params) {
  sql::PreparedStatement* statement = statements_.Get(connection_, sql);
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

}  // namespace swv::storage::internal
