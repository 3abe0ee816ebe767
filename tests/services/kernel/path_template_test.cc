#include "services/kernel/path_template.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace swv {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

PathTemplate Parsed(absl::string_view text) {
  absl::StatusOr<PathTemplate> parsed = PathTemplate::Parse(text);
  EXPECT_TRUE(parsed.ok()) << parsed.status();
  return parsed.ok() ? *parsed : PathTemplate();
}

TEST(PathTemplateTest, MultiSegmentVariableBindsTheJoinedSegments) {
  PathTemplate t = Parsed("/api/v1/{parent=swvs/*}/thuiszitters");
  std::vector<PathBinding> bindings;
  ASSERT_TRUE(t.Match("/api/v1/swvs/PO2203/thuiszitters", &bindings));
  EXPECT_THAT(bindings, ElementsAre(Pair("parent", "swvs/PO2203")));
  EXPECT_FALSE(t.Match("/api/v1/swvs/PO2203/thuiszitters/tz-1", &bindings));
  EXPECT_FALSE(t.Match("/api/v1/schools/PO2203/thuiszitters", &bindings));
  EXPECT_FALSE(t.Match("/api/v1/swvs//thuiszitters", &bindings));
  EXPECT_FALSE(t.Match("/api/v1/swvs/PO2203/thuiszitters/", &bindings));
}

TEST(PathTemplateTest, CustomVerbMustBePresentAndKeepsPlainRoutesApart) {
  PathTemplate close = Parsed("/api/v1/{name=swvs/*/thuiszitters/*}:close");
  PathTemplate get = Parsed("/api/v1/{name=swvs/*/thuiszitters/*}");
  std::vector<PathBinding> bindings;
  ASSERT_TRUE(close.Match("/api/v1/swvs/PO2203/thuiszitters/tz-1:close", &bindings));
  EXPECT_THAT(bindings, ElementsAre(Pair("name", "swvs/PO2203/thuiszitters/tz-1")));
  EXPECT_EQ(close.verb(), "close");
  EXPECT_FALSE(close.Match("/api/v1/swvs/PO2203/thuiszitters/tz-1", &bindings));
  EXPECT_FALSE(close.Match("/api/v1/swvs/PO2203/thuiszitters/tz-1:open", &bindings));
  EXPECT_FALSE(get.Match("/api/v1/swvs/PO2203/thuiszitters/tz-1:close", &bindings));
  EXPECT_TRUE(get.Match("/api/v1/swvs/PO2203/thuiszitters/tz-1", &bindings));
}

TEST(PathTemplateTest, NestedFieldPathsBareVariablesAndDoubleStar) {
  PathTemplate settings = Parsed("/api/v1/{settings.name=swvs/*/settings}");
  std::vector<PathBinding> bindings;
  ASSERT_TRUE(settings.Match("/api/v1/swvs/PO2203/settings", &bindings));
  EXPECT_THAT(bindings, ElementsAre(Pair("settings.name", "swvs/PO2203/settings")));

  PathTemplate bare = Parsed("/v1/schools/{school}/pupils/{pupil}");
  ASSERT_TRUE(bare.Match("/v1/schools/12AB00/pupils/LVS-1", &bindings));
  EXPECT_THAT(bindings, ElementsAre(Pair("school", "12AB00"), Pair("pupil", "LVS-1")));

  PathTemplate rest = Parsed("/files/{path=**}");
  ASSERT_TRUE(rest.Match("/files/a/b/c.txt", &bindings));
  EXPECT_THAT(bindings, ElementsAre(Pair("path", "a/b/c.txt")));
  EXPECT_FALSE(rest.Match("/files", &bindings));
}

TEST(PathTemplateTest, SyntaxErrorsAreRefused) {
  for (const char* bad : {"", "api/v1", "/api/{name", "/api/{=x}", "/api/{a={b=*}}", "/api/**/x",
                          "/api/v1/", "/api/x:verb/more", "/api/x}"}) {
    EXPECT_FALSE(PathTemplate::Parse(bad).ok()) << bad;
  }
}

TEST(PathTemplateTest, OpenApiPathNamesEachWildcardAfterItsCollection) {
  std::vector<OpenApiPathParameter> parameters;
  EXPECT_EQ(Parsed("/api/v1/{name=swvs/*/thuiszitters/*}:close").OpenApiPath(&parameters),
            "/api/v1/swvs/{swv}/thuiszitters/{thuiszitter}:close");
  ASSERT_EQ(parameters.size(), 2u);
  EXPECT_EQ(parameters[0].field_path, "name");
  EXPECT_EQ(Parsed("/api/v1/{parent=swvs/*}/wijken:batchUpsert").OpenApiPath(&parameters),
            "/api/v1/swvs/{swv}/wijken:batchUpsert");
  EXPECT_EQ(Parsed("/api/v1/{name=swvs/*/wijken/*}").OpenApiPath(&parameters),
            "/api/v1/swvs/{swv}/wijken/{wijk}");
  EXPECT_EQ(Parsed("/v1/{a=x/*}/{b=x/*}").OpenApiPath(&parameters), "/v1/x/{xId}/x/{xId2}");
}

}  // namespace
}  // namespace swv
