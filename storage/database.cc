// Row, options, URL parsing, OpenDatabase and ApplyMigrations: the driver-independent parts.
#include "storage/database.h"

#include <algorithm>
#include <random>
#include <set>
#include <thread>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "storage/driver_internal.h"

namespace swv::storage {

bool Row::IsNull(size_t column) const {
  return std::holds_alternative<std::monostate>(values_.at(column));
}

int64_t Row::GetInt(size_t column) const {
  const Value& v = values_.at(column);
  if (const int64_t* i = std::get_if<int64_t>(&v)) return *i;
  if (const std::string* s = std::get_if<std::string>(&v)) {
    int64_t parsed = 0;
    absl::string_view text = absl::StripAsciiWhitespace(*s);
    if (absl::SimpleAtoi(text, &parsed)) return parsed;
    // MySQL hands DECIMAL results (e.g. SUM over a fractional column) over as text: "12.00".
    size_t dot = text.find('.');
    if (dot != absl::string_view::npos && absl::SimpleAtoi(text.substr(0, dot), &parsed)) {
      return parsed;
    }
  }
  return 0;
}

std::string Row::GetString(size_t column) const {
  const Value& v = values_.at(column);
  if (const std::string* s = std::get_if<std::string>(&v)) return *s;
  if (const int64_t* i = std::get_if<int64_t>(&v)) return absl::StrCat(*i);
  return "";
}

namespace internal {
namespace {

absl::Status UrlError(absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("database.url: ", why));
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

absl::StatusOr<std::string> PercentDecode(absl::string_view in, absl::string_view part) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out.push_back(in[i]);
      continue;
    }
    int hi = i + 2 < in.size() ? HexDigit(in[i + 1]) : -1;
    int lo = i + 2 < in.size() ? HexDigit(in[i + 2]) : -1;
    if (hi < 0 || lo < 0) {
      return UrlError(absl::StrCat("bad percent-encoding in the ", part));
    }
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

absl::StatusOr<DatabaseUrl> ParseMysqlUrl(absl::string_view rest) {
  DatabaseUrl url;
  url.dialect = Dialect::kMysql;
  // The last '@' ends the user info: a password may hold an unencoded '@', a host never does.
  size_t at = rest.rfind('@');
  if (at == absl::string_view::npos) {
    return UrlError("expected mysql://USER:PASSWORD@HOST:PORT/DATABASE (no '@')");
  }
  absl::string_view user_info = rest.substr(0, at);
  absl::string_view location = rest.substr(at + 1);

  size_t colon = user_info.find(':');
  absl::string_view user = user_info.substr(0, colon);
  absl::string_view password =
      colon == absl::string_view::npos ? absl::string_view() : user_info.substr(colon + 1);
  if (user.empty()) return UrlError("the user is empty");
  absl::StatusOr<std::string> decoded_user = PercentDecode(user, "user");
  if (!decoded_user.ok()) return decoded_user.status();
  absl::StatusOr<std::string> decoded_password = PercentDecode(password, "password");
  if (!decoded_password.ok()) return decoded_password.status();
  url.user = *std::move(decoded_user);
  url.password = *std::move(decoded_password);

  absl::string_view host_port;
  if (absl::ConsumePrefix(&location, "unix(")) {
    size_t close = location.find(')');
    if (close == absl::string_view::npos) return UrlError("unix( without a closing )");
    url.unix_socket = std::string(location.substr(0, close));
    if (url.unix_socket.empty()) return UrlError("the unix socket path is empty");
    location.remove_prefix(close + 1);
    if (!absl::ConsumePrefix(&location, "/")) return UrlError("expected /DATABASE after unix(...)");
  } else {
    size_t slash = location.find('/');
    if (slash == absl::string_view::npos) return UrlError("expected /DATABASE after the host");
    host_port = location.substr(0, slash);
    location.remove_prefix(slash + 1);
    absl::string_view port_text;
    if (absl::ConsumePrefix(&host_port, "[")) {  // [IPv6]:port
      size_t close = host_port.find(']');
      if (close == absl::string_view::npos) return UrlError("[ without a closing ] in the host");
      url.host = std::string(host_port.substr(0, close));
      absl::string_view after = host_port.substr(close + 1);
      if (!after.empty() && !absl::ConsumePrefix(&after, ":")) {
        return UrlError("unexpected text after ] in the host");
      }
      port_text = after;
    } else {
      size_t port_colon = host_port.rfind(':');
      url.host = std::string(host_port.substr(0, port_colon));
      if (port_colon != absl::string_view::npos) port_text = host_port.substr(port_colon + 1);
    }
    if (url.host.empty()) return UrlError("the host is empty");
    if (!port_text.empty()) {
      if (!absl::SimpleAtoi(port_text, &url.port) || url.port < 1 || url.port > 65535) {
        return UrlError("the port must be a number from 1 to 65535");
      }
    }
  }
  if (location.empty()) return UrlError("the database name is empty");
  if (location.find_first_of("/?#") != absl::string_view::npos) {
    return UrlError("expected only a database name after the host (no options)");
  }
  url.database = std::string(location);
  return url;
}

}  // namespace

absl::StatusOr<DatabaseUrl> ParseDatabaseUrl(absl::string_view text) {
  if (absl::ConsumePrefix(&text, "sqlite:")) {
    if (text.empty()) return UrlError("the sqlite path is empty");
    DatabaseUrl url;
    url.dialect = Dialect::kSqlite;
    url.sqlite_path = text == ":memory:" ? ":memory:" : std::string(text);
    return url;
  }
  if (absl::ConsumePrefix(&text, "mysql://")) return ParseMysqlUrl(text);
  return UrlError("must start with sqlite: or mysql://");
}

absl::Duration RetryDelay(absl::Duration base, int attempt) {
  thread_local std::minstd_rand random(
      static_cast<unsigned>(std::hash<std::thread::id>()(std::this_thread::get_id())));
  absl::Duration delay = base;
  for (int i = 2; i < attempt && i < 20; ++i) delay *= 2;
  std::uniform_real_distribution<double> jitter(0.0, 0.5);
  return delay + delay * jitter(random);
}

namespace {
// The databases this thread is inside a transaction of; short (nesting is refused).
thread_local std::vector<const void*> active_transactions;
}  // namespace

NestingGuard::NestingGuard(const void* database) : database_(database) {
  nested_ = std::find(active_transactions.begin(), active_transactions.end(), database) !=
            active_transactions.end();
  if (!nested_) active_transactions.push_back(database);
}

NestingGuard::~NestingGuard() {
  if (nested_) return;
  auto it = std::find(active_transactions.begin(), active_transactions.end(), database_);
  if (it != active_transactions.end()) active_transactions.erase(it);
}

std::string DescribeSql(absl::string_view sql) {
  // SQL text holds no data (values are bound), so its start is safe and helps find the bug.
  std::string collapsed;
  bool space = false;
  for (char c : absl::StripAsciiWhitespace(sql)) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !collapsed.empty()) collapsed.push_back(' ');
    space = false;
    collapsed.push_back(c);
    if (collapsed.size() >= 80) {
      collapsed += "...";
      break;
    }
  }
  return absl::StrCat("\"", collapsed, "\"");
}

}  // namespace internal

