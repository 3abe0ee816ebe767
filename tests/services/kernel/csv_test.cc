#include "services/kernel/csv.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace swv {
namespace {

TEST(CsvFieldTest, PlainFieldsStayAsTheyAre) {
  EXPECT_EQ(CsvField("12AB00"), "12AB00");
  EXPECT_EQ(CsvField(""), "");
  EXPECT_EQ(CsvField("a;b 'c'"), "a;b 'c'");
}

TEST(CsvFieldTest, QuotesFieldsWithCommasQuotesOrLineBreaks) {
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\r\nlines"), "\"two\r\nlines\"");
  EXPECT_EQ(CsvField("cr\r"), "\"cr\r\"");
}

TEST(AppendCsvRowTest, JoinsQuotedFieldsAndEndsWithCrLf) {
  std::string out = "h1,h2,h3\r\n";
  AppendCsvRow(&out, std::vector<std::string>{"x", "a,b", ""});
  EXPECT_EQ(out, "h1,h2,h3\r\nx,\"a,b\",\r\n");
}

TEST(AppendCsvRowTest, AnEmptyRowIsALineBreak) {
  std::string out;
  AppendCsvRow(&out, std::vector<std::string>{});
  EXPECT_EQ(out, "\r\n");
}

TEST(AppendCsvRowTest, FieldsHeldElsewhereAreQuotedTheSameWay) {
  const std::string held = "say \"hi\"";
  std::string out;
  const absl::string_view fields[] = {held, "a,b", "", "plain"};
  AppendCsvRow(&out, fields);
  EXPECT_EQ(out, "\"say \"\"hi\"\"\",\"a,b\",,plain\r\n");
}

}  // namespace
}  // namespace swv
