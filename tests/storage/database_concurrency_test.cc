// The storage suite on both drivers (instantiated in database_test.cc): migrations, concurrent
// transactions and replicas, retries of transient failures, the busy pool and nesting.
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/database.h"
#include "tests/storage/database_test_fixture.h"

namespace swv::storage {
namespace {

using testing::Backend;
using testing::DatabaseTest;
using ::testing::HasSubstr;

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

}  // namespace
}  // namespace swv::storage
