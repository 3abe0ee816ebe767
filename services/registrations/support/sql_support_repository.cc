// SQL implementation of SupportRepository. Prepared statements only; the only run-time text is
// the choice among fixed WHERE fragments.
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/kernel/json.h"
#include "services/kernel/status_macros.h"
#include "services/registrations/records/record_changes.h"
#include "services/registrations/records/sql_pupils.h"
#include "services/registrations/records/sql_records.h"
#include "services/registrations/support/support_repository.h"
#include "storage/schema.h"

namespace swv::registrations {
namespace {

using namespace sql_records;  // NOLINT: the helpers of every record repository

constexpr char kChangesTable[] = "support_changes";
const ChangeLog kArrangementLog{kChangesTable, kArrangementKind, kArrangementKind};
const ChangeLog kPlacementLog{kChangesTable, kOpdcPlacementKind, kOpdcPlacementKind};

constexpr absl::string_view kSupportSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS arrangements (
  position %AUTO_ID%,
  tenant VARCHAR(16) NOT NULL,
  arrangement_id VARCHAR(40) NOT NULL,
  target VARCHAR(16) NOT NULL,
  school VARCHAR(6) NOT NULL,
  lvs_pupil_number VARCHAR(32) NOT NULL,
  pupil_id VARCHAR(40) NOT NULL,
  wijk VARCHAR(32) NOT NULL,
  description TEXT NOT NULL,
  applied_on CHAR(10) NOT NULL,
  status VARCHAR(16) NOT NULL,
  decided_on CHAR(10) NULL,
  amount_cents BIGINT NOT NULL,
  period_start CHAR(10) NULL,
  period_end CHAR(10) NULL,
  decision_note TEXT NOT NULL,
  %RECORD_META%,
  CONSTRAINT arrangements_id UNIQUE (tenant, arrangement_id),
  CONSTRAINT arrangements_request_id UNIQUE (tenant, request_id)
)%TABLE_OPTIONS%;
CREATE INDEX IF NOT EXISTS arrangements_applied ON arrangements (tenant, applied_on);
CREATE TABLE IF NOT EXISTS opdc_placements (
  position %AUTO_ID%,
  tenant VARCHAR(16) NOT NULL,
  placement_id VARCHAR(40) NOT NULL,
  pupil_id VARCHAR(40) NOT NULL,
  school VARCHAR(6) NOT NULL,
  lvs_pupil_number VARCHAR(32) NOT NULL,
  opdc VARCHAR(6) NOT NULL,
  start_date CHAR(10) NOT NULL,
  planned_end CHAR(10) NOT NULL,
  original_end CHAR(10) NULL,
  extended_on CHAR(10) NULL,
  extension_reason TEXT NOT NULL,
  ended INT NOT NULL,
  ended_on CHAR(10) NULL,
  end_reason TEXT NOT NULL,
  %RECORD_META%,
  CONSTRAINT opdc_placements_id UNIQUE (tenant, placement_id),
  CONSTRAINT opdc_placements_request_id UNIQUE (tenant, request_id)
)%TABLE_OPTIONS%;
CREATE INDEX IF NOT EXISTS opdc_placements_start ON opdc_placements (tenant, start_date);
CREATE TABLE IF NOT EXISTS support_changes (
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

// ---- Arrangements
// --------------------------------------------------------------------------------

constexpr absl::string_view kArrangementColumns =
    "tenant, arrangement_id, target, school, lvs_pupil_number, pupil_id, wijk, description, "
    "applied_on, status, decided_on, amount_cents, period_start, period_end, decision_note, "
    "version, create_time_us, update_time_us, created_by, updated_by, position";

absl::StatusOr<ArrangementRecord> ArrangementFromRow(const Row& row) {
  constexpr absl::string_view kWhat = "arrangement";
  ArrangementRecord a;
  a.tenant = row.GetString(0);
  a.arrangement_id = row.GetString(1);
  ValidArrangementApplication& app = a.application;
  absl::optional<ArrangementTarget> target = ArrangementTargetFromName(row.GetString(2));
  if (!target) return Corrupt(kWhat, "target");
  app.target = *target;
  if (!row.GetString(3).empty()) {
    absl::StatusOr<SchoolCode> school = ParseSchoolCode("school", row.GetString(3));
    if (!school.ok()) return Corrupt(kWhat, "school");
    app.school = *school;
  }
  app.lvs_pupil_number = row.GetString(4);
  a.pupil_id = row.GetString(5);
  app.wijk = row.GetString(6);
  app.description = row.GetString(7);
  SWV_RETURN_IF_ERROR(ReadDate(kWhat, "applied_on", row, 8, app.applied_on));
  absl::optional<ArrangementStatus> status = ArrangementStatusFromName(row.GetString(9));
  if (!status) return Corrupt(kWhat, "status");
  a.status = *status;
  if (a.status != ArrangementStatus::kPending) {
    ValidArrangementDecision d;
    d.outcome = a.status == ArrangementStatus::kGranted ? ArrangementOutcome::kGranted
                                                        : ArrangementOutcome::kRefused;
    SWV_RETURN_IF_ERROR(ReadDate(kWhat, "decided_on", row, 10, d.decided_on));
    d.amount_cents = row.GetInt(11);
    absl::optional<absl::CivilDay> start;
    absl::optional<absl::CivilDay> end;
    SWV_RETURN_IF_ERROR(ReadOptionalDate(kWhat, "period_start", row, 12, start));
    SWV_RETURN_IF_ERROR(ReadOptionalDate(kWhat, "period_end", row, 13, end));
    if (start && end) d.period = DayRange{*start, *end};
    d.note = row.GetString(14);
    a.decision = d;
  }
  a.version = row.GetInt(15);
  a.create_time = FromMicros(row.GetInt(16));
  a.update_time = FromMicros(row.GetInt(17));
  a.created_by = row.GetString(18);
  a.updated_by = row.GetString(19);
  a.position = row.GetInt(20);
  return a;
}

std::string ArrangementSnapshot(const ArrangementRecord& a) {
  const ValidArrangementApplication& app = a.application;
  std::string decision = "null";
  if (a.decision) {
    const ValidArrangementDecision& d = *a.decision;
    decision =
        JsonObject()
            .Date("decidedOn", d.decided_on)
            .Int("amountCents", d.amount_cents)
            .Date("periodStart", d.period ? absl::make_optional(d.period->first) : absl::nullopt)
            .Date("periodEnd", d.period ? absl::make_optional(d.period->last) : absl::nullopt)
            .String("note", d.note)
            .Build();
  }
  return JsonObject()
      .String("target", ArrangementTargetName(app.target))
      .String("school", app.school ? app.school->ToString() : "")
      .String("lvsPupilNumber", app.lvs_pupil_number)
      .String("pupilId", a.pupil_id)
      .String("wijk", app.wijk)
      .String("description", app.description)
      .Date("appliedOn", app.applied_on)
      .String("status", ArrangementStatusName(a.status))
      .Raw("decision", decision)
      .Build();
}

// ---- OPDC placements
// -----------------------------------------------------------------------------

constexpr absl::string_view kPlacementColumns =
    "tenant, placement_id, pupil_id, school, lvs_pupil_number, opdc, start_date, planned_end, "
    "original_end, extended_on, extension_reason, ended, ended_on, end_reason, version, "
    "create_time_us, update_time_us, created_by, updated_by, position";

absl::StatusOr<OpdcPlacementRecord> PlacementFromRow(const Row& row) {
  constexpr absl::string_view kWhat = "OPDC placement";
  OpdcPlacementRecord p;
  p.tenant = row.GetString(0);
  p.placement_id = row.GetString(1);
  p.pupil_id = row.GetString(2);
  ValidOpdcPlacement& v = p.placement;
  absl::StatusOr<SchoolCode> school = ParseSchoolCode("school", row.GetString(3));
  if (!school.ok()) return Corrupt(kWhat, "school");
  v.school = *school;
  v.lvs_pupil_number = row.GetString(4);
  absl::StatusOr<SchoolCode> opdc = ParseSchoolCode("opdc", row.GetString(5));
  if (!opdc.ok()) return Corrupt(kWhat, "opdc");
  v.opdc = *opdc;
  SWV_RETURN_IF_ERROR(ReadDate(kWhat, "start_date", row, 6, v.start_date));
  SWV_RETURN_IF_ERROR(ReadDate(kWhat, "planned_end", row, 7, v.planned_end));
  if (absl::Status s = ReadOptionalDate(kWhat, "original_end", row, 8, p.original_end); !s.ok()) {
    return s;
  }
  if (absl::Status s = ReadOptionalDate(kWhat, "extended_on", row, 9, p.extended_on); !s.ok()) {
    return s;
  }
  p.extension_reason = row.GetString(10);
  p.ended = row.GetInt(11) != 0;
  SWV_RETURN_IF_ERROR(ReadOptionalDate(kWhat, "ended_on", row, 12, p.ended_on));
  p.end_reason = row.GetString(13);
  p.version = row.GetInt(14);
  p.create_time = FromMicros(row.GetInt(15));
  p.update_time = FromMicros(row.GetInt(16));
  p.created_by = row.GetString(17);
  p.updated_by = row.GetString(18);
  p.position = row.GetInt(19);
  return p;
}

std::string PlacementSnapshot(const OpdcPlacementRecord& p) {
  const ValidOpdcPlacement& v = p.placement;
  return JsonObject()
      .String("school", v.school.ToString())
      .String("lvsPupilNumber", v.lvs_pupil_number)
      .String("pupilId", p.pupil_id)
      .String("opdc", v.opdc.ToString())
      .Date("startDate", v.start_date)
      .Date("plannedEnd", v.planned_end)
      .Date("originalEnd", p.original_end)
      .Date("extendedOn", p.extended_on)
      .String("extensionReason", p.extension_reason)
      .Bool("ended", p.ended)
      .Date("endedOn", p.ended_on)
      .String("endReason", p.end_reason)
      .Build();
}

const RecordTable<ArrangementRecord> kArrangements{
    "arrangements", kArrangementColumns, "arrangement_id", "arrangement", ArrangementFromRow};
const RecordTable<OpdcPlacementRecord> kPlacements{
    "opdc_placements", kPlacementColumns, "placement_id", "OPDC placement", PlacementFromRow};

class SqlSupportRepository final : public SupportRepository {
 public:
  explicit SqlSupportRepository(storage::Database* db) : db_(db) {}

  absl::StatusOr<Created<ArrangementRecord>> CreateArrangement(
      const ArrangementRecord& candidate, absl::string_view request_id) override {
    return CreateIdempotent(
        *db_, kArrangements, candidate.tenant, request_id,
        [&](Transaction& tx) -> absl::StatusOr<ArrangementRecord> {
          ArrangementRecord a = FirstVersion(candidate);
          const ValidArrangementApplication& app = a.application;
          if (app.target == ArrangementTarget::kPupil && app.school) {
            absl::StatusOr<std::string> pupil = PupilIdFor(tx, a.tenant, app.school->ToString(),
                                                           app.lvs_pupil_number, a.create_time);
            if (!pupil.ok()) return pupil.status();
            a.pupil_id = *pupil;
          }
          absl::StatusOr<int64_t> inserted = tx.Execute(
              "INSERT INTO arrangements (tenant, arrangement_id, target, school, lvs_pupil_number, "
              "pupil_id, wijk, description, applied_on, status, decided_on, amount_cents, "
              "period_start, period_end, decision_note, request_id, version, create_time_us, "
              "update_time_us, created_by, updated_by) VALUES "
              "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, NULL, NULL, '', ?, ?, ?, ?, ?, ?)",
              {a.tenant, a.arrangement_id, std::string(ArrangementTargetName(app.target)),
               app.school ? app.school->ToString() : std::string(), app.lvs_pupil_number,
               a.pupil_id, app.wijk, app.description, FormatDate(app.applied_on),
               std::string(ArrangementStatusName(a.status)),
               request_id.empty() ? storage::Null() : Value(std::string(request_id)), a.version,
               ToMicros(a.create_time), ToMicros(a.update_time), a.created_by, a.updated_by});
          if (!inserted.ok()) return inserted.status();
          absl::Status logged = InsertRecordChange(
              tx, kArrangementLog,
              RecordChangeRow{a.tenant, a.arrangement_id, a.version, "applied", a.created_by,
                              a.create_time, "", ArrangementSnapshot(a)});
          if (!logged.ok()) return logged;
          return a;
        });
  }

  absl::StatusOr<ArrangementRecord> GetArrangement(absl::string_view tenant,
                                                   absl::string_view id) override {
    return GetRecord(*db_, kArrangements, tenant, id);
  }

  absl::StatusOr<RecordPage<ArrangementRecord>> ListArrangements(
      absl::string_view tenant, int page_size, int64_t after_position, const SchoolFilter& filter,
      absl::optional<ArrangementStatus> status) override {
    return ListRecordPage(
        *db_, kArrangements, tenant, page_size, after_position, filter, "status",
        status ? absl::make_optional<Value>(std::string(ArrangementStatusName(*status)))
               : absl::nullopt);
  }

  absl::StatusOr<ArrangementRecord> UpdateArrangement(const ArrangementRecord& updated,
                                                      int64_t expected_version,
                                                      absl::string_view action) override {
    ArrangementRecord a = updated;
    a.version = expected_version + 1;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      const absl::optional<ValidArrangementDecision>& d = a.decision;
      absl::StatusOr<int64_t> changed = tx.Execute(
          "UPDATE arrangements SET status = ?, decided_on = ?, amount_cents = ?, "
          "period_start = ?, period_end = ?, decision_note = ?, version = ?, update_time_us = ?, "
          "updated_by = ? WHERE tenant = ? AND arrangement_id = ? AND version = ?",
          {std::string(ArrangementStatusName(a.status)),
           d ? Value(FormatDate(d->decided_on)) : storage::Null(), int64_t{d ? d->amount_cents : 0},
           d && d->period ? Value(FormatDate(d->period->first)) : storage::Null(),
           d && d->period ? Value(FormatDate(d->period->last)) : storage::Null(),
           d ? d->note : std::string(), a.version, ToMicros(a.update_time), a.updated_by, a.tenant,
           a.arrangement_id, expected_version});
      SWV_RETURN_IF_ERROR(ExpectUpdated(changed, "arrangement", a.arrangement_id));
      return InsertRecordChange(
          tx, kArrangementLog,
          RecordChangeRow{a.tenant, a.arrangement_id, a.version, std::string(action), a.updated_by,
                          a.update_time, "", ArrangementSnapshot(a)});
    });
    if (!status.ok()) return status;
    return a;
  }

