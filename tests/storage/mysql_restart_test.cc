// Stops and restarts the shared test MariaDB (tools/mariadb-test-server.sh, DIR from
// SWV_TEST_MYSQL_DIR) under a live Database: calls must fail fast with UNAVAILABLE while it is
// down, and the same Database object must work again once it is back (the pool drops dead
// connections). Registered with RUN_SERIAL so no other test uses the server meanwhile.
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/database.h"

#ifndef SWV_MARIADB_TEST_SERVER
#error "SWV_MARIADB_TEST_SERVER must name tools/mariadb-test-server.sh"
#endif

namespace swv::storage {
namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

int RunServerScript(const std::string& verb, const std::string& dir) {
  std::string command = absl::StrCat("'", SWV_MARIADB_TEST_SERVER, "' ", verb, " '", dir, "' >&2");
  return std::system(command.c_str());
}

absl::Status Exec(Database& db, absl::string_view sql) {
  return db.InTransaction([&](Transaction& tx) { return tx.Execute(sql).status(); });
}

TEST(MysqlRestartTest, SameDatabaseRecoversAfterServerRestart) {
  const std::string url = Env("SWV_TEST_MYSQL_URL");
  const std::string dir = Env("SWV_TEST_MYSQL_DIR");
  if (url.empty() || dir.empty()) {
    if (!Env("CI").empty()) {
      FAIL() << "SWV_TEST_MYSQL_URL and SWV_TEST_MYSQL_DIR must be set under CI: the restart "
                "test must not be skipped there (tools/mariadb-test-server.sh start DIR)";
    }
    GTEST_SKIP() << "SWV_TEST_MYSQL_URL / SWV_TEST_MYSQL_DIR not set";
  }
  DatabaseOptions options;
  options.url = url;
  options.pool_size = 4;
  options.connect_timeout = absl::Seconds(2);
  options.max_attempts = 3;
  options.retry_backoff = absl::Milliseconds(50);
  absl::StatusOr<std::unique_ptr<Database>> opened = OpenDatabase(options);
  ASSERT_TRUE(opened.ok()) << opened.status();
  Database& db = **opened;

  const std::string table = absl::StrCat("storage_restart_", ::getpid());
  ASSERT_TRUE(Exec(db, absl::StrCat("DROP TABLE IF EXISTS ", table)).ok());
  ASSERT_TRUE(Exec(db, absl::StrCat("CREATE TABLE ", table, " (id INT PRIMARY KEY)")).ok());
  ASSERT_TRUE(Exec(db, absl::StrCat("INSERT INTO ", table, " VALUES (1)")).ok());
  {  // Several connections open at once, so the pool holds several that will die.
    absl::Barrier* all_in = new absl::Barrier(3);
    std::vector<std::thread> threads;
    for (int i = 0; i < 3; ++i) {
      threads.emplace_back([&] {
        EXPECT_TRUE(db.InTransaction([&](Transaction& tx) {
                        if (all_in->Block()) delete all_in;
                        return tx.Query("SELECT 1").status();
                      }).ok());
      });
    }
    for (std::thread& t : threads) t.join();
  }

  // Whatever happens below, the server must come back for the tests that follow.
  struct RestartOnExit {
    const std::string& dir;
    bool needed = false;
    ~RestartOnExit() {
      if (needed) RunServerScript("restart", dir);
    }
  } restart_on_exit{dir};

  restart_on_exit.needed = true;
  ASSERT_EQ(RunServerScript("stop", dir), 0);

  absl::Time start = absl::Now();
  absl::Status ping = db.Ping();
  EXPECT_EQ(ping.code(), absl::StatusCode::kUnavailable) << ping;
  EXPECT_LT(absl::Now() - start, absl::Seconds(15));

  start = absl::Now();
  int runs = 0;
  absl::Status down = db.InTransaction([&](Transaction& tx) {
    ++runs;
    return tx.Query(absl::StrCat("SELECT id FROM ", table)).status();
  });
  EXPECT_EQ(down.code(), absl::StatusCode::kUnavailable) << down;
  EXPECT_LT(absl::Now() - start, absl::Seconds(15));
  EXPECT_LE(runs, options.max_attempts);

  ASSERT_EQ(RunServerScript("restart", dir), 0);
  restart_on_exit.needed = false;

  absl::Status ping_again = db.Ping();
  EXPECT_TRUE(ping_again.ok()) << ping_again;
  int64_t rows = -1;
  absl::Status up = db.InTransaction([&](Transaction& tx) -> absl::Status {
    absl::StatusOr<std::vector<Row>> result = tx.Query(absl::StrCat("SELECT id FROM ", table));
    if (!result.ok()) return result.status();
    rows = static_cast<int64_t>(result->size());
    return tx.Execute(absl::StrCat("INSERT INTO ", table, " VALUES (2)")).status();
  });
  EXPECT_TRUE(up.ok()) << up;
  EXPECT_EQ(rows, 1);  // the committed row survived the restart
  EXPECT_TRUE(Exec(db, absl::StrCat("DROP TABLE ", table)).ok());
}

}  // namespace
}  // namespace swv::storage
