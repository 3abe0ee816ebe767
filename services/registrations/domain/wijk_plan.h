// A wijk's yearly support plan (seeds 000/001: "iedere wijk heeft een jaarplan voor ondersteuning
// op kind-, school- en wijkniveau"; "de wijkplannen zijn afgestemd met de plannen vanuit
// wijkteams inzake jeugdhulp"). The schools and boards of a wijk draw it up together in the wijk's
// meeting; the SWV office records it, one per wijk and calendar year (the years of the SWV's
// goals), and may revise it. What the plan covers is recorded, not its full text: the document
// itself stays where the wijk keeps it.
//
// Pure functions of their arguments; "today" is a parameter. Errors: INVALID_ARGUMENT with one
// FieldViolation per broken rule, all at once (fields prefixed "wijk_plan."). Thread-safe.
#ifndef SWV_SERVICES_REGISTRATIONS_DOMAIN_WIJK_PLAN_H_
#define SWV_SERVICES_REGISTRATIONS_DOMAIN_WIJK_PLAN_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/types/optional.h"

namespace swv::registrations {

struct WijkPlanInput {
  std::string wijk;  // the directory's wijk code
  int year = 0;      // the calendar year the plan is for; 0 = not given
  std::string summary;
  // The levels it plans support on; at least one.
  bool covers_child_level = false;
  bool covers_school_level = false;
  bool covers_wijk_level = false;
  std::string adopted_on;                        // ISO date the wijk's meeting adopted it
  std::string adopted_by;                        // e.g. "wijkoverleg Schiedam-Oost"
  absl::optional<bool> aligned_with_youth_care;  // agreed with the wijkteams' youth-care plans
};

struct WijkPlan {
  std::string wijk;  // upper case
  int year = 0;
  std::string summary;
  bool covers_child_level = false;
  bool covers_school_level = false;
  bool covers_wijk_level = false;
  absl::CivilDay adopted_on;
  std::string adopted_by;
  bool aligned_with_youth_care = false;

  // Child, school and wijk level all covered: what the milestone of 000 asks of every wijk.
  bool CoversEveryLevel() const {
    return covers_child_level && covers_school_level && covers_wijk_level;
  }
  bool operator==(const WijkPlan& other) const;
};

// Rules (reasons):
//  - wijk: required wijk code, 1-32 letters, digits or '-' ("REQUIRED", "MALFORMED_WIJK_CODE");
//    stored upper case. That the directory knows it is the service's check ("UNKNOWN_WIJK").
//  - year: required, 2000 up to next year ("REQUIRED", "OUT_OF_RANGE"): a plan is adopted before
//    or during its year.
//  - summary: required, at most 4000 characters, line breaks allowed ("REQUIRED", "TOO_LONG").
//  - at least one level covered ("NO_LEVEL_COVERED", on field covers_child_level).
//  - adopted_on: required date, not after today ("REQUIRED", "MALFORMED_DATE", "DATE_IN_FUTURE"),
//    not after the plan's year ("ADOPTED_AFTER_YEAR").
//  - adopted_by: required printable text, at most 200 characters.
//  - aligned_with_youth_care: must be stated either way ("REQUIRED").
// Several reasons give "INVALID_WIJK_PLAN".
absl::StatusOr<WijkPlan> ValidateWijkPlan(const WijkPlanInput& input, absl::CivilDay today);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_DOMAIN_WIJK_PLAN_H_
