// The request target as the core sees it: decoded path, decoded query pairs in order.
#include "services/gateway/http_wire.h"

#include "gtest/gtest.h"

namespace swv::gateway {
namespace {

using Query = std::vector<std::pair<std::string, std::string>>;

TEST(HttpWireTest, PercentDecodingKeepsWhatIsNotAnEscape) {
  EXPECT_EQ(PercentDecode("a%20b%2Fc", false), "a b/c");
  EXPECT_EQ(PercentDecode("a+b", false), "a+b");
  EXPECT_EQ(PercentDecode("a+b", true), "a b");
  EXPECT_EQ(PercentDecode("100%", false), "100%");
  EXPECT_EQ(PercentDecode("%zz%4", false), "%zz%4");
  EXPECT_EQ(PercentDecode("%c3%a9", false), "\xc3\xa9");
}

TEST(HttpWireTest, TargetsSplitIntoPathAndQuery) {
  std::string path;
  Query query;
  SplitTarget("/api/v1/swvs/PO2203/thuiszitters", &path, &query);
  EXPECT_EQ(path, "/api/v1/swvs/PO2203/thuiszitters");
  EXPECT_TRUE(query.empty());
  SplitTarget("/a%20b?school=12AB&status=OPEN&status=CLOSED&&empty=&flag&q=x%2By+z", &path, &query);
  EXPECT_EQ(path, "/a b");
  EXPECT_EQ(query, (Query{{"school", "12AB"},
                          {"status", "OPEN"},
                          {"status", "CLOSED"},
                          {"empty", ""},
                          {"flag", ""},
                          {"q", "x+y z"}}));
}

}  // namespace
}  // namespace swv::gateway
