// School support profile rules: each broken once (field, reason) and met once; the October update
// and four-year adoption boundaries; the profile in force and the school counts.
#include "services/registrations/domain/school_profile.h"

#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/services/registrations/domain/domain_test_helpers.h"

namespace swv::registrations::school_profile_test {
namespace {

using ::testing::ElementsAre;

const Day kToday(2026, 11, 16);

SchoolProfileInput Profile() {
  SchoolProfileInput p;
  p.school = "12ab00";
  p.school_year = "2026-2027";
  p.support_level = 3;
  p.offers = {"dyslexie", " Gedrag "};
  p.description = "Reading and behaviour support";
  p.adopted_by_mr_on = "2024-06-10";
  p.updated_on = "2026-10-05";
  p.published = true;
  return p;
}

TEST(SchoolProfile, AValidProfileIsNormalised) {
  absl::StatusOr<ValidSchoolProfile> p = ValidateSchoolProfile(Profile(), kToday);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->school.ToString(), "12AB00");
  EXPECT_EQ(p->school_year.start, 2026);
  EXPECT_THAT(p->offers, ElementsAre("dyslexie", "gedrag"));
  EXPECT_TRUE(p->published);
}

TEST(SchoolProfile, EachRuleOnItsField) {
  auto check = [](auto mutate, absl::string_view field, absl::string_view reason) {
    SchoolProfileInput p = Profile();
    mutate(p);
    ExpectInvalid(ValidateSchoolProfile(p, kToday).status(), field, reason);
  };
  check([](auto& p) { p.school = ""; }, "profile.school", "REQUIRED");
  check([](auto& p) { p.school = "12AB0"; }, "profile.school", "MALFORMED_SCHOOL_CODE");
  check([](auto& p) { p.school_year = ""; }, "profile.school_year", "REQUIRED");
  check([](auto& p) { p.school_year = "2026-2028"; }, "profile.school_year",
        "MALFORMED_SCHOOL_YEAR");
  check([](auto& p) { p.school_year = "2026/2027"; }, "profile.school_year",
        "MALFORMED_SCHOOL_YEAR");
  check([](auto& p) { p.support_level = 0; }, "profile.support_level",
        "SUPPORT_LEVEL_OUT_OF_RANGE");
  check([](auto& p) { p.support_level = 5; }, "profile.support_level",
        "SUPPORT_LEVEL_OUT_OF_RANGE");
  check(
      [](auto& p) {
        p.offers = {"dyslexie", "taal spraak"};
      },
      "profile.offers[1]", "MALFORMED_OFFER");
  check([](auto& p) { p.offers = {"gedrag", "GEDRAG"}; }, "profile.offers[1]", "DUPLICATE_OFFER");
  check(
      [](auto& p) {
        p.offers.clear();
        for (int i = 0; i <= 30; ++i) p.offers.push_back(absl::StrCat("o", i));
      },
      "profile.offers", "TOO_MANY_OFFERS");
  check([](auto& p) { p.description = std::string(4001, 'a'); }, "profile.description", "TOO_LONG");
  check([](auto& p) { p.adopted_by_mr_on = ""; }, "profile.adopted_by_mr_on", "REQUIRED");
  check([](auto& p) { p.adopted_by_mr_on = "2026-11-17"; }, "profile.adopted_by_mr_on",
        "DATE_IN_FUTURE");
  check([](auto& p) { p.updated_on = "2026-02-30"; }, "profile.updated_on", "MALFORMED_DATE");
  check([](auto& p) { p.published.reset(); }, "profile.published", "REQUIRED");
}

TEST(SchoolProfile, AllViolationsAtOnce) {
  SchoolProfileInput p = Profile();
  p.support_level = 9;
  p.published.reset();
  absl::Status status = ValidateSchoolProfile(p, kToday).status();
  EXPECT_EQ(ReasonOf(status), "INVALID_SCHOOL_PROFILE");
  EXPECT_THAT(FieldsOf(status), ElementsAre("profile.support_level", "profile.published"));
}

TEST(SchoolProfile, AnUpdateKeepsSchoolAndYear) {
  ValidSchoolProfile stored = *ValidateSchoolProfile(Profile(), kToday);
  SchoolProfileInput update = Profile();
  update.school = "";
  update.school_year = "";
  update.support_level = 4;
  absl::StatusOr<ValidSchoolProfile> updated = ValidateSchoolProfileUpdate(stored, update, kToday);
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->school.ToString(), "12AB00");
  EXPECT_EQ(updated->support_level, 4);
  update.school = "12AB01";
  ExpectInvalid(ValidateSchoolProfileUpdate(stored, update, kToday).status(), "profile.school",
                "FIXED_FIELD");
  update.school = "12AB00";
  update.school_year = "2025-2026";
  ExpectInvalid(ValidateSchoolProfileUpdate(stored, update, kToday).status(), "profile.school_year",
                "FIXED_FIELD");
}

TEST(SchoolProfile, TheOctoberUpdateIsDueOnceASchoolYear) {
  // Updated in October 2025 (school year 2025-2026): next due 31 October 2026.
  EXPECT_EQ(NextUpdateDue(Day(2025, 10, 15)), Day(2026, 10, 31));
  // Updated in July 2026 (still 2025-2026): the October 2026 update is still due.
  EXPECT_EQ(NextUpdateDue(Day(2026, 7, 31)), Day(2026, 10, 31));
  // Updated in August 2026 (2026-2027): due 31 October 2027.
  EXPECT_EQ(NextUpdateDue(Day(2026, 8, 1)), Day(2027, 10, 31));
  EXPECT_FALSE(IsUpdateOverdue(Day(2025, 10, 15), Day(2026, 10, 31)));
  EXPECT_TRUE(IsUpdateOverdue(Day(2025, 10, 15), Day(2026, 11, 1)));
}

