// Options, URL parsing, Row getters, and the MySQL driver against a server that is not there.
// None of these needs a database server.
#include <string>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/database.h"
#include "storage/driver_internal.h"

namespace swv::storage {
namespace {

using internal::ParseDatabaseUrl;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(DatabaseUrlTest, ParsesSqlite) {
  absl::StatusOr<internal::DatabaseUrl> url = ParseDatabaseUrl("sqlite:var/swv.db");
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(url->dialect, Dialect::kSqlite);
  EXPECT_EQ(url->sqlite_path, "var/swv.db");
  url = ParseDatabaseUrl("sqlite::memory:");
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(url->sqlite_path, ":memory:");
}

TEST(DatabaseUrlTest, ParsesMysqlWithPercentEncodedPassword) {
  absl::StatusOr<internal::DatabaseUrl> url =
      ParseDatabaseUrl("mysql://swv%2Dapp:p%40ss%3Aw%2Fo%25rd@db.example.nl:3307/swv_prod");
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(url->dialect, Dialect::kMysql);
  EXPECT_EQ(url->user, "swv-app");
  EXPECT_EQ(url->password, "p@ss:w/o%rd");
  EXPECT_EQ(url->host, "db.example.nl");
  EXPECT_EQ(url->port, 3307);
  EXPECT_EQ(url->database, "swv_prod");
  EXPECT_TRUE(url->unix_socket.empty());
}

TEST(DatabaseUrlTest, ParsesMysqlVariants) {
  absl::StatusOr<internal::DatabaseUrl> url = ParseDatabaseUrl("mysql://u:a@b:c@127.0.0.1/db");
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(url->password, "a@b:c");  // unencoded '@' and ':' in the password still work
  EXPECT_EQ(url->port, 3306);
  url = ParseDatabaseUrl("mysql://u:p@unix(/run/mysqld/mysqld.sock)/db");
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(url->unix_socket, "/run/mysqld/mysqld.sock");
  EXPECT_EQ(url->database, "db");
  url = ParseDatabaseUrl("mysql://u:p@[::1]:3310/db");
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, 3310);
  url = ParseDatabaseUrl("mysql://u@localhost/db");
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(url->password, "");
}

TEST(DatabaseUrlTest, RejectsMalformedUrlsWithoutEchoingThem) {
  for (const char* bad : {"postgres://u:s3cr3t@h/db", "mysql://u:s3cr3t@h", "mysql://u:s3cr3t@h/",
                          "mysql://u:s3cr3t@h:99999/db", "mysql://u:s3cr3t%zz@h/db",
                          "mysql://:s3cr3t@h/db", "mysql://s3cr3t", "sqlite:",
                          "mysql://u:s3cr3t@h/db?ssl=1", "mysql://u:s3cr3t@unix(/x/db"}) {
    SCOPED_TRACE(bad);
    DatabaseOptions options;
    options.url = bad;
    absl::Status status = ValidateDatabaseOptions(options);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(status.message(), HasSubstr("database.url: "));
    EXPECT_THAT(status.message(), Not(HasSubstr("s3cr3t")));
  }
  DatabaseOptions options;
  options.url = "oracle:x";
  EXPECT_EQ(ValidateDatabaseOptions(options).message(),
            "database.url: must start with sqlite: or mysql://");
}

TEST(DatabaseOptionsTest, NamesTheBadField) {
  DatabaseOptions options;
  EXPECT_TRUE(ValidateDatabaseOptions(options).ok());
  auto field_of = [](DatabaseOptions o) {
    return std::string(ValidateDatabaseOptions(o).message());
  };
  DatabaseOptions o = options;
  o.pool_size = 0;
  EXPECT_THAT(field_of(o), HasSubstr("database.pool_size"));
  o = options;
  o.pool_wait = absl::Seconds(-1);
  EXPECT_THAT(field_of(o), HasSubstr("database.pool_wait"));
  o = options;
  o.connect_timeout = absl::Milliseconds(10);
  EXPECT_THAT(field_of(o), HasSubstr("database.connect_timeout"));
  o = options;
  o.max_attempts = 0;
  EXPECT_THAT(field_of(o), HasSubstr("database.max_attempts"));
  o = options;
  o.retry_backoff = absl::Seconds(-1);
  EXPECT_THAT(field_of(o), HasSubstr("database.retry_backoff"));
  o = options;
  o.tls_ca_file = "/etc/ssl/ca.pem";  // with the default sqlite url
  EXPECT_THAT(field_of(o), HasSubstr("database.tls_ca_file"));
  o.url = "mysql://u:p@h/db";
  o.tls_ca_file = "/nonexistent/ca.pem";
  absl::StatusOr<std::unique_ptr<Database>> db = OpenDatabase(o);
  EXPECT_EQ(db.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(db.status().message(), HasSubstr("database.tls_ca_file"));
}

TEST(RowTest, Getters) {
  Row row({Value(int64_t{42}), Value(std::string("123")), Null(), Value(std::string("x")),
           Value(std::string("17.00"))});
  EXPECT_EQ(row.size(), 5u);
  EXPECT_EQ(row.GetInt(0), 42);
  EXPECT_EQ(row.GetString(0), "42");
  EXPECT_EQ(row.GetInt(1), 123);
  EXPECT_TRUE(row.IsNull(2));
  EXPECT_EQ(row.GetInt(2), 0);
  EXPECT_EQ(row.GetString(2), "");
  EXPECT_EQ(row.GetInt(3), 0);
  EXPECT_EQ(row.GetInt(4), 17);
  EXPECT_THROW(row.value(5), std::out_of_range);
}

TEST(SqliteDatabaseTest, InMemoryDatabaseWorks) {
  DatabaseOptions options;
  options.url = "sqlite::memory:";
  absl::StatusOr<std::unique_ptr<Database>> db = OpenDatabase(options);
  ASSERT_TRUE(db.ok()) << db.status();
  EXPECT_TRUE((*db)->Ping().ok());
  absl::Status s = (*db)->InTransaction([](Transaction& tx) {
    absl::Status created = tx.Execute("CREATE TABLE t (v TEXT)").status();
    if (!created.ok()) return created;
    return tx.Execute("INSERT INTO t VALUES (?)", {Value(std::string("ok"))}).status();
  });
  EXPECT_TRUE(s.ok()) << s;
}

TEST(SqliteDatabaseTest, UnopenableFileFails) {
  DatabaseOptions options;
  options.url = "sqlite:/proc/no/such/dir/x.db";
  EXPECT_FALSE(OpenDatabase(options).ok());
}

// The MySQL driver opens without a server and reports UNAVAILABLE quickly when there is none.
TEST(MysqlUnreachableTest, OpensLazilyAndReportsUnavailable) {
  DatabaseOptions options;
  options.url = "mysql://swv:secret@127.0.0.1:1/swv";  // nothing listens on port 1
  options.max_attempts = 3;
  options.retry_backoff = absl::Milliseconds(10);
  absl::StatusOr<std::unique_ptr<Database>> db = OpenDatabase(options);
  ASSERT_TRUE(db.ok()) << db.status();
  EXPECT_EQ((*db)->dialect(), Dialect::kMysql);
  absl::Time start = absl::Now();
  absl::Status ping = (*db)->Ping();
  EXPECT_EQ(ping.code(), absl::StatusCode::kUnavailable) << ping;
  EXPECT_THAT(ping.message(), Not(HasSubstr("secret")));
  int runs = 0;
  absl::Status tx = (*db)->InTransaction([&](Transaction&) {
    ++runs;
    return absl::OkStatus();
  });
  EXPECT_EQ(tx.code(), absl::StatusCode::kUnavailable) << tx;
  EXPECT_EQ(runs, 0);  // no connection, so the callback never ran
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
}

}  // namespace
}  // namespace swv::storage
