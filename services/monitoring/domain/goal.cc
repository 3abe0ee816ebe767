#include "services/monitoring/domain/goal.h"

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/kernel/enum_names.h"
#include "services/monitoring/domain/fixed_point.h"
#include "services/monitoring/domain/indicators.h"

namespace swv::monitoring {
namespace {

constexpr size_t kMaxText = 500;
constexpr int kFirstYear = 2000;
constexpr int kLastYear = 2100;

bool ValidId(absl::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!(absl::ascii_islower(static_cast<unsigned char>(c)) ||
          absl::ascii_isdigit(static_cast<unsigned char>(c)) || c == '-')) {
      return false;
    }
  }
  return true;
}

bool Printable(absl::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) return false;
  }
  return true;
}

void CheckText(std::vector<FieldViolation>& out, absl::string_view field, absl::string_view text,
               bool required) {
  if (text.empty()) {
    if (required) out.push_back({std::string(field), "is required"});
    return;
  }
  if (text.size() > kMaxText) {
    out.push_back({std::string(field), absl::StrCat("at most ", kMaxText, " characters")});
  } else if (!Printable(text)) {
    out.push_back({std::string(field), "must be one line of printable text"});
  }
}

}  // namespace

const YearTarget* Goal::TargetFor(int year) const {
  for (const YearTarget& t : targets) {
    if (t.year == year) return &t;
  }
  return nullptr;
}

bool Goal::MeasuredAt(Level level) const {
  return std::find(levels.begin(), levels.end(), level) != levels.end();
}

bool Goal::operator==(const Goal& o) const {
  return id == o.id && kind == o.kind && theme == o.theme && indicator == o.indicator &&
         direction == o.direction && unit == o.unit && levels == o.levels &&
         computed_indicator == o.computed_indicator && targets == o.targets && note == o.note &&
         origin == o.origin;
}

std::vector<FieldViolation> ValidateGoal(const Goal& goal) {
  std::vector<FieldViolation> out;
  if (!ValidId(goal.id)) out.push_back({"id", "1-64 of lower-case letters, digits and '-'"});
  CheckText(out, "theme", goal.theme, /*required=*/true);
  CheckText(out, "indicator", goal.indicator, /*required=*/true);
  CheckText(out, "note", goal.note, /*required=*/false);
  CheckText(out, "origin", goal.origin, /*required=*/false);
  if (goal.levels.empty()) {
    out.push_back({"levels", "at least one of swv, wijk, board, school"});
  } else {
    std::set<Level> seen(goal.levels.begin(), goal.levels.end());
    if (seen.size() != goal.levels.size()) out.push_back({"levels", "a level is listed twice"});
  }
  const IndicatorDefinition* indicator = nullptr;
  if (goal.computed()) {
    indicator = FindIndicator(goal.computed_indicator);
    if (goal.kind == GoalKind::kMilestone) {
      out.push_back(
          {"computed_indicator", "a milestone is reported done or not done, never computed"});
    } else if (indicator == nullptr) {
      std::vector<std::string> names;
      for (const IndicatorDefinition& d : Indicators()) names.push_back(d.name);
      out.push_back(
          {"computed_indicator", absl::StrCat("unknown indicator \"", goal.computed_indicator,
                                              "\"; known: ", absl::StrJoin(names, ", "))});
    } else {
      if (indicator->unit != goal.unit) {
        out.push_back({"unit", absl::StrCat("indicator ", indicator->name, " is measured in ",
                                            UnitName(indicator->unit))});
      }
      for (Level level : goal.levels) {
        if (std::find(indicator->levels.begin(), indicator->levels.end(), level) ==
            indicator->levels.end()) {
          out.push_back(
              {"levels", absl::StrCat("indicator ", indicator->name,
                                      " cannot be computed at level ", LevelName(level))});
        }
      }
    }
  }
  if (goal.targets.empty()) out.push_back({"targets", "at least one year"});
  if (goal.kind == GoalKind::kMilestone &&
      (goal.targets.size() != 1 || goal.targets[0].kind != TargetKind::kMilestone)) {
    out.push_back({"targets", "a milestone has exactly one year"});
  }
  int previous_year = 0;
  for (size_t i = 0; i < goal.targets.size(); ++i) {
    const YearTarget& t = goal.targets[i];
    const std::string field = absl::StrCat("targets[", i, "]");
    if (t.year < kFirstYear || t.year > kLastYear) {
      out.push_back({field, absl::StrCat("year must lie in ", kFirstYear, "-", kLastYear)});
    } else if (t.year <= previous_year) {
      out.push_back({field, absl::StrCat("year ", t.year, " is not after ", previous_year,
                                         " (one target per year, ascending)")});
    }
    previous_year = std::max(previous_year, t.year);
    switch (t.kind) {
      case TargetKind::kValue:
        if (goal.unit == Unit::kPercent && (t.value_e4 < 0 || t.value_e4 > 100 * kE4)) {
          out.push_back({field, "a percentage lies in 0-100"});
        } else if (t.value_e4 < 0) {
          out.push_back({field, "a target is not negative"});
        }
        break;
      case TargetKind::kNationalFigure:
        if (t.national_figure != "sbo" && t.national_figure != "so" &&
            t.national_figure != "total") {
          out.push_back({field, "the national figure is sbo, so or total"});
        } else if (indicator == nullptr || !indicator->compares_with_national_figure) {
          out.push_back({field, "only participation indicators have a national figure as target"});
        }
        break;
      case TargetKind::kMilestone:
        CheckText(out, field, t.milestone, /*required=*/true);
        break;
      case TargetKind::kTracked:
        if (goal.kind == GoalKind::kMilestone) out.push_back({field, "a milestone has a text"});
        break;
    }
  }
  return out;
}

