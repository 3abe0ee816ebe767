#include "tests/testing/scratch_database.h"

#include <cstdlib>
#include <filesystem>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"

namespace swv::testing {

std::string MysqlTestUrl() {
  const char* url = std::getenv("SWV_TEST_MYSQL_URL");
  return url == nullptr ? "" : url;
}

bool RunningInCi() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && *ci != '\0' && std::string(ci) != "false" && std::string(ci) != "0";
}

std::string DialectName(storage::Dialect dialect) {
  return dialect == storage::Dialect::kSqlite ? "sqlite" : "mysql";
}

absl::StatusOr<std::unique_ptr<ScratchDatabase>> ScratchDatabase::Create(
    storage::Dialect dialect, storage::DatabaseOptions options) {
  std::unique_ptr<ScratchDatabase> scratch(new ScratchDatabase());
  absl::BitGen random;
  const std::string suffix =
      absl::StrCat(absl::Hex(absl::Uniform<uint32_t>(random), absl::kZeroPad8));
  if (dialect == storage::Dialect::kSqlite) {
    std::filesystem::path dir = std::filesystem::temp_directory_path() / ("swv-test-" + suffix);
    std::filesystem::create_directories(dir);
    scratch->cleanup_path_ = dir.string();
    scratch->url_ = "sqlite:" + (dir / "test.db").string();
  } else {
    const std::string base_url = MysqlTestUrl();
    if (base_url.empty()) return absl::FailedPreconditionError("SWV_TEST_MYSQL_URL is not set");
    // The base URL ends in "/swv_test"; each scratch database sits beside it.
    const size_t slash = base_url.rfind('/');
    scratch->mysql_database_ = "swv_test_" + suffix;
    scratch->url_ = base_url.substr(0, slash + 1) + scratch->mysql_database_;
    storage::DatabaseOptions admin_options;
    admin_options.url = base_url;
    absl::StatusOr<std::unique_ptr<storage::Database>> admin = storage::OpenDatabase(admin_options);
    if (!admin.ok()) return admin.status();
    absl::Status created = (*admin)->InTransaction([&](storage::Transaction& tx) {
      // The name is ours (random hex), not user data; DDL cannot take bound parameters.
      return tx
          .Execute(absl::StrCat("CREATE DATABASE ", scratch->mysql_database_,
                                " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"))
          .status();
    });
    if (!created.ok()) return created;
  }
  options.url = scratch->url_;
  absl::StatusOr<std::unique_ptr<storage::Database>> db = storage::OpenDatabase(options);
  if (!db.ok()) return db.status();
  scratch->db_ = *std::move(db);
  return scratch;
}

ScratchDatabase::~ScratchDatabase() {
  db_.reset();
  if (!cleanup_path_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(cleanup_path_, ignored);
  }
  if (!mysql_database_.empty()) {
    storage::DatabaseOptions admin_options;
    admin_options.url = MysqlTestUrl();
    admin_options.max_attempts = 1;
    absl::StatusOr<std::unique_ptr<storage::Database>> admin = storage::OpenDatabase(admin_options);
    if (admin.ok()) {
      (void)(*admin)->InTransaction([&](storage::Transaction& tx) {
        return tx.Execute(absl::StrCat("DROP DATABASE IF EXISTS ", mysql_database_)).status();
      });
    }
  }
}

}  // namespace swv::testing
