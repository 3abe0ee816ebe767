// Placement statistics for goal monitoring (seeds 000/001, SWV Onderwijs dat Past): where pupils
// with extra support are served, and where pupils with an SO-TLV profile are educated. Counted
// inside registrations from OPPs, granted TLVs and the directory; only counts leave the service.
//
// Definitions (docs/tlv.md, "Placement statistics"), for a period [from, to] evaluated at
// end = min(to, today):
//  - a pupil is one SWV-internal pupil id;
//  - extra support in the period: an OPP running in the period (started on or before the end, not
//    ended before from), or a granted TLV valid in the period (valid_from on or before the end,
//    valid_until absent or not before from);
//  - SO-TLV profile in the period: a granted SO TLV valid in the period, or an OPP running in the
//    period with so_tlv_profile set;
//  - first school: the school of the pupil's earliest record (OPP by start date, TLV by its
//    referring school and received date; an OPP wins a tie): the school where the pupil was
//    first registered with extra support;
//  - served at (educated at): the receiving school of a granted TLV valid on the end day (the
//    latest valid_from when several), else the first school;
//  - same wijk: a school other than the first school with the same non-empty wijk code in the
//    directory; MDO inside the region: directory kind MDO and inside_region.
// Pure functions; thread-safe.
#ifndef SWV_SERVICES_REGISTRATIONS_DOMAIN_PLACEMENT_H_
#define SWV_SERVICES_REGISTRATIONS_DOMAIN_PLACEMENT_H_

#include <map>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/types/optional.h"
#include "services/registrations/domain/calendar.h"
#include "services/registrations/domain/directory.h"
#include "services/registrations/domain/tlv.h"

namespace swv::registrations {

// An OPP as the placement statistics see it (current version).
struct OppPlacement {
  std::string pupil_id;
  std::string school;
  absl::CivilDay start_date;
  absl::optional<absl::CivilDay> end_date;
  bool so_tlv_profile = false;
};

// A granted TLV as the placement statistics see it.
struct TlvPlacement {
  std::string pupil_id;
  std::string referring_school;
  std::string receiving_school;
  TlvKind kind = TlvKind::kSbo;
  absl::CivilDay received_on;
  absl::CivilDay valid_from;
  absl::optional<absl::CivilDay> valid_until;
};

struct PlacementCounts {
  int extra_support_pupils = 0;
  int served_at_first_school = 0;
  int served_in_same_wijk = 0;
  int served_elsewhere = 0;
  int so_profile_pupils = 0;
  int so_profile_at_mdo_inside_region = 0;
  bool operator==(const PlacementCounts& o) const;
};

struct PlacementStatistics {
  PlacementCounts total;
  std::map<std::string, PlacementCounts> by_first_school;  // only schools with pupils
};

// `schools` is the tenant's directory by code (a code it lacks has no wijk and is no MDO).
PlacementStatistics ComputePlacementStatistics(const std::vector<OppPlacement>& opps,
                                               const std::vector<TlvPlacement>& tlvs,
                                               const std::map<std::string, School>& schools,
                                               DayRange period, absl::CivilDay today);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_DOMAIN_PLACEMENT_H_
