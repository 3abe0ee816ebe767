#include "services/monitoring/domain/period.h"

#include "gtest/gtest.h"
#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"

namespace swv::monitoring {
namespace {

TEST(PeriodTest, ParsesYearsAndQuarters) {
  absl::StatusOr<Period> q3 = ParsePeriod("name", "2026-Q3");
  ASSERT_TRUE(q3.ok());
  EXPECT_EQ(q3->year, 2026);
  EXPECT_EQ(q3->quarter, 3);
  EXPECT_EQ(FormatDate(q3->first_day()), "2026-01-01");  // year to date
  EXPECT_EQ(FormatDate(q3->last_day()), "2026-09-30");
  EXPECT_EQ(q3->ToString(), "2026-Q3");
  EXPECT_EQ(FormatDate(ParsePeriod("p", "2026-q4")->last_day()), "2026-12-31");
  EXPECT_EQ(FormatDate(ParsePeriod("p", "2028-Q1")->last_day()), "2028-03-31");
  EXPECT_EQ(FormatDate(ParsePeriod("p", "2026")->last_day()), "2026-12-31");
}

TEST(PeriodTest, ParsesFourMonthPeriods) {
  absl::StatusOr<Period> t2 = ParsePeriod("name", "2026-T2");
  ASSERT_TRUE(t2.ok());
  EXPECT_EQ(t2->tertial, 2);
  EXPECT_EQ(t2->quarter, 0);
  EXPECT_EQ(FormatDate(t2->first_day()), "2026-01-01");  // year to date
  EXPECT_EQ(FormatDate(t2->last_day()), "2026-08-31");
  EXPECT_EQ(t2->ToString(), "2026-T2");
  EXPECT_EQ(FormatDate(ParsePeriod("p", "2026-t1")->last_day()), "2026-04-30");
  EXPECT_EQ(FormatDate(ParsePeriod("p", "2028-T3")->last_day()), "2028-12-31");
  EXPECT_EQ((Period{2026, 0, 3}).Previous(), (Period{2026, 0, 2}));
  EXPECT_EQ((Period{2026, 0, 1}).Previous(), (Period{2025, 0, 0}));
  // Ordered by their last day within the year; the year after its parts.
  EXPECT_LT((Period{2026, 0, 1}), (Period{2026, 2, 0}));  // 30 April before 30 June
  EXPECT_LT((Period{2026, 2, 0}), (Period{2026, 0, 2}));  // 30 June before 31 August
  EXPECT_LT((Period{2026, 0, 3}), (Period{2026, 0, 0}));
}

TEST(PeriodTest, PreviousPeriod) {
  EXPECT_EQ((Period{2026, 3}).Previous(), (Period{2026, 2}));
  EXPECT_EQ((Period{2026, 1}).Previous(), (Period{2025, 0}));
  EXPECT_EQ((Period{2026, 0}).Previous(), (Period{2025, 0}));
}

TEST(PeriodTest, RefusesOtherForms) {
  for (const char* bad : {"", "26", "2026-Q5", "2026-Q0", "2026Q3", "1999", "2026-03", "+026",
                          "2026-T4", "2026-T0", "2026-X1"}) {
    absl::StatusOr<Period> p = ParsePeriod("name", bad);
    EXPECT_FALSE(p.ok()) << bad;
    if (!p.ok()) {
      EXPECT_EQ(ReasonOf(p.status()), "MALFORMED_PERIOD");
    }
  }
}

}  // namespace
}  // namespace swv::monitoring
