// Placement statistics (domain/placement.h) over a hand-built set of OPPs, granted TLVs and a
// directory; every count worked out by hand in the comments.
#include "services/registrations/domain/placement.h"

#include "gtest/gtest.h"

namespace swv::registrations::placement_test {
namespace {

School SchoolOf(const std::string& code, SchoolKind kind, bool inside, const std::string& wijk) {
  School s;
  s.code = code;
  s.kind = kind;
  s.inside_region = inside;
  s.wijk = wijk;
  return s;
}

std::map<std::string, School> Directory() {
  std::map<std::string, School> schools;
  for (const School& s : {SchoolOf("11AA00", SchoolKind::kRegular, true, "W1"),
                          SchoolOf("12AA00", SchoolKind::kRegular, true, "W1"),
                          SchoolOf("21BB00", SchoolKind::kRegular, true, "W2"),
                          SchoolOf("31SB00", SchoolKind::kSbo, true, "W1"),
                          SchoolOf("41SO00", SchoolKind::kSo, true, ""),
                          SchoolOf("51MD00", SchoolKind::kMdo, true, "W2"),
                          SchoolOf("61MD00", SchoolKind::kMdo, false, "")}) {
    schools[s.code] = s;
  }
  return schools;
}

OppPlacement Opp(const std::string& pupil, const std::string& school, absl::CivilDay start,
                 absl::optional<absl::CivilDay> end = absl::nullopt, bool so_profile = false) {
  return OppPlacement{pupil, school, start, end, so_profile};
}

TlvPlacement Tlv(const std::string& pupil, const std::string& from, const std::string& to,
                 TlvKind kind, absl::CivilDay received, absl::CivilDay valid_from,
                 absl::optional<absl::CivilDay> valid_until = absl::nullopt) {
  return TlvPlacement{pupil, from, to, kind, received, valid_from, valid_until};
}

const DayRange k2026{absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 12, 31)};
const absl::CivilDay kToday(2027, 2, 1);

TEST(PlacementTest, CountsPerPupilByFirstSchoolAndWhereServedAtTheEnd) {
  const std::vector<OppPlacement> opps = {
      Opp("p1", "11AA00", absl::CivilDay(2026, 2, 1)),   // at its first school
      Opp("p2", "11AA00", absl::CivilDay(2026, 1, 10)),  // TLV to SBO in W1
      Opp("p2", "11AA00", absl::CivilDay(2025, 9, 1), absl::CivilDay(2025, 12, 31)),  // older OPP
      Opp("p3", "21BB00", absl::CivilDay(2026, 3, 1)),  // TLV to SBO in W1: elsewhere
      Opp("p4", "51MD00", absl::CivilDay(2026, 4, 1), absl::nullopt, true),  // SO profile at MDO
      Opp("p5", "11AA00", absl::CivilDay(2026, 5, 1), absl::nullopt, true),  // SO profile, regular
      Opp("p6", "61MD00", absl::CivilDay(2026, 5, 1), absl::nullopt, true),  // MDO outside region
      Opp("p7", "11AA00", absl::CivilDay(2025, 1, 1), absl::CivilDay(2025, 12, 31)),  // not in 2026
      Opp("p8", "12AA00", absl::CivilDay(2026, 1, 5)),  // TLV ended in June: back
  };
  const std::vector<TlvPlacement> tlvs = {
      Tlv("p2", "11AA00", "31SB00", TlvKind::kSbo, absl::CivilDay(2026, 2, 1),
          absl::CivilDay(2026, 3, 1)),
      Tlv("p3", "21BB00", "31SB00", TlvKind::kSbo, absl::CivilDay(2026, 3, 2),
          absl::CivilDay(2026, 4, 1), absl::CivilDay(2028, 7, 31)),
      // p9: only a TLV (SO, no wijk): extra support, SO profile, elsewhere.
      Tlv("p9", "12AA00", "41SO00", TlvKind::kSo, absl::CivilDay(2025, 10, 1),
          absl::CivilDay(2025, 11, 1)),
      Tlv("p8", "12AA00", "31SB00", TlvKind::kSbo, absl::CivilDay(2025, 6, 1),
          absl::CivilDay(2025, 7, 1), absl::CivilDay(2026, 6, 30)),
  };
  PlacementStatistics stats = ComputePlacementStatistics(opps, tlvs, Directory(), k2026, kToday);
  // Extra support in 2026: p1 p2 p3 p4 p5 p6 p8 p9 (not p7). First school: p1, p4, p5, p6, p8
  // (its TLV ended before the end) = 5; same wijk: p2 = 1; elsewhere: p3, p9 = 2.
  EXPECT_EQ(stats.total.extra_support_pupils, 8);
  EXPECT_EQ(stats.total.served_at_first_school, 5);
  EXPECT_EQ(stats.total.served_in_same_wijk, 1);
  EXPECT_EQ(stats.total.served_elsewhere, 2);
  // SO-TLV profile: p4, p5, p6, p9; at an MDO inside the region: p4.
  EXPECT_EQ(stats.total.so_profile_pupils, 4);
  EXPECT_EQ(stats.total.so_profile_at_mdo_inside_region, 1);

  ASSERT_EQ(stats.by_first_school.size(), 5u);
  const PlacementCounts& a = stats.by_first_school.at("11AA00");  // p1 p2 p5
  EXPECT_EQ(a.extra_support_pupils, 3);
  EXPECT_EQ(a.served_at_first_school, 2);
  EXPECT_EQ(a.served_in_same_wijk, 1);
  EXPECT_EQ(a.so_profile_pupils, 1);
  const PlacementCounts& b = stats.by_first_school.at("12AA00");  // p8 p9
  EXPECT_EQ(b.extra_support_pupils, 2);
  EXPECT_EQ(b.served_at_first_school, 1);
  EXPECT_EQ(b.served_elsewhere, 1);
  EXPECT_EQ(stats.by_first_school.at("21BB00").served_elsewhere, 1);
  EXPECT_EQ(stats.by_first_school.at("51MD00").so_profile_at_mdo_inside_region, 1);
  EXPECT_EQ(stats.by_first_school.at("61MD00").so_profile_at_mdo_inside_region, 0);
  EXPECT_EQ(stats.by_first_school.count("31SB00"), 0u);  // a receiving school is no first school

  // Sums of the schools are the total.
  PlacementCounts sum;
  for (const auto& [school, c] : stats.by_first_school) {
    sum.extra_support_pupils += c.extra_support_pupils;
    sum.served_at_first_school += c.served_at_first_school;
    sum.served_in_same_wijk += c.served_in_same_wijk;
    sum.served_elsewhere += c.served_elsewhere;
    sum.so_profile_pupils += c.so_profile_pupils;
    sum.so_profile_at_mdo_inside_region += c.so_profile_at_mdo_inside_region;
  }
  EXPECT_EQ(sum, stats.total);
}

TEST(PlacementTest, TheEndIsTodayWhenThePeriodRunsOn) {
  // p2's TLV starts on 2026-03-01; asked on 2026-02-15 it is still at its first school.
  const std::vector<OppPlacement> opps = {Opp("p2", "11AA00", absl::CivilDay(2026, 1, 10))};
  const std::vector<TlvPlacement> tlvs = {Tlv("p2", "11AA00", "31SB00", TlvKind::kSbo,
                                              absl::CivilDay(2026, 2, 1),
                                              absl::CivilDay(2026, 3, 1))};
  PlacementStatistics early =
      ComputePlacementStatistics(opps, tlvs, Directory(), k2026, absl::CivilDay(2026, 2, 15));
  EXPECT_EQ(early.total.served_at_first_school, 1);
  EXPECT_EQ(early.total.served_in_same_wijk, 0);
  PlacementStatistics late = ComputePlacementStatistics(opps, tlvs, Directory(), k2026, kToday);
  EXPECT_EQ(late.total.served_at_first_school, 0);
  EXPECT_EQ(late.total.served_in_same_wijk, 1);
  // An OPP starting the day after the end is not counted; one ending on the first day is.
  PlacementStatistics edges = ComputePlacementStatistics(
      {Opp("a", "11AA00", absl::CivilDay(2027, 1, 1)),
       Opp("b", "11AA00", absl::CivilDay(2025, 1, 1), absl::CivilDay(2026, 1, 1))},
      {}, Directory(), k2026, kToday);
  EXPECT_EQ(edges.total.extra_support_pupils, 1);
}

TEST(PlacementTest, SchoolsMissingFromTheDirectoryAreNeverTheSameWijk) {
  PlacementStatistics stats =
      ComputePlacementStatistics({},
                                 {Tlv("p", "99XX00", "98XX00", TlvKind::kSo,
                                      absl::CivilDay(2026, 1, 5), absl::CivilDay(2026, 2, 1))},
                                 Directory(), k2026, kToday);
  EXPECT_EQ(stats.total.served_elsewhere, 1);
  EXPECT_EQ(stats.total.so_profile_at_mdo_inside_region, 0);
  EXPECT_TRUE(
      ComputePlacementStatistics({}, {}, Directory(), k2026, kToday).by_first_school.empty());
}

}  // namespace
}  // namespace swv::registrations::placement_test
