#include "services/monitoring/domain/period.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/kernel/errors.h"

namespace swv::monitoring {

absl::CivilDay Period::last_day() const {
  // The day before the first day of the next quarter or four-month period.
  if (quarter != 0) return absl::CivilDay(absl::CivilMonth(year, quarter * 3 + 1)) - 1;
  if (tertial != 0) return absl::CivilDay(absl::CivilMonth(year, tertial * 4 + 1)) - 1;
  return absl::CivilDay(year, 12, 31);
}

std::string Period::ToString() const {
  if (quarter != 0) return absl::StrCat(year, "-Q", quarter);
  if (tertial != 0) return absl::StrCat(year, "-T", tertial);
  return absl::StrCat(year);
}

Period Period::Previous() const {
  if (quarter > 1) return Period{year, quarter - 1, 0};
  if (tertial > 1) return Period{year, 0, tertial - 1};
  return Period{year - 1, 0, 0};
}

absl::StatusOr<Period> ParsePeriod(absl::string_view field, absl::string_view text) {
  auto bad = [&] {
    return InvalidField(field, "MALFORMED_PERIOD",
                        "a year \"2026\", a quarter \"2026-Q3\" or a four-month period "
                        "\"2026-T2\" (years 2000-2100)");
  };
  Period period;
  absl::string_view year_text = text.substr(0, 4);
  if (text.size() < 4 || !absl::SimpleAtoi(year_text, &period.year) ||
      !absl::ascii_isdigit(static_cast<unsigned char>(year_text[0])) || period.year < 2000 ||
      period.year > 2100) {
    return bad();
  }
  if (text.size() == 4) return period;
  if (text.size() != 7 || text[4] != '-') return bad();
  const char kind = absl::ascii_toupper(static_cast<unsigned char>(text[5]));
  const int part = text[6] - '0';
  if (kind == 'Q' && part >= 1 && part <= 4) {
    period.quarter = part;
  } else if (kind == 'T' && part >= 1 && part <= 3) {
    period.tertial = part;
  } else {
    return bad();
  }
  return period;
}

}  // namespace swv::monitoring
