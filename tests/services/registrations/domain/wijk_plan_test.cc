// The wijk plan rules: each broken once (field, reason) and met once.
#include "services/registrations/domain/wijk_plan.h"

#include <string>

#include "gtest/gtest.h"
#include "tests/services/registrations/domain/domain_test_helpers.h"

namespace swv::registrations::wijk_plan_test {
namespace {

const Day kToday(2026, 11, 16);

WijkPlanInput Valid() {
  WijkPlanInput in;
  in.wijk = " w1 ";
  in.year = 2027;
  in.summary = "Reading support per school;\nHB groups shared between the wijk's schools.";
  in.covers_child_level = true;
  in.covers_school_level = true;
  in.covers_wijk_level = true;
  in.adopted_on = "2026-11-10";
  in.adopted_by = "wijkoverleg W1";
  in.aligned_with_youth_care = true;
  return in;
}

TEST(WijkPlanTest, AValidPlanIsNormalised) {
  absl::StatusOr<WijkPlan> plan = ValidateWijkPlan(Valid(), kToday);
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->wijk, "W1");
  EXPECT_EQ(plan->year, 2027);
  EXPECT_TRUE(plan->CoversEveryLevel());
  WijkPlanInput partial = Valid();
  partial.covers_wijk_level = false;
  EXPECT_FALSE(ValidateWijkPlan(partial, kToday)->CoversEveryLevel());
}

TEST(WijkPlanTest, EachRuleNamesItsField) {
  struct Case {
    void (*change)(WijkPlanInput&);
    const char* field;
    const char* reason;
  };
  const Case cases[] = {
      {[](WijkPlanInput& in) { in.wijk = ""; }, "wijk_plan.wijk", "REQUIRED"},
      {[](WijkPlanInput& in) { in.wijk = "W 1"; }, "wijk_plan.wijk", "MALFORMED_WIJK_CODE"},
      {[](WijkPlanInput& in) { in.year = 0; }, "wijk_plan.year", "REQUIRED"},
      {[](WijkPlanInput& in) { in.year = 1999; }, "wijk_plan.year", "OUT_OF_RANGE"},
      {[](WijkPlanInput& in) { in.year = 2028; }, "wijk_plan.year", "OUT_OF_RANGE"},
      {[](WijkPlanInput& in) { in.summary = " "; }, "wijk_plan.summary", "REQUIRED"},
      {[](WijkPlanInput& in) { in.summary = std::string(4001, 'x'); }, "wijk_plan.summary",
       "TOO_LONG"},
      {[](WijkPlanInput& in) {
         in.covers_child_level = in.covers_school_level = in.covers_wijk_level = false;
       },
       "wijk_plan.covers_child_level", "NO_LEVEL_COVERED"},
      {[](WijkPlanInput& in) { in.adopted_on = ""; }, "wijk_plan.adopted_on", "REQUIRED"},
      {[](WijkPlanInput& in) { in.adopted_on = "2026-11-17"; }, "wijk_plan.adopted_on",
       "DATE_IN_FUTURE"},
      {[](WijkPlanInput& in) {
         in.year = 2025;
         in.adopted_on = "2026-01-02";
       },
       "wijk_plan.adopted_on", "ADOPTED_AFTER_YEAR"},
      {[](WijkPlanInput& in) { in.adopted_by = ""; }, "wijk_plan.adopted_by", "REQUIRED"},
      {[](WijkPlanInput& in) { in.aligned_with_youth_care.reset(); },
       "wijk_plan.aligned_with_youth_care", "REQUIRED"},
  };
  for (const Case& c : cases) {
    WijkPlanInput in = Valid();
    c.change(in);
    ExpectInvalid(ValidateWijkPlan(in, kToday).status(), c.field, c.reason);
  }
}

TEST(WijkPlanTest, APlanMayBeAdoptedTheYearBefore) {
  WijkPlanInput in = Valid();
  in.year = 2026;
  in.adopted_on = "2026-12-31";
  EXPECT_EQ(ValidateWijkPlan(in, Day(2027, 1, 5)).status().code(), absl::StatusCode::kOk);
  in.adopted_on = "2025-12-01";
  EXPECT_TRUE(ValidateWijkPlan(in, kToday).ok());
}

}  // namespace
}  // namespace swv::registrations::wijk_plan_test
