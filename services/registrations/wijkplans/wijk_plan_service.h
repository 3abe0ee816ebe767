// Use cases of the wijken's yearly plans: record one per wijk and year, revise it, read and list
// within the caller's reach (the office; the schools and boards of the plan's wijk), the history.
// Transport-free; "today" from the injected clock. Thread-safe (no state of its own).
#ifndef SWV_SERVICES_REGISTRATIONS_WIJKPLANS_WIJK_PLAN_SERVICE_H_
#define SWV_SERVICES_REGISTRATIONS_WIJKPLANS_WIJK_PLAN_SERVICE_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/common/access_policy.h"
#include "services/common/clock.h"
#include "services/common/principal.h"
#include "services/registrations/directory/directory_repository.h"
#include "services/registrations/domain/wijk_plan.h"
#include "services/registrations/records/record_access.h"
#include "services/registrations/wijkplans/wijk_plan_repository.h"

namespace swv::registrations {

class WijkPlanService {
 public:
  // No pointer is owned; each must outlive the service. `directory` says which wijken exist.
  WijkPlanService(RecordStore<WijkPlanRecord>* store, DirectoryRepository* directory,
                  const Clock* clock, AccessPolicy access);

  // ALREADY_EXISTS "WIJK_PLAN_EXISTS" when the wijk has a plan for that year; INVALID_ARGUMENT
  // "UNKNOWN_WIJK" (wijk_plan.wijk) when the directory does not know the wijk.
  absl::StatusOr<WijkPlanRecord> Record(const Principal& caller, absl::string_view swv,
                                        const WijkPlanInput& input, absl::string_view request_id);
  // The content replaced; wijk and year must be left empty or as stored ("FIXED_FIELD").
  absl::StatusOr<WijkPlanRecord> Update(const Principal& caller, absl::string_view swv,
                                        absl::string_view id, const WijkPlanInput& input,
                                        int64_t expected_version);
  // year 0: every year.
  absl::StatusOr<ListResult<WijkPlanRecord>> List(const Principal& caller, absl::string_view swv,
                                                  int page_size, absl::string_view page_token,
                                                  int year) const;

  // Reads and the history, within the caller's reach.
  const RecordAccess<WijkPlanRecord>& plans() const { return plans_; }

 private:
  absl::CivilDay Today() const;

  DirectoryRepository* directory_;
  const Clock* clock_;
  AccessPolicy access_;
  RecordAccess<WijkPlanRecord> plans_;
};

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_WIJKPLANS_WIJK_PLAN_SERVICE_H_
