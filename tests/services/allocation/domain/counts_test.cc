#include "services/allocation/domain/counts.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/kernel/errors.h"

namespace swv::allocation {
namespace {

using ::testing::ElementsAre;

CountRow Row(std::string school, int64_t pupils) {
  CountRow row;
  row.school = std::move(school);
  row.pupils = pupils;
  return row;
}

TEST(Counts, NormalisesValidRows) {
  CountRow sbo = Row("44sb 00", 50);
  sbo.sbo_pupils = 40;
  auto valid = ValidateCountRows({Row("11AA00", 100), sbo}, 0);
  ASSERT_TRUE(valid.ok()) << valid.status();
  EXPECT_EQ((*valid)[1].school, "44SB00");
  EXPECT_EQ((*valid)[1].sbo_pupils, 40);
}

TEST(Counts, ReportsFieldPathsWithTheIndexInTheWholeImport) {
  CountRow missing;
  missing.school = "11AA00";
  CountRow negative = Row("22BB00", -3);
  CountRow too_many_tlv = Row("33CC00", 2);
  too_many_tlv.so_cat2_pupils = 3;
  CountRow bad_school = Row("1AA00", 1);
  CountRow duplicate = Row("22bb00", 5);
  auto valid = ValidateCountRows({missing, negative, too_many_tlv, bad_school, duplicate}, 17);
  ASSERT_EQ(valid.status().code(), absl::StatusCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(valid.status())) fields.push_back(v.field);
  EXPECT_THAT(fields, ElementsAre("counts[17].pupils", "counts[18].pupils", "counts[19].pupils",
                                  "counts[20].school", "counts[21].school"));
  EXPECT_EQ(ReasonOf(valid.status()), "INVALID_COUNTS");
  EXPECT_EQ(ReasonOf(ValidateCountRows({Row("22BB00", -1)}, 0).status()), "NEGATIVE_COUNT");
}

TEST(Counts, SameSchoolOnSeveralLinesIsFine) {
  CountRow a = Row("11AA00", 10);
  a.line = "leeftijd 4";
  CountRow b = Row("11AA00", 12);
  b.line = "leeftijd 5";
  EXPECT_TRUE(ValidateCountRows({a, b}, 0).ok());
}

TEST(Counts, SchoolsTheDirectoryDoesNotListAreRefusedByRow) {
  const absl::flat_hash_set<std::string> directory = {"11AA00", "22BB00"};
  std::vector<ValidCountRow> rows(3);
  rows[0].school = "11AA00";
  rows[1].school = "33CC00";
  rows[2].school = "22BB00";
  EXPECT_TRUE(CheckSchoolsInDirectory({rows[0], rows[2]}, 0, directory).ok());
  absl::Status status = CheckSchoolsInDirectory(rows, 500, directory);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(status), "SCHOOL_NOT_IN_DIRECTORY");
  ASSERT_EQ(FieldViolationsOf(status).size(), 1u);
  EXPECT_EQ(FieldViolationsOf(status)[0].field, "counts[501].school");
}

TEST(Counts, CapsTheNumberOfReportedViolations) {
  std::vector<CountRow> rows(250, Row("11AA00", -1));
  for (size_t i = 0; i < rows.size(); ++i) rows[i].line = std::to_string(i);
  auto valid = ValidateCountRows(rows, 0);
  std::vector<FieldViolation> violations = FieldViolationsOf(valid.status());
  ASSERT_EQ(violations.size(), kMaxReportedViolations + 1);
  EXPECT_EQ(violations.back().field, "counts");
  EXPECT_THAT(violations.back().description, ::testing::HasSubstr("150 more"));
}

}  // namespace
}  // namespace swv::allocation
