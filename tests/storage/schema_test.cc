// The table-definition helper on both dialects: its instant conversion is exact, its
// dialect-only statements run on their dialect alone, and a migration adopted from another
// component runs on fresh databases and is only recorded where it ran before; the record
// placeholders stand for a record's first columns, its pupil and its unique keys.
#include "storage/schema.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "tests/testing/scratch_database.h"

namespace swv::storage {
namespace {

class SchemaTest : public ::testing::TestWithParam<Dialect> {
 protected:
  void SetUp() override {
    if (GetParam() == Dialect::kMysql) SWV_SKIP_OR_FAIL_WITHOUT_MYSQL();
    absl::StatusOr<std::unique_ptr<testing::ScratchDatabase>> scratch =
        testing::ScratchDatabase::Create(GetParam());
    ASSERT_TRUE(scratch.ok()) << scratch.status();
    scratch_ = *std::move(scratch);
  }

  absl::StatusOr<std::vector<Row>> Query(const std::string& sql) {
    std::vector<Row> rows;
    absl::Status status = scratch_->db().InTransaction([&](Transaction& tx) -> absl::Status {
      absl::StatusOr<std::vector<Row>> result = tx.Query(sql);
      if (!result.ok()) return result.status();
      rows = *std::move(result);
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return rows;
  }

  absl::Status Execute(const std::string& sql) {
    return scratch_->db().InTransaction(
        [&](Transaction& tx) -> absl::Status { return tx.Execute(sql).status(); });
  }

  bool TableExists(const std::string& table) { return Query("SELECT 1 FROM " + table).ok(); }

  std::unique_ptr<testing::ScratchDatabase> scratch_;
};

TEST_P(SchemaTest, RfcTextBecomesExactMicroseconds) {
  const std::vector<std::string> instants = {"2026-03-09T14:05:00.123456Z", "2026-03-09T14:05:00Z",
                                             "1999-12-31T23:59:59.5Z",
                                             "2024-02-29T00:00:00.000001Z"};
  std::string sql = "CREATE TABLE instants (ordinal INT NOT NULL, t VARCHAR(40) NOT NULL)";
  for (size_t i = 0; i < instants.size(); ++i) {
    absl::StrAppend(&sql, ";\nINSERT INTO instants VALUES (", i, ", '", instants[i], "')");
  }
  absl::StrAppend(&sql, ";\nALTER TABLE instants %ADD_COLUMN% t_us BIGINT NOT NULL DEFAULT 0",
                  ";\nUPDATE instants SET t_us = %RFC3339_TO_MICROS(t)%");
  ASSERT_TRUE(ApplyMigrations(scratch_->db(), "schema_test", {Dialected(1, "instants", sql)}).ok());

  absl::StatusOr<std::vector<Row>> rows = Query("SELECT t_us FROM instants ORDER BY ordinal");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), instants.size());
  for (size_t i = 0; i < instants.size(); ++i) {
    absl::Time expected;
    std::string error;
    ASSERT_TRUE(absl::ParseTime(absl::RFC3339_full, instants[i], &expected, &error)) << error;
    EXPECT_EQ((*rows)[i].GetInt(0), absl::ToUnixMicros(expected)) << instants[i];
  }
}

TEST_P(SchemaTest, DialectOnlyStatementsRunOnTheirDialectAlone) {
  ASSERT_TRUE(ApplyMigrations(scratch_->db(), "schema_test",
                              {Dialected(1, "one table per dialect",
                                         "%SQLITE_ONLY% CREATE TABLE only_sqlite (k INT);\n"
                                         "%MARIADB_ONLY% CREATE TABLE only_mariadb (k INT)")})
                  .ok());
  EXPECT_EQ(TableExists("only_sqlite"), GetParam() == Dialect::kSqlite);
  EXPECT_EQ(TableExists("only_mariadb"), GetParam() == Dialect::kMysql);
}

TEST_P(SchemaTest, AnAdoptedMigrationIsRecordedWhereItRanBeforeAndRunsElsewhere) {
  // Not re-runnable on purpose: running it twice would fail on the existing table.
  const std::string create = "CREATE TABLE adopted (k INT)";
  ASSERT_TRUE(ApplyMigrations(scratch_->db(), "old_owner", {Dialected(1, "adopted", create)}).ok());
  ASSERT_TRUE(ApplyMigrations(scratch_->db(), "new_owner", {Dialected(1, "adopted", create)},
                              {{1, "old_owner", 1}})
                  .ok());
  absl::StatusOr<std::vector<Row>> recorded =
      Query("SELECT version FROM schema_migrations WHERE component = 'new_owner'");
  ASSERT_TRUE(recorded.ok()) << recorded.status();
  EXPECT_EQ(recorded->size(), 1u);

  // Where the old owner never ran it, the new one creates the table.
  ASSERT_TRUE(ApplyMigrations(scratch_->db(), "fresh_owner",
                              {Dialected(1, "fresh", "CREATE TABLE fresh (k INT)")},
                              {{1, "never_ran", 1}})
                  .ok());
  EXPECT_TRUE(TableExists("fresh"));
}

TEST(SchemaTextTest, RecordPlaceholdersStandForTheRecordColumnsAndKeys) {
  const Migration m =
      Dialected(1, "records",
                "CREATE TABLE notes (\n  %RECORD_KEY(note_id)%,\n  %PUPIL_COLUMNS%,\n"
                "  %RECORD_UNIQUE(notes, note_id)%\n)%TABLE_OPTIONS%");
  EXPECT_EQ(m.sqlite_sql,
            "CREATE TABLE notes (\n"
            "  position INTEGER PRIMARY KEY AUTOINCREMENT,\n"
            "  tenant VARCHAR(16) NOT NULL,\n"
            "  note_id VARCHAR(40) NOT NULL,\n"
            "  pupil_id VARCHAR(40) NOT NULL,\n"
            "  school VARCHAR(6) NOT NULL,\n"
            "  lvs_pupil_number VARCHAR(32) NOT NULL,\n"
            "  CONSTRAINT notes_id UNIQUE (tenant, note_id),\n"
            "  CONSTRAINT notes_request_id UNIQUE (tenant, request_id)\n"
            ")");
  EXPECT_NE(m.mysql_sql.find("position BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"),
            std::string::npos);
}

TEST_P(SchemaTest, RecordPlaceholdersMakeATableWithItsUniqueKeys) {
  ASSERT_TRUE(ApplyMigrations(scratch_->db(), "schema_test",
                              {Dialected(1, "records",
                                         "CREATE TABLE notes (\n  %RECORD_KEY(note_id)%,\n"
                                         "  %PUPIL_COLUMNS%,\n  %RECORD_META%,\n"
                                         "  %RECORD_UNIQUE(notes, note_id)%\n)%TABLE_OPTIONS%")})
                  .ok());
  const std::string insert =
      "INSERT INTO notes (tenant, note_id, pupil_id, school, lvs_pupil_number, request_id, "
      "version, create_time_us, update_time_us, created_by, updated_by) VALUES ";
  ASSERT_TRUE(Execute(insert + "('t', 'n1', 'p', '00AA', '1', 'r1', 1, 0, 0, 'a', 'a')").ok());
  EXPECT_FALSE(Execute(insert + "('t', 'n1', 'p', '00AA', '1', 'r2', 1, 0, 0, 'a', 'a')").ok());
  EXPECT_FALSE(Execute(insert + "('t', 'n2', 'p', '00AA', '1', 'r1', 1, 0, 0, 'a', 'a')").ok());
  EXPECT_TRUE(Execute(insert + "('u', 'n1', 'p', '00AA', '1', 'r1', 1, 0, 0, 'a', 'a')").ok());
}

INSTANTIATE_TEST_SUITE_P(Dialects, SchemaTest, ::testing::Values(Dialect::kSqlite, Dialect::kMysql),
                         [](const auto& test_param) {
                           return testing::DialectName(test_param.param);
                         });

}  // namespace
}  // namespace swv::storage
