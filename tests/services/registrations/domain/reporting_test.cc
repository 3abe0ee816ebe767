// Periods, quarters, CSV quoting and the counting definitions of the register statistics.
#include "services/registrations/domain/reporting.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/kernel/errors.h"
#include "tests/testing/field_violations.h"

namespace swv::registrations::reporting_test {
namespace {

using ::testing::ElementsAre;
using Day = absl::CivilDay;

const Day kToday(2026, 11, 16);

using ::swv::testing::FieldsOf;

TEST(Period, ValidAndBroken) {
  absl::StatusOr<DayRange> ok = ValidatePeriod("2026-07-01", "2026-12-31", kToday);
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->first, Day(2026, 7, 1));
  EXPECT_EQ(AsOfDay(*ok, kToday), kToday);  // the period runs on past today

  absl::Status reversed = ValidatePeriod("2026-07-02", "2026-07-01", kToday).status();
  EXPECT_EQ(reversed.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReasonOf(reversed), "PERIOD_REVERSED");
  EXPECT_THAT(FieldsOf(reversed), ElementsAre("to"));

  absl::Status future = ValidatePeriod("2026-11-17", "2026-12-31", kToday).status();
  EXPECT_EQ(ReasonOf(future), "PERIOD_IN_FUTURE");
  EXPECT_THAT(FieldsOf(future), ElementsAre("from"));

  absl::Status missing = ValidatePeriod("", "2026-13-01", kToday).status();
  EXPECT_EQ(ReasonOf(missing), "INVALID_PERIOD");
  EXPECT_THAT(FieldsOf(missing), ElementsAre("from", "to"));
}

TEST(Quarter, ParsesAndRefusesTheFuture) {
  absl::StatusOr<DayRange> q3 = ParseQuarter("quarter", "2026-Q3", kToday);
  ASSERT_TRUE(q3.ok()) << q3.status();
  EXPECT_EQ(*q3, (DayRange{Day(2026, 7, 1), Day(2026, 9, 30)}));
  absl::StatusOr<DayRange> q1 = ParseQuarter("quarter", "2024-q1", kToday);
  ASSERT_TRUE(q1.ok());
  EXPECT_EQ(q1->last, Day(2024, 3, 31));
  absl::StatusOr<DayRange> q4 = ParseQuarter("quarter", "2026-Q4", kToday);  // begun: allowed
  ASSERT_TRUE(q4.ok());
  EXPECT_EQ(q4->last, Day(2026, 12, 31));

  for (const char* bad : {"2026Q3", "2026-Q5", "2026-3", "26-Q3", ""}) {
    absl::Status status = ParseQuarter("quarter", bad, kToday).status();
    EXPECT_EQ(ReasonOf(status), "MALFORMED_QUARTER") << bad;
    EXPECT_THAT(FieldsOf(status), ElementsAre("quarter"));
  }
  absl::Status future = ParseQuarter("quarter", "2027-Q1", kToday).status();
  EXPECT_EQ(future.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReasonOf(future), "QUARTER_IN_FUTURE");
}

TEST(Csv, QuotesOnlyWhatRfc4180Requires) {
  EXPECT_EQ(CsvField("12AB00"), "12AB00");
  EXPECT_EQ(CsvField(""), "");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\r\nlines"), "\"two\r\nlines\"");
}

ThuiszitterFacts Case(AbsenceKind kind, Day start, Day reported,
                      absl::optional<Day> closed = absl::nullopt) {
  ThuiszitterFacts f;
  f.school = "12AB00";
  f.residence_municipality = "GM0606";
  f.absence_kind = kind;
  f.absence_start = start;
  f.reported_on = reported;
  f.cause = ThuiszitterCause::kNoSuitableSchoolPlace;
  f.closed_on = closed;
  return f;
}

TEST(Statistics, OpenAtEndUsesTheEndOfThePeriodNotToday) {
  const DayRange q3{Day(2026, 7, 1), Day(2026, 9, 30)};
  GroupStatistics g;
  // Open on 30 Sep (closed later, in October): counts as open at the end of Q3.
  CountThuiszitter(
      Case(AbsenceKind::kRelative, Day(2026, 5, 1), Day(2026, 6, 1), Day(2026, 10, 15)), q3, kToday,
      g);
  // Closed on the last day: school resumed, not open at the end.
  CountThuiszitter(Case(AbsenceKind::kAbsolute, Day(2026, 8, 1), Day(2026, 9, 1), Day(2026, 9, 30)),
                   q3, kToday, g);
  EXPECT_EQ(g.thuiszitters.open_at_end.total, 1);
  // 1 May + 3 months = 1 Aug; on 30 Sep it is over 3 months.
  EXPECT_EQ(g.thuiszitters.open_at_end.relative_over_3m, 1);
  EXPECT_EQ(g.thuiszitters.open_at_end.by_cause[0], 1);  // no suitable school place
  // Reported 1 Jun: 1 month after = 1 Jul, 3 months = 1 Sep: both passed on 30 Sep.
  EXPECT_EQ(g.thuiszitters.open_past_one_month, 1);
  EXPECT_EQ(g.thuiszitters.open_past_three_months, 1);
  // Only the second was reported in Q3; it lasted 1 Aug -> 30 Sep = 60 days.
  EXPECT_EQ(g.thuiszitters.reported_in_period.total, 1);
  EXPECT_EQ(g.thuiszitters.reported_in_period.absolute, 1);
  EXPECT_EQ(g.thuiszitters.duration_days_total, 60);
  EXPECT_EQ(g.thuiszitters.duration_cases, 1);
}

