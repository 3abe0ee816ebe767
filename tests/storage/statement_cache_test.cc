// The MariaDB driver prepares a statement once per connection and then only executes it
// (StatementCache, storage/mysql_internal.h): counted by the server's own Com_stmt_prepare. The
// SQLite driver keeps its statements too (sqlite_database.cc): a kept statement answers with its
// new parameters, sees what was written since, follows a schema change, runs again after a
// failure, and the cache starting over loses nothing.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/testing/scratch_database.h"

namespace swv::storage {
namespace {

TEST(StatementCacheTest, AStatementIsPreparedOncePerConnection) {
  SWV_SKIP_OR_FAIL_WITHOUT_MYSQL();
  DatabaseOptions options;
  options.pool_size = 1;  // every transaction on the same connection
  absl::StatusOr<std::unique_ptr<testing::ScratchDatabase>> scratch =
      testing::ScratchDatabase::Create(Dialect::kMysql, options);
  ASSERT_TRUE(scratch.ok()) << scratch.status();
  Database& db = (*scratch)->db();
  auto prepared = [&db] {
    int64_t count = -1;
    EXPECT_TRUE(db.InTransaction([&](Transaction& tx) -> absl::Status {
                    absl::StatusOr<std::vector<Row>> rows =
                        tx.Query("SHOW SESSION STATUS LIKE 'Com_stmt_prepare'");
                    if (!rows.ok()) return rows.status();
                    count = std::stoll((*rows)[0].GetString(1));
                    return absl::OkStatus();
                  }).ok());
    return count;
  };
  const int64_t before = prepared();
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(db.InTransaction([i](Transaction& tx) {
                    return tx.Query("SELECT ? + 1", {Value(int64_t{i})}).status();
                  }).ok());
  }
  const int64_t after = prepared();
  // The SELECT once, and the status query once (its first run was counted in `before`).
  EXPECT_LE(after - before, 2);
}

class SqliteKeptStatementTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<testing::ScratchDatabase>> scratch =
        testing::ScratchDatabase::Create(Dialect::kSqlite, DatabaseOptions{});
    ASSERT_TRUE(scratch.ok()) << scratch.status();
    scratch_ = std::move(*scratch);
    ASSERT_TRUE(Run("CREATE TABLE kept (k INTEGER PRIMARY KEY, v TEXT NOT NULL)").ok());
  }

  Database& db() { return scratch_->db(); }

  absl::Status Run(const std::string& sql, std::vector<Value> params = {}) {
    return db().InTransaction([&](Transaction& tx) { return tx.Execute(sql, params).status(); });
  }

  // The rows of `sql`, each row's columns joined by "|".
  std::vector<std::string> Read(const std::string& sql, std::vector<Value> params = {}) {
    std::vector<std::string> out;
    absl::Status status = db().InTransaction([&](Transaction& tx) -> absl::Status {
      absl::StatusOr<std::vector<Row>> rows = tx.Query(sql, params);
      if (!rows.ok()) return rows.status();
      for (const Row& row : *rows) {
        std::string line;
        for (size_t c = 0; c < row.size(); ++c) {
          line += (c == 0 ? "" : "|") + (row.IsNull(c) ? std::string("NULL") : row.GetString(c));
        }
        out.push_back(line);
      }
      return absl::OkStatus();
    });
    EXPECT_TRUE(status.ok()) << status;
    return out;
  }

  std::unique_ptr<testing::ScratchDatabase> scratch_;
};

TEST_F(SqliteKeptStatementTest, AnswersWithNewParametersAndSeesLaterWrites) {
  const std::string insert = "INSERT INTO kept (k, v) VALUES (?, ?)";
  const std::string select = "SELECT v FROM kept WHERE k >= ? ORDER BY k";
  ASSERT_TRUE(Run(insert, {Value(int64_t{1}), Value(std::string("one"))}).ok());
  EXPECT_EQ(Read(select, {Value(int64_t{1})}), std::vector<std::string>({"one"}));
  ASSERT_TRUE(Run(insert, {Value(int64_t{2}), Value(std::string("two"))}).ok());
  EXPECT_EQ(Read(select, {Value(int64_t{1})}), std::vector<std::string>({"one", "two"}));
  EXPECT_EQ(Read(select, {Value(int64_t{2})}), std::vector<std::string>({"two"}));
  // A failed run (the key exists) leaves the kept INSERT usable.
  EXPECT_EQ(Run(insert, {Value(int64_t{2}), Value(std::string("again"))}).code(),
            absl::StatusCode::kAlreadyExists);
  ASSERT_TRUE(Run(insert, {Value(int64_t{3}), Value(std::string("three"))}).ok());
  EXPECT_EQ(Read(select, {Value(int64_t{3})}), std::vector<std::string>({"three"}));
}

TEST_F(SqliteKeptStatementTest, FollowsASchemaChange) {
  ASSERT_TRUE(Run("INSERT INTO kept (k, v) VALUES (1, 'one')").ok());
  EXPECT_EQ(Read("SELECT * FROM kept"), std::vector<std::string>({"1|one"}));
  ASSERT_TRUE(Run("ALTER TABLE kept ADD COLUMN note TEXT").ok());
  EXPECT_EQ(Read("SELECT * FROM kept"), std::vector<std::string>({"1|one|NULL"}));
}

TEST_F(SqliteKeptStatementTest, ManyMoreStatementsThanItKeepsAllAnswer) {
  ASSERT_TRUE(Run("INSERT INTO kept (k, v) VALUES (1, 'one')").ok());
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < 300; ++i) {
      const std::string sql = "SELECT v, " + std::to_string(i) + " FROM kept WHERE k = ?";
      ASSERT_EQ(Read(sql, {Value(int64_t{1})}),
                std::vector<std::string>({"one|" + std::to_string(i)}));
    }
  }
}

}  // namespace
}  // namespace swv::storage
