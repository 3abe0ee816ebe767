// Reporting periods: a calendar year ("2026") or a quarter of it ("2026-Q3"). Goals have targets
// per calendar year, so a quarter is measured year to date: from 1 January to the quarter's last
// day, against the year's target. The previous period (for the trend) is the previous quarter, or
// for Q1 and for a year, the whole previous year. Pure.
#ifndef SWV_SERVICES_MONITORING_DOMAIN_PERIOD_H_
#define SWV_SERVICES_MONITORING_DOMAIN_PERIOD_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace swv::monitoring {

struct Period {
  int year = 0;
  int quarter = 0;  // 0 = the whole year, else 1-4

  absl::CivilDay first_day() const { return absl::CivilDay(year, 1, 1); }
  absl::CivilDay last_day() const;
  std::string ToString() const;  // "2026" / "2026-Q3"
  Period Previous() const;
  bool operator==(const Period& o) const { return year == o.year && quarter == o.quarter; }
  bool operator<(const Period& o) const {
    return year != o.year ? year < o.year : quarter < o.quarter;
  }
};

// "2026" or "2026-Q3" (also "2026-q3"), years 2000-2100. INVALID_ARGUMENT naming `field`, reason
// MALFORMED_PERIOD.
absl::StatusOr<Period> ParsePeriod(absl::string_view field, absl::string_view text);

}  // namespace swv::monitoring

#endif  // SWV_SERVICES_MONITORING_DOMAIN_PERIOD_H_
