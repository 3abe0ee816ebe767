// Storage of escalations (schema component "escalations"): one row per escalation, its steps and
// binding decision in text columns of the row so an escalation is read with one SELECT; every
// change writes a row to escalation_changes.
//
// Stored through RecordStore (rules live in domain/escalation.h and the service); thread-safe.
#ifndef SWV_SERVICES_REGISTRATIONS_ESCALATIONS_ESCALATION_REPOSITORY_H_
#define SWV_SERVICES_REGISTRATIONS_ESCALATIONS_ESCALATION_REPOSITORY_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/common/access_policy.h"
#include "services/common/principal.h"
#include "services/registrations/domain/escalation.h"
#include "services/registrations/records/record_store.h"
#include "services/registrations/records/records.h"
#include "storage/database.h"

namespace swv::registrations {

inline constexpr char kEscalationKind[] = "escalation";

struct EscalationRecord : VersionedRecord {
  std::string escalation_id;
  std::string pupil_id;  // empty unless the child is named by school and LVS number
  Escalation escalation;
};

// The schools an escalation belongs to, for the access rules: one without a school is the
// office's.
inline std::vector<std::string> SchoolsOf(const EscalationRecord& r) {
  if (!r.escalation.subject.school) return {};
  return {r.escalation.subject.school->ToString()};
}
// Leerplicht reads and lists escalations too, by the child's municipality: it is a party to
// doorzettingsmacht (record_access.h: these win over the schools' rule). Youth care has no
// consent here, so it reaches none. The history stays the schools'.
inline absl::Status MayRead(const AccessPolicy& access, const Principal& caller,
                            const EscalationRecord& r) {
  const std::vector<std::string> schools = SchoolsOf(r);
  return access.ReadThuiszitter(caller, r.tenant, schools.empty() ? "" : schools.front(),
                                r.escalation.subject.residence_municipality, {});
}
inline absl::Status MayList(const AccessPolicy& access, const Principal& caller,
                            absl::string_view tenant, const EscalationRecord* /*kind*/) {
  return access.ListThuiszitters(caller, tenant);
}

// The component's tables, applied at start after the thuiszitter cases' (an escalation may name
// one).
absl::Status MigrateEscalationSchema(storage::Database& db);

// Needs MigrateEscalationSchema applied. `db` is not owned and must outlive the store.
// date: opened_on; state: status ("open", "closed"); residence: residence_municipality.
std::unique_ptr<RecordStore<EscalationRecord>> NewSqlEscalationStore(storage::Database* db);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_ESCALATIONS_ESCALATION_REPOSITORY_H_
