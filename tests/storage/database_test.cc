// One suite, run against both drivers. This file is compiled twice: with
// SWV_TEST_BACKEND_SQLITE (storage_test, a temp file per test) and with SWV_TEST_BACKEND_MYSQL
// (storage_mysql_test, a fresh database per test on the server named by SWV_TEST_MYSQL_URL, as
// started by tools/mariadb-test-server.sh). Without that variable the MariaDB cases are skipped,
// except under CI (env CI set), where they fail: they must never be skipped silently there.
#include "storage/database.h"

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace swv::storage {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

enum class Backend { kSqlite, kMysql };

void PrintTo(Backend backend, std::ostream* os) {
  *os << (backend == Backend::kMysql ? "MariaDB" : "SQLite");
}

#define ASSERT_OK(expr)                           \
  do {                                            \
    const absl::Status swv_status_ = (expr);      \
    ASSERT_TRUE(swv_status_.ok()) << swv_status_; \
  } while (0)

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

std::string UniqueSuffix() {
  static std::atomic<int> counter{0};
  return absl::StrCat(::getpid(), "_", counter++, "_", absl::ToUnixMicros(absl::Now()) % 1000000);
}

class DatabaseTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    options_.retry_backoff = absl::Milliseconds(10);
    if (mysql()) {
      const std::string base_url = Env("SWV_TEST_MYSQL_URL");
      if (base_url.empty()) {
        if (!Env("CI").empty()) {
          FAIL() << "SWV_TEST_MYSQL_URL is not set but CI is: the MariaDB tests must run in CI. "
                    "Start a server with tools/mariadb-test-server.sh start DIR and export the "
                    "URL it prints.";
        }
        GTEST_SKIP() << "SWV_TEST_MYSQL_URL not set; start a server with "
                        "tools/mariadb-test-server.sh start DIR";
      }
      // A fresh database per test: no leftovers, no clashes with other tests on the server.
      schema_ = absl::StrCat("swv_test_st_", UniqueSuffix());
      DatabaseOptions admin_options;
      admin_options.url = base_url;
      absl::StatusOr<std::unique_ptr<Database>> admin = OpenDatabase(admin_options);
      ASSERT_TRUE(admin.ok()) << admin.status();
      admin_ = *std::move(admin);
      ASSERT_OK(admin_->InTransaction([&](Transaction& tx) {
        return tx
            .Execute(absl::StrCat("CREATE DATABASE ", schema_,
                                  " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"))
            .status();
      }));
      options_.url = absl::StrCat(base_url.substr(0, base_url.rfind('/') + 1), schema_);
    } else {
      temp_dir_ =
          std::filesystem::temp_directory_path() / absl::StrCat("swv_storage_", UniqueSuffix());
      // A nested path: OpenDatabase creates missing parent directories.
      options_.url = absl::StrCat("sqlite:", (temp_dir_ / "nested" / "test.db").string());
    }
    db_ = Open(options_);
    ASSERT_NE(db_, nullptr);
  }

  void TearDown() override {
    db_.reset();
    if (admin_ != nullptr) {
      absl::Status dropped = admin_->InTransaction([&](Transaction& tx) {
        return tx.Execute(absl::StrCat("DROP DATABASE IF EXISTS ", schema_)).status();
      });
      EXPECT_TRUE(dropped.ok()) << dropped;
    }
    if (!temp_dir_.empty()) {
      std::error_code ignored;
      std::filesystem::remove_all(temp_dir_, ignored);
    }
  }

  std::unique_ptr<Database> Open(const DatabaseOptions& options) {
    absl::StatusOr<std::unique_ptr<Database>> db = OpenDatabase(options);
    EXPECT_TRUE(db.ok()) << db.status();
    return db.ok() ? *std::move(db) : nullptr;
  }

  bool mysql() const { return GetParam() == Backend::kMysql; }
  // Row locks for read-modify-write; SQLite's BEGIN IMMEDIATE already holds the write lock.
  const char* ForUpdate() const { return mysql() ? " FOR UPDATE" : ""; }

  absl::Status Exec(absl::string_view sql, std::vector<Value> params = {}) {
    return db_->InTransaction([&](Transaction& tx) { return tx.Execute(sql, params).status(); });
  }

  absl::StatusOr<std::vector<Row>> Select(absl::string_view sql, std::vector<Value> params = {}) {
    std::vector<Row> rows;
    absl::Status status = db_->InTransaction([&](Transaction& tx) {
      absl::StatusOr<std::vector<Row>> result = tx.Query(sql, params);
      if (!result.ok()) return result.status();
      rows = *std::move(result);
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return rows;
  }

  int64_t Count(absl::string_view table) {
    absl::StatusOr<std::vector<Row>> rows = Select(absl::StrCat("SELECT COUNT(*) FROM ", table));
    EXPECT_TRUE(rows.ok()) << rows.status();
    return rows.ok() && rows->size() == 1 ? (*rows)[0].GetInt(0) : -1;
  }

  DatabaseOptions options_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<Database> admin_;
  std::string schema_;
  std::filesystem::path temp_dir_;
};

TEST_P(DatabaseTest, PingAndDialect) {
  EXPECT_TRUE(db_->Ping().ok());
  EXPECT_EQ(db_->dialect(), mysql() ? Dialect::kMysql : Dialect::kSqlite);
}

TEST_P(DatabaseTest, RoundTripsEveryValueType) {
  ASSERT_OK(Exec("CREATE TABLE vals (id INT PRIMARY KEY, i BIGINT NULL, s VARCHAR(200) NULL)"));
  const std::string utf8 = "Zo\xC3\xAB 's-Hertogenbosch \xE2\x98\xBA \xF0\x9F\x98\x80";  // ë ☺ 😀
  const std::string with_nul("a\0b", 3);
  struct Case {
    int64_t id;
    Value i;
    Value s;
  };
  const std::vector<Case> cases = {
      {1, Value(std::numeric_limits<int64_t>::min()), Value(utf8)},
      {2, Value(std::numeric_limits<int64_t>::max()), Value(std::string())},
      {3, Value(int64_t{0}), Null()},
      {4, Null(), Value(with_nul)},
      {5, Value(int64_t{-1}), Value(std::string("007"))},
  };
  ASSERT_OK(db_->InTransaction([&](Transaction& tx) {
    for (const Case& c : cases) {
      absl::StatusOr<int64_t> n =
          tx.Execute("INSERT INTO vals (id, i, s) VALUES (?, ?, ?)", {Value(c.id), c.i, c.s});
      if (!n.ok()) return n.status();
      if (*n != 1) return absl::InternalError(absl::StrCat("affected ", *n));
    }
    return absl::OkStatus();
  }));
  absl::StatusOr<std::vector<Row>> rows = Select("SELECT id, i, s FROM vals ORDER BY id");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), cases.size());
  for (size_t r = 0; r < cases.size(); ++r) {
    SCOPED_TRACE(absl::StrCat("row ", r));
    const Row& row = (*rows)[r];
    ASSERT_EQ(row.size(), 3u);
    EXPECT_EQ(row.value(0), Value(cases[r].id));
    EXPECT_EQ(row.value(1), cases[r].i);
    EXPECT_EQ(row.value(2), cases[r].s);
  }
  // Getters: NULL reads as 0 / "", integers format, digits parse.
  const Row& third = (*rows)[2];
  EXPECT_TRUE(third.IsNull(2));
  EXPECT_EQ(third.GetString(2), "");
  EXPECT_FALSE(third.IsNull(1));
  EXPECT_EQ((*rows)[3].GetInt(1), 0);
  EXPECT_EQ((*rows)[4].GetInt(2), 7);
  EXPECT_EQ((*rows)[0].GetString(1), "-9223372036854775808");

  // A NULL parameter in a comparison, and aggregates come back as integers on both drivers.
  absl::StatusOr<std::vector<Row>> agg =
      Select("SELECT COUNT(*), SUM(id), MAX(s) FROM vals WHERE s IS NOT NULL AND id > ?",
             {Value(int64_t{1})});
  ASSERT_TRUE(agg.ok()) << agg.status();
  ASSERT_EQ(agg->size(), 1u);
  EXPECT_EQ((*agg)[0].value(0), Value(int64_t{3}));
  EXPECT_EQ((*agg)[0].value(1), Value(int64_t{2 + 4 + 5}));
}

