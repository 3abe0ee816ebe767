#include "services/monitoring/domain/national.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/monitoring/domain/fixed_point.h"

namespace swv::monitoring {
namespace {

absl::optional<std::pair<int, int64_t>> LatestAtOrBefore(const std::map<int, int64_t>& figures,
                                                         int year) {
  auto it = figures.upper_bound(year);
  if (it == figures.begin()) return absl::nullopt;
  --it;
  return *it;
}

}  // namespace

absl::StatusOr<NationalFigures> NationalFigures::Parse(absl::string_view text) {
  NationalFigures figures;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line[0] == '#') continue;
    auto error = [&](absl::string_view what) {
      return absl::InvalidArgumentError(absl::StrCat("line ", line_number, ": ", what));
    };
    std::vector<absl::string_view> sides = absl::StrSplit(line, absl::MaxSplits('=', 1));
    if (sides.size() != 2) return error("expected \"sbo 2021 = 2.5\"");
    std::vector<absl::string_view> key = absl::StrSplit(sides[0], ' ', absl::SkipWhitespace());
    int year = 0;
    if (key.size() != 2 || (key[0] != "sbo" && key[0] != "so") ||
        !absl::SimpleAtoi(key[1], &year) || year < 2000 || year > 2100) {
      return error("expected \"sbo <year>\" or \"so <year>\" before '='");
    }
    absl::StatusOr<int64_t> value = ParseDecimalE4(sides[1]);
    if (!value.ok()) return error(value.status().message());
    if (*value < 0 || *value > 100 * kE4) return error("a percentage lies in 0-100");
    figures.Set(key[0], year, *value);
  }
  return figures;
}

void NationalFigures::Set(absl::string_view key, int year, int64_t value_e4) {
  (key == "sbo" ? sbo_ : so_)[year] = value_e4;
}

absl::optional<NationalFigure> NationalFigures::For(absl::string_view key, int year) const {
  if (key == "sbo" || key == "so") {
    auto found = LatestAtOrBefore(key == "sbo" ? sbo_ : so_, year);
    if (!found) return absl::nullopt;
    return NationalFigure{
        found->second, found->first,
        absl::StrCat("national ", key == "sbo" ? "SBO" : "SO", " participation ", found->first)};
  }
  if (key == "total") {
    for (int y = year; y >= 2000; --y) {
      auto sbo = sbo_.find(y);
      auto so = so_.find(y);
      if (sbo != sbo_.end() && so != so_.end()) {
        return NationalFigure{sbo->second + so->second, y,
                              absl::StrCat("national SBO + SO participation ", y)};
      }
    }
  }
  return absl::nullopt;
}

}  // namespace swv::monitoring
