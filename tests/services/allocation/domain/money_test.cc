#include "services/allocation/domain/money.h"

#include <limits>

#include "gtest/gtest.h"
#include "services/kernel/errors.h"

namespace swv::allocation {
namespace {

int64_t AmountOf(const std::vector<SplitPart>& parts, const std::string& key) {
  for (const SplitPart& part : parts) {
    if (part.key == key) return part.amount;
  }
  ADD_FAILURE() << "no part " << key;
  return -1;
}

TEST(SplitLargestRemainder, NaiveRoundingWouldLoseACent) {
  // 1.00 over three equal boards: naive rounding gives 0.33 x 3 = 0.99 (a cent lost). The left-over
  // cent goes to the smallest code among the equal remainders.
  auto parts = SplitLargestRemainder(100, {{"BC", 1}, {"BA", 1}, {"BB", 1}});
  ASSERT_TRUE(parts.ok()) << parts.status();
  EXPECT_EQ(AmountOf(*parts, "BA"), 34);
  EXPECT_EQ(AmountOf(*parts, "BB"), 33);
  EXPECT_EQ(AmountOf(*parts, "BC"), 33);
  EXPECT_TRUE((*parts)[0].remainder_cent);
  EXPECT_EQ((*parts)[0].key, "BA");  // sorted by key
}

TEST(SplitLargestRemainder, NaiveRoundingWouldInventACent) {
  // 2.00 over three equal boards: naive rounding gives 0.67 x 3 = 2.01 (a cent invented).
  auto parts = SplitLargestRemainder(200, {{"BA", 1}, {"BB", 1}, {"BC", 1}});
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ(AmountOf(*parts, "BA"), 67);
  EXPECT_EQ(AmountOf(*parts, "BB"), 67);
  EXPECT_EQ(AmountOf(*parts, "BC"), 66);
}

TEST(SplitLargestRemainder, LargestRemainderWinsOverKeyOrder) {
  // 10.00 by 1:2:4 -> 142.857.. 285.714.. 571.428..; floors 142+285+571 = 998; remainders
  // (x7) 6, 5, 3: the two cents go to "Z1" and "Z2", not by key order.
  auto parts = SplitLargestRemainder(1000, {{"Z1", 1}, {"Z2", 2}, {"A4", 4}});
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ(AmountOf(*parts, "Z1"), 143);
  EXPECT_EQ(AmountOf(*parts, "Z2"), 286);
  EXPECT_EQ(AmountOf(*parts, "A4"), 571);
}

TEST(SplitLargestRemainder, HugeAmountsDoNotOverflow) {
  // total x weight exceeds int64; the intermediate is 128-bit.
  const int64_t total = 900'000'000'000'000;  // EUR 9 trillion
  auto parts = SplitLargestRemainder(total, {{"A", 1'000'000}, {"B", 2'000'000}});
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ(AmountOf(*parts, "A"), 300'000'000'000'000);
  EXPECT_EQ(AmountOf(*parts, "B"), 600'000'000'000'000);
}

TEST(SplitLargestRemainder, RejectsBadInput) {
  EXPECT_EQ(ReasonOf(SplitLargestRemainder(10, {{"A", 0}, {"B", 0}}).status()), "INVALID_SPLIT");
  EXPECT_EQ(ReasonOf(SplitLargestRemainder(-1, {{"A", 1}}).status()), "INVALID_SPLIT");
  EXPECT_EQ(ReasonOf(SplitLargestRemainder(10, {{"A", -1}, {"B", 2}}).status()), "INVALID_SPLIT");
  EXPECT_EQ(ReasonOf(SplitLargestRemainder(10, {{"A", 1}, {"A", 2}}).status()), "INVALID_SPLIT");
  auto zero = SplitLargestRemainder(0, {{"A", 0}});
  ASSERT_TRUE(zero.ok());
  EXPECT_EQ(AmountOf(*zero, "A"), 0);
}

TEST(Money, MulDivRoundsHalvesAwayFromZero) {
  EXPECT_EQ(*MulDivRounded(5, 1, 2, "x"), 3);
  EXPECT_EQ(*MulDivRounded(-5, 1, 2, "x"), -3);
  EXPECT_EQ(*MulDivRounded(4, 1, 3, "x"), 1);
  EXPECT_EQ(*MulDivRounded(13000, 11000, 10000, "x"), 14300);  // EUR 130 + 10% = EUR 143
  EXPECT_EQ(*MulDivRounded(133, 1, 4, "x"), 33);               // 33.25
}

TEST(Money, OverflowIsAnError) {
  const int64_t max = std::numeric_limits<int64_t>::max();
  EXPECT_EQ(CheckedAdd(max, 1, "sum").status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(ReasonOf(CheckedMul(max / 2, 3, "product").status()), "AMOUNT_OVERFLOW");
  EXPECT_EQ(ReasonOf(MulDivRounded(max, 3, 2, "share").status()), "AMOUNT_OVERFLOW");
  EXPECT_EQ(*CheckedMul(1'500'000, 3'141'953, "p"), 4'712'929'500'000);
}

TEST(Money, Formats) {
  EXPECT_EQ(FormatEuro(663452), "6634.52");
  EXPECT_EQ(FormatEuro(-5), "-0.05");
  EXPECT_EQ(FormatEuro(0), "0.00");
  EXPECT_EQ(FormatEuro(std::numeric_limits<int64_t>::min()), "-92233720368547758.08");
  EXPECT_EQ(FormatBasisPoints(350), "3.50%");
  EXPECT_EQ(FormatBasisPoints(-25), "-0.25%");
}

}  // namespace
}  // namespace swv::allocation
