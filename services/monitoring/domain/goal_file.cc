#include "services/monitoring/domain/goal_file.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/kernel/errors.h"
#include "services/monitoring/domain/fixed_point.h"

namespace swv::monitoring {
namespace {

// A goal as it is being read, with the line of every key for error messages.
struct PendingGoal {
  Goal goal;
  int header_line = 0;
  std::map<std::string, int> key_lines;  // "direction" -> line
  std::vector<int> target_lines;         // parallel to goal.targets
  bool has_source = false;
};

// Strips a trailing "  # comment" (a '#' preceded by whitespace); a '#' inside a word stays.
absl::string_view StripComment(absl::string_view line) {
  for (size_t i = 1; i < line.size(); ++i) {
    if (line[i] == '#' && (line[i - 1] == ' ' || line[i - 1] == '\t')) return line.substr(0, i);
  }
  return line;
}

class Parser {
 public:
  explicit Parser(bool require_header) : require_header_(require_header) {}

  void Feed(absl::string_view text) {
    int line_number = 0;
    for (absl::string_view raw : absl::StrSplit(text, '\n')) {
      ++line_number;
      absl::string_view line = absl::StripAsciiWhitespace(raw);
      if (line.empty() || line[0] == '#') continue;
      line = absl::StripAsciiWhitespace(StripComment(line));
      if (line.front() == '[') {
        Section(line_number, line);
        continue;
      }
      std::vector<absl::string_view> sides = absl::StrSplit(line, absl::MaxSplits('=', 1));
      if (sides.size() != 2) {
        Error(line_number, "expected \"key = value\" or a section \"[goal <id>]\"");
        continue;
      }
      const std::string key(absl::StripAsciiWhitespace(sides[0]));
      const std::string value(absl::StripAsciiWhitespace(sides[1]));
      if (goals_.empty()) {
        Header(line_number, key, value);
      } else {
        Key(line_number, key, value);
      }
    }
  }

