// Conflicting writes through two replicas of every service (issue 8, fault test 3): stale updates
// of the year configuration (allocation) and of a goal (monitoring) are rejected.
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/faults/fault_harness.h"
#include "tests/faults/replica_conflict_fixture.h"
#include "tests/faults/thuiszitter_writes.h"

namespace swv::faults {
namespace {

TEST_F(ReplicaConflictTest, StaleConfigAndGoalUpdatesAreRejected) {
  // Allocation: the year configuration.
  const std::string config_path = absl::StrCat("/api/v1/swvs/", kSwv, "/years/2026/config");
  auto config = [](int64_t version, int64_t reserve) { return YearConfigJson(reserve, version); };

  Reply first = Call(0, "PATCH", config_path, config(0, 1));
  ASSERT_EQ(first.status, 200) << first.raw;
  std::map<int64_t, int64_t> accepted_configs = {{1, 1}};  // version -> reserve
  int config_rejected = 0;
  for (int round = 1; round <= kRounds; ++round) {
    const int64_t version = accepted_configs.rbegin()->first;
    Reply replies[2];
    Together(
        {[&] { replies[0] = Call(0, "PATCH", config_path, config(version, 1000 * round)); },
         [&] { replies[1] = Call(1, "PATCH", config_path, config(version, 1000 * round + 1)); }});
    int winners = 0;
    for (int k = 0; k < 2; ++k) {
      if (replies[k].status == 200) {
        ++winners;
        accepted_configs[IntField(replies[k].body, "version")] = 1000 * round + k;
      } else {
        EXPECT_EQ(replies[k].status, 409) << replies[k].raw;
        ++config_rejected;
      }
    }
    EXPECT_EQ(winners, 1) << "config round " << round;
  }
  for (const auto& [version, reserve] : accepted_configs) {
    Reply stored = Call(version % 2, "GET", absl::StrCat(config_path, "?version=", version));
    ASSERT_EQ(stored.status, 200) << stored.raw;
    EXPECT_EQ(IntField(stored.body, "reserveCents"), reserve) << "version " << version;
  }
  const int64_t next = accepted_configs.rbegin()->first + 1;
  EXPECT_EQ(Call(0, "GET", absl::StrCat(config_path, "?version=", next)).status, 404)
      << "a rejected update was stored";

  // Monitoring: a goal, created twice at once under one id, then updated from both replicas.
  const std::string goals = absl::StrCat("/api/v1/swvs/", kSwv, "/goals");
  auto goal = [](int64_t version, const std::string& note) {
    return absl::StrCat(
        R"({"kind":"GOAL_KIND_INDICATOR","theme":"Eigen doelen","indicator":"Thuiszitters zonder )",
        R"(passende plek","direction":"DIRECTION_EXACTLY","unit":"UNIT_COUNT","levels":["LEVEL_SWV"],)",
        R"("source":"computed","computedIndicator":"thuiszitters_no_suitable_school_place",)",
        R"("targets":[{"year":2026,"kind":"TARGET_KIND_VALUE","valueE4":"0"}],"note":")", note,
        R"(","version":")", version, R"("})");
  };
  Reply creates[2];
  Together({[&] {
              creates[0] =
                  Call(0, "POST", goals + "?goalId=fault-goal", goal(0, "created via gateway 1"));
            },
            [&] {
              creates[1] =
                  Call(1, "POST", goals + "?goalId=fault-goal", goal(0, "created via gateway 2"));
            }});
  int created = 0;
  std::map<int64_t, std::string> accepted_goals;  // version -> note
  for (int k = 0; k < 2; ++k) {
    if (creates[k].status == 201) {
      ++created;
      accepted_goals[1] = StringField(creates[k].body, "note");
    } else {
      EXPECT_EQ(creates[k].status, 409) << creates[k].raw;
    }
  }
  ASSERT_EQ(created, 1) << creates[0].raw << "\n" << creates[1].raw;
  int goal_rejected = 0;
  for (int round = 1; round <= kRounds; ++round) {
    const int64_t version = accepted_goals.rbegin()->first;
    Reply replies[2];
    std::string notes[2] = {absl::StrCat("round ", round, " via gateway 1"),
                            absl::StrCat("round ", round, " via gateway 2")};
    Together(
        {[&] { replies[0] = Call(0, "PATCH", goals + "/fault-goal", goal(version, notes[0])); },
         [&] { replies[1] = Call(1, "PATCH", goals + "/fault-goal", goal(version, notes[1])); }});
    int winners = 0;
    for (int k = 0; k < 2; ++k) {
      if (replies[k].status == 200) {
        ++winners;
        accepted_goals[IntField(replies[k].body, "version")] = notes[k];
      } else {
        EXPECT_EQ(replies[k].status, 409) << replies[k].raw;
        ++goal_rejected;
      }
    }
    EXPECT_EQ(winners, 1) << "goal round " << round;
  }
  Reply final_goal = Call(1, "GET", goals + "/fault-goal");
  ASSERT_EQ(final_goal.status, 200) << final_goal.raw;
  EXPECT_EQ(IntField(final_goal.body, "version"), accepted_goals.rbegin()->first);
  EXPECT_EQ(StringField(final_goal.body, "note"), accepted_goals.rbegin()->second);
  // Every stored version is an accepted one, and none is missing.
  absl::StatusOr<std::string> stored = db()->Query(
      "SELECT version, definition FROM swv_mon.mon_goals WHERE goal_id = 'fault-goal' ORDER BY "
      "version");
  ASSERT_TRUE(stored.ok()) << stored.status();
  int stored_versions = 0;
  for (absl::string_view line : absl::StrSplit(*stored, '\n', absl::SkipEmpty())) {
    std::pair<std::string, std::string> row = absl::StrSplit(line, absl::MaxSplits('\t', 1));
    int64_t version = 0;
    ASSERT_TRUE(absl::SimpleAtoi(row.first, &version)) << line;
    ASSERT_EQ(accepted_goals.count(version), 1u)
        << "stored version " << version << " was never accepted";
    EXPECT_NE(row.second.find(accepted_goals[version]), std::string::npos)
        << "version " << version << " does not hold the accepted update \""
        << accepted_goals[version] << "\"";
    ++stored_versions;
  }
  EXPECT_EQ(stored_versions, static_cast<int>(accepted_goals.size()));
  std::printf(
      "stale config updates: %d rounds, %d accepted, %d rejected; goal: created once of 2, %d "
      "rounds, %d "
      "accepted, %d rejected, %d versions stored\n",
      kRounds, static_cast<int>(accepted_configs.size()) - 1, config_rejected, kRounds,
      static_cast<int>(accepted_goals.size()) - 1, goal_rejected, stored_versions);
  EXPECT_EQ(config_rejected, kRounds);
  EXPECT_EQ(goal_rejected, kRounds);
}

}  // namespace
}  // namespace swv::faults
