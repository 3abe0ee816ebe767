// SQL implementation of RegisterRepository (exemptions, monitorkinderen). Prepared statements only.
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/kernel/json.h"
#include "services/kernel/status_macros.h"
#include "services/registrations/records/record_changes.h"
#include "services/registrations/records/sql_pupils.h"
#include "services/registrations/records/sql_records.h"
#include "services/registrations/register/register_repository.h"
#include "storage/schema.h"

namespace swv::registrations {
namespace {

using storage::Row;
using storage::Transaction;
using storage::Value;
using namespace sql_records;  // NOLINT: the helpers of every record repository

constexpr char kChangesTable[] = "record_changes";
const ChangeLog kExemptionLog{kChangesTable, kExemptionKind, kExemptionKind};
const ChangeLog kMonitorkindLog{kChangesTable, kMonitorkindKind, kMonitorkindKind};

// The register's record kinds besides thuiszitter cases, and their change log; created as version
// 3 of the component "registrations" before this component existed.
constexpr absl::string_view kSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS exemptions (
  position %AUTO_ID%,
  tenant VARCHAR(16) NOT NULL,
  exemption_id VARCHAR(40) NOT NULL,
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
  CONSTRAINT exemptions_id UNIQUE (tenant, exemption_id),
  CONSTRAINT exemptions_request_id UNIQUE (tenant, request_id)
)%TABLE_OPTIONS%;
CREATE TABLE IF NOT EXISTS monitorkinderen (
  position %AUTO_ID%,
  tenant VARCHAR(16) NOT NULL,
  monitorkind_id VARCHAR(40) NOT NULL,
  pupil_id VARCHAR(40) NOT NULL,
  school VARCHAR(6) NOT NULL,
  lvs_pupil_number VARCHAR(32) NOT NULL,
  residence_municipality VARCHAR(6) NOT NULL,
  reason VARCHAR(40) NOT NULL,
  at_home_since CHAR(10) NOT NULL,
  registered_on CHAR(10) NOT NULL,
  status VARCHAR(16) NOT NULL,
  closed_on CHAR(10) NULL,
  close_reason TEXT NOT NULL,
  %RECORD_META%,
  CONSTRAINT monitorkinderen_id UNIQUE (tenant, monitorkind_id),
  CONSTRAINT monitorkinderen_request_id UNIQUE (tenant, request_id)
)%TABLE_OPTIONS%;
CREATE INDEX IF NOT EXISTS monitorkinderen_status ON monitorkinderen (tenant, status, position);
CREATE TABLE IF NOT EXISTS record_changes (
  tenant VARCHAR(16) NOT NULL,
  record_kind VARCHAR(24) NOT NULL,
  record_id VARCHAR(40) NOT NULL,
  version BIGINT NOT NULL,
  action VARCHAR(32) NOT NULL,
  actor VARCHAR(128) NOT NULL,
  time_us BIGINT NOT NULL,
  snapshot_json TEXT NOT NULL,
  PRIMARY KEY (tenant, record_kind, record_id, version)
)%TABLE_OPTIONS%
)sql";

// ---- Exemptions
// ----------------------------------------------------------------------------------

constexpr absl::string_view kExemptionColumns =
    "tenant, exemption_id, residence_municipality, school, lvs_pupil_number, pupil_id, "
    "start_date, end_date, swv_involved, version, create_time_us, created_by, position";

absl::StatusOr<ExemptionRecord> ExemptionFromRow(const Row& row) {
  ExemptionRecord e;
  e.tenant = row.GetString(0);
  e.exemption_id = row.GetString(1);
  ValidExemption& v = e.exemption;
  v.residence_municipality = row.GetString(2);
  if (!row.GetString(3).empty()) {
    absl::StatusOr<SchoolCode> school = ParseSchoolCode("school", row.GetString(3));
    if (!school.ok()) return Corrupt("exemption", "school");
    v.school = *school;
  }
  v.lvs_pupil_number = row.GetString(4);
  e.pupil_id = row.GetString(5);
  SWV_RETURN_IF_ERROR(ReadDate("exemption", "start_date", row, 6, v.start_date));
  if (absl::Status s = ReadOptionalDate("exemption", "end_date", row, 7, v.end_date); !s.ok()) {
    return s;
  }
  v.swv_involved = row.GetInt(8) != 0;
  e.version = row.GetInt(9);
  e.create_time = FromMicros(row.GetInt(10));
  e.created_by = row.GetString(11);
  e.position = row.GetInt(12);
  return e;
}

std::string ExemptionSnapshot(const ExemptionRecord& e) {
  const ValidExemption& v = e.exemption;
  return JsonObject()
      .String("residenceMunicipality", v.residence_municipality)
      .String("school", v.school ? v.school->ToString() : "")
      .String("lvsPupilNumber", v.lvs_pupil_number)
      .String("pupilId", e.pupil_id)
      .Date("startDate", v.start_date)
      .Date("endDate", v.end_date)
      .Bool("swvInvolved", v.swv_involved)
      .Build();
}

// ---- Monitorkinderen
// -----------------------------------------------------------------------------

constexpr absl::string_view kMonitorkindColumns =
    "tenant, monitorkind_id, pupil_id, school, lvs_pupil_number, residence_municipality, reason, "
    "at_home_since, registered_on, status, closed_on, close_reason, version, create_time_us, "
    "update_time_us, created_by, updated_by, position";

absl::StatusOr<MonitorkindRecord> MonitorkindFromRow(const Row& row) {
  MonitorkindRecord m;
  m.tenant = row.GetString(0);
  m.monitorkind_id = row.GetString(1);
  m.pupil_id = row.GetString(2);
  ValidMonitorkind& v = m.monitorkind;
  absl::StatusOr<SchoolCode> school = ParseSchoolCode("school", row.GetString(3));
  if (!school.ok()) return Corrupt("monitorkind", "school");
  v.school = *school;
  v.lvs_pupil_number = row.GetString(4);
  v.residence_municipality = row.GetString(5);
  absl::optional<MonitorkindReason> reason = MonitorkindReasonFromName(row.GetString(6));
  if (!reason) return Corrupt("monitorkind", "reason");
  v.reason = *reason;
  if (absl::Status s = ReadDate("monitorkind", "at_home_since", row, 7, v.at_home_since); !s.ok()) {
    return s;
  }
  if (absl::Status s = ReadDate("monitorkind", "registered_on", row, 8, v.registered_on); !s.ok()) {
    return s;
  }
  absl::optional<CaseStatus> status = CaseStatusFromName(row.GetString(9));
  if (!status) return Corrupt("monitorkind", "status");
  m.status = *status;
  if (absl::Status s = ReadOptionalDate("monitorkind", "closed_on", row, 10, m.closed_on);
      !s.ok()) {
    return s;
  }
  m.close_reason = row.GetString(11);
  m.version = row.GetInt(12);
  m.create_time = FromMicros(row.GetInt(13));
  m.update_time = FromMicros(row.GetInt(14));
  m.created_by = row.GetString(15);
  m.updated_by = row.GetString(16);
  m.position = row.GetInt(17);
  return m;
}

std::string MonitorkindSnapshot(const MonitorkindRecord& m) {
  const ValidMonitorkind& v = m.monitorkind;
  return JsonObject()
      .String("school", v.school.ToString())
      .String("lvsPupilNumber", v.lvs_pupil_number)
      .String("pupilId", m.pupil_id)
      .String("residenceMunicipality", v.residence_municipality)
      .String("reason", MonitorkindReasonName(v.reason))
      .Date("atHomeSince", v.at_home_since)
      .Date("registeredOn", v.registered_on)
      .String("status", CaseStatusName(m.status))
      .Date("closedOn", m.closed_on)
      .String("closeReason", m.close_reason)
      .Build();
}

const RecordTable<ExemptionRecord> kExemptions{"exemptions", kExemptionColumns, "exemption_id",
                                               "exemption", ExemptionFromRow};
const RecordTable<MonitorkindRecord> kMonitorkinderen{
    "monitorkinderen", kMonitorkindColumns, "monitorkind_id", "monitorkind", MonitorkindFromRow};

class SqlRegisterRepository final : public RegisterRepository {
 public:
  explicit SqlRegisterRepository(storage::Database* db) : db_(db) {}

