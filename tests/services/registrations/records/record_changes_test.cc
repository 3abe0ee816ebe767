// The one change-log layout: a table of the older layout keeps its rows when it is brought to
// the shared layout, and every kind is written and read by the one writer and reader.
#include "services/registrations/records/record_changes.h"

#include "gtest/gtest.h"
#include "storage/schema.h"
#include "tests/testing/scratch_database.h"

namespace swv::registrations {
namespace {

using RecordChangesTest = swv::testing::DialectTest;

const ChangeLog kCaseLog{"old_changes", "thuiszitter_case", "thuiszitter case"};

TEST_P(RecordChangesTest, AnOlderLayoutKeepsItsRowsInTheSharedLayout) {
  const std::vector<storage::Migration> migrations = {
      storage::Dialected(1, "older layout", R"sql(
CREATE TABLE old_changes (
  tenant VARCHAR(16) NOT NULL,
  case_id VARCHAR(40) NOT NULL,
  version BIGINT NOT NULL,
  action VARCHAR(32) NOT NULL,
  actor VARCHAR(128) NOT NULL,
  time_us BIGINT NOT NULL,
  snapshot_json TEXT NOT NULL,
  PRIMARY KEY (tenant, case_id, version)
)%TABLE_OPTIONS%;
INSERT INTO old_changes VALUES ('PO2203', 'tz-1', 1, 'reported', 'school:12AB00', 5, '{}')
)sql"),
      storage::Dialected(
          2, "shared layout",
          ChangeLogLayoutMigration("old_changes", "case_id", "thuiszitter_case", true, true))};
  ASSERT_TRUE(storage::ApplyMigrations(scratch_->db(), "changes_test", migrations).ok());

  absl::Status appended = scratch_->db().InTransaction([](storage::Transaction& tx) {
    return InsertRecordChange(tx, kCaseLog,
                              RecordChangeRow{"PO2203", "tz-1", 2, "closed", "swv:office",
                                              absl::FromUnixMicros(9), "back at school", "{}"});
  });
  ASSERT_TRUE(appended.ok()) << appended;
  absl::StatusOr<std::vector<RecordChange>> changes =
      ListRecordChanges(scratch_->db(), kCaseLog, "PO2203", "tz-1");
  ASSERT_TRUE(changes.ok()) << changes.status();
  ASSERT_EQ(changes->size(), 2u);
  EXPECT_EQ((*changes)[0].action, "reported");
  EXPECT_EQ((*changes)[0].time, absl::FromUnixMicros(5));
  EXPECT_EQ((*changes)[0].reason, "");
  EXPECT_EQ((*changes)[1].reason, "back at school");

  // Another kind in the same table is another history; an unknown record is NOT_FOUND by name.
  absl::StatusOr<std::vector<RecordChange>> other = ListRecordChanges(
      scratch_->db(), ChangeLog{"old_changes", "exemption", "exemption"}, "PO2203", "tz-1");
  EXPECT_EQ(other.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(other.status().message(), "exemption tz-1 not found");

  // On MariaDB (DDL not transactional) the layout migration must survive a second run.
  if (GetParam() == storage::Dialect::kMysql) {
    EXPECT_TRUE(
        storage::ApplyMigrations(scratch_->db(), "changes_test_rerun", {migrations[1]}).ok());
  }
}

INSTANTIATE_TEST_SUITE_P(Dialects, RecordChangesTest, SWV_DIALECTS);

}  // namespace
}  // namespace swv::registrations
