// The thuiszitter tables (schema component "registrations"), the SQL case store and the SQL
// implementation of ThuiszitterRepository (settings, tenants). Prepared statements only.
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "services/common/ids.h"
#include "services/kernel/json.h"
#include "services/kernel/status_macros.h"
#include "services/kernel/time_format.h"
#include "services/registrations/records/record_changes.h"
#include "services/registrations/records/sql_record_store.h"
#include "services/registrations/thuiszitters/sql_thuiszitter_rows.h"
#include "services/registrations/thuiszitters/thuiszitter_repository.h"
#include "storage/schema.h"

namespace swv::registrations {
namespace {

using namespace thuiszitter_sql;  // NOLINT: the row helpers written for this repository
using storage::Row;
using storage::Transaction;
using storage::Value;

constexpr absl::string_view kThuiszitterSchemaV1 = R"sql(
CREATE TABLE thuiszitter_cases (
  %RECORD_KEY(case_id)%,
  %PUPIL_COLUMNS%,
  residence_municipality VARCHAR(6) NOT NULL,
  absence_kind VARCHAR(16) NOT NULL,
  absence_start CHAR(10) NOT NULL,
  reported_on CHAR(10) NOT NULL,
  cause VARCHAR(40) NOT NULL,
  reported_late INT NOT NULL,
  status VARCHAR(16) NOT NULL,
  closed_on CHAR(10) NULL,
  close_reason VARCHAR(500) NOT NULL,
  municipality_case_ref VARCHAR(64) NOT NULL,
  %RECORD_META%,
  CONSTRAINT thuiszitter_cases_case_id UNIQUE (tenant, case_id),
  CONSTRAINT thuiszitter_cases_request_id UNIQUE (tenant, request_id)
)%TABLE_OPTIONS%;
CREATE INDEX thuiszitter_cases_school ON thuiszitter_cases (tenant, school, position);
CREATE INDEX thuiszitter_cases_municipality ON thuiszitter_cases (tenant, residence_municipality, position);
CREATE INDEX thuiszitter_cases_status ON thuiszitter_cases (tenant, status, position);
CREATE TABLE thuiszitter_changes (
  tenant VARCHAR(16) NOT NULL,
  case_id VARCHAR(40) NOT NULL,
  version BIGINT NOT NULL,
  action VARCHAR(32) NOT NULL,
  actor VARCHAR(128) NOT NULL,
  time_us BIGINT NOT NULL,
  snapshot_json TEXT NOT NULL,
  PRIMARY KEY (tenant, case_id, version)
)%TABLE_OPTIONS%;
CREATE TABLE swv_settings (
  tenant VARCHAR(16) NOT NULL PRIMARY KEY,
  thuiszitter_report_within_days INT NOT NULL,
  version BIGINT NOT NULL,
  update_time_us BIGINT NOT NULL,
  updated_by VARCHAR(128) NOT NULL
)%TABLE_OPTIONS%
)sql";

// Version 2: the one plan and responsible person of a case (004), in columns of the case row so a
// case is still read with one SELECT; older plan versions live in the history snapshots.
constexpr absl::string_view kThuiszitterSchemaV2 = R"sql(
ALTER TABLE thuiszitter_cases %ADD_COLUMN% plan_version INT NOT NULL DEFAULT 0;
ALTER TABLE thuiszitter_cases %ADD_COLUMN% plan_description TEXT NULL;
ALTER TABLE thuiszitter_cases %ADD_COLUMN% plan_agreed_on CHAR(10) NULL;
ALTER TABLE thuiszitter_cases %ADD_COLUMN% plan_responsible_name VARCHAR(100) NULL;
ALTER TABLE thuiszitter_cases %ADD_COLUMN% plan_responsible_role VARCHAR(100) NULL;
ALTER TABLE thuiszitter_cases %ADD_COLUMN% plan_responsible_organisation VARCHAR(100) NULL;
ALTER TABLE thuiszitter_cases %ADD_COLUMN% plan_parents_involved INT NOT NULL DEFAULT 0;
ALTER TABLE thuiszitter_cases %ADD_COLUMN% plan_expected_resumption CHAR(10) NULL
)sql";

// Version 5: the report deadline a case was judged by, kept with it. Cases stored before get the
// deadline under their SWV's settings now (the default of 2 days where it has none): the window in
// force when they were reported was not kept.
constexpr absl::string_view kThuiszitterSchemaV5 = R"sql(
ALTER TABLE thuiszitter_cases %ADD_COLUMN% report_deadline CHAR(10) NULL;
%SQLITE_ONLY% UPDATE thuiszitter_cases SET report_deadline = date(absence_start, '+' || (28 + COALESCE((SELECT s.thuiszitter_report_within_days FROM swv_settings s WHERE s.tenant = thuiszitter_cases.tenant), 2)) || ' days') WHERE report_deadline IS NULL;
%MARIADB_ONLY% UPDATE thuiszitter_cases SET report_deadline = DATE_FORMAT(DATE_ADD(absence_start, INTERVAL 28 + COALESCE((SELECT s.thuiszitter_report_within_days FROM swv_settings s WHERE s.tenant = thuiszitter_cases.tenant), 2) DAY), '%Y-%m-%d') WHERE report_deadline IS NULL
)sql";

// Version 6: the parents' consents to share a case with youth care (domain/consent.h), in the
// case row, and the organisations of the standing ones for the youth-care reach of a list.
constexpr absl::string_view kThuiszitterSchemaV6 = R"sql(
ALTER TABLE thuiszitter_cases %ADD_COLUMN% consents TEXT NULL;
ALTER TABLE thuiszitter_cases %ADD_COLUMN% consented_to VARCHAR(700) NOT NULL DEFAULT ''
)sql";