  absl::StatusOr<Created<ExemptionRecord>> CreateExemption(const ExemptionRecord& candidate,
                                                           absl::string_view request_id) override {
    return CreateIdempotent(
        *db_, kExemptions, candidate.tenant, request_id,
        [&](Transaction& tx) -> absl::StatusOr<ExemptionRecord> {
          ExemptionRecord e = candidate;
          e.version = 1;
          const ValidExemption& v = e.exemption;
          if (v.school && !v.lvs_pupil_number.empty()) {
            absl::StatusOr<std::string> pupil =
                PupilIdFor(tx, e.tenant, v.school->ToString(), v.lvs_pupil_number, e.create_time);
            if (!pupil.ok()) return pupil.status();
            e.pupil_id = *pupil;
          }
          absl::StatusOr<int64_t> inserted = tx.Execute(
              "INSERT INTO exemptions (tenant, exemption_id, residence_municipality, school, "
              "lvs_pupil_number, pupil_id, start_date, end_date, swv_involved, request_id, "
              "version, "
              "create_time_us, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              {e.tenant, e.exemption_id, v.residence_municipality,
               v.school ? v.school->ToString() : std::string(), v.lvs_pupil_number, e.pupil_id,
               FormatDate(v.start_date), OptionalDate(v.end_date), int64_t{v.swv_involved ? 1 : 0},
               request_id.empty() ? storage::Null() : Value(std::string(request_id)), e.version,
               ToMicros(e.create_time), e.created_by});
          if (!inserted.ok()) return inserted.status();
          absl::Status logged = InsertRecordChange(
              tx, kExemptionLog,
              RecordChangeRow{e.tenant, e.exemption_id, e.version, "recorded", e.created_by,
                              e.create_time, "", ExemptionSnapshot(e)});
          if (!logged.ok()) return logged;
          return e;
        });
  }

