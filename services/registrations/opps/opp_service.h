// The OPP use cases: create, get, list, new version, version history. Transport-free.
// Derived fields (evaluation due/overdue, drawn up late) use "today" from the injected clock.
// Thread-safety: safe for concurrent use.
#ifndef SWV_SERVICES_REGISTRATIONS_OPPS_OPP_SERVICE_H_
#define SWV_SERVICES_REGISTRATIONS_OPPS_OPP_SERVICE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "services/common/access_policy.h"
#include "services/common/clock.h"
#include "services/common/principal.h"
#include "services/registrations/domain/opp.h"
#include "services/registrations/opps/opp_repository.h"
#include "services/registrations/records/record_access.h"

namespace swv::registrations {

struct OppView {
  OppRecord stored;
  absl::CivilDay evaluation_due;
  bool evaluation_overdue = false;
  bool drawn_up_late = false;
};

struct OppListResult {
  std::vector<OppView> opps;
  std::string next_page_token;
};

class OppService {
 public:
  static constexpr int kDefaultPageSize = 50;
  static constexpr int kMaxPageSize = 500;
  static constexpr size_t kMaxReasonLength = 500;

  // `access`: the scope rules (an OPP belongs to its school), with a board's schools read from
  // the directory.
  OppService(RecordStore<OppRecord>* store, const Clock* clock, AccessPolicy access);

  absl::StatusOr<OppView> Create(const Principal& caller, absl::string_view swv,
                                 const OppInput& input, absl::string_view request_id);
  absl::StatusOr<OppView> Get(const Principal& caller, absl::string_view swv,
                              absl::string_view opp_id);
  absl::StatusOr<OppListResult> List(const Principal& caller, absl::string_view swv, int page_size,
                                     absl::string_view page_token, absl::string_view school);
  // A new version replacing the settable fields. school and lvs_pupil_number are fixed: empty or
  // equal to the stored ones, else INVALID_ARGUMENT "IMMUTABLE_FIELD". expected_version 0 means
  // "the current one"; otherwise a mismatch is ABORTED ("VERSION_MISMATCH"). A reason (1-500
  // characters) is required: every version says why it was made.
  absl::StatusOr<OppView> Update(const Principal& caller, absl::string_view swv,
                                 absl::string_view opp_id, OppInput input, int64_t expected_version,
                                 absl::string_view reason);
  absl::StatusOr<std::vector<RecordChange>> Versions(const Principal& caller, absl::string_view swv,
                                                     absl::string_view opp_id);

  absl::CivilDay Today() const;
  OppView ViewOf(OppRecord stored) const;

 private:
  const Clock* clock_;
  AccessPolicy access_;
  RecordAccess<OppRecord> opps_;
};

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_OPPS_OPP_SERVICE_H_
