// One storage suite, run against both drivers: this file and database_concurrency_test.cc are
// compiled twice (storage_test: SWV_TEST_BACKEND_SQLITE; storage_mysql_test:
// SWV_TEST_BACKEND_MYSQL). Here: values, errors and parameters, and the one instantiation of the
// suite per driver.
#include "storage/database.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/storage/database_test_fixture.h"

namespace swv::storage {
namespace {

using testing::Backend;
using testing::DatabaseTest;
using ::testing::HasSubstr;
using ::testing::Not;

TEST_P(DatabaseTest, PingAndDialect) {
  EXPECT_TRUE(db_->Ping().ok());
  EXPECT_EQ(db_->dialect(), mysql() ? Dialect::kMysql : Dialect::kSqlite);
}

TEST_P(DatabaseTest, RoundTripsEveryValueType) {
  ASSERT_OK(Exec("CREATE TABLE vals (id INT PRIMARY KEY, i BIGINT NULL, s VARCHAR(200) NULL)"));
  const std::string utf8 = "Zo\xC3\xAB 's-Hertogenbosch \xE2\x98\xBA \xF0\x9F\x98\x80";  // ë ☺ 😀
  const std::string with_nul("a\0b", 3);
  struct Case {
    int64_t id;
    Value i;
    Value s;
  };
  const std::vector<Case> cases = {
      {1, Value(std::numeric_limits<int64_t>::min()), Value(utf8)},
      {2, Value(std::numeric_limits<int64_t>::max()), Value(std::string())},
      {3, Value(int64_t{0}), Null()},
      {4, Null(), Value(with_nul)},
      {5, Value(int64_t{-1}), Value(std::string("007"))},
  };
  ASSERT_OK(db_->InTransaction([&](Transaction& tx) {
    for (const Case& c : cases) {
      absl::StatusOr<int64_t> n =
          tx.Execute("INSERT INTO vals (id, i, s) VALUES (?, ?, ?)", {Value(c.id), c.i, c.s});
      if (!n.ok()) return n.status();
      if (*n != 1) return absl::InternalError(absl::StrCat("affected ", *n));
    }
    return absl::OkStatus();
  }));
  absl::StatusOr<std::vector<Row>> rows = Select("SELECT id, i, s FROM vals ORDER BY id");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), cases.size());
  for (size_t r = 0; r < cases.size(); ++r) {
    SCOPED_TRACE(absl::StrCat("row ", r));
    const Row& row = (*rows)[r];
    ASSERT_EQ(row.size(), 3u);
    EXPECT_EQ(row.value(0), Value(cases[r].id));
    EXPECT_EQ(row.value(1), cases[r].i);
    EXPECT_EQ(row.value(2), cases[r].s);
  }
  // Getters: NULL reads as 0 / "", integers format, digits parse.
  const Row& third = (*rows)[2];
  EXPECT_TRUE(third.IsNull(2));
  EXPECT_EQ(third.GetString(2), "");
  EXPECT_FALSE(third.IsNull(1));
  EXPECT_EQ((*rows)[3].GetInt(1), 0);
  EXPECT_EQ((*rows)[4].GetInt(2), 7);
  EXPECT_EQ((*rows)[0].GetString(1), "-9223372036854775808");

  // A NULL parameter in a comparison, and aggregates come back as integers on both drivers.
  absl::StatusOr<std::vector<Row>> agg =
      Select("SELECT COUNT(*), SUM(id), MAX(s) FROM vals WHERE s IS NOT NULL AND id > ?",
             {Value(int64_t{1})});
  ASSERT_TRUE(agg.ok()) << agg.status();
  ASSERT_EQ(agg->size(), 1u);
  EXPECT_EQ((*agg)[0].value(0), Value(int64_t{3}));
  EXPECT_EQ((*agg)[0].value(1), Value(int64_t{2 + 4 + 5}));
}

TEST_P(DatabaseTest, LastInsertIdAndRowsMatched) {
  ASSERT_OK(Exec(mysql() ? "CREATE TABLE auto (id BIGINT AUTO_INCREMENT PRIMARY KEY, v INT)"
                         : "CREATE TABLE auto (id INTEGER PRIMARY KEY AUTOINCREMENT, v INT)"));
  std::vector<int64_t> ids;
  ASSERT_OK(db_->InTransaction([&](Transaction& tx) {
    ids.clear();
    for (int i = 0; i < 2; ++i) {
      if (absl::Status s = tx.Execute("INSERT INTO auto (v) VALUES (7)").status(); !s.ok())
        return s;
      absl::StatusOr<int64_t> id = tx.LastInsertId();
      if (!id.ok()) return id.status();
      ids.push_back(*id);
    }
    return absl::OkStatus();
  }));
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_GT(ids[0], 0);
  EXPECT_EQ(ids[1], ids[0] + 1);
  // An UPDATE that matches rows but changes nothing counts them on both drivers.
  int64_t matched = -1;
  ASSERT_OK(db_->InTransaction([&](Transaction& tx) {
    absl::StatusOr<int64_t> n =
        tx.Execute("UPDATE auto SET v = ? WHERE v = 7", {Value(int64_t{7})});
    if (!n.ok()) return n.status();
    matched = *n;
    return absl::OkStatus();
  }));
  EXPECT_EQ(matched, 2);
}

