// The thuiszitter domain rules: names, the reporting policy, the 4-week mark and lateness, category
// and duration, and closing a case. The validation of a report is in thuiszitter_report_test.cc.
#include "services/registrations/domain/thuiszitter.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/kernel/errors.h"
#include "tests/services/registrations/domain/domain_test_helpers.h"

namespace swv::registrations::thuiszitter_test {
namespace {

using ::testing::ElementsAre;

// "Today" of the validation tests.
const Day kToday(2026, 3, 9);

// ---- Names -------------------------------------------------------------------------------------

TEST(Names, AbsenceKindRoundTrips) {
  EXPECT_EQ(AbsenceKindName(AbsenceKind::kRelative), "relative");
  EXPECT_EQ(AbsenceKindName(AbsenceKind::kAbsolute), "absolute");
  for (AbsenceKind k : {AbsenceKind::kRelative, AbsenceKind::kAbsolute}) {
    EXPECT_EQ(AbsenceKindFromName(AbsenceKindName(k)), k);
  }
  EXPECT_EQ(AbsenceKindFromName("Relative"), absl::nullopt);
  EXPECT_EQ(AbsenceKindFromName(""), absl::nullopt);
  EXPECT_EQ(AbsenceKindFromName("unknown"), absl::nullopt);
}

TEST(Names, ThuiszitterCauseRoundTripsWithDistinctNames) {
  const std::vector<ThuiszitterCause> all = {
      ThuiszitterCause::kNoSuitableSchoolPlace, ThuiszitterCause::kWaitingForCare,
      ThuiszitterCause::kBehaviourOrSuspension, ThuiszitterCause::kSchoolRefusal,
      ThuiszitterCause::kHealthFitForEducation, ThuiszitterCause::kConflictWithSchool,
      ThuiszitterCause::kHomeSituation,         ThuiszitterCause::kOther};
  std::vector<std::string> names;
  for (ThuiszitterCause c : all) {
    EXPECT_EQ(ThuiszitterCauseFromName(ThuiszitterCauseName(c)), c);
    names.emplace_back(ThuiszitterCauseName(c));
  }
  EXPECT_THAT(names,
              ElementsAre("no_suitable_school_place", "waiting_for_care", "behaviour_or_suspension",
                          "school_refusal", "health_fit_for_education", "conflict_with_school",
                          "home_situation", "other"));
  EXPECT_EQ(ThuiszitterCauseFromName("OTHER"), absl::nullopt);
  EXPECT_EQ(ThuiszitterCauseFromName("sick"), absl::nullopt);
}

TEST(Names, ThuiszitterCategoryRoundTrips) {
  EXPECT_EQ(ThuiszitterCategoryName(ThuiszitterCategory::kRelative4WeeksTo3Months),
            "relative_4w_3m");
  EXPECT_EQ(ThuiszitterCategoryName(ThuiszitterCategory::kRelativeOver3Months), "relative_over_3m");
  EXPECT_EQ(ThuiszitterCategoryName(ThuiszitterCategory::kAbsolute), "absolute");
  for (ThuiszitterCategory c :
       {ThuiszitterCategory::kRelative4WeeksTo3Months, ThuiszitterCategory::kRelativeOver3Months,
        ThuiszitterCategory::kAbsolute}) {
    EXPECT_EQ(ThuiszitterCategoryFromName(ThuiszitterCategoryName(c)), c);
  }
  EXPECT_EQ(ThuiszitterCategoryFromName("relative"), absl::nullopt);
}

TEST(Names, CaseStatusRoundTrips) {
  EXPECT_EQ(CaseStatusName(CaseStatus::kOpen), "open");
  EXPECT_EQ(CaseStatusName(CaseStatus::kClosed), "closed");
  EXPECT_EQ(CaseStatusFromName("open"), CaseStatus::kOpen);
  EXPECT_EQ(CaseStatusFromName("closed"), CaseStatus::kClosed);
  EXPECT_EQ(CaseStatusFromName("Open"), absl::nullopt);
}

TEST(Names, OutOfRangeValueIsUnknownAndNotParsed) {
  const auto bogus = static_cast<AbsenceKind>(42);
  EXPECT_EQ(AbsenceKindName(bogus), "unknown");
  EXPECT_EQ(ThuiszitterCauseName(static_cast<ThuiszitterCause>(42)), "unknown");
  EXPECT_EQ(ThuiszitterCategoryName(static_cast<ThuiszitterCategory>(42)), "unknown");
  EXPECT_EQ(CaseStatusName(static_cast<CaseStatus>(42)), "unknown");
}

// ---- Policy ------------------------------------------------------------------------------------

TEST(ThuiszitterPolicy, DefaultIsTwoDaysPerSeed004) {
  ThuiszitterPolicy policy;
  EXPECT_EQ(policy.report_within_days, 2);
  EXPECT_TRUE(policy.Validate().ok());
}

TEST(ThuiszitterPolicy, AcceptsZeroToSixty) {
  for (int days : {0, 1, 5, 60}) {
    EXPECT_TRUE(ThuiszitterPolicy{days}.Validate().ok()) << days;
  }
}

TEST(ThuiszitterPolicy, RejectsOutOfRange) {
  for (int days : {-1, 61, -1000, 100000}) {
    ExpectInvalid(ThuiszitterPolicy{days}.Validate(), "report_within_days", "OUT_OF_RANGE");
  }
}

// ---- 4-week mark, lateness ----------------------------------------------------------------------

TEST(FourWeekMark, IsTwentyEightDaysAfterStart) {
  EXPECT_EQ(FourWeekMark(Day(2026, 2, 1)), Day(2026, 3, 1));
  EXPECT_EQ(FourWeekMark(Day(2024, 2, 1)), Day(2024, 2, 29));  // leap year
  EXPECT_EQ(FourWeekMark(Day(2025, 12, 15)), Day(2026, 1, 12));
}

TEST(ReportDeadline, IsTheMarkPlusTheSwvsReportWindow) {
  EXPECT_EQ(ReportDeadline(Day(2026, 2, 1), ThuiszitterPolicy{}), Day(2026, 3, 3));
  EXPECT_EQ(ReportDeadline(Day(2026, 2, 1), ThuiszitterPolicy{0}), Day(2026, 3, 1));
  EXPECT_EQ(ReportDeadline(Day(2025, 12, 15), ThuiszitterPolicy{10}), Day(2026, 1, 22));
}

TEST(IsReportedLate, DefaultPolicyAllowsTwoDaysAfterTheMark) {
  const Day start(2026, 2, 1);  // mark 2026-03-01
  const ThuiszitterPolicy policy;
  EXPECT_FALSE(IsReportedLate(start, Day(2026, 3, 1), policy));  // on the mark
  EXPECT_FALSE(IsReportedLate(start, Day(2026, 3, 2), policy));
  EXPECT_FALSE(IsReportedLate(start, Day(2026, 3, 3), policy));  // mark + 2: on time
  EXPECT_TRUE(IsReportedLate(start, Day(2026, 3, 4), policy));   // mark + 3: late
  EXPECT_TRUE(IsReportedLate(start, Day(2026, 6, 1), policy));
}

TEST(IsReportedLate, ZeroDaysPolicyMeansOnTheMarkItself) {
  const Day start(2026, 2, 1);
  const ThuiszitterPolicy policy{0};
  EXPECT_FALSE(IsReportedLate(start, Day(2026, 3, 1), policy));
  EXPECT_TRUE(IsReportedLate(start, Day(2026, 3, 2), policy));
}

TEST(IsReportedLate, LongerPolicy) {
  const ThuiszitterPolicy policy{10};
  EXPECT_FALSE(IsReportedLate(Day(2026, 2, 1), Day(2026, 3, 11), policy));
  EXPECT_TRUE(IsReportedLate(Day(2026, 2, 1), Day(2026, 3, 12), policy));
}

// ---- Category, duration -----------------------------------------------------------------------

TEST(CategoryOf, AbsoluteAbsenceIsAlwaysAbsolute) {
  EXPECT_EQ(CategoryOf(AbsenceKind::kAbsolute, Day(2026, 1, 1), Day(2026, 2, 1)),
            ThuiszitterCategory::kAbsolute);
  EXPECT_EQ(CategoryOf(AbsenceKind::kAbsolute, Day(2025, 1, 1), Day(2026, 2, 1)),
            ThuiszitterCategory::kAbsolute);
}

TEST(CategoryOf, RelativeBoundaryIsThreeCalendarMonths) {
  const Day start(2026, 1, 15);
  EXPECT_EQ(CategoryOf(AbsenceKind::kRelative, start, Day(2026, 2, 12)),
            ThuiszitterCategory::kRelative4WeeksTo3Months);
  EXPECT_EQ(CategoryOf(AbsenceKind::kRelative, start, Day(2026, 4, 14)),
            ThuiszitterCategory::kRelative4WeeksTo3Months);
  // On the 3-month day itself still 4 weeks-3 months.
  EXPECT_EQ(CategoryOf(AbsenceKind::kRelative, start, Day(2026, 4, 15)),
            ThuiszitterCategory::kRelative4WeeksTo3Months);
  EXPECT_EQ(CategoryOf(AbsenceKind::kRelative, start, Day(2026, 4, 16)),
            ThuiszitterCategory::kRelativeOver3Months);
}

TEST(CategoryOf, ClampsToMonthEndInCommonYear) {
  const Day start(2025, 11, 30);  // + 3 months = 2026-02-28 (no 29 Feb in 2026)
  EXPECT_EQ(CategoryOf(AbsenceKind::kRelative, start, Day(2026, 2, 28)),
            ThuiszitterCategory::kRelative4WeeksTo3Months);
  EXPECT_EQ(CategoryOf(AbsenceKind::kRelative, start, Day(2026, 3, 1)),
            ThuiszitterCategory::kRelativeOver3Months);
}

TEST(CategoryOf, ClampsToMonthEndInLeapYear) {
  const Day start(2023, 11, 30);  // + 3 months = 2024-02-29
  EXPECT_EQ(CategoryOf(AbsenceKind::kRelative, start, Day(2024, 2, 28)),
            ThuiszitterCategory::kRelative4WeeksTo3Months);
  EXPECT_EQ(CategoryOf(AbsenceKind::kRelative, start, Day(2024, 2, 29)),
            ThuiszitterCategory::kRelative4WeeksTo3Months);
  EXPECT_EQ(CategoryOf(AbsenceKind::kRelative, start, Day(2024, 3, 1)),
            ThuiszitterCategory::kRelativeOver3Months);
}

TEST(CategoryOf, ThirtyFirstToThirtyDayMonthAndYearWrap) {
  // 31 Mar + 3 months = 30 Jun (clamped).
  EXPECT_EQ(CategoryOf(AbsenceKind::kRelative, Day(2026, 3, 31), Day(2026, 6, 30)),
            ThuiszitterCategory::kRelative4WeeksTo3Months);
  EXPECT_EQ(CategoryOf(AbsenceKind::kRelative, Day(2026, 3, 31), Day(2026, 7, 1)),
            ThuiszitterCategory::kRelativeOver3Months);
  // 31 Dec + 3 months = 31 Mar of the next year.
  EXPECT_EQ(CategoryOf(AbsenceKind::kRelative, Day(2025, 12, 31), Day(2026, 3, 31)),
            ThuiszitterCategory::kRelative4WeeksTo3Months);
  EXPECT_EQ(CategoryOf(AbsenceKind::kRelative, Day(2025, 12, 31), Day(2026, 4, 1)),
            ThuiszitterCategory::kRelativeOver3Months);
}

TEST(DaysAbsent, CountsDaysAndNeverGoesNegative) {
  EXPECT_EQ(DaysAbsent(Day(2026, 2, 1), Day(2026, 2, 1)), 0);
  EXPECT_EQ(DaysAbsent(Day(2026, 2, 1), Day(2026, 3, 1)), 28);
  EXPECT_EQ(DaysAbsent(Day(2024, 2, 1), Day(2024, 3, 1)), 29);  // leap year
  EXPECT_EQ(DaysAbsent(Day(2025, 1, 1), Day(2026, 1, 1)), 365);
  EXPECT_EQ(DaysAbsent(Day(2026, 3, 1), Day(2026, 2, 1)), 0);
}

TEST(IsPastOneMonth, StrictlyAfterOneCalendarMonth) {
  EXPECT_FALSE(IsPastOneMonth(Day(2026, 3, 9), Day(2026, 3, 9)));
  EXPECT_FALSE(IsPastOneMonth(Day(2026, 3, 9), Day(2026, 4, 9)));
  EXPECT_TRUE(IsPastOneMonth(Day(2026, 3, 9), Day(2026, 4, 10)));
  // 31 Jan + 1 month = 28 Feb (2026), 29 Feb (2024).
  EXPECT_FALSE(IsPastOneMonth(Day(2026, 1, 31), Day(2026, 2, 28)));
  EXPECT_TRUE(IsPastOneMonth(Day(2026, 1, 31), Day(2026, 3, 1)));
  EXPECT_FALSE(IsPastOneMonth(Day(2024, 1, 31), Day(2024, 2, 29)));
  EXPECT_TRUE(IsPastOneMonth(Day(2024, 1, 31), Day(2024, 3, 1)));
  // Year wrap.
  EXPECT_FALSE(IsPastOneMonth(Day(2025, 12, 15), Day(2026, 1, 15)));
  EXPECT_TRUE(IsPastOneMonth(Day(2025, 12, 15), Day(2026, 1, 16)));
}

TEST(IsPastThreeMonths, StrictlyAfterThreeCalendarMonths) {
  EXPECT_FALSE(IsPastThreeMonths(Day(2026, 3, 15), Day(2026, 6, 15)));
  EXPECT_TRUE(IsPastThreeMonths(Day(2026, 3, 15), Day(2026, 6, 16)));
  EXPECT_FALSE(IsPastThreeMonths(Day(2025, 11, 30), Day(2026, 2, 28)));
  EXPECT_TRUE(IsPastThreeMonths(Day(2025, 11, 30), Day(2026, 3, 1)));
  EXPECT_FALSE(IsPastThreeMonths(Day(2023, 11, 30), Day(2024, 2, 29)));
  EXPECT_TRUE(IsPastThreeMonths(Day(2023, 11, 30), Day(2024, 3, 1)));
}

// ---- ValidateClose -----------------------------------------------------------------------------

const Day kAbsenceStart(2026, 1, 12);

absl::Status CloseStatus(const CloseInput& input, CaseStatus current = CaseStatus::kOpen) {
  return ValidateClose(current, kAbsenceStart, input, kToday).status();
}

TEST(ValidateClose, AcceptsAndTrims) {
  absl::StatusOr<ValidClose> close =
      ValidateClose(CaseStatus::kOpen, kAbsenceStart,
                    CloseInput{" 2026-03-02 ", "  school resumed at 12AB00\n"}, kToday);
  ASSERT_TRUE(close.ok()) << close.status();
  EXPECT_EQ(*close, (ValidClose{Day(2026, 3, 2), "school resumed at 12AB00"}));
}

TEST(ValidateClose, AlreadyClosedIsFailedPrecondition) {
  absl::Status status =
      CloseStatus(CloseInput{"2026-03-02", "school resumed"}, CaseStatus::kClosed);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
  EXPECT_EQ(ReasonOf(status), "CASE_ALREADY_CLOSED");
}

TEST(ValidateClose, AlreadyClosedWinsOverBadInput) {
  absl::Status status = CloseStatus(CloseInput{"", ""}, CaseStatus::kClosed);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(status), "CASE_ALREADY_CLOSED");
}

TEST(ValidateClose, ClosedOnRequired) {
  ExpectInvalid(CloseStatus(CloseInput{"", "school resumed"}), "closed_on", "REQUIRED");
}

TEST(ValidateClose, ClosedOnMalformed) {
  ExpectInvalid(CloseStatus(CloseInput{"2026-02-29", "school resumed"}), "closed_on",
                "MALFORMED_DATE");
}

TEST(ValidateClose, ClosedOnBeforeAbsenceStart) {
  ExpectInvalid(CloseStatus(CloseInput{"2026-01-11", "school resumed"}), "closed_on",
                "CLOSE_BEFORE_ABSENCE");
  // On the absence start itself is allowed.
  EXPECT_TRUE(CloseStatus(CloseInput{"2026-01-12", "school resumed"}).ok());
}

TEST(ValidateClose, ClosedOnInFuture) {
  ExpectInvalid(CloseStatus(CloseInput{"2026-03-10", "school resumed"}), "closed_on",
                "DATE_IN_FUTURE");
  EXPECT_TRUE(CloseStatus(CloseInput{"2026-03-09", "school resumed"}).ok());  // today
}

TEST(ValidateClose, ReasonRequired) {
  for (const char* reason : {"", "  \n "}) {
    ExpectInvalid(CloseStatus(CloseInput{"2026-03-02", reason}), "reason", "REQUIRED");
  }
}

TEST(ValidateClose, ReasonLengthBoundary) {
  EXPECT_TRUE(CloseStatus(CloseInput{"2026-03-02", std::string(500, 'r')}).ok());
  ExpectInvalid(CloseStatus(CloseInput{"2026-03-02", std::string(501, 'r')}), "reason", "TOO_LONG");
  std::string accents;
  for (int i = 0; i < 500; ++i) accents += "\xC3\xAB";  // "ë": 500 characters, 1000 bytes
  EXPECT_TRUE(CloseStatus(CloseInput{"2026-03-02", accents}).ok());
}

TEST(ValidateClose, ReasonMayContainLineBreaks) {
  EXPECT_TRUE(CloseStatus(CloseInput{"2026-03-02", "school resumed.\nPlan evaluated."}).ok());
}

TEST(ValidateClose, ReportsAllViolationsTogether) {
  absl::Status status = CloseStatus(CloseInput{"2026-01-01", std::string(501, 'r')});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReasonOf(status), "INVALID_THUISZITTER_CLOSE");
  EXPECT_THAT(FieldsOf(status), ElementsAre("closed_on", "reason"));

  absl::Status both_missing = CloseStatus(CloseInput{"", ""});
  EXPECT_EQ(ReasonOf(both_missing), "REQUIRED");
  EXPECT_THAT(FieldsOf(both_missing), ElementsAre("closed_on", "reason"));
}

}  // namespace
}  // namespace swv::registrations::thuiszitter_test
