// Group commit on SQLite and MariaDB: concurrent writes share transactions, every caller's write
// is committed when it returns, and a bad write fails only its own caller.
#include "storage/group_commit.h"

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/testing/scratch_database.h"

namespace swv::storage {
namespace {

constexpr int kThreads = 8;
constexpr int kWritesPerThread = 10;

class GroupCommitTest : public ::testing::TestWithParam<Dialect> {
 protected:
  void SetUp() override {
    if (GetParam() == Dialect::kMysql) SWV_SKIP_OR_FAIL_WITHOUT_MYSQL();
    DatabaseOptions options;
    options.pool_size = kThreads;
    absl::StatusOr<std::unique_ptr<testing::ScratchDatabase>> scratch =
        testing::ScratchDatabase::Create(GetParam(), options);
    ASSERT_TRUE(scratch.ok()) << scratch.status();
    scratch_ = *std::move(scratch);
    ASSERT_TRUE(
        db().InTransaction([](Transaction& tx) {
              return tx.Execute("CREATE TABLE gc_rows (id VARCHAR(40) PRIMARY KEY)").status();
            })
            .ok());
  }

  Database& db() { return scratch_->db(); }

  // A write of one row that holds its transaction open for `hold`, as a durable commit would, so
  // that other callers queue behind it.
  static GroupCommit::Write Insert(std::string id, absl::Duration hold = absl::ZeroDuration()) {
    return [id, hold](Transaction& tx) -> absl::Status {
      absl::SleepFor(hold);
      return tx.Execute("INSERT INTO gc_rows (id) VALUES (?)", {Value(id)}).status();
    };
  }

  int64_t Rows() {
    int64_t count = -1;
    EXPECT_TRUE(db().InTransaction([&](Transaction& tx) -> absl::Status {
                      absl::StatusOr<std::vector<Row>> rows =
                          tx.Query("SELECT COUNT(*) FROM gc_rows");
                      if (!rows.ok()) return rows.status();
                      count = (*rows)[0].GetInt(0);
                      return absl::OkStatus();
                    })
                    .ok());
    return count;
  }

  std::unique_ptr<testing::ScratchDatabase> scratch_;
};

TEST_P(GroupCommitTest, ConcurrentWritesShareTransactionsAndAllCommit) {
  GroupCommit group(&db());
  std::atomic<int> failed{0};
  absl::Barrier* start = new absl::Barrier(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      if (start->Block()) delete start;
      for (int i = 0; i < kWritesPerThread; ++i) {
        if (!group.Submit(Insert(absl::StrCat("row-", t, "-", i), absl::Milliseconds(2))).ok()) {
          ++failed;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(Rows(), kThreads * kWritesPerThread);  // each committed before its caller returned
  EXPECT_LT(group.transactions(), kThreads * kWritesPerThread / 2);
}

TEST_P(GroupCommitTest, ABadWriteFailsOnlyItsOwnCaller) {
  ASSERT_TRUE(GroupCommit(&db()).Submit(Insert("taken")).ok());
  GroupCommit group(&db());
  std::vector<absl::Status> results(kThreads);
  absl::Barrier* start = new absl::Barrier(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      if (start->Block()) delete start;
      // Thread 0 holds the first transaction open; the others queue and share the next one,
      // in which thread 1's duplicate key fails.
      if (t != 0) absl::SleepFor(absl::Milliseconds(5));
      results[t] = group.Submit(Insert(t == 1 ? std::string("taken") : absl::StrCat("ok-", t),
                                       t == 0 ? absl::Milliseconds(30) : absl::ZeroDuration()));
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(results[t].ok(), t != 1) << t << ": " << results[t];
  }
  EXPECT_EQ(Rows(), kThreads);  // "taken" and the seven good ones
}

INSTANTIATE_TEST_SUITE_P(Dialects, GroupCommitTest,
                         ::testing::Values(Dialect::kSqlite, Dialect::kMysql),
                         [](const auto& param_info) {
                           return param_info.param == Dialect::kSqlite ? "sqlite" : "mysql";
                         });

}  // namespace
}  // namespace swv::storage
