#include "services/monitoring/domain/evaluation.h"

#include "absl/numeric/int128.h"
#include "services/kernel/enum_names.h"

namespace swv::monitoring {
namespace {

// |q - target| as a quantity with q's denominator.
Quantity DistanceTo(const Quantity& q, int64_t target_e4) {
  absl::int128 diff = absl::int128(q.numerator_e4) - absl::int128(target_e4) * q.denominator;
  if (diff < 0) diff = -diff;
  return Quantity{static_cast<int64_t>(diff), q.denominator};
}

}  // namespace

bool MeetsTarget(Direction direction, const Quantity& value, int64_t target_e4) {
  const int c = Compare(value, target_e4);
  switch (direction) {
    case Direction::kAtLeast:
      return c >= 0;
    case Direction::kAtMost:
      return c <= 0;
    case Direction::kExactly:
      return c == 0;
  }
  return false;
}

Verdict Judge(Direction direction, const absl::optional<Quantity>& value,
              const absl::optional<int64_t>& target_e4) {
  if (!value) return Verdict::kNoData;
  if (!target_e4) return Verdict::kNoTarget;
  return MeetsTarget(direction, *value, *target_e4) ? Verdict::kMet : Verdict::kNotMet;
}

Verdict JudgeMilestone(const absl::optional<bool>& done) {
  if (!done) return Verdict::kNoData;
  return *done ? Verdict::kMet : Verdict::kNotMet;
}

Trend TrendOf(Direction direction, const absl::optional<Quantity>& current,
              const absl::optional<Quantity>& previous, const absl::optional<int64_t>& target_e4) {
  if (!current || !previous) return Trend::kNoPrevious;
  int better = 0;  // > 0: current is better
  switch (direction) {
    case Direction::kAtLeast:
      better = Compare(*current, *previous);
      break;
    case Direction::kAtMost:
      better = -Compare(*current, *previous);
      break;
    case Direction::kExactly: {
      const int64_t aim = target_e4.value_or(0);
      better = -Compare(DistanceTo(*current, aim), DistanceTo(*previous, aim));
      break;
    }
  }
  if (better > 0) return Trend::kImproving;
  if (better < 0) return Trend::kWorsening;
  return Trend::kUnchanged;
}

Trend MilestoneTrend(const absl::optional<bool>& current, const absl::optional<bool>& previous) {
  if (!current || !previous) return Trend::kNoPrevious;
  if (*current == *previous) return Trend::kUnchanged;
  return *current ? Trend::kImproving : Trend::kWorsening;
}

constexpr EnumName<Verdict> kVerdictNames[] = {
    {Verdict::kMet, "met"},
    {Verdict::kNotMet, "not_met"},
    {Verdict::kNoData, "no_data"},
    {Verdict::kNoTarget, "no_target"},
};

const char* VerdictName(Verdict verdict) { return NameOf(kVerdictNames, verdict, ""); }

constexpr EnumName<Trend> kTrendNames[] = {
    {Trend::kImproving, "improving"},
    {Trend::kWorsening, "worsening"},
    {Trend::kUnchanged, "unchanged"},
    {Trend::kNoPrevious, "no_previous"},
};

const char* TrendName(Trend trend) { return NameOf(kTrendNames, trend, ""); }

}  // namespace swv::monitoring
