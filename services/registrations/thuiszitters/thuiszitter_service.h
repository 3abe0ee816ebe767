// The thuiszitter use cases: report, get, list, close, history, and the per-SWV settings.
//
// Transport-free: takes domain values and the calling principal, returns domain values or an
// absl::Status. Every use case checks the principal's scope (access_policy.h): a case out of scope
// answers NOT_FOUND as if it did not exist, lists leave such cases out, partners never write and
// the settings are the office's. The principal's id is the actor in history rows. The gRPC adapter
// (grpc_registrations.h) and any future transport call this. Derived fields (category, days absent)
// depend on "today", which comes from the injected clock.
//
// Thread-safety: safe for concurrent use; holds no mutable state of its own.
#ifndef SWV_SERVICES_REGISTRATIONS_THUISZITTERS_THUISZITTER_SERVICE_H_
#define SWV_SERVICES_REGISTRATIONS_THUISZITTERS_THUISZITTER_SERVICE_H_

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/common/access_policy.h"
#include "services/common/clock.h"
#include "services/common/expiring_cache.h"
#include "services/common/principal.h"
#include "services/registrations/domain/register.h"
#include "services/registrations/domain/thuiszitter.h"
#include "services/registrations/records/record_access.h"
#include "services/registrations/thuiszitters/thuiszitter_repository.h"

namespace swv::registrations {

// A stored case plus what is derived from it as of today.
struct ThuiszitterView {
  ThuiszitterCase stored;
  ThuiszitterCategory category;
  int days_absent = 0;
  absl::CivilDay four_week_mark;
  ThuiszitterFlags flags;  // as of today; both false for closed cases
  // For a youth-care caller: the standing consent it reads the case under ("cs-…"), which the
  // gateway's access log keeps as the ground of the read; "" for everyone else.
  std::string read_under_consent;
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

  // How long a report may use the reporting policy it read before: a change made through another
  // replica applies to reports within this time (through this one at once).
  static constexpr absl::Duration kPolicyKept = absl::Seconds(2);

  // No pointer is owned; each must outlive the service. `access`: the scope rules, with a board's
  // schools read from the directory.
  ThuiszitterService(RecordStore<ThuiszitterCase>* cases, ThuiszitterRepository* repository,
                     const Clock* clock, AccessPolicy access);

  absl::StatusOr<ThuiszitterView> Report(const Principal& caller, absl::string_view swv,
                                         const ThuiszitterReport& report,
                                         absl::string_view request_id);
  absl::StatusOr<ThuiszitterView> Get(const Principal& caller, absl::string_view swv,
                                      absl::string_view case_id);
  absl::StatusOr<ListCasesResult> List(const Principal& caller, const ListCasesRequest& request);
  // expected_version 0 means "whatever the current version is".
  absl::StatusOr<ThuiszitterView> Close(const Principal& caller, absl::string_view swv,
                                        absl::string_view case_id, const CloseInput& input,
                                        int64_t expected_version);
  // Sets (or replaces, as a new plan version) the plan of an open case. expected_version 0 means
  // "whatever the current version is".
  absl::StatusOr<ThuiszitterView> SetPlan(const Principal& caller, absl::string_view swv,
                                          absl::string_view case_id, const PlanInput& input,
                                          int64_t expected_version);
  absl::StatusOr<std::vector<RecordChange>> History(const Principal& caller, absl::string_view swv,
                                                    absl::string_view case_id);
  // Leerplicht's own action (domain/leerplicht_action.h), by leerplicht for a child of its
  // municipalities or by the office.
  absl::StatusOr<ThuiszitterView> RecordLeerplichtAction(const Principal& caller,
                                                         absl::string_view swv,
                                                         absl::string_view case_id,
                                                         const LeerplichtActionInput& input,
                                                         int64_t expected_version);

  // The parents' consents to share a case with youth care (domain/consent.h): recorded and
  // withdrawn by the school or the office (as a change of the case, in its history), listed by
  // them. RecordConsent answers the case with the new consent last; WithdrawConsent an empty
  // `withdrawn_on` means today. expected_version 0 means "whatever the current version is".
  absl::StatusOr<ThuiszitterView> RecordConsent(const Principal& caller, absl::string_view swv,
                                                absl::string_view case_id,
                                                const ConsentInput& input,
                                                int64_t expected_version);
  absl::StatusOr<ThuiszitterView> WithdrawConsent(const Principal& caller, absl::string_view swv,
                                                  absl::string_view case_id,
                                                  absl::string_view consent_id,
                                                  absl::string_view withdrawn_on,
                                                  int64_t expected_version);
  // The consents of a case, for the schools' rule (a youth-care caller sees none of them).
  absl::StatusOr<std::vector<Consent>> ListConsents(const Principal& caller, absl::string_view swv,
                                                    absl::string_view case_id);

  absl::StatusOr<SwvSettingsRecord> GetSettings(const Principal& caller, absl::string_view swv);
  // expected_version 0 means "whatever the current version is".
  absl::StatusOr<SwvSettingsRecord> UpdateSettings(const Principal& caller, absl::string_view swv,
                                                   const ThuiszitterPolicy& policy,
                                                   int64_t expected_version);

  absl::CivilDay Today() const;

 private:
  // `caller` decides read_under_consent.
  ThuiszitterView ViewOf(ThuiszitterCase stored, const Principal* caller = nullptr) const;
  // Close and SetPlan: the case read for the caller's write, changed by `change`, and stored.
  absl::StatusOr<ThuiszitterView> Change(
      const Principal& caller, absl::string_view swv, absl::string_view case_id,
      int64_t expected_version, absl::string_view action,
      const std::function<absl::Status(ThuiszitterCase&)>& change);

  // The tenant's reporting policy, from the cache while kPolicyKept allows.
  absl::StatusOr<ThuiszitterPolicy> ReportingPolicy(absl::string_view tenant);
  // Keeps `settings`' policy for kPolicyKept, unless a newer version is kept already.
  void KeepPolicy(const SwvSettingsRecord& settings);

  // A policy with the settings version it was read at.
  struct KeptPolicy {
    ThuiszitterPolicy policy;
    int64_t version = 0;
  };

  ThuiszitterRepository* repository_;  // settings
  const Clock* clock_;
  ExpiringCache<KeptPolicy> policies_{1024};  // by tenant
  AccessPolicy access_;
  RecordAccess<ThuiszitterCase> cases_;  // over access_
};

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_THUISZITTERS_THUISZITTER_SERVICE_H_