  // Runs the goal rules and collects everything.
  std::vector<FieldViolation> Finish() {
    if (require_header_ && set_.name.empty()) Error(1, "goal_set = <swv>/<version> is required");
    for (PendingGoal& pending : goals_) {
      const Goal& goal = pending.goal;
      if (goal.kind == GoalKind::kIndicator && !pending.has_source) {
        Error(pending.header_line,
              "source: is required (\"computed <indicator>\" or \"reported\")");
      }
      for (const FieldViolation& v : ValidateGoal(goal)) {
        int line = pending.header_line;
        std::string key = v.field;
        if (absl::StartsWith(v.field, "targets[")) {
          size_t index = 0;
          if (absl::SimpleAtoi(v.field.substr(8, v.field.size() - 9), &index) &&
              index < pending.target_lines.size()) {
            line = pending.target_lines[index];
            key = absl::StrCat("target ", goal.targets[index].year);
          }
        } else {
          if (v.field == "computed_indicator") key = "source";
          auto it = pending.key_lines.find(key);
          if (it != pending.key_lines.end()) line = it->second;
        }
        if (v.field == "id") key = absl::StrCat("[", KindWord(goal.kind), " ", goal.id, "]");
        Error(line, absl::StrCat(key, ": ", v.description));
      }
    }
    std::map<std::string, int> seen;
    for (const PendingGoal& pending : goals_) {
      auto [it, inserted] = seen.emplace(pending.goal.id, pending.header_line);
      if (!inserted) {
        Error(pending.header_line, absl::StrCat("goal id \"", pending.goal.id,
                                                "\" is already used on line ", it->second));
      }
      set_.goals.push_back(pending.goal);
    }
    if (require_header_ && goals_.empty())
      Error(1, "the file has no [goal ...] or [milestone ...] section");
    std::stable_sort(errors_.begin(), errors_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<FieldViolation> out;
    for (auto& [line, message] : errors_)
      out.push_back({"", absl::StrCat("line ", line, ": ", message)});
    return out;
  }

  GoalSet& set() { return set_; }

 private:
  static const char* KindWord(GoalKind kind) {
    return kind == GoalKind::kMilestone ? "milestone" : "goal";
  }

  void Error(int line, std::string message) { errors_.emplace_back(line, std::move(message)); }

  void Section(int line_number, absl::string_view line) {
    if (line.back() != ']') {
      Error(line_number, "a section looks like \"[goal <id>]\" or \"[milestone <id>]\"");
      return;
    }
    std::vector<absl::string_view> words =
        absl::StrSplit(line.substr(1, line.size() - 2), ' ', absl::SkipWhitespace());
    if (words.size() != 2 || (words[0] != "goal" && words[0] != "milestone")) {
      Error(line_number, "a section looks like \"[goal <id>]\" or \"[milestone <id>]\"");
      // Keep reading the keys into a throwaway goal so they do not end up in the previous one.
      goals_.emplace_back();
      goals_.back().header_line = line_number;
      goals_.back().goal.id = "invalid-section";
      goals_.back().has_source = true;
      return;
    }
    PendingGoal pending;
    pending.header_line = line_number;
    pending.goal.id = std::string(words[1]);
    if (words[0] == "milestone") {
      pending.goal.kind = GoalKind::kMilestone;
      pending.goal.direction = Direction::kExactly;
      pending.goal.unit = Unit::kCount;
      pending.goal.levels = {Level::kSwv};
      pending.has_source = true;
    }
    goals_.push_back(std::move(pending));
  }

  void Header(int line_number, const std::string& key, const std::string& value) {
    if (key == "goal_set") {
      std::vector<absl::string_view> parts = absl::StrSplit(value, '/');
      if (parts.size() != 2 || parts[0].empty() || parts[1].empty()) {
        Error(line_number, "goal_set: looks like \"<swv>/<version>\", e.g. \"po2203/2026-2029\"");
      }
      set_.name = value;
    } else if (key == "title") {
      set_.title = value;
    } else {
      Error(line_number,
            absl::StrCat("unknown key \"", key, "\" before the first section (goal_set, title)"));
    }
  }

  void Key(int line_number, const std::string& key, const std::string& value) {
    PendingGoal& pending = goals_.back();
    Goal& goal = pending.goal;
    const bool milestone = goal.kind == GoalKind::kMilestone;
    if (absl::StartsWith(key, "target ")) {
      if (milestone) {
        Error(line_number, "a milestone has \"year = <year>\", not targets");
        return;
      }
      Target(line_number, key.substr(7), value);
      return;
    }
    if (pending.key_lines.count(key) > 0) {
      Error(line_number,
            absl::StrCat(key, ": given twice (first on line ", pending.key_lines[key], ")"));
      return;
    }
    pending.key_lines[key] = line_number;
    if (key == "theme") {
      goal.theme = value;
    } else if (key == "indicator") {
      goal.indicator = value;
      if (milestone && !goal.targets.empty()) goal.targets[0].milestone = value;
    } else if (key == "note") {
      goal.note = value;
    } else if (key == "origin") {
      goal.origin = value;
    } else if (key == "levels") {
      goal.levels.clear();
      for (absl::string_view word : absl::StrSplit(value, ',', absl::SkipWhitespace())) {
        word = absl::StripAsciiWhitespace(word);
        absl::optional<Level> level = ParseLevel(word);
        if (!level) {
          Error(line_number,
                absl::StrCat("levels: \"", word, "\" is not one of swv, wijk, board, school"));
        } else {
          goal.levels.push_back(*level);
        }
      }
    } else if (key == "direction" && !milestone) {
      absl::optional<Direction> direction = ParseDirection(value);
      if (!direction) {
        Error(line_number,
              absl::StrCat("direction: \"", value, "\" is not at_least, at_most or exactly"));
      } else {
        goal.direction = *direction;
      }
    } else if (key == "unit" && !milestone) {
      absl::optional<Unit> unit = ParseUnit(value);
      if (!unit) {
        Error(line_number,
              absl::StrCat("unit: \"", value,
                           "\" is not percent, count, score, days or per_1000_pupils"));
      } else {
        goal.unit = *unit;
      }
    } else if (key == "source" && !milestone) {
      pending.has_source = true;
      std::vector<absl::string_view> words = absl::StrSplit(value, ' ', absl::SkipWhitespace());
      if (words.size() == 1 && words[0] == "reported") {
        goal.computed_indicator.clear();
      } else if (words.size() == 2 && words[0] == "computed") {
        goal.computed_indicator = std::string(words[1]);
      } else {
        Error(line_number, "source: \"reported\" or \"computed <indicator>\"");
      }
    } else if (key == "year" && milestone) {
      int year = 0;
      if (!absl::SimpleAtoi(value, &year)) {
        Error(line_number, absl::StrCat("year: \"", value, "\" is not a year"));
        return;
      }
      pending.target_lines = {line_number};
      goal.targets = {YearTarget{year, TargetKind::kMilestone, 0, "", goal.indicator}};
    } else {
      Error(line_number,
            absl::StrCat("unknown key \"", key, "\" in a ", KindWord(goal.kind), " section"));
    }
  }

  void Target(int line_number, absl::string_view year_text, const std::string& value) {
    PendingGoal& pending = goals_.back();
    YearTarget target;
    if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(year_text), &target.year)) {
      Error(line_number, absl::StrCat("\"target ", year_text, "\": the year must be a number"));
      return;
    }
    if (value == "tracked") {
      target.kind = TargetKind::kTracked;
    } else if (absl::StartsWith(value, "national ")) {
      target.kind = TargetKind::kNationalFigure;
      target.national_figure =
          std::string(absl::StripAsciiWhitespace(absl::string_view(value).substr(9)));
    } else if (absl::StartsWith(value, "milestone")) {
      target.kind = TargetKind::kMilestone;
      target.milestone =
          std::string(absl::StripAsciiWhitespace(absl::string_view(value).substr(9)));
    } else {
      absl::StatusOr<int64_t> number = ParseDecimalE4(value);
      if (!number.ok()) {
        Error(line_number,
              absl::StrCat("target ", target.year, ": ", number.status().message(),
                           " (or \"national sbo|so|total\", \"milestone <text>\", \"tracked\")"));
        return;
      }
      target.value_e4 = *number;
    }
    pending.goal.targets.push_back(std::move(target));
    pending.target_lines.push_back(line_number);
  }

