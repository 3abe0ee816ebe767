#include "services/registrations/records/sql_pupils.h"

#include <vector>

#include "services/common/ids.h"
#include "services/kernel/status_macros.h"

namespace swv::registrations {

absl::StatusOr<std::string> PupilIdFor(storage::Transaction& tx, absl::string_view tenant,
                                       absl::string_view school, absl::string_view lvs_pupil_number,
                                       absl::Time now) {
  const std::string tenant_text(tenant);
  const std::string school_text(school);
  const std::string number_text(lvs_pupil_number);
  SWV_ASSIGN_OR_RETURN(
      std::vector<storage::Row> rows,
      tx.Query("SELECT pupil_id FROM pupil_school_numbers WHERE tenant = ? AND school = ? AND "
               "lvs_pupil_number = ?",
               {tenant_text, school_text, number_text}));
  if (!rows.empty()) return rows.front().GetString(0);
  std::string pupil_id = RandomId("pl-");
  absl::StatusOr<int64_t> inserted =
      tx.Execute("INSERT INTO pupils (tenant, pupil_id, create_time_us) VALUES (?, ?, ?)",
                 {tenant_text, pupil_id, absl::ToUnixMicros(now)});
  if (!inserted.ok()) return inserted.status();
  inserted = tx.Execute(
      "INSERT INTO pupil_school_numbers (tenant, school, lvs_pupil_number, pupil_id) VALUES "
      "(?, ?, ?, ?)",
      {tenant_text, school_text, number_text, pupil_id});
  if (!inserted.ok()) return inserted.status();
  return pupil_id;
}

}  // namespace swv::registrations
