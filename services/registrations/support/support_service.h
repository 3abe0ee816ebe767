// Use cases of arrangements and OPDC placements: apply/decide, start/extend/end, history and the
// support statistics. Transport-free; "today" from the injected clock. Thread-safe (no state).
#ifndef SWV_SERVICES_REGISTRATIONS_SUPPORT_SUPPORT_SERVICE_H_
#define SWV_SERVICES_REGISTRATIONS_SUPPORT_SUPPORT_SERVICE_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/optional.h"
#include "services/common/access_policy.h"
#include "services/common/clock.h"
#include "services/common/principal.h"
#include "services/registrations/domain/support.h"
#include "services/registrations/records/record_access.h"
#include "services/registrations/register/register_service.h"
#include "services/registrations/support/support_repository.h"

namespace swv::registrations {

// A stored arrangement plus what is derived from it as of today.
struct ArrangementView {
  ArrangementRecord stored;
  absl::CivilDay decision_due;
  bool overdue = false;
  bool decided_late = false;
};

struct SupportStatisticsResult {
  DayRange period;
  absl::CivilDay as_of;
  std::map<std::string, SupportStatistics> groups;  // key "" or a school code
};

class SupportService {
 public:
  // `access`: the scope rules (an arrangement or placement belongs to its school; a wijk
  // arrangement is the office's; statistics are tenant-wide), with a board's schools read from the
  // directory.
  SupportService(const SupportStores& stores, const Clock* clock, AccessPolicy access);

  absl::StatusOr<ArrangementView> CreateArrangement(const Principal& caller, absl::string_view swv,
                                                    const ArrangementApplication& input,
                                                    absl::string_view request_id);
  absl::StatusOr<ArrangementView> GetArrangement(const Principal& caller, absl::string_view swv,
                                                 absl::string_view id);
  absl::StatusOr<ListResult<ArrangementView>> ListArrangements(
      const Principal& caller, absl::string_view swv, int page_size, absl::string_view page_token,
      absl::string_view school, absl::optional<ArrangementStatus> status);
  absl::StatusOr<ArrangementView> DecideArrangement(const Principal& caller, absl::string_view swv,
                                                    absl::string_view id,
                                                    const ArrangementDecisionInput& input,
                                                    int64_t expected_version);

  absl::StatusOr<OpdcPlacementRecord> CreatePlacement(const Principal& caller,
                                                      absl::string_view swv,
                                                      const OpdcPlacementInput& input,
                                                      absl::string_view request_id);
  absl::StatusOr<ListResult<OpdcPlacementRecord>> ListPlacements(
      const Principal& caller, absl::string_view swv, int page_size, absl::string_view page_token,
      absl::string_view school, absl::optional<bool> ended);
  absl::StatusOr<OpdcPlacementRecord> ExtendPlacement(const Principal& caller,
                                                      absl::string_view swv, absl::string_view id,
                                                      const OpdcExtensionInput& input,
                                                      int64_t expected_version);
  absl::StatusOr<OpdcPlacementRecord> EndPlacement(const Principal& caller, absl::string_view swv,
                                                   absl::string_view id, const OpdcEndInput& input,
                                                   int64_t expected_version);

  // Reads (placements) and histories (both kinds), within the caller's reach.
  const RecordAccess<ArrangementRecord>& arrangements() const { return arrangements_; }
  const RecordAccess<OpdcPlacementRecord>& placements() const { return placements_; }

  // by_school false: one group "". by_school: wijk arrangements under "".
  absl::StatusOr<SupportStatisticsResult> Statistics(const Principal& caller, absl::string_view swv,
                                                     absl::string_view from, absl::string_view to,
                                                     bool by_school);

 private:
  absl::CivilDay Today() const;
  ArrangementView ViewOf(ArrangementRecord stored) const;

  const Clock* clock_;
  AccessPolicy access_;
  RecordAccess<ArrangementRecord> arrangements_;
  RecordAccess<OpdcPlacementRecord> placements_;
};

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_SUPPORT_SUPPORT_SERVICE_H_
