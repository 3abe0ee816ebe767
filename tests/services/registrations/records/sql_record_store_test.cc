// The record store written once for the register's and support's kinds, tested through the
// arrangements table (the kind whose decision spans five columns): every field round-trips, a
// request id replays, an update at a stale version or of a missing record is refused, and the
// change log keeps a snapshot of the stored fields.
#include "services/registrations/records/sql_record_store.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/services/registrations/support/support_schema_test.h"

namespace swv::registrations {
namespace {

using ::testing::HasSubstr;

class SqlRecordStoreTest : public SupportSchemaTest {
 protected:
  void SetUp() override {
    SupportSchemaTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    stores_ = NewSqlSupportStores(&db());
  }

  RecordStore<ArrangementRecord>& arrangements() { return *stores_.arrangements; }

  SupportStores stores_;
};

TEST_P(SqlRecordStoreTest, ADecidedArrangementRoundTripsEveryColumn) {
  absl::StatusOr<Created<ArrangementRecord>> created =
      arrangements().Create(Candidate("ar-1"), "req-1");
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_TRUE(created->created);
  EXPECT_EQ(created->stored.version, 1);
  EXPECT_FALSE(created->stored.pupil_id.empty());
  EXPECT_EQ(created->stored.updated_by, "school:12AB00");

  ArrangementRecord decided = created->stored;
  decided.status = ArrangementStatus::kGranted;
  decided.decision = ValidArrangementDecision{
      ArrangementOutcome::kGranted, absl::CivilDay(2026, 9, 20), 125'050,
      DayRange{absl::CivilDay(2026, 10, 1), absl::CivilDay(2027, 7, 1)}, "toegekend"};
  decided.update_time = absl::FromUnixMicros(2'000'000);
  decided.updated_by = "swv:office";
  ASSERT_TRUE(arrangements().Update(decided, 1, "decided", "").ok());

  absl::StatusOr<ArrangementRecord> read = arrangements().Get("PO2203", "ar-1");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->version, 2);
  EXPECT_EQ(read->status, ArrangementStatus::kGranted);
  ASSERT_TRUE(read->decision.has_value());
  EXPECT_EQ(read->decision->outcome, ArrangementOutcome::kGranted);
  EXPECT_EQ(read->decision->decided_on, absl::CivilDay(2026, 9, 20));
  EXPECT_EQ(read->decision->amount_cents, 125'050);
  ASSERT_TRUE(read->decision->period.has_value());
  EXPECT_EQ(read->decision->period->first, absl::CivilDay(2026, 10, 1));
  EXPECT_EQ(read->decision->period->last, absl::CivilDay(2027, 7, 1));
  EXPECT_EQ(read->decision->note, "toegekend");
  EXPECT_EQ(read->application.school->ToString(), "12AB00");
  EXPECT_EQ(read->application.description, "extra begeleiding");
  EXPECT_EQ(read->create_time, absl::FromUnixMicros(1'000'000));
  EXPECT_EQ(read->update_time, absl::FromUnixMicros(2'000'000));
  EXPECT_EQ(read->created_by, "school:12AB00");
  EXPECT_EQ(read->updated_by, "swv:office");
  EXPECT_EQ(read->pupil_id, created->stored.pupil_id);
}

TEST_P(SqlRecordStoreTest, ARequestIdReplaysTheStoredRecord) {
  ASSERT_TRUE(arrangements().Create(Candidate("ar-1"), "req-1").ok());
  absl::StatusOr<Created<ArrangementRecord>> again =
      arrangements().Create(Candidate("ar-2"), "req-1");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->stored.arrangement_id, "ar-1");
  EXPECT_EQ(arrangements().Get("PO2203", "ar-2").status().code(), absl::StatusCode::kNotFound);
}

TEST_P(SqlRecordStoreTest, AStaleOrMissingUpdateIsRefusedAndWritesNothing) {
  absl::StatusOr<Created<ArrangementRecord>> created = arrangements().Create(Candidate("ar-1"), "");
  ASSERT_TRUE(created.ok()) << created.status();
  ArrangementRecord changed = created->stored;
  changed.application.description = "anders";
  ASSERT_TRUE(arrangements().Update(changed, 1, "edited", "").ok());

  absl::StatusOr<ArrangementRecord> stale = arrangements().Update(changed, 1, "edited", "");
  EXPECT_EQ(stale.status().code(), absl::StatusCode::kAborted);
  EXPECT_THAT(stale.status().message(), HasSubstr("now version 2, expected 1"));

  changed.arrangement_id = "ar-missing";
  EXPECT_EQ(arrangements().Update(changed, 1, "edited", "").status().code(),
            absl::StatusCode::kNotFound);
  absl::StatusOr<std::vector<RecordChange>> history = arrangements().History("PO2203", "ar-1");
  ASSERT_TRUE(history.ok()) << history.status();
  EXPECT_EQ(history->size(), 2u);
}

TEST_P(SqlRecordStoreTest, TheChangeLogKeepsASnapshotOfTheStoredFields) {
  ASSERT_TRUE(arrangements().Create(Candidate("ar-1"), "").ok());
  absl::StatusOr<std::vector<RecordChange>> history = arrangements().History("PO2203", "ar-1");
  ASSERT_TRUE(history.ok()) << history.status();
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].action, "applied");
  EXPECT_EQ((*history)[0].actor, "school:12AB00");
  const std::string& json = (*history)[0].snapshot_json;
  EXPECT_THAT(json, HasSubstr("\"lvsPupilNumber\":\"LVS-7\""));
  EXPECT_THAT(json, HasSubstr("\"appliedOn\":\"2026-09-01\""));
  EXPECT_THAT(json, HasSubstr("\"decidedOn\":null"));
  EXPECT_THAT(json, HasSubstr("\"amountCents\":0"));
  EXPECT_THAT(json, ::testing::Not(HasSubstr("tenant")));
  EXPECT_THAT(json, ::testing::Not(HasSubstr("createdBy")));
}

TEST_P(SqlRecordStoreTest, AListNarrowsByTheStoredState) {
  ASSERT_TRUE(arrangements().Create(Candidate("ar-1"), "").ok());
  absl::StatusOr<Created<ArrangementRecord>> second = arrangements().Create(Candidate("ar-2"), "");
  ASSERT_TRUE(second.ok());
  ArrangementRecord refused = second->stored;
  refused.status = ArrangementStatus::kRefused;
  refused.decision = ValidArrangementDecision{ArrangementOutcome::kRefused,
                                              absl::CivilDay(2026, 9, 2), 0, absl::nullopt, ""};
  ASSERT_TRUE(arrangements().Update(refused, 1, "decided", "").ok());

  RecordQuery query;
  query.tenant = "PO2203";
  query.state = storage::Value(std::string("refused"));
  absl::StatusOr<RecordPage<ArrangementRecord>> page = arrangements().List(query);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->records.size(), 1u);
  EXPECT_EQ(page->records[0].arrangement_id, "ar-2");
  EXPECT_EQ(page->records[0].decision->outcome, ArrangementOutcome::kRefused);
  EXPECT_FALSE(page->records[0].decision->period.has_value());
}

INSTANTIATE_TEST_SUITE_P(Dialects, SqlRecordStoreTest, SWV_DIALECTS);

}  // namespace
}  // namespace swv::registrations
