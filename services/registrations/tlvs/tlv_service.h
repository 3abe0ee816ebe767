// The TLV use cases: receive, complete, extend, decide, record an objection, renew, read, list,
// history, statistics, and the SWV's TLV settings. Transport-free; the rules are domain/tlv.h,
// this layer fetches what they need (directory facts, the attached OPP, the SWV's policy) and
// stores the result. Deadlines and overdue flags use "today" from the injected clock.
// Thread-safety: safe for concurrent use.
#ifndef SWV_SERVICES_REGISTRATIONS_TLVS_TLV_SERVICE_H_
#define SWV_SERVICES_REGISTRATIONS_TLVS_TLV_SERVICE_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/optional.h"
#include "services/common/access_policy.h"
#include "services/common/clock.h"
#include "services/common/principal.h"
#include "services/registrations/directory/directory_repository.h"
#include "services/registrations/domain/tlv.h"
#include "services/registrations/opps/opp_repository.h"
#include "services/registrations/tlvs/tlv_repository.h"

namespace swv::registrations {

struct TlvView {
  TlvRecord stored;
  absl::optional<absl::CivilDay> deadline;
  bool overdue = false;
  bool decided_late = false;
  absl::optional<int> days_to_complete;
  absl::optional<int> days_to_decision;
};

struct TlvListRequest {
  std::string swv;
  int page_size = 0;
  std::string page_token;
  absl::optional<TlvStatus> status;
  bool overdue_only = false;
};

struct TlvListResult {
  std::vector<TlvView> tlvs;
  std::string next_page_token;
};

// How a TLV statistics answer is grouped besides its totals (tlv_statistics.proto, TlvGrouping).
enum class TlvGrouping { kNone, kSchool, kWijk, kBoard };

struct TlvStatisticsRequest {
  std::string swv;
  std::string from;
  std::string to;
  std::string board;
  std::string school;
  std::string wijk;
  TlvGrouping group_by = TlvGrouping::kNone;
};

struct TlvStatisticsResult {
  DayRange period;
  TlvStatistics statistics;                     // the totals after the filters
  std::map<std::string, TlvStatistics> groups;  // by key; empty without a grouping
};

struct PlacementStatisticsResult {
  DayRange period;
  absl::CivilDay as_of;  // min(period.last, today)
  PlacementStatistics statistics;
};

class TlvService {
 public:
  static constexpr int kDefaultPageSize = 50;
  static constexpr int kMaxPageSize = 500;

  // None of the pointers is owned. `access`: the scope rules, with a board's schools read from the
  // directory.
  TlvService(TlvRepository* tlvs, const OppStores* opps, DirectoryRepository* directory,
             const Clock* clock, AccessPolicy access);

  absl::StatusOr<TlvView> Create(const Principal& caller, absl::string_view swv,
                                 const TlvApplicationInput& input, absl::string_view request_id);
  absl::StatusOr<TlvView> Get(const Principal& caller, absl::string_view swv,
                              absl::string_view tlv_id);
  absl::StatusOr<TlvListResult> List(const Principal& caller, const TlvListRequest& request);
  // `opp_name` is "swvs/{swv}/opps/{opp}" (the OPP of the same SWV) or empty.
  absl::StatusOr<TlvView> Complete(const Principal& caller, absl::string_view swv,
                                   absl::string_view tlv_id, absl::string_view opp_name,
                                   TlvCompleteInput input, int64_t expected_version);
  absl::StatusOr<TlvView> Extend(const Principal& caller, absl::string_view swv,
                                 absl::string_view tlv_id, const TlvExtendInput& input,
                                 int64_t expected_version);
  absl::StatusOr<TlvView> Decide(const Principal& caller, absl::string_view swv,
                                 absl::string_view tlv_id, const TlvDecideInput& input,
                                 int64_t expected_version);
  absl::StatusOr<TlvView> RecordObjection(const Principal& caller, absl::string_view swv,
                                          absl::string_view tlv_id, const TlvObjectionInput& input,
                                          int64_t expected_version);
  // Returns the new application. `input` carries received_on and optionally a new receiving
  // school and category.
  absl::StatusOr<TlvView> Renew(const Principal& caller, absl::string_view swv,
                                absl::string_view tlv_id, const TlvApplicationInput& input,
                                absl::string_view request_id);
  absl::StatusOr<std::vector<RecordChange>> History(const Principal& caller, absl::string_view swv,
                                                    absl::string_view tlv_id);
  absl::StatusOr<TlvStatisticsResult> Statistics(const Principal& caller,
                                                 const TlvStatisticsRequest& request);
  // Placement statistics (domain/placement.h) of [from, to]; the same date and scope rules as
  // Statistics (tenant-wide data: the SWV office's).
  absl::StatusOr<PlacementStatisticsResult> PlacementStatisticsOf(const Principal& caller,
                                                                  absl::string_view swv,
                                                                  absl::string_view from,
                                                                  absl::string_view to);

  absl::StatusOr<TlvPolicyRecord> GetPolicy(const Principal& caller, absl::string_view tenant);
  // `field` names the policy field on the caller's API (e.g.
  // "settings.tlv_validity_school_years").
  absl::StatusOr<TlvPolicyRecord> UpdatePolicy(const Principal& caller, absl::string_view tenant,
                                               const TlvPolicy& policy, absl::string_view field);

  absl::CivilDay Today() const;

 private:
  // A TLV belongs to its referring school: that school (and its board) reads it; every change,
  // like the statistics and the policy, is the SWV office's.
  absl::Status MayRead(const Principal& caller, const TlvRecord& record) const;
  TlvView ViewOf(TlvRecord stored) const;
  // Loads a TLV to change: the office's (TenantWide), NOT_FOUND for another tenant's.
  absl::StatusOr<TlvRecord> Load(const Principal& caller, absl::string_view swv,
                                 absl::string_view tlv_id, int64_t expected_version,
                                 std::string* tenant);
  // One change of a TLV's state: loaded as Load does, `apply(tenant, stored, next)` changes
  // `next` (or refuses), and the TLV is stored with the change `action`.
  using ApplyChange = absl::FunctionRef<absl::Status(const std::string& tenant,
                                                     const TlvRecord& stored, TlvState& next)>;
  absl::StatusOr<TlvView> Change(const Principal& caller, absl::string_view swv,
                                 absl::string_view tlv_id, int64_t expected_version,
                                 absl::string_view action, ApplyChange apply,
                                 bool assign_decision_number = false);
  // The OPP a completion names (its resource name, "" for none), when it is one of `tenant`'s.
  absl::StatusOr<absl::optional<AttachedOpp>> AttachedOppOf(const std::string& tenant,
                                                            absl::string_view opp_name,
                                                            absl::string_view pupil_id);
  // The directory facts for an application, then CheckTlvSchools.
  absl::Status CheckSchools(const std::string& tenant, TlvState& state);
  // The tenant and the period of a statistics request (fields "parent", "from", "to"), after
  // checking that `caller` may read the tenant's aggregates.
  absl::StatusOr<std::pair<std::string, DayRange>> StatisticsPeriod(const Principal& caller,
                                                                    absl::string_view swv,
                                                                    absl::string_view from,
                                                                    absl::string_view to) const;

  TlvRepository* tlvs_;
  const OppStores* opps_;
  DirectoryRepository* directory_;
  const Clock* clock_;
  AccessPolicy access_;
};

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_TLVS_TLV_SERVICE_H_