  bool require_header_;
  GoalSet set_;
  std::vector<PendingGoal> goals_;
  std::vector<std::pair<int, std::string>> errors_;
};

std::string TargetText(const YearTarget& t) {
  switch (t.kind) {
    case TargetKind::kValue:
      return FormatE4(t.value_e4);
    case TargetKind::kNationalFigure:
      return absl::StrCat("national ", t.national_figure);
    case TargetKind::kMilestone:
      return absl::StrCat("milestone ", t.milestone);
    case TargetKind::kTracked:
      return "tracked";
  }
  return "";
}

}  // namespace

absl::StatusOr<GoalSet> ParseGoalFile(absl::string_view text, absl::string_view field) {
  Parser parser(/*require_header=*/true);
  parser.Feed(text);
  std::vector<FieldViolation> errors = parser.Finish();
  if (!errors.empty()) {
    for (FieldViolation& e : errors) e.field = std::string(field);
    return InvalidFields("INVALID_GOAL_FILE", errors);
  }
  return std::move(parser.set());
}

absl::StatusOr<Goal> ParseGoalSection(absl::string_view text) {
  Parser parser(/*require_header=*/false);
  parser.Feed(text);
  std::vector<FieldViolation> errors = parser.Finish();
  if (!errors.empty()) {
    for (FieldViolation& e : errors) e.field = "goal";
    return InvalidFields("INVALID_GOAL", errors);
  }
  if (parser.set().goals.size() != 1) {
    return InvalidField("goal", "INVALID_GOAL", "expected exactly one goal section");
  }
  return parser.set().goals[0];
}

std::string FormatGoal(const Goal& goal) {
  std::vector<std::string> lines;
  const bool milestone = goal.kind == GoalKind::kMilestone;
  lines.push_back(absl::StrCat("[", milestone ? "milestone " : "goal ", goal.id, "]"));
  lines.push_back(absl::StrCat("theme = ", goal.theme));
  lines.push_back(absl::StrCat("indicator = ", goal.indicator));
  std::vector<std::string> levels;
  for (Level level : goal.levels) levels.push_back(LevelName(level));
  lines.push_back(absl::StrCat("levels = ", absl::StrJoin(levels, ", ")));
  if (milestone) {
    if (!goal.targets.empty()) lines.push_back(absl::StrCat("year = ", goal.targets[0].year));
  } else {
    lines.push_back(absl::StrCat("direction = ", DirectionName(goal.direction)));
    lines.push_back(absl::StrCat("unit = ", UnitName(goal.unit)));
    lines.push_back(goal.computed() ? absl::StrCat("source = computed ", goal.computed_indicator)
                                    : "source = reported");
    for (const YearTarget& t : goal.targets) {
      lines.push_back(absl::StrCat("target ", t.year, " = ", TargetText(t)));
    }
  }
  if (!goal.note.empty()) lines.push_back(absl::StrCat("note = ", goal.note));
  if (!goal.origin.empty()) lines.push_back(absl::StrCat("origin = ", goal.origin));
  return absl::StrCat(absl::StrJoin(lines, "\n"), "\n");
}

}  // namespace swv::monitoring
