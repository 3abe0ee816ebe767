#include "services/monitoring/domain/evaluation.h"

#include "gtest/gtest.h"

namespace swv::monitoring {
namespace {

struct EdgeCase {
  const char* name;
  Direction direction;
  Quantity value;
  int64_t target_e4;
  bool met;
};

class TargetEdgeTest : public ::testing::TestWithParam<EdgeCase> {};

TEST_P(TargetEdgeTest, JudgesTheEdge) {
  const EdgeCase& c = GetParam();
  EXPECT_EQ(MeetsTarget(c.direction, c.value, c.target_e4), c.met);
  EXPECT_EQ(Judge(c.direction, c.value, c.target_e4), c.met ? Verdict::kMet : Verdict::kNotMet);
}

INSTANTIATE_TEST_SUITE_P(
    Edges, TargetEdgeTest,
    ::testing::Values(
        // Exactly on target is met for every direction.
        EdgeCase{"AtLeastExactlyOnTarget", Direction::kAtLeast, PercentOf(95, 100), 950000, true},
        EdgeCase{"AtLeastJustBelow", Direction::kAtLeast, PercentOf(94, 100), 950000, false},
        // 18999/20000 = 94.995%: displays as 94.995, below 95.
        EdgeCase{"AtLeastFractionBelow", Direction::kAtLeast, PercentOf(18999, 20000), 950000,
                 false},
        // 2/3 = 66.666...% rounds to 66.6667 for display but is below a 66.6667% target.
        EdgeCase{"AtLeastRoundingDoesNotCount", Direction::kAtLeast, PercentOf(2, 3), 666667,
                 false},
        EdgeCase{"AtLeastAbove", Direction::kAtLeast, PercentOf(96, 100), 950000, true},
        EdgeCase{"AtMostExactlyOnTarget", Direction::kAtMost, PercentOf(1, 4), 250000, true},
        EdgeCase{"AtMostJustAbove", Direction::kAtMost, PercentOf(251, 1000), 250000, false},
        EdgeCase{"AtMostBelow", Direction::kAtMost, PercentOf(1, 5), 250000, true},
        EdgeCase{"ExactlyZeroIsZero", Direction::kExactly, Quantity::Exact(0), 0, true},
        EdgeCase{"ExactlyOneIsNotZero", Direction::kExactly, Quantity::Exact(10000), 0, false},
        EdgeCase{"ExactlyBelowIsNotMet", Direction::kExactly, PercentOf(99, 100), 1000000, false},
        EdgeCase{"ScoreOnTarget", Direction::kAtLeast, Average(15, 2), 75000, true}),
    [](const ::testing::TestParamInfo<EdgeCase>& test_param) {
      return std::string(test_param.param.name);
    });

TEST(EvaluationTest, NoValueIsNoDataAndNoTargetIsNoTarget) {
  EXPECT_EQ(Judge(Direction::kAtLeast, absl::nullopt, 950000), Verdict::kNoData);
  EXPECT_EQ(Judge(Direction::kAtLeast, absl::nullopt, absl::nullopt), Verdict::kNoData);
  EXPECT_EQ(Judge(Direction::kAtLeast, PercentOf(1, 2), absl::nullopt), Verdict::kNoTarget);
}

TEST(EvaluationTest, MilestonesAreDoneOrNot) {
  EXPECT_EQ(JudgeMilestone(true), Verdict::kMet);
  EXPECT_EQ(JudgeMilestone(false), Verdict::kNotMet);
  EXPECT_EQ(JudgeMilestone(absl::nullopt), Verdict::kNoData);
  EXPECT_EQ(MilestoneTrend(true, false), Trend::kImproving);
  EXPECT_EQ(MilestoneTrend(false, true), Trend::kWorsening);
  EXPECT_EQ(MilestoneTrend(true, true), Trend::kUnchanged);
  EXPECT_EQ(MilestoneTrend(true, absl::nullopt), Trend::kNoPrevious);
}

TEST(EvaluationTest, TrendFollowsTheDirection) {
  const Quantity low = PercentOf(1, 10);
  const Quantity high = PercentOf(2, 10);
  EXPECT_EQ(TrendOf(Direction::kAtLeast, high, low, 950000), Trend::kImproving);
  EXPECT_EQ(TrendOf(Direction::kAtLeast, low, high, 950000), Trend::kWorsening);
  EXPECT_EQ(TrendOf(Direction::kAtMost, low, high, 250000), Trend::kImproving);
  EXPECT_EQ(TrendOf(Direction::kAtMost, high, low, 250000), Trend::kWorsening);
  EXPECT_EQ(TrendOf(Direction::kAtMost, low, PercentOf(10, 100), 250000), Trend::kUnchanged);
  EXPECT_EQ(TrendOf(Direction::kAtLeast, low, absl::nullopt, 950000), Trend::kNoPrevious);
  EXPECT_EQ(TrendOf(Direction::kAtLeast, absl::nullopt, low, 950000), Trend::kNoPrevious);
}

TEST(EvaluationTest, ExactlyTrendIsDistanceToTheTarget) {
  // Target 0 thuiszitters: 3 -> 1 is improving even though it is still not met.
  EXPECT_EQ(TrendOf(Direction::kExactly, Quantity::Exact(10000), Quantity::Exact(30000), 0),
            Trend::kImproving);
  EXPECT_EQ(TrendOf(Direction::kExactly, Quantity::Exact(30000), Quantity::Exact(10000), 0),
            Trend::kWorsening);
  // Target 100%: 98% after 103%?  Distance 2 < 3: improving.
  EXPECT_EQ(TrendOf(Direction::kExactly, PercentOf(98, 100), PercentOf(103, 100), 1000000),
            Trend::kImproving);
}

}  // namespace
}  // namespace swv::monitoring
