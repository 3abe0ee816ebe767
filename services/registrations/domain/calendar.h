// Calendar arithmetic shared by the registration rules (thuiszitter categories, OPDC half-year
// limits, quarters of the Inspectie register). Pure functions; thread-safe.
#ifndef SWV_SERVICES_REGISTRATIONS_DOMAIN_CALENDAR_H_
#define SWV_SERVICES_REGISTRATIONS_DOMAIN_CALENDAR_H_

#include "absl/time/civil_time.h"
#include "absl/types/optional.h"

namespace swv::registrations {

// Calendar-month addition that keeps the day of month, clamped to the target month's last day:
// 30 Nov + 3 months = 28 Feb (29 Feb in a leap year), 31 Aug + 6 months = 28/29 Feb.
// `months` may be negative.
absl::CivilDay AddMonthsClamped(absl::CivilDay day, int months);

// Whether a record opened on `start` and closed on `end` (the closing day no longer counts; no
// end = still open) is open on `day`.
inline bool OpenOn(absl::CivilDay start, const absl::optional<absl::CivilDay>& end,
                   absl::CivilDay day) {
  return start <= day && !(end && *end <= day);
}

// A closed range of days [first, last]; used for report periods and quarters.
struct DayRange {
  absl::CivilDay first;
  absl::CivilDay last;

  bool Contains(absl::CivilDay day) const { return first <= day && day <= last; }
  // Whether a record in force from `start` to `end` (both days included; no end = still in force)
  // shares a day with the range.
  bool Overlaps(absl::CivilDay start, const absl::optional<absl::CivilDay>& end) const {
    return start <= last && (!end || *end >= first);
  }
  bool operator==(const DayRange& other) const {
    return first == other.first && last == other.last;
  }
};

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_DOMAIN_CALENDAR_H_