TEST_P(DatabaseTest, LastInsertIdAndRowsMatched) {
  ASSERT_OK(Exec(mysql() ? "CREATE TABLE auto (id BIGINT AUTO_INCREMENT PRIMARY KEY, v INT)"
                         : "CREATE TABLE auto (id INTEGER PRIMARY KEY AUTOINCREMENT, v INT)"));
  std::vector<int64_t> ids;
  ASSERT_OK(db_->InTransaction([&](Transaction& tx) {
    ids.clear();
    for (int i = 0; i < 2; ++i) {
      if (absl::Status s = tx.Execute("INSERT INTO auto (v) VALUES (7)").status(); !s.ok())
        return s;
      absl::StatusOr<int64_t> id = tx.LastInsertId();
      if (!id.ok()) return id.status();
      ids.push_back(*id);
    }
    return absl::OkStatus();
  }));
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_GT(ids[0], 0);
  EXPECT_EQ(ids[1], ids[0] + 1);
  // An UPDATE that matches rows but changes nothing counts them on both drivers.
  int64_t matched = -1;
  ASSERT_OK(db_->InTransaction([&](Transaction& tx) {
    absl::StatusOr<int64_t> n =
        tx.Execute("UPDATE auto SET v = ? WHERE v = 7", {Value(int64_t{7})});
    if (!n.ok()) return n.status();
    matched = *n;
    return absl::OkStatus();
  }));
  EXPECT_EQ(matched, 2);
}

