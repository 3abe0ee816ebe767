// Reporting periods: a calendar year ("2026"), a quarter of it ("2026-Q3"), or a four-month
// period ("2026-T2": May to August; SWVs that report every four months, seed 002). Goals have
// targets per calendar year, so a quarter or a four-month period is measured year to date: from
// 1 January to its last day, against the year's target. The previous period (for the trend) is the
// previous quarter or four-month period of the year, or for the first one and for a year, the
// whole previous year. Pure.
#ifndef SWV_SERVICES_MONITORING_DOMAIN_PERIOD_H_
#define SWV_SERVICES_MONITORING_DOMAIN_PERIOD_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace swv::monitoring {

struct Period {
  int year = 0;
  int quarter = 0;  // 1-4 for a quarter, else 0
  int tertial = 0;  // 1-3 for a four-month period, else 0 (never both)

  absl::CivilDay first_day() const { return absl::CivilDay(year, 1, 1); }
  absl::CivilDay last_day() const;
  std::string ToString() const;  // "2026" / "2026-Q3" / "2026-T2"
  Period Previous() const;
  bool whole_year() const { return quarter == 0 && tertial == 0; }
  bool operator==(const Period& o) const {
    return year == o.year && quarter == o.quarter && tertial == o.tertial;
  }
  // By year, then by last day; on the same last day a quarter, then a four-month period, then
  // the year.
  bool operator<(const Period& o) const {
    if (year != o.year) return year < o.year;
    if (last_day() != o.last_day()) return last_day() < o.last_day();
    return Rank() < o.Rank();
  }

 private:
  int Rank() const { return quarter != 0 ? 0 : tertial != 0 ? 1 : 2; }
};

// "2026", "2026-Q3" or "2026-T2" (also lower case), years 2000-2100. INVALID_ARGUMENT naming
// `field`, reason MALFORMED_PERIOD.
absl::StatusOr<Period> ParsePeriod(absl::string_view field, absl::string_view text);

}  // namespace swv::monitoring

#endif  // SWV_SERVICES_MONITORING_DOMAIN_PERIOD_H_
