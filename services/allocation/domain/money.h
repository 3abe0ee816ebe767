// Money arithmetic for allocations: integer euro cents, never floating point.
//
// Every product of a count and a rate, every sum and every pro-rata share is checked for int64
// overflow (intermediates in absl::int128), so a wrong input gives OUT_OF_RANGE instead of a
// wrapped amount. Pro-rata splits use the largest-remainder method, so the parts always add up
// exactly to the amount being split: nothing is lost or invented by rounding.
//
// Pure functions on values; thread-safe.
#ifndef SWV_SERVICES_ALLOCATION_DOMAIN_MONEY_H_
#define SWV_SERVICES_ALLOCATION_DOMAIN_MONEY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/common/money.h"

namespace swv::allocation {

// The checked arithmetic is shared with the other areas (services/common/money.h).
using ::swv::CheckedAdd;
using ::swv::CheckedMul;
using ::swv::CheckedSub;

// value * numerator / denominator rounded to the nearest cent, halves away from zero
// (12.5 -> 13, -12.5 -> -13). denominator must be > 0 (else INVALID_ARGUMENT, a programming
// error). OUT_OF_RANGE ("AMOUNT_OVERFLOW") when the result does not fit in int64.
absl::StatusOr<int64_t> MulDivRounded(int64_t value, int64_t numerator, int64_t denominator,
                                      absl::string_view what);

// One recipient of a pro-rata split: a unique key (board code, wijk code, school code) and its
// weight (pupils, index points).
struct Weighted {
  std::string key;
  int64_t weight = 0;
};

struct SplitPart {
  std::string key;
  int64_t weight = 0;
  // floor(total * weight / total_weight) plus one cent when this part received a remainder cent.
  int64_t amount = 0;
  bool remainder_cent = false;
};

// Splits `total` (>= 0) over `parts` pro rata to their weights (each >= 0, sum > 0) by the
// largest-remainder (Hamilton) method:
//   1. every part gets floor(total * weight / W), W = the sum of the weights;
//   2. the cents left over (fewer than the number of parts) go one each to the parts with the
//      largest remainder (total * weight mod W);
//   3. ties between equal remainders go to the smallest key in byte order (board code "A" before
//      "B"): deterministic, and documented so a controller can redo it by hand.
// The amounts add up to `total` exactly. Returns the parts sorted by key.
// Errors: INVALID_ARGUMENT (reason "INVALID_SPLIT") for a negative total or weight, a duplicate
// key, or all weights zero while total > 0. An empty `parts` with total 0 gives an empty result.
absl::StatusOr<std::vector<SplitPart>> SplitLargestRemainder(int64_t total,
                                                             std::vector<Weighted> parts);

// Cents as a machine-readable decimal with a dot and two decimals, no thousands separator:
// 12345 -> "123.45", -5 -> "-0.05", 0 -> "0.00". Used in CSV and formulas.
std::string FormatEuro(int64_t cents);

// Basis points as a percentage with two decimals: 350 -> "3.50%", -25 -> "-0.25%".
std::string FormatBasisPoints(int64_t basis_points);

}  // namespace swv::allocation

#endif  // SWV_SERVICES_ALLOCATION_DOMAIN_MONEY_H_
