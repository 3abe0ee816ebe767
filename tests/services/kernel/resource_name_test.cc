// Resource names read with the route template code.
#include "services/kernel/resource_name.h"

#include "gtest/gtest.h"
#include "services/kernel/errors.h"

namespace swv {
namespace {

TEST(ResourceNameTest, TheIdsStandWhereTheShapeHasStars) {
  absl::StatusOr<std::vector<std::string>> ids =
      ResourceNameIds("name", "swvs/PO2203/goals/g-1", "swvs/*/goals/*");
  ASSERT_TRUE(ids.ok()) << ids.status();
  EXPECT_EQ(*ids, (std::vector<std::string>{"PO2203", "g-1"}));
  EXPECT_EQ(*ResourceNameIds("parent", "swvs/PO2203", "swvs/*"),
            std::vector<std::string>{"PO2203"});
}

TEST(ResourceNameTest, AnythingElseIsMalformedNamingTheFieldAndTheShape) {
  for (const char* bad : {"", "swvs/PO2203", "swvs//goals/g1", "swvs/PO2203/goals/g1/x",
                          "swvs/PO2203/reports/g1", "/swvs/PO2203/goals/g1"}) {
    absl::Status status = ResourceNameIds("goal.name", bad, "swvs/*/goals/*").status();
    EXPECT_EQ(ReasonOf(status), "MALFORMED_NAME") << bad;
    ASSERT_EQ(FieldViolationsOf(status).size(), 1u) << bad;
    EXPECT_EQ(FieldViolationsOf(status)[0].field, "goal.name");
    EXPECT_EQ(FieldViolationsOf(status)[0].description,
              "must look like \"swvs/{swv}/goals/{goal}\"");
  }
}

}  // namespace
}  // namespace swv
