// The rows of thuiszitter_cases as cases, and their change log. Only for
// thuiszitters/sql_thuiszitter_repository.cc; every function runs inside the caller's storage
// transaction.
#ifndef SWV_SERVICES_REGISTRATIONS_THUISZITTERS_SQL_THUISZITTER_ROWS_H_
#define SWV_SERVICES_REGISTRATIONS_THUISZITTERS_SQL_THUISZITTER_ROWS_H_

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/optional.h"
#include "services/registrations/records/record_changes.h"
#include "services/registrations/thuiszitters/thuiszitter_repository.h"
#include "storage/database.h"

namespace swv::registrations::thuiszitter_sql {

inline constexpr absl::string_view kCaseColumns =
    "tenant, case_id, pupil_id, school, lvs_pupil_number, residence_municipality, absence_kind, "
    "absence_start, reported_on, cause, reported_late, status, closed_on, close_reason, "
    "municipality_case_ref, version, create_time_us, update_time_us, created_by, updated_by, "
    "position, plan_version, plan_description, plan_agreed_on, plan_responsible_name, "
    "plan_responsible_role, plan_responsible_organisation, plan_parents_involved, "
    "plan_expected_resumption";

inline const ChangeLog kCaseLog{"thuiszitter_changes", "thuiszitter_case", "thuiszitter case"};

// Row in kCaseColumns order -> case; the last column (position) is returned separately.
absl::StatusOr<ThuiszitterCase> CaseFromRow(const storage::Row& row, int64_t* position = nullptr);

// The case matching `where`, if any.
absl::StatusOr<absl::optional<ThuiszitterCase>> FindCase(storage::Transaction& tx,
                                                         absl::string_view where,
                                                         std::vector<storage::Value> params);

absl::Status InsertChange(storage::Transaction& tx, const ThuiszitterCase& c,
                          absl::string_view action, absl::string_view actor);

}  // namespace swv::registrations::thuiszitter_sql

#endif  // SWV_SERVICES_REGISTRATIONS_THUISZITTERS_SQL_THUISZITTER_ROWS_H_
