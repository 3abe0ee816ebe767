#include "services/monitoring/domain/status.h"

#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "services/monitoring/domain/goal_file.h"

namespace swv::monitoring {
namespace {

Goal SboGoal() {
  absl::StatusOr<Goal> goal = ParseGoalSection(
      "[goal sbo]\ntheme = T\nindicator = SBO, deelname\ndirection = at_most\nunit = percent\n"
      "levels = swv\nsource = computed sbo_participation\ntarget 2026 = national sbo\n"
      "target 2028 = tracked\ntarget 2029 = 1.80\n");
  EXPECT_TRUE(goal.ok()) << goal.status();
  return *goal;
}

NationalFigures Figures() {
  NationalFigures figures;
  figures.Set("sbo", 2021, 25000);
  return figures;
}

TEST(StatusTest, NationalFigureTargetUsesTheLatestFigure) {
  Observation now{PercentOf(25, 1000), absl::nullopt, "computed sbo_participation"};  // 2.5%
  Observation before{PercentOf(30, 1000), absl::nullopt, ""};
  StatusRow row = Evaluate(SboGoal(), Level::kSwv, "", Period{2026, 0}, now, before, Figures());
  ASSERT_TRUE(row.target_e4.has_value());
  EXPECT_EQ(*row.target_e4, 25000);
  EXPECT_EQ(row.target_source, "national SBO participation 2021");
  EXPECT_EQ(row.verdict, Verdict::kMet);    // exactly on the national figure, at most
  EXPECT_EQ(row.trend, Trend::kImproving);  // 3.0% -> 2.5%, lower is better
}

TEST(StatusTest, YearsWithoutTargetOrFigure) {
  Observation now{PercentOf(25, 1000), absl::nullopt, ""};
  EXPECT_EQ(Evaluate(SboGoal(), Level::kSwv, "", Period{2028, 0}, now, {}, Figures()).verdict,
            Verdict::kNoTarget);
  EXPECT_EQ(Evaluate(SboGoal(), Level::kSwv, "", Period{2029, 0}, now, {}, Figures()).verdict,
            Verdict::kNotMet);  // 2.5% > 1.80%
  StatusRow no_figure =
      Evaluate(SboGoal(), Level::kSwv, "", Period{2026, 0}, now, {}, NationalFigures());
  EXPECT_EQ(no_figure.verdict, Verdict::kNoTarget);
  EXPECT_EQ(no_figure.target_source, "no national sbo figure for 2026 or earlier");
  EXPECT_EQ(Evaluate(SboGoal(), Level::kSwv, "", Period{2026, 0}, {}, {}, Figures()).verdict,
            Verdict::kNoData);
}

TEST(StatusTest, MilestoneYearOfAnIndicatorGoalIsJudgedAsAMilestone) {
  absl::StatusOr<Goal> goal = ParseGoalSection(
      "[goal g]\ntheme = T\nindicator = I\ndirection = at_least\nunit = percent\nlevels = swv\n"
      "source = reported\ntarget 2023 = milestone In kaart gebracht\ntarget 2024 = 50\n");
  ASSERT_TRUE(goal.ok()) << goal.status();
  Observation done{absl::nullopt, true, "reported"};
  StatusRow row = Evaluate(*goal, Level::kSwv, "", Period{2023, 0}, done, {}, Figures());
  EXPECT_EQ(row.verdict, Verdict::kMet);
  EXPECT_EQ(Evaluate(*goal, Level::kSwv, "", Period{2023, 0}, {}, {}, Figures()).verdict,
            Verdict::kNoData);
  // A year the goal does not list has no target: a value is shown without a verdict.
  Observation value{PercentOf(1, 2), absl::nullopt, ""};
  EXPECT_EQ(Evaluate(*goal, Level::kSwv, "", Period{2030, 0}, value, {}, Figures()).verdict,
            Verdict::kNoTarget);
}

TEST(StatusTest, CsvHasFixedColumnsAndQuotesOnlyWhereNeeded) {
  Observation now{PercentOf(25, 1000), absl::nullopt, "computed sbo_participation"};
  Observation before{PercentOf(30, 1000), absl::nullopt, ""};
  std::vector<StatusRow> rows = {
      Evaluate(SboGoal(), Level::kSwv, "", Period{2026, 3}, now, before, Figures()),
      Evaluate(SboGoal(), Level::kWijk, "W1", Period{2026, 3}, {}, {}, Figures())};
  const std::string csv = ReportCsv(rows);
  std::vector<std::string> lines = absl::StrSplit(csv, "\r\n");
  ASSERT_EQ(lines.size(), 4u);  // header, 2 rows, empty after the last CRLF
  EXPECT_EQ(lines[0],
            "period,level,level_id,goal,theme,indicator,unit,direction,target_kind,target,value,"
            "done,status,trend,previous_value,provenance");
  EXPECT_EQ(lines[1],
            "2026-Q3,swv,,sbo,T,\"SBO, deelname\",percent,at_most,national_figure,2.5,2.5,,met,"
            "improving,3,computed sbo_participation");
  EXPECT_EQ(lines[2],
            "2026-Q3,wijk,W1,sbo,T,\"SBO, deelname\",percent,at_most,national_figure,2.5,,,"
            "no_data,no_previous,,");
  EXPECT_EQ(lines[3], "");
}

}  // namespace
}  // namespace swv::monitoring