TEST_P(DatabaseTest, CallbackErrorRollsBackEverything) {
  ASSERT_OK(Exec("CREATE TABLE rb (id INT PRIMARY KEY, s VARCHAR(20))"));
  int runs = 0;
  absl::Status status = db_->InTransaction([&](Transaction& tx) {
    ++runs;
    absl::Status s = tx.Execute("INSERT INTO rb VALUES (1, 'a')").status();
    if (!s.ok()) return s;
    s = tx.Execute("INSERT INTO rb VALUES (2, 'b')").status();
    if (!s.ok()) return s;
    return absl::InvalidArgumentError("the caller changed its mind");
  });
  EXPECT_EQ(status, absl::InvalidArgumentError("the caller changed its mind"));
  EXPECT_EQ(runs, 1);  // a caller's own error is not retried
  EXPECT_EQ(Count("rb"), 0);

  // A statement error returned by the callback rolls back the earlier statements too.
  status = db_->InTransaction([&](Transaction& tx) {
    absl::Status s = tx.Execute("INSERT INTO rb VALUES (3, 'c')").status();
    if (!s.ok()) return s;
    return tx.Execute("INSERT INTO rb VALUES (3, 'again')").status();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kAlreadyExists) << status;
  EXPECT_EQ(Count("rb"), 0);
}

TEST_P(DatabaseTest, ConstraintViolationsMapToCodesWithoutValues) {
  ASSERT_OK(
      Exec("CREATE TABLE parent (id INT PRIMARY KEY, code VARCHAR(50) NOT NULL, "
           "CONSTRAINT uq_parent_code UNIQUE (code))"));
  ASSERT_OK(
      Exec("CREATE TABLE child (id INT PRIMARY KEY, parent_id INT NOT NULL, "
           "CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES parent (id))"));
  const std::string secret = "pupil-Jansen-4711";
  ASSERT_OK(
      Exec("INSERT INTO parent (id, code) VALUES (?, ?)", {Value(int64_t{1}), Value(secret)}));

  absl::Status duplicate =
      Exec("INSERT INTO parent (id, code) VALUES (?, ?)", {Value(int64_t{2}), Value(secret)});
  EXPECT_EQ(duplicate.code(), absl::StatusCode::kAlreadyExists) << duplicate;
  EXPECT_THAT(duplicate.message(), Not(HasSubstr(secret)));
  if (mysql()) {
    EXPECT_THAT(duplicate.message(), HasSubstr("uq_parent_code"));
  }

  absl::Status primary =
      Exec("INSERT INTO parent (id, code) VALUES (?, ?)", {Value(int64_t{1}), Value("other")});
  EXPECT_EQ(primary.code(), absl::StatusCode::kAlreadyExists) << primary;

  absl::Status foreign = Exec("INSERT INTO child (id, parent_id) VALUES (?, ?)",
                              {Value(int64_t{1}), Value(int64_t{99})});
  EXPECT_EQ(foreign.code(), absl::StatusCode::kFailedPrecondition) << foreign;
  if (mysql()) {
    EXPECT_THAT(foreign.message(), HasSubstr("fk_child_parent"));
  }

  absl::Status not_null =
      Exec("INSERT INTO parent (id, code) VALUES (?, ?)", {Value(int64_t{3}), Null()});
  EXPECT_EQ(not_null.code(), absl::StatusCode::kFailedPrecondition) << not_null;

  if (mysql()) {  // SQLite stores any text in an integer column; strict MySQL refuses it.
    absl::Status bad_int =
        Exec("INSERT INTO child (id, parent_id) VALUES (?, ?)", {Value(int64_t{5}), Value(secret)});
    EXPECT_EQ(bad_int.code(), absl::StatusCode::kFailedPrecondition) << bad_int;
    EXPECT_THAT(bad_int.message(), Not(HasSubstr(secret)));
  }

  // The idempotent-create pattern: a duplicate inside a transaction fails only that statement.
  int64_t found = 0;
  ASSERT_OK(db_->InTransaction([&](Transaction& tx) {
    absl::Status s = tx.Execute("INSERT INTO parent (id, code) VALUES (?, ?)",
                                {Value(int64_t{4}), Value(secret)})
                         .status();
    if (s.code() != absl::StatusCode::kAlreadyExists) return absl::InternalError(s.ToString());
    absl::StatusOr<std::vector<Row>> rows =
        tx.Query("SELECT id FROM parent WHERE code = ?", {Value(secret)});
    if (!rows.ok()) return rows.status();
    found = rows->empty() ? -1 : (*rows)[0].GetInt(0);
    return tx.Execute("INSERT INTO child (id, parent_id) VALUES (1, ?)", {Value(found)}).status();
  }));
  EXPECT_EQ(found, 1);
  EXPECT_EQ(Count("child"), 1);
}

TEST_P(DatabaseTest, SqlErrorsAreInternalAndDoNotLeakParameters) {
  ASSERT_OK(Exec("CREATE TABLE se (id INT PRIMARY KEY, s VARCHAR(50))"));
  const std::string secret = "pupil-de-Vries-0815";
  absl::Status syntax =
      Exec("INSERT INTO se (id, s) VALUESS (?, ?)", {Value(int64_t{1}), Value(secret)});
  EXPECT_EQ(syntax.code(), absl::StatusCode::kInternal) << syntax;
  EXPECT_THAT(syntax.message(), Not(HasSubstr(secret)));

  absl::Status unknown_table = Exec("INSERT INTO nope (s) VALUES (?)", {Value(secret)});
  EXPECT_EQ(unknown_table.code(), absl::StatusCode::kInternal) << unknown_table;
  EXPECT_THAT(unknown_table.message(), Not(HasSubstr(secret)));

  absl::Status arity = Exec("INSERT INTO se (id, s) VALUES (?, ?)", {Value(secret)});
  EXPECT_EQ(arity.code(), absl::StatusCode::kInternal) << arity;
  EXPECT_THAT(arity.message(), Not(HasSubstr(secret)));

  absl::Status two_statements = Exec("DELETE FROM se; DELETE FROM se");
  EXPECT_EQ(two_statements.code(), absl::StatusCode::kInternal) << two_statements;
}

TEST_P(DatabaseTest, SqlInsideAParameterIsStoredVerbatim) {
  ASSERT_OK(Exec("CREATE TABLE x (id INT PRIMARY KEY, s VARCHAR(100))"));
  const std::string hostile = "'); DROP TABLE x; --";
  const std::string quotes = "\" \\' \\ ` %_ ;\n";
  ASSERT_OK(Exec("INSERT INTO x (id, s) VALUES (1, ?)", {Value(hostile)}));
  ASSERT_OK(Exec("INSERT INTO x (id, s) VALUES (2, ?)", {Value(quotes)}));
  absl::StatusOr<std::vector<Row>> rows = Select("SELECT s FROM x WHERE s = ?", {Value(hostile)});
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].GetString(0), hostile);
  rows = Select("SELECT s FROM x WHERE id = 2");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].GetString(0), quotes);
  EXPECT_EQ(Count("x"), 2);
}

