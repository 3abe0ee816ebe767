// The fixture of the storage suite (database_test.cc, database_concurrency_test.cc), one per
// driver: a temp SQLite file per test, or a fresh database per test on the server named by
// SWV_TEST_MYSQL_URL, with the statement helpers the tests share.
#ifndef SWV_TESTS_STORAGE_DATABASE_TEST_FIXTURE_H_
#define SWV_TESTS_STORAGE_DATABASE_TEST_FIXTURE_H_

#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "storage/database.h"

namespace swv::storage::testing {

enum class Backend { kSqlite, kMysql };

inline void PrintTo(Backend backend, std::ostream* os) {
  *os << (backend == Backend::kMysql ? "MariaDB" : "SQLite");
}

#define ASSERT_OK(expr)                           \
  do {                                            \
    const absl::Status swv_status_ = (expr);      \
    ASSERT_TRUE(swv_status_.ok()) << swv_status_; \
  } while (0)

inline std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

inline std::string UniqueSuffix() {
  static std::atomic<int> counter{0};
  return absl::StrCat(::getpid(), "_", counter++, "_", absl::ToUnixMicros(absl::Now()) % 1000000);
}

// Without SWV_TEST_MYSQL_URL the MariaDB cases are skipped, except under CI (env CI set), where
// they fail: they must never be skipped silently there.
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

}  // namespace swv::storage::testing

#endif  // SWV_TESTS_STORAGE_DATABASE_TEST_FIXTURE_H_
