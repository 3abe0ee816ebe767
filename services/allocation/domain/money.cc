#include "services/allocation/domain/money.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "absl/numeric/int128.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/kernel/errors.h"

namespace swv::allocation {
namespace {

bool FitsInt64(absl::int128 value) {
  return value >= std::numeric_limits<int64_t>::min() &&
         value <= std::numeric_limits<int64_t>::max();
}

absl::Status BadSplit(absl::string_view message) {
  return ErrorWithReason(absl::StatusCode::kInvalidArgument, "INVALID_SPLIT", message);
}

}  // namespace

absl::StatusOr<int64_t> MulDivRounded(int64_t value, int64_t numerator, int64_t denominator,
                                      absl::string_view what) {
  if (denominator <= 0) {
    return absl::InvalidArgumentError(absl::StrCat(what, ": denominator must be positive"));
  }
  absl::int128 product = static_cast<absl::int128>(value) * numerator;
  bool negative = product < 0;
  absl::int128 magnitude = negative ? -product : product;
  absl::int128 quotient = magnitude / denominator;
  absl::int128 remainder = magnitude % denominator;
  if (remainder * 2 >= denominator) ++quotient;  // halves away from zero
  absl::int128 result = negative ? -quotient : quotient;
  if (!FitsInt64(result)) return AmountOverflow(what);
  return static_cast<int64_t>(result);
}

absl::StatusOr<std::vector<SplitPart>> SplitLargestRemainder(int64_t total,
                                                             std::vector<Weighted> parts) {
  if (total < 0) return BadSplit("the amount to split must not be negative");
  std::sort(parts.begin(), parts.end(),
            [](const Weighted& a, const Weighted& b) { return a.key < b.key; });
  absl::int128 total_weight = 0;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].weight < 0)
      return BadSplit(absl::StrCat("weight of ", parts[i].key, " is negative"));
    if (i > 0 && parts[i].key == parts[i - 1].key) {
      return BadSplit(absl::StrCat("key ", parts[i].key, " appears twice in a split"));
    }
    total_weight += parts[i].weight;
  }
  std::vector<SplitPart> result;
  result.reserve(parts.size());
  if (total_weight == 0) {
    if (total > 0) return BadSplit("nothing to split by: every weight is zero");
    for (const Weighted& part : parts) result.push_back(SplitPart{part.key, part.weight, 0, false});
    return result;
  }
  std::vector<absl::int128> remainders;
  remainders.reserve(parts.size());
  int64_t distributed = 0;
  for (const Weighted& part : parts) {
    absl::int128 product = static_cast<absl::int128>(total) * part.weight;
    int64_t floor_amount = static_cast<int64_t>(product / total_weight);  // <= total
    remainders.push_back(product % total_weight);
    distributed += floor_amount;
    result.push_back(SplitPart{part.key, part.weight, floor_amount, false});
  }
  // Fewer left-over cents than parts, because each floor loses less than one cent.
  int64_t left_over = total - distributed;
  std::vector<size_t> order(parts.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  // Largest remainder first; equal remainders by key (the parts are sorted by key already, and
  // stable_sort keeps that order among equals).
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return remainders[a] > remainders[b]; });
  for (int64_t i = 0; i < left_over; ++i) {
    SplitPart& part = result[order[static_cast<size_t>(i)]];
    part.amount += 1;
    part.remainder_cent = true;
  }
  return result;
}

std::string FormatEuro(int64_t cents) {
  // Through unsigned so INT64_MIN does not overflow on negation.
  uint64_t magnitude = cents < 0 ? 0 - static_cast<uint64_t>(cents) : static_cast<uint64_t>(cents);
  // StrCat, not StrFormat: a calculation formats tens of thousands of amounts.
  const uint64_t hundredths = magnitude % 100;
  return absl::StrCat(cents < 0 ? "-" : "", magnitude / 100, hundredths < 10 ? ".0" : ".",
                      hundredths);
}

std::string FormatBasisPoints(int64_t basis_points) {
  uint64_t magnitude = basis_points < 0 ? 0 - static_cast<uint64_t>(basis_points)
                                        : static_cast<uint64_t>(basis_points);
  return absl::StrFormat("%s%d.%02d%%", basis_points < 0 ? "-" : "", magnitude / 100,
                         magnitude % 100);
}

}  // namespace swv::allocation
