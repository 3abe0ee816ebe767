#include "services/monitoring/domain/fixed_point.h"

#include <cstdlib>

#include "absl/numeric/int128.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace swv::monitoring {
namespace {

using Wide = absl::int128;

int Sign(Wide v) { return v < 0 ? -1 : (v > 0 ? 1 : 0); }

// Rounds n / d (d > 0) to the nearest integer, halves away from zero.
int64_t RoundDiv(Wide n, Wide d) {
  Wide q = n / d;
  Wide r = n % d;
  if (r < 0) r = -r;
  if (2 * r >= d) q += (n < 0 ? -1 : 1);
  return static_cast<int64_t>(q);
}

}  // namespace

int64_t Quantity::RoundedE4() const { return RoundDiv(numerator_e4, denominator); }

bool Quantity::operator==(const Quantity& other) const { return Compare(*this, other) == 0; }

int Compare(const Quantity& value, int64_t target_e4) {
  return Sign(static_cast<Wide>(value.numerator_e4) -
              static_cast<Wide>(target_e4) * static_cast<Wide>(value.denominator));
}

int Compare(const Quantity& a, const Quantity& b) {
  return Sign(static_cast<Wide>(a.numerator_e4) * b.denominator -
              static_cast<Wide>(b.numerator_e4) * a.denominator);
}

Quantity PercentOf(int64_t part, int64_t whole) { return Quantity{part * 100 * kE4, whole}; }

Quantity PerThousand(int64_t count, int64_t population) {
  return Quantity{count * 1000 * kE4, population};
}

Quantity Average(int64_t total, int64_t n) { return Quantity{total * kE4, n}; }

absl::StatusOr<int64_t> ParseDecimalE4(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  bool negative = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  size_t mark = text.find_first_of(".,");
  absl::string_view whole = text.substr(0, mark);
  absl::string_view fraction = mark == absl::string_view::npos ? "" : text.substr(mark + 1);
  auto all_digits = [](absl::string_view s) {
    for (char c : s) {
      if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
    }
    return true;
  };
  if (whole.empty() || !all_digits(whole) || !all_digits(fraction) ||
      (mark != absl::string_view::npos && fraction.empty())) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", text, "\" is not a decimal number such as 40, 7.5 or 1.80"));
  }
  if (fraction.size() > 4) {
    return absl::InvalidArgumentError(absl::StrCat("\"", text, "\" has more than 4 decimals"));
  }
  int64_t units = 0;
  if (whole.size() > 12 || !absl::SimpleAtoi(whole, &units)) {
    return absl::InvalidArgumentError(absl::StrCat("\"", text, "\" is too large"));
  }
  int64_t frac = 0;
  if (!fraction.empty()) {
    (void)absl::SimpleAtoi(fraction, &frac);
    for (size_t i = fraction.size(); i < 4; ++i) frac *= 10;
  }
  int64_t value = units * kE4 + frac;
  return negative ? -value : value;
}

std::string FormatE4(int64_t value_e4) {
  const bool negative = value_e4 < 0;
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(value_e4) : value_e4;
  std::string out = absl::StrCat(negative ? "-" : "", magnitude / kE4);
  uint64_t frac = magnitude % kE4;
  if (frac != 0) {
    std::string digits = absl::StrCat(frac + kE4).substr(1);  // zero-padded to 4
    while (!digits.empty() && digits.back() == '0') digits.pop_back();
    absl::StrAppend(&out, ".", digits);
  }
  return out;
}

}  // namespace swv::monitoring
