// Judging a value against a target, and the trend against the previous period. Pure.
//
//   at_least: met when value >= target     (exactly on target is met)
//   at_most:  met when value <= target     (exactly on target is met)
//   exactly:  met when value == target
// Comparisons are exact on the unrounded quantity (fixed_point.h), so 94.99995% is not "at least
// 95%" even though it would display as 95%.
#ifndef SWV_SERVICES_MONITORING_DOMAIN_EVALUATION_H_
#define SWV_SERVICES_MONITORING_DOMAIN_EVALUATION_H_

#include <cstdint>

#include "absl/types/optional.h"
#include "services/monitoring/domain/fixed_point.h"
#include "services/monitoring/domain/goal.h"

namespace swv::monitoring {

enum class Verdict { kMet, kNotMet, kNoData, kNoTarget };
enum class Trend { kImproving, kWorsening, kUnchanged, kNoPrevious };

bool MeetsTarget(Direction direction, const Quantity& value, int64_t target_e4);

// No value: kNoData. A value without a target: kNoTarget. Else met / not met.
Verdict Judge(Direction direction, const absl::optional<Quantity>& value,
              const absl::optional<int64_t>& target_e4);

// Milestones: reported done -> met, reported not done -> not met, nothing reported -> no data.
Verdict JudgeMilestone(const absl::optional<bool>& done);

// Which way the value moved, read in the goal's direction: for at_least higher is better, for
// at_most lower is better, for exactly closer to the target is better (without a target this
// year, closer to the previous year's target is not known, so distance to 0 is used: the exactly
// goals of the seeds all aim at 0). A missing value on either side gives kNoPrevious.
Trend TrendOf(Direction direction, const absl::optional<Quantity>& current,
              const absl::optional<Quantity>& previous, const absl::optional<int64_t>& target_e4);

// Milestones: not done -> done is improving, done -> not done worsening.
Trend MilestoneTrend(const absl::optional<bool>& current, const absl::optional<bool>& previous);

const char* VerdictName(Verdict verdict);  // met, not_met, no_data, no_target
const char* TrendName(Trend trend);        // improving, worsening, unchanged, no_previous

}  // namespace swv::monitoring

#endif  // SWV_SERVICES_MONITORING_DOMAIN_EVALUATION_H_
