// The MariaDB driver prepares a statement once per connection and then only executes it
// (StatementCache, storage/mysql_internal.h): counted by the server's own Com_stmt_prepare.
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

}  // namespace
}  // namespace swv::storage