TEST(SchoolProfile, TheMrAdoptsAtLeastEveryFourYears) {
  EXPECT_EQ(AdoptionDue(Day(2022, 6, 10)), Day(2026, 6, 10));
  EXPECT_EQ(AdoptionDue(Day(2024, 2, 29)), Day(2028, 2, 29));
  EXPECT_EQ(AdoptionDue(Day(2020, 2, 29)), Day(2024, 2, 29));
  EXPECT_FALSE(IsAdoptionOverdue(Day(2022, 6, 10), Day(2026, 6, 10)));
  EXPECT_TRUE(IsAdoptionOverdue(Day(2022, 6, 10), Day(2026, 6, 11)));
}

TEST(SchoolProfile, SchoolYears) {
  EXPECT_EQ(FormatSchoolYear(SchoolYear{2026}), "2026-2027");
  EXPECT_EQ(SchoolYearOf(Day(2026, 7, 31)).start, 2025);
  EXPECT_EQ(SchoolYearOf(Day(2026, 8, 1)).start, 2026);
}

TEST(SchoolProfile, TheLatestStartedSchoolYearIsInForce) {
  // Stored in any order: the latest school year wins, not the last row.
  std::vector<ProfileFacts> all = {
      {"12AB00", SchoolYear{2026}, 3, Day(2024, 1, 1), Day(2026, 10, 1)},
      {"12AB00", SchoolYear{2025}, 2, Day(2024, 1, 1), Day(2025, 10, 1)},
      {"34CD00", SchoolYear{2026}, 4, Day(2024, 1, 1), Day(2026, 10, 1)}};
  auto in_force = ProfilesInForce(all, Day(2026, 7, 31));
  ASSERT_EQ(in_force.size(), 1u);
  EXPECT_EQ(in_force["12AB00"]->support_level, 2);
  in_force = ProfilesInForce(all, Day(2026, 8, 1));
  EXPECT_EQ(in_force["12AB00"]->support_level, 3);
  EXPECT_EQ(in_force["34CD00"]->support_level, 4);
}

TEST(SchoolProfile, SchoolsWithoutAProfileCountInTheDenominator) {
  std::vector<ProfileFacts> all = {
      {"12AB00", SchoolYear{2026}, 3, Day(2022, 1, 1), Day(2026, 10, 1)},
      {"34CD00", SchoolYear{2026}, 4, Day(2024, 1, 1), Day(2025, 10, 1)},
      {"56EF00", SchoolYear{2026}, 2, Day(2024, 1, 1), Day(2026, 10, 1)}};
  std::map<std::string, SupportStatistics> stats;
  CountSchoolProfiles(
      {"12AB00", "34CD00", "56EF00", "78GH00"}, all, Day(2026, 12, 31),
      [](const std::string&) { return std::string(); }, stats);
  const SupportStatistics& s = stats[""];
  EXPECT_EQ(s.schools_counted, 4);
  EXPECT_EQ(s.schools_with_profile, 3);
  EXPECT_EQ(s.schools_at_level_3_or_higher, 2);
  EXPECT_EQ(s.schools_at_level_4, 1);
  EXPECT_EQ(s.profiles_update_overdue, 1);    // 34CD00: updated in 2025-2026, due 2026-10-31
  EXPECT_EQ(s.profiles_adoption_overdue, 1);  // 12AB00: adopted 2022-01-01
}

TEST(WijkOverview, WhoOffersWhatWhereAtWhichLevel) {
  std::vector<School> schools(3);
  schools[0].code = "12AB00";
  schools[0].wijk = "OOST";
  schools[1].code = "34CD00";
  schools[1].wijk = "OOST";
  schools[2].code = "56EF00";
  schools[2].wijk = "WEST";
  std::vector<Wijk> wijken = {{"OOST", "Oost", ""}, {"WEST", "West", ""}, {"NOORD", "Noord", ""}};
  SchoolProfileInput a = Profile();
  a.support_level = 4;
  SchoolProfileInput b = Profile();
  b.school = "34CD00";
  b.offers = {"gedrag", "hoogbegaafdheid"};
  SchoolProfileInput c = Profile();
  c.school = "99ZZ00";  // not in the directory
  std::vector<ValidSchoolProfile> profiles = {*ValidateSchoolProfile(a, kToday),
                                              *ValidateSchoolProfile(b, kToday),
                                              *ValidateSchoolProfile(c, kToday)};
  std::vector<WijkSupport> overview = BuildWijkOverview(schools, wijken, profiles, kToday);
  ASSERT_EQ(overview.size(), 4u);
  EXPECT_EQ(overview[0].wijk, "");
  ASSERT_EQ(overview[0].schools.size(), 1u);
  EXPECT_EQ(overview[0].schools[0].school, "99ZZ00");
  EXPECT_EQ(overview[1].wijk, "NOORD");
  EXPECT_TRUE(overview[1].schools.empty());
  const WijkSupport& oost = overview[2];
  EXPECT_EQ(oost.display_name, "Oost");
  ASSERT_EQ(oost.offers.size(), 3u);
  EXPECT_EQ(oost.offers[1].offer, "gedrag");
  EXPECT_THAT(oost.offers[1].schools, ElementsAre("12AB00", "34CD00"));
  EXPECT_EQ(oost.offers[1].highest_level, 4);
  EXPECT_EQ(oost.schools_without_profile, 0);
  EXPECT_EQ(overview[3].schools_without_profile, 1);
  EXPECT_EQ(overview[3].schools[0].support_level, 0);
}

}  // namespace
}  // namespace swv::registrations::school_profile_test
