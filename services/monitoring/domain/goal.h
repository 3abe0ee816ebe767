// The goal model of the doelenboom (an SWV's tree of goals per calendar year, seeds 000/001 and
// the programme lines of 004): what is measured, in which direction, in which unit, at which
// levels, where the value comes from, and the target of each year.
//
// Validation lists every broken rule at once as FieldViolations whose field names are the goal's
// own keys ("direction", "targets[2]", "computed_indicator"), so the goal file parser can map them
// to its lines and the API adapter to request paths. Thread-safe: values only.
#ifndef SWV_SERVICES_MONITORING_DOMAIN_GOAL_H_
#define SWV_SERVICES_MONITORING_DOMAIN_GOAL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/optional.h"
#include "services/kernel/errors.h"

namespace swv::monitoring {

enum class GoalKind { kIndicator, kMilestone };
enum class Direction { kAtLeast, kAtMost, kExactly };
enum class Unit { kPercent, kCount, kScore, kDays, kPer1000Pupils };
// Ordered from the whole SWV down to one school location.
enum class Level { kSwv, kWijk, kBoard, kSchool };

enum class TargetKind {
  kValue,           // value_e4 in the goal's unit
  kNationalFigure,  // the national participation figure of the year ("sbo", "so", "total")
  kMilestone,       // no number this year: a text, reported done / not done
  kTracked,         // measured and shown, no target this year
};

struct YearTarget {
  int year = 0;
  TargetKind kind = TargetKind::kValue;
  int64_t value_e4 = 0;
  std::string national_figure;
  std::string milestone;

  bool operator==(const YearTarget& o) const {
    return year == o.year && kind == o.kind && value_e4 == o.value_e4 &&
           national_figure == o.national_figure && milestone == o.milestone;
  }
};

struct Goal {
  std::string id;  // 1-64 of [a-z0-9-]
  GoalKind kind = GoalKind::kIndicator;
  std::string theme;
  std::string indicator;  // what is measured, or (milestones) what must be done
  Direction direction = Direction::kAtLeast;
  Unit unit = Unit::kPercent;
  std::vector<Level> levels;
  // Empty for reported goals; else the name of the indicator function (indicators.h).
  std::string computed_indicator;
  std::vector<YearTarget> targets;  // sorted by year, one per year
  std::string note;
  std::string origin;

  bool computed() const { return !computed_indicator.empty(); }
  const YearTarget* TargetFor(int year) const;
  bool MeasuredAt(Level level) const;
  bool operator==(const Goal& o) const;
};

struct GoalSet {
  std::string name;  // "<swv dir>/<version>", e.g. "po2203/2026-2029"
  std::string title;
  std::vector<Goal> goals;
};

// Every broken rule of the goal: id form, texts present and short enough, levels (at least one,
// no duplicates), a computed indicator that exists, has the goal's unit and supports its levels,
// targets (years 2000-2100, ascending and unique, national figures only for participation
// indicators, milestone texts present). Milestone goals have exactly one milestone target.
std::vector<FieldViolation> ValidateGoal(const Goal& goal);

// The same for a set: every goal, plus unique ids (fields "goals[<i>].<field>").
std::vector<FieldViolation> ValidateGoalSet(const GoalSet& set);

// Names as written in goal files and shown in reports.
const char* DirectionName(Direction direction);  // at_least, at_most, exactly
const char* UnitName(Unit unit);                 // percent, count, score, days, per_1000_pupils
const char* LevelName(Level level);              // swv, wijk, board, school
absl::optional<Direction> ParseDirection(absl::string_view text);
absl::optional<Unit> ParseUnit(absl::string_view text);
absl::optional<Level> ParseLevel(absl::string_view text);

// "47.5%", "7.5", "12 days", "2.5 per 1,000 pupils".
std::string FormatValue(Unit unit, int64_t value_e4);

}  // namespace swv::monitoring

#endif  // SWV_SERVICES_MONITORING_DOMAIN_GOAL_H_
