// SQL implementation of ThuiszitterRepository. Every statement is prepared with bound values; the
// only text assembled at run time is the choice among fixed WHERE fragments in ListCases.
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "services/common/ids.h"
#include "services/kernel/json.h"
#include "services/kernel/status_macros.h"
#include "services/kernel/time_format.h"
#include "services/registrations/records/record_changes.h"
#include "services/registrations/records/sql_pupils.h"
#include "services/registrations/records/sql_records.h"
#include "services/registrations/thuiszitters/sql_thuiszitter_rows.h"
#include "services/registrations/thuiszitters/thuiszitter_repository.h"
#include "storage/schema.h"

namespace swv::registrations {
namespace {

using namespace thuiszitter_sql;  // NOLINT: the row helpers written for this repository
using storage::Row;
using storage::Transaction;
using storage::Value;

constexpr absl::string_view kSchemaV1 = R"sql(
CREATE TABLE thuiszitter_cases (
  position %AUTO_ID%,
  tenant VARCHAR(16) NOT NULL,
  case_id VARCHAR(40) NOT NULL,
  pupil_id VARCHAR(40) NOT NULL,
  school VARCHAR(6) NOT NULL,
  lvs_pupil_number VARCHAR(32) NOT NULL,
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
constexpr absl::string_view kSchemaV2 = R"sql(
ALTER TABLE thuiszitter_cases %ADD_COLUMN% plan_version INT NOT NULL DEFAULT 0;
ALTER TABLE thuiszitter_cases %ADD_COLUMN% plan_description TEXT NULL;
ALTER TABLE thuiszitter_cases %ADD_COLUMN% plan_agreed_on CHAR(10) NULL;
ALTER TABLE thuiszitter_cases %ADD_COLUMN% plan_responsible_name VARCHAR(100) NULL;
ALTER TABLE thuiszitter_cases %ADD_COLUMN% plan_responsible_role VARCHAR(100) NULL;
ALTER TABLE thuiszitter_cases %ADD_COLUMN% plan_responsible_organisation VARCHAR(100) NULL;
ALTER TABLE thuiszitter_cases %ADD_COLUMN% plan_parents_involved INT NOT NULL DEFAULT 0;
ALTER TABLE thuiszitter_cases %ADD_COLUMN% plan_expected_resumption CHAR(10) NULL
)sql";

// Version 1 created the pupil tables and version 3 the register's exemptions, monitorkinderen
// and record_changes; those now belong to the components "pupils" (records/sql_pupils.cc) and
// "register" (register/sql_register_repository.cc), which adopted them. Fresh databases get them
// there, so the texts left here create nothing.
constexpr absl::string_view kMovedToRegister = "-- moved to component register";

class SqlThuiszitterRepository final : public ThuiszitterRepository {
 public:
  explicit SqlThuiszitterRepository(storage::Database* db) : db_(db) {}

  absl::StatusOr<CreateResult> CreateCase(const ThuiszitterCase& candidate,
                                          absl::string_view request_id) override {
    // A concurrent create with the same request_id (another replica, a retried push) loses the
    // race on the unique key; the second attempt then finds and returns the winner's record.
    CreateResult result;
    const absl::Status status =
        sql_records::CreateWithRetry(*db_, [&](Transaction& tx) -> absl::Status {
          result = CreateResult{};
          if (!request_id.empty()) {
            absl::StatusOr<absl::optional<ThuiszitterCase>> existing = FindCase(
                tx, "tenant = ? AND request_id = ?", {candidate.tenant, std::string(request_id)});
            if (!existing.ok()) return existing.status();
            if (existing->has_value()) {
              result.stored = **existing;
              return absl::OkStatus();
            }
          }
          ThuiszitterCase c = candidate;
          absl::StatusOr<std::string> pupil_id = PupilIdFor(
              tx, c.tenant, c.report.school.ToString(), c.report.lvs_pupil_number, c.create_time);
          if (!pupil_id.ok()) return pupil_id.status();
          c.pupil_id = *pupil_id;
          c.version = 1;
          c.update_time = c.create_time;
          c.updated_by = c.created_by;
          const ValidThuiszitterReport& r = c.report;
          absl::StatusOr<int64_t> inserted = tx.Execute(
              "INSERT INTO thuiszitter_cases (tenant, case_id, pupil_id, school, lvs_pupil_number, "
              "residence_municipality, absence_kind, absence_start, reported_on, cause, "
              "reported_late, status, closed_on, close_reason, municipality_case_ref, request_id, "
              "version, create_time_us, update_time_us, created_by, updated_by) VALUES "
              "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              {c.tenant,
               c.case_id,
               c.pupil_id,
               r.school.ToString(),
               r.lvs_pupil_number,
               r.residence_municipality,
               std::string(AbsenceKindName(r.absence_kind)),
               FormatDate(r.absence_start),
               FormatDate(r.reported_on),
               std::string(ThuiszitterCauseName(r.cause)),
               int64_t{r.reported_late ? 1 : 0},
               std::string(CaseStatusName(c.status)),
               c.closed_on ? Value(FormatDate(*c.closed_on)) : storage::Null(),
               c.close_reason,
               r.municipality_case_ref,
               request_id.empty() ? storage::Null() : Value(std::string(request_id)),
               c.version,
               ToMicros(c.create_time),
               ToMicros(c.update_time),
               c.created_by,
               c.updated_by});
          if (!inserted.ok()) return inserted.status();
          absl::Status logged = InsertChange(tx, c, "reported", c.created_by);
          if (!logged.ok()) return logged;
          result.stored = std::move(c);
          result.created = true;
          return absl::OkStatus();
        });
    if (!status.ok()) return status;
    return result;
  }

