// Use cases of the register's own record kinds: exemptions (vrijstelling artikel 5 onder a) and
// monitorkinderen. Transport-free; "today" from the injected clock. Thread-safe (no state).
#ifndef SWV_SERVICES_REGISTRATIONS_REGISTER_REGISTER_SERVICE_H_
#define SWV_SERVICES_REGISTRATIONS_REGISTER_REGISTER_SERVICE_H_

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
#include "services/registrations/domain/register.h"
#include "services/registrations/records/record_access.h"
#include "services/registrations/register/register_repository.h"

namespace swv::registrations {

class RegisterService {
 public:
  // Neither pointer is owned.
  // `access`: the scope rules (a record belongs to its school; an exemption without a school is the
  // office's), with a board's schools read from the directory.
  RegisterService(const RegisterStores& stores, const Clock* clock, AccessPolicy access);

  absl::StatusOr<ExemptionRecord> RecordExemption(const Principal& caller, absl::string_view swv,
                                                  const ExemptionInput& input,
                                                  absl::string_view request_id);
  absl::StatusOr<ListResult<ExemptionRecord>> ListExemptions(const Principal& caller,
                                                             absl::string_view swv, int page_size,
                                                             absl::string_view page_token);

  absl::StatusOr<MonitorkindRecord> RegisterMonitorkind(const Principal& caller,
                                                        absl::string_view swv,
                                                        const MonitorkindInput& input,
                                                        absl::string_view request_id);
  absl::StatusOr<ListResult<MonitorkindRecord>> ListMonitorkinderen(
      const Principal& caller, absl::string_view swv, int page_size, absl::string_view page_token,
      absl::optional<CaseStatus> status);
  // expected_version 0: whatever the current version is.
  absl::StatusOr<MonitorkindRecord> CloseMonitorkind(const Principal& caller, absl::string_view swv,
                                                     absl::string_view id, const CloseInput& input,
                                                     int64_t expected_version);

  // Reads and histories, within the caller's reach.
  const RecordAccess<ExemptionRecord>& exemptions() const { return exemptions_; }
  const RecordAccess<MonitorkindRecord>& monitorkinderen() const { return monitorkinderen_; }

 private:
  absl::CivilDay Today() const;

  const Clock* clock_;
  AccessPolicy access_;
  RecordAccess<ExemptionRecord> exemptions_;
  RecordAccess<MonitorkindRecord> monitorkinderen_;
};

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_REGISTER_REGISTER_SERVICE_H_
