#include "services/kernel/identifiers.h"

#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/kernel/errors.h"

namespace swv {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;

// Asserts INVALID_ARGUMENT with exactly one violation on `field` and the given reason.
void ExpectInvalid(const absl::Status& status, absl::string_view field, absl::string_view reason) {
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_EQ(ReasonOf(status), reason) << status;
  EXPECT_THAT(FieldViolationsOf(status),
              ElementsAre(Field(&FieldViolation::field, std::string(field))))
      << status;
}

// ---- School code -------------------------------------------------------------------------------

TEST(ParseSchoolCode, AcceptsCanonicalForm) {
  absl::StatusOr<SchoolCode> code = ParseSchoolCode("school", "12AB00");
  ASSERT_TRUE(code.ok()) << code.status();
  EXPECT_EQ(code->brin, "12AB");
  EXPECT_EQ(code->vestiging, "00");
  EXPECT_EQ(code->ToString(), "12AB00");
}

TEST(ParseSchoolCode, NormalisesCaseSeparatorAndSurroundingSpaces) {
  for (const char* text :
       {"12ab00", "12AB 00", "12AB-00", "  12AB00  ", "\t12ab-00\n", "12aB 00"}) {
    absl::StatusOr<SchoolCode> code = ParseSchoolCode("school", text);
    ASSERT_TRUE(code.ok()) << text << ": " << code.status();
    EXPECT_EQ(code->ToString(), "12AB00") << text;
  }
}

TEST(ParseSchoolCode, AcceptsAnyFourAlphanumericBrin) {
  absl::StatusOr<SchoolCode> code = ParseSchoolCode("school", "00xy07");
  ASSERT_TRUE(code.ok()) << code.status();
  EXPECT_EQ(code->brin, "00XY");
  EXPECT_EQ(code->vestiging, "07");
}

TEST(ParseSchoolCode, RejectsMalformedCodes) {
  for (const char* text : {"", "12AB", "12AB0", "12AB000", "12AB0A", "12A-B00", "12AB  00",
                           "12AB_00", "12AB.00", "12ÄB00", "12AB 0 0", "-12AB00"}) {
    absl::StatusOr<SchoolCode> code = ParseSchoolCode("thuiszitter.school", text);
    ASSERT_FALSE(code.ok()) << "accepted \"" << text << "\"";
    ExpectInvalid(code.status(), "thuiszitter.school", "MALFORMED_SCHOOL_CODE");
  }
}

TEST(ParseSchoolCode, MessageSaysTheExpectedForm) {
  absl::StatusOr<SchoolCode> code = ParseSchoolCode("school", "nope");
  ASSERT_FALSE(code.ok());
  EXPECT_THAT(std::string(code.status().message()), HasSubstr("12AB00"));
  EXPECT_THAT(std::string(code.status().message()), HasSubstr("school: "));
}

// ---- Municipality code -------------------------------------------------------------------------

TEST(ParseMunicipalityCode, AcceptsAndNormalises) {
  for (const char* text : {"GM0606", "gm0606", "Gm0606", "  GM0606  ", "GM0606 ", "\tgm0606"}) {
    absl::StatusOr<std::string> code = ParseMunicipalityCode("m", text);
    ASSERT_TRUE(code.ok()) << text << ": " << code.status();
    EXPECT_EQ(*code, "GM0606") << text;
  }
  EXPECT_EQ(*ParseMunicipalityCode("m", "GM0556"), "GM0556");  // Maassluis
  EXPECT_EQ(*ParseMunicipalityCode("m", "GM0622"), "GM0622");  // Vlaardingen
}

TEST(ParseMunicipalityCode, RejectsMalformedCodes) {
  for (const char* text :
       {"", "GM606", "GM06060", "0606", "GX0606", "GM 0606", "GM06O6", "MG0606", "GM-0606"}) {
    absl::StatusOr<std::string> code =
        ParseMunicipalityCode("thuiszitter.residence_municipality", text);
    ASSERT_FALSE(code.ok()) << "accepted \"" << text << "\"";
    ExpectInvalid(code.status(), "thuiszitter.residence_municipality",
                  "MALFORMED_MUNICIPALITY_CODE");
    EXPECT_THAT(std::string(code.status().message()), HasSubstr("GM0606"));
  }
}

// ---- SWV code ----------------------------------------------------------------------------------

TEST(CanonicalSwvCode, AcceptsTheFormsInUse) {
  struct Case {
    const char* text;
    const char* canonical;
  };
  for (const Case& c :
       {Case{"PO 22.03", "PO2203"}, Case{"PO 20.01", "PO2001"}, Case{"PO2401", "PO2401"},
        Case{"po22-03", "PO2203"}, Case{"PO22.03", "PO2203"}, Case{"PO 22 03", "PO2203"},
        Case{"  vo 28.07 ", "VO2807"}, Case{"VO2807", "VO2807"}}) {
    absl::StatusOr<std::string> code = CanonicalSwvCode("swv", c.text);
    ASSERT_TRUE(code.ok()) << c.text << ": " << code.status();
    EXPECT_EQ(*code, c.canonical) << c.text;
  }
}

TEST(CanonicalSwvCode, RejectsMalformedCodes) {
  for (const char* text : {"", "PO", "PO 22", "PO 22.3", "PO 2.203", "PO 22..03", "PO 22.033",
                           "SO 22.03", "P022.03", "PO 22/03", "PO-22.03", "PO 2A.03", "22.03"}) {
    absl::StatusOr<std::string> code = CanonicalSwvCode("parent", text);
    ASSERT_FALSE(code.ok()) << "accepted \"" << text << "\"";
    ExpectInvalid(code.status(), "parent", "MALFORMED_SWV_CODE");
  }
}

TEST(DisplaySwvCode, ShowsTheFamiliarForm) {
  EXPECT_EQ(DisplaySwvCode("PO2203"), "PO 22.03");
  EXPECT_EQ(DisplaySwvCode("VO2807"), "VO 28.07");
  EXPECT_EQ(DisplaySwvCode(*CanonicalSwvCode("swv", "po20-01")), "PO 20.01");
}

TEST(DisplaySwvCode, ReturnsNonCanonicalInputUnchanged) {
  EXPECT_EQ(DisplaySwvCode("PO 22.03"), "PO 22.03");
  EXPECT_EQ(DisplaySwvCode("po2203"), "po2203");
  EXPECT_EQ(DisplaySwvCode(""), "");
}

// ---- Dates -------------------------------------------------------------------------------------

TEST(ParseDate, AcceptsRealCalendarDays) {
  EXPECT_EQ(*ParseDate("d", "2026-03-09"), absl::CivilDay(2026, 3, 9));
  EXPECT_EQ(*ParseDate("d", "2024-02-29"), absl::CivilDay(2024, 2, 29));  // leap year
  EXPECT_EQ(*ParseDate("d", "2000-02-29"), absl::CivilDay(2000, 2, 29));  // 400-year rule
  EXPECT_EQ(*ParseDate("d", "2025-12-31"), absl::CivilDay(2025, 12, 31));
}

TEST(ParseDate, RejectsNonexistentDays) {
  for (const char* text : {"2025-02-29", "2025-02-30", "1900-02-29", "2025-04-31", "2025-13-01",
                           "2025-00-10", "2025-01-00", "2025-01-32"}) {
    absl::StatusOr<absl::CivilDay> day = ParseDate("thuiszitter.absence_start", text);
    ASSERT_FALSE(day.ok()) << "accepted " << text;
    ExpectInvalid(day.status(), "thuiszitter.absence_start", "MALFORMED_DATE");
  }
}

TEST(ParseDate, RejectsNonIsoForms) {
  for (const char* text :
       {"", "2025-2-03", "2025-02-3", "03-02-2025", "2025/02/03", "20250203", " 2025-02-03",
        "2025-02-03 ", "2025-02-03T00:00:00Z", "+2025-02-03", "2025-0a-03", "２０２５-02-03"}) {
    absl::StatusOr<absl::CivilDay> day = ParseDate("closed_on", text);
    ASSERT_FALSE(day.ok()) << "accepted \"" << text << "\"";
    ExpectInvalid(day.status(), "closed_on", "MALFORMED_DATE");
    EXPECT_THAT(std::string(day.status().message()), HasSubstr("YYYY-MM-DD"));
  }
}

TEST(FormatDate, IsIsoWithPadding) {
  EXPECT_EQ(FormatDate(absl::CivilDay(2026, 3, 9)), "2026-03-09");
  EXPECT_EQ(FormatDate(absl::CivilDay(2025, 12, 31)), "2025-12-31");
  EXPECT_EQ(FormatDate(*ParseDate("d", "2024-02-29")), "2024-02-29");
}

}  // namespace
}  // namespace swv
