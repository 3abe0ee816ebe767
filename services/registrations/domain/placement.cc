#include "services/registrations/domain/placement.h"

#include <algorithm>
#include <tuple>

namespace swv::registrations {
namespace {

// Everything known about one pupil in the period.
struct PupilFacts {
  // (date, 0 for an OPP / 1 for a TLV, school) of the earliest record: the first school.
  absl::optional<std::tuple<absl::CivilDay, int, std::string>> first;
  bool extra_support = false;
  bool so_profile = false;
  // The TLV valid on the end day with the latest valid_from.
  const TlvPlacement* valid_at_end = nullptr;
};

void NoteFirst(PupilFacts& facts, absl::CivilDay day, int order, const std::string& school) {
  auto candidate = std::make_tuple(day, order, school);
  if (!facts.first || candidate < *facts.first) facts.first = candidate;
}

}  // namespace

bool PlacementCounts::operator==(const PlacementCounts& o) const {
  return extra_support_pupils == o.extra_support_pupils &&
         served_at_first_school == o.served_at_first_school &&
         served_in_same_wijk == o.served_in_same_wijk && served_elsewhere == o.served_elsewhere &&
         so_profile_pupils == o.so_profile_pupils &&
         so_profile_at_mdo_inside_region == o.so_profile_at_mdo_inside_region;
}

PlacementStatistics ComputePlacementStatistics(const std::vector<OppPlacement>& opps,
                                               const std::vector<TlvPlacement>& tlvs,
                                               const std::map<std::string, School>& schools,
                                               DayRange period, absl::CivilDay today) {
  const absl::CivilDay last = std::min(period.last, today);
  const DayRange known{period.first, last};  // the period up to today
  std::map<std::string, PupilFacts> pupils;
  for (const OppPlacement& opp : opps) {
    PupilFacts& facts = pupils[opp.pupil_id];
    NoteFirst(facts, opp.start_date, 0, opp.school);
    if (!known.Overlaps(opp.start_date, opp.end_date)) continue;
    facts.extra_support = true;
    if (opp.so_tlv_profile) facts.so_profile = true;
  }
  for (const TlvPlacement& tlv : tlvs) {
    PupilFacts& facts = pupils[tlv.pupil_id];
    NoteFirst(facts, tlv.received_on, 1, tlv.referring_school);
    if (!known.Overlaps(tlv.valid_from, tlv.valid_until)) continue;
    facts.extra_support = true;
    if (tlv.kind == TlvKind::kSo) facts.so_profile = true;
    const bool valid_at_end =
        tlv.valid_from <= last && (!tlv.valid_until || *tlv.valid_until >= last);
    if (valid_at_end &&
        (facts.valid_at_end == nullptr || facts.valid_at_end->valid_from < tlv.valid_from)) {
      facts.valid_at_end = &tlv;
    }
  }
  auto find = [&schools](const std::string& code) -> const School* {
    auto it = schools.find(code);
    return it == schools.end() ? nullptr : &it->second;
  };
  PlacementStatistics out;
  for (const auto& [pupil_id, facts] : pupils) {
    if (!facts.extra_support && !facts.so_profile) continue;
    const std::string& first_school = std::get<2>(*facts.first);
    const std::string& served_at =
        facts.valid_at_end != nullptr ? facts.valid_at_end->receiving_school : first_school;
    const School* first = find(first_school);
    const School* served = find(served_at);
    PlacementCounts delta;
    if (facts.extra_support) {
      delta.extra_support_pupils = 1;
      if (served_at == first_school) {
        delta.served_at_first_school = 1;
      } else if (first != nullptr && served != nullptr && !first->wijk.empty() &&
                 first->wijk == served->wijk) {
        delta.served_in_same_wijk = 1;
      } else {
        delta.served_elsewhere = 1;
      }
    }
    if (facts.so_profile) {
      delta.so_profile_pupils = 1;
      if (served != nullptr && served->kind == SchoolKind::kMdo && served->inside_region) {
        delta.so_profile_at_mdo_inside_region = 1;
      }
    }
    for (PlacementCounts* counts : {&out.total, &out.by_first_school[first_school]}) {
      counts->extra_support_pupils += delta.extra_support_pupils;
      counts->served_at_first_school += delta.served_at_first_school;
      counts->served_in_same_wijk += delta.served_in_same_wijk;
      counts->served_elsewhere += delta.served_elsewhere;
      counts->so_profile_pupils += delta.so_profile_pupils;
      counts->so_profile_at_mdo_inside_region += delta.so_profile_at_mdo_inside_region;
    }
  }
  return out;
}

}  // namespace swv::registrations
