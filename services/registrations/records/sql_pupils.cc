#include "services/registrations/records/sql_pupils.h"

#include <vector>

#include "services/common/ids.h"
#include "services/kernel/status_macros.h"
#include "storage/schema.h"

namespace swv::registrations {
namespace {

constexpr absl::string_view kSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS pupils (
  tenant VARCHAR(16) NOT NULL,
  pupil_id VARCHAR(40) NOT NULL,
  create_time_us BIGINT NOT NULL,
  PRIMARY KEY (tenant, pupil_id)
)%TABLE_OPTIONS%;
CREATE TABLE IF NOT EXISTS pupil_school_numbers (
  tenant VARCHAR(16) NOT NULL,
  school VARCHAR(6) NOT NULL,
  lvs_pupil_number VARCHAR(32) NOT NULL,
  pupil_id VARCHAR(40) NOT NULL,
  PRIMARY KEY (tenant, school, lvs_pupil_number)
)%TABLE_OPTIONS%
)sql";

}  // namespace

absl::Status MigratePupilSchema(storage::Database& db) {
  static const std::vector<storage::Migration>* const kMigrations =
      new std::vector<storage::Migration>{
          storage::Dialected(1, "pupils and their school numbers", kSchemaV1)};
  return storage::ApplyMigrations(db, "pupils", *kMigrations, {{1, "registrations", 1}});
}

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
