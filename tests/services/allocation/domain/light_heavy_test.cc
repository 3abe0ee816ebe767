// Light and heavy support kept apart (seed 004: light money is not used for heavy support), a
// heavy deficit drawn from the reserve, at the edges; the reserve signal value. Figures by hand in
// docs/allocation.md ("Light and heavy").
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/allocation/domain/calculation.h"
#include "tests/services/allocation/domain/calculation_test_util.h"

namespace swv::allocation {
namespace {

using testing::ExampleInput;
using testing::Find;
using testing::HasLine;
using ::testing::HasSubstr;

// The example year with other heavy income and reserve (cents).
CalculationResult RunYear(int64_t heavy_income, int64_t reserve) {
  CalculationInput input = ExampleInput();
  input.config.heavy_support_income_cents = heavy_income;
  input.config.reserve_cents = reserve;
  absl::StatusOr<CalculationResult> result = Calculate(input);
  EXPECT_TRUE(result.ok()) << result.status();
  return result.ok() ? *std::move(result) : CalculationResult{};
}

TEST(LightAndHeavy, ExampleYearKeepsTwoBudgets) {
  const CalculationResult r = RunYear(200'000'000, 30'000'000);
  // light: SBO afdracht 265380.80 + paid to boards 206800.00 = 472180.80;
  // 1000000.00 + 0 - 472180.80 = 527819.20 (a surplus, and it stays light)
  EXPECT_EQ(r.light_spent_cents, 47'218'080);
  EXPECT_EQ(r.light_balance_cents, 52'781'920);
  // heavy: SO afdracht 297488.61; 2000000.00 - 297488.61 = 1702511.39
  EXPECT_EQ(r.heavy_spent_cents, 29'748'861);
  EXPECT_EQ(r.heavy_balance_cents, 170'251'139);
  EXPECT_EQ(r.heavy_deficit_cents, 0);
  EXPECT_EQ(r.reserve_draw_cents, 0);
  EXPECT_EQ(r.reserve_after_draw_cents, 30'000'000);
  EXPECT_FALSE(r.reserve_insufficient);
  // The two balances add up to what remains with the SWV, to the cent.
  EXPECT_EQ(r.light_balance_cents + r.heavy_balance_cents, r.swv_remaining_cents);
  EXPECT_THAT(Find(r, "summary", "light_balance").formula,
              HasSubstr("the surplus stays light support, never used for heavy support"));
}

TEST(LightAndHeavy, DeficitExactlyZeroDrawsNothing) {
  const CalculationResult r = RunYear(29'748'861, 30'000'000);  // heavy income = SO afdracht
  EXPECT_EQ(r.heavy_balance_cents, 0);
  EXPECT_EQ(r.heavy_deficit_cents, 0);
  EXPECT_EQ(r.reserve_draw_cents, 0);
  EXPECT_EQ(r.reserve_after_draw_cents, 30'000'000);
  // One cent less income: one cent drawn.
  const CalculationResult cent = RunYear(29'748'860, 30'000'000);
  EXPECT_EQ(cent.heavy_deficit_cents, 1);
  EXPECT_EQ(cent.reserve_draw_cents, 1);
  EXPECT_EQ(cent.reserve_after_draw_cents, 29'999'999);
}

TEST(LightAndHeavy, HeavyDeficitComesFromTheReserveNotFromLight) {
  // heavy 250000.00 - 297488.61 = -47488.61: drawn from the reserve 300000.00 -> 252511.39
  const CalculationResult r = RunYear(25'000'000, 30'000'000);
  EXPECT_EQ(r.heavy_balance_cents, -4'748'861);
  EXPECT_EQ(r.heavy_deficit_cents, 4'748'861);
  EXPECT_EQ(r.reserve_draw_cents, 4'748'861);
  EXPECT_EQ(r.reserve_after_draw_cents, 25'251'139);
  EXPECT_EQ(r.reserve_shortfall_cents, 0);
  EXPECT_FALSE(r.reserve_insufficient);
  EXPECT_EQ(r.light_balance_cents, 52'781'920);  // the light surplus is untouched
  EXPECT_EQ(Find(r, "summary", "reserve_draw").amount_cents, -4'748'861);
  EXPECT_EQ(Find(r, "summary", "heavy_deficit").amount_cents, 4'748'861);
  EXPECT_EQ(Find(r, "summary", "reserve_shortfall").quantity, 0);
}

TEST(LightAndHeavy, DeficitLargerThanTheReserveIsShownNotAnError) {
  // deficit 47488.61, reserve 40000.00: draw 40000.00, 7488.61 short, reserve 0
  const CalculationResult r = RunYear(25'000'000, 4'000'000);
  EXPECT_EQ(r.reserve_draw_cents, 4'000'000);
  EXPECT_EQ(r.reserve_shortfall_cents, 748'861);
  EXPECT_EQ(r.reserve_after_draw_cents, 0);
  EXPECT_TRUE(r.reserve_insufficient);
  const ResultLine& shortfall = Find(r, "summary", "reserve_shortfall");
  EXPECT_EQ(shortfall.quantity, 1);
  EXPECT_EQ(shortfall.amount_cents, 748'861);
  EXPECT_THAT(shortfall.formula, HasSubstr("does not cover the heavy deficit: 7488.61 short"));
  // A negative reserve covers nothing.
  const CalculationResult negative = RunYear(25'000'000, -100'000);
  EXPECT_EQ(negative.reserve_draw_cents, 0);
  EXPECT_EQ(negative.reserve_shortfall_cents, 4'748'861);
  EXPECT_EQ(negative.reserve_after_draw_cents, -100'000);
  EXPECT_TRUE(negative.reserve_insufficient);
}

TEST(Reserve, SignalUsesThePercentageWhenLarger) {
  CalculationInput input = ExampleInput();
  input.config.light_support_income_cents = 1'000'000'000;  // gross 12,000,000.00
  input.config.heavy_support_income_cents = 1'000'000'000;
  input.config.other_income_cents = 1;
  input.config.reserve_cents = 70'000'000;
  auto result = Calculate(input);
  ASSERT_TRUE(result.ok()) << result.status();
  // 2,000,000,001 x 350 / 10000 = 70,000,000.035 -> 70,000,000 cents; the reserve equals it: not
  // above.
  EXPECT_EQ(result->reserve_signal_cents, 70'000'000);
  EXPECT_FALSE(result->reserve_above_signal);
}

TEST(LightAndHeavy, RulesOneCalculatesAsBefore) {
  CalculationInput input = ExampleInput();
  input.rules = kRulesBeforeBudgets;
  absl::StatusOr<CalculationResult> old = Calculate(input);
  ASSERT_TRUE(old.ok()) << old.status();
  EXPECT_FALSE(HasLine(*old, "summary", "light_balance"));
  EXPECT_FALSE(HasLine(*old, "summary", "reserve_draw"));
  EXPECT_EQ(old->lines.back().item, "reserve");
  // Rules 2 adds the budget lines after every line rules 1 has, and changes none of them.
  absl::StatusOr<CalculationResult> now = Calculate(ExampleInput());
  ASSERT_TRUE(now.ok()) << now.status();
  const std::string before = CalculationCsv(*old);
  EXPECT_EQ(CalculationCsv(*now).substr(0, before.size()), before);
}

}  // namespace
}  // namespace swv::allocation
