// The same suite of the case store and the settings repository on SQLite and on a real MariaDB.
#include "services/registrations/thuiszitters/thuiszitter_repository.h"

#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/registrations/records/sql_pupils.h"
#include "tests/testing/scratch_database.h"

namespace swv::registrations {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

RecordQuery ForTenant(const std::string& tenant) {
  RecordQuery query;
  query.tenant = tenant;
  return query;
}

class ThuiszitterRepositoryTest : public ::testing::TestWithParam<storage::Dialect> {
 protected:
  void SetUp() override {
    if (GetParam() == storage::Dialect::kMysql) SWV_SKIP_OR_FAIL_WITHOUT_MYSQL();
    absl::StatusOr<std::unique_ptr<swv::testing::ScratchDatabase>> scratch =
        swv::testing::ScratchDatabase::Create(GetParam());
    ASSERT_TRUE(scratch.ok()) << scratch.status();
    scratch_ = *std::move(scratch);
    ASSERT_TRUE(MigratePupilSchema(scratch_->db()).ok());
    ASSERT_TRUE(MigrateThuiszitterSchema(scratch_->db()).ok());
    repository_ = NewSqlThuiszitterRepository(&scratch_->db());
    cases_ = NewSqlCaseStore(&scratch_->db());
  }

  static ThuiszitterCase Candidate(absl::string_view case_id, absl::string_view school = "12AB00",
                                   absl::string_view lvs_number = "LVS-1",
                                   absl::string_view municipality = "GM0606") {
    ThuiszitterCase c;
    c.tenant = "PO2203";
    c.case_id = std::string(case_id);
    ValidThuiszitterReport& r = c.report;
    r.school = *ParseSchoolCode("school", school);
    r.lvs_pupil_number = std::string(lvs_number);
    r.residence_municipality = std::string(municipality);
    r.absence_kind = AbsenceKind::kRelative;
    r.absence_start = absl::CivilDay(2026, 9, 1);
    r.reported_on = absl::CivilDay(2026, 10, 1);
    r.cause = ThuiszitterCause::kNoSuitableSchoolPlace;
    r.reported_late = true;
    r.report_deadline = absl::CivilDay(2026, 9, 30);
    r.municipality_case_ref = "LP-2026-17 \"Zoë\"";
    c.create_time = absl::FromCivil(absl::CivilSecond(2026, 10, 1, 9, 30, 0), absl::UTCTimeZone());
    c.created_by = "school:12AB00";
    return c;
  }

  std::unique_ptr<swv::testing::ScratchDatabase> scratch_;
  std::unique_ptr<ThuiszitterRepository> repository_;
  std::unique_ptr<RecordStore<ThuiszitterCase>> cases_;
};

TEST_P(ThuiszitterRepositoryTest, CreateThenGetRoundTripsEveryField) {
  absl::StatusOr<Created<ThuiszitterCase>> created = cases_->Create(Candidate("tz-1"), "req-1");
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_TRUE(created->created);
  EXPECT_EQ(created->stored.version, 1);
  EXPECT_FALSE(created->stored.pupil_id.empty());

  absl::StatusOr<ThuiszitterCase> got = cases_->Get("PO2203", "tz-1");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->pupil_id, created->stored.pupil_id);
  EXPECT_EQ(got->report.school->ToString(), "12AB00");
  EXPECT_EQ(got->report.lvs_pupil_number, "LVS-1");
  EXPECT_EQ(got->report.residence_municipality, "GM0606");
  EXPECT_EQ(got->report.absence_kind, AbsenceKind::kRelative);
  EXPECT_EQ(got->report.absence_start, absl::CivilDay(2026, 9, 1));
  EXPECT_EQ(got->report.reported_on, absl::CivilDay(2026, 10, 1));
  EXPECT_EQ(got->report.cause, ThuiszitterCause::kNoSuitableSchoolPlace);
  EXPECT_TRUE(got->report.reported_late);
  EXPECT_EQ(got->report.report_deadline, absl::CivilDay(2026, 9, 30));
  EXPECT_EQ(got->report.municipality_case_ref, "LP-2026-17 \"Zoë\"");
  EXPECT_EQ(got->status, CaseStatus::kOpen);
  EXPECT_FALSE(got->closed_on.has_value());
  EXPECT_EQ(got->create_time, Candidate("x").create_time);
  EXPECT_EQ(got->created_by, "school:12AB00");
  EXPECT_EQ(got->version, 1);
}

