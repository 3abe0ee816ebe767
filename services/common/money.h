// Money in every area (arrangements, allocations, spending accounts): integer euro cents in int64,
// never floating point. One bound for every money field a client writes, and checked arithmetic
// for every sum, so a typo or a hostile value gives an error instead of a wrapped amount.
//
// Pure functions on values; thread-safe.
#ifndef SWV_SERVICES_COMMON_MONEY_H_
#define SWV_SERVICES_COMMON_MONEY_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace swv {

// The largest amount any money field may hold, in either direction: EUR 10,000,000,000.00. Far
// above any real SWV budget (a whole SWV receives tens of millions a year), so anything larger is
// a typo; and small enough that a product with a national pupil count (1.5 million) and the sum of
// millions of amounts still fit in int64.
inline constexpr int64_t kMaxAmountCents = 1'000'000'000'000;

// The reason code of a violation of the bound (as the year configuration has always used).
inline constexpr char kAmountOutOfRange[] = "OUT_OF_RANGE";

// -kMaxAmountCents <= cents <= kMaxAmountCents.
bool WithinAmountBound(int64_t cents);

// The rule as a violation's description: "must be at most 1000000000000 cents (EUR
// 10,000,000,000.00)".
std::string AmountBoundRule();

// OUT_OF_RANGE with reason "AMOUNT_OVERFLOW" naming `what`: a result that does not fit in int64.
absl::Status AmountOverflow(absl::string_view what);

// a + b, a - b and a * b; AmountOverflow(what) when the result does not fit in int64.
absl::StatusOr<int64_t> CheckedAdd(int64_t a, int64_t b, absl::string_view what);
absl::StatusOr<int64_t> CheckedSub(int64_t a, int64_t b, absl::string_view what);
absl::StatusOr<int64_t> CheckedMul(int64_t a, int64_t b, absl::string_view what);

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_MONEY_H_
