#include "services/registrations/domain/school_profile.h"

#include <algorithm>
#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/kernel/errors.h"
#include "services/registrations/domain/validation.h"

namespace swv::registrations {
namespace {

bool IsOfferCode(absl::string_view code) {
  if (code.empty() || code.size() > kMaxOfferLength) return false;
  for (char c : code) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '-') return false;
  }
  return true;
}

// The fields every profile has, whether created or updated (school and year apart).
void CheckProfileFields(Violations& v, const SchoolProfileInput& input, absl::CivilDay today,
                        ValidSchoolProfile& out) {
  if (input.support_level < kMinSupportLevel || input.support_level > kMaxSupportLevel) {
    v.Add("support_level", "SUPPORT_LEVEL_OUT_OF_RANGE",
          absl::StrCat("must be ", kMinSupportLevel, "-", kMaxSupportLevel, ", got ",
                       input.support_level));
  } else {
    out.support_level = input.support_level;
  }
  if (input.offers.size() > kMaxOffers) {
    v.Add("offers", "TOO_MANY_OFFERS",
          absl::StrCat("at most ", kMaxOffers, " offers, got ", input.offers.size()));
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < input.offers.size() && i < kMaxOffers; ++i) {
    const std::string code = absl::AsciiStrToLower(absl::StripAsciiWhitespace(input.offers[i]));
    const std::string field = absl::StrCat("offers[", i, "]");
    if (!IsOfferCode(code)) {
      v.Add(field, "MALFORMED_OFFER",
            absl::StrCat("must be 1-", kMaxOfferLength, " of [a-z0-9-], e.g. \"dyslexie\", got \"",
                         input.offers[i], "\""));
    } else if (!seen.insert(code).second) {
      v.Add(field, "DUPLICATE_OFFER", absl::StrCat("\"", code, "\" is listed twice"));
    } else {
      out.offers.push_back(code);
    }
  }
  CheckText(v, "description", input.description, false, kMaxProfileDescription,
            "what the school offers", out.description, /*allow_line_breaks=*/true);
  CheckRequiredPastDate(v, "adopted_by_mr_on", input.adopted_by_mr_on, today,
                        "the day the MR adopted the profile", out.adopted_by_mr_on);
  CheckRequiredPastDate(v, "updated_on", input.updated_on, today, "the day of the last update",
                        out.updated_on);
  CheckRequired(v, "published", input.published,
                "whether the profile is published (website or school guide), true or false",
                out.published);
}

}  // namespace

absl::StatusOr<SchoolYear> ParseSchoolYear(absl::string_view field, absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  int first = 0, second = 0;
  const bool ok =
      text.size() == 9 && text[4] == '-' && absl::SimpleAtoi(text.substr(0, 4), &first) &&
      absl::SimpleAtoi(text.substr(5, 4), &second) && first >= 1900 && second == first + 1 &&
      absl::ascii_isdigit(text[0]) && absl::ascii_isdigit(text[5]);
  if (!ok) {
    return InvalidField(
        field, "MALFORMED_SCHOOL_YEAR",
        absl::StrCat("must be a school year like \"2026-2027\", got \"", text, "\""));
  }
  return SchoolYear{first};
}

std::string FormatSchoolYear(SchoolYear year) {
  return absl::StrFormat("%04d-%04d", year.start, year.start + 1);
}

SchoolYear SchoolYearOf(absl::CivilDay day) {
  return SchoolYear{static_cast<int>(day.month() >= 8 ? day.year() : day.year() - 1)};
}

absl::StatusOr<ValidSchoolProfile> ValidateSchoolProfile(const SchoolProfileInput& input,
                                                         absl::CivilDay today) {
  Violations v("profile.");
  ValidSchoolProfile out;
  CheckSchool(v, "school", input.school, "the school location", out.school);
  if (absl::StripAsciiWhitespace(input.school_year).empty()) {
    v.Add("school_year", "REQUIRED", "is required: the school year, e.g. \"2026-2027\"");
  } else {
    absl::StatusOr<SchoolYear> year = ParseSchoolYear(v.Field("school_year"), input.school_year);
    if (year.ok()) {
      out.school_year = *year;
    } else {
      v.AddStatus(year.status());
    }
  }
  CheckProfileFields(v, input, today, out);
  if (!v.empty()) return v.ToStatus("INVALID_SCHOOL_PROFILE");
  return out;
}

