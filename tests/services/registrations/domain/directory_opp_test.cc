// The directory and OPP rules one by one: each broken rule gives its own code, field and reason;
// the valid case passes. Pure functions, no database.
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/kernel/errors.h"
#include "services/registrations/domain/directory.h"
#include "services/registrations/domain/opp.h"
#include "tests/services/registrations/domain/domain_test_helpers.h"

namespace swv::registrations::directory_opp_test {
namespace {

using ::testing::HasSubstr;

constexpr absl::CivilDay kToday(2026, 11, 16);

// ---- Directory ----------------------------------------------------------------------------------

SchoolRow ValidSchoolRow() {
  SchoolRow row;
  row.code = "12ab 00";
  row.display_name = "OBS De Regenboog";
  row.board = "41234";
  row.wijk = "sch-oost";
  row.municipality = "GM0606";
  row.kind = SchoolKind::kRegular;
  row.inside_region = true;
  return row;
}

KnownCodes Known() { return KnownCodes{{"41234"}, {"SCH-OOST"}}; }

TEST(DirectoryRules, ValidSchoolIsNormalised) {
  absl::StatusOr<School> school = ValidateSchool("schools[0].", ValidSchoolRow(), Known());
  ASSERT_TRUE(school.ok()) << school.status();
  EXPECT_EQ(school->code, "12AB00");
  EXPECT_EQ(school->wijk, "SCH-OOST");
  EXPECT_EQ(school->board, "41234");
}

TEST(DirectoryRules, UnknownBoardNamesTheRowAndTheBoard) {
  SchoolRow row = ValidSchoolRow();
  row.board = "99999";
  absl::Status status = ValidateSchool("schools[3].", row, Known()).status();
  ExpectInvalid(status, "schools[3].board", "UNKNOWN_BOARD");
  EXPECT_THAT(status.message(), HasSubstr("board 99999 is not in the directory"));
}

TEST(DirectoryRules, SchoolOutsideRegionNeedsNoKnownBoard) {
  SchoolRow row = ValidSchoolRow();
  row.inside_region = false;
  row.board = "";
  row.wijk = "";
  EXPECT_TRUE(ValidateSchool("schools[0].", row, Known()).ok());
  row.board = "77777";  // another SWV's board: only its form is checked
  EXPECT_TRUE(ValidateSchool("schools[0].", row, Known()).ok());
  row.inside_region = true;
  ExpectInvalid(ValidateSchool("schools[0].", row, Known()).status(), "schools[0].board",
                "UNKNOWN_BOARD");
  row.board = "";
  ExpectInvalid(ValidateSchool("schools[0].", row, Known()).status(), "schools[0].board",
                "REQUIRED");
}

TEST(DirectoryRules, EachSchoolFieldRule) {
  SchoolRow row = ValidSchoolRow();
  row.wijk = "NOORD";
  ExpectInvalid(ValidateSchool("schools[1].", row, Known()).status(), "schools[1].wijk",
                "UNKNOWN_WIJK");
  row = ValidSchoolRow();
  row.kind.reset();
  ExpectInvalid(ValidateSchool("schools[1].", row, Known()).status(), "schools[1].kind",
                "REQUIRED");
  row = ValidSchoolRow();
  row.code = "12AB";
  ExpectInvalid(ValidateSchool("schools[1].", row, Known()).status(), "schools[1].code",
                "MALFORMED_SCHOOL_CODE");
  row = ValidSchoolRow();
  row.municipality = "Schiedam";
  ExpectInvalid(ValidateSchool("schools[1].", row, Known()).status(), "schools[1].municipality",
                "MALFORMED_MUNICIPALITY_CODE");
  row = ValidSchoolRow();
  row.display_name = " ";
  ExpectInvalid(ValidateSchool("schools[1].", row, Known()).status(), "schools[1].display_name",
                "REQUIRED");
}

TEST(DirectoryRules, BoardAndWijkCodes) {
  EXPECT_TRUE(ValidateBoard("boards[0].", BoardRow{"41234", "Stichting Primair"}).ok());
  ExpectInvalid(ValidateBoard("boards[2].", BoardRow{"41 234!", "X"}).status(), "boards[2].code",
                "MALFORMED_BOARD_CODE");
  absl::StatusOr<Wijk> wijk = ValidateWijk("wijken[0].", WijkRow{"sch-oost", "Oost", " gm0606 "});
  ASSERT_TRUE(wijk.ok()) << wijk.status();
  EXPECT_EQ(wijk->code, "SCH-OOST");
  EXPECT_EQ(wijk->municipality, "GM0606");
  ExpectInvalid(ValidateWijk("wijken[1].", WijkRow{"OOST", "Oost", "Schiedam"}).status(),
                "wijken[1].municipality", "MALFORMED_MUNICIPALITY_CODE");
}

// ---- OPP ----------------------------------------------------------------------------------------

OppInput ValidOppInput() {
  OppInput in;
  in.school = "12AB00";
  in.lvs_pupil_number = "LVS-1";
  in.drawn_up_on = "2026-09-01";
  in.start_date = "2026-09-01";
  in.consent = ParentalConsent::kGiven;
  in.consent_date = "2026-09-10";
  return in;
}

TEST(OppRules, ValidOppPasses) {
  absl::StatusOr<ValidOpp> opp = ValidateOpp(ValidOppInput(), kToday);
  ASSERT_TRUE(opp.ok()) << opp.status();
  EXPECT_EQ(opp->consent_date, absl::CivilDay(2026, 9, 10));
}

TEST(OppRules, EachRuleHasItsReason) {
  OppInput in = ValidOppInput();
  in.consent_date = "";
  ExpectInvalid(ValidateOpp(in, kToday).status(), "opp.consent_date", "REQUIRED");
  in = ValidOppInput();
  in.consent = ParentalConsent::kNotAsked;
  ExpectInvalid(ValidateOpp(in, kToday).status(), "opp.consent_date",
                "CONSENT_DATE_WITHOUT_ANSWER");
  in = ValidOppInput();
  in.consent_date = "2026-08-01";
  ExpectInvalid(ValidateOpp(in, kToday).status(), "opp.consent_date", "CONSENT_BEFORE_OPP");
  in = ValidOppInput();
  in.consent.reset();
  ExpectInvalid(ValidateOpp(in, kToday).status(), "opp.consent", "REQUIRED");
  in = ValidOppInput();
  in.end_date = "2026-08-31";
  ExpectInvalid(ValidateOpp(in, kToday).status(), "opp.end_date", "END_BEFORE_START");
  in = ValidOppInput();
  in.drawn_up_on = "2026-12-01";
  in.consent = ParentalConsent::kNotAsked;
  in.consent_date = "";
  ExpectInvalid(ValidateOpp(in, kToday).status(), "opp.drawn_up_on", "DATE_IN_FUTURE");
  in = ValidOppInput();
  in.last_evaluated_on = "2026-08-01";
  ExpectInvalid(ValidateOpp(in, kToday).status(), "opp.last_evaluated_on", "EVALUATION_BEFORE_OPP");
  in = ValidOppInput();
  in.lvs_pupil_number = "123456789";
  ExpectInvalid(ValidateOpp(in, kToday).status(), "opp.lvs_pupil_number", "LOOKS_LIKE_BSN");
}

TEST(OppRules, EvaluationDueAndOverdue) {
  ValidOpp opp = *ValidateOpp(ValidOppInput(), kToday);
  EXPECT_EQ(EvaluationDue(opp), absl::CivilDay(2027, 9, 1));
  EXPECT_FALSE(IsEvaluationOverdue(opp, absl::CivilDay(2027, 9, 1)));  // due day itself: on time
  EXPECT_TRUE(IsEvaluationOverdue(opp, absl::CivilDay(2027, 9, 2)));
  opp.last_evaluated_on = absl::CivilDay(2027, 8, 20);
  EXPECT_EQ(EvaluationDue(opp), absl::CivilDay(2028, 8, 20));
  EXPECT_FALSE(IsEvaluationOverdue(opp, absl::CivilDay(2027, 9, 2)));
  opp.last_evaluated_on.reset();
  opp.end_date = absl::CivilDay(2027, 7, 31);  // ended plans are never overdue
  EXPECT_FALSE(IsEvaluationOverdue(opp, absl::CivilDay(2027, 9, 2)));
}

TEST(OppRules, DrawnUpLateAfterSixWeeksOfEnrolment) {
  ValidOpp opp = *ValidateOpp(ValidOppInput(), kToday);
  EXPECT_FALSE(IsDrawnUpLate(opp));                  // enrolment unknown
  opp.enrolment_date = absl::CivilDay(2026, 7, 21);  // + 42 = 2026-09-01
  EXPECT_FALSE(IsDrawnUpLate(opp));
  opp.enrolment_date = absl::CivilDay(2026, 7, 20);
  EXPECT_TRUE(IsDrawnUpLate(opp));
}

}  // namespace
}  // namespace swv::registrations::directory_opp_test