  absl::StatusOr<ExemptionRecord> GetExemption(absl::string_view tenant,
                                               absl::string_view id) override {
    return GetRecord(*db_, kExemptions, tenant, id);
  }

  absl::StatusOr<RecordPage<ExemptionRecord>> ListExemptions(absl::string_view tenant,
                                                             int page_size, int64_t after_position,
                                                             const SchoolFilter& filter) override {
    return ListRecordPage(*db_, kExemptions, tenant, page_size, after_position, filter);
  }

  absl::StatusOr<std::vector<ExemptionRecord>> ListExemptionsStartingBy(
      absl::string_view tenant, absl::CivilDay last_day) override {
    return ListRecordsUpTo(*db_, kExemptions, tenant, "start_date", last_day);
  }

  absl::StatusOr<Created<MonitorkindRecord>> CreateMonitorkind(
      const MonitorkindRecord& candidate, absl::string_view request_id) override {
    return CreateIdempotent(
        *db_, kMonitorkinderen, candidate.tenant, request_id,
        [&](Transaction& tx) -> absl::StatusOr<MonitorkindRecord> {
          MonitorkindRecord m = FirstVersion(candidate);
          const ValidMonitorkind& v = m.monitorkind;
          absl::StatusOr<std::string> pupil =
              PupilIdFor(tx, m.tenant, v.school.ToString(), v.lvs_pupil_number, m.create_time);
          if (!pupil.ok()) return pupil.status();
          m.pupil_id = *pupil;
          absl::StatusOr<int64_t> inserted = tx.Execute(
              "INSERT INTO monitorkinderen (tenant, monitorkind_id, pupil_id, school, "
              "lvs_pupil_number, residence_municipality, reason, at_home_since, registered_on, "
              "status, closed_on, close_reason, request_id, version, create_time_us, "
              "update_time_us, "
              "created_by, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
              "?)",
              {m.tenant, m.monitorkind_id, m.pupil_id, v.school.ToString(), v.lvs_pupil_number,
               v.residence_municipality, std::string(MonitorkindReasonName(v.reason)),
               FormatDate(v.at_home_since), FormatDate(v.registered_on),
               std::string(CaseStatusName(m.status)), OptionalDate(m.closed_on), m.close_reason,
               request_id.empty() ? storage::Null() : Value(std::string(request_id)), m.version,
               ToMicros(m.create_time), ToMicros(m.update_time), m.created_by, m.updated_by});
          if (!inserted.ok()) return inserted.status();
          absl::Status logged = InsertRecordChange(
              tx, kMonitorkindLog,
              RecordChangeRow{m.tenant, m.monitorkind_id, m.version, "registered", m.created_by,
                              m.create_time, "", MonitorkindSnapshot(m)});
          if (!logged.ok()) return logged;
          return m;
        });
  }