TEST_P(DatabaseTest, CallbackErrorRollsBackEverything) {
  ASSERT_OK(Exec("CREATE TABLE rb (id INT PRIMARY KEY, s VARCHAR(20))"));
  int runs = 0;
  absl::Status status = db_->InTransaction([&](Transaction& tx) {
    ++runs;
    absl::Status s = tx.Execute("INSERT INTO rb VALUES (1, 'a')").status();
    if (!s.ok()) return s;
    s = tx.Execute("INSERT INTO rb VALUES (2, 'b')").status();
    if (!s.ok()) return s;
    return absl::InvalidArgumentError("the caller changed its mind");
  });
  EXPECT_EQ(status, absl::InvalidArgumentError("the caller changed its mind"));
  EXPECT_EQ(runs, 1);  // a caller's own error is not retried
  EXPECT_EQ(Count("rb"), 0);

  // A statement error returned by the callback rolls back the earlier statements too.
  status = db_->InTransaction([&](Transaction& tx) {
    absl::Status s = tx.Execute("INSERT INTO rb VALUES (3, 'c')").status();
    if (!s.ok()) return s;
    return tx.Execute("INSERT INTO rb VALUES (3, 'again')").status();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kAlreadyExists) << status;
  EXPECT_EQ(Count("rb"), 0);
}

// A unique key another writer won ends the run ALREADY_EXISTS; the next run, in a new transaction,
// sees the winner's row and takes the next key. Other errors and refused conflicts end it at once.
TEST_P(DatabaseTest, AConflictRunsAgainUpToTheAttempts) {
  ASSERT_OK(Exec("CREATE TABLE next_key (k INT PRIMARY KEY)"));
  ASSERT_OK(Exec("INSERT INTO next_key VALUES (1)"));
  int runs = 0;
  int key = 0;
  ASSERT_OK(InTransactionAgainOnConflict(*db_, 3, [&](Transaction& tx) -> absl::Status {
    ++runs;
    key = runs;  // the first run picks 1, which is taken
    return tx.Execute("INSERT INTO next_key VALUES (?)", {Value(int64_t{key})}).status();
  }));
  EXPECT_EQ(runs, 2);
  EXPECT_EQ(key, 2);
  EXPECT_EQ(Count("next_key"), 2);

  runs = 0;
  absl::Status status = InTransactionAgainOnConflict(*db_, 3, [&](Transaction& tx) {
    ++runs;
    return tx.Execute("INSERT INTO next_key VALUES (1)").status();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(runs, 3);

  runs = 0;
  status = InTransactionAgainOnConflict(
      *db_, 3,
      [&](Transaction& tx) {
        ++runs;
        return tx.Execute("INSERT INTO next_key VALUES (1)").status();
      },
      [](const absl::Status&) { return false; });
  EXPECT_EQ(status.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(runs, 1);

  runs = 0;
  status = InTransactionAgainOnConflict(*db_, 3, [&](Transaction&) {
    ++runs;
    return absl::InvalidArgumentError("not a conflict");
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(runs, 1);
}

TEST_P(DatabaseTest, ConstraintViolationsMapToCodesWithoutValues) {
  ASSERT_OK(
      Exec("CREATE TABLE parent (id INT PRIMARY KEY, code VARCHAR(50) NOT NULL, "
           "CONSTRAINT uq_parent_code UNIQUE (code))"));
  ASSERT_OK(
      Exec("CREATE TABLE child (id INT PRIMARY KEY, parent_id INT NOT NULL, "
           "CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES parent (id))"));
  const std::string secret = "pupil-Jansen-4711";
  ASSERT_OK(
      Exec("INSERT INTO parent (id, code) VALUES (?, ?)", {Value(int64_t{1}), Value(secret)}));

  absl::Status duplicate =
      Exec("INSERT INTO parent (id, code) VALUES (?, ?)", {Value(int64_t{2}), Value(secret)});
  EXPECT_EQ(duplicate.code(), absl::StatusCode::kAlreadyExists) << duplicate;
  EXPECT_THAT(duplicate.message(), Not(HasSubstr(secret)));
  if (mysql()) {
    EXPECT_THAT(duplicate.message(), HasSubstr("uq_parent_code"));
  }

  absl::Status primary =
      Exec("INSERT INTO parent (id, code) VALUES (?, ?)", {Value(int64_t{1}), Value("other")});
  EXPECT_EQ(primary.code(), absl::StatusCode::kAlreadyExists) << primary;

  absl::Status foreign = Exec("INSERT INTO child (id, parent_id) VALUES (?, ?)",
                              {Value(int64_t{1}), Value(int64_t{99})});
  EXPECT_EQ(foreign.code(), absl::StatusCode::kFailedPrecondition) << foreign;
  if (mysql()) {
    EXPECT_THAT(foreign.message(), HasSubstr("fk_child_parent"));
  }

  absl::Status not_null =
      Exec("INSERT INTO parent (id, code) VALUES (?, ?)", {Value(int64_t{3}), Null()});
  EXPECT_EQ(not_null.code(), absl::StatusCode::kFailedPrecondition) << not_null;

  if (mysql()) {  // SQLite stores any text in an integer column; strict MySQL refuses it.
    absl::Status bad_int =
        Exec("INSERT INTO child (id, parent_id) VALUES (?, ?)", {Value(int64_t{5}), Value(secret)});
    EXPECT_EQ(bad_int.code(), absl::StatusCode::kFailedPrecondition) << bad_int;
    EXPECT_THAT(bad_int.message(), Not(HasSubstr(secret)));
  }

  // The idempotent-create pattern: a duplicate inside a transaction fails only that statement.
  int64_t found = 0;
  ASSERT_OK(db_->InTransaction([&](Transaction& tx) {
    absl::Status s = tx.Execute("INSERT INTO parent (id, code) VALUES (?, ?)",
                                {Value(int64_t{4}), Value(secret)})
                         .status();
    if (s.code() != absl::StatusCode::kAlreadyExists) return absl::InternalError(s.ToString());
    absl::StatusOr<std::vector<Row>> rows =
        tx.Query("SELECT id FROM parent WHERE code = ?", {Value(secret)});
    if (!rows.ok()) return rows.status();
    found = rows->empty() ? -1 : (*rows)[0].GetInt(0);
    return tx.Execute("INSERT INTO child (id, parent_id) VALUES (1, ?)", {Value(found)}).status();
  }));
  EXPECT_EQ(found, 1);
  EXPECT_EQ(Count("child"), 1);
}

TEST_P(DatabaseTest, SqlErrorsAreInternalAndDoNotLeakParameters) {
  ASSERT_OK(Exec("CREATE TABLE se (id INT PRIMARY KEY, s VARCHAR(50))"));
  const std::string secret = "pupil-de-Vries-0815";
  absl::Status syntax =
      Exec("INSERT INTO se (id, s) VALUESS (?, ?)", {Value(int64_t{1}), Value(secret)});
  EXPECT_EQ(syntax.code(), absl::StatusCode::kInternal) << syntax;
  EXPECT_THAT(syntax.message(), Not(HasSubstr(secret)));

  absl::Status unknown_table = Exec("INSERT INTO nope (s) VALUES (?)", {Value(secret)});
  EXPECT_EQ(unknown_table.code(), absl::StatusCode::kInternal) << unknown_table;
  EXPECT_THAT(unknown_table.message(), Not(HasSubstr(secret)));

  absl::Status arity = Exec("INSERT INTO se (id, s) VALUES (?, ?)", {Value(secret)});
  EXPECT_EQ(arity.code(), absl::StatusCode::kInternal) << arity;
  EXPECT_THAT(arity.message(), Not(HasSubstr(secret)));

  absl::Status two_statements = Exec("DELETE FROM se; DELETE FROM se");
  EXPECT_EQ(two_statements.code(), absl::StatusCode::kInternal) << two_statements;
}

TEST_P(DatabaseTest, SqlInsideAParameterIsStoredVerbatim) {
  ASSERT_OK(Exec("CREATE TABLE x (id INT PRIMARY KEY, s VARCHAR(100))"));
  const std::string hostile = "'); DROP TABLE x; --";
  const std::string quotes = "\" \\' \\ ` %_ ;\n";
  ASSERT_OK(Exec("INSERT INTO x (id, s) VALUES (1, ?)", {Value(hostile)}));
  ASSERT_OK(Exec("INSERT INTO x (id, s) VALUES (2, ?)", {Value(quotes)}));
  absl::StatusOr<std::vector<Row>> rows = Select("SELECT s FROM x WHERE s = ?", {Value(hostile)});
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].GetString(0), hostile);
  rows = Select("SELECT s FROM x WHERE id = 2");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].GetString(0), quotes);
  EXPECT_EQ(Count("x"), 2);
}

#if defined(SWV_TEST_BACKEND_MYSQL)
INSTANTIATE_TEST_SUITE_P(Mysql, DatabaseTest, ::testing::Values(Backend::kMysql),
                         [](const auto&) { return std::string("MariaDB"); });
#else
INSTANTIATE_TEST_SUITE_P(Sqlite, DatabaseTest, ::testing::Values(Backend::kSqlite),
                         [](const auto&) { return std::string("SQLite"); });
#endif

}  // namespace
}  // namespace swv::storage