  absl::StatusOr<ThuiszitterCase> GetCase(absl::string_view tenant,
                                          absl::string_view case_id) override {
    absl::optional<ThuiszitterCase> found;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      absl::StatusOr<absl::optional<ThuiszitterCase>> c =
          FindCase(tx, "tenant = ? AND case_id = ?", {std::string(tenant), std::string(case_id)});
      if (!c.ok()) return c.status();
      found = *std::move(c);
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    if (!found)
      return absl::NotFoundError(absl::StrCat("thuiszitter case ", case_id, " not found"));
    return *std::move(found);
  }

  absl::StatusOr<CasePage> ListCases(const CaseQuery& query) override {
    std::string where = "tenant = ? AND position > ?";
    std::vector<Value> params = {query.tenant, query.after_position};
    sql_records::AppendSchoolFilter(query.filter, "school", &where, &params,
                                    "residence_municipality");
    if (query.residence_municipality) {
      where += " AND residence_municipality = ?";
      params.emplace_back(*query.residence_municipality);
    }
    if (query.status) {
      where += " AND status = ?";
      params.emplace_back(std::string(CaseStatusName(*query.status)));
    }
    // One row more than asked tells whether another page follows.
    params.emplace_back(int64_t{query.page_size} + 1);
    const std::string sql = absl::StrCat("SELECT ", kCaseColumns, " FROM thuiszitter_cases WHERE ",
                                         where, " ORDER BY position LIMIT ?");
    CasePage page;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      page = CasePage{};
      absl::StatusOr<std::vector<Row>> rows = tx.Query(sql, params);
      if (!rows.ok()) return rows.status();
      int64_t position = 0;
      for (const Row& row : *rows) {
        if (static_cast<int>(page.cases.size()) == query.page_size) {
          page.next_position = position;
          break;
        }
        absl::StatusOr<ThuiszitterCase> c = CaseFromRow(row, &position);
        if (!c.ok()) return c.status();
        page.cases.push_back(*std::move(c));
      }
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return page;
  }