std::vector<Migration> TestMigrations() {
  return {
      {1, "create pupils", "CREATE TABLE m_pupils (id INTEGER PRIMARY KEY, name TEXT NOT NULL)",
       "CREATE TABLE m_pupils (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL)"},
      {2, "add school and seed",
       // Two statements, a comment, and a trailing ";" to exercise the splitting.
       "ALTER TABLE m_pupils ADD COLUMN school TEXT;\n-- seed\nINSERT INTO m_pupils VALUES (1, "
       "'a', 's');\n",
       "ALTER TABLE m_pupils ADD COLUMN school VARCHAR(20);\n-- seed\n"
       "INSERT INTO m_pupils VALUES (1, 'a', 's');"},
  };
}

TEST_P(DatabaseTest, MigrationsApplyOnceAndAreRecorded) {
  const std::string component = "storage_test";
  std::vector<Migration> migrations = TestMigrations();
  ASSERT_OK(ApplyMigrations(*db_, component, migrations));
  ASSERT_OK(ApplyMigrations(*db_, component, migrations));  // a no-op
  EXPECT_EQ(Count("m_pupils"), 1);                          // the seed ran once
  absl::StatusOr<std::vector<Row>> recorded = Select(
      "SELECT version, description, applied_at FROM schema_migrations WHERE component = ? "
      "ORDER BY version",
      {Value(component)});
  ASSERT_TRUE(recorded.ok()) << recorded.status();
  ASSERT_EQ(recorded->size(), 2u);
  EXPECT_EQ((*recorded)[0].GetInt(0), 1);
  EXPECT_EQ((*recorded)[1].GetString(1), "add school and seed");
  EXPECT_EQ((*recorded)[1].GetString(2).size(), 20u);  // 2024-01-02T03:04:05Z

  // A failing migration: reported with component and version, and not recorded.
  migrations.push_back({3, "broken", "CREATE TABLE m_ok (id INT);\nCREATE TABLEE m_bad (id INT)",
                        "CREATE TABLE m_ok (id INT);\nCREATE TABLEE m_bad (id INT)"});
  absl::Status failed = ApplyMigrations(*db_, component, migrations);
  EXPECT_EQ(failed.code(), absl::StatusCode::kInternal) << failed;
  EXPECT_THAT(failed.message(), HasSubstr("storage_test version 3"));
  EXPECT_THAT(failed.message(), HasSubstr("statement 2 of 2"));
  EXPECT_EQ(Count("schema_migrations"), 2);

  // Fixed (idempotent DDL, as a migration on MySQL must be after a partial failure), it applies.
  migrations.back().sqlite_sql = "CREATE TABLE IF NOT EXISTS m_ok (id INT)";
  migrations.back().mysql_sql = "CREATE TABLE IF NOT EXISTS m_ok (id INT)";
  ASSERT_OK(ApplyMigrations(*db_, component, migrations));
  EXPECT_EQ(Count("schema_migrations"), 3);
  EXPECT_EQ(Count("m_ok"), 0);

  // Another component keeps its own versions.
  ASSERT_OK(ApplyMigrations(*db_, "other", {{1, "noop", "", ""}}));
  EXPECT_EQ(Count("schema_migrations"), 4);

  std::vector<Migration> unordered = {{2, "b", "", ""}, {1, "a", "", ""}};
  EXPECT_EQ(ApplyMigrations(*db_, component, unordered).code(), absl::StatusCode::kInvalidArgument);
}

