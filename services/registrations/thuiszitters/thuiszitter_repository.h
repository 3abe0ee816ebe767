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
#include "services/common/access_policy.h"
#include "services/common/principal.h"
#include "services/kernel/identifiers.h"
#include "services/registrations/domain/consent.h"
#include "services/registrations/domain/leerplicht_action.h"
#include "services/registrations/domain/register.h"
#include "services/registrations/domain/thuiszitter.h"
#include "services/registrations/records/record_store.h"
#include "services/registrations/records/records.h"
#include "services/registrations/records/school_filter.h"
#include "storage/database.h"

namespace swv::registrations {

// A thuiszitter case as stored.
struct ThuiszitterCase : VersionedRecord {
  std::string case_id;   // public id, unique per tenant
  std::string pupil_id;  // SWV-internal pupil id
  ValidThuiszitterReport report;
  CaseStatus status = CaseStatus::kOpen;
  absl::optional<absl::CivilDay> closed_on;
  std::string close_reason;
  // The current plan and responsible person; absent until one is set (a new plan_version each
  // time, earlier ones in the history snapshots).
  absl::optional<ThuiszitterPlan> plan;
  // The parents' consents to share the case with youth-care organisations, given and withdrawn
  // (domain/consent.h), oldest first.
  std::vector<Consent> consents;
  // What leerplicht did on the case, as it recorded it (domain/leerplicht_action.h), oldest first.
  std::vector<LeerplichtAction> leerplicht_actions;
};

// The schools a case belongs to, for the access rules (a partner's reach is the child's
// municipality: AccessPolicy::ReadThuiszitter).
inline std::vector<std::string> SchoolsOf(const ThuiszitterCase& c) {
  if (!c.report.school) return {};  // a child enrolled nowhere: the office's and leerplicht's
  return {c.report.school->ToString()};
}
// Partners read and list cases too, by the child's municipality, and youth care only while a
// consent for its organisation stands (record_access.h: these win over the schools' rule). The
// history stays the schools'.
inline absl::Status MayRead(const AccessPolicy& access, const Principal& caller,
                            const ThuiszitterCase& c) {
  return access.ReadThuiszitter(
      caller, c.tenant, c.report.school ? c.report.school->ToString() : "",
      c.report.residence_municipality, ConsentedOrganisations(c.consents));
}
inline absl::Status MayList(const AccessPolicy& access, const Principal& caller,
                            absl::string_view tenant, const ThuiszitterCase* /*kind*/) {
  return access.ListThuiszitters(caller, tenant);
}
// Leerplicht reports cases of the children of its municipalities (absolute absence, potential
// thuiszitters) and records its own actions on them; which RPCs it may call at all is their
// access declaration.
constexpr bool PartnersWrite(const ThuiszitterCase* /*kind*/) { return true; }
inline absl::Status MayWrite(const AccessPolicy& access, const Principal& caller,
                             const ThuiszitterCase& c) {
  return access.WriteMunicipalityRecord(caller, c.tenant, SchoolsOf(c),
                                        c.report.residence_municipality);
}

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

// Thuiszitter cases: date reported_on, state status, residence residence_municipality. Needs
// MigrateThuiszitterSchema applied; `db` is not owned and must outlive the store.
std::unique_ptr<RecordStore<ThuiszitterCase>> NewSqlCaseStore(storage::Database* db);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_THUISZITTERS_THUISZITTER_REPOSITORY_H_
