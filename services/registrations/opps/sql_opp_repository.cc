// SQL implementation of OppRepository and its schema component "opp".
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/kernel/json.h"
#include "services/kernel/status_macros.h"
#include "services/registrations/opps/opp_repository.h"
#include "services/registrations/records/record_changes.h"
#include "services/registrations/records/sql_pupils.h"
#include "services/registrations/records/sql_records.h"
#include "storage/schema.h"

namespace swv::registrations {
namespace {

using sql_records::Corrupt;
using sql_records::OptionalDate;
using sql_records::ReadOptionalDate;
using storage::Row;
using storage::Transaction;
using storage::Value;

// Names the record in the errors for stored rows that do not read back.
constexpr absl::string_view kWhat = "OPP";

// Created as version 1 of the component "tlv" before this component existed.
constexpr absl::string_view kSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS opps (
  position %AUTO_ID%,
  tenant VARCHAR(16) NOT NULL,
  opp_id VARCHAR(40) NOT NULL,
  pupil_id VARCHAR(40) NOT NULL,
  school VARCHAR(6) NOT NULL,
  lvs_pupil_number VARCHAR(32) NOT NULL,
  drawn_up_on CHAR(10) NOT NULL,
  start_date CHAR(10) NOT NULL,
  end_date CHAR(10) NULL,
  enrolment_date CHAR(10) NULL,
  consent VARCHAR(16) NOT NULL,
  consent_date CHAR(10) NULL,
  last_evaluated_on CHAR(10) NULL,
  %RECORD_META%,
  CONSTRAINT opps_opp_id UNIQUE (tenant, opp_id),
  CONSTRAINT opps_request_id UNIQUE (tenant, request_id)
)%TABLE_OPTIONS%;
CREATE INDEX IF NOT EXISTS opps_school ON opps (tenant, school, position);
CREATE TABLE IF NOT EXISTS opp_versions (
  tenant VARCHAR(16) NOT NULL,
  opp_id VARCHAR(40) NOT NULL,
  version BIGINT NOT NULL,
  action VARCHAR(32) NOT NULL,
  actor VARCHAR(128) NOT NULL,
  time_us BIGINT NOT NULL,
  reason VARCHAR(500) NOT NULL,
  snapshot_json TEXT NOT NULL,
  PRIMARY KEY (tenant, opp_id, version)
)%TABLE_OPTIONS%
)sql";

// The SO-TLV profile of an OPP (placement statistics): NULL = not judged, 0 = no, 1 = yes.
constexpr absl::string_view kSchemaV2 = R"sql(
ALTER TABLE opps %ADD_COLUMN% so_tlv_profile INT NULL
)sql";

constexpr absl::string_view kOppColumns =
    "tenant, opp_id, pupil_id, school, lvs_pupil_number, drawn_up_on, start_date, end_date, "
    "enrolment_date, consent, consent_date, last_evaluated_on, version, create_time_us, "
    "update_time_us, created_by, updated_by, position, so_tlv_profile";

Value OptionalBool(const absl::optional<bool>& value) {
  return value ? Value(int64_t{*value ? 1 : 0}) : storage::Null();
}

std::string Snapshot(const OppRecord& r) {
  const ValidOpp& o = r.opp;
  return JsonObject()
      .String("school", o.school.ToString())
      .String("lvsPupilNumber", o.lvs_pupil_number)
      .String("pupilId", r.pupil_id)
      .Date("drawnUpOn", o.drawn_up_on)
      .Date("startDate", o.start_date)
      .Date("endDate", o.end_date)
      .Date("enrolmentDate", o.enrolment_date)
      .String("consent", ParentalConsentName(o.consent))
      .Date("consentDate", o.consent_date)
      .Date("lastEvaluatedOn", o.last_evaluated_on)
      .Raw("soTlvProfile", o.so_tlv_profile ? (*o.so_tlv_profile ? "true" : "false") : "null")
      .Build();
}

