// Use cases of escalations up to doorzettingsmacht: open one (for a thuiszitter case or a child
// without a school place), add the next step of the SWV's model, record the binding decision,
// close it; read, list and the history within the caller's reach. Transport-free; "today" from the
// injected clock. Thread-safe (no state of its own).
#ifndef SWV_SERVICES_REGISTRATIONS_ESCALATIONS_ESCALATION_SERVICE_H_
#define SWV_SERVICES_REGISTRATIONS_ESCALATIONS_ESCALATION_SERVICE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/optional.h"
#include "services/common/access_policy.h"
#include "services/common/clock.h"
#include "services/common/principal.h"
#include "services/registrations/domain/escalation.h"
#include "services/registrations/escalations/escalation_repository.h"
#include "services/registrations/records/record_access.h"
#include "services/registrations/thuiszitters/thuiszitter_repository.h"

namespace swv::registrations {

// An escalation as answered: the stored record and, as of today, whether it and each of its steps
// are overdue (domain/escalation.h).
struct EscalationView {
  EscalationRecord stored;
  bool overdue = false;
  std::vector<bool> step_overdue;  // one per step
};

class EscalationService {
 public:
  // No pointer is owned; each must outlive the service. `cases` is where an escalated
  // thuiszitter case is looked up.
  EscalationService(RecordStore<EscalationRecord>* store, RecordStore<ThuiszitterCase>* cases,
                    const Clock* clock, AccessPolicy access);

  // `input.thuiszitter_case_id` holds the case's resource name as the client wrote it
  // ("swvs/{swv}/thuiszitters/{id}", the same SWV), or "".
  absl::StatusOr<EscalationView> Open(const Principal& caller, absl::string_view swv,
                                      EscalationInput input, absl::string_view request_id);
  absl::StatusOr<EscalationView> Get(const Principal& caller, absl::string_view swv,
                                     absl::string_view id) const;
  absl::StatusOr<ListResult<EscalationView>> List(const Principal& caller, absl::string_view swv,
                                                  int page_size, absl::string_view page_token,
                                                  absl::optional<CaseStatus> status) const;
  // expected_version 0: whatever the current version is.
  absl::StatusOr<EscalationView> AddStep(const Principal& caller, absl::string_view swv,
                                         absl::string_view id, const EscalationStepInput& input,
                                         int64_t expected_version);
  absl::StatusOr<EscalationView> DecideBinding(const Principal& caller, absl::string_view swv,
                                               absl::string_view id,
                                               const BindingDecisionInput& input,
                                               int64_t expected_version);
  absl::StatusOr<EscalationView> Close(const Principal& caller, absl::string_view swv,
                                       absl::string_view id, absl::string_view closed_on,
                                       absl::string_view reason, int64_t expected_version);

  // The history, within the schools' reach.
  const RecordAccess<EscalationRecord>& escalations() const { return escalations_; }

 private:
  absl::CivilDay Today() const;
  EscalationView ViewOf(EscalationRecord stored) const;
  // The escalation read for the caller's write, changed by `change` (a domain rule), stored.
  absl::StatusOr<EscalationView> Change(const Principal& caller, absl::string_view swv,
                                        absl::string_view id, int64_t expected_version,
                                        absl::string_view action,
                                        const std::function<absl::Status(Escalation&)>& change);
  // The escalated case named by `case_name`, as the domain needs it; INVALID_ARGUMENT on
  // "escalation.thuiszitter" when it is malformed, of another SWV or unknown, FAILED_PRECONDITION
  // CASE_ALREADY_CLOSED when it is closed.
  absl::StatusOr<absl::optional<EscalatedCase>> EscalatedCaseOf(const std::string& tenant,
                                                                std::string& case_name) const;

  RecordStore<ThuiszitterCase>* cases_;
  const Clock* clock_;
  AccessPolicy access_;
  RecordAccess<EscalationRecord> escalations_;
};

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_ESCALATIONS_ESCALATION_SERVICE_H_
