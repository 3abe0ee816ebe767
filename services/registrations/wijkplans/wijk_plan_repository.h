// Storage of the wijken's yearly plans (schema component "wijk_plans"): one row per wijk and year,
// every change a row in wijk_plan_changes.
//
// Stored through RecordStore (rules live in domain/wijk_plan.h and the service); thread-safe.
#ifndef SWV_SERVICES_REGISTRATIONS_WIJKPLANS_WIJK_PLAN_REPOSITORY_H_
#define SWV_SERVICES_REGISTRATIONS_WIJKPLANS_WIJK_PLAN_REPOSITORY_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/common/access_policy.h"
#include "services/common/principal.h"
#include "services/registrations/domain/wijk_plan.h"
#include "services/registrations/records/record_store.h"
#include "services/registrations/records/records.h"
#include "storage/database.h"

namespace swv::registrations {

inline constexpr char kWijkPlanKind[] = "wijk_plan";

struct WijkPlanRecord : VersionedRecord {
  std::string plan_id;  // "<WIJK>-<year>": one per wijk and year
  WijkPlan plan;
};

// A plan is kept for a whole wijk, not for schools: written by the office, read by the office and
// by the schools and boards of its wijk (record_access.h finds these overloads by argument).
inline std::vector<std::string> SchoolsOf(const WijkPlanRecord& /*r*/) { return {}; }
inline absl::Status MayRead(const AccessPolicy& access, const Principal& caller,
                            const WijkPlanRecord& r) {
  return access.ReadWijkRecord(caller, r.tenant, r.plan.wijk);
}

// The component's tables.
absl::Status MigrateWijkPlanSchema(storage::Database& db);

// Needs MigrateWijkPlanSchema applied. `db` is not owned and must outlive the store.
// date: adopted_on; state: year; wijk: wijk.
std::unique_ptr<RecordStore<WijkPlanRecord>> NewSqlWijkPlanStore(storage::Database* db);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_WIJKPLANS_WIJK_PLAN_REPOSITORY_H_
