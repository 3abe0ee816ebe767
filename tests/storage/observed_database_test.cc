#include "storage/observed_database.h"

#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/scratch_database.h"

namespace swv::storage {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

TEST(OperationOfTest, NamesVerbAndTableFromOurSqlOnly) {
  EXPECT_EQ(OperationOf("SELECT a, b FROM thuiszitter_cases WHERE tenant = ?"),
            "select thuiszitter_cases");
  EXPECT_EQ(OperationOf("INSERT INTO pupils (tenant) VALUES (?)"), "insert pupils");
  EXPECT_EQ(OperationOf("insert into `pupils`(tenant) values (?)"), "insert pupils");
  EXPECT_EQ(OperationOf("UPDATE swv_settings SET version = ? WHERE tenant = ?"),
            "update swv_settings");
  EXPECT_EQ(OperationOf("DELETE FROM sessions WHERE id = ?"), "delete sessions");
  EXPECT_EQ(OperationOf("CREATE TABLE x (a INT)"), "ddl");
  EXPECT_EQ(OperationOf("  \n SELECT 1"), "select unknown");
  EXPECT_EQ(OperationOf(""), "other");
  EXPECT_EQ(OperationOf("PRAGMA foreign_keys = ON"), "other");
}

class RecordingObserver : public StatementObserver {
 public:
  void OnStatement(absl::string_view operation, absl::Duration latency,
                   absl::StatusCode code) override {
    absl::MutexLock lock(&mu_);
    seen_.emplace_back(std::string(operation), code);
    EXPECT_GE(latency, absl::ZeroDuration());
  }
  std::vector<std::pair<std::string, absl::StatusCode>> seen() {
    absl::MutexLock lock(&mu_);
    return seen_;
  }

 private:
  absl::Mutex mu_;
  std::vector<std::pair<std::string, absl::StatusCode>> seen_;
};

TEST(ObserveStatementsTest, ReportsEveryStatementWithItsOutcome) {
  auto scratch = swv::testing::ScratchDatabase::Create(Dialect::kSqlite);
  ASSERT_TRUE(scratch.ok()) << scratch.status();
  RecordingObserver observer;
  DatabaseOptions options;
  options.url = (*scratch)->url();
  auto opened = OpenDatabase(options);
  ASSERT_TRUE(opened.ok());
  std::unique_ptr<Database> db = ObserveStatements(*std::move(opened), &observer);

  ASSERT_TRUE(db->InTransaction([](Transaction& tx) {
                  if (auto s = tx.Execute("CREATE TABLE t (k INTEGER PRIMARY KEY)"); !s.ok()) {
                    return s.status();
                  }
                  if (auto s = tx.Execute("INSERT INTO t (k) VALUES (?)", {int64_t{1}}); !s.ok()) {
                    return s.status();
                  }
                  return tx.Query("SELECT k FROM t").status();
                }).ok());
  absl::Status duplicate = db->InTransaction([](Transaction& tx) {
    return tx.Execute("INSERT INTO t (k) VALUES (?)", {int64_t{1}}).status();
  });
  EXPECT_EQ(duplicate.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_TRUE(db->Ping().ok());

  std::vector<std::pair<std::string, absl::StatusCode>> seen = observer.seen();
  EXPECT_THAT(
      seen, ElementsAre(Pair("ddl", absl::StatusCode::kOk), Pair("insert t", absl::StatusCode::kOk),
                        Pair("select t", absl::StatusCode::kOk),
                        Pair("insert t", absl::StatusCode::kAlreadyExists),
                        Pair("ping", absl::StatusCode::kOk)));

  // Migrations work through the wrapper (they need the driver's session underneath).
  Migration migration{1, "a table", "CREATE TABLE m (k INTEGER)", "CREATE TABLE m (k INT)"};
  EXPECT_TRUE(ApplyMigrations(*db, "observed_test", {migration}).ok());
  EXPECT_TRUE(ApplyMigrations(*db, "observed_test", {migration}).ok());
  EXPECT_TRUE(
      db->InTransaction([](Transaction& tx) { return tx.Query("SELECT k FROM m").status(); }).ok());
}

}  // namespace
}  // namespace swv::storage
