// The monitoring service end to end over gRPC on SQLite and MariaDB: the cache, an unreachable
// registrations service, the kwartaalrapportage as JSON and CSV, goal editing, one goal's statuses
// and scoped principals. The MonitoringTest suite, instantiated in monitoring_server_test.cc.
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
  ASSERT_TRUE(
      Submit("thuiszitters-in-beeld", "2026", pb::LEVEL_SWV, "", 1000000, absl::nullopt, &reply)
          .ok());
  EXPECT_EQ(ById(Statuses("PO2203", 2026))["/thuiszitters-in-beeld"].status(),
            pb::GOAL_STATUS_VALUE_MET);
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

// Seed 002 reports every four months: "2026-T2" is measured year to date up to 31 August, its
// trend against T1 (to 30 April), and a TLV decided on 1 September is not in it.
TEST_P(MonitoringTest, FourMonthReportIsMeasuredYearToDateToTheEndOfAugust) {
  Import("PO2203", ReadRepoFile("data/goals/po2203/2026-2029.goals"));
  SeedAggregates();
  TlvAggregate to_august;
  to_august.decided = 4;
  to_august.decided_within_deadline = 3;
  registrations_.SetTlv(kYearStart, absl::CivilDay(2026, 8, 31), Level::kSwv, "", to_august);
  TlvAggregate to_april;
  to_april.decided = 2;
  to_april.decided_within_deadline = 1;
  registrations_.SetTlv(kYearStart, absl::CivilDay(2026, 4, 30), Level::kSwv, "", to_april);
  TlvAggregate to_september;  // one more, decided on 1 September: not in T2
  to_september.decided = 5;
  to_september.decided_within_deadline = 5;
  registrations_.SetTlv(kYearStart, absl::CivilDay(2026, 9, 1), Level::kSwv, "", to_september);
  pb::GetReportRequest request;
  request.set_name("swvs/PO2203/reports/2026-t2");
  pb::Report report;
  ASSERT_TRUE(stub_->GetReport(Context().get(), request, &report).ok());
  EXPECT_EQ(report.period(), "2026-T2");
  EXPECT_EQ(report.period_start(), "2026-01-01");
  EXPECT_EQ(report.period_end(), "2026-08-31");
  bool found = false;
  for (const pb::GoalStatus& row : report.rows()) {
    if (row.level() != pb::LEVEL_SWV || row.goal() != "tlv-binnen-termijn") {
      continue;
    }
    found = true;
    EXPECT_EQ(row.value_e4(), 750000);           // 3 of 4
    EXPECT_EQ(row.previous_value_e4(), 500000);  // T1: 1 of 2
    EXPECT_EQ(row.trend(), pb::TREND_IMPROVING);
  }
  EXPECT_TRUE(found);
  pb::ReportCsv csv;
  ASSERT_TRUE(stub_->ExportReport(Context().get(), request, &csv).ok());
  EXPECT_EQ(csv.filename(), "viermaandsrapportage-PO2203-2026-T2.csv");
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

  // Wijk steering: a school and a board read the aggregates of the wijken their schools are in
  // (12AB00 of B1 is in W1, 13AB00 of B2 in W2), never another wijk's.
  request.set_level(pb::LEVEL_WIJK);
  for (bool as_board : {false, true}) {
    ASSERT_TRUE(
        stub_->GetGoalStatuses((as_board ? board1() : school()).get(), request, &statuses).ok());
    std::set<std::string> wijken;
    for (const pb::GoalStatus& row : statuses.statuses()) wijken.insert(row.level_id());
    EXPECT_EQ(wijken, (std::set<std::string>{"W1"}));
  }
  request.set_level_id("w1");
  EXPECT_TRUE(stub_->GetGoalStatuses(school().get(), request, &statuses).ok());
  request.set_level_id("W2");
  EXPECT_EQ(stub_->GetGoalStatuses(school().get(), request, &statuses).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(stub_->GetGoalStatuses(board1().get(), request, &statuses).error_code(),
            grpc::StatusCode::NOT_FOUND);

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

}  // namespace
}  // namespace swv::monitoring::testing
