#include "services/kernel/time_format.h"

#include "gtest/gtest.h"

namespace swv {
namespace {

TEST(Rfc3339Test, UtcWithSixFractionalDigits) {
  EXPECT_EQ(Rfc3339(absl::FromUnixMillis(1714555800123)), "2024-05-01T09:30:00.123000Z");
  EXPECT_EQ(Rfc3339(absl::FromUnixSeconds(0)), "1970-01-01T00:00:00.000000Z");
}

TEST(MicrosTest, RoundTrips) {
  const absl::Time t = absl::FromUnixMicros(1714555800123456);
  EXPECT_EQ(ToMicros(t), 1714555800123456);
  EXPECT_EQ(FromMicros(ToMicros(t)), t);
}

}  // namespace
}  // namespace swv
