// Store tests of the per-school totals (alloc_school_counts) kept with a count set's rows
// (alloc_count_rows), on SQLite and MariaDB: after an import, an accepted submission (the way a
// correction replaces a school's rows) and an abandoned import, the stored totals are what a
// recount of the rows gives, and a calculation from the stored totals equals one from the rows.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "gtest/gtest.h"
#include "services/allocation/allocation_repository.h"
#include "services/allocation/domain/calculation.h"
#include "storage/reads.h"
#include "tests/services/allocation/count_store_fixture.h"
#include "tests/services/allocation/domain/calculation_test_util.h"
#include "tests/testing/scratch_database.h"

namespace swv::allocation {
namespace {

ValidCountRow Row(const std::string& school, int line, int64_t pupils, int64_t sbo = 0,
                  int64_t so1 = 0, int64_t so2 = 0, int64_t so3 = 0) {
  return ValidCountRow{school, absl::StrCat("L", line), pupils, sbo, so1, so2, so3};
}

// The example year's counts (tests/services/allocation/domain/example_year.h) spread over
// several rows per school, so a school's total is a sum.
std::vector<ValidCountRow> ExampleRows() {
  return {Row("11AA00", 1, 60),          Row("11AA00", 2, 40),
          Row("22BB00", 1, 120),         Row("22BB00", 2, 79),
          Row("22BB00", 3, 1),           Row("33CC00", 1, 300),
          Row("44SB00", 1, 30, 25),      Row("44SB00", 2, 20, 15),
          Row("55SO00", 1, 12, 0, 4, 3), Row("55SO00", 2, 18, 0, 6, 2, 2)};
}

// "school pupils/sbo/so1/so2/so3", one per school in code order: readable when a test fails.
std::vector<std::string> Describe(const std::vector<SchoolCount>& counts) {
  std::vector<std::string> out;
  for (const SchoolCount& c : counts) {
    out.push_back(absl::StrCat(c.school, " ", c.pupils, "/", c.sbo_pupils, "/", c.so_cat1_pupils,
                               "/", c.so_cat2_pupils, "/", c.so_cat3_pupils));
  }
  return out;
}

class CountTotalsStoreTest : public CountStoreTest {
 protected:
  // Small batches, so one import spans several statements and transactions.
  void SetUp() override { SetUpStore(/*rows_per_statement=*/2, /*rows_per_transaction=*/3); }

  // A new importing set; rows appended in two calls.
  int64_t BeginWithRows(const std::vector<ValidCountRow>& rows, const std::string& by = "office") {
    const int64_t version = Begin(by);
    if (version == 0) return 0;
    const size_t half = rows.size() / 2;
    absl::Status first = repository_->AppendCountRows(kTenant, kDate, version,
                                                      absl::MakeConstSpan(rows).subspan(0, half));
    EXPECT_TRUE(first.ok()) << first;
    absl::Status second = repository_->AppendCountRows(kTenant, kDate, version,
                                                       absl::MakeConstSpan(rows).subspan(half));
    EXPECT_TRUE(second.ok()) << second;
    return version;
  }

  CountSetRecord Complete(int64_t version, bool submission = false) {
    absl::StatusOr<CountSetRecord> done =
        repository_->CompleteCountSet(kTenant, kDate, version, submission);
    EXPECT_TRUE(done.ok()) << done.status();
    return done.ok() ? *done : CountSetRecord{};
  }

  std::vector<SchoolCount> Stored(int64_t version) {
    absl::StatusOr<std::vector<SchoolCount>> counts =
        repository_->SchoolCounts(kTenant, kDate, version);
    EXPECT_TRUE(counts.ok()) << counts.status();
    return counts.ok() ? *counts : std::vector<SchoolCount>{};
  }

  // The totals counted afresh from the stored rows.
  std::vector<SchoolCount> Recount(int64_t version) {
    absl::StatusOr<std::vector<SchoolCount>> counts = storage::ReadAll<SchoolCount>(
        db(),
        "SELECT school, SUM(pupils), SUM(sbo_pupils), SUM(so_cat1_pupils), SUM(so_cat2_pupils), "
        "SUM(so_cat3_pupils) FROM alloc_count_rows WHERE tenant = ? AND count_date = ? AND "
        "version = ? GROUP BY school ORDER BY school",
        {std::string(kTenant), std::string(kDate), version}, [](const storage::Row& row) {
          return SchoolCount{row.GetString(0), row.GetInt(1), row.GetInt(2),
                             row.GetInt(3),    row.GetInt(4), row.GetInt(5)};
        });
    EXPECT_TRUE(counts.ok()) << counts.status();
    return counts.ok() ? *counts : std::vector<SchoolCount>{};
  }

