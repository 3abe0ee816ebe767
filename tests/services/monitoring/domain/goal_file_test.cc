#include "services/monitoring/domain/goal_file.h"

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/monitoring/domain/indicators.h"
#include "services/monitoring/domain/national.h"

namespace swv::monitoring {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

std::string ReadRepoFile(const std::string& path) {
  std::ifstream in(absl::StrCat(SWV_SOURCE_DIR, "/", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<std::string> Errors(const absl::Status& status) {
  std::vector<std::string> out;
  for (const FieldViolation& v : FieldViolationsOf(status)) out.push_back(v.description);
  return out;
}

constexpr char kHeader[] = "goal_set = test/1\n";

TEST(GoalFileTest, LoadsTheOnderwijsDatPastDoelenboomCompletely) {
  absl::StatusOr<GoalSet> set =
      ParseGoalFile(ReadRepoFile("data/goals/onderwijs-dat-past/2023-2027.goals"));
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_EQ(set->name, "onderwijs-dat-past/2023-2027");
  int indicators = 0;
  int milestones = 0;
  for (const Goal& goal : set->goals)
    (goal.kind == GoalKind::kMilestone ? milestones : indicators)++;
  // The 16 rows of the table in the domain README and the two newcomer-school percentages of
  // seed 000 that the table leaves out.
  EXPECT_EQ(indicators, 18);
  EXPECT_GE(milestones, 3);
  // The milestones the domain README names.
  std::set<std::string> milestone_texts;
  for (const Goal& goal : set->goals) {
    if (goal.kind == GoalKind::kMilestone) milestone_texts.insert(goal.indicator);
  }
  EXPECT_EQ(milestone_texts.count("Er wordt gewerkt met wijkbudgetten"), 1u);
  EXPECT_EQ(
      milestone_texts.count(
          "Iedere wijk heeft een jaarplan voor ondersteuning op kind-, school- en wijkniveau"),
      1u);
  // Spot checks against the seed: SLB level 3 in 2026 is 47.5%, reading level 2027 is 2.6, the
  // 2023 "mapped" year is a milestone, BBP has no 2023/2024 target.
  for (const Goal& goal : set->goals) {
    if (goal.id == "slb-interventieniveau-3") {
      EXPECT_EQ(goal.TargetFor(2026)->value_e4, 475000);
    }
    if (goal.id == "interventieniveau-leesonderwijs") {
      EXPECT_EQ(goal.TargetFor(2027)->value_e4, 26000);
      EXPECT_EQ(goal.unit, Unit::kScore);
      EXPECT_EQ(goal.TargetFor(2023)->kind, TargetKind::kMilestone);
    }
    if (goal.id == "so-tlv-op-mdo-in-regio") {
      EXPECT_EQ(goal.TargetFor(2023)->kind, TargetKind::kMilestone);
    }
    if (goal.id == "bbp-uitstroom-binnen-2-jaar") {
      EXPECT_EQ(goal.TargetFor(2024), nullptr);
      EXPECT_EQ(goal.TargetFor(2025)->value_e4, 400000);
    }
    if (goal.id == "thuiszitters-geen-passende-plek") {
      EXPECT_EQ(goal.direction, Direction::kExactly);
      EXPECT_EQ(goal.computed_indicator, "thuiszitters_no_suitable_school_place");
      EXPECT_EQ(goal.TargetFor(2024)->value_e4, 0);
    }
  }
}

// Seed 000 section by section (docs/monitoring.md, "The shipped goal sets"): the two
// newcomer-school percentages with exactly the seed's years, and one milestone per bullet that is
// neither a number nor the milestone year of a goal.
TEST(GoalFileTest, OnderwijsDatPastHasEveryGoalOfSeed000Once) {
  absl::StatusOr<GoalSet> set =
      ParseGoalFile(ReadRepoFile("data/goals/onderwijs-dat-past/2023-2027.goals"));
  ASSERT_TRUE(set.ok()) << set.status();
  std::set<std::string> ids;
  for (const Goal& goal : set->goals) EXPECT_TRUE(ids.insert(goal.id).second) << goal.id;
  EXPECT_EQ(ids.size(), set->goals.size());

  // "Het begeleiden van HB-leerlingen ... wordt op X% van de scholen planmatig structureel en
  // correct gedaan" (2025-2027) and "Planmatig structureel en correct signaleren en begeleiden van
  // anderstaligen lukt op X% ..." (2026-2027); no target in the other years.
  const std::map<std::string, std::map<int, int64_t>> percentages = {
      {"nieuwkomersscholen-begeleiden-hb", {{2025, 500000}, {2026, 600000}, {2027, 700000}}},
      {"nieuwkomersscholen-anderstaligen-signaleren-begeleiden", {{2026, 500000}, {2027, 600000}}},
  };
  for (const auto& [id, targets] : percentages) {
    const Goal* goal = nullptr;
    for (const Goal& g : set->goals) {
      if (g.id == id) goal = &g;
    }
    ASSERT_NE(goal, nullptr) << id;
    EXPECT_EQ(goal->kind, GoalKind::kIndicator) << id;
    EXPECT_EQ(goal->unit, Unit::kPercent) << id;
    EXPECT_EQ(goal->direction, Direction::kAtLeast) << id;
    EXPECT_EQ(goal->computed_indicator, "") << id;  // reported
    EXPECT_EQ(goal->targets.size(), targets.size()) << id;
    for (int year = 2023; year <= 2027; ++year) {
      const YearTarget* target = goal->TargetFor(year);
      auto want = targets.find(year);
      if (want == targets.end()) {
        EXPECT_EQ(target, nullptr) << id << " " << year;
        continue;
      }
      ASSERT_NE(target, nullptr) << id << " " << year;
      EXPECT_EQ(target->kind, TargetKind::kValue) << id << " " << year;
      EXPECT_EQ(target->value_e4, want->second) << id << " " << year;
    }
  }

  // Milestones per calendar year, counted from the seed's bullets (the "(vervolg)" blocks of HB
  // 2023 and 2024 included).
  std::map<int, int> milestones;
  std::map<int, int> milestone_years;  // of goals: the 2023 years without a number
  for (const Goal& goal : set->goals) {
    if (goal.kind == GoalKind::kMilestone) {
      ++milestones[goal.targets[0].year];
      EXPECT_EQ(goal.id.substr(goal.id.size() - 4), absl::StrCat(goal.targets[0].year)) << goal.id;
      EXPECT_EQ(goal.origin.rfind("seed 000/001, ", 0), 0u) << goal.id;
      EXPECT_EQ(goal.indicator.find("  "), std::string::npos) << goal.id;
      continue;
    }
    for (const YearTarget& t : goal.targets) {
      if (t.kind == TargetKind::kMilestone) ++milestone_years[t.year];
    }
  }
  EXPECT_THAT(milestones, ElementsAre(Pair(2023, 23), Pair(2024, 21), Pair(2025, 14),
                                      Pair(2026, 10), Pair(2027, 10)));
  EXPECT_THAT(milestone_years, ElementsAre(Pair(2023, 4)));
}

TEST(GoalFileTest, LoadsThePo2203ProgrammeLinesCompletely) {
  absl::StatusOr<GoalSet> set = ParseGoalFile(ReadRepoFile("data/goals/po2203/2026-2029.goals"));
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_EQ(set->name, "po2203/2026-2029");
  std::set<std::string> ids;
  for (const Goal& goal : set->goals) ids.insert(goal.id);
  // The 14 rows of the domain README's table (waiting lists are two goals: SO and SBO).
  for (const char* id :
       {"tlv-binnen-termijn", "arrangementen-binnen-8-weken", "opdc-verlengingen",
        "go-binnen-regio", "sbo-deelname", "so-deelname", "go-deelname", "start-regulier",
        "wachtlijst-so", "wachtlijst-sbo", "thuiszitters-verklaarbaar", "thuiszitters-in-beeld",
        "vrijstellingen-met-swv", "verantwoording-voor-1-februari", "tevredenheid-tlv-procedure"}) {
    EXPECT_EQ(ids.count(id), 1u) << id;
  }
  // Every computed indicator is used by some goal of the two shipped sets.
  std::set<std::string> used;
  for (const Goal& goal : set->goals) used.insert(goal.computed_indicator);
  absl::StatusOr<GoalSet> odp =
      ParseGoalFile(ReadRepoFile("data/goals/onderwijs-dat-past/2023-2027.goals"));
  ASSERT_TRUE(odp.ok());
  for (const Goal& goal : odp->goals) used.insert(goal.computed_indicator);
  for (const IndicatorDefinition& d : Indicators()) EXPECT_EQ(used.count(d.name), 1u) << d.name;
  for (const Goal& goal : set->goals) {
    if (goal.id == "sbo-deelname") {
      EXPECT_EQ(goal.TargetFor(2027)->kind, TargetKind::kNationalFigure);
      EXPECT_EQ(goal.TargetFor(2029)->value_e4, 18000);  // 1.80%
    }
    if (goal.id == "go-deelname") {
      EXPECT_EQ(goal.TargetFor(2028)->kind, TargetKind::kTracked);
      EXPECT_EQ(goal.TargetFor(2029)->value_e4, 40000);
    }
    if (goal.id == "tevredenheid-tlv-procedure") {
      EXPECT_EQ(goal.TargetFor(2026)->value_e4, 75000);
    }
  }
}

TEST(GoalFileTest, LoadsTheNationalFigures) {
  absl::StatusOr<NationalFigures> figures =
      NationalFigures::Parse(ReadRepoFile("data/goals/national-participation.goals"));
  ASSERT_TRUE(figures.ok()) << figures.status();
  EXPECT_EQ(figures->For("sbo", 2021)->value_e4, 25000);
  EXPECT_EQ(figures->For("so", 2018)->value_e4, 21000);
  // 2027 has no figure: the latest earlier one (2021) is used and named.
  EXPECT_EQ(figures->For("so", 2027)->value_e4, 23000);
  EXPECT_EQ(figures->For("so", 2027)->description, "national SO participation 2021");
  EXPECT_EQ(figures->For("total", 2026)->value_e4, 48000);
  EXPECT_FALSE(figures->For("sbo", 2015).has_value());
  EXPECT_THAT(NationalFigures::Parse("sbo 2021 = 2.5\nsbo 20x1 = 3\n").status().message(),
              HasSubstr("line 2"));
}

TEST(GoalFileTest, ReportsEveryErrorWithItsLine) {
  const std::string text = absl::StrCat(kHeader,
                                        "\n"
                                        "[goal a]\n"            // 3
                                        "theme = T\n"           // 4
                                        "indicator = I\n"       // 5
                                        "direction = more\n"    // 6
                                        "unit = percent\n"      // 7
                                        "levels = swv, city\n"  // 8
                                        "source = reported\n"   // 9
                                        "target 2024 = 40%\n"   // 10
                                        "colour = blue\n"       // 11
                                        "[goal b]\n"            // 12
                                        "theme = T\n"
                                        "indicator = I\n"
                                        "unit = percent\n"
                                        "levels = school\n"
                                        "source = computed spending_accounts_on_time_share\n"  // 17
                                        "target 2026 = 2\n"
                                        "target 2025 = 2\n");  // 19
  absl::StatusOr<GoalSet> set = ParseGoalFile(text);
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReasonOf(set.status()), "INVALID_GOAL_FILE");
  EXPECT_THAT(
      Errors(set.status()),
      ElementsAre(
          HasSubstr("line 3: targets: at least one year"),
          HasSubstr("line 6: direction: \"more\" is not at_least"),
          HasSubstr("line 8: levels: \"city\""),
          HasSubstr("line 10: target 2024: \"40%\" is not a decimal"),
          HasSubstr("line 11: unknown key \"colour\""),
          HasSubstr(
              "line 16: levels: indicator spending_accounts_on_time_share cannot be computed at "
              "level school"),
          HasSubstr("line 19: target 2025: year 2025 is not after 2026")));
  for (const FieldViolation& v : FieldViolationsOf(set.status())) EXPECT_EQ(v.field, "content");
}

TEST(GoalFileTest, ChecksIndicatorUnitsNamesAndTargets) {
  const std::string text =
      absl::StrCat(kHeader,
                   "[goal a]\ntheme = T\nindicator = I\ndirection = at_least\n"
                   "unit = count\nlevels = swv\n"
                   "source = computed opdc_extension_share\n"  // 8: unit mismatch
                   "target 2026 = national sbo\n"              // 9: not participation
                   "[goal b]\ntheme = T\nindicator = I\ndirection = at_least\n"
                   "unit = percent\nlevels = swv\n"
                   "source = computed no_such_thing\n"  // 16
                   "target 2026 = 120\n"                // 17
                   "[goal a]\ntheme = T\nindicator = I\nlevels = swv\n"
                   "source = reported\ntarget 2026 = 1\n");  // 18: duplicate id
  absl::StatusOr<GoalSet> set = ParseGoalFile(text);
  ASSERT_FALSE(set.ok());
  EXPECT_THAT(
      Errors(set.status()),
      ElementsAre(HasSubstr("line 6: unit: indicator opdc_extension_share is measured in percent"),
                  HasSubstr("line 9: target 2026: only participation indicators"),
                  HasSubstr("line 16: source: unknown indicator \"no_such_thing\""),
                  HasSubstr("line 17: target 2026: a percentage lies in 0-100"),
                  HasSubstr("line 18: goal id \"a\" is already used on line 2")));
}

TEST(GoalFileTest, RequiresTheHeaderAndASource) {
  EXPECT_THAT(
      Errors(ParseGoalFile("[goal a]\ntheme = T\nindicator = I\nlevels = swv\ntarget 2026 = 1\n")
                 .status()),
      ElementsAre(HasSubstr("line 1: goal_set"), HasSubstr("line 1: source: is required")));
  EXPECT_THAT(Errors(ParseGoalFile("").status()),
              ElementsAre(HasSubstr("goal_set"), HasSubstr("no [goal ...]")));
}

TEST(GoalFileTest, MilestonesHaveOneYearAndNoTargets) {
  absl::StatusOr<GoalSet> set = ParseGoalFile(absl::StrCat(
      kHeader, "[milestone m]\ntheme = T\nyear = 2025\nindicator = Penvoerderschap ingevoerd\n"));
  ASSERT_TRUE(set.ok()) << set.status();
  const Goal& m = set->goals[0];
  EXPECT_EQ(m.kind, GoalKind::kMilestone);
  ASSERT_EQ(m.targets.size(), 1u);
  EXPECT_EQ(m.targets[0].year, 2025);
  EXPECT_EQ(m.targets[0].milestone, "Penvoerderschap ingevoerd");
  EXPECT_THAT(Errors(ParseGoalFile(absl::StrCat(kHeader,
                                                "[milestone m]\ntheme = T\nindicator = I\n"
                                                "target 2025 = 1\n"))
                         .status()),
              ElementsAre(HasSubstr("line 2: targets: at least one year"),
                          HasSubstr("line 2: targets: a milestone has exactly one year"),
                          HasSubstr("line 5: a milestone has \"year = <year>\"")));
}

TEST(GoalFileTest, FormatAndParseRoundTripEveryShippedGoal) {
  for (const char* path :
       {"data/goals/onderwijs-dat-past/2023-2027.goals", "data/goals/po2203/2026-2029.goals"}) {
    absl::StatusOr<GoalSet> set = ParseGoalFile(ReadRepoFile(path));
    ASSERT_TRUE(set.ok()) << set.status();
    for (const Goal& goal : set->goals) {
      absl::StatusOr<Goal> again = ParseGoalSection(FormatGoal(goal));
      ASSERT_TRUE(again.ok()) << goal.id << ": " << again.status();
      EXPECT_TRUE(*again == goal) << FormatGoal(goal);
    }
  }
}

}  // namespace
}  // namespace swv::monitoring
