// The day arithmetic the registration rules share (domain/calendar.h): when a record is open on a
// day, and when a record in force shares a day with a period. Both edges of each rule.
#include "services/registrations/domain/calendar.h"

#include "absl/time/civil_time.h"
#include "gtest/gtest.h"

namespace swv::registrations::calendar_test {
namespace {

constexpr absl::CivilDay kStart(2026, 3, 10);
constexpr absl::CivilDay kEnd(2026, 3, 20);

TEST(CalendarTest, OpenFromTheStartUntilBeforeTheClosingDay) {
  EXPECT_FALSE(OpenOn(kStart, kEnd, kStart - 1));
  EXPECT_TRUE(OpenOn(kStart, kEnd, kStart));
  EXPECT_TRUE(OpenOn(kStart, kEnd, kEnd - 1));
  EXPECT_FALSE(OpenOn(kStart, kEnd, kEnd));  // the closing day no longer counts
  EXPECT_TRUE(OpenOn(kStart, absl::nullopt, absl::CivilDay(2030, 1, 1)));
  EXPECT_FALSE(OpenOn(kStart, absl::nullopt, kStart - 1));
}

TEST(CalendarTest, InForceSharesADayWithARangeIncludingBothEnds) {
  const DayRange march{absl::CivilDay(2026, 3, 1), absl::CivilDay(2026, 3, 31)};
  EXPECT_TRUE(march.Overlaps(absl::CivilDay(2026, 2, 1), absl::CivilDay(2026, 3, 1)));
  EXPECT_FALSE(march.Overlaps(absl::CivilDay(2026, 2, 1), absl::CivilDay(2026, 2, 28)));
  EXPECT_TRUE(march.Overlaps(absl::CivilDay(2026, 3, 31), absl::nullopt));
  EXPECT_FALSE(march.Overlaps(absl::CivilDay(2026, 4, 1), absl::nullopt));
  EXPECT_TRUE(march.Overlaps(absl::CivilDay(2025, 1, 1), absl::nullopt));
  EXPECT_TRUE(march.Overlaps(kStart, kEnd));
  EXPECT_TRUE(march.Contains(march.first));
  EXPECT_TRUE(march.Contains(march.last));
  EXPECT_FALSE(march.Contains(march.last + 1));
}

}  // namespace
}  // namespace swv::registrations::calendar_test
