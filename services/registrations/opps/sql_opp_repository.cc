// The OPP tables (schema component "opp"), how OPPs are stored in them, and the statistics reads.
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/kernel/status_macros.h"
#include "services/registrations/opps/opp_repository.h"
#include "services/registrations/records/record_changes.h"
#include "services/registrations/records/sql_record_store.h"
#include "services/registrations/records/sql_records.h"
#include "services/registrations/records/sql_table.h"
#include "storage/schema.h"

namespace swv::registrations {
namespace {

using sql_records::Columns;
using sql_records::Corrupt;
using sql_records::ReadOptionalDate;
using sql_records::SqlTable;
using storage::Row;
using storage::Transaction;
using storage::Value;

// Names the record in the errors for stored rows that do not read back.
constexpr absl::string_view kWhat = "OPP";

// Created as version 1 of the component "tlv" before this component existed.
constexpr absl::string_view kOppSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS opps (
  %RECORD_KEY(opp_id)%,
  %PUPIL_COLUMNS%,
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
constexpr absl::string_view kOppSchemaV2 = R"sql(
ALTER TABLE opps %ADD_COLUMN% so_tlv_profile INT NULL
)sql";

const ChangeLog kOppLog{"opp_versions", "opp", "OPP"};

const SqlTable<OppRecord>& Opps() {
  static const auto* const kTable = SqlTable<OppRecord>::New(
      {"opps", "OPP", kOppLog, "created"},
      Columns<OppRecord>(
          "opp_id", [](auto& r) -> auto& { return r.opp_id; })
          .Pupil(
              [](auto& r) -> auto& { return r.opp.school; },
              [](auto& r) -> auto& { return r.opp.lvs_pupil_number; })
          .Day(
              "drawn_up_on", [](auto& r) -> auto& { return r.opp.drawn_up_on; })
          .Day(
              "start_date", [](auto& r) -> auto& { return r.opp.start_date; })
          .AsListDate()
          .OptionalDay(
              "end_date", [](auto& r) -> auto& { return r.opp.end_date; })
          .OptionalDay(
              "enrolment_date", [](auto& r) -> auto& { return r.opp.enrolment_date; })
          .Named(
              "consent", [](auto& r) -> auto& { return r.opp.consent; }, ParentalConsentName,
              ParentalConsentFromName)
          .OptionalDay(
              "consent_date", [](auto& r) -> auto& { return r.opp.consent_date; })
          .OptionalDay(
              "last_evaluated_on", [](auto& r) -> auto& { return r.opp.last_evaluated_on; })
          .OptionalFlag(
              "so_tlv_profile", [](auto& r) -> auto& { return r.opp.so_tlv_profile; })
          .UpdateAudit());
  return *kTable;
}

class SqlOppRepository final : public OppRepository {
 public:
  explicit SqlOppRepository(storage::Database* db) : db_(db) {}

  absl::StatusOr<std::vector<ValidOpp>> OppsForStatistics(absl::string_view tenant,
                                                          const SchoolFilter& filter) override {
    std::string sql = absl::StrCat(
        "SELECT ", Opps().SelectList("o."),
        " FROM opps o LEFT JOIN dir_schools s ON s.tenant = o.tenant AND s.code = o.school "
        "WHERE o.tenant = ?");
    std::vector<Value> params = {std::string(tenant)};
    sql_records::AppendSchoolFilter(filter, "o.school", &sql, &params);
    return storage::ReadAll<ValidOpp>(*db_, sql, std::move(params),
                                      [](const Row& row) -> absl::StatusOr<ValidOpp> {
                                        SWV_ASSIGN_OR_RETURN(OppRecord record, Opps().FromRow(row));
                                        return std::move(record.opp);
                                      });
  }

  absl::StatusOr<std::vector<OppPlacement>> OppPlacements(absl::string_view tenant,
                                                          absl::CivilDay from,
                                                          absl::CivilDay last) override {
    std::vector<OppPlacement> out;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      out.clear();
      // ISO dates compare as text. All OPPs of those pupils: an earlier one names the first school.
      SWV_ASSIGN_OR_RETURN(
          std::vector<Row> rows,
          tx.Query("SELECT pupil_id, school, start_date, end_date, so_tlv_profile FROM opps WHERE "
                   "tenant = ? AND pupil_id IN (SELECT pupil_id FROM opps WHERE tenant = ? AND "
                   "start_date <= ? AND (end_date IS NULL OR end_date >= ?)) ORDER BY position",
                   {std::string(tenant), std::string(tenant), FormatDate(last), FormatDate(from)}));
      for (const Row& row : rows) {
        OppPlacement p;
        p.pupil_id = row.GetString(0);
        p.school = row.GetString(1);
        absl::optional<absl::CivilDay> start;
        if (absl::Status s = ReadOptionalDate(kWhat, "start_date", row, 2, start);
            !s.ok() || !start) {
          return Corrupt(kWhat, "start_date");
        }
        p.start_date = *start;
        SWV_RETURN_IF_ERROR(ReadOptionalDate(kWhat, "end_date", row, 3, p.end_date));
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
          storage::Dialected(1, "OPPs and their versions", kOppSchemaV1),
          storage::Dialected(2, "OPP: SO-TLV profile", kOppSchemaV2),
          storage::Dialected(3, "the change log in the layout of every record kind",
                             ChangeLogLayoutMigration("opp_versions", "opp_id", kOppLog.record_kind,
                                                      false, true))};
  return storage::ApplyMigrations(db, "opp", *kMigrations, {{1, "tlv", 1}, {2, "tlv", 2}});
}

OppStores NewSqlOppStores(storage::Database* db) {
  return {sql_records::NewSqlRecordStore(db, &Opps()), std::make_unique<SqlOppRepository>(db)};
}

}  // namespace swv::registrations
