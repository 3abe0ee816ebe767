// The monitoring service end to end over gRPC on SQLite and MariaDB, with in-memory stand-ins for
// registrations and allocation: both shipped goal sets load and every goal has a status for each
// of its years; computed statuses from hand-built aggregates (exact values, edges on target,
// trend); reported measurements with versions and their rules; milestones. The cache, the
// kwartaalrapportage, goal editing and scope: monitoring_reports_server_test.cc.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "services/common/principal.h"
#include "services/kernel/errors.h"
#include "tests/services/monitoring/monitoring_server_fixture.h"
#include "tests/services/monitoring/monitoring_test_fixture.h"
#include "tests/testing/principal_context.h"

namespace swv::monitoring::testing {
namespace {

using ::testing::HasSubstr;

TEST_P(MonitoringTest, BothGoalSetsLoadAndEveryGoalHasAStatusForEachOfItsYears) {
  // The Onderwijs dat Past file under a made-up tenant code: the seeds (000-002) never give that
  // SWV's code (docs/monitoring.md, "The shipped goal sets").
  const pb::ImportGoalSetResponse odp =
      Import("PO2801", ReadRepoFile("data/goals/onderwijs-dat-past/2023-2027.goals"));
  EXPECT_EQ(odp.goal_set(), "onderwijs-dat-past/2023-2027");
  EXPECT_EQ(odp.goals_created(), 96);  // 18 goals, 78 milestones
  const pb::ImportGoalSetResponse po =
      Import("PO2203", ReadRepoFile("data/goals/po2203/2026-2029.goals"));
  EXPECT_EQ(po.goals_created(), 29);
  // Loading the same file again changes nothing.
  const pb::ImportGoalSetResponse again =
      Import("PO2203", ReadRepoFile("data/goals/po2203/2026-2029.goals"));
  EXPECT_EQ(again.goals_unchanged(), 29);
  EXPECT_EQ(again.goals_created() + again.goals_updated() + again.goals_retired(), 0);

  for (const std::string swv : {"PO2801", "PO2203"}) {
    pb::ListGoalsRequest list;
    list.set_parent(absl::StrCat("swvs/", swv));
    pb::ListGoalsResponse goals;
    ASSERT_TRUE(stub_->ListGoals(Context().get(), list, &goals).ok());
    for (int year = 2023; year <= 2029; ++year) {
      std::map<std::string, pb::GoalStatus> statuses = ById(Statuses(swv, year));
      size_t expected = 0;
      for (const pb::Goal& goal : goals.goals()) {
        bool has_year = false;
        for (const pb::YearTarget& t : goal.targets()) has_year |= t.year() == year;
        if (!has_year) continue;
        ++expected;
        const std::string id = goal.name().substr(goal.name().rfind('/') + 1);
        auto it = statuses.find(absl::StrCat("/", id));
        ASSERT_NE(it, statuses.end()) << swv << " " << year << " " << id;
        const pb::GoalStatus& s = it->second;
        EXPECT_NE(s.status(), pb::GOAL_STATUS_VALUE_UNSPECIFIED);
        // A value, a done flag or "no data" - and the status says which.
        if (s.status() == pb::GOAL_STATUS_VALUE_NO_DATA) {
          EXPECT_FALSE(s.has_value_e4()) << id;
          EXPECT_THAT(s.provenance(), HasSubstr("no data")) << id;
        } else {
          EXPECT_TRUE(s.has_value_e4() || s.has_done()) << id;
        }
      }
      EXPECT_EQ(statuses.size(), expected) << swv << " " << year;
    }
  }
}

TEST_P(MonitoringTest, ComputesStatusesFromTheAggregatesExactlyOnTheEdges) {
  Import("PO2203", ReadRepoFile("data/goals/po2203/2026-2029.goals"));
  SeedAggregates();
  std::map<std::string, pb::GoalStatus> s = ById(Statuses("PO2203", 2026));
  auto expect = [&](const std::string& goal, int64_t value_e4, pb::GoalStatusValue status) {
    const pb::GoalStatus& row = s["/" + goal];
    EXPECT_EQ(row.value_e4(), value_e4) << goal << ": " << row.provenance();
    EXPECT_EQ(row.status(), status) << goal;
  };
  expect("tlv-binnen-termijn", 1000000, pb::GOAL_STATUS_VALUE_MET);         // 4/4, target 100
  expect("go-binnen-regio", 950000, pb::GOAL_STATUS_VALUE_MET);             // 19/20, at least 95
  expect("go-buiten-regio", 50000, pb::GOAL_STATUS_VALUE_MET);              // 1/20, at most 5
  expect("vrijstellingen-met-swv", 500000, pb::GOAL_STATUS_VALUE_NOT_MET);  // 1/2
  expect("arrangementen-binnen-8-weken", 900000, pb::GOAL_STATUS_VALUE_NOT_MET);  // 9/10 (all keys)
  expect("opdc-verlengingen", 250000, pb::GOAL_STATUS_VALUE_MET);                 // 1/4, at most 25
  expect("sbo-deelname", 20000, pb::GOAL_STATUS_VALUE_MET);  // 200/10,000 <= 2.5
  expect("so-deelname", 0, pb::GOAL_STATUS_VALUE_MET);
  expect("go-deelname", 20000, pb::GOAL_STATUS_VALUE_NO_TARGET);  // tracked until 2029
  expect("verantwoording-voor-1-februari", 750000, pb::GOAL_STATUS_VALUE_NOT_MET);  // 3/4 of 2025
  expect("thuiszitters-langer-dan-1-maand", 20000, pb::GOAL_STATUS_VALUE_NOT_MET);  // 2, exactly 0
  expect("thuiszitters-langer-dan-3-maanden", 0, pb::GOAL_STATUS_VALUE_MET);
  expect("thuiszitters-per-1000", 5000, pb::GOAL_STATUS_VALUE_NO_TARGET);  // 5 / 10,000 x 1000
  expect("thuiszitters-gemiddelde-duur", 333333, pb::GOAL_STATUS_VALUE_NO_TARGET);  // 100/3 days
  expect("tlv-aanvragen-per-1000", 25000, pb::GOAL_STATUS_VALUE_NO_TARGET);  // 25 / 10,000 x 1000
  expect("tlv-ontvangen-tot-compleet-p50", 70000, pb::GOAL_STATUS_VALUE_NO_TARGET);
  expect("tlv-compleet-tot-besluit-p75", 410000, pb::GOAL_STATUS_VALUE_NO_TARGET);
  // National figure: 2026 has none, the 2021 figure is used and named.
  EXPECT_EQ(s["/sbo-deelname"].target_e4(), 25000);
  EXPECT_EQ(s["/sbo-deelname"].target_source(), "national SBO participation 2021");
  EXPECT_EQ(s["/sbo-deelname"].display_value(), "2%");
  // Trend against 2025: TLV deadline 50% -> 100%.
  EXPECT_EQ(s["/tlv-binnen-termijn"].previous_value_e4(), 500000);
  EXPECT_EQ(s["/tlv-binnen-termijn"].trend(), pb::TREND_IMPROVING);
  EXPECT_EQ(s["/tlv-binnen-termijn"].provenance(), "computed tlv_decided_within_deadline_share");
  // The waiting lists: one pupil waited for SO and one for SBO in the period, target exactly 0.
  expect("wachtlijst-so", 10000, pb::GOAL_STATUS_VALUE_NOT_MET);
  expect("wachtlijst-sbo", 10000, pb::GOAL_STATUS_VALUE_NOT_MET);
  EXPECT_EQ(s["/wachtlijst-so"].provenance(), "computed pupils_waiting_for_so");

  // Per wijk: support counts are summed over the wijk's schools (from the directory).
  std::map<std::string, pb::GoalStatus> w = ById(Statuses("PO2203", 2026, pb::LEVEL_WIJK));
  EXPECT_EQ(w["W1/arrangementen-binnen-8-weken"].value_e4(), 833333);   // 5/6
  EXPECT_EQ(w["W2/arrangementen-binnen-8-weken"].value_e4(), 1000000);  // 3/3
  EXPECT_EQ(w["W2/arrangementen-binnen-8-weken"].status(), pb::GOAL_STATUS_VALUE_MET);
  // Participation per wijk from the per-school pupil counts: W1 above the national 2.5%, W2 at 0.
  EXPECT_EQ(w["W1/sbo-deelname"].value_e4(), 38462);
  EXPECT_EQ(w["W1/sbo-deelname"].status(), pb::GOAL_STATUS_VALUE_NOT_MET);
  EXPECT_EQ(w["W2/sbo-deelname"].value_e4(), 0);
  EXPECT_EQ(w["W2/sbo-deelname"].status(), pb::GOAL_STATUS_VALUE_MET);
  std::map<std::string, pb::GoalStatus> b = ById(Statuses("PO2203", 2026, pb::LEVEL_BOARD));
  EXPECT_EQ(b["B1/go-deelname"].value_e4(), 38462);  // (200 + 0) / 5,200
  EXPECT_EQ(b["B2/go-deelname"].value_e4(), 0);
}

// The ODP goals on support levels, computed from the school support profiles: "level 3" counts
// schools at level 3 or 4; at the SWV and per board, exactly on the 2026 targets (80% and 40%).
TEST_P(MonitoringTest, SupportLevelGoalsOfOnderwijsDatPastOnTheEdges) {
  Import("PO2801", ReadRepoFile("data/goals/onderwijs-dat-past/2023-2027.goals"));
  registrations_.SetSchools({{"11AA00", "B1", "W1", SchoolKind::kRegular, true},
                             {"12AA00", "B1", "W1", SchoolKind::kRegular, true},
                             {"13AA00", "B1", "W1", SchoolKind::kRegular, true},
                             {"14AA00", "B2", "W2", SchoolKind::kRegular, true},
                             {"15AA00", "B2", "W2", SchoolKind::kRegular, true}});
  auto school = [](int level) {
    SupportAggregate a;
    a.schools_counted = 1;
    a.schools_at_support_level_3_or_higher = level >= 3 ? 1 : 0;
    a.schools_at_support_level_4 = level >= 4 ? 1 : 0;
    return a;
  };
  // B1: levels 4, 4, 3 (100%, 66.67%); B2: levels 3 and none (50%, 0%). SWV: 4/5, 2/5.
  registrations_.SetSupport(kYearStart, kToday,
                            {{"11AA00", school(4)},
                             {"12AA00", school(4)},
                             {"13AA00", school(3)},
                             {"14AA00", school(3)},
                             {"15AA00", school(0)}});
  std::map<std::string, pb::GoalStatus> s = ById(Statuses("PO2801", 2026));
  EXPECT_EQ(s["/scholen-ondersteuningsniveau-3"].value_e4(), 800000)
      << s["/scholen-ondersteuningsniveau-3"].provenance();
  EXPECT_EQ(s["/scholen-ondersteuningsniveau-3"].status(), pb::GOAL_STATUS_VALUE_MET);
  EXPECT_EQ(s["/scholen-ondersteuningsniveau-3"].provenance(),
            "computed schools_at_support_level_3_share");
  EXPECT_EQ(s["/scholen-ondersteuningsniveau-4"].value_e4(), 400000);
  EXPECT_EQ(s["/scholen-ondersteuningsniveau-4"].status(), pb::GOAL_STATUS_VALUE_MET);
  std::map<std::string, pb::GoalStatus> b = ById(Statuses("PO2801", 2026, pb::LEVEL_BOARD));
  EXPECT_EQ(b["B1/scholen-ondersteuningsniveau-3"].value_e4(), 1000000);
  EXPECT_EQ(b["B1/scholen-ondersteuningsniveau-4"].value_e4(), 666667);
  EXPECT_EQ(b["B2/scholen-ondersteuningsniveau-3"].value_e4(), 500000);
  EXPECT_EQ(b["B2/scholen-ondersteuningsniveau-3"].status(), pb::GOAL_STATUS_VALUE_NOT_MET);
  EXPECT_EQ(b["B2/scholen-ondersteuningsniveau-4"].value_e4(), 0);
}

// The two ODP goals computed from the placement statistics, on and around their targets.
TEST_P(MonitoringTest, PlacementGoalsOfOnderwijsDatPastOnTheEdges) {
  Import("PO2801", ReadRepoFile("data/goals/onderwijs-dat-past/2023-2027.goals"));
  registrations_.SetSchools({{"12AB00", "B1", "W1", SchoolKind::kUnspecified, true},
                             {"13AB00", "B2", "W2", SchoolKind::kUnspecified, true},
                             {"90MD00", "B1", "W1", SchoolKind::kUnspecified, true}});
  PlacementAggregate at_12ab00;
  at_12ab00.extra_support_pupils = 12;
  at_12ab00.served_at_first_school = 6;
  at_12ab00.served_in_same_wijk = 2;
  at_12ab00.so_profile_pupils = 1;
  PlacementAggregate at_13ab00;
  at_13ab00.extra_support_pupils = 4;
  at_13ab00.served_at_first_school = 1;
  at_13ab00.served_in_same_wijk = 1;
  PlacementAggregate at_90md00;
  at_90md00.extra_support_pupils = 4;
  at_90md00.served_at_first_school = 3;
  at_90md00.so_profile_pupils = 9;
  at_90md00.so_profile_at_mdo_inside_region = 9;
  registrations_.SetPlacement(
      kYearStart, kToday, {{"12AB00", at_12ab00}, {"13AB00", at_13ab00}, {"90MD00", at_90md00}});
  // 2025: 3 of 5 close to home = 60% (target 60: exactly on it); 7 of 10 at an MDO = 70%
  // (target 70: exactly on it).
  PlacementAggregate last_year;
  last_year.extra_support_pupils = 5;
  last_year.served_at_first_school = 3;
  last_year.so_profile_pupils = 10;
  last_year.so_profile_at_mdo_inside_region = 7;
  registrations_.SetPlacement(kLastYearStart, kLastYearEnd, {{"12AB00", last_year}});

  std::map<std::string, pb::GoalStatus> s = ById(Statuses("PO2801", 2026));
  // (6 + 2 + 1 + 1 + 3) / (12 + 4 + 4) = 13/20 = 65%: exactly the 2026 target (at least 65).
  EXPECT_EQ(s["/opgevangen-in-eigen-wijk"].value_e4(), 650000)
      << s["/opgevangen-in-eigen-wijk"].provenance();
  EXPECT_EQ(s["/opgevangen-in-eigen-wijk"].status(), pb::GOAL_STATUS_VALUE_MET);
  EXPECT_EQ(s["/opgevangen-in-eigen-wijk"].provenance(),
            "computed extra_support_served_in_own_wijk_share");
  EXPECT_EQ(s["/opgevangen-in-eigen-wijk"].trend(), pb::TREND_IMPROVING);  // 60% -> 65%
  // 9 of 10 with an SO-TLV profile at an MDO in the region = 90%: exactly the 2026 target.
  EXPECT_EQ(s["/so-tlv-op-mdo-in-regio"].value_e4(), 900000);
  EXPECT_EQ(s["/so-tlv-op-mdo-in-regio"].status(), pb::GOAL_STATUS_VALUE_MET);
  std::map<std::string, pb::GoalStatus> last = ById(Statuses("PO2801", 2025));
  EXPECT_EQ(last["/opgevangen-in-eigen-wijk"].value_e4(), 600000);
  EXPECT_EQ(last["/opgevangen-in-eigen-wijk"].status(), pb::GOAL_STATUS_VALUE_MET);
  EXPECT_EQ(last["/so-tlv-op-mdo-in-regio"].value_e4(), 700000);
  EXPECT_EQ(last["/so-tlv-op-mdo-in-regio"].status(), pb::GOAL_STATUS_VALUE_MET);

  // Per wijk, summed over the first schools of the wijk: W1 = 12AB00 + 90MD00: (8 + 3) / 16 =
  // 68.75% (met); 9 of 10 at an MDO. W2 = 13AB00: 2/4 = 50% (not met); nobody with an SO-TLV
  // profile: no data.
  std::map<std::string, pb::GoalStatus> w = ById(Statuses("PO2801", 2026, pb::LEVEL_WIJK));
  EXPECT_EQ(w["W1/opgevangen-in-eigen-wijk"].value_e4(), 687500);
  EXPECT_EQ(w["W1/opgevangen-in-eigen-wijk"].status(), pb::GOAL_STATUS_VALUE_MET);
  EXPECT_EQ(w["W2/opgevangen-in-eigen-wijk"].value_e4(), 500000);
  EXPECT_EQ(w["W2/opgevangen-in-eigen-wijk"].status(), pb::GOAL_STATUS_VALUE_NOT_MET);
  EXPECT_EQ(w["W1/so-tlv-op-mdo-in-regio"].value_e4(), 900000);
  EXPECT_EQ(w["W2/so-tlv-op-mdo-in-regio"].status(), pb::GOAL_STATUS_VALUE_NO_DATA);
  EXPECT_THAT(w["W2/so-tlv-op-mdo-in-regio"].provenance(),
              HasSubstr("no pupil with an SO-TLV profile"));
  // Per school (the first school): 12AB00 8/12 = 66.6667% (met, 65); 90MD00 3/4 = 75%.
  std::map<std::string, pb::GoalStatus> school = ById(Statuses("PO2801", 2026, pb::LEVEL_SCHOOL));
  EXPECT_EQ(school["12AB00/opgevangen-in-eigen-wijk"].value_e4(), 666667);
  EXPECT_EQ(school["12AB00/opgevangen-in-eigen-wijk"].status(), pb::GOAL_STATUS_VALUE_MET);
  EXPECT_EQ(school["90MD00/opgevangen-in-eigen-wijk"].value_e4(), 750000);

  // One pupil fewer close to home in 2026: 12 / 20 = 60%, just below 65.
  at_12ab00.served_at_first_school = 5;
  registrations_.SetPlacement(
      kYearStart, kToday, {{"12AB00", at_12ab00}, {"13AB00", at_13ab00}, {"90MD00", at_90md00}});
  clock_.Advance(absl::Minutes(10));  // past the status cache
  s = ById(Statuses("PO2801", 2026));
  EXPECT_EQ(s["/opgevangen-in-eigen-wijk"].value_e4(), 600000);
  EXPECT_EQ(s["/opgevangen-in-eigen-wijk"].status(), pb::GOAL_STATUS_VALUE_NOT_MET);
  EXPECT_EQ(s["/opgevangen-in-eigen-wijk"].trend(), pb::TREND_UNCHANGED);
}

TEST_P(MonitoringTest, ReportedMeasurementsAreVersionedAndChecked) {
  Import("PO2203", ReadRepoFile("data/goals/po2203/2026-2029.goals"));
  pb::Measurement reply;
  ASSERT_TRUE(
      Submit("thuiszitters-in-beeld", "2026-Q3", pb::LEVEL_SWV, "", 900000, absl::nullopt, &reply)
          .ok());
  EXPECT_EQ(reply.version(), 1);
  EXPECT_EQ(ById(Statuses("PO2203", 2026))["/thuiszitters-in-beeld"].status(),
            pb::GOAL_STATUS_VALUE_NOT_MET);
  clock_.Advance(absl::Hours(1));
  ASSERT_TRUE(Submit("thuiszitters-in-beeld", "2026-Q3", pb::LEVEL_SWV, "", 1000000, absl::nullopt,
                     &reply, "office:PO2203:jan")
                  .ok());
  EXPECT_EQ(reply.version(), 2);
  EXPECT_EQ(reply.submitted_by(), "office:PO2203:jan");
  pb::GoalStatus status = ById(Statuses("PO2203", 2026))["/thuiszitters-in-beeld"];
  EXPECT_EQ(status.status(), pb::GOAL_STATUS_VALUE_MET);  // the later version counts: 100%
  EXPECT_THAT(status.provenance(), HasSubstr("reported 2026-Q3 v2 by office:PO2203:jan"));
  // A yearly figure for 2026 takes precedence over the quarter for the year's status.
  ASSERT_TRUE(
      Submit("tevredenheid-tlv-procedure", "2026", pb::LEVEL_SWV, "", 75000, absl::nullopt, &reply)
          .ok());
  EXPECT_EQ(ById(Statuses("PO2203", 2026))["/tevredenheid-tlv-procedure"].status(),
            pb::GOAL_STATUS_VALUE_MET);

  // A wijk's figure reported under its code in lower case is kept under the code as the
  // directory keeps it, where the wijk's statuses look for it.
  ASSERT_TRUE(
      Submit("start-regulier", "2026", pb::LEVEL_WIJK, "w1", 900000, absl::nullopt, &reply).ok());
  EXPECT_EQ(reply.level_id(), "W1");

  pb::ListMeasurementsRequest list;
  list.set_parent("swvs/PO2203/goals/thuiszitters-in-beeld");
  pb::ListMeasurementsResponse listed;
  ASSERT_TRUE(stub_->ListMeasurements(Context().get(), list, &listed).ok());
  ASSERT_EQ(listed.measurements_size(), 2);
  EXPECT_EQ(listed.measurements(0).value_e4(), 900000);
  EXPECT_EQ(listed.measurements(1).value_e4(), 1000000);

  // Rules.
  grpc::Status computed =
      Submit("tlv-binnen-termijn", "2026", pb::LEVEL_SWV, "", 1000000, absl::nullopt, &reply);
  EXPECT_EQ(computed.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(computed)), "GOAL_IS_COMPUTED");
  grpc::Status bad = Submit("thuiszitters-verklaarbaar", "2026-Q9", pb::LEVEL_SCHOOL, "12AB00",
                            1000001, true, &reply);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::set<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(FromGrpcStatus(bad))) fields.insert(v.field);
  EXPECT_EQ(fields, (std::set<std::string>{"measurement.period", "measurement.level"}));
  bad = Submit("thuiszitters-verklaarbaar", "2026", pb::LEVEL_SWV, "", 1000001, true, &reply);
  fields.clear();
  for (const FieldViolation& v : FieldViolationsOf(FromGrpcStatus(bad))) fields.insert(v.field);
  EXPECT_EQ(fields, (std::set<std::string>{"measurement.value_e4", "measurement.done"}));
  grpc::Status unauthenticated =
      Submit("thuiszitters-in-beeld", "2026", pb::LEVEL_SWV, "", 0, absl::nullopt, &reply, "");
  EXPECT_EQ(unauthenticated.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  grpc::Status missing =
      Submit("no-such-goal", "2026", pb::LEVEL_SWV, "", 0, absl::nullopt, &reply);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_P(MonitoringTest, MilestonesAndMilestoneYearsAreDoneOrNotDone) {
  pb::ImportGoalSetRequest request;
  request.set_parent("swvs/PO2203");
  request.set_content(ReadRepoFile("data/goals/onderwijs-dat-past/2023-2027.goals"));
  pb::ImportGoalSetResponse imported;
  ASSERT_TRUE(stub_->ImportGoalSet(Context().get(), request, &imported).ok());
  clock_.Set(absl::FromCivil(absl::CivilSecond(2025, 11, 16, 10, 0, 0), DutchTimeZone()));
  pb::Measurement reply;
  // A milestone needs done, not a value.
  grpc::Status bad = Submit("penvoerderschap-ingevoerd-2025", "2025", pb::LEVEL_SWV, "", 10000,
                            absl::nullopt, &reply);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ASSERT_TRUE(Submit("penvoerderschap-ingevoerd-2025", "2025", pb::LEVEL_SWV, "", absl::nullopt,
                     true, &reply)
                  .ok());
  // The computed thuiszitter goal's 2023 year is a milestone ("gevolgd en geanalyseerd").
  ASSERT_TRUE(Submit("thuiszitters-geen-passende-plek", "2023", pb::LEVEL_SWV, "", absl::nullopt,
                     false, &reply)
                  .ok());
  std::map<std::string, pb::GoalStatus> s2025 = ById(Statuses("PO2203", 2025));
  EXPECT_EQ(s2025["/penvoerderschap-ingevoerd-2025"].status(), pb::GOAL_STATUS_VALUE_MET);
  EXPECT_EQ(s2025["/penvoerderschap-ingevoerd-2025"].display_value(), "done");
  std::map<std::string, pb::GoalStatus> s2023 = ById(Statuses("PO2203", 2023));
  EXPECT_EQ(s2023["/thuiszitters-geen-passende-plek"].status(), pb::GOAL_STATUS_VALUE_NOT_MET);
  EXPECT_EQ(s2023["/thuiszitters-geen-passende-plek"].target().kind(), pb::TARGET_KIND_MILESTONE);
  EXPECT_EQ(s2023["/scholen-delen-kennis-2023"].status(), pb::GOAL_STATUS_VALUE_NO_DATA);
}

INSTANTIATE_TEST_SUITE_P(Dialects, MonitoringTest,
                         ::testing::Values(storage::Dialect::kSqlite, storage::Dialect::kMysql),
                         [](const ::testing::TestParamInfo<storage::Dialect>& test_param) {
                           return swv::testing::DialectName(test_param.param);
                         });

}  // namespace
}  // namespace swv::monitoring::testing
