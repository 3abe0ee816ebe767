#include "services/registrations/domain/wijk_plan.h"

#include "absl/strings/str_cat.h"
#include "services/kernel/identifiers.h"
#include "services/registrations/domain/validation.h"

namespace swv::registrations {
namespace {

constexpr std::size_t kMaxWijkCode = 32;
constexpr std::size_t kMaxSummary = 4000;
constexpr std::size_t kMaxAdoptedBy = 200;
constexpr int kFirstYear = 2000;

}  // namespace

bool WijkPlan::operator==(const WijkPlan& other) const {
  return wijk == other.wijk && year == other.year && summary == other.summary &&
         covers_child_level == other.covers_child_level &&
         covers_school_level == other.covers_school_level &&
         covers_wijk_level == other.covers_wijk_level && adopted_on == other.adopted_on &&
         adopted_by == other.adopted_by && aligned_with_youth_care == other.aligned_with_youth_care;
}

absl::StatusOr<WijkPlan> ValidateWijkPlan(const WijkPlanInput& input, absl::CivilDay today) {
  Violations violations("wijk_plan.");
  WijkPlan out;
  CheckCode(violations, "wijk", input.wijk, kMaxWijkCode, "MALFORMED_WIJK_CODE",
            "the wijk's code in the directory, e.g. \"SCH-OOST\"", out.wijk);
  const int last_year = static_cast<int>(today.year()) + 1;
  bool year_ok = false;
  if (input.year == 0) {
    violations.Add("year", "REQUIRED", "is required: the calendar year the plan is for");
  } else if (input.year < kFirstYear || input.year > last_year) {
    violations.Add(
        "year", "OUT_OF_RANGE",
        absl::StrCat("must be from ", kFirstYear, " to ", last_year, ", got ", input.year));
  } else {
    out.year = input.year;
    year_ok = true;
  }
  CheckText(violations, "summary", input.summary, true, kMaxSummary,
            "what the wijk plans, in a few paragraphs", out.summary, /*allow_line_breaks=*/true);
  out.covers_child_level = input.covers_child_level;
  out.covers_school_level = input.covers_school_level;
  out.covers_wijk_level = input.covers_wijk_level;
  if (!out.covers_child_level && !out.covers_school_level && !out.covers_wijk_level) {
    violations.Add("covers_child_level", "NO_LEVEL_COVERED",
                   "a plan covers support at the child, school or wijk level, at least one");
  }
  if (CheckRequiredPastDate(violations, "adopted_on", input.adopted_on, today,
                            "the day the wijk's meeting adopted the plan", out.adopted_on) &&
      year_ok && out.adopted_on.year() > out.year) {
    violations.Add("adopted_on", "ADOPTED_AFTER_YEAR",
                   absl::StrCat("must not be after the plan's year ", out.year, ", got ",
                                FormatDate(out.adopted_on)));
  }
  CheckText(violations, "adopted_by", input.adopted_by, true, kMaxAdoptedBy,
            "who adopted it, e.g. \"wijkoverleg Schiedam-Oost\"", out.adopted_by);
  CheckRequired(violations, "aligned_with_youth_care", input.aligned_with_youth_care,
                "say whether the plan is agreed with the wijkteams' youth-care "
                "plans; true or false",
                out.aligned_with_youth_care);
  if (!violations.empty()) return violations.ToStatus("INVALID_WIJK_PLAN");
  return out;
}

}  // namespace swv::registrations