  absl::StatusOr<ThuiszitterCase> UpdateCase(const ThuiszitterCase& updated,
                                             int64_t expected_version,
                                             absl::string_view action) override {
    ThuiszitterCase c = updated;
    c.version = expected_version + 1;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      const ValidThuiszitterReport& r = c.report;
      absl::StatusOr<int64_t> changed = tx.Execute(
          "UPDATE thuiszitter_cases SET residence_municipality = ?, absence_kind = ?, "
          "absence_start = ?, reported_on = ?, cause = ?, reported_late = ?, status = ?, "
          "closed_on = ?, close_reason = ?, municipality_case_ref = ?, version = ?, "
          "update_time_us = ?, updated_by = ?, plan_version = ?, plan_description = ?, "
          "plan_agreed_on = ?, plan_responsible_name = ?, plan_responsible_role = ?, "
          "plan_responsible_organisation = ?, plan_parents_involved = ?, "
          "plan_expected_resumption = ? WHERE tenant = ? AND case_id = ? AND version = ?",
          {r.residence_municipality,
           std::string(AbsenceKindName(r.absence_kind)),
           FormatDate(r.absence_start),
           FormatDate(r.reported_on),
           std::string(ThuiszitterCauseName(r.cause)),
           int64_t{r.reported_late ? 1 : 0},
           std::string(CaseStatusName(c.status)),
           c.closed_on ? Value(FormatDate(*c.closed_on)) : storage::Null(),
           c.close_reason,
           r.municipality_case_ref,
           c.version,
           ToMicros(c.update_time),
           c.updated_by,
           int64_t{c.plan ? c.plan->plan_version : 0},
           c.plan ? Value(c.plan->description) : storage::Null(),
           c.plan ? Value(FormatDate(c.plan->agreed_on)) : storage::Null(),
           c.plan ? Value(c.plan->responsible_name) : storage::Null(),
           c.plan ? Value(c.plan->responsible_role) : storage::Null(),
           c.plan ? Value(c.plan->responsible_organisation) : storage::Null(),
           int64_t{c.plan && c.plan->parents_involved ? 1 : 0},
           c.plan && c.plan->expected_resumption ? Value(FormatDate(*c.plan->expected_resumption))
                                                 : storage::Null(),
           c.tenant,
           c.case_id,
           expected_version});
      if (!changed.ok()) return changed.status();
      if (*changed != 1) {
        absl::StatusOr<absl::optional<ThuiszitterCase>> current =
            FindCase(tx, "tenant = ? AND case_id = ?", {c.tenant, c.case_id});
        if (!current.ok()) return current.status();
        if (!current->has_value()) {
          return absl::NotFoundError(absl::StrCat("thuiszitter case ", c.case_id, " not found"));
        }
        return absl::AbortedError(absl::StrCat(
            "thuiszitter case ", c.case_id, " was changed by someone else (now version ",
            (*current)->version, ", expected ", expected_version, "); read it again and retry"));
      }
      return InsertChange(tx, c, action, c.updated_by);
    });
    if (!status.ok()) return status;
    return c;
  }

  absl::StatusOr<std::vector<ThuiszitterCase>> ListCasesReportedBy(
      absl::string_view tenant, absl::CivilDay last_day) override {
    std::vector<ThuiszitterCase> cases;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      cases.clear();
      // ISO dates compare as text.
      absl::StatusOr<std::vector<Row>> rows =
          tx.Query(absl::StrCat("SELECT ", kCaseColumns,
                                " FROM thuiszitter_cases WHERE tenant = ? AND reported_on <= ? "
                                "ORDER BY position"),
                   {std::string(tenant), FormatDate(last_day)});
      if (!rows.ok()) return rows.status();
      for (const Row& row : *rows) {
        absl::StatusOr<ThuiszitterCase> c = CaseFromRow(row);
        if (!c.ok()) return c.status();
        cases.push_back(*std::move(c));
      }
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return cases;
  }

  absl::StatusOr<std::vector<RecordChange>> ListChanges(absl::string_view tenant,
                                                        absl::string_view case_id) override {
    return ListRecordChanges(*db_, kCaseLog, tenant, case_id);
  }

  absl::StatusOr<std::vector<std::string>> ListTenants() override {
    std::vector<std::string> tenants;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      tenants.clear();
      absl::StatusOr<std::vector<Row>> rows = tx.Query(
          "SELECT tenant FROM thuiszitter_cases UNION SELECT tenant FROM swv_settings "
          "UNION SELECT tenant FROM dir_schools UNION SELECT tenant FROM tlvs "
          "UNION SELECT tenant FROM arrangements ORDER BY 1");
      if (!rows.ok()) return rows.status();
      for (const Row& row : *rows) tenants.push_back(row.GetString(0));
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
      absl::StatusOr<std::vector<Row>> rows = tx.Query(
          "SELECT thuiszitter_report_within_days, version, update_time_us, updated_by "
          "FROM swv_settings WHERE tenant = ?",
          {std::string(tenant)});
      if (!rows.ok()) return rows.status();
      if (rows->empty()) return absl::OkStatus();
      const Row& row = rows->front();
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
          storage::Dialected(1, "thuiszitter cases, pupils, history, settings", kSchemaV1),
          storage::Dialected(2, "thuiszitter plan and responsible person", kSchemaV2),
          storage::Dialected(3, "exemptions, monitorkinderen, record changes", kMovedToRegister),
          storage::Dialected(4, "the change log in the layout of every record kind",
                             ChangeLogLayoutMigration("thuiszitter_changes", "case_id",
                                                      kCaseLog.record_kind, true, true))};
  return storage::ApplyMigrations(db, "registrations", *kMigrations);
}

std::unique_ptr<ThuiszitterRepository> NewSqlThuiszitterRepository(storage::Database* db) {
  return std::make_unique<SqlThuiszitterRepository>(db);
}

}  // namespace swv::registrations
