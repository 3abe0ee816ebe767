// storage/reads.h on SQLite: rows made into values, a maker's error passed on, the first row.
#include "storage/reads.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/database.h"

namespace swv::storage {
namespace {

using ::testing::ElementsAre;

std::unique_ptr<Database> Numbers() {
  DatabaseOptions options;
  options.url = "sqlite::memory:";
  absl::StatusOr<std::unique_ptr<Database>> db = OpenDatabase(options);
  EXPECT_TRUE(db.ok()) << db.status();
  absl::Status made = (*db)->InTransaction([](Transaction& tx) -> absl::Status {
    absl::Status status = tx.Execute("CREATE TABLE numbers (n INT NOT NULL)").status();
    if (!status.ok()) return status;
    return tx.Execute("INSERT INTO numbers (n) VALUES (3), (1), (2)").status();
  });
  EXPECT_TRUE(made.ok()) << made;
  return *std::move(db);
}

TEST(ReadsTest, ReadAllMakesEveryRowIntoAValue) {
  std::unique_ptr<Database> db = Numbers();
  absl::StatusOr<std::vector<int64_t>> all =
      ReadAll<int64_t>(*db, "SELECT n FROM numbers WHERE n > ? ORDER BY n", {Value(int64_t{1})},
                       [](const Row& row) { return row.GetInt(0) * 10; });
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_THAT(*all, ElementsAre(20, 30));
}

TEST(ReadsTest, AMakersErrorIsTheReadsError) {
  std::unique_ptr<Database> db = Numbers();
  absl::StatusOr<std::vector<int64_t>> all = ReadAll<int64_t>(
      *db, "SELECT n FROM numbers ORDER BY n", {}, [](const Row& row) -> absl::StatusOr<int64_t> {
        if (row.GetInt(0) == 2) return absl::InternalError("stored 2 is invalid");
        return row.GetInt(0);
      });
  EXPECT_EQ(all.status(), absl::InternalError("stored 2 is invalid"));
}

TEST(ReadsTest, ReadFirstIsTheFirstRowOrNothing) {
  std::unique_ptr<Database> db = Numbers();
  auto n = [](const Row& row) { return row.GetInt(0); };
  absl::StatusOr<absl::optional<int64_t>> first =
      ReadFirst<int64_t>(*db, "SELECT n FROM numbers ORDER BY n DESC", {}, n);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(*first, absl::optional<int64_t>(3));
  absl::StatusOr<absl::optional<int64_t>> none =
      ReadFirst<int64_t>(*db, "SELECT n FROM numbers WHERE n > 5", {}, n);
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_EQ(*none, absl::nullopt);
  EXPECT_FALSE(ReadFirst<int64_t>(*db, "SELECT n FROM missing", {}, n).ok());
}

}  // namespace
}  // namespace swv::storage
