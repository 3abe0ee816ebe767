// The streamed import's bulk path through the gRPC API, on SQLite and MariaDB: a file of several
// flushes (20,000 rows each are written before the next arrive) stores every row and the per-school
// totals summed on the way, which equal a recount of the rows; a bad row or a duplicate that
// arrives after earlier rows were written refuses the import with the field and row named, and
// nothing of it stays (no set, no rows, no totals).
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "services/kernel/errors.h"
#include "storage/reads.h"
#include "tests/services/allocation/allocation_server_fixture.h"

namespace swv::allocation {
namespace {

// Row i of the streamed file: the example year's in-region schools, pupils 1-4, every third row
// of the SBO school with an SBO pupil.
pb::CountRow RowAt(int i) {
  static const char* const kSchools[] = {"11AA00", "22BB00", "33CC00", "44SB00"};
  pb::CountRow row;
  row.set_school(kSchools[i % 4]);
  row.set_line(absl::StrCat("leerling ", i));
  row.set_pupils(i % 4 + 1);
  if (i % 4 == 3 && i % 3 == 0) row.set_sbo_pupils(1);
  return row;
}

class AllocationBulkServerTest : public AllocationServerTest {
 protected:
  // Streams rows 0..rows-1 in chunks of 4,000 (written in flushes of 20,000); `changes` replace
  // rows by index.
  std::pair<grpc::Status, pb::CountSet> Stream(const std::string& request_id, int rows,
                                               const std::map<int, pb::CountRow>& changes = {}) {
    pb::CountSet set;
    auto context = Context();
    auto writer = stub_->StreamImportCounts(context.get(), &set);
    for (int first = 0; first < rows; first += 10'000) {
      pb::ImportCountsChunk chunk;
      if (first == 0) {
        chunk.set_parent(absl::StrCat(kSwv, "/count-dates/2025-02-01"));
        chunk.set_request_id(request_id);
      }
      for (int i = first; i < std::min(rows, first + 10'000); ++i) {
        auto changed = changes.find(i);
        *chunk.add_counts() = changed == changes.end() ? RowAt(i) : changed->second;
      }
      if (!writer->Write(chunk)) break;
    }
    writer->WritesDone();
    grpc::Status status = writer->Finish();
    return {status, set};
  }

  // "school pupils/sbo/so1/so2/so3" per school, from `sql` over (tenant, count date).
  std::vector<std::string> Totals(const std::string& sql) {
    absl::StatusOr<std::vector<std::string>> totals = storage::ReadAll<std::string>(
        scratch_->db(), sql, {std::string("PO2203"), std::string("2025-02-01")},
        [](const storage::Row& row) {
          return absl::StrCat(row.GetString(0), " ", row.GetInt(1), "/", row.GetInt(2), "/",
                              row.GetInt(3), "/", row.GetInt(4), "/", row.GetInt(5));
        });
    EXPECT_TRUE(totals.ok()) << totals.status();
    return totals.ok() ? *totals : std::vector<std::string>{};
  }

  std::vector<std::string> StoredTotals() {
    return Totals(
        "SELECT school, pupils, sbo_pupils, so_cat1_pupils, so_cat2_pupils, so_cat3_pupils FROM "
        "alloc_school_counts WHERE tenant = ? AND count_date = ? ORDER BY school");
  }

  std::vector<std::string> Recount() {
    return Totals(
        "SELECT school, SUM(pupils), SUM(sbo_pupils), SUM(so_cat1_pupils), SUM(so_cat2_pupils), "
        "SUM(so_cat3_pupils) FROM alloc_count_rows WHERE tenant = ? AND count_date = ? GROUP BY "
        "school ORDER BY school");
  }

  int64_t StoredRows() {
    absl::StatusOr<absl::optional<int64_t>> count =
        storage::ReadFirst<int64_t>(scratch_->db(), "SELECT COUNT(*) FROM alloc_count_rows", {},
                                    [](const storage::Row& row) { return row.GetInt(0); });
    EXPECT_TRUE(count.ok()) << count.status();
    return count.ok() && *count ? **count : -1;
  }

  int VisibleSets() {
    pb::ListCountSetsRequest list;
    list.set_parent(absl::StrCat(kSwv, "/count-dates/2025-02-01"));
    pb::ListCountSetsResponse sets;
    EXPECT_TRUE(stub_->ListCountSets(Context().get(), list, &sets).ok());
    return sets.count_sets_size();
  }
};

TEST_P(AllocationBulkServerTest, ManyFlushesStoreEveryRowAndTheTotalsOfThoseRows) {
  auto [status, set] = Stream("bulk", 45'001);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(set.row_count(), 45'001);
  EXPECT_EQ(set.school_count(), 4);
  // Rows i % 4 == k have k + 1 pupils: 11,251 rows of 1 pupil, 11,250 each of 2, 3 and 4.
  EXPECT_EQ(set.total_pupils(), 11'251 * 1 + 11'250 * (2 + 3 + 4));
  EXPECT_EQ(StoredRows(), 45'001);
  // 44SB00 holds rows 3, 7, 11, ... (i = 4k + 3) and i % 3 == 0 for every third: 3,750.
  EXPECT_EQ(StoredTotals(),
            (std::vector<std::string>{"11AA00 11251/0/0/0/0", "22BB00 22500/0/0/0/0",
                                      "33CC00 33750/0/0/0/0", "44SB00 45000/3750/0/0/0"}));
  EXPECT_EQ(StoredTotals(), Recount());
}

TEST_P(AllocationBulkServerTest, ABadRowAfterAWrittenFlushNamesTheRowAndLeavesNothing) {
  pb::CountRow bad = RowAt(30'123);
  bad.set_sbo_pupils(bad.pupils() + 1);
  auto [status, unused] = Stream("bad", 45'001, {{30'123, bad}});
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  absl::Status detail = FromGrpcStatus(status);
  ASSERT_EQ(FieldViolationsOf(detail).size(), 1u);
  EXPECT_EQ(FieldViolationsOf(detail)[0].field, "counts[30123].pupils");
  EXPECT_EQ(VisibleSets(), 0);
  EXPECT_EQ(StoredRows(), 0);  // the first flush (20,000 rows) was removed with the set
  EXPECT_TRUE(StoredTotals().empty());
}

TEST_P(AllocationBulkServerTest, ADuplicateAcrossFlushesIsRefusedAndLeavesNothing) {
  // Row 25,500 (in the second flush) repeats row 120 (written with the first).
  auto [status, unused] = Stream("duplicate", 45'001, {{25'500, RowAt(120)}});
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "DUPLICATE_ROW");
  EXPECT_EQ(VisibleSets(), 0);
  EXPECT_EQ(StoredRows(), 0);
  EXPECT_TRUE(StoredTotals().empty());

  // The file fixed: imported whole.
  auto [fixed, set] = Stream("fixed", 45'001);
  ASSERT_TRUE(fixed.ok()) << fixed.error_message();
  EXPECT_EQ(set.row_count(), 45'001);
  EXPECT_EQ(StoredTotals(), Recount());
}

INSTANTIATE_TEST_SUITE_P(Dialects, AllocationBulkServerTest, SWV_DIALECTS);

}  // namespace
}  // namespace swv::allocation