absl::Status ValidateDatabaseOptions(const DatabaseOptions& options) {
  absl::StatusOr<internal::DatabaseUrl> url = internal::ParseDatabaseUrl(options.url);
  if (!url.ok()) return url.status();
  if (options.pool_size < 1 || options.pool_size > 1000) {
    return absl::InvalidArgumentError("database.pool_size: must be from 1 to 1000");
  }
  if (options.pool_wait < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("database.pool_wait: must not be negative");
  }
  if (options.connect_timeout < absl::Seconds(1)) {
    return absl::InvalidArgumentError("database.connect_timeout: must be at least 1s");
  }
  if (options.max_attempts < 1 || options.max_attempts > 100) {
    return absl::InvalidArgumentError("database.max_attempts: must be from 1 to 100");
  }
  if (options.retry_backoff < absl::ZeroDuration() || options.retry_backoff > absl::Minutes(1)) {
    return absl::InvalidArgumentError("database.retry_backoff: must be from 0 to 1m");
  }
  if (!options.tls_ca_file.empty() && url->dialect != Dialect::kMysql) {
    return absl::InvalidArgumentError("database.tls_ca_file: only applies to a mysql:// url");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<Database>> OpenDatabase(const DatabaseOptions& options) {
  if (absl::Status valid = ValidateDatabaseOptions(options); !valid.ok()) return valid;
  absl::StatusOr<internal::DatabaseUrl> url = internal::ParseDatabaseUrl(options.url);
  if (!url.ok()) return url.status();
  if (url->dialect == Dialect::kSqlite) return internal::OpenSqliteDatabase(options, *url);
  return internal::OpenMysqlDatabase(options, *url);
}

// ---------------------------------------------------------------------------------------------
// Migrations.

namespace {

// Splits on ";\n" (statements must not contain ";\n" inside, e.g. in a string literal or a
// trigger body) and drops pieces that hold only blanks and "--" comments.
std::vector<std::string> SplitStatements(absl::string_view sql) {
  std::vector<std::string> statements;
  for (absl::string_view piece : absl::StrSplit(sql, ";\n")) {
    piece = absl::StripAsciiWhitespace(piece);
    absl::ConsumeSuffix(&piece, ";");  // the last statement may end in ";" without a newline
    bool only_comments = true;
    for (absl::string_view line : absl::StrSplit(piece, '\n')) {
      line = absl::StripAsciiWhitespace(line);
      if (!line.empty() && !absl::StartsWith(line, "--")) only_comments = false;
    }
    if (!only_comments) statements.emplace_back(piece);
  }
  return statements;
}

absl::Status WithContext(const absl::Status& status, absl::string_view context) {
  return absl::Status(status.code(), absl::StrCat(context, ": ", status.message()));
}

constexpr absl::string_view kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " component VARCHAR(64) NOT NULL,"
    " version INT NOT NULL,"
    " description VARCHAR(255) NOT NULL,"
    " applied_at VARCHAR(32) NOT NULL,"
    " PRIMARY KEY (component, version))";

// True when every migration of `component` is recorded already. False when one is missing or
// schema_migrations cannot be read (not created yet, or no right to read it).
bool AllRecorded(internal::SessionTransaction& tx, absl::string_view component,
                 absl::Span<const Migration> migrations) {
  absl::StatusOr<std::vector<Row>> rows = tx.Query(
      "SELECT version FROM schema_migrations WHERE component = ?", {Value(std::string(component))});
  if (!rows.ok()) return false;
  std::set<int64_t> recorded;
  for (const Row& row : *rows) recorded.insert(row.GetInt(0));
  for (const Migration& migration : migrations) {
    if (recorded.count(migration.version) == 0) return false;
  }
  return true;
}

// True when `migration` ran before under a component it was adopted from.
absl::StatusOr<bool> RanUnderOtherComponent(internal::SessionTransaction& tx,
                                            const Migration& migration,
                                            absl::Span<const AdoptedMigration> adopted) {
  auto from = std::find_if(adopted.begin(), adopted.end(), [&](const AdoptedMigration& a) {
    return a.version == migration.version;
  });
  if (from == adopted.end()) return false;
  absl::StatusOr<std::vector<Row>> recorded =
      tx.Query("SELECT 1 FROM schema_migrations WHERE component = ? AND version = ?",
               {Value(from->from_component), Value(int64_t{from->from_version})});
  if (!recorded.ok()) return WithContext(recorded.status(), "reading schema_migrations");
  return !recorded->empty();
}

// Runs the pending migrations on one session. Each migration is committed together with its
// record, so a failure leaves the earlier ones recorded and nothing recorded for itself.
absl::Status ApplyPending(internal::SessionTransaction& tx, absl::string_view component,
                          absl::Span<const Migration> migrations,
                          absl::Span<const AdoptedMigration> adopted) {
  if (absl::StatusOr<int64_t> created = tx.Execute(kCreateMigrationsTable); !created.ok()) {
    return WithContext(created.status(), "creating schema_migrations");
  }
  if (absl::Status s = tx.CommitAndContinue(); !s.ok()) return s;

  for (const Migration& migration : migrations) {
    // Checked per migration, not once up front: on SQLite another process may apply the next
    // one between our commits (MySQL is serialised by the named lock).
    absl::StatusOr<std::vector<Row>> recorded =
        tx.Query("SELECT 1 FROM schema_migrations WHERE component = ? AND version = ?",
                 {Value(std::string(component)), Value(int64_t{migration.version})});
    if (!recorded.ok()) return WithContext(recorded.status(), "reading schema_migrations");
    if (!recorded->empty()) continue;

    std::string context = absl::StrCat("migration ", component, " version ", migration.version,
                                       " (", migration.description, ")");
    absl::StatusOr<bool> ran_before = RanUnderOtherComponent(tx, migration, adopted);
    if (!ran_before.ok()) return WithContext(ran_before.status(), context);
    const std::string& sql =
        tx.dialect() == Dialect::kMysql ? migration.mysql_sql : migration.sqlite_sql;
    std::vector<std::string> statements =
        *ran_before ? std::vector<std::string>() : SplitStatements(sql);
    for (size_t i = 0; i < statements.size(); ++i) {
      if (absl::StatusOr<int64_t> done = tx.Execute(statements[i]); !done.ok()) {
        return WithContext(done.status(), absl::StrCat(context, " failed at statement ", i + 1,
                                                       " of ", statements.size()));
      }
    }
    std::string applied_at =
        absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::Now(), absl::UTCTimeZone());
    absl::StatusOr<int64_t> inserted = tx.Execute(
        "INSERT INTO schema_migrations (component, version, description, applied_at) "
        "VALUES (?, ?, ?, ?)",
        {Value(std::string(component)), Value(int64_t{migration.version}),
         Value(migration.description.substr(0, 255)), Value(applied_at)});
    if (!inserted.ok()) return WithContext(inserted.status(), absl::StrCat("recording ", context));
    if (absl::Status s = tx.CommitAndContinue(); !s.ok()) {
      return WithContext(s, absl::StrCat("committing ", context));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ApplyMigrations(Database& db, absl::string_view component,
                             absl::Span<const Migration> migrations,
                             absl::Span<const AdoptedMigration> adopted) {
  if (component.empty() || component.size() > 64) {
    return absl::InvalidArgumentError("migrations: component must be 1 to 64 characters");
  }
  for (size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version <= 0 ||
        (i > 0 && migrations[i].version <= migrations[i - 1].version)) {
      return absl::InvalidArgumentError(absl::StrCat("migrations of ", component,
                                                     ": versions must be positive and strictly "
                                                     "increasing (at version ",
                                                     migrations[i].version, ")"));
    }
  }
  // The whole run is one callback on one session; if it is retried after a transient error, the
  // per-migration check above skips what was already committed.
  return db.InTransaction([&](Transaction& plain_tx) -> absl::Status {
    Transaction* unwrapped = &plain_tx;
    while (auto* wrapper = dynamic_cast<internal::TransactionWrapper*>(unwrapped)) {
      unwrapped = &wrapper->wrapped();
    }
    auto* tx = dynamic_cast<internal::SessionTransaction*>(unwrapped);
    if (tx == nullptr) {
      return absl::InternalError("ApplyMigrations needs a database opened by OpenDatabase");
    }
    // Nothing pending: no DDL and no lock, so a runtime user without the rights to change the
    // schema (docs/deploy.md, "Database users") starts against a migrated database.
    if (AllRecorded(*tx, component, migrations)) return absl::OkStatus();
    if (tx->dialect() == Dialect::kSqlite) {
      // The transaction holds SQLite's write lock (BEGIN IMMEDIATE), which serialises processes.
      return ApplyPending(*tx, component, migrations, adopted);
    }
    // On MySQL DDL commits implicitly, so a transaction cannot serialise two replicas migrating
    // at once; a named lock (held by this session) does.
    absl::StatusOr<std::vector<Row>> locked = tx->Query("SELECT GET_LOCK('swv_migrations', 30)");
    if (!locked.ok()) return WithContext(locked.status(), "taking the migration lock");
    if (locked->empty() || (*locked)[0].GetInt(0) != 1) {
      return absl::AbortedError("migrations: the lock swv_migrations was not free within 30s");
    }
    absl::Status status = ApplyPending(*tx, component, migrations, adopted);
    // Best effort: the server drops the lock with the session anyway.
    (void)tx->Query("SELECT RELEASE_LOCK('swv_migrations')");
    return status;
  });
}

absl::Status InTransactionAgainOnConflict(Database& db, int attempts,
                                          absl::FunctionRef<absl::Status(Transaction&)> work,
                                          absl::FunctionRef<bool(const absl::Status&)> again) {
  absl::Status last;
  for (int attempt = 0; attempt < attempts; ++attempt) {
    last = db.InTransaction(work);
    if (!absl::IsAlreadyExists(last) || !again(last)) return last;
  }
  return last;
}

}  // namespace swv::storage