// Columns from `first` on: school .. last_evaluated_on (kOppColumns[3..11]).
absl::StatusOr<ValidOpp> OppFromColumns(const Row& row, size_t first) {
  ValidOpp o;
  absl::StatusOr<SchoolCode> school = ParseSchoolCode("school", row.GetString(first));
  if (!school.ok()) return Corrupt(kWhat, "school");
  o.school = *school;
  o.lvs_pupil_number = row.GetString(first + 1);
  absl::optional<absl::CivilDay> day;
  if (absl::Status s = ReadOptionalDate(kWhat, "drawn_up_on", row, first + 2, day);
      !s.ok() || !day) {
    return Corrupt(kWhat, "drawn_up_on");
  }
  o.drawn_up_on = *day;
  if (absl::Status s = ReadOptionalDate(kWhat, "start_date", row, first + 3, day);
      !s.ok() || !day) {
    return Corrupt(kWhat, "start_date");
  }
  o.start_date = *day;
  if (absl::Status s = ReadOptionalDate(kWhat, "end_date", row, first + 4, o.end_date); !s.ok())
    return s;
  if (absl::Status s = ReadOptionalDate(kWhat, "enrolment_date", row, first + 5, o.enrolment_date);
      !s.ok()) {
    return s;
  }
  absl::optional<ParentalConsent> consent = ParentalConsentFromName(row.GetString(first + 6));
  if (!consent) return Corrupt(kWhat, "consent");
  o.consent = *consent;
  if (absl::Status s = ReadOptionalDate(kWhat, "consent_date", row, first + 7, o.consent_date);
      !s.ok())
    return s;
  if (absl::Status s =
          ReadOptionalDate(kWhat, "last_evaluated_on", row, first + 8, o.last_evaluated_on);
      !s.ok()) {
    return s;
  }
  return o;
}

absl::StatusOr<OppRecord> OppFromRow(const Row& row, int64_t* position = nullptr) {
  OppRecord r;
  r.tenant = row.GetString(0);
  r.opp_id = row.GetString(1);
  r.pupil_id = row.GetString(2);
  absl::StatusOr<ValidOpp> opp = OppFromColumns(row, 3);
  if (!opp.ok()) return opp.status();
  r.opp = *std::move(opp);
  r.version = row.GetInt(12);
  r.create_time = absl::FromUnixMicros(row.GetInt(13));
  r.update_time = absl::FromUnixMicros(row.GetInt(14));
  r.created_by = row.GetString(15);
  r.updated_by = row.GetString(16);
  if (position != nullptr) *position = row.GetInt(17);
  if (!row.IsNull(18)) r.opp.so_tlv_profile = row.GetInt(18) != 0;
  return r;
}

absl::StatusOr<absl::optional<OppRecord>> FindOpp(Transaction& tx, absl::string_view where,
                                                  std::vector<Value> params) {
  SWV_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      tx.Query(absl::StrCat("SELECT ", kOppColumns, " FROM opps WHERE ", where), params));
  if (rows.empty()) return absl::optional<OppRecord>();
  SWV_ASSIGN_OR_RETURN(OppRecord r, OppFromRow(rows.front()));
  return absl::optional<OppRecord>(std::move(r));
}

const ChangeLog kOppLog{"opp_versions", "opp", "OPP"};

absl::Status InsertVersion(Transaction& tx, const OppRecord& r, absl::string_view action,
                           absl::string_view reason) {
  return InsertRecordChange(
      tx, kOppLog,
      RecordChangeRow{r.tenant, r.opp_id, r.version, std::string(action), r.updated_by,
                      r.update_time, std::string(reason), Snapshot(r)});
}

class SqlOppRepository final : public OppRepository {
 public:
  explicit SqlOppRepository(storage::Database* db) : db_(db) {}