TEST_P(ThuiszitterRepositoryTest, SameRequestIdReturnsFirstRecordAndStoresNoDuplicate) {
  ASSERT_TRUE(cases_->Create(Candidate("tz-1"), "req-1").ok());
  absl::StatusOr<Created<ThuiszitterCase>> again = cases_->Create(Candidate("tz-2"), "req-1");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->stored.case_id, "tz-1");
  absl::StatusOr<RecordPage<ThuiszitterCase>> page = cases_->List(ForTenant("PO2203"));
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->records.size(), 1u);
  EXPECT_EQ(cases_->Get("PO2203", "tz-2").status().code(), absl::StatusCode::kNotFound);
}

TEST_P(ThuiszitterRepositoryTest, ConcurrentRetriesWithOneRequestIdCreateOneCase) {
  std::vector<std::thread> threads;
  std::vector<absl::StatusOr<Created<ThuiszitterCase>>> results(6, absl::UnknownError("not run"));
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back(
        [&, i] { results[i] = cases_->Create(Candidate(absl::StrCat("tz-", i)), "same-push"); });
  }
  for (std::thread& t : threads) t.join();
  int created = 0;
  for (const auto& result : results) {
    ASSERT_TRUE(result.ok()) << result.status();
    created += result->created ? 1 : 0;
    EXPECT_EQ(result->stored.case_id, results[0]->stored.case_id);
  }
  EXPECT_EQ(created, 1);
}

TEST_P(ThuiszitterRepositoryTest, SamePupilNumberAtSameSchoolIsSamePupil) {
  auto first = cases_->Create(Candidate("tz-1", "12AB00", "LVS-7"), "");
  auto second = cases_->Create(Candidate("tz-2", "12AB00", "LVS-7"), "");
  auto other_school = cases_->Create(Candidate("tz-3", "34CD01", "LVS-7"), "");
  ASSERT_TRUE(first.ok() && second.ok() && other_school.ok());
  EXPECT_EQ(first->stored.pupil_id, second->stored.pupil_id);
  EXPECT_NE(first->stored.pupil_id, other_school->stored.pupil_id);
}

TEST_P(ThuiszitterRepositoryTest, UpdateChecksVersionAndKeepsHistory) {
  ThuiszitterCase c = cases_->Create(Candidate("tz-1"), "")->stored;
  ThuiszitterCase closed = c;
  closed.status = CaseStatus::kClosed;
  closed.closed_on = absl::CivilDay(2026, 11, 2);
  closed.close_reason = "school resumed";
  closed.updated_by = "office:PO2203";
  closed.update_time = c.create_time + absl::Hours(24);
  absl::StatusOr<ThuiszitterCase> written = cases_->Update(closed, 1, "closed", "");
  ASSERT_TRUE(written.ok()) << written.status();
  EXPECT_EQ(written->version, 2);

  // A writer that read version 1 loses.
  absl::StatusOr<ThuiszitterCase> stale = cases_->Update(closed, 1, "closed", "");
  EXPECT_EQ(stale.status().code(), absl::StatusCode::kAborted);
  EXPECT_THAT(stale.status().message(), HasSubstr("version 2"));

  ThuiszitterCase missing = closed;
  missing.case_id = "tz-nope";
  EXPECT_EQ(cases_->Update(missing, 1, "closed", "").status().code(), absl::StatusCode::kNotFound);

  absl::StatusOr<ThuiszitterCase> got = cases_->Get("PO2203", "tz-1");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->status, CaseStatus::kClosed);
  EXPECT_EQ(got->closed_on, absl::CivilDay(2026, 11, 2));
  EXPECT_EQ(got->updated_by, "office:PO2203");

  absl::StatusOr<std::vector<RecordChange>> history = cases_->History("PO2203", "tz-1");
  ASSERT_TRUE(history.ok()) << history.status();
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].action, "reported");
  EXPECT_EQ((*history)[0].actor, "school:12AB00");
  EXPECT_THAT((*history)[0].snapshot_json, HasSubstr("\"status\":\"open\""));
  EXPECT_EQ((*history)[1].action, "closed");
  EXPECT_EQ((*history)[1].actor, "office:PO2203");
  EXPECT_THAT((*history)[1].snapshot_json, HasSubstr("\"closedOn\":\"2026-11-02\""));
  EXPECT_THAT((*history)[1].snapshot_json, HasSubstr("\\\"Zoë\\\""));
}