  absl::StatusOr<std::vector<ArrangementRecord>> ListArrangementsAppliedBy(
      absl::string_view tenant, absl::CivilDay last_day) override {
    return ListRecordsUpTo(*db_, kArrangements, tenant, "applied_on", last_day);
  }

  absl::StatusOr<Created<OpdcPlacementRecord>> CreatePlacement(
      const OpdcPlacementRecord& candidate, absl::string_view request_id) override {
    return CreateIdempotent(
        *db_, kPlacements, candidate.tenant, request_id,
        [&](Transaction& tx) -> absl::StatusOr<OpdcPlacementRecord> {
          OpdcPlacementRecord p = FirstVersion(candidate);
          const ValidOpdcPlacement& v = p.placement;
          absl::StatusOr<std::string> pupil =
              PupilIdFor(tx, p.tenant, v.school.ToString(), v.lvs_pupil_number, p.create_time);
          if (!pupil.ok()) return pupil.status();
          p.pupil_id = *pupil;
          absl::StatusOr<int64_t> inserted = tx.Execute(
              "INSERT INTO opdc_placements (tenant, placement_id, pupil_id, school, "
              "lvs_pupil_number, "
              "opdc, start_date, planned_end, original_end, extended_on, extension_reason, ended, "
              "ended_on, end_reason, request_id, version, create_time_us, update_time_us, "
              "created_by, updated_by) VALUES "
              "(?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, '', 0, NULL, '', ?, ?, ?, ?, ?, ?)",
              {p.tenant, p.placement_id, p.pupil_id, v.school.ToString(), v.lvs_pupil_number,
               v.opdc.ToString(), FormatDate(v.start_date), FormatDate(v.planned_end),
               request_id.empty() ? storage::Null() : Value(std::string(request_id)), p.version,
               ToMicros(p.create_time), ToMicros(p.update_time), p.created_by, p.updated_by});
          if (!inserted.ok()) return inserted.status();
          absl::Status logged = InsertRecordChange(
              tx, kPlacementLog,
              RecordChangeRow{p.tenant, p.placement_id, p.version, "started", p.created_by,
                              p.create_time, "", PlacementSnapshot(p)});
          if (!logged.ok()) return logged;
          return p;
        });
  }

