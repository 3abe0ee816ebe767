#include "services/registrations/domain/thuiszitter.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/kernel/errors.h"

namespace swv::registrations {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

using Day = absl::CivilDay;

// Fields named in a status, in order.
std::vector<std::string> FieldsOf(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

// Asserts `code`, exactly one violation on `field`, and `reason`.
void ExpectOneViolation(const absl::Status& status, absl::StatusCode code, absl::string_view field,
                        absl::string_view reason) {
  EXPECT_EQ(status.code(), code) << status;
  EXPECT_EQ(ReasonOf(status), reason) << status;
  EXPECT_THAT(FieldsOf(status), ElementsAre(std::string(field))) << status;
}

void ExpectInvalid(const absl::Status& status, absl::string_view field, absl::string_view reason) {
  ExpectOneViolation(status, absl::StatusCode::kInvalidArgument, field, reason);
}

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

// ---- ValidateThuiszitterReport -----------------------------------------------------------------

const Day kToday(2026, 3, 9);

// A valid report: absence from 2026-02-01, 4-week mark 2026-03-01, reported 2026-03-02.
ThuiszitterReport GoodReport() {
  ThuiszitterReport r;
  r.school = "12AB00";
  r.lvs_pupil_number = "LL-2024.0042";
  r.residence_municipality = "GM0606";
  r.absence_kind = AbsenceKind::kRelative;
  r.absence_start = "2026-02-01";
  r.reported_on = "2026-03-02";
  r.cause = ThuiszitterCause::kWaitingForCare;
  r.municipality_case_ref = "LP-2026/0815";
  return r;
}

absl::Status ValidateStatus(const ThuiszitterReport& report, Day today = kToday,
                            const ThuiszitterPolicy& policy = ThuiszitterPolicy{}) {
  return ValidateThuiszitterReport(report, today, policy).status();
}

TEST(ValidateThuiszitterReport, AcceptsAndNormalises) {
  ThuiszitterReport r = GoodReport();
  r.school = " 12ab-00 ";
  r.lvs_pupil_number = "  LL-2024.0042 ";
  r.residence_municipality = "gm0606   ";
  r.municipality_case_ref = "  LP-2026/0815 ";
  absl::StatusOr<ValidThuiszitterReport> valid =
      ValidateThuiszitterReport(r, kToday, ThuiszitterPolicy{});
  ASSERT_TRUE(valid.ok()) << valid.status();

  ValidThuiszitterReport expected;
  expected.school = SchoolCode{"12AB", "00"};
  expected.lvs_pupil_number = "LL-2024.0042";
  expected.residence_municipality = "GM0606";
  expected.absence_kind = AbsenceKind::kRelative;
  expected.absence_start = Day(2026, 2, 1);
  expected.reported_on = Day(2026, 3, 2);
  expected.cause = ThuiszitterCause::kWaitingForCare;
  expected.reported_late = false;
  expected.municipality_case_ref = "LP-2026/0815";
  EXPECT_EQ(*valid, expected);
}

TEST(ValidateThuiszitterReport, EmptyReportedOnMeansToday) {
  ThuiszitterReport r = GoodReport();
  r.reported_on = "";
  absl::StatusOr<ValidThuiszitterReport> valid =
      ValidateThuiszitterReport(r, kToday, ThuiszitterPolicy{});
  ASSERT_TRUE(valid.ok()) << valid.status();
  EXPECT_EQ(valid->reported_on, kToday);
  EXPECT_TRUE(valid->reported_late);  // 2026-03-09 is mark + 8
}

TEST(ValidateThuiszitterReport, ReportedOnTodayIsAccepted) {
  ThuiszitterReport r = GoodReport();
  r.reported_on = "2026-03-09";
  EXPECT_TRUE(ValidateStatus(r).ok());
}

TEST(ValidateThuiszitterReport, MunicipalityCaseRefIsOptional) {
  ThuiszitterReport r = GoodReport();
  r.municipality_case_ref = "";
  absl::StatusOr<ValidThuiszitterReport> valid =
      ValidateThuiszitterReport(r, kToday, ThuiszitterPolicy{});
  ASSERT_TRUE(valid.ok()) << valid.status();
  EXPECT_EQ(valid->municipality_case_ref, "");
}

TEST(ValidateThuiszitterReport, KeepsAbsoluteKindAndCause) {
  ThuiszitterReport r = GoodReport();
  r.absence_kind = AbsenceKind::kAbsolute;
  r.cause = ThuiszitterCause::kNoSuitableSchoolPlace;
  absl::StatusOr<ValidThuiszitterReport> valid =
      ValidateThuiszitterReport(r, kToday, ThuiszitterPolicy{});
  ASSERT_TRUE(valid.ok()) << valid.status();
  EXPECT_EQ(valid->absence_kind, AbsenceKind::kAbsolute);
  EXPECT_EQ(valid->cause, ThuiszitterCause::kNoSuitableSchoolPlace);
}

// school

TEST(ValidateThuiszitterReport, SchoolRequired) {
  for (const char* school : {"", "   "}) {
    ThuiszitterReport r = GoodReport();
    r.school = school;
    ExpectInvalid(ValidateStatus(r), "thuiszitter.school", "REQUIRED");
  }
}

TEST(ValidateThuiszitterReport, SchoolMalformed) {
  ThuiszitterReport r = GoodReport();
  r.school = "12AB0";
  ExpectInvalid(ValidateStatus(r), "thuiszitter.school", "MALFORMED_SCHOOL_CODE");
}

// lvs_pupil_number

TEST(ValidateThuiszitterReport, LvsPupilNumberRequired) {
  for (const char* number : {"", " \t "}) {
    ThuiszitterReport r = GoodReport();
    r.lvs_pupil_number = number;
    ExpectInvalid(ValidateStatus(r), "thuiszitter.lvs_pupil_number", "REQUIRED");
  }
}

TEST(ValidateThuiszitterReport, LvsPupilNumberLengthBoundary) {
  ThuiszitterReport r = GoodReport();
  r.lvs_pupil_number = std::string(32, 'a');
  EXPECT_TRUE(ValidateStatus(r).ok());
  r.lvs_pupil_number = std::string(33, 'a');
  ExpectInvalid(ValidateStatus(r), "thuiszitter.lvs_pupil_number", "TOO_LONG");
}

TEST(ValidateThuiszitterReport, LvsPupilNumberCharacters) {
  for (const char* ok : {"1", "a.b_c-D", "12345", "X123456789"}) {
    ThuiszitterReport r = GoodReport();
    r.lvs_pupil_number = ok;
    EXPECT_TRUE(ValidateStatus(r).ok()) << ok;
  }
  for (const char* bad : {"12 34", "12/34", "jan@school", "é123", "12\n34", "12;DROP"}) {
    ThuiszitterReport r = GoodReport();
    r.lvs_pupil_number = bad;
    ExpectInvalid(ValidateStatus(r), "thuiszitter.lvs_pupil_number", "MALFORMED_LVS_PUPIL_NUMBER");
  }
}

TEST(ValidateThuiszitterReport, NineDigitsLookLikeBsn) {
  for (const char* bsn : {"123456782", "000000000", " 111222333 "}) {
    ThuiszitterReport r = GoodReport();
    r.lvs_pupil_number = bsn;
    ExpectInvalid(ValidateStatus(r), "thuiszitter.lvs_pupil_number", "LOOKS_LIKE_BSN");
  }
  // 8 or 10 digits, or 9 digits with a prefix, are ordinary LVS numbers.
  for (const char* ok : {"12345678", "1234567890", "L123456782"}) {
    ThuiszitterReport r = GoodReport();
    r.lvs_pupil_number = ok;
    EXPECT_TRUE(ValidateStatus(r).ok()) << ok;
  }
}

// residence_municipality

TEST(ValidateThuiszitterReport, ResidenceMunicipalityRequired) {
  ThuiszitterReport r = GoodReport();
  r.residence_municipality = "";
  ExpectInvalid(ValidateStatus(r), "thuiszitter.residence_municipality", "REQUIRED");
}

TEST(ValidateThuiszitterReport, ResidenceMunicipalityMalformed) {
  ThuiszitterReport r = GoodReport();
  r.residence_municipality = "0606";
  ExpectInvalid(ValidateStatus(r), "thuiszitter.residence_municipality",
                "MALFORMED_MUNICIPALITY_CODE");
}

// absence_kind, cause

TEST(ValidateThuiszitterReport, AbsenceKindRequired) {
  ThuiszitterReport r = GoodReport();
  r.absence_kind = absl::nullopt;
  ExpectInvalid(ValidateStatus(r), "thuiszitter.absence_kind", "REQUIRED");
}

TEST(ValidateThuiszitterReport, CauseRequired) {
  ThuiszitterReport r = GoodReport();
  r.cause = absl::nullopt;
  ExpectInvalid(ValidateStatus(r), "thuiszitter.cause", "REQUIRED");
}

// dates

TEST(ValidateThuiszitterReport, AbsenceStartRequired) {
  ThuiszitterReport r = GoodReport();
  r.absence_start = "";
  ExpectInvalid(ValidateStatus(r), "thuiszitter.absence_start", "REQUIRED");
}

TEST(ValidateThuiszitterReport, AbsenceStartMalformed) {
  for (const char* bad : {"2026-02-30", "01-02-2026", "2026-2-1"}) {
    ThuiszitterReport r = GoodReport();
    r.absence_start = bad;
    ExpectInvalid(ValidateStatus(r), "thuiszitter.absence_start", "MALFORMED_DATE");
  }
}

TEST(ValidateThuiszitterReport, ReportedOnMalformed) {
  ThuiszitterReport r = GoodReport();
  r.reported_on = "2026-03-32";
  ExpectInvalid(ValidateStatus(r), "thuiszitter.reported_on", "MALFORMED_DATE");
}

TEST(ValidateThuiszitterReport, AbsenceStartInFuture) {
  ThuiszitterReport r = GoodReport();
  r.absence_start = "2026-03-10";  // today + 1
  r.reported_on = "";
  // Only the future date is reported, not also REPORT_BEFORE_ABSENCE.
  ExpectInvalid(ValidateStatus(r), "thuiszitter.absence_start", "DATE_IN_FUTURE");
}

TEST(ValidateThuiszitterReport, ReportedOnInFuture) {
  ThuiszitterReport r = GoodReport();
  r.reported_on = "2026-03-10";  // today + 1
  absl::Status status = ValidateStatus(r);
  ExpectInvalid(status, "thuiszitter.reported_on", "DATE_IN_FUTURE");
  EXPECT_THAT(std::string(status.message()), HasSubstr("2026-03-09"));
}

TEST(ValidateThuiszitterReport, ReportBeforeAbsence) {
  ThuiszitterReport r = GoodReport();
  r.absence_start = "2026-03-05";
  r.reported_on = "2026-03-04";
  ExpectInvalid(ValidateStatus(r), "thuiszitter.reported_on", "REPORT_BEFORE_ABSENCE");
}

TEST(ValidateThuiszitterReport, ExactlyTwentyEightDaysIsAThuiszitter) {
  ThuiszitterReport r = GoodReport();
  r.absence_start = "2026-02-01";
  r.reported_on = "2026-03-01";  // 28 days: the 4-week mark
  absl::StatusOr<ValidThuiszitterReport> valid =
      ValidateThuiszitterReport(r, kToday, ThuiszitterPolicy{});
  ASSERT_TRUE(valid.ok()) << valid.status();
  EXPECT_FALSE(valid->reported_late);
}

TEST(ValidateThuiszitterReport, TwentySevenDaysIsTooShort) {
  ThuiszitterReport r = GoodReport();
  r.absence_start = "2026-02-01";
  r.reported_on = "2026-02-28";  // 27 days
  absl::Status status = ValidateStatus(r);
  ExpectInvalid(status, "thuiszitter.absence_start", "ABSENCE_TOO_SHORT");
  EXPECT_THAT(std::string(status.message()), HasSubstr("4 weeks"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("2026-03-01"));  // the 4-week mark
}

TEST(ValidateThuiszitterReport, SameDayReportIsTooShort) {
  ThuiszitterReport r = GoodReport();
  r.absence_start = "2026-03-09";
  r.reported_on = "";  // today
  ExpectInvalid(ValidateStatus(r), "thuiszitter.absence_start", "ABSENCE_TOO_SHORT");
}

// lateness through validation

TEST(ValidateThuiszitterReport, ReportedLateBoundaryWithDefaultPolicy) {
  ThuiszitterReport r = GoodReport();
  r.absence_start = "2026-02-01";  // mark 2026-03-01
  r.reported_on = "2026-03-03";    // mark + 2
  EXPECT_FALSE(ValidateThuiszitterReport(r, kToday, ThuiszitterPolicy{})->reported_late);
  r.reported_on = "2026-03-04";  // mark + 3
  EXPECT_TRUE(ValidateThuiszitterReport(r, kToday, ThuiszitterPolicy{})->reported_late);
}

TEST(ValidateThuiszitterReport, ReportedLateWithZeroDaysPolicy) {
  ThuiszitterReport r = GoodReport();
  r.reported_on = "2026-03-01";  // the mark
  EXPECT_FALSE(ValidateThuiszitterReport(r, kToday, ThuiszitterPolicy{0})->reported_late);
  r.reported_on = "2026-03-02";
  EXPECT_TRUE(ValidateThuiszitterReport(r, kToday, ThuiszitterPolicy{0})->reported_late);
}

TEST(ValidateThuiszitterReport, InvalidPolicyIsAServerError) {
  absl::Status status = ValidateStatus(GoodReport(), kToday, ThuiszitterPolicy{-1});
  EXPECT_EQ(status.code(), absl::StatusCode::kInternal) << status;
  EXPECT_EQ(ReasonOf(status), "INVALID_THUISZITTER_POLICY");
  EXPECT_TRUE(FieldViolationsOf(status).empty());
}

// municipality_case_ref

TEST(ValidateThuiszitterReport, MunicipalityCaseRefLengthBoundary) {
  ThuiszitterReport r = GoodReport();
  r.municipality_case_ref = std::string(64, 'x');
  EXPECT_TRUE(ValidateStatus(r).ok());
  r.municipality_case_ref = std::string(65, 'x');
  ExpectInvalid(ValidateStatus(r), "thuiszitter.municipality_case_ref", "TOO_LONG");
}

TEST(ValidateThuiszitterReport, MunicipalityCaseRefCountsCharactersNotBytes) {
  ThuiszitterReport r = GoodReport();
  std::string ref;
  for (int i = 0; i < 64; ++i) ref += "\xC3\xA9";  // "é": 64 characters, 128 bytes
  r.municipality_case_ref = ref;
  absl::StatusOr<ValidThuiszitterReport> valid =
      ValidateThuiszitterReport(r, kToday, ThuiszitterPolicy{});
  ASSERT_TRUE(valid.ok()) << valid.status();
  EXPECT_EQ(valid->municipality_case_ref, ref);
  r.municipality_case_ref = ref + "\xC3\xA9";
  ExpectInvalid(ValidateStatus(r), "thuiszitter.municipality_case_ref", "TOO_LONG");
}

TEST(ValidateThuiszitterReport, MunicipalityCaseRefMustBePrintable) {
  for (const std::string& bad :
       {std::string("LP\n2026"), std::string("LP\t2026"), std::string("LP\x7F"),
        std::string("LP\0x", 4), std::string("LP\xC2\x85"),           // C1 control U+0085
        std::string("LP\xC3"), std::string("LP\xFF"),                 // invalid UTF-8
        std::string("LP\xC0\xAF"), std::string("LP\xED\xA0\x80")}) {  // overlong, surrogate
    ThuiszitterReport r = GoodReport();
    r.municipality_case_ref = bad;
    ExpectInvalid(ValidateStatus(r), "thuiszitter.municipality_case_ref", "INVALID_CHARACTERS");
  }
}

// several violations at once

TEST(ValidateThuiszitterReport, ReportsAllViolationsTogetherWithCombinedReason) {
  ThuiszitterReport r;
  r.school = "nonsense";
  r.lvs_pupil_number = "123456782";
  r.residence_municipality = "Schiedam";
  r.absence_start = "2026-13-01";
  r.reported_on = "2026-04-01";
  r.municipality_case_ref = std::string(65, 'x');
  absl::Status status = ValidateStatus(r);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReasonOf(status), "INVALID_THUISZITTER_REPORT");
  EXPECT_THAT(FieldsOf(status),
              ElementsAre("thuiszitter.school", "thuiszitter.lvs_pupil_number",
                          "thuiszitter.residence_municipality", "thuiszitter.absence_kind",
                          "thuiszitter.cause", "thuiszitter.absence_start",
                          "thuiszitter.reported_on", "thuiszitter.municipality_case_ref"));
  // The message names every broken field.
  for (const std::string& field : FieldsOf(status)) {
    EXPECT_THAT(std::string(status.message()), HasSubstr(field + ": "));
  }
}

TEST(ValidateThuiszitterReport, SharedReasonIsKeptWhenAllViolationsAgree) {
  ThuiszitterReport r = GoodReport();
  r.absence_kind = absl::nullopt;
  r.cause = absl::nullopt;
  absl::Status status = ValidateStatus(r);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReasonOf(status), "REQUIRED");
  EXPECT_THAT(FieldsOf(status),
              UnorderedElementsAre("thuiszitter.absence_kind", "thuiszitter.cause"));
}

TEST(ValidateThuiszitterReport, EmptyReportListsEveryRequiredField) {
  absl::Status status = ValidateStatus(ThuiszitterReport{});
  EXPECT_EQ(ReasonOf(status), "REQUIRED");
  EXPECT_THAT(FieldsOf(status),
              ElementsAre("thuiszitter.school", "thuiszitter.lvs_pupil_number",
                          "thuiszitter.residence_municipality", "thuiszitter.absence_kind",
                          "thuiszitter.cause", "thuiszitter.absence_start"));
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
}  // namespace swv::registrations
