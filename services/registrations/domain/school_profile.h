// School support profiles (schoolondersteuningsprofiel, SOP): per school location and school year
// the support level, the support offered, the day the school's MR adopted it, the day it was last
// updated and whether it is published. Pure rules; "today" is a parameter. Errors follow
// thuiszitter.h (all violations at once, one reason per rule, fields as the client writes them:
// "profile.support_level").
//
// - Every school updates its profile every October (004, "Jaarlijks in oktober"): an update
//   counts for the school year (1 August - 31 July) it falls in, so the next one is due on
//   31 October of the following school year; after that day the update is overdue.
// - The MR adopts it at least every four years (002): due on adopted_by_mr_on + 4 years (29
//   February clamped to 28 February), overdue after that day.
// - Support levels are 1-4 (000 sets goals for levels 3 and 4; "level 3" counts a school at 4).
//
// Pure functions on values; thread-safe.
#ifndef SWV_SERVICES_REGISTRATIONS_DOMAIN_SCHOOL_PROFILE_H_
#define SWV_SERVICES_REGISTRATIONS_DOMAIN_SCHOOL_PROFILE_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/optional.h"
#include "services/kernel/identifiers.h"
#include "services/registrations/domain/calendar.h"
#include "services/registrations/domain/directory.h"
#include "services/registrations/domain/support.h"

namespace swv::registrations {

inline constexpr int kMinSupportLevel = 1;
inline constexpr int kMaxSupportLevel = 4;
inline constexpr size_t kMaxOffers = 30;
inline constexpr size_t kMaxOfferLength = 40;
inline constexpr size_t kMaxProfileDescription = 4000;

// A school year by the calendar year it starts in: 2026 is "2026-2027".
struct SchoolYear {
  int start = 0;
  absl::CivilDay first_day() const { return absl::CivilDay(start, 8, 1); }
  absl::CivilDay last_day() const { return absl::CivilDay(start + 1, 7, 31); }
  bool operator==(const SchoolYear& o) const { return start == o.start; }
  bool operator<(const SchoolYear& o) const { return start < o.start; }
};

// "2026-2027"; the years must follow each other ("MALFORMED_SCHOOL_YEAR").
absl::StatusOr<SchoolYear> ParseSchoolYear(absl::string_view field, absl::string_view text);
std::string FormatSchoolYear(SchoolYear year);
// The school year `day` falls in.
SchoolYear SchoolYearOf(absl::CivilDay day);

// As the client wrote it.
struct SchoolProfileInput {
  std::string school;
  std::string school_year;
  int support_level = 0;
  std::vector<std::string> offers;
  std::string description;
  std::string adopted_by_mr_on;
  std::string updated_on;
  absl::optional<bool> published;
};

struct ValidSchoolProfile {
  SchoolCode school;
  SchoolYear school_year;
  int support_level = 0;
  std::vector<std::string> offers;  // lower case, in the order given, each once
  std::string description;
  absl::CivilDay adopted_by_mr_on;
  absl::CivilDay updated_on;
  bool published = false;
};

// Every rule at once (prefix "profile."): school (REQUIRED, MALFORMED_SCHOOL_CODE), school_year
// (REQUIRED, MALFORMED_SCHOOL_YEAR), support_level 1-4 (SUPPORT_LEVEL_OUT_OF_RANGE), offers
// (TOO_MANY_OFFERS, MALFORMED_OFFER, DUPLICATE_OFFER), description (TOO_LONG), adopted_by_mr_on and
// updated_on (REQUIRED, MALFORMED_DATE, DATE_IN_FUTURE), published stated (REQUIRED). Combined
// reason "INVALID_SCHOOL_PROFILE".
absl::StatusOr<ValidSchoolProfile> ValidateSchoolProfile(const SchoolProfileInput& input,
                                                         absl::CivilDay today);

// An update: as ValidateSchoolProfile; `input.school` and `input.school_year` must be empty or
// name the stored ones ("FIXED_FIELD").
absl::StatusOr<ValidSchoolProfile> ValidateSchoolProfileUpdate(const ValidSchoolProfile& stored,
                                                               const SchoolProfileInput& input,
                                                               absl::CivilDay today);

// 31 October of the school year after the one `updated_on` falls in.
absl::CivilDay NextUpdateDue(absl::CivilDay updated_on);
// adopted_by_mr_on + 4 years.
absl::CivilDay AdoptionDue(absl::CivilDay adopted_by_mr_on);
bool IsUpdateOverdue(absl::CivilDay updated_on, absl::CivilDay today);
bool IsAdoptionOverdue(absl::CivilDay adopted_by_mr_on, absl::CivilDay today);

// A stored profile as the statistics and the wijk overview see it.
struct ProfileFacts {
  std::string school;
  SchoolYear school_year;
  int support_level = 0;
  absl::CivilDay adopted_by_mr_on;
  absl::CivilDay updated_on;
};

// The profile in force for each school on `day`: of its profiles whose school year has started
// by then, the latest school year. Keyed by school code.
std::map<std::string, const ProfileFacts*> ProfilesInForce(const std::vector<ProfileFacts>& all,
                                                           absl::CivilDay day);

// Counts the schools of the statistics: `schools` (the directory's schools that should have a
// profile) and every school with a profile in force on `as_of`, each into stats[key(school)].
template <typename KeyOf>
void CountSchoolProfiles(const std::vector<std::string>& schools,
                         const std::vector<ProfileFacts>& profiles, absl::CivilDay as_of,
                         KeyOf key_of, std::map<std::string, SupportStatistics>& stats) {
  const std::map<std::string, const ProfileFacts*> in_force = ProfilesInForce(profiles, as_of);
  std::map<std::string, bool> counted;
  for (const std::string& school : schools) counted[school] = true;
  for (const auto& [school, facts] : in_force) counted[school] = true;
  for (const auto& [school, unused] : counted) {
    SupportStatistics& s = stats[key_of(school)];
    ++s.schools_counted;
    auto it = in_force.find(school);
    if (it == in_force.end()) continue;
    const ProfileFacts& p = *it->second;
    ++s.schools_with_profile;
    if (p.support_level >= 3) ++s.schools_at_level_3_or_higher;
    if (p.support_level >= 4) ++s.schools_at_level_4;
    if (IsUpdateOverdue(p.updated_on, as_of)) ++s.profiles_update_overdue;
    if (IsAdoptionOverdue(p.adopted_by_mr_on, as_of)) ++s.profiles_adoption_overdue;
  }
}

// ---- The wijk overview: which school offers which support at which level (the dekkend
// netwerk of 002/004).

struct WijkSchoolSupport {
  std::string school;
  std::string display_name;
  int support_level = 0;  // 0: no profile for the school year
  std::vector<std::string> offers;
  bool update_overdue = false;
};

struct WijkOffer {
  std::string offer;
  std::vector<std::string> schools;  // sorted
  int highest_level = 0;
};

struct WijkSupport {
  std::string wijk;  // "" for schools without a wijk (or unknown to the directory)
  std::string display_name;
  std::vector<WijkSchoolSupport> schools;  // sorted by code
  std::vector<WijkOffer> offers;           // sorted by offer
  int schools_without_profile = 0;
};

// Every school of the directory (and every school with a profile it lacks, under wijk ""), by
// wijk in code order, with its profile of the school year as of `today`.
std::vector<WijkSupport> BuildWijkOverview(const std::vector<School>& schools,
                                           const std::vector<Wijk>& wijken,
                                           const std::vector<ValidSchoolProfile>& profiles,
                                           absl::CivilDay today);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_DOMAIN_SCHOOL_PROFILE_H_