TEST_P(ThuiszitterRepositoryTest, APlanRoundTripsInTheCaseRow) {
  ThuiszitterCase c = cases_->Create(Candidate("tz-1"), "")->stored;
  EXPECT_FALSE(c.plan.has_value());
  ThuiszitterCase planned = c;
  planned.plan = ThuiszitterPlan{};
  planned.plan->plan_version = 2;
  planned.plan->description = "halve dagen op school";
  planned.plan->agreed_on = absl::CivilDay(2026, 10, 10);
  planned.plan->responsible_name = "J. de Vries";
  planned.plan->responsible_role = "consulent";
  planned.plan->responsible_organisation = "SWV";
  planned.plan->parents_involved = true;
  planned.plan->expected_resumption = absl::CivilDay(2027, 1, 4);
  ASSERT_TRUE(cases_->Update(planned, 1, "plan_set", "").ok());

  absl::StatusOr<ThuiszitterCase> got = cases_->Get("PO2203", "tz-1");
  ASSERT_TRUE(got.ok()) << got.status();
  ASSERT_TRUE(got->plan.has_value());
  EXPECT_EQ(got->plan->plan_version, 2);
  EXPECT_EQ(got->plan->description, "halve dagen op school");
  EXPECT_EQ(got->plan->agreed_on, absl::CivilDay(2026, 10, 10));
  EXPECT_EQ(got->plan->responsible_name, "J. de Vries");
  EXPECT_EQ(got->plan->responsible_role, "consulent");
  EXPECT_EQ(got->plan->responsible_organisation, "SWV");
  EXPECT_TRUE(got->plan->parents_involved);
  EXPECT_EQ(got->plan->expected_resumption, absl::CivilDay(2027, 1, 4));
  absl::StatusOr<std::vector<RecordChange>> history = cases_->History("PO2203", "tz-1");
  ASSERT_TRUE(history.ok()) << history.status();
  EXPECT_THAT(history->back().snapshot_json, HasSubstr("\"plan\":{\"planVersion\":2"));
}

TEST_P(ThuiszitterRepositoryTest, ListFiltersAndPagesWithoutGapsOrRepeats) {
  for (int i = 0; i < 7; ++i) {
    ThuiszitterCase c = Candidate(absl::StrCat("tz-", i), i % 2 == 0 ? "12AB00" : "34CD01",
                                  absl::StrCat("LVS-", i), i < 3 ? "GM0606" : "GM0622");
    ASSERT_TRUE(cases_->Create(c, "").ok());
  }
  ThuiszitterCase other_tenant = Candidate("tz-x");
  other_tenant.tenant = "PO2001";
  ASSERT_TRUE(cases_->Create(other_tenant, "").ok());

  std::vector<std::string> seen;
  RecordQuery query = ForTenant("PO2203");
  query.page_size = 3;
  for (int pages = 0; pages < 10; ++pages) {
    absl::StatusOr<RecordPage<ThuiszitterCase>> page = cases_->List(query);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const ThuiszitterCase& c : page->records) seen.push_back(c.case_id);
    if (page->next_position == 0) break;
    query.after_position = page->next_position;
  }
  EXPECT_THAT(seen, ElementsAre("tz-0", "tz-1", "tz-2", "tz-3", "tz-4", "tz-5", "tz-6"));

  RecordQuery by_school = ForTenant("PO2203");
  by_school.filter.school = "34CD01";
  EXPECT_EQ(cases_->List(by_school)->records.size(), 3u);
  RecordQuery by_municipality = ForTenant("PO2203");
  by_municipality.residence = "GM0606";
  by_municipality.filter.school = "12AB00";
  EXPECT_EQ(cases_->List(by_municipality)->records.size(), 2u);
  RecordQuery closed = ForTenant("PO2203");
  closed.state = storage::Value(std::string("closed"));
  EXPECT_TRUE(cases_->List(closed)->records.empty());
}

// The statistics of a period read the cases it may count: not those closed before it began.
TEST_P(ThuiszitterRepositoryTest, ListCoveringLeavesOutCasesEndedBeforeThePeriod) {
  auto store = [&](absl::string_view id, absl::CivilDay reported,
                   absl::optional<absl::CivilDay> closed) {
    ThuiszitterCase c = Candidate(id, "12AB00", absl::StrCat("LVS-", id));
    c.report.reported_on = reported;
    if (closed) {
      c.status = CaseStatus::kClosed;
      c.closed_on = closed;
    }
    ASSERT_TRUE(cases_->Create(c, "").ok());
  };
  const absl::CivilDay first(2026, 1, 1), last(2026, 12, 31);
  store("closed-before", absl::CivilDay(2025, 3, 1), absl::CivilDay(2025, 12, 31));
  store("closed-on-first-day", absl::CivilDay(2025, 3, 1), first);
  store("still-open", absl::CivilDay(2024, 3, 1), absl::nullopt);
  store("closed-after", absl::CivilDay(2025, 3, 1), absl::CivilDay(2027, 2, 1));
  // Reported in the period with a closing day before it: counted as reported in the period.
  store("reported-in-period", absl::CivilDay(2026, 3, 1), absl::CivilDay(2025, 12, 1));
  store("reported-after", absl::CivilDay(2027, 1, 1), absl::nullopt);

  absl::StatusOr<std::vector<ThuiszitterCase>> covering =
      cases_->ListCovering("PO2203", first, last);
  ASSERT_TRUE(covering.ok()) << covering.status();
  std::vector<std::string> ids;
  for (const ThuiszitterCase& c : *covering) ids.push_back(c.case_id);
  EXPECT_THAT(
      ids, ElementsAre("closed-on-first-day", "still-open", "closed-after", "reported-in-period"));
  EXPECT_EQ(cases_->ListUpTo("PO2203", last)->size(), 5u);
}

