// The tables of school support profiles and waiting entries (support schema version 3) on SQLite
// and MariaDB: every field round-trips, the unique (tenant, school, school year) refuses a second
// profile, a list narrows by school year (the state column) and by the ended flag, the records up
// to a day are those whose date lies on or before it, and the change log keeps the snapshot.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/registrations/support/profile_repository.h"
#include "tests/services/registrations/support/support_schema_test.h"

namespace swv::registrations {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class ProfileStoreTest : public SupportSchemaTest {
 protected:
  void SetUp() override {
    SupportSchemaTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(MigrateSupportSchema(db()).ok());  // re-runnable
    stores_ = NewSqlProfileStores(&db());
  }

  static SchoolProfileRecord Profile(const std::string& id, const std::string& school, int year) {
    SchoolProfileRecord p;
    p.tenant = "PO2203";
    p.profile_id = id;
    p.profile.school = *ParseSchoolCode("school", school);
    p.profile.school_year = SchoolYear{year};
    p.profile.support_level = 3;
    p.profile.offers = {"dyslexie", "gedrag"};
    p.profile.description = "Lezen en gedrag";
    p.profile.adopted_by_mr_on = absl::CivilDay(2024, 6, 10);
    p.profile.updated_on = absl::CivilDay(year, 10, 5);
    p.profile.published = true;
    p.create_time = absl::FromUnixMicros(1'000'000);
    p.created_by = "school:12AB00";
    return p;
  }

  static WaitingEntryRecord Entry(const std::string& id, WaitingKind kind) {
    WaitingEntryRecord e;
    e.tenant = "PO2203";
    e.entry_id = id;
    e.entry.kind = kind;
    e.entry.school = *ParseSchoolCode("school", "12AB00");
    e.entry.lvs_pupil_number = "LVS-7";
    if (kind == WaitingKind::kYouthCare) {
      e.entry.organisation = "MEVIS";
    } else {
      e.entry.tlv_id = "tlv-00ab";
      e.entry.receiving_school = *ParseSchoolCode("school", "78GH00");
    }
    e.entry.waiting_since = absl::CivilDay(2026, 3, 2);
    e.create_time = absl::FromUnixMicros(1'000'000);
    e.created_by = "school:12AB00";
    return e;
  }

  ProfileStores stores_;
};

TEST_P(ProfileStoreTest, AProfileRoundTripsAndIsOnePerSchoolAndYear) {
  auto& profiles = *stores_.profiles;
  ASSERT_TRUE(profiles.Create(Profile("sop-1", "12AB00", 2026), "req-1").ok());
  absl::StatusOr<SchoolProfileRecord> read = profiles.Get("PO2203", "sop-1");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->profile.school.ToString(), "12AB00");
  EXPECT_EQ(read->profile.school_year.start, 2026);
  EXPECT_EQ(read->profile.support_level, 3);
  EXPECT_THAT(read->profile.offers, ElementsAre("dyslexie", "gedrag"));
  EXPECT_EQ(read->profile.adopted_by_mr_on, absl::CivilDay(2024, 6, 10));
  EXPECT_TRUE(read->profile.published);
  EXPECT_TRUE(read->pupil_id.empty());  // a profile names no pupil

  // The same school and year under another id and request id: refused by the unique key.
  absl::StatusOr<Created<SchoolProfileRecord>> second =
      profiles.Create(Profile("sop-2", "12AB00", 2026), "req-2");
  EXPECT_EQ(second.status().code(), absl::StatusCode::kAlreadyExists) << second.status();
  ASSERT_TRUE(profiles.Create(Profile("sop-3", "12AB00", 2025), "req-3").ok());

