// The register's tables (exemptions, monitorkinderen) and how their records are stored in them.
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/registrations/records/record_changes.h"
#include "services/registrations/records/sql_record_store.h"
#include "services/registrations/records/sql_table.h"
#include "services/registrations/register/register_repository.h"
#include "storage/schema.h"

namespace swv::registrations {
namespace {

using sql_records::Columns;
using sql_records::NewSqlRecordStore;
using sql_records::SqlTable;

constexpr char kChangesTable[] = "record_changes";

// The register's record kinds besides thuiszitter cases, and their change log; created as version
// 3 of the component "registrations" before this component existed.
constexpr absl::string_view kRegisterSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS exemptions (
  %RECORD_KEY(exemption_id)%,
  residence_municipality VARCHAR(6) NOT NULL,
  school VARCHAR(6) NOT NULL,
  lvs_pupil_number VARCHAR(32) NOT NULL,
  pupil_id VARCHAR(40) NOT NULL,
  start_date CHAR(10) NOT NULL,
  end_date CHAR(10) NULL,
  swv_involved INT NOT NULL,
  request_id VARCHAR(128) NULL,
  version BIGINT NOT NULL,
  create_time_us BIGINT NOT NULL,
  created_by VARCHAR(128) NOT NULL,
  %RECORD_UNIQUE(exemptions, exemption_id)%
)%TABLE_OPTIONS%;
CREATE TABLE IF NOT EXISTS monitorkinderen (
  %RECORD_KEY(monitorkind_id)%,
  %PUPIL_COLUMNS%,
  residence_municipality VARCHAR(6) NOT NULL,
  reason VARCHAR(40) NOT NULL,
  at_home_since CHAR(10) NOT NULL,
  registered_on CHAR(10) NOT NULL,
  status VARCHAR(16) NOT NULL,
  closed_on CHAR(10) NULL,
  close_reason TEXT NOT NULL,
  %RECORD_META%,
  %RECORD_UNIQUE(monitorkinderen, monitorkind_id)%
)%TABLE_OPTIONS%;
CREATE INDEX IF NOT EXISTS monitorkinderen_status ON monitorkinderen (tenant, status, position);
)sql";

// Version 3: the article (5a or 5b) and the SWV's advice with its date (issue 16: leerplicht
// records exemptions with the SWV's advice). Earlier rows were all 5a.
constexpr absl::string_view kRegisterSchemaV3 = R"sql(
ALTER TABLE exemptions %ADD_COLUMN% article VARCHAR(8) NOT NULL DEFAULT '5a';
ALTER TABLE exemptions %ADD_COLUMN% swv_advice VARCHAR(16) NULL;
ALTER TABLE exemptions %ADD_COLUMN% swv_advice_on CHAR(10) NULL
)sql";

const SqlTable<ExemptionRecord>& Exemptions() {
  static const auto* const kTable = SqlTable<ExemptionRecord>::New(
      {"exemptions", "exemption", {kChangesTable, kExemptionKind, kExemptionKind}, "recorded"},
      Columns<ExemptionRecord>(
          "exemption_id", [](auto& r) -> auto& { return r.exemption_id; })
          .Text(
              "residence_municipality",
              [](auto& r) -> auto& { return r.exemption.residence_municipality; })
          .AsResidence()
          .Pupil(
              [](auto& r) -> auto& { return r.exemption.school; },
              [](auto& r) -> auto& { return r.exemption.lvs_pupil_number; })
          .Day(
              "start_date", [](auto& r) -> auto& { return r.exemption.start_date; })
          .AsListDate()
          .OptionalDay(
              "end_date", [](auto& r) -> auto& { return r.exemption.end_date; })
          .AsEndDate()
          .Flag(
              "swv_involved", [](auto& r) -> auto& { return r.exemption.swv_involved; })
          .Named(
              "article", [](auto& r) -> auto& { return r.exemption.article; }, ExemptionArticleName,
              ExemptionArticleFromName)
          .Custom(
              "swv_advice",
              [](const ExemptionRecord& r) {
                return r.exemption.swv_advice
                           ? storage::Value(std::string(SwvAdviceName(*r.exemption.swv_advice)))
                           : storage::Null();
              },
              [](const storage::Row& row, size_t i, ExemptionRecord& r) {
                r.exemption.swv_advice.reset();
                if (row.IsNull(i)) return true;
                r.exemption.swv_advice = SwvAdviceFromName(row.GetString(i));
                return r.exemption.swv_advice.has_value();
              })
          .OptionalDay(
              "swv_advice_on", [](auto& r) -> auto& { return r.exemption.swv_advice_on; })
          .CreateAudit());
  return *kTable;
}

const SqlTable<MonitorkindRecord>& Monitorkinderen() {
  static const auto* const kTable = SqlTable<MonitorkindRecord>::New(
      {"monitorkinderen",
       "monitorkind",
       {kChangesTable, kMonitorkindKind, kMonitorkindKind},
       "registered"},
      Columns<MonitorkindRecord>(
          "monitorkind_id", [](auto& r) -> auto& { return r.monitorkind_id; })
          .Pupil(
              [](auto& r) -> auto& { return r.monitorkind.school; },
              [](auto& r) -> auto& { return r.monitorkind.lvs_pupil_number; })
          .Text(
              "residence_municipality",
              [](auto& r) -> auto& { return r.monitorkind.residence_municipality; })
          .Named(
              "reason", [](auto& r) -> auto& { return r.monitorkind.reason; },
              MonitorkindReasonName, MonitorkindReasonFromName)
          .Day(
              "at_home_since", [](auto& r) -> auto& { return r.monitorkind.at_home_since; })
          .Day(
              "registered_on", [](auto& r) -> auto& { return r.monitorkind.registered_on; })
          .AsListDate()
          .Named(
              "status", [](auto& r) -> auto& { return r.status; }, CaseStatusName,
              CaseStatusFromName)
          .AsState()
          .Closing(
              [](auto& r) -> auto& { return r.closed_on; },
              [](auto& r) -> auto& { return r.close_reason; })
          .UpdateAudit());
  return *kTable;
}

}  // namespace

absl::Status MigrateRegisterSchema(storage::Database& db) {
  static const std::vector<storage::Migration>* const kMigrations =
      new std::vector<storage::Migration>{
          storage::Dialected(1, "exemptions, monitorkinderen, record changes",
                             absl::StrCat(kRegisterSchemaV1,
                                          ChangeLogTableSql(kChangesTable, /*with_reason=*/false))),
          storage::Dialected(2, "the change log in the layout of every record kind",
                             ChangeLogLayoutMigration(kChangesTable, "", "", true, false)),
          storage::Dialected(3, "exemptions: article 5a or 5b, the SWV's advice",
                             kRegisterSchemaV3)};
  return storage::ApplyMigrations(db, "register", *kMigrations, {{1, "registrations", 3}});
}

RegisterStores NewSqlRegisterStores(storage::Database* db) {
  return {NewSqlRecordStore(db, &Exemptions()), NewSqlRecordStore(db, &Monitorkinderen())};
}

}  // namespace swv::registrations
