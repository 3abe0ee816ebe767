// The monitoring service end to end over gRPC on SQLite and MariaDB, with in-memory stand-ins for
// registrations and allocation: both shipped goal sets load and every goal has a status for each
// of its years; computed statuses from hand-built aggregates (exact values, edges on target,
// trend); reported measurements with versions and their rules; goal editing; the cache; the
// kwartaalrapportage as JSON and CSV; an unreachable registrations service.
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
#include "tests/testing/principal_context.h"

namespace swv::monitoring::testing {
namespace {

namespace pb = ::swv::v1;
using ::testing::HasSubstr;

const absl::CivilDay kYearStart(2026, 1, 1);
const absl::CivilDay kToday(2026, 11, 16);
const absl::CivilDay kLastYearStart(2025, 1, 1);
const absl::CivilDay kLastYearEnd(2025, 12, 31);

class MonitoringTest : public MonitoringServerTest {
 protected:
  pb::ImportGoalSetResponse Import(const std::string& swv, const std::string& content) {
    pb::ImportGoalSetRequest request;
    request.set_parent(absl::StrCat("swvs/", swv));
    request.set_content(content);
    pb::ImportGoalSetResponse response;
    grpc::Status status = stub_->ImportGoalSet(Context().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  pb::GoalStatuses Statuses(const std::string& swv, int year, pb::Level level = pb::LEVEL_SWV,
                            const std::string& level_id = "") {
    pb::GetGoalStatusesRequest request;
    request.set_parent(absl::StrCat("swvs/", swv));
    request.set_year(year);
    request.set_level(level);
    request.set_level_id(level_id);
    pb::GoalStatuses response;
    grpc::Status status = stub_->GetGoalStatuses(Context().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  static std::map<std::string, pb::GoalStatus> ById(const pb::GoalStatuses& statuses) {
    std::map<std::string, pb::GoalStatus> out;
    for (const pb::GoalStatus& s : statuses.statuses())
      out[absl::StrCat(s.level_id(), "/", s.goal())] = s;
    return out;
  }

  grpc::Status Submit(const std::string& goal, const std::string& period, pb::Level level,
                      const std::string& level_id, absl::optional<int64_t> value_e4,
                      absl::optional<bool> done, pb::Measurement* reply,
                      const std::string& principal = "office:PO2203") {
    pb::SubmitMeasurementRequest request;
    request.set_parent(absl::StrCat("swvs/PO2203/goals/", goal));
    pb::Measurement* m = request.mutable_measurement();
    m->set_period(period);
    m->set_level(level);
    m->set_level_id(level_id);
    if (value_e4) m->set_value_e4(*value_e4);
    if (done) m->set_done(*done);
    return stub_->SubmitMeasurement(Context(principal).get(), request, reply);
  }

  // The hand-built aggregates of PO2203 for 2026 (up to today) and 2025.
  void SeedAggregates() {
    TlvAggregate tlv;
    tlv.decided = 4;
    tlv.decided_within_deadline = 4;  // 100%: exactly on the target of 100
    tlv.granted_receiving_inside_region = 19;
    tlv.granted_receiving_outside_region = 1;  // 95% inside, 5% outside: both exactly on target
    tlv.received_to_complete = {4, 3, 7, 12};
    tlv.complete_to_decision = {4, 20, 30, 41};
    registrations_.SetTlv(kYearStart, kToday, Level::kSwv, "", tlv);
    TlvAggregate last_year;
    last_year.decided = 2;
    last_year.decided_within_deadline = 1;  // 50%
    registrations_.SetTlv(kLastYearStart, kLastYearEnd, Level::kSwv, "", last_year);
    TlvAggregate rolling;
    rolling.received = 25;  // 2025-11-17 .. 2026-11-16
    registrations_.SetTlv(absl::CivilDay(2025, 11, 17), kToday, Level::kSwv, "", rolling);
    RegisterAggregate reg;
    reg.open_at_end = 5;
    reg.open_past_one_month = 2;
    reg.open_past_three_months = 0;
    reg.reported = 3;
    reg.duration_days_total = 100;
    reg.exemptions = 2;
    reg.exemptions_with_swv_involvement = 1;  // 50%
    registrations_.SetRegister(kYearStart, kToday, Level::kSwv, {{"", reg}});
    registrations_.SetSupport(kYearStart, kToday,
                              {{"", SupportAggregate{1, 1, 0, 0}},  // a wijk arrangement
                               {"12AB00", SupportAggregate{6, 5, 4, 1}},
                               {"13AB00", SupportAggregate{3, 3, 0, 0}}});  // 9/10, 1/4
    registrations_.SetSchools({{"12AB00", "B1", "W1", SchoolKind::kUnspecified, true},
                               {"13AB00", "B2", "W2", SchoolKind::kUnspecified, true},
                               {"56EF00", "", "", SchoolKind::kUnspecified, false}});
    // SWV: SBO 2.0%, SO 0%, GO 2.0%. W1/B1: 200 / 5,200 = 3.8462%; W2/B2: 0 / 4,800.
    allocation_.SetPupils(
        2026, {{"12AB00", PupilCounts{5000, 200, 0}}, {"13AB00", PupilCounts{4800, 0, 0}}});
    allocation_.SetSpendingAccounts(2025,
                                    {{"B1", true}, {"B2", true}, {"B3", true}, {"B4", false}});
  }
};

TEST_P(MonitoringTest, BothGoalSetsLoadAndEveryGoalHasAStatusForEachOfItsYears) {
  // The Onderwijs dat Past file under a made-up tenant code: the seeds (000-002) never give that
  // SWV's code (docs/monitoring.md, "The shipped goal sets").
  const pb::ImportGoalSetResponse odp =
      Import("PO2801", ReadRepoFile("data/goals/onderwijs-dat-past/2023-2027.goals"));
  EXPECT_EQ(odp.goal_set(), "onderwijs-dat-past/2023-2027");
  EXPECT_EQ(odp.goals_created(), 27);
  const pb::ImportGoalSetResponse po =
      Import("PO2203", ReadRepoFile("data/goals/po2203/2026-2029.goals"));
  EXPECT_EQ(po.goals_created(), 27);
  // Loading the same file again changes nothing.
  const pb::ImportGoalSetResponse again =
      Import("PO2203", ReadRepoFile("data/goals/po2203/2026-2029.goals"));
  EXPECT_EQ(again.goals_unchanged(), 27);
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
  // Reported goals without a measurement: no data.
  EXPECT_EQ(s["/wachtlijst-so"].status(), pb::GOAL_STATUS_VALUE_NO_DATA);

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
      Submit("wachtlijst-so", "2026-Q3", pb::LEVEL_SWV, "", 20000, absl::nullopt, &reply).ok());
  EXPECT_EQ(reply.version(), 1);
  EXPECT_EQ(ById(Statuses("PO2203", 2026))["/wachtlijst-so"].status(),
            pb::GOAL_STATUS_VALUE_NOT_MET);
  clock_.Advance(absl::Hours(1));
  ASSERT_TRUE(Submit("wachtlijst-so", "2026-Q3", pb::LEVEL_SWV, "", 0, absl::nullopt, &reply,
                     "office:PO2203:jan")
                  .ok());
  EXPECT_EQ(reply.version(), 2);
  EXPECT_EQ(reply.submitted_by(), "office:PO2203:jan");
  pb::GoalStatus status = ById(Statuses("PO2203", 2026))["/wachtlijst-so"];
  EXPECT_EQ(status.status(), pb::GOAL_STATUS_VALUE_MET);  // the later version counts: 0, exactly 0
  EXPECT_THAT(status.provenance(), HasSubstr("reported 2026-Q3 v2 by office:PO2203:jan"));
  // A yearly figure for 2026 takes precedence over the quarter for the year's status.
  ASSERT_TRUE(
      Submit("tevredenheid-tlv-procedure", "2026", pb::LEVEL_SWV, "", 75000, absl::nullopt, &reply)
          .ok());
  EXPECT_EQ(ById(Statuses("PO2203", 2026))["/tevredenheid-tlv-procedure"].status(),
            pb::GOAL_STATUS_VALUE_MET);

  pb::ListMeasurementsRequest list;
  list.set_parent("swvs/PO2203/goals/wachtlijst-so");
  pb::ListMeasurementsResponse listed;
  ASSERT_TRUE(stub_->ListMeasurements(Context().get(), list, &listed).ok());
  ASSERT_EQ(listed.measurements_size(), 2);
  EXPECT_EQ(listed.measurements(0).value_e4(), 20000);
  EXPECT_EQ(listed.measurements(1).value_e4(), 0);

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
      Submit("wachtlijst-so", "2026", pb::LEVEL_SWV, "", 0, absl::nullopt, &reply, "");
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

TEST_P(MonitoringTest, CachesStatusesForAtMostTheMaxAge) {
  Import("PO2203", ReadRepoFile("data/goals/po2203/2026-2029.goals"));
  SeedAggregates();
  Statuses("PO2203", 2026);
  const int after_first = registrations_.calls();
  EXPECT_GT(after_first, 0);
  clock_.Advance(absl::Minutes(5));  // exactly the max age: still fresh
  Statuses("PO2203", 2026);
  EXPECT_EQ(registrations_.calls(), after_first);
  clock_.Advance(absl::Seconds(1));  // older than the max age: recomputed
  Statuses("PO2203", 2026);
  EXPECT_GT(registrations_.calls(), after_first);
  // New aggregates show after the max age, not before.
  TlvAggregate worse;
  worse.decided = 4;
  worse.decided_within_deadline = 3;
  worse.granted_receiving_inside_region = 19;
  worse.granted_receiving_outside_region = 1;
  registrations_.SetTlv(kYearStart, kToday, Level::kSwv, "", worse);
  EXPECT_EQ(ById(Statuses("PO2203", 2026))["/tlv-binnen-termijn"].value_e4(), 1000000);
  clock_.Advance(absl::Minutes(6));
  // (today is still 2026-11-16, so the same aggregate keys apply)
  EXPECT_EQ(ById(Statuses("PO2203", 2026))["/tlv-binnen-termijn"].value_e4(), 750000);
  // A measurement through this replica shows at once.
  pb::Measurement reply;
  ASSERT_TRUE(Submit("wachtlijst-sbo", "2026", pb::LEVEL_SWV, "", 0, absl::nullopt, &reply).ok());
  EXPECT_EQ(ById(Statuses("PO2203", 2026))["/wachtlijst-sbo"].status(), pb::GOAL_STATUS_VALUE_MET);
}

TEST_P(MonitoringTest, UnreachableRegistrationsGivesNoDataAndIsNotCached) {
  Import("PO2203", ReadRepoFile("data/goals/po2203/2026-2029.goals"));
  SeedAggregates();
  registrations_.SetUnavailable(true);
  pb::GoalStatus s = ById(Statuses("PO2203", 2026))["/tlv-binnen-termijn"];
  EXPECT_EQ(s.status(), pb::GOAL_STATUS_VALUE_NO_DATA);
  EXPECT_THAT(s.provenance(), HasSubstr("registrations unavailable: UNAVAILABLE"));
  // Allocation still answers.
  EXPECT_EQ(ById(Statuses("PO2203", 2026))["/sbo-deelname"].value_e4(), 20000);
  registrations_.SetUnavailable(false);
  EXPECT_EQ(ById(Statuses("PO2203", 2026))["/tlv-binnen-termijn"].status(),
            pb::GOAL_STATUS_VALUE_MET);
}

TEST_P(MonitoringTest, KwartaalrapportageAsJsonAndCsv) {
  Import("PO2203", ReadRepoFile("data/goals/po2203/2026-2029.goals"));
  SeedAggregates();
  // Q3 is measured year to date: 2026-01-01 .. 2026-09-30.
  TlvAggregate q3;
  q3.decided = 5;
  q3.decided_within_deadline = 4;
  registrations_.SetTlv(kYearStart, absl::CivilDay(2026, 9, 30), Level::kSwv, "", q3);
  pb::GetReportRequest request;
  request.set_name("swvs/PO2203/reports/2026-Q3");
  pb::Report report;
  ASSERT_TRUE(stub_->GetReport(Context().get(), request, &report).ok());
  EXPECT_EQ(report.period_start(), "2026-01-01");
  EXPECT_EQ(report.period_end(), "2026-09-30");
  ASSERT_GT(report.rows_size(), 27);
  EXPECT_EQ(report.rows(0).level(), pb::LEVEL_SWV);
  EXPECT_EQ(report.rows(report.rows_size() - 1).level(), pb::LEVEL_WIJK);
  EXPECT_EQ(report.rows(report.rows_size() - 1).level_id(), "W2");
  pb::ReportCsv csv;
  ASSERT_TRUE(stub_->ExportReport(Context().get(), request, &csv).ok());
  EXPECT_EQ(csv.filename(), "kwartaalrapportage-PO2203-2026-Q3.csv");
  std::vector<std::string> lines = absl::StrSplit(csv.content(), "\r\n");
  EXPECT_EQ(lines.size(), static_cast<size_t>(report.rows_size()) + 2);
  EXPECT_EQ(
      lines[0],
      "period,level,level_id,goal,theme,indicator,unit,direction,target_kind,target,value,done,"
      "status,trend,previous_value,provenance");
  bool found = false;
  for (const std::string& line : lines) {
    if (line.rfind("2026-Q3,swv,,tlv-binnen-termijn,", 0) == 0) {
      found = true;
      // 4/5 = 80% against 100; previous period Q2 has no TLV data (zero decided): no previous.
      EXPECT_THAT(line, HasSubstr(",percent,at_least,value,100,80,,not_met,no_previous,,computed "
                                  "tlv_decided_within_deadline_share"));
    }
  }
  EXPECT_TRUE(found) << csv.content();
  pb::GetReportRequest malformed;
  malformed.set_name("swvs/PO2203/reports/2026-Q5");
  EXPECT_EQ(stub_->GetReport(Context().get(), malformed, &report).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_P(MonitoringTest, GoalsAreEditableThroughTheApi) {
  pb::CreateGoalRequest create;
  create.set_parent("swvs/PO2203");
  create.set_goal_id("leerlingen-per-wijk");
  pb::Goal* g = create.mutable_goal();
  g->set_kind(pb::GOAL_KIND_INDICATOR);
  g->set_theme("Eigen doelen");
  g->set_indicator("Thuiszitters zonder passende plek");
  g->set_direction(pb::DIRECTION_EXACTLY);
  g->set_unit(pb::UNIT_COUNT);
  g->add_levels(pb::LEVEL_SWV);
  g->set_source("computed");
  g->set_computed_indicator("thuiszitters_no_suitable_school_place");
  pb::YearTarget* t = g->add_targets();
  t->set_year(2026);
  t->set_kind(pb::TARGET_KIND_VALUE);
  t->set_value_e4(0);
  pb::Goal created;
  grpc::Status status = stub_->CreateGoal(Context().get(), create, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(created.name(), "swvs/PO2203/goals/leerlingen-per-wijk");
  EXPECT_EQ(created.version(), 1);
  EXPECT_EQ(stub_->CreateGoal(Context().get(), create, &created).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);

  pb::UpdateGoalRequest update;
  *update.mutable_goal() = created;
  update.mutable_goal()->mutable_targets(0)->set_value_e4(10000);
  pb::Goal updated;
  ASSERT_TRUE(stub_->UpdateGoal(Context().get(), update, &updated).ok());
  EXPECT_EQ(updated.version(), 2);
  EXPECT_EQ(updated.targets(0).value_e4(), 10000);
  // A stale version loses.
  EXPECT_EQ(stub_->UpdateGoal(Context().get(), update, &updated).error_code(),
            grpc::StatusCode::ABORTED);
  // The goal's own rules, with request field paths.
  update.mutable_goal()->set_version(0);
  update.mutable_goal()->clear_levels();
  update.mutable_goal()->add_levels(pb::LEVEL_SCHOOL);
  update.mutable_goal()->set_unit(pb::UNIT_PERCENT);
  grpc::Status invalid = stub_->UpdateGoal(Context().get(), update, &updated);
  EXPECT_EQ(invalid.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::set<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(FromGrpcStatus(invalid))) fields.insert(v.field);
  EXPECT_EQ(fields, (std::set<std::string>{"goal.unit"}));
  pb::GetGoalRequest get;
  get.set_name("swvs/PO2203/goals/leerlingen-per-wijk");
  pb::Goal got;
  ASSERT_TRUE(stub_->GetGoal(Context().get(), get, &got).ok());
  EXPECT_EQ(got.version(), 2);
  // A goal file with a syntax error names the line.
  pb::ImportGoalSetRequest import;
  import.set_parent("swvs/PO2203");
  import.set_content(
      "goal_set = x/1\n[goal a]\ntheme = T\nindicator = I\nlevels = swv\nsource = reported\ntarget "
      "2026 = abc\n");
  pb::ImportGoalSetResponse imported;
  grpc::Status file_error = stub_->ImportGoalSet(Context().get(), import, &imported);
  EXPECT_EQ(file_error.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  bool named_line = false;
  for (const FieldViolation& v : FieldViolationsOf(FromGrpcStatus(file_error))) {
    named_line |=
        v.field == "content" && v.description.find("line 7: target 2026") != std::string::npos;
  }
  EXPECT_TRUE(named_line) << file_error.error_message();
}

// The service checks scope again behind the gateway: goal definitions are read by the tenant's
// schools and boards too; goal statuses at level board are a board's own; at level school its own
// schools'; reports and measurements are the office's; partners and other tenants see nothing.
// A dashboard or partner asking for one goal gets only that goal's rows; an unknown goal is 404.
TEST_P(MonitoringTest, GoalStatusesFilteredToOneGoal) {
  Import("PO2203", ReadRepoFile("data/goals/po2203/2026-2029.goals"));
  const pb::GoalStatuses all = Statuses("PO2203", 2026);
  ASSERT_GT(all.statuses_size(), 1);
  const std::string goal = all.statuses(1).goal();
  pb::GetGoalStatusesRequest request;
  request.set_parent("swvs/PO2203");
  request.set_year(2026);
  request.set_goal(goal);
  pb::GoalStatuses one;
  grpc::Status status = stub_->GetGoalStatuses(Context().get(), request, &one);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(one.statuses_size(), 1);
  EXPECT_EQ(one.statuses(0).goal(), goal);
  EXPECT_EQ(one.statuses(0).SerializeAsString(), all.statuses(1).SerializeAsString());
  request.set_goal("no-such-goal");
  status = stub_->GetGoalStatuses(Context().get(), request, &one);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "GOAL_NOT_FOUND");
}

TEST_P(MonitoringTest, ScopedPrincipalsReadOnlyTheirOwnLevels) {
  Import("PO2203", ReadRepoFile("data/goals/po2203/2026-2029.goals"));
  SeedAggregates();  // 12AB00 under B1, 13AB00 under B2
  auto as = [](PrincipalKind kind, std::vector<std::string> scope, const std::string& tenant) {
    return swv::testing::PrincipalContext(kind, std::move(scope), tenant);
  };
  auto board1 = [&] { return as(PrincipalKind::kBoard, {"B1"}, "PO2203"); };
  auto school = [&] { return as(PrincipalKind::kSchool, {"12AB00"}, "PO2203"); };

  pb::ListGoalsRequest goals_request;
  goals_request.set_parent("swvs/PO2203");
  pb::ListGoalsResponse goals;
  ASSERT_TRUE(stub_->ListGoals(school().get(), goals_request, &goals).ok());
  EXPECT_GT(goals.goals_size(), 0);
  EXPECT_EQ(stub_
                ->ListGoals(as(PrincipalKind::kPartner, {"GM0606"}, "PO2203").get(), goals_request,
                            &goals)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(stub_->ListGoals(as(PrincipalKind::kOffice, {}, "PO2204").get(), goals_request, &goals)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);

  pb::GetGoalStatusesRequest request;
  request.set_parent("swvs/PO2203");
  request.set_year(2026);
  request.set_level(pb::LEVEL_BOARD);
  pb::GoalStatuses statuses;
  ASSERT_TRUE(stub_->GetGoalStatuses(board1().get(), request, &statuses).ok());
  ASSERT_GT(statuses.statuses_size(), 0);
  for (const pb::GoalStatus& row : statuses.statuses()) EXPECT_EQ(row.level_id(), "B1");
  ASSERT_TRUE(stub_->GetGoalStatuses(Context().get(), request, &statuses).ok());
  std::set<std::string> boards;
  for (const pb::GoalStatus& row : statuses.statuses()) boards.insert(row.level_id());
  EXPECT_EQ(boards, (std::set<std::string>{"B1", "B2"}));  // the office sees both
  request.set_level_id("B2");
  EXPECT_EQ(stub_->GetGoalStatuses(board1().get(), request, &statuses).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(stub_->GetGoalStatuses(school().get(), request, &statuses).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  request.set_level(pb::LEVEL_SCHOOL);
  request.set_level_id("13AB00");
  EXPECT_EQ(stub_->GetGoalStatuses(school().get(), request, &statuses).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(stub_->GetGoalStatuses(board1().get(), request, &statuses).error_code(),
            grpc::StatusCode::NOT_FOUND);
  request.set_level_id("12AB00");
  EXPECT_TRUE(stub_->GetGoalStatuses(board1().get(), request, &statuses).ok());
  request.set_level(pb::LEVEL_SWV);
  request.clear_level_id();
  EXPECT_EQ(stub_->GetGoalStatuses(school().get(), request, &statuses).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  pb::GetReportRequest report_request;
  report_request.set_name("swvs/PO2203/reports/2026-Q3");
  pb::Report report;
  EXPECT_EQ(stub_->GetReport(board1().get(), report_request, &report).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  pb::SubmitMeasurementRequest submit;
  submit.set_parent("swvs/PO2203/goals/tlv-binnen-termijn");
  submit.mutable_measurement()->set_period("2026");
  submit.mutable_measurement()->set_level(pb::LEVEL_BOARD);
  submit.mutable_measurement()->set_level_id("B1");
  submit.mutable_measurement()->set_value_e4(1000000);
  pb::Measurement measurement;
  EXPECT_EQ(stub_->SubmitMeasurement(board1().get(), submit, &measurement).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

INSTANTIATE_TEST_SUITE_P(Dialects, MonitoringTest,
                         ::testing::Values(storage::Dialect::kSqlite, storage::Dialect::kMysql),
                         [](const ::testing::TestParamInfo<storage::Dialect>& test_param) {
                           return swv::testing::DialectName(test_param.param);
                         });

}  // namespace
}  // namespace swv::monitoring::testing
