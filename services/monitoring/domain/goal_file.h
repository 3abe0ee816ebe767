// The goal file: a line-oriented, diff-friendly text format an SWV office can edit by hand
// (data/goals/<swv>/<version>.goals). One key per line, '#' starts a comment line, sections per
// goal:
//
//   goal_set = po2203/2026-2029
//   title = Programmalijnen SWV PO 22.03, 2026-2029
//
//   [goal tlv-binnen-termijn]
//   theme = Programmalijn 4: dekkend netwerk
//   indicator = TLV-aanvragen binnen 6 (+4) weken na compleet besloten
//   direction = at_least            # at_least | at_most | exactly
//   unit = percent                  # percent | count | score | days | per_1000_pupils
//   levels = swv, wijk              # swv, wijk, board, school
//   source = computed tlv_decided_within_deadline_share     # or: source = reported
//   target 2026 = 100
//   target 2027 = national sbo      # the national figure of that year (sbo | so | total)
//   target 2028 = tracked           # measured, no target that year
//   target 2023 = milestone In kaart gebracht      # no number: done / not done
//   note = ...
//   origin = seed 004, programmalijn 4, indicator 10
//
//   [milestone penvoerderschap-ingevoerd]
//   theme = ...
//   indicator = Penvoerderschap is ingevoerd in de wijken
//   year = 2025
//   levels = swv
//
// Every error is reported at once with its line: "line 14: direction: ..." (the goal's own rules
// from ValidateGoal are mapped back to the line of the key that broke them). Pure.
#ifndef SWV_SERVICES_MONITORING_DOMAIN_GOAL_FILE_H_
#define SWV_SERVICES_MONITORING_DOMAIN_GOAL_FILE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/monitoring/domain/goal.h"

namespace swv::monitoring {

// INVALID_ARGUMENT with reason INVALID_GOAL_FILE and one violation per problem, field `field`
// (e.g. "content"), description "line N: ...".
absl::StatusOr<GoalSet> ParseGoalFile(absl::string_view text, absl::string_view field = "content");

// Goal sections only (no goal_set header required): how one stored goal is read back.
absl::StatusOr<Goal> ParseGoalSection(absl::string_view text);

// The section text of one goal, in the format above; ParseGoalSection(FormatGoal(g)) == g.
std::string FormatGoal(const Goal& goal);

}  // namespace swv::monitoring

#endif  // SWV_SERVICES_MONITORING_DOMAIN_GOAL_FILE_H_
