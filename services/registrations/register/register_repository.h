// Storage of the register's record kinds next to thuiszitter cases: exemptions (vrijstelling
// artikel 5 onder a) and monitorkinderen, in the tables of the schema component "register"; every
// change writes a row to record_changes.
//
// Stored through RecordStore (rules live in domain/register.h and the service); thread-safe.
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
#include "services/common/access_policy.h"
#include "services/common/principal.h"
#include "services/registrations/domain/register.h"
#include "services/registrations/domain/thuiszitter.h"
#include "services/registrations/records/record_store.h"
#include "services/registrations/records/records.h"
#include "services/registrations/records/school_filter.h"
#include "storage/database.h"

namespace swv::registrations {

inline constexpr char kExemptionKind[] = "exemption";
inline constexpr char kMonitorkindKind[] = "monitorkind";

struct ExemptionRecord : StoredRecord {
  std::string exemption_id;
  std::string pupil_id;  // empty unless school and LVS number were given
  ValidExemption exemption;
};

struct MonitorkindRecord : VersionedRecord {
  std::string monitorkind_id;
  std::string pupil_id;
  ValidMonitorkind monitorkind;
  CaseStatus status = CaseStatus::kOpen;
  absl::optional<absl::CivilDay> closed_on;
  std::string close_reason;
};

// The schools a record belongs to, for the access rules: an exemption without a school is the
// office's.
inline std::vector<std::string> SchoolsOf(const ExemptionRecord& r) {
  if (!r.exemption.school) return {};
  return {r.exemption.school->ToString()};
}
// Leerplicht decides exemptions, so it records and reads those of the children of its
// municipalities (record_access.h finds these overloads by argument); the history stays the
// schools' and the office's.
constexpr bool PartnersWrite(const ExemptionRecord* /*kind*/) { return true; }
inline absl::Status MayWrite(const AccessPolicy& access, const Principal& caller,
                             const ExemptionRecord& r) {
  return access.WriteMunicipalityRecord(caller, r.tenant, SchoolsOf(r),
                                        r.exemption.residence_municipality);
}
inline absl::Status MayRead(const AccessPolicy& access, const Principal& caller,
                            const ExemptionRecord& r) {
  const std::vector<std::string> schools = SchoolsOf(r);
  return access.ReadThuiszitter(caller, r.tenant, schools.empty() ? "" : schools.front(),
                                r.exemption.residence_municipality);
}
inline absl::Status MayList(const AccessPolicy& access, const Principal& caller,
                            absl::string_view tenant, const ExemptionRecord* /*kind*/) {
  return access.ListThuiszitters(caller, tenant);
}
inline std::vector<std::string> SchoolsOf(const MonitorkindRecord& r) {
  return {r.monitorkind.school.ToString()};
}

// The register's stores. `db` is not owned and must outlive them.
struct RegisterStores {
  std::unique_ptr<RecordStore<ExemptionRecord>> exemptions;  // date: start_date
  // date: registered_on; state: status ("open", "closed")
  std::unique_ptr<RecordStore<MonitorkindRecord>> monitorkinderen;
};

// The register's tables (component "register"), applied at start by the service after
// MigratePupilSchema and before MigrateThuiszitterSchema (which created them before).
absl::Status MigrateRegisterSchema(storage::Database& db);

// Needs MigrateRegisterSchema applied.
RegisterStores NewSqlRegisterStores(storage::Database* db);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_REGISTER_REGISTER_REPOSITORY_H_
