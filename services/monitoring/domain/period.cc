#include "services/monitoring/domain/period.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/kernel/errors.h"

namespace swv::monitoring {

absl::CivilDay Period::last_day() const {
  if (quarter == 0) return absl::CivilDay(year, 12, 31);
  // The day before the first day of the next quarter.
  return absl::CivilDay(absl::CivilMonth(year, quarter * 3 + 1)) - 1;
}

std::string Period::ToString() const {
  return quarter == 0 ? absl::StrCat(year) : absl::StrCat(year, "-Q", quarter);
}

Period Period::Previous() const {
  if (quarter > 1) return Period{year, quarter - 1};
  return Period{year - 1, 0};
}

absl::StatusOr<Period> ParsePeriod(absl::string_view field, absl::string_view text) {
  auto bad = [&] {
    return InvalidField(field, "MALFORMED_PERIOD",
                        "a year \"2026\" or a quarter \"2026-Q3\" (years 2000-2100)");
  };
  Period period;
  absl::string_view year_text = text.substr(0, 4);
  if (text.size() < 4 || !absl::SimpleAtoi(year_text, &period.year) ||
      !absl::ascii_isdigit(static_cast<unsigned char>(year_text[0])) || period.year < 2000 ||
      period.year > 2100) {
    return bad();
  }
  if (text.size() == 4) return period;
  if (text.size() != 7 || text[4] != '-' || (text[5] != 'Q' && text[5] != 'q') || text[6] < '1' ||
      text[6] > '4') {
    return bad();
  }
  period.quarter = text[6] - '0';
  return period;
}

}  // namespace swv::monitoring
