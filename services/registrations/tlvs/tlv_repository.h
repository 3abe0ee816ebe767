// Storage of TLV applications and decisions, their expert advices, their change history, the
// per-tenant-per-year decision number counters and the TLV settings of each SWV. Also owns the
// "tlv" schema component (which holds the OPP tables too).
//
// A repository stores what it is given and checks versions; the rules are in domain/tlv.h and
// the application service. Thread-safety: safe for concurrent use.
#ifndef SWV_SERVICES_REGISTRATIONS_TLVS_TLV_REPOSITORY_H_
#define SWV_SERVICES_REGISTRATIONS_TLVS_TLV_REPOSITORY_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/registrations/domain/placement.h"
#include "services/registrations/domain/tlv.h"
#include "services/registrations/opps/opp_repository.h"
#include "storage/database.h"

namespace swv::registrations {

struct TlvRecord : VersionedRecord {
  std::string tlv_id;
  std::string pupil_id;
  TlvState state;
};

struct TlvQuery {
  std::string tenant;
  int page_size = 50;
  int64_t after_position = 0;
  absl::optional<TlvStatus> status;
  // Only complete, undecided applications whose deadline is before this day.
  absl::optional<TlvOverdueCriteria> overdue;  // the domain's rule (OverdueAsOf), rendered
  SchoolFilter filter;                         // by referring school: the caller's reach
};

struct TlvPage {
  std::vector<TlvRecord> tlvs;
  int64_t next_position = 0;
};

struct CreateTlvResult {
  TlvRecord stored;
  bool created = false;
};

struct TlvPolicyRecord {
  TlvPolicy policy;
  int64_t version = 0;  // 0: never stored, defaults apply
  absl::Time update_time;
  std::string updated_by;
};

class TlvRepository {
 public:
  virtual ~TlvRepository() = default;

  // Stores a new application as version 1 with a "received" history entry. The pupil is
  // candidate.pupil_id when set (a renewal keeps the pupil), else found or created from
  // (tenant, referring school, LVS number). A request_id seen before returns the earlier record.
  // With `renewed` set (herindicatie), the same transaction marks that TLV as renewed by the new
  // one (version check against renewed->version; "renewed" history entry): two concurrent
  // renewals of one TLV cannot both succeed (a unique key on `renews`).
  virtual absl::StatusOr<CreateTlvResult> CreateTlv(const TlvRecord& candidate,
                                                    absl::string_view request_id,
                                                    const TlvRecord* renewed) = 0;

  virtual absl::StatusOr<TlvRecord> GetTlv(absl::string_view tenant, absl::string_view tlv_id) = 0;
  // The application created with this request_id, if any.
  virtual absl::StatusOr<absl::optional<TlvRecord>> FindByRequestId(
      absl::string_view tenant, absl::string_view request_id) = 0;
  virtual absl::StatusOr<TlvPage> ListTlvs(const TlvQuery& query) = 0;

  // Writes `updated` as version expected_version + 1 with a history entry for `action`; ABORTED
  // on a version mismatch. With assign_decision_number, the same transaction takes the next
  // number of the tenant's counter for the year of decided_on and stores it as
  // "<tenant>-<year>-<4+ digit sequence>", e.g. "PO2203-2026-0001" (see the .cc for why this is
  // safe with several replicas).
  virtual absl::StatusOr<TlvRecord> UpdateTlv(const TlvRecord& updated, int64_t expected_version,
                                              absl::string_view action,
                                              bool assign_decision_number) = 0;

  virtual absl::StatusOr<std::vector<RecordChange>> ListChanges(absl::string_view tenant,
                                                                absl::string_view tlv_id) = 0;

  // All applications whose referring school matches the filter, without pupil ids or advices.
  virtual absl::StatusOr<std::vector<TlvState>> TlvsForStatistics(absl::string_view tenant,
                                                                  const SchoolFilter& filter) = 0;

  // Granted TLVs valid on some day of [from, last] (placement statistics; domain/placement.h).
  virtual absl::StatusOr<std::vector<TlvPlacement>> GrantedTlvPlacements(absl::string_view tenant,
                                                                         absl::CivilDay from,
                                                                         absl::CivilDay last) = 0;

  virtual absl::StatusOr<TlvPolicyRecord> GetPolicy(absl::string_view tenant) = 0;
  // Last writer wins; the version still increments with every write.
  virtual absl::StatusOr<TlvPolicyRecord> PutPolicy(absl::string_view tenant,
                                                    const TlvPolicy& policy,
                                                    absl::string_view actor, absl::Time now) = 0;
};

// The "tlv" schema component (OPPs, TLVs, advices, history, counters, settings). Needs the
// "registrations" component (pupils) and reads the "directory" one (statistics filters).
absl::Status MigrateTlvSchema(storage::Database& db);

std::unique_ptr<TlvRepository> NewSqlTlvRepository(storage::Database* db);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_TLVS_TLV_REPOSITORY_H_
