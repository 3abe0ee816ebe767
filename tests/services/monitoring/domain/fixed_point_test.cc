#include "services/monitoring/domain/fixed_point.h"

#include "gtest/gtest.h"

namespace swv::monitoring {
namespace {

TEST(FixedPointTest, ParsesDecimalsExactly) {
  EXPECT_EQ(*ParseDecimalE4("40"), 400000);
  EXPECT_EQ(*ParseDecimalE4("7.5"), 75000);
  EXPECT_EQ(*ParseDecimalE4("7,5"), 75000);  // Dutch decimal comma
  EXPECT_EQ(*ParseDecimalE4("1.80"), 18000);
  EXPECT_EQ(*ParseDecimalE4("47.5"), 475000);
  EXPECT_EQ(*ParseDecimalE4("0.0001"), 1);
  EXPECT_EQ(*ParseDecimalE4("-2.5"), -25000);
  EXPECT_EQ(*ParseDecimalE4(" 0 "), 0);
}

TEST(FixedPointTest, RefusesWhatIsNotAPlainDecimal) {
  for (const char* bad :
       {"", "abc", "1e3", "1.", ".5", "1.00001", "1,000.5", "40%", "9999999999999"}) {
    EXPECT_FALSE(ParseDecimalE4(bad).ok()) << bad;
  }
}

TEST(FixedPointTest, FormatsWithoutTrailingZeros) {
  EXPECT_EQ(FormatE4(475000), "47.5");
  EXPECT_EQ(FormatE4(18000), "1.8");
  EXPECT_EQ(FormatE4(0), "0");
  EXPECT_EQ(FormatE4(1), "0.0001");
  EXPECT_EQ(FormatE4(-25000), "-2.5");
  EXPECT_EQ(FormatE4(1000000), "100");
}

TEST(FixedPointTest, ComparesRatiosExactlyWithoutRounding) {
  const Quantity two_thirds = PercentOf(2, 3);  // 66.666...%
  EXPECT_EQ(two_thirds.RoundedE4(), 666667);
  EXPECT_LT(Compare(two_thirds, 666667), 0);  // below the rounded display value
  EXPECT_GT(Compare(two_thirds, 666666), 0);
  EXPECT_EQ(Compare(PercentOf(3, 4), 750000), 0);
  EXPECT_EQ(Compare(PercentOf(1, 2), PercentOf(50, 100)), 0);
  EXPECT_TRUE(PercentOf(1, 2) == PercentOf(2, 4));
}

TEST(FixedPointTest, RoundsHalvesAwayFromZero) {
  EXPECT_EQ(PerThousand(1, 8000).RoundedE4(), 1250);  // 0.125 exactly
  EXPECT_EQ(Average(45, 4).RoundedE4(), 112500);      // 11.25
  EXPECT_EQ((Quantity{5, 10}).RoundedE4(), 1);        // 0.5 -> 1
  EXPECT_EQ((Quantity{-5, 10}).RoundedE4(), -1);
  EXPECT_EQ((Quantity{4, 10}).RoundedE4(), 0);
}

}  // namespace
}  // namespace swv::monitoring
