// The thuiszitter use cases: report, get, list, close, history, and the per-SWV settings.
//
// Transport-free: takes domain values and the acting principal, returns domain values or an
// absl::Status. The gRPC adapter (grpc_registrations.h) and any future transport call this.
// Derived fields (category, days absent) depend on "today", which comes from the injected clock.
//
// Thread-safety: safe for concurrent use; holds no mutable state of its own.
#ifndef SWV_SERVICES_REGISTRATIONS_THUISZITTER_SERVICE_H_
#define SWV_SERVICES_REGISTRATIONS_THUISZITTER_SERVICE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/common/clock.h"
#include "services/registrations/domain/register.h"
#include "services/registrations/domain/thuiszitter.h"
#include "services/registrations/thuiszitter_repository.h"

namespace swv::registrations {

// A stored case plus what is derived from it as of today.
struct ThuiszitterView {
  ThuiszitterCase stored;
  ThuiszitterCategory category;
  int days_absent = 0;
  ThuiszitterFlags flags;  // as of today; both false for closed cases
};

struct ListCasesRequest {
  std::string swv;  // as received; canonicalised by the service
  int page_size = 0;
  std::string page_token;
  std::string school;                  // optional filter, as received
  std::string residence_municipality;  // optional filter, as received
  absl::optional<CaseStatus> status;
};

struct ListCasesResult {
  std::vector<ThuiszitterView> cases;
  std::string next_page_token;
};

class ThuiszitterService {
 public:
  static constexpr int kDefaultPageSize = 50;
  static constexpr int kMaxPageSize = 500;

  // Neither pointer is owned; both must outlive the service.
  ThuiszitterService(ThuiszitterRepository* repository, const Clock* clock);

  absl::StatusOr<ThuiszitterView> Report(absl::string_view actor, absl::string_view swv,
                                         const ThuiszitterReport& report,
                                         absl::string_view request_id);
  absl::StatusOr<ThuiszitterView> Get(absl::string_view swv, absl::string_view case_id);
  absl::StatusOr<ListCasesResult> List(const ListCasesRequest& request);
  // expected_version 0 means "whatever the current version is".
  absl::StatusOr<ThuiszitterView> Close(absl::string_view actor, absl::string_view swv,
                                        absl::string_view case_id, const CloseInput& input,
                                        int64_t expected_version);
  // Sets (or replaces, as a new plan version) the plan of an open case. expected_version 0 means
  // "whatever the current version is".
  absl::StatusOr<ThuiszitterView> SetPlan(absl::string_view actor, absl::string_view swv,
                                          absl::string_view case_id, const PlanInput& input,
                                          int64_t expected_version);
  absl::StatusOr<std::vector<ThuiszitterChange>> History(absl::string_view swv,
                                                         absl::string_view case_id);

  absl::StatusOr<SwvSettingsRecord> GetSettings(absl::string_view swv);
  // expected_version 0 means "whatever the current version is".
  absl::StatusOr<SwvSettingsRecord> UpdateSettings(absl::string_view actor, absl::string_view swv,
                                                   const ThuiszitterPolicy& policy,
                                                   int64_t expected_version);

  absl::CivilDay Today() const;

 private:
  ThuiszitterView ViewOf(ThuiszitterCase stored) const;

  ThuiszitterRepository* repository_;
  const Clock* clock_;
  absl::TimeZone zone_;
};

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_THUISZITTER_SERVICE_H_
