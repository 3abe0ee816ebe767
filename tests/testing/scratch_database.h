// Fresh, empty databases for tests, on SQLite and on the real MariaDB that tools/run-tests.sh
// starts (its URL in SWV_TEST_MYSQL_URL). Each ScratchDatabase is private to one test: a SQLite
// file in a temporary directory, or a new MariaDB database "swv_test_<random>" dropped afterwards.
//
// MariaDB is never silently skipped in CI: when SWV_TEST_MYSQL_URL is unset, SWV_SKIP_OR_FAIL_
// WITHOUT_MYSQL() fails the test if CI is set and skips it otherwise (a developer without MariaDB).
#ifndef SWV_TESTS_TESTING_SCRATCH_DATABASE_H_
#define SWV_TESTS_TESTING_SCRATCH_DATABASE_H_

#include <memory>
#include <ostream>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "storage/database.h"

namespace swv::testing {

// "" when no MariaDB was provided.
std::string MysqlTestUrl();
bool RunningInCi();

#define SWV_SKIP_OR_FAIL_WITHOUT_MYSQL()                                                      \
  do {                                                                                        \
    if (::swv::testing::MysqlTestUrl().empty()) {                                             \
      if (::swv::testing::RunningInCi()) {                                                    \
        FAIL() << "SWV_TEST_MYSQL_URL is not set; CI must run the MariaDB tests "             \
                  "(use tools/run-tests.sh)";                                                 \
      }                                                                                       \
      GTEST_SKIP() << "SWV_TEST_MYSQL_URL not set; run tools/run-tests.sh for MariaDB tests"; \
    }                                                                                         \
  } while (0)

class ScratchDatabase {
 public:
  static absl::StatusOr<std::unique_ptr<ScratchDatabase>> Create(
      storage::Dialect dialect, storage::DatabaseOptions options = {});
  ~ScratchDatabase();

  storage::Database& db() { return *db_; }
  const std::string& url() const { return url_; }

 private:
  ScratchDatabase() = default;

  std::string url_;
  std::string cleanup_path_;    // SQLite: the temporary directory
  std::string mysql_database_;  // MariaDB: the database to drop
  std::unique_ptr<storage::Database> db_;
};

// "sqlite" / "mysql", for parameterised test names.
std::string DialectName(storage::Dialect dialect);

// A test run once per dialect (INSTANTIATE_TEST_SUITE_P with SWV_DIALECTS), each on a scratch
// database of its own; MariaDB skipped or failed as SWV_SKIP_OR_FAIL_WITHOUT_MYSQL says.
class DialectTest : public ::testing::TestWithParam<storage::Dialect> {
 protected:
  void SetUp() override {
    if (GetParam() == storage::Dialect::kMysql) SWV_SKIP_OR_FAIL_WITHOUT_MYSQL();
    absl::StatusOr<std::unique_ptr<ScratchDatabase>> scratch = ScratchDatabase::Create(GetParam());
    ASSERT_TRUE(scratch.ok()) << scratch.status();
    scratch_ = *std::move(scratch);
  }

  storage::Database& db() { return scratch_->db(); }

  std::unique_ptr<ScratchDatabase> scratch_;
};

// The parameters and names of a DialectTest suite.
#define SWV_DIALECTS                                                                    \
  ::testing::Values(::swv::storage::Dialect::kSqlite, ::swv::storage::Dialect::kMysql), \
      [](const auto& test_param) { return ::swv::testing::DialectName(test_param.param); }

}  // namespace swv::testing

namespace swv::storage {
// So gtest prints "mysql" instead of the enum's bytes in test names and failures.
inline void PrintTo(Dialect dialect, std::ostream* out) {
  *out << swv::testing::DialectName(dialect);
}
}  // namespace swv::storage

#endif  // SWV_TESTS_TESTING_SCRATCH_DATABASE_H_