  absl::StatusOr<CreateOppResult> CreateOpp(const OppRecord& candidate,
                                            absl::string_view request_id) override {
    absl::Status last;
    for (int attempt = 0; attempt < 2; ++attempt) {
      CreateOppResult result;
      last = db_->InTransaction([&](Transaction& tx) -> absl::Status {
        result = CreateOppResult{};
        if (!request_id.empty()) {
          auto existing = FindOpp(tx, "tenant = ? AND request_id = ?",
                                  {candidate.tenant, std::string(request_id)});
          if (!existing.ok()) return existing.status();
          if (existing->has_value()) {
            result.stored = **existing;
            return absl::OkStatus();
          }
        }
        OppRecord r = candidate;
        absl::StatusOr<std::string> pupil_id = PupilIdFor(tx, r.tenant, r.opp.school.ToString(),
                                                          r.opp.lvs_pupil_number, r.create_time);
        if (!pupil_id.ok()) return pupil_id.status();
        r.pupil_id = *pupil_id;
        r.version = 1;
        r.update_time = r.create_time;
        r.updated_by = r.created_by;
        const ValidOpp& o = r.opp;
        absl::StatusOr<int64_t> inserted = tx.Execute(
            "INSERT INTO opps (tenant, opp_id, pupil_id, school, lvs_pupil_number, drawn_up_on, "
            "start_date, end_date, enrolment_date, consent, consent_date, last_evaluated_on, "
            "request_id, version, create_time_us, update_time_us, created_by, updated_by, "
            "so_tlv_profile) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {r.tenant, r.opp_id, r.pupil_id, o.school.ToString(), o.lvs_pupil_number,
             FormatDate(o.drawn_up_on), FormatDate(o.start_date), OptionalDate(o.end_date),
             OptionalDate(o.enrolment_date), std::string(ParentalConsentName(o.consent)),
             OptionalDate(o.consent_date), OptionalDate(o.last_evaluated_on),
             request_id.empty() ? storage::Null() : Value(std::string(request_id)), r.version,
             absl::ToUnixMicros(r.create_time), absl::ToUnixMicros(r.update_time), r.created_by,
             r.updated_by, OptionalBool(o.so_tlv_profile)});
        if (!inserted.ok()) return inserted.status();
        if (absl::Status s = InsertVersion(tx, r, "created", ""); !s.ok()) return s;
        result.stored = std::move(r);
        result.created = true;
        return absl::OkStatus();
      });
      if (last.ok()) return result;
      if (!absl::IsAlreadyExists(last)) return last;
    }
    return last;
  }

  absl::StatusOr<OppRecord> GetOpp(absl::string_view tenant, absl::string_view opp_id) override {
    absl::optional<OppRecord> found;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      auto r = FindOpp(tx, "tenant = ? AND opp_id = ?", {std::string(tenant), std::string(opp_id)});
      if (!r.ok()) return r.status();
      found = *std::move(r);
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    if (!found) return absl::NotFoundError(absl::StrCat("OPP ", opp_id, " not found"));
    return *std::move(found);
  }

  absl::StatusOr<OppPage> ListOpps(const OppQuery& query) override {
    std::string where = "tenant = ? AND position > ?";
    std::vector<Value> params = {query.tenant, query.after_position};
    sql_records::AppendSchoolFilter(query.filter, "school", &where, &params);
    params.emplace_back(int64_t{query.page_size} + 1);
    const std::string sql = absl::StrCat("SELECT ", kOppColumns, " FROM opps WHERE ", where,
                                         " ORDER BY position LIMIT ?");
    OppPage page;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      page = OppPage{};
      absl::StatusOr<std::vector<Row>> rows = tx.Query(sql, params);
      if (!rows.ok()) return rows.status();
      int64_t position = 0;
      for (const Row& row : *rows) {
        if (static_cast<int>(page.opps.size()) == query.page_size) {
          page.next_position = position;
          break;
        }
        absl::StatusOr<OppRecord> r = OppFromRow(row, &position);
        if (!r.ok()) return r.status();
        page.opps.push_back(*std::move(r));
      }
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return page;
  }

  absl::StatusOr<OppRecord> UpdateOpp(const OppRecord& updated, int64_t expected_version,
                                      absl::string_view reason) override {
    OppRecord r = updated;
    r.version = expected_version + 1;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      const ValidOpp& o = r.opp;
      absl::StatusOr<int64_t> changed = tx.Execute(
          "UPDATE opps SET drawn_up_on = ?, start_date = ?, end_date = ?, enrolment_date = ?, "
          "consent = ?, consent_date = ?, last_evaluated_on = ?, so_tlv_profile = ?, version = ?, "
          "update_time_us = ?, updated_by = ? WHERE tenant = ? AND opp_id = ? AND version = ?",
          {FormatDate(o.drawn_up_on), FormatDate(o.start_date), OptionalDate(o.end_date),
           OptionalDate(o.enrolment_date), std::string(ParentalConsentName(o.consent)),
           OptionalDate(o.consent_date), OptionalDate(o.last_evaluated_on),
           OptionalBool(o.so_tlv_profile), r.version, absl::ToUnixMicros(r.update_time),
           r.updated_by, r.tenant, r.opp_id, expected_version});
      if (!changed.ok()) return changed.status();
      if (*changed != 1) {
        auto current = FindOpp(tx, "tenant = ? AND opp_id = ?", {r.tenant, r.opp_id});
        if (!current.ok()) return current.status();
        if (!current->has_value()) {
          return absl::NotFoundError(absl::StrCat("OPP ", r.opp_id, " not found"));
        }
        return absl::AbortedError(absl::StrCat(
            "OPP ", r.opp_id, " was changed by someone else (now version ", (*current)->version,
            ", expected ", expected_version, "); read it again and retry"));
      }
      return InsertVersion(tx, r, "updated", reason);
    });
    if (!status.ok()) return status;
    return r;
  }

  absl::StatusOr<std::vector<RecordChange>> ListVersions(absl::string_view tenant,
                                                         absl::string_view opp_id) override {
    return ListRecordChanges(*db_, kOppLog, tenant, opp_id);
  }

  absl::StatusOr<std::vector<ValidOpp>> OppsForStatistics(absl::string_view tenant,
                                                          const SchoolFilter& filter) override {
    std::string sql =
        "SELECT o.school, o.lvs_pupil_number, o.drawn_up_on, o.start_date, o.end_date, "
        "o.enrolment_date, o.consent, o.consent_date, o.last_evaluated_on FROM opps o "
        "LEFT JOIN dir_schools s ON s.tenant = o.tenant AND s.code = o.school WHERE o.tenant = ?";
    std::vector<Value> params = {std::string(tenant)};
    sql_records::AppendSchoolFilter(filter, "o.school", &sql, &params);
    return sql_records::ReadRecords<ValidOpp>(
        *db_, sql, std::move(params), [](const Row& row) { return OppFromColumns(row, 0); });
  }

  absl::StatusOr<std::vector<OppPlacement>> OppPlacements(absl::string_view tenant,
                                                          absl::CivilDay from,
                                                          absl::CivilDay last) override {
    std::vector<OppPlacement> out;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      out.clear();
      // ISO dates compare as text. All OPPs of those pupils: an earlier one names the first school.
      absl::StatusOr<std::vector<Row>> rows = tx.Query(
          "SELECT pupil_id, school, start_date, end_date, so_tlv_profile FROM opps WHERE "
          "tenant = ? AND pupil_id IN (SELECT pupil_id FROM opps WHERE tenant = ? AND "
          "start_date <= ? AND (end_date IS NULL OR end_date >= ?)) ORDER BY position",
          {std::string(tenant), std::string(tenant), FormatDate(last), FormatDate(from)});
      if (!rows.ok()) return rows.status();
      for (const Row& row : *rows) {
        OppPlacement p;
        p.pupil_id = row.GetString(0);
        p.school = row.GetString(1);
        absl::optional<absl::CivilDay> start;
        if (absl::Status s = ReadOptionalDate(kWhat, "start_date", row, 2, start);
            !s.ok() || !start) {
          return Corrupt(kWhat, "start_date");
        }
        p.start_date = *start;
        if (absl::Status s = ReadOptionalDate(kWhat, "end_date", row, 3, p.end_date); !s.ok())
          return s;
        p.so_tlv_profile = !row.IsNull(4) && row.GetInt(4) != 0;
        out.push_back(std::move(p));
      }
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return out;
  }

 private:
  storage::Database* db_;  // not owned
};

}  // namespace

absl::Status MigrateOppSchema(storage::Database& db) {
  static const std::vector<storage::Migration>* const kMigrations =
      new std::vector<storage::Migration>{
          storage::Dialected(1, "OPPs and their versions", kSchemaV1),
          storage::Dialected(2, "OPP: SO-TLV profile", kSchemaV2),
          storage::Dialected(3, "the change log in the layout of every record kind",
                             ChangeLogLayoutMigration("opp_versions", "opp_id", kOppLog.record_kind,
                                                      false, true))};
  return storage::ApplyMigrations(db, "opp", *kMigrations, {{1, "tlv", 1}, {2, "tlv", 2}});
}

std::unique_ptr<OppRepository> NewSqlOppRepository(storage::Database* db) {
  return std::make_unique<SqlOppRepository>(db);
}

}  // namespace swv::registrations