TEST_P(ThuiszitterRepositoryTest, SettingsDefaultThenVersionedWrites) {
  absl::StatusOr<SwvSettingsRecord> settings = repository_->GetSettings("PO2203");
  ASSERT_TRUE(settings.ok()) << settings.status();
  EXPECT_EQ(settings->version, 0);
  EXPECT_EQ(settings->thuiszitter_policy.report_within_days, 2);

  SwvSettingsRecord changed = *settings;
  changed.thuiszitter_policy.report_within_days = 5;
  changed.updated_by = "office:PO2203";
  ASSERT_TRUE(repository_->PutSettings(changed, 0).ok());
  EXPECT_EQ(repository_->PutSettings(changed, 0).status().code(), absl::StatusCode::kAborted);
  absl::StatusOr<SwvSettingsRecord> reread = repository_->GetSettings("PO2203");
  EXPECT_EQ(reread->version, 1);
  EXPECT_EQ(reread->thuiszitter_policy.report_within_days, 5);
  changed.thuiszitter_policy.report_within_days = 3;
  ASSERT_TRUE(repository_->PutSettings(changed, 1).ok());
  EXPECT_EQ(repository_->PutSettings(changed, 1).status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(repository_->GetSettings("PO2001")->version, 0);
}

TEST_P(ThuiszitterRepositoryTest, CasesStoredBeforeTheDeadlineColumnGetItFromTheirSettings) {
  SwvSettingsRecord five_days;
  five_days.tenant = "PO2203";
  five_days.thuiszitter_policy.report_within_days = 5;
  ASSERT_TRUE(repository_->PutSettings(five_days, 0).ok());
  ASSERT_TRUE(cases_->Create(Candidate("tz-1"), "").ok());
  ThuiszitterCase other = Candidate("tz-2");
  other.tenant = "PO2001";  // no settings: the default of 2 days
  ASSERT_TRUE(cases_->Create(other, "").ok());
  // The database as it was before version 5 of the component.
  ASSERT_TRUE(
      scratch_->db()
          .InTransaction([](storage::Transaction& tx) -> absl::Status {
            absl::Status dropped =
                tx.Execute("ALTER TABLE thuiszitter_cases DROP COLUMN report_deadline").status();
            if (!dropped.ok()) return dropped;
            return tx
                .Execute(
                    "DELETE FROM schema_migrations WHERE component = "
                    "'registrations' AND version = 5")
                .status();
          })
          .ok());

  ASSERT_TRUE(MigrateThuiszitterSchema(scratch_->db()).ok());
  // Absence from 2026-09-01: the 4-week mark is 2026-09-29.
  absl::StatusOr<ThuiszitterCase> with_settings = cases_->Get("PO2203", "tz-1");
  absl::StatusOr<ThuiszitterCase> without = cases_->Get("PO2001", "tz-2");
  ASSERT_TRUE(with_settings.ok() && without.ok()) << with_settings.status() << without.status();
  EXPECT_EQ(with_settings->report.report_deadline, absl::CivilDay(2026, 10, 4));
  EXPECT_EQ(without->report.report_deadline, absl::CivilDay(2026, 10, 1));
}

TEST_P(ThuiszitterRepositoryTest, MigrationsAreIdempotent) {
  EXPECT_TRUE(MigrateThuiszitterSchema(scratch_->db()).ok());
  ASSERT_TRUE(cases_->Create(Candidate("tz-1"), "").ok());
  EXPECT_TRUE(MigrateThuiszitterSchema(scratch_->db()).ok());
  EXPECT_TRUE(cases_->Get("PO2203", "tz-1").ok());
}

INSTANTIATE_TEST_SUITE_P(Databases, ThuiszitterRepositoryTest,
                         ::testing::Values(storage::Dialect::kSqlite, storage::Dialect::kMysql),
                         [](const auto& test_param) {
                           return swv::testing::DialectName(test_param.param);
                         });

}  // namespace
}  // namespace swv::registrations
