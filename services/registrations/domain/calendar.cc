#include "services/registrations/domain/calendar.h"

namespace swv::registrations {

absl::CivilDay AddMonthsClamped(absl::CivilDay day, int months) {
  const absl::CivilMonth target = absl::CivilMonth(day) + months;
  const absl::CivilDay last_of_target = absl::CivilDay(target + 1) - 1;
  const int dom = day.day() < last_of_target.day() ? day.day() : last_of_target.day();
  return absl::CivilDay(target.year(), target.month(), dom);
}

}  // namespace swv::registrations
