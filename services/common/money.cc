#include "services/common/money.h"

#include "absl/strings/str_cat.h"
#include "services/kernel/errors.h"

namespace swv {

bool WithinAmountBound(int64_t cents) {
  return cents >= -kMaxAmountCents && cents <= kMaxAmountCents;
}

std::string AmountBoundRule() {
  static_assert(kMaxAmountCents == 1'000'000'000'000, "update the euro amount below");
  return absl::StrCat("must be at most ", kMaxAmountCents, " cents (EUR 10,000,000,000.00)");
}

absl::Status AmountOverflow(absl::string_view what) {
  return ErrorWithReason(absl::StatusCode::kOutOfRange, "AMOUNT_OVERFLOW",
                         absl::StrCat(what,
                                      " does not fit in a 64-bit amount of cents; check the "
                                      "inputs for a typo"));
}

absl::StatusOr<int64_t> CheckedAdd(int64_t a, int64_t b, absl::string_view what) {
  int64_t result = 0;
  if (__builtin_add_overflow(a, b, &result)) return AmountOverflow(what);
  return result;
}

absl::StatusOr<int64_t> CheckedSub(int64_t a, int64_t b, absl::string_view what) {
  int64_t result = 0;
  if (__builtin_sub_overflow(a, b, &result)) return AmountOverflow(what);
  return result;
}

absl::StatusOr<int64_t> CheckedMul(int64_t a, int64_t b, absl::string_view what) {
  int64_t result = 0;
  if (__builtin_mul_overflow(a, b, &result)) return AmountOverflow(what);
  return result;
}

}  // namespace swv
