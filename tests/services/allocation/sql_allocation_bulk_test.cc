// Store tests of the count rows' bulk path, on SQLite and MariaDB: rows appended in transactions of
// thousands (one LOAD DATA LOCAL INFILE each on MariaDB, batched INSERTs on SQLite) come back
// exactly; a duplicate in the middle of a transaction leaves nothing of it; totals handed to
// CompleteCountSetWithTotals are stored as given and equal a recount. And storage::InsertRows
// itself, which the count rows use (its only caller so far, hence tested here): any text round
// trips (quotes, backslashes, tabs, newlines, \N, unicode, NULL), a value that does not fit writes
// nothing, the INSERTs take over when the bulk path is not available, the temporary files are
// gone afterwards, and names that are not plain identifiers are refused.
#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "services/allocation/allocation_repository.h"
#include "services/kernel/errors.h"
#include "storage/bulk.h"
#include "storage/observed_database.h"
#include "storage/reads.h"
#include "tests/services/allocation/count_store_fixture.h"
#include "tests/testing/scratch_database.h"

namespace swv::allocation {
namespace {

// Row i of a synthetic file: 7 schools, lines with every character a line may hold.
ValidCountRow RowAt(int i) {
  static const char* const kSchools[] = {"11AA00", "22BB00", "33CC00", "44SB00",
                                         "55SO00", "66SO00", "77SB00"};
  ValidCountRow row;
  row.school = kSchools[i % 7];
  row.line = absl::StrCat("groep ", i % 8 + 1, ".leerling-", i, "_x");
  row.pupils = i % 97 == 0 ? kMaxPupilsPerRow : i % 30 + 1;
  row.sbo_pupils = row.school[2] == 'S' && row.school[3] == 'B' ? row.pupils / 2 : 0;
  row.so_cat1_pupils = row.school[2] == 'S' && row.school[3] == 'O' ? row.pupils / 3 : 0;
  row.so_cat2_pupils = row.so_cat1_pupils > 0 ? 1 : 0;
  row.so_cat3_pupils = i % 5 == 0 && row.so_cat1_pupils > 1 ? 1 : 0;
  return row;
}

std::string Describe(const ValidCountRow& r) {
  return absl::StrCat(r.school, "|", r.line, "|", r.pupils, "/", r.sbo_pupils, "/",
                      r.so_cat1_pupils, "/", r.so_cat2_pupils, "/", r.so_cat3_pupils);
}

std::string Describe(const SchoolCount& c) {
  return absl::StrCat(c.school, " ", c.pupils, "/", c.sbo_pupils, "/", c.so_cat1_pupils, "/",
                      c.so_cat2_pupils, "/", c.so_cat3_pupils);
}

class CountBulkStoreTest : public CountStoreTest {
 protected:
  void SetUp() override { SetUpStore(500, 20'000); }  // the production sizes

  // Every stored row of the set, by school and line.
  std::vector<std::string> StoredRows(int64_t version) {
    absl::StatusOr<std::vector<std::string>> rows = storage::ReadAll<std::string>(
        db(),
        "SELECT school, line, pupils, sbo_pupils, so_cat1_pupils, so_cat2_pupils, "
        "so_cat3_pupils FROM alloc_count_rows WHERE tenant = ? AND count_date = ? AND "
        "version = ? ORDER BY school, line",
        {std::string(kTenant), std::string(kDate), version}, [](const storage::Row& row) {
          return Describe(ValidCountRow{row.GetString(0), row.GetString(1), row.GetInt(2),
                                        row.GetInt(3), row.GetInt(4), row.GetInt(5),
                                        row.GetInt(6)});
        });
    EXPECT_TRUE(rows.ok()) << rows.status();
    return rows.ok() ? *rows : std::vector<std::string>{};
  }

  std::vector<std::string> Totals(const char* sql, int64_t version) {
    absl::StatusOr<std::vector<std::string>> totals = storage::ReadAll<std::string>(
        db(), sql, {std::string(kTenant), std::string(kDate), version},
        [](const storage::Row& row) {
          return Describe(SchoolCount{row.GetString(0), row.GetInt(1), row.GetInt(2), row.GetInt(3),
                                      row.GetInt(4), row.GetInt(5)});
        });
    EXPECT_TRUE(totals.ok()) << totals.status();
    return totals.ok() ? *totals : std::vector<std::string>{};
  }
};

TEST_P(CountBulkStoreTest, ManyRowsInOneTransactionRoundTripExactlyWithTheirTotals) {
  const int64_t version = Begin();
  // 45,678 rows: two full transactions of 20,000 and a partial one, as one call.
  std::vector<ValidCountRow> rows;
  std::map<std::string, SchoolCount> sums;
  std::map<std::string, std::string> expected;  // by school and line, as stored rows sort
  for (int i = 0; i < 45'678; ++i) {
    rows.push_back(RowAt(i));
    const ValidCountRow& r = rows.back();
    expected[absl::StrCat(r.school, "|", r.line)] = Describe(r);
    AddToSchoolCount(r, sums[r.school]);
  }
  absl::Status appended = repository_->AppendCountRows(kTenant, kDate, version, rows);
  ASSERT_TRUE(appended.ok()) << appended;

  std::vector<std::string> want;
  for (const auto& [key, row] : expected) want.push_back(row);
  EXPECT_EQ(StoredRows(version), want);

  std::vector<SchoolCount> totals;
  int64_t pupils = 0;
  for (const auto& [school, sum] : sums) {
    totals.push_back(sum);
    pupils += sum.pupils;
  }
  absl::StatusOr<CountSetRecord> set = repository_->CompleteCountSetWithTotals(
      kTenant, kDate, version, /*submission=*/false, 45'678, totals);
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_TRUE(set->complete);
  EXPECT_EQ(set->row_count, 45'678);
  EXPECT_EQ(set->school_count, 7);
  EXPECT_EQ(set->total_pupils, pupils);
  std::vector<std::string> given;
  for (const SchoolCount& total : totals) given.push_back(Describe(total));
  EXPECT_EQ(Totals("SELECT school, pupils, sbo_pupils, so_cat1_pupils, so_cat2_pupils, "
                   "so_cat3_pupils FROM alloc_school_counts WHERE tenant = ? AND count_date = ? "
                   "AND version = ? ORDER BY school",
                   version),
            given);
  EXPECT_EQ(Totals("SELECT school, SUM(pupils), SUM(sbo_pupils), SUM(so_cat1_pupils), "
                   "SUM(so_cat2_pupils), SUM(so_cat3_pupils) FROM alloc_count_rows WHERE "
                   "tenant = ? AND count_date = ? AND version = ? GROUP BY school ORDER BY school",
                   version),
            given);
}

TEST_P(CountBulkStoreTest, ADuplicateInTheMiddleOfATransactionLeavesNothingOfIt) {
  const int64_t version = Begin();
  std::vector<ValidCountRow> first;
  for (int i = 0; i < 20'000; ++i) first.push_back(RowAt(i));
  ASSERT_TRUE(repository_->AppendCountRows(kTenant, kDate, version, first).ok());

  // Row 10,000 of the next transaction repeats a row of the first one.
  std::vector<ValidCountRow> second;
  for (int i = 20'000; i < 40'000; ++i) second.push_back(RowAt(i));
  second[10'000] = RowAt(123);
  absl::Status duplicate = repository_->AppendCountRows(kTenant, kDate, version, second);
  EXPECT_EQ(duplicate.code(), absl::StatusCode::kInvalidArgument) << duplicate;
  EXPECT_EQ(ReasonOf(duplicate), "DUPLICATE_ROW");
  EXPECT_EQ(StoredRows(version).size(), 20'000u);

  // Two equal rows within one transaction: the same.
  std::vector<ValidCountRow> third;
  for (int i = 40'000; i < 43'000; ++i) third.push_back(RowAt(i));
  third[1'700] = third[900];
  duplicate = repository_->AppendCountRows(kTenant, kDate, version, third);
  EXPECT_EQ(ReasonOf(duplicate), "DUPLICATE_ROW") << duplicate;
  EXPECT_EQ(StoredRows(version).size(), 20'000u);
}

// --- storage::InsertRows ------------------------------------------------------------------------

constexpr absl::string_view kTextColumns[] = {"id", "t", "n"};

class InsertRowsTest : public swv::testing::DialectTest {
 protected:
  void SetUp() override {
    DialectTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    const bool mysql = GetParam() == storage::Dialect::kMysql;
    absl::Status created = db().InTransaction([&](storage::Transaction& tx) {
      return tx
          .Execute(absl::StrCat(
              "CREATE TABLE bulk_text_rows (id BIGINT NOT NULL PRIMARY KEY, t VARCHAR(40) NULL, "
              "n BIGINT NULL)",
              mysql ? " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin" : ""))
          .status();
    });
    ASSERT_TRUE(created.ok()) << created;
  }

  absl::StatusOr<int64_t> Insert(const std::vector<storage::Value>& values,
                                 absl::string_view table = "bulk_text_rows") {
    absl::StatusOr<int64_t> inserted;
    absl::Status status = db().InTransaction([&](storage::Transaction& tx) {
      inserted = storage::InsertRows(tx, {table, kTextColumns, 2}, values);
      return inserted.status();
    });
    if (!status.ok()) return status;
    return inserted;
  }

  // "id:t:n" per stored row, NULL as "NULL".
  std::vector<std::string> Stored() {
    absl::StatusOr<std::vector<std::string>> rows = storage::ReadAll<std::string>(
        db(), "SELECT id, t, n FROM bulk_text_rows ORDER BY id", {}, [](const storage::Row& row) {
          return absl::StrCat(row.GetInt(0), ":", row.IsNull(1) ? "NULL" : row.GetString(1), ":",
                              row.IsNull(2) ? "NULL" : row.GetString(2));
        });
    EXPECT_TRUE(rows.ok()) << rows.status();
    return rows.ok() ? *rows : std::vector<std::string>{};
  }
};

// Text a careless writer of LOAD DATA files or SQL literals would break.
const std::vector<std::string>& AwkwardTexts() {
  static const auto* texts = new std::vector<std::string>{"it's \"quoted\"",
                                                          "back\\slash\\",
                                                          "tab\there",
                                                          "new\nline",
                                                          "carriage\rreturn",
                                                          "\\N",
                                                          "\\t not a tab",
                                                          "",
                                                          " spaces around ",
                                                          "Zoë Ünal ☃ 𝄞",
                                                          "ends with backslash\\",
                                                          std::string("nul\0byte", 8),
                                                          "a,b;c'); DROP TABLE x"};
  return *texts;
}

std::vector<storage::Value> AwkwardRows() {
  std::vector<storage::Value> values;
  int64_t id = 0;
  for (const std::string& text : AwkwardTexts()) {
    values.insert(values.end(), {++id, text, id * 1000});
  }
  values.insert(values.end(), {++id, storage::Null(), std::numeric_limits<int64_t>::min()});
  values.insert(values.end(), {++id, std::string("max"), std::numeric_limits<int64_t>::max()});
  values.insert(values.end(), {++id, std::string("no number"), storage::Null()});
  return values;
}

std::vector<std::string> AwkwardExpected() {
  std::vector<std::string> out;
  int64_t id = 0;
  for (const std::string& text : AwkwardTexts()) {
    ++id;
    out.push_back(absl::StrCat(id, ":", text, ":", id * 1000));
  }
  out.push_back(absl::StrCat(++id, ":NULL:", std::numeric_limits<int64_t>::min()));
  out.push_back(absl::StrCat(++id, ":max:", std::numeric_limits<int64_t>::max()));
  out.push_back(absl::StrCat(++id, ":no number:NULL"));
  return out;
}

// A private TMPDIR for one test, put back (and removed) afterwards.
class ScopedTmpdir {
 public:
  explicit ScopedTmpdir(absl::string_view name_prefix) {
    const char* old = std::getenv("TMPDIR");
    if (old != nullptr) old_ = old;
    std::string path = absl::StrCat(::testing::TempDir(), name_prefix, "XXXXXX");
    path_ = mkdtemp(path.data()) != nullptr ? path : "";
    setenv("TMPDIR", path_.c_str(), 1);
  }
  ~ScopedTmpdir() {
    if (old_.has_value()) {
      setenv("TMPDIR", old_->c_str(), 1);
    } else {
      unsetenv("TMPDIR");
    }
    rmdir(path_.c_str());
  }
  const std::string& path() const { return path_; }
  int Entries() const {
    int count = 0;
    if (DIR* dir = opendir(path_.c_str())) {
      while (dirent* entry = readdir(dir)) {
        if (std::string(entry->d_name) != "." && std::string(entry->d_name) != "..") ++count;
      }
      closedir(dir);
    }
    return count;
  }

 private:
  std::string path_;
  std::optional<std::string> old_;
};

TEST_P(InsertRowsTest, AnyTextRoundTripsAndTheTemporaryFileIsGone) {
  ScopedTmpdir tmpdir("swv-bulk-");
  ASSERT_FALSE(tmpdir.path().empty());
  absl::StatusOr<int64_t> inserted = Insert(AwkwardRows());
  ASSERT_TRUE(inserted.ok()) << inserted.status();
  EXPECT_EQ(*inserted, static_cast<int64_t>(AwkwardExpected().size()));
  EXPECT_EQ(Stored(), AwkwardExpected());
  EXPECT_EQ(tmpdir.Entries(), 0);
}

TEST_P(InsertRowsTest, TheInsertsTakeOverWhenTheBulkPathIsUnavailable) {
  // A temporary directory whose name needs quoting keeps MariaDB off LOAD DATA.
  ScopedTmpdir tmpdir("swv-it's-");
  ASSERT_FALSE(tmpdir.path().empty());
  absl::StatusOr<int64_t> inserted = Insert(AwkwardRows());
  ASSERT_TRUE(inserted.ok()) << inserted.status();
  EXPECT_EQ(Stored(), AwkwardExpected());
  EXPECT_EQ(tmpdir.Entries(), 0);
}

TEST_P(InsertRowsTest, AValueThatDoesNotFitOrADuplicateWritesNothing) {
  ScopedTmpdir tmpdir("swv-bulk-");
  // A NULL in the middle for a NOT NULL column.
  std::vector<storage::Value> values = {int64_t{1},      std::string("fits"),  int64_t{1},
                                        storage::Null(), std::string("no id"), int64_t{2},
                                        int64_t{3},      std::string("fits"),  int64_t{3}};
  absl::StatusOr<int64_t> inserted = Insert(values);
  EXPECT_EQ(inserted.status().code(), absl::StatusCode::kFailedPrecondition) << inserted.status();
  EXPECT_TRUE(Stored().empty());
  if (GetParam() == storage::Dialect::kMysql) {  // SQLite does not enforce VARCHAR's length
    values = {int64_t{1}, std::string("fits"),  int64_t{1},
              int64_t{2}, std::string(41, 'x'), int64_t{2},
              int64_t{3}, std::string("fits"),  int64_t{3}};
    inserted = Insert(values);
    EXPECT_EQ(inserted.status().code(), absl::StatusCode::kFailedPrecondition) << inserted.status();
    EXPECT_TRUE(Stored().empty());
  }

  values = {int64_t{1}, std::string("a"), int64_t{1},       int64_t{2}, std::string("b"),
            int64_t{2}, int64_t{1},       std::string("c"), int64_t{3}};
  inserted = Insert(values);
  EXPECT_EQ(inserted.status().code(), absl::StatusCode::kAlreadyExists) << inserted.status();
  EXPECT_TRUE(Stored().empty());
  EXPECT_EQ(tmpdir.Entries(), 0);
}

// Counts the INSERT statements an observed database runs into bulk_text_rows.
class InsertCounter final : public storage::StatementObserver {
 public:
  void OnStatement(absl::string_view operation, absl::Duration, absl::StatusCode) override {
    if (operation == "insert bulk_text_rows") ++inserts;
  }
  int inserts = 0;
};

TEST_P(InsertRowsTest, AnObservedDatabaseStillTakesTheBulkPath) {
  // Services run on a database wrapped for metrics; InsertRows reaches the driver underneath.
  storage::DatabaseOptions options;
  options.url = scratch_->url();
  absl::StatusOr<std::unique_ptr<storage::Database>> opened = storage::OpenDatabase(options);
  ASSERT_TRUE(opened.ok()) << opened.status();
  InsertCounter counter;
  std::unique_ptr<storage::Database> observed =
      storage::ObserveStatements(*std::move(opened), &counter);
  absl::Status status = observed->InTransaction([&](storage::Transaction& tx) {
    return storage::InsertRows(tx, {"bulk_text_rows", kTextColumns, 2}, AwkwardRows()).status();
  });
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_EQ(Stored(), AwkwardExpected());
  // MariaDB: one LOAD DATA, which the observer does not see; SQLite: INSERTs of two rows.
  EXPECT_EQ(counter.inserts, GetParam() == storage::Dialect::kMysql
                                 ? 0
                                 : static_cast<int>((AwkwardExpected().size() + 1) / 2));
}

TEST_P(InsertRowsTest, NamesThatAreNotPlainIdentifiersAndPartRowsAreRefused) {
  const std::vector<storage::Value> row = {int64_t{1}, std::string("a"), int64_t{1}};
  EXPECT_EQ(Insert(row, "bulk_text_rows; DROP TABLE x").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Insert(row, "Bulk_text_rows").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Insert({int64_t{1}, std::string("a")}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(Stored().empty());
}

INSTANTIATE_TEST_SUITE_P(Dialects, CountBulkStoreTest, SWV_DIALECTS);
INSTANTIATE_TEST_SUITE_P(Dialects, InsertRowsTest, SWV_DIALECTS);

}  // namespace
}  // namespace swv::allocation
