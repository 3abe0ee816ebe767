// Storage of the register's record kinds next to thuiszitter cases: exemptions (vrijstelling
// artikel 5 onder a) and monitorkinderen. Tables of the "registrations" schema component
// (version 3, see sql_thuiszitter_repository.cc); every change writes a row to record_changes.
//
// Like ThuiszitterRepository: stores what it is given (rules live in domain/register.h and the
// service), checks versions, keeps every change. Thread-safe.
#ifndef SWV_SERVICES_REGISTRATIONS_REGISTER_REGISTER_REPOSITORY_H_
#define SWV_SERVICES_REGISTRATIONS_REGISTER_REGISTER_REPOSITORY_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/registrations/domain/register.h"
#include "services/registrations/domain/thuiszitter.h"
#include "services/registrations/records/records.h"
#include "services/registrations/records/school_filter.h"
#include "storage/database.h"

namespace swv::registrations {

inline constexpr char kExemptionKind[] = "exemption";
inline constexpr char kMonitorkindKind[] = "monitorkind";

struct ExemptionRecord {
  std::string tenant;
  std::string exemption_id;
  std::string pupil_id;  // empty unless school and LVS number were given
  ValidExemption exemption;
  int64_t version = 0;
  absl::Time create_time;
  std::string created_by;
  int64_t position = 0;  // storage order, set when read
};

struct MonitorkindRecord {
  std::string tenant;
  std::string monitorkind_id;
  std::string pupil_id;
  ValidMonitorkind monitorkind;
  CaseStatus status = CaseStatus::kOpen;
  absl::optional<absl::CivilDay> closed_on;
  std::string close_reason;
  int64_t version = 0;
  absl::Time create_time;
  absl::Time update_time;
  std::string created_by;
  std::string updated_by;
  int64_t position = 0;
};

class RegisterRepository {
 public:
  virtual ~RegisterRepository() = default;

  // `candidate` carries id, tenant, times and actor; pupil_id is resolved here (when school and LVS
  // number are present). Idempotent on a non-empty request_id.
  virtual absl::StatusOr<Created<ExemptionRecord>> CreateExemption(
      const ExemptionRecord& candidate, absl::string_view request_id) = 0;
  virtual absl::StatusOr<ExemptionRecord> GetExemption(absl::string_view tenant,
                                                       absl::string_view id) = 0;
  // Lists read only the records `filter` (the caller's reach) lets through, in storage order.
  virtual absl::StatusOr<RecordPage<ExemptionRecord>> ListExemptions(
      absl::string_view tenant, int page_size, int64_t after_position,
      const SchoolFilter& filter) = 0;
  // Exemptions starting on or before `last_day`, in storage order.
  virtual absl::StatusOr<std::vector<ExemptionRecord>> ListExemptionsStartingBy(
      absl::string_view tenant, absl::CivilDay last_day) = 0;

  virtual absl::StatusOr<Created<MonitorkindRecord>> CreateMonitorkind(
      const MonitorkindRecord& candidate, absl::string_view request_id) = 0;
  virtual absl::StatusOr<MonitorkindRecord> GetMonitorkind(absl::string_view tenant,
                                                           absl::string_view id) = 0;
  virtual absl::StatusOr<RecordPage<MonitorkindRecord>> ListMonitorkinderen(
      absl::string_view tenant, int page_size, int64_t after_position, const SchoolFilter& filter,
      absl::optional<CaseStatus> status) = 0;
  // Writes `updated` as expected_version + 1; ABORTED on a version mismatch.
  virtual absl::StatusOr<MonitorkindRecord> UpdateMonitorkind(const MonitorkindRecord& updated,
                                                              int64_t expected_version,
                                                              absl::string_view action) = 0;
  virtual absl::StatusOr<std::vector<MonitorkindRecord>> ListMonitorkinderenRegisteredBy(
      absl::string_view tenant, absl::CivilDay last_day) = 0;

  // History of an exemption or monitorkind (record_kind kExemptionKind / kMonitorkindKind).
  virtual absl::StatusOr<std::vector<RecordChange>> ListChanges(absl::string_view tenant,
                                                                absl::string_view record_kind,
                                                                absl::string_view id) = 0;
};

// The register's tables (component "register"), applied at start by the service after
// MigratePupilSchema and before MigrateThuiszitterSchema (which created them before).
absl::Status MigrateRegisterSchema(storage::Database& db);

// Needs MigrateRegisterSchema applied. `db` is not owned.
std::unique_ptr<RegisterRepository> NewSqlRegisterRepository(storage::Database* db);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_REGISTER_REGISTER_REPOSITORY_H_
