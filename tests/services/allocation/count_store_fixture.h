// The fixture of the count-store tests (sql_allocation_counts_test.cc,
// sql_allocation_bulk_test.cc): the allocation schema on a scratch database of each dialect, a
// repository with the batch sizes the test asks for, and a new importing count set.
#ifndef SWV_TESTS_SERVICES_ALLOCATION_COUNT_STORE_FIXTURE_H_
#define SWV_TESTS_SERVICES_ALLOCATION_COUNT_STORE_FIXTURE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "services/allocation/allocation_repository.h"
#include "tests/testing/scratch_database.h"

namespace swv::allocation {

inline constexpr char kTenant[] = "PO2203";
inline constexpr char kDate[] = "2025-02-01";

class CountStoreTest : public swv::testing::DialectTest {
 protected:
  // Call from SetUp: the schema, and the repository with these batch sizes.
  void SetUpStore(int rows_per_statement, int rows_per_transaction) {
    DialectTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    absl::Status migrated = MigrateAllocationSchema(db());
    ASSERT_TRUE(migrated.ok()) << migrated;
    repository_ = NewSqlAllocationRepository(&db(), rows_per_statement, rows_per_transaction);
  }

  // A new importing count set of kTenant and kDate created by `by`; its version (0 on failure).
  int64_t Begin(const std::string& by = "office") {
    CountSetRecord candidate;
    candidate.tenant = kTenant;
    candidate.count_date = kDate;
    candidate.source = "test";
    candidate.create_time = absl::FromUnixSeconds(1'700'000'000);
    candidate.created_by = by;
    absl::StatusOr<CountSetRecord> set = repository_->BeginCountSet(candidate, "");
    EXPECT_TRUE(set.ok()) << set.status();
    return set.ok() ? set->version : 0;
  }

  std::unique_ptr<AllocationRepository> repository_;
};

}  // namespace swv::allocation

#endif  // SWV_TESTS_SERVICES_ALLOCATION_COUNT_STORE_FIXTURE_H_