  int64_t CountOf(const std::string& table, int64_t version) {
    absl::StatusOr<absl::optional<int64_t>> count = storage::ReadFirst<int64_t>(
        db(),
        absl::StrCat("SELECT COUNT(*) FROM ", table,
                     " WHERE tenant = ? AND count_date = ? AND version = ?"),
        {std::string(kTenant), std::string(kDate), version},
        [](const storage::Row& row) { return row.GetInt(0); });
    EXPECT_TRUE(count.ok()) << count.status();
    return count.ok() && *count ? **count : -1;
  }
};

TEST_P(CountTotalsStoreTest, TotalsEqualARecountAfterAnImport) {
  const int64_t version = BeginWithRows(ExampleRows());
  const CountSetRecord set = Complete(version);

  EXPECT_EQ(Describe(Stored(version)), Describe(Recount(version)));
  EXPECT_EQ(Describe(Stored(version)), Describe(testing::ExampleCounts()));
  EXPECT_EQ(set.row_count, 10);
  EXPECT_EQ(set.school_count, 5);
  EXPECT_EQ(set.total_pupils, 680);
}

TEST_P(CountTotalsStoreTest, TotalsEqualARecountAfterASubmissionReplacesASchoolsRows) {
  const int64_t base = BeginWithRows(ExampleRows());
  Complete(base);
  // A correction of 22BB00 (its three rows become two with other counts) and of 44SB00.
  const int64_t submission = BeginWithRows(
      {Row("22BB00", 1, 150), Row("22BB00", 7, 60), Row("44SB00", 1, 51, 41)}, "board:BB");
  Complete(submission, /*submission=*/true);
  CountSetRecord merged_set;
  merged_set.tenant = kTenant;
  merged_set.count_date = kDate;
  merged_set.created_by = "office";
  absl::StatusOr<CountSetRecord> merged = repository_->BeginCountSet(merged_set, "");
  ASSERT_TRUE(merged.ok()) << merged.status();
  absl::Status copied =
      repository_->MergeCountRows(kTenant, kDate, merged->version, base, submission);
  ASSERT_TRUE(copied.ok()) << copied;
  const CountSetRecord set = Complete(merged->version);

  EXPECT_EQ(Describe(Stored(merged->version)), Describe(Recount(merged->version)));
  EXPECT_EQ(
      Describe(Stored(merged->version)),
      (std::vector<std::string>{"11AA00 100/0/0/0/0", "22BB00 210/0/0/0/0", "33CC00 300/0/0/0/0",
                                "44SB00 51/41/0/0/0", "55SO00 30/0/10/5/2"}));
  EXPECT_EQ(set.row_count, 8);  // 5 base rows of the three other schools, 3 submitted
  EXPECT_EQ(set.total_pupils, 691);
  // The versions it was made from keep their own totals.
  EXPECT_EQ(Describe(Stored(base)), Describe(testing::ExampleCounts()));
  EXPECT_EQ(Describe(Stored(base)), Describe(Recount(base)));
  EXPECT_EQ(Describe(Stored(submission)), Describe(Recount(submission)));
}

TEST_P(CountTotalsStoreTest, AnAbandonedImportLeavesNeitherRowsNorTotals) {
  const int64_t version = BeginWithRows(ExampleRows());
  ASSERT_EQ(CountOf("alloc_count_rows", version), 10);
  ASSERT_TRUE(repository_->AbandonCountSet(kTenant, kDate, version).ok());
  EXPECT_EQ(CountOf("alloc_count_rows", version), 0);
  EXPECT_EQ(CountOf("alloc_school_counts", version), 0);
  EXPECT_EQ(CountOf("alloc_count_sets", version), 0);
}

TEST_P(CountTotalsStoreTest, ACompleteSetIsNeverAbandoned) {
  // An importer that saw its completion fail after the commit abandons the set: it keeps its
  // rows and its totals, which still match.
  const int64_t version = BeginWithRows(ExampleRows());
  Complete(version);
  ASSERT_TRUE(repository_->AbandonCountSet(kTenant, kDate, version).ok());
  EXPECT_EQ(CountOf("alloc_count_rows", version), 10);
  EXPECT_EQ(Describe(Stored(version)), Describe(Recount(version)));
  EXPECT_EQ(Describe(Stored(version)), Describe(testing::ExampleCounts()));
}

TEST_P(CountTotalsStoreTest, ACalculationFromTheStoredTotalsEqualsOneFromTheRows) {
  const int64_t version = BeginWithRows(ExampleRows());
  Complete(version);
  CalculationInput from_totals = testing::ExampleInput();
  from_totals.counts = Stored(version);
  CalculationInput from_rows = testing::ExampleInput();
  from_rows.counts = Recount(version);
  absl::StatusOr<CalculationResult> totals = Calculate(from_totals);
  absl::StatusOr<CalculationResult> rows = Calculate(from_rows);
  ASSERT_TRUE(totals.ok()) << totals.status();
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ(CalculationCsv(*totals), CalculationCsv(*rows));
  EXPECT_EQ(Fingerprint(*totals), Fingerprint(*rows));
  // And both are the example year of docs/allocation.md.
  absl::StatusOr<CalculationResult> example = Calculate(testing::ExampleInput());
  ASSERT_TRUE(example.ok()) << example.status();
  EXPECT_EQ(Fingerprint(*totals), Fingerprint(*example));
}

INSTANTIATE_TEST_SUITE_P(Dialects, CountTotalsStoreTest, SWV_DIALECTS);

}  // namespace
}  // namespace swv::allocation
