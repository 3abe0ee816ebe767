// The rows of thuiszitter_cases as cases, and their change log. Only for
// thuiszitters/sql_thuiszitter_repository.cc.
#ifndef SWV_SERVICES_REGISTRATIONS_THUISZITTERS_SQL_THUISZITTER_ROWS_H_
#define SWV_SERVICES_REGISTRATIONS_THUISZITTERS_SQL_THUISZITTER_ROWS_H_

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/optional.h"
#include "services/registrations/records/record_changes.h"
#include "services/registrations/records/sql_table.h"
#include "services/registrations/thuiszitters/thuiszitter_repository.h"
#include "storage/database.h"

namespace swv::registrations::thuiszitter_sql {

inline const ChangeLog kCaseLog{"thuiszitter_changes", "thuiszitter_case", "thuiszitter case"};

// How a case is stored in thuiszitter_cases (the plan in eight columns of the case row) and
// kept in its change log (its own nested snapshot, as the history has always shown it).
const sql_records::SqlTable<ThuiszitterCase>& Cases();

}  // namespace swv::registrations::thuiszitter_sql

#endif  // SWV_SERVICES_REGISTRATIONS_THUISZITTERS_SQL_THUISZITTER_ROWS_H_