TEST_P(DatabaseTest, MigrationsFromConcurrentReplicasApplyOnce) {
  std::unique_ptr<Database> replica = Open(options_);
  ASSERT_NE(replica, nullptr);
  const std::vector<Migration> migrations = TestMigrations();
  absl::Status first, second;
  std::thread a([&] { first = ApplyMigrations(*db_, "replicas", migrations); });
  std::thread b([&] { second = ApplyMigrations(*replica, "replicas", migrations); });
  a.join();
  b.join();
  EXPECT_TRUE(first.ok()) << first;
  EXPECT_TRUE(second.ok()) << second;
  EXPECT_EQ(Count("m_pupils"), 1);
  EXPECT_EQ(Count("schema_migrations"), 2);
}

// Read-modify-write from 8 threads: the row lock (MySQL) or the write lock (SQLite) must make
// every increment count.
TEST_P(DatabaseTest, ConcurrentTransactionsLoseNoUpdate) {
  ASSERT_OK(Exec("CREATE TABLE counter (id INT PRIMARY KEY, n BIGINT NOT NULL)"));
  ASSERT_OK(Exec("INSERT INTO counter VALUES (1, 0)"));
  constexpr int kThreads = 8;
  constexpr int kIncrements = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kIncrements; ++i) {
        absl::Status s = db_->InTransaction([&](Transaction& tx) -> absl::Status {
          absl::StatusOr<std::vector<Row>> rows =
              tx.Query(absl::StrCat("SELECT n FROM counter WHERE id = 1", ForUpdate()));
          if (!rows.ok()) return rows.status();
          int64_t n = (*rows)[0].GetInt(0);
          return tx.Execute("UPDATE counter SET n = ? WHERE id = 1", {Value(n + 1)}).status();
        });
        if (!s.ok()) {
          ++failures;
          ADD_FAILURE() << s;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  absl::StatusOr<std::vector<Row>> rows = Select("SELECT n FROM counter");
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ((*rows)[0].GetInt(0), kThreads * kIncrements);
}

// A transient failure is retried with the whole callback. On MariaDB: a real deadlock, two
// transactions locking two rows in opposite order, lined up by a barrier on their first run.
// On SQLite (no deadlocks: BEGIN IMMEDIATE): two connections, as two processes, on one file.
TEST_P(DatabaseTest, TransientFailuresAreRetried) {
  ASSERT_OK(Exec("CREATE TABLE acct (id INT PRIMARY KEY, n BIGINT NOT NULL)"));
  ASSERT_OK(Exec("INSERT INTO acct VALUES (1, 0)"));
  ASSERT_OK(Exec("INSERT INTO acct VALUES (2, 0)"));
  if (mysql()) {
    absl::Barrier* both_hold_first_lock = new absl::Barrier(2);  // Block() deletes it
    std::atomic<int> runs{0};
    auto transfer = [&](int first, int second, absl::Status* result) {
      bool first_run = true;
      *result = db_->InTransaction([&](Transaction& tx) -> absl::Status {
        ++runs;
        for (int id : {first, second}) {
          absl::Status s =
              tx.Execute("UPDATE acct SET n = n + 1 WHERE id = ?", {Value(int64_t{id})}).status();
          if (!s.ok()) return s;
          if (first_run && id == first) {
            first_run = false;
            if (both_hold_first_lock->Block()) delete both_hold_first_lock;
          }
        }
        return absl::OkStatus();
      });
    };
    absl::Status a, b;
    std::thread ta(transfer, 1, 2, &a);
    std::thread tb(transfer, 2, 1, &b);
    ta.join();
    tb.join();
    EXPECT_TRUE(a.ok()) << a;
    EXPECT_TRUE(b.ok()) << b;
    EXPECT_GE(runs.load(), 3) << "expected the deadlock victim to run again";
  } else {
    std::unique_ptr<Database> other_process = Open(options_);
    ASSERT_NE(other_process, nullptr);
    auto hammer = [&](Database* db, absl::Status* result) {
      for (int i = 0; i < 50 && result->ok(); ++i) {
        *result = db->InTransaction([&](Transaction& tx) -> absl::Status {
          for (int id : {1, 2}) {
            absl::Status s =
                tx.Execute("UPDATE acct SET n = n + 1 WHERE id = ?", {Value(int64_t{id})}).status();
            if (!s.ok()) return s;
          }
          return absl::OkStatus();
        });
      }
    };
    absl::Status a, b;
    std::thread ta(hammer, db_.get(), &a);
    std::thread tb(hammer, other_process.get(), &b);
    ta.join();
    tb.join();
    EXPECT_TRUE(a.ok()) << a;
    EXPECT_TRUE(b.ok()) << b;
  }
  absl::StatusOr<std::vector<Row>> rows = Select("SELECT SUM(n) FROM acct");
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ((*rows)[0].GetInt(0), mysql() ? 4 : 200);
}

TEST_P(DatabaseTest, BusyPoolReportsUnavailableWithinPoolWait) {
  DatabaseOptions small = options_;
  small.pool_size = 1;
  small.pool_wait = absl::Milliseconds(200);
  std::unique_ptr<Database> db = Open(small);
  ASSERT_NE(db, nullptr);
  absl::Notification holding, release;
  std::thread holder([&] {
    absl::Status s = db->InTransaction([&](Transaction& tx) {
      holding.Notify();
      release.WaitForNotification();
      return tx.Query("SELECT 1").status();
    });
    EXPECT_TRUE(s.ok()) << s;
  });
  holding.WaitForNotification();
  if (mysql()) {
    absl::Time start = absl::Now();
    absl::Status busy =
        db->InTransaction([](Transaction& tx) { return tx.Query("SELECT 1").status(); });
    absl::Duration waited = absl::Now() - start;
    EXPECT_EQ(busy.code(), absl::StatusCode::kUnavailable) << busy;
    EXPECT_THAT(busy.message(), HasSubstr("pool exhausted"));
    EXPECT_GE(waited, absl::Milliseconds(150));
    EXPECT_LT(waited, absl::Seconds(2));
    release.Notify();
    holder.join();
  } else {
    // SQLite has one connection and no pool: a second transaction waits its turn.
    absl::Status second;
    std::thread waiter([&] {
      second = db->InTransaction([](Transaction& tx) { return tx.Query("SELECT 1").status(); });
    });
    absl::SleepFor(absl::Milliseconds(300));
    release.Notify();
    holder.join();
    waiter.join();
    EXPECT_TRUE(second.ok()) << second;
  }
  // Afterwards the connection is free again.
  EXPECT_TRUE(
      db->InTransaction([](Transaction& tx) { return tx.Query("SELECT 1").status(); }).ok());
}

TEST_P(DatabaseTest, NestedTransactionIsRefused) {
  absl::Status inner;
  ASSERT_OK(db_->InTransaction([&](Transaction&) {
    inner = db_->InTransaction([](Transaction&) { return absl::OkStatus(); });
    return absl::OkStatus();
  }));
  EXPECT_EQ(inner.code(), absl::StatusCode::kInternal) << inner;
}

#if defined(SWV_TEST_BACKEND_MYSQL)
INSTANTIATE_TEST_SUITE_P(Mysql, DatabaseTest, ::testing::Values(Backend::kMysql),
                         [](const auto&) { return std::string("MariaDB"); });
#else
INSTANTIATE_TEST_SUITE_P(Sqlite, DatabaseTest, ::testing::Values(Backend::kSqlite),
                         [](const auto&) { return std::string("SQLite"); });
#endif

}  // namespace
}  // namespace swv::storage