absl::StatusOr<ValidSchoolProfile> ValidateSchoolProfileUpdate(const ValidSchoolProfile& stored,
                                                               const SchoolProfileInput& input,
                                                               absl::CivilDay today) {
  Violations v("profile.");
  ValidSchoolProfile out;
  out.school = stored.school;
  out.school_year = stored.school_year;
  if (!absl::StripAsciiWhitespace(input.school).empty()) {
    absl::StatusOr<SchoolCode> code = ParseSchoolCode(v.Field("school"), input.school);
    if (!code.ok() || !(*code == stored.school)) {
      v.Add("school", "FIXED_FIELD",
            absl::StrCat("is fixed after create: ", stored.school.ToString()));
    }
  }
  if (!absl::StripAsciiWhitespace(input.school_year).empty()) {
    absl::StatusOr<SchoolYear> year = ParseSchoolYear(v.Field("school_year"), input.school_year);
    if (!year.ok() || !(*year == stored.school_year)) {
      v.Add("school_year", "FIXED_FIELD",
            absl::StrCat("is fixed after create: ", FormatSchoolYear(stored.school_year)));
    }
  }
  CheckProfileFields(v, input, today, out);
  if (!v.empty()) return v.ToStatus("INVALID_SCHOOL_PROFILE");
  return out;
}

absl::CivilDay NextUpdateDue(absl::CivilDay updated_on) {
  return absl::CivilDay(SchoolYearOf(updated_on).start + 1, 10, 31);
}

absl::CivilDay AdoptionDue(absl::CivilDay adopted_by_mr_on) {
  return AddMonthsClamped(adopted_by_mr_on, 48);
}

bool IsUpdateOverdue(absl::CivilDay updated_on, absl::CivilDay today) {
  return today > NextUpdateDue(updated_on);
}

bool IsAdoptionOverdue(absl::CivilDay adopted_by_mr_on, absl::CivilDay today) {
  return today > AdoptionDue(adopted_by_mr_on);
}

std::map<std::string, const ProfileFacts*> ProfilesInForce(const std::vector<ProfileFacts>& all,
                                                           absl::CivilDay day) {
  std::map<std::string, const ProfileFacts*> out;
  for (const ProfileFacts& p : all) {
    if (p.school_year.first_day() > day) continue;
    const ProfileFacts*& slot = out[p.school];
    if (slot == nullptr || slot->school_year < p.school_year) slot = &p;
  }
  return out;
}

std::vector<WijkSupport> BuildWijkOverview(const std::vector<School>& schools,
                                           const std::vector<Wijk>& wijken,
                                           const std::vector<ValidSchoolProfile>& profiles,
                                           absl::CivilDay today) {
  std::map<std::string, const ValidSchoolProfile*> by_school;
  for (const ValidSchoolProfile& p : profiles) by_school[p.school.ToString()] = &p;
  std::map<std::string, WijkSupport> out;
  for (const Wijk& w : wijken) {
    out[w.code].wijk = w.code;
    out[w.code].display_name = w.display_name;
  }
  std::map<std::string, std::pair<std::string, std::string>> members;  // code: (wijk, name)
  for (const School& s : schools) members[s.code] = {s.wijk, s.display_name};
  for (const auto& [code, unused] : by_school) members.emplace(code, std::make_pair("", ""));
  std::map<std::string, std::map<std::string, WijkOffer>> offers;
  for (const auto& [code, member] : members) {
    WijkSupport& wijk = out[member.first];
    wijk.wijk = member.first;
    WijkSchoolSupport school;
    school.school = code;
    school.display_name = member.second;
    auto it = by_school.find(code);
    if (it == by_school.end()) {
      ++wijk.schools_without_profile;
    } else {
      const ValidSchoolProfile& p = *it->second;
      school.support_level = p.support_level;
      school.offers = p.offers;
      school.update_overdue = IsUpdateOverdue(p.updated_on, today);
      for (const std::string& offer : p.offers) {
        WijkOffer& o = offers[member.first][offer];
        o.offer = offer;
        o.schools.push_back(code);
        o.highest_level = std::max(o.highest_level, p.support_level);
      }
    }
    wijk.schools.push_back(std::move(school));
  }
  std::vector<WijkSupport> result;
  for (auto& [code, wijk] : out) {
    for (auto& [offer, o] : offers[code]) wijk.offers.push_back(std::move(o));
    result.push_back(std::move(wijk));
  }
  return result;
}

}  // namespace swv::registrations
