// Fixed-point numbers for goal values and targets, and exact ratios for computed values.
//
// Stored targets and reported values are int64 counts of 1/10,000 of the goal's unit ("e4"):
// 47.5% = 475000, a score of 7.5 = 75000, 12 days = 120000. No floating point anywhere: a target
// written as "7.5" in a goal file is exactly 75000, and "exactly on target" is an integer
// comparison.
//
// A computed value is a Quantity: numerator / denominator in e4, kept unreduced so that a
// comparison with a target is exact (2 of 3 = 66.666...% is below a 66.6667% target, although it
// rounds to 666667 for display). Thread-safe: values only.
#ifndef SWV_SERVICES_MONITORING_DOMAIN_FIXED_POINT_H_
#define SWV_SERVICES_MONITORING_DOMAIN_FIXED_POINT_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace swv::monitoring {

inline constexpr int64_t kE4 = 10000;

// value = numerator_e4 / denominator (denominator > 0).
struct Quantity {
  int64_t numerator_e4 = 0;
  int64_t denominator = 1;

  static Quantity Exact(int64_t value_e4) { return Quantity{value_e4, 1}; }
  // Rounded to the nearest e4 unit, halves away from zero: what is shown and stored.
  int64_t RoundedE4() const;
  bool operator==(const Quantity& other) const;
};

// Three-way comparison of a quantity with an e4 value: -1, 0, 1. Exact (128-bit).
int Compare(const Quantity& value, int64_t target_e4);
// Three-way comparison of two quantities. Exact (128-bit).
int Compare(const Quantity& a, const Quantity& b);

// part / whole as a percentage: 3 of 4 -> 75%. whole must be > 0.
Quantity PercentOf(int64_t part, int64_t whole);
// count per 1,000 of `population`: 3 of 1,200 -> 2.5. population must be > 0.
Quantity PerThousand(int64_t count, int64_t population);
// total / n as a plain value (an average): 45 days over 4 cases -> 11.25. n must be > 0.
Quantity Average(int64_t total, int64_t n);

// "40", "7.5", "-2", "1.80", "47.5" -> e4. At most 4 decimals; no exponent, no thousands
// separator; a comma is accepted as the decimal mark (Dutch "7,5"). INVALID_ARGUMENT otherwise
// (the message says what is wrong, without a field: callers add it).
absl::StatusOr<int64_t> ParseDecimalE4(absl::string_view text);
// 475000 -> "47.5", 18000 -> "1.8", 0 -> "0", -25000 -> "-2.5". Trailing zeros dropped.
std::string FormatE4(int64_t value_e4);

}  // namespace swv::monitoring

#endif  // SWV_SERVICES_MONITORING_DOMAIN_FIXED_POINT_H_