  absl::StatusOr<OpdcPlacementRecord> GetPlacement(absl::string_view tenant,
                                                   absl::string_view id) override {
    return GetRecord(*db_, kPlacements, tenant, id);
  }

  absl::StatusOr<RecordPage<OpdcPlacementRecord>> ListPlacements(
      absl::string_view tenant, int page_size, int64_t after_position, const SchoolFilter& filter,
      absl::optional<bool> ended) override {
    return ListRecordPage(
        *db_, kPlacements, tenant, page_size, after_position, filter, "ended",
        ended ? absl::make_optional<Value>(int64_t{*ended ? 1 : 0}) : absl::nullopt);
  }

  absl::StatusOr<OpdcPlacementRecord> UpdatePlacement(const OpdcPlacementRecord& updated,
                                                      int64_t expected_version,
                                                      absl::string_view action) override {
    OpdcPlacementRecord p = updated;
    p.version = expected_version + 1;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      absl::StatusOr<int64_t> changed = tx.Execute(
          "UPDATE opdc_placements SET planned_end = ?, original_end = ?, extended_on = ?, "
          "extension_reason = ?, ended = ?, ended_on = ?, end_reason = ?, version = ?, "
          "update_time_us = ?, updated_by = ? WHERE tenant = ? AND placement_id = ? AND "
          "version = ?",
          {FormatDate(p.placement.planned_end), OptionalDate(p.original_end),
           OptionalDate(p.extended_on), p.extension_reason, int64_t{p.ended ? 1 : 0},
           OptionalDate(p.ended_on), p.end_reason, p.version, ToMicros(p.update_time), p.updated_by,
           p.tenant, p.placement_id, expected_version});
      SWV_RETURN_IF_ERROR(ExpectUpdated(changed, "OPDC placement", p.placement_id));
      return InsertRecordChange(
          tx, kPlacementLog,
          RecordChangeRow{p.tenant, p.placement_id, p.version, std::string(action), p.updated_by,
                          p.update_time, "", PlacementSnapshot(p)});
    });
    if (!status.ok()) return status;
    return p;
  }

  absl::StatusOr<std::vector<OpdcPlacementRecord>> ListPlacementsStartingBy(
      absl::string_view tenant, absl::CivilDay last_day) override {
    return ListRecordsUpTo(*db_, kPlacements, tenant, "start_date", last_day);
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

absl::Status MigrateSupportSchema(storage::Database& db) {
  static const std::vector<storage::Migration>* const kMigrations =
      new std::vector<storage::Migration>{
          storage::Dialected(1, "arrangements, OPDC placements, support changes", kSupportSchemaV1),
          storage::Dialected(2, "the change log in the layout of every record kind",
                             ChangeLogLayoutMigration(kChangesTable, "", "", true, false))};
  return storage::ApplyMigrations(db, "support", *kMigrations);
}

std::unique_ptr<SupportRepository> NewSqlSupportRepository(storage::Database* db) {
  return std::make_unique<SqlSupportRepository>(db);
}

}  // namespace swv::registrations