  absl::StatusOr<MonitorkindRecord> GetMonitorkind(absl::string_view tenant,
                                                   absl::string_view id) override {
    return GetRecord(*db_, kMonitorkinderen, tenant, id);
  }

  absl::StatusOr<RecordPage<MonitorkindRecord>> ListMonitorkinderen(
      absl::string_view tenant, int page_size, int64_t after_position, const SchoolFilter& filter,
      absl::optional<CaseStatus> status) override {
    return ListRecordPage(
        *db_, kMonitorkinderen, tenant, page_size, after_position, filter, "status",
        status ? absl::make_optional<Value>(std::string(CaseStatusName(*status))) : absl::nullopt);
  }

  absl::StatusOr<MonitorkindRecord> UpdateMonitorkind(const MonitorkindRecord& updated,
                                                      int64_t expected_version,
                                                      absl::string_view action) override {
    MonitorkindRecord m = updated;
    m.version = expected_version + 1;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      absl::StatusOr<int64_t> changed = tx.Execute(
          "UPDATE monitorkinderen SET status = ?, closed_on = ?, close_reason = ?, version = ?, "
          "update_time_us = ?, updated_by = ? WHERE tenant = ? AND monitorkind_id = ? AND "
          "version = ?",
          {std::string(CaseStatusName(m.status)), OptionalDate(m.closed_on), m.close_reason,
           m.version, ToMicros(m.update_time), m.updated_by, m.tenant, m.monitorkind_id,
           expected_version});
      SWV_RETURN_IF_ERROR(ExpectUpdated(changed, "monitorkind", m.monitorkind_id));
      return InsertRecordChange(
          tx, kMonitorkindLog,
          RecordChangeRow{m.tenant, m.monitorkind_id, m.version, std::string(action), m.updated_by,
                          m.update_time, "", MonitorkindSnapshot(m)});
    });
    if (!status.ok()) return status;
    return m;
  }

  absl::StatusOr<std::vector<MonitorkindRecord>> ListMonitorkinderenRegisteredBy(
      absl::string_view tenant, absl::CivilDay last_day) override {
    return ListRecordsUpTo(*db_, kMonitorkinderen, tenant, "registered_on", last_day);
  }

  absl::StatusOr<std::vector<RecordChange>> ListChanges(absl::string_view tenant,
                                                        absl::string_view record_kind,
                                                        absl::string_view id) override {
    return ListRecordChanges(*db_, ChangeLog{kChangesTable, record_kind, record_kind}, tenant, id);
  }

 private:
  storage::Database* db_;  // not owned
};

}  // namespace

absl::Status MigrateRegisterSchema(storage::Database& db) {
  static const std::vector<storage::Migration>* const kMigrations =
      new std::vector<storage::Migration>{
          storage::Dialected(1, "exemptions, monitorkinderen, record changes", kSchemaV1),
          storage::Dialected(2, "the change log in the layout of every record kind",
                             ChangeLogLayoutMigration(kChangesTable, "", "", true, false))};
  return storage::ApplyMigrations(db, "register", *kMigrations, {{1, "registrations", 3}});
}

std::unique_ptr<RegisterRepository> NewSqlRegisterRepository(storage::Database* db) {
  return std::make_unique<SqlRegisterRepository>(db);
}

}  // namespace swv::registrations
