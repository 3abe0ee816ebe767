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