constexpr absl::string_view kThuiszitterSchemaV7 = R"sql(
ALTER TABLE thuiszitter_cases %ADD_COLUMN% leerplicht_actions TEXT NULL
)sql";

// Version 1 created the pupil tables and version 3 the register's exemptions, monitorkinderen
// and record_changes; those now belong to the components "pupils" (records/sql_pupils.cc) and
// "register" (register/sql_register_repository.cc), which adopted them. Fresh databases get them
// there, so the texts left here create nothing.
constexpr absl::string_view kMovedToRegister = "-- moved to component register";

class SqlThuiszitterRepository final : public ThuiszitterRepository {
 public:
  explicit SqlThuiszitterRepository(storage::Database* db) : db_(db) {}

  absl::StatusOr<std::vector<std::string>> ListTenants() override {
    std::vector<std::string> tenants;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      tenants.clear();
      SWV_ASSIGN_OR_RETURN(
          std::vector<Row> rows,
          tx.Query("SELECT tenant FROM thuiszitter_cases UNION SELECT tenant FROM swv_settings "
                   "UNION SELECT tenant FROM dir_schools UNION SELECT tenant FROM tlvs "
                   "UNION SELECT tenant FROM arrangements ORDER BY 1"));
      for (const Row& row : rows) tenants.push_back(row.GetString(0));
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return tenants;
  }

  absl::StatusOr<SwvSettingsRecord> GetSettings(absl::string_view tenant) override {
    SwvSettingsRecord settings;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      settings = SwvSettingsRecord{};
      settings.tenant = std::string(tenant);
      SWV_ASSIGN_OR_RETURN(
          std::vector<Row> rows,
          tx.Query("SELECT thuiszitter_report_within_days, version, update_time_us, updated_by "
                   "FROM swv_settings WHERE tenant = ?",
                   {std::string(tenant)}));
      if (rows.empty()) return absl::OkStatus();
      const Row& row = rows.front();
      settings.thuiszitter_policy.report_within_days = static_cast<int>(row.GetInt(0));
      settings.version = row.GetInt(1);
      settings.update_time = FromMicros(row.GetInt(2));
      settings.updated_by = row.GetString(3);
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return settings;
  }

  absl::StatusOr<SwvSettingsRecord> PutSettings(const SwvSettingsRecord& settings,
                                                int64_t expected_version) override {
    SwvSettingsRecord stored = settings;
    stored.version = expected_version + 1;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      absl::StatusOr<int64_t> changed;
      if (expected_version == 0) {
        // First write; a concurrent first write fails on the primary key (ALREADY_EXISTS).
        changed = tx.Execute(
            "INSERT INTO swv_settings (tenant, thuiszitter_report_within_days, version, "
            "update_time_us, updated_by) VALUES (?, ?, ?, ?, ?)",
            {stored.tenant, int64_t{stored.thuiszitter_policy.report_within_days}, stored.version,
             ToMicros(stored.update_time), stored.updated_by});
      } else {
        changed = tx.Execute(
            "UPDATE swv_settings SET thuiszitter_report_within_days = ?, version = ?, "
            "update_time_us = ?, updated_by = ? WHERE tenant = ? AND version = ?",
            {int64_t{stored.thuiszitter_policy.report_within_days}, stored.version,
             ToMicros(stored.update_time), stored.updated_by, stored.tenant, expected_version});
      }
      if (!changed.ok()) return changed.status();
      if (*changed != 1) {
        return absl::AbortedError(absl::StrCat("settings of ", stored.tenant,
                                               " were changed by someone else; read and retry"));
      }
      return absl::OkStatus();
    });
    if (absl::IsAlreadyExists(status)) {
      return absl::AbortedError(absl::StrCat("settings of ", stored.tenant,
                                             " were changed by someone else; read and retry"));
    }
    if (!status.ok()) return status;
    return stored;
  }

 private:
  storage::Database* db_;  // not owned
};

}  // namespace

absl::Status MigrateThuiszitterSchema(storage::Database& db) {
  static const std::vector<storage::Migration>* const kMigrations =
      new std::vector<storage::Migration>{
          storage::Dialected(1, "thuiszitter cases, pupils, history, settings",
                             kThuiszitterSchemaV1),
          storage::Dialected(2, "thuiszitter plan and responsible person", kThuiszitterSchemaV2),
          storage::Dialected(3, "exemptions, monitorkinderen, record changes", kMovedToRegister),
          storage::Dialected(4, "the change log in the layout of every record kind",
                             ChangeLogLayoutMigration("thuiszitter_changes", "case_id",
                                                      kCaseLog.record_kind, true, true)),
          storage::Dialected(5, "thuiszitter case: report deadline", kThuiszitterSchemaV5),
          storage::Dialected(6, "thuiszitter case: consents to share with youth care",
                             kThuiszitterSchemaV6),
          storage::Dialected(7, "thuiszitter case: leerplicht's own actions",
                             kThuiszitterSchemaV7)};
  return storage::ApplyMigrations(db, "registrations", *kMigrations);
}

std::unique_ptr<ThuiszitterRepository> NewSqlThuiszitterRepository(storage::Database* db) {
  return std::make_unique<SqlThuiszitterRepository>(db);
}

std::unique_ptr<RecordStore<ThuiszitterCase>> NewSqlCaseStore(storage::Database* db) {
  return sql_records::NewSqlRecordStore(db, &Cases());
}

}  // namespace swv::registrations
