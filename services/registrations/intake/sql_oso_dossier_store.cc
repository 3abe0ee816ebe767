#include <string>
#include <vector>

#include "services/kernel/identifiers.h"
#include "services/kernel/status_macros.h"
#include "services/kernel/time_format.h"
#include "services/registrations/intake/oso_dossier_store.h"
#include "services/registrations/records/sql_records.h"
#include "storage/reads.h"
#include "storage/schema.h"

namespace swv::registrations {
namespace {

using storage::Row;
using storage::Value;

constexpr absl::string_view kOsoDossierSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS oso_dossiers (
  %RECORD_KEY(dossier_id)%,
  request_id VARCHAR(128) NULL,
  school VARCHAR(6) NOT NULL,
  lvs_pupil_number VARCHAR(32) NOT NULL,
  pupil_id VARCHAR(40) NOT NULL,
  profile VARCHAR(8) NOT NULL,
  opp_id VARCHAR(40) NOT NULL,
  tlv_id VARCHAR(40) NULL,
  arrangement_id VARCHAR(40) NULL,
  consent VARCHAR(16) NOT NULL,
  parents_view_recorded_on CHAR(10) NULL,
  parents_view_summary TEXT NULL,
  dossier_xml %LONGTEXT% NOT NULL,
  receive_time_us BIGINT NOT NULL,
  received_by VARCHAR(128) NOT NULL,
  CONSTRAINT oso_dossiers_dossier_id UNIQUE (tenant, dossier_id),
  CONSTRAINT oso_dossiers_request_id UNIQUE (tenant, request_id)
)%TABLE_OPTIONS%;
CREATE INDEX IF NOT EXISTS oso_dossiers_school ON oso_dossiers (tenant, school, position)
)sql";

constexpr absl::string_view kColumns =
    "tenant, dossier_id, school, lvs_pupil_number, pupil_id, profile, opp_id, tlv_id, "
    "arrangement_id, consent, parents_view_recorded_on, parents_view_summary, dossier_xml, "
    "receive_time_us, received_by";

Value TextOrNull(const std::string& text) { return text.empty() ? storage::Null() : Value(text); }

absl::StatusOr<OsoDossierRecord> FromRow(const Row& row) {
  OsoDossierRecord r;
  r.tenant = row.GetString(0);
  r.dossier_id = row.GetString(1);
  r.school = row.GetString(2);
  r.lvs_pupil_number = row.GetString(3);
  r.pupil_id = row.GetString(4);
  r.profile = row.GetString(5);
  r.opp_id = row.GetString(6);
  r.tlv_id = row.GetString(7);
  r.arrangement_id = row.GetString(8);
  r.consent = ParentalConsentFromName(row.GetString(9)).value_or(ParentalConsent::kNotAsked);
  SWV_RETURN_IF_ERROR(sql_records::ReadOptionalDate("OSO dossier", "parents_view_recorded_on", row,
                                                    10, r.parents_view_recorded_on));
  r.parents_view_summary = row.GetString(11);
  r.xml = row.GetString(12);
  r.receive_time = FromMicros(row.GetInt(13));
  r.received_by = row.GetString(14);
  return r;
}

// The dossier of `tenant` whose unique `column` (dossier_id, request_id) is `value`.
absl::StatusOr<absl::optional<OsoDossierRecord>> FirstWhere(storage::Transaction& tx,
                                                            absl::string_view column,
                                                            absl::string_view tenant,
                                                            absl::string_view value) {
  SWV_ASSIGN_OR_RETURN(std::vector<OsoDossierRecord> found,
                       storage::QueryAll<OsoDossierRecord>(
                           tx,
                           absl::StrCat("SELECT ", kColumns,
                                        " FROM oso_dossiers WHERE tenant = ? AND ", column, " = ?"),
                           {Value(std::string(tenant)), Value(std::string(value))}, FromRow));
  if (found.empty()) return absl::nullopt;
  return std::move(found.front());
}

}  // namespace

absl::Status MigrateIntakeSchema(storage::Database& db) {
  static const std::vector<storage::Migration>* const kMigrations =
      new std::vector<storage::Migration>{storage::Dialected(
          1, "OSO dossiers as received, with the records they became", kOsoDossierSchemaV1)};
  return storage::ApplyMigrations(db, "intake", *kMigrations);
}

absl::StatusOr<OsoDossierRecord> GetOsoDossier(storage::Transaction& tx, absl::string_view tenant,
                                               absl::string_view dossier_id) {
  SWV_ASSIGN_OR_RETURN(absl::optional<OsoDossierRecord> found,
                       FirstWhere(tx, "dossier_id", tenant, dossier_id));
  if (!found) return absl::NotFoundError("OSO dossier not found");
  return *std::move(found);
}

absl::StatusOr<absl::optional<OsoDossierRecord>> FindOsoDossier(storage::Transaction& tx,
                                                                absl::string_view tenant,
                                                                absl::string_view request_id) {
  return FirstWhere(tx, "request_id", tenant, request_id);
}

absl::Status InsertOsoDossier(storage::Transaction& tx, const OsoDossierRecord& r,
                              absl::string_view request_id) {
  const std::vector<Value> params = {Value(r.tenant),
                                     Value(r.dossier_id),
                                     Value(r.school),
                                     Value(r.lvs_pupil_number),
                                     Value(r.pupil_id),
                                     Value(r.profile),
                                     Value(r.opp_id),
                                     TextOrNull(r.tlv_id),
                                     TextOrNull(r.arrangement_id),
                                     Value(std::string(ParentalConsentName(r.consent))),
                                     sql_records::OptionalDate(r.parents_view_recorded_on),
                                     TextOrNull(r.parents_view_summary),
                                     Value(r.xml),
                                     Value(ToMicros(r.receive_time)),
                                     Value(r.received_by),
                                     TextOrNull(std::string(request_id))};
  return tx
      .Execute(
          absl::StrCat("INSERT INTO oso_dossiers (", kColumns,
                       ", request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
          params)
      .status();
}

}  // namespace swv::registrations