TEST(Statistics, OpenInPeriodCountsEveryCaseOpenAtAnyTimeWheneverReported) {
  const DayRange year{Day(2026, 1, 1), Day(2026, 12, 31)};
  GroupStatistics g;
  // At home all year on a case reported the year before: open in the year, not reported in it.
  CountThuiszitter(Case(AbsenceKind::kRelative, Day(2025, 9, 1), Day(2025, 10, 1)), year, kToday,
                   g);
  // Closed on the year's first day: still at home that day.
  CountThuiszitter(
      Case(AbsenceKind::kRelative, Day(2025, 10, 1), Day(2025, 11, 1), Day(2026, 1, 1)), year,
      kToday, g);
  // Closed on the last day of the year before: not open in the year.
  CountThuiszitter(
      Case(AbsenceKind::kRelative, Day(2025, 10, 1), Day(2025, 11, 1), Day(2025, 12, 31)), year,
      kToday, g);
  EXPECT_EQ(g.thuiszitters.open_in_period.total, 2);
  EXPECT_EQ(g.thuiszitters.open_in_period.by_cause[0], 2);  // no suitable school place
  EXPECT_EQ(g.thuiszitters.reported_in_period.total, 0);
}

TEST(Statistics, ExemptionsAndMonitorkinderenCountWhenTheyCoverThePeriod) {
  const DayRange q3{Day(2026, 7, 1), Day(2026, 9, 30)};
  GroupStatistics g;
  ExemptionFacts ended_before;
  ended_before.start_date = Day(2026, 1, 1);
  ended_before.end_date = Day(2026, 6, 30);
  ExemptionFacts starts_inside;
  starts_inside.start_date = Day(2026, 9, 30);
  starts_inside.swv_involved = true;
  ExemptionFacts starts_after;
  starts_after.start_date = Day(2026, 10, 1);
  for (const ExemptionFacts& e : {ended_before, starts_inside, starts_after}) {
    CountExemption(e, q3, g);
  }
  EXPECT_EQ(g.exemptions.in_force, 1);
  EXPECT_EQ(g.exemptions.with_swv_involvement, 1);
  EXPECT_EQ(g.exemptions.without_swv_involvement, 0);

  MonitorkindFacts sick;
  sick.reason = MonitorkindReason::kLongTermSick;
  sick.registered_on = Day(2026, 6, 1);
  sick.closed_on = Day(2026, 7, 1);  // closed on the first day: still known in the period
  CountMonitorkind(sick, q3, kToday, g);
  EXPECT_EQ(g.monitorkinderen.known_in_period, 1);
  EXPECT_EQ(g.monitorkinderen.known_by_reason[0], 1);
  EXPECT_EQ(g.monitorkinderen.open_at_end, 0);
}

TEST(InspectieRegister, RowsAreOrderedAnonymousAndQuoted) {
  const DayRange q3{Day(2026, 7, 1), Day(2026, 9, 30)};
  ThuiszitterFacts later = Case(AbsenceKind::kRelative, Day(2026, 8, 1), Day(2026, 9, 2));
  later.sequence = 1;
  ThuiszitterFacts earlier =
      Case(AbsenceKind::kAbsolute, Day(2026, 6, 1), Day(2026, 7, 1), Day(2026, 8, 20));
  earlier.sequence = 2;
  earlier.plan_agreed_on = Day(2026, 7, 10);
  ThuiszitterFacts closed_before =
      Case(AbsenceKind::kRelative, Day(2026, 3, 1), Day(2026, 4, 1), Day(2026, 6, 30));
  ExemptionFacts exemption;
  exemption.residence_municipality = "GM0622";
  exemption.start_date = Day(2026, 9, 1);
  exemption.swv_involved = true;
  InspectieRegister out =
      BuildInspectieRegister({later, earlier, closed_before}, {exemption}, q3, kToday);
  EXPECT_EQ(out.row_count, 3);
  EXPECT_EQ(out.csv,
            "row,kind,category,school,residence_municipality,start_date,reported_on,end_date,"
            "status_at_period_end,days_at_home,cause,plan_present,swv_involved\r\n"
            "1,thuiszitter,absolute,12AB00,GM0606,2026-06-01,2026-07-01,2026-08-20,closed,80,"
            "no_suitable_school_place,yes,\r\n"
            "2,thuiszitter,relative_4w_3m,12AB00,GM0606,2026-08-01,2026-09-02,,open,60,"
            "no_suitable_school_place,no,\r\n"
            "3,exemption,exemption,,GM0622,2026-09-01,,,open,,,,yes\r\n");
}

}  // namespace
}  // namespace swv::registrations::reporting_test