std::vector<FieldViolation> ValidateGoalSet(const GoalSet& set) {
  std::vector<FieldViolation> out;
  std::set<std::string> ids;
  for (size_t i = 0; i < set.goals.size(); ++i) {
    for (FieldViolation& v : ValidateGoal(set.goals[i])) {
      out.push_back({absl::StrCat("goals[", i, "].", v.field), v.description});
    }
    if (!ids.insert(set.goals[i].id).second) {
      out.push_back({absl::StrCat("goals[", i, "].id"),
                     absl::StrCat("goal id \"", set.goals[i].id, "\" is used twice")});
    }
  }
  if (set.goals.empty()) out.push_back({"goals", "a goal set has at least one goal"});
  return out;
}

constexpr EnumName<Direction> kDirectionNames[] = {
    {Direction::kAtLeast, "at_least"},
    {Direction::kAtMost, "at_most"},
    {Direction::kExactly, "exactly"},
};

const char* DirectionName(Direction direction) { return NameOf(kDirectionNames, direction, ""); }

constexpr EnumName<Unit> kUnitNames[] = {
    {Unit::kPercent, "percent"},
    {Unit::kCount, "count"},
    {Unit::kScore, "score"},
    {Unit::kDays, "days"},
    {Unit::kPer1000Pupils, "per_1000_pupils"},
};

const char* UnitName(Unit unit) { return NameOf(kUnitNames, unit, ""); }

constexpr EnumName<Level> kLevelNames[] = {
    {Level::kSwv, "swv"},
    {Level::kWijk, "wijk"},
    {Level::kBoard, "board"},
    {Level::kSchool, "school"},
};

const char* LevelName(Level level) { return NameOf(kLevelNames, level, ""); }

absl::optional<Direction> ParseDirection(absl::string_view text) {
  return ValueOf(kDirectionNames, text);
}

absl::optional<Unit> ParseUnit(absl::string_view text) { return ValueOf(kUnitNames, text); }

absl::optional<Level> ParseLevel(absl::string_view text) { return ValueOf(kLevelNames, text); }

std::string FormatValue(Unit unit, int64_t value_e4) {
  const std::string number = FormatE4(value_e4);
  switch (unit) {
    case Unit::kPercent:
      return absl::StrCat(number, "%");
    case Unit::kCount:
    case Unit::kScore:
      return number;
    case Unit::kDays:
      return absl::StrCat(number, " days");
    case Unit::kPer1000Pupils:
      return absl::StrCat(number, " per 1,000 pupils");
  }
  return number;
}

}  // namespace swv::monitoring