  RecordQuery query;
  query.tenant = "PO2203";
  query.state = storage::Value(std::string("2025-2026"));
  absl::StatusOr<RecordPage<SchoolProfileRecord>> page = profiles.List(query);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->records.size(), 1u);
  EXPECT_EQ(page->records[0].profile_id, "sop-3");
  // Up to a day: by updated_on.
  absl::StatusOr<std::vector<SchoolProfileRecord>> upto =
      profiles.ListUpTo("PO2203", absl::CivilDay(2025, 12, 31));
  ASSERT_TRUE(upto.ok());
  ASSERT_EQ(upto->size(), 1u);

  SchoolProfileRecord updated = *read;
  updated.profile.support_level = 4;
  updated.profile.offers = {};
  updated.update_time = absl::FromUnixMicros(2'000'000);
  updated.updated_by = "office:PO2203";
  ASSERT_TRUE(profiles.Update(updated, 1, "updated", "").ok());
  EXPECT_EQ(profiles.Update(updated, 1, "updated", "").status().code(), absl::StatusCode::kAborted);
  read = profiles.Get("PO2203", "sop-1");
  EXPECT_EQ(read->profile.support_level, 4);
  EXPECT_TRUE(read->profile.offers.empty());
  absl::StatusOr<std::vector<RecordChange>> history = profiles.History("PO2203", "sop-1");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].action, "recorded");
  EXPECT_THAT((*history)[0].snapshot_json, HasSubstr(R"("offers":",dyslexie,gedrag,")"));
  EXPECT_THAT((*history)[1].snapshot_json, HasSubstr(R"("supportLevel":4)"));
}

TEST_P(ProfileStoreTest, AWaitingEntryRoundTripsAndEnds) {
  auto& waiting = *stores_.waiting;
  absl::StatusOr<Created<WaitingEntryRecord>> so =
      waiting.Create(Entry("wl-1", WaitingKind::kSo), "req-1");
  ASSERT_TRUE(so.ok()) << so.status();
  EXPECT_FALSE(so->stored.pupil_id.empty());
  ASSERT_TRUE(waiting.Create(Entry("wl-2", WaitingKind::kYouthCare), "req-2").ok());
  absl::StatusOr<WaitingEntryRecord> care = waiting.Get("PO2203", "wl-2");
  ASSERT_TRUE(care.ok()) << care.status();
  EXPECT_EQ(care->entry.kind, WaitingKind::kYouthCare);
  EXPECT_EQ(care->entry.organisation, "MEVIS");
  EXPECT_FALSE(care->entry.receiving_school.has_value());
  EXPECT_EQ(care->pupil_id, so->stored.pupil_id);  // the same pupil of 12AB00

  WaitingEntryRecord ended = so->stored;
  ended.ended = true;
  ended.ended_on = absl::CivilDay(2026, 5, 11);
  ended.outcome = WaitingOutcome::kPlaced;
  ended.end_note = "geplaatst";
  ended.update_time = absl::FromUnixMicros(2'000'000);
  ended.updated_by = "school:12AB00";
  ASSERT_TRUE(waiting.Update(ended, 1, "ended", "").ok());
  absl::StatusOr<WaitingEntryRecord> read = waiting.Get("PO2203", "wl-1");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->entry.tlv_id, "tlv-00ab");
  EXPECT_EQ(read->entry.receiving_school->ToString(), "78GH00");
  EXPECT_EQ(read->ended_on, absl::CivilDay(2026, 5, 11));
  EXPECT_EQ(read->outcome, WaitingOutcome::kPlaced);

  RecordQuery query;
  query.tenant = "PO2203";
  query.state = storage::Value(int64_t{0});
  absl::StatusOr<RecordPage<WaitingEntryRecord>> open = waiting.List(query);
  ASSERT_TRUE(open.ok());
  ASSERT_EQ(open->records.size(), 1u);
  EXPECT_EQ(open->records[0].entry_id, "wl-2");
  EXPECT_EQ(waiting.ListUpTo("PO2203", absl::CivilDay(2026, 3, 1))->size(), 0u);
  EXPECT_EQ(waiting.ListUpTo("PO2203", absl::CivilDay(2026, 3, 2))->size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Dialects, ProfileStoreTest, SWV_DIALECTS);

}  // namespace
}  // namespace swv::registrations
