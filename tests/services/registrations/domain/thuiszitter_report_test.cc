// The thuiszitter domain rules: the validation of a report (ValidateThuiszitterReport), each field,
// the 28-day threshold, lateness and the combined reason of several violations.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/kernel/errors.h"
#include "services/registrations/domain/thuiszitter.h"
#include "tests/services/registrations/domain/domain_test_helpers.h"

namespace swv::registrations::thuiszitter_report_test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

// "Today" of the validation tests.
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
  expected.report_deadline = Day(2026, 3, 3);  // the 4-week mark 2026-03-01 + 2 days
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

// A child enrolled nowhere may never have had a school: leerplicht reports it by municipality.
TEST(ValidateThuiszitterReport, AbsoluteAbsenceNeedsNoSchool) {
  ThuiszitterReport r = GoodReport();
  r.absence_kind = AbsenceKind::kAbsolute;
  r.school = "";
  r.lvs_pupil_number = "";
  absl::StatusOr<ValidThuiszitterReport> valid =
      ValidateThuiszitterReport(r, kToday, ThuiszitterPolicy{});
  ASSERT_TRUE(valid.ok()) << valid.status();
  EXPECT_FALSE(valid->school.has_value());
  r.lvs_pupil_number = "LVS-1";  // an LVS number means nothing without its school
  ExpectInvalid(ValidateStatus(r), "thuiszitter.school", "REQUIRED");
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

// Before the 4-week mark a report is a potential thuiszitter: accepted, never late, and a
// thuiszitter from the mark on by the clock (CategoryOf).
TEST(ValidateThuiszitterReport, BeforeTheMarkAReportIsAPotentialThuiszitter) {
  ThuiszitterReport r = GoodReport();
  r.absence_start = "2026-02-01";
  r.reported_on = "2026-02-28";  // 27 days
  absl::StatusOr<ValidThuiszitterReport> valid =
      ValidateThuiszitterReport(r, kToday, ThuiszitterPolicy{});
  ASSERT_TRUE(valid.ok()) << valid.status();
  EXPECT_FALSE(valid->reported_late);
  EXPECT_EQ(valid->report_deadline, absl::CivilDay(2026, 3, 3));
  EXPECT_EQ(CategoryOf(AbsenceKind::kRelative, valid->absence_start, valid->reported_on),
            ThuiszitterCategory::kPotential);
  EXPECT_EQ(CategoryOf(AbsenceKind::kRelative, valid->absence_start, absl::CivilDay(2026, 3, 1)),
            ThuiszitterCategory::kRelative4WeeksTo3Months);

  r.absence_start = "2026-03-09";
  r.reported_on = "";  // today, the first day of absence
  EXPECT_TRUE(ValidateThuiszitterReport(r, kToday, ThuiszitterPolicy{}).ok());
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

}  // namespace
}  // namespace swv::registrations::thuiszitter_report_test
