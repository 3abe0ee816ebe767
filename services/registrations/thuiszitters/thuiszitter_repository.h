// Storage of thuiszitter cases, their change history, pupil identities and per-SWV settings.
//
// The interface speaks domain values only; SqlThuiszitterRepository implements it on the storage
// layer (SQLite or MySQL/MariaDB). Rules (validation, derived fields) live in the domain layer and
// the application service, never here: a repository stores what it is given, checks the
// optimistic-concurrency version and keeps every change.
//
// Thread-safety: implementations are safe for concurrent use.
#ifndef SWV_SERVICES_REGISTRATIONS_THUISZITTERS_THUISZITTER_REPOSITORY_H_
#define SWV_SERVICES_REGISTRATIONS_THUISZITTERS_THUISZITTER_REPOSITORY_H_

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
#include "services/kernel/identifiers.h"
#include "services/registrations/domain/register.h"
#include "services/registrations/domain/thuiszitter.h"
#include "services/registrations/records/records.h"
#include "services/registrations/records/school_filter.h"
#include "storage/database.h"

namespace swv::registrations {

// A thuiszitter case as stored.
struct ThuiszitterCase {
  std::string tenant;    // canonical SWV code, e.g. "PO2203"
  std::string case_id;   // public id, unique per tenant
  std::string pupil_id;  // SWV-internal pupil id
  ValidThuiszitterReport report;
  CaseStatus status = CaseStatus::kOpen;
  absl::optional<absl::CivilDay> closed_on;
  std::string close_reason;
  int64_t version = 0;
  absl::Time create_time;
  absl::Time update_time;
  std::string created_by;
  std::string updated_by;
  // The current plan and responsible person; absent until one is set (a new plan_version each
  // time, earlier ones in the history snapshots).
  absl::optional<ThuiszitterPlan> plan;
  // Storage order (a database sequence), set when read; orders export rows stably.
  int64_t position = 0;
};

struct CaseQuery {
  std::string tenant;
  int page_size = 50;
  // Only cases stored after this position (from a previous page); 0 = from the start.
  int64_t after_position = 0;
  SchoolFilter filter;  // the school ("12AB00") and the caller's reach
  absl::optional<std::string> residence_municipality;  // "GM0606"
  absl::optional<CaseStatus> status;
};

struct CasePage {
  std::vector<ThuiszitterCase> cases;
  // Position of the last case returned when more may follow; 0 when this is the last page.
  int64_t next_position = 0;
};

// What the caller of CreateCase gets back: the record, and whether this call created it (false
// when request_id matched an earlier report, which is then returned unchanged).
struct CreateResult {
  ThuiszitterCase stored;
  bool created = false;
};

struct SwvSettingsRecord {
  std::string tenant;
  ThuiszitterPolicy thuiszitter_policy;
  int64_t version = 0;  // 0: never stored, defaults apply
  absl::Time update_time;
  std::string updated_by;
};

class ThuiszitterRepository {
 public:
  virtual ~ThuiszitterRepository() = default;

  // Stores a new case (version 1) and its first history entry. `candidate.case_id` and
  // `candidate.create_time` must be set by the caller. The pupil is looked up by (tenant, school,
  // LVS pupil number) and created when new; `candidate.pupil_id` is ignored. A non-empty
  // `request_id` seen before for this tenant returns the earlier record instead.
  virtual absl::StatusOr<CreateResult> CreateCase(const ThuiszitterCase& candidate,
                                                  absl::string_view request_id) = 0;

  // NOT_FOUND when the tenant has no such case.
  virtual absl::StatusOr<ThuiszitterCase> GetCase(absl::string_view tenant,
                                                  absl::string_view case_id) = 0;

  virtual absl::StatusOr<CasePage> ListCases(const CaseQuery& query) = 0;

  // Writes `updated` as version expected_version + 1 with a history entry for `action`. ABORTED
  // when the stored version is no longer `expected_version` (someone else changed it first).
  virtual absl::StatusOr<ThuiszitterCase> UpdateCase(const ThuiszitterCase& updated,
                                                     int64_t expected_version,
                                                     absl::string_view action) = 0;

  // Every case of the tenant reported on or before `last_day`, open or closed, in storage order:
  // the input of statistics and the Inspectie register (which never drop closed cases).
  virtual absl::StatusOr<std::vector<ThuiszitterCase>> ListCasesReportedBy(
      absl::string_view tenant, absl::CivilDay last_day) = 0;

  virtual absl::StatusOr<std::vector<RecordChange>> ListChanges(absl::string_view tenant,
                                                                absl::string_view case_id) = 0;

  // Settings of a tenant; defaults with version 0 when none are stored.
  virtual absl::StatusOr<SwvSettingsRecord> GetSettings(absl::string_view tenant) = 0;

  // Every tenant with thuiszitter cases, settings, schools, TLVs or arrangements, sorted.
  virtual absl::StatusOr<std::vector<std::string>> ListTenants() = 0;
  // Stores settings as version expected_version + 1; ABORTED on a version mismatch.
  virtual absl::StatusOr<SwvSettingsRecord> PutSettings(const SwvSettingsRecord& settings,
                                                        int64_t expected_version) = 0;
};

// The schema of this repository (component "registrations", its first name), applied at start
// by the service after MigratePupilSchema.
absl::Status MigrateThuiszitterSchema(storage::Database& db);

// The repository on the storage layer. `db` is not owned and must outlive the repository.
std::unique_ptr<ThuiszitterRepository> NewSqlThuiszitterRepository(storage::Database* db);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_THUISZITTERS_THUISZITTER_REPOSITORY_H_
