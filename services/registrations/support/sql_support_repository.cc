// The tables of arrangements and OPDC placements and how their records are stored in them.
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/kernel/time_format.h"
#include "services/registrations/records/record_changes.h"
#include "services/registrations/records/sql_record_store.h"
#include "services/registrations/records/sql_table.h"
#include "services/registrations/support/profile_repository.h"
#include "services/registrations/support/support_repository.h"
#include "storage/schema.h"

namespace swv::registrations {
namespace {

using sql_records::Columns;
using sql_records::NewSqlRecordStore;
using sql_records::SqlTable;

constexpr absl::string_view kSupportSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS arrangements (
  %RECORD_KEY(arrangement_id)%,
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
  %RECORD_UNIQUE(arrangements, arrangement_id)%
)%TABLE_OPTIONS%;
CREATE INDEX IF NOT EXISTS arrangements_applied ON arrangements (tenant, applied_on);
CREATE TABLE IF NOT EXISTS opdc_placements (
  %RECORD_KEY(placement_id)%,
  %PUPIL_COLUMNS%,
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
  %RECORD_UNIQUE(opdc_placements, placement_id)%
)%TABLE_OPTIONS%;
CREATE INDEX IF NOT EXISTS opdc_placements_start ON opdc_placements (tenant, start_date);
)sql";

// The decision of an arrangement is stored in five columns, filled once it is decided; its
// outcome is the status. The status column is read first.
storage::Value DecidedOn(const ArrangementRecord& a) {
  return a.decision ? storage::Value(FormatDate(a.decision->decided_on)) : storage::Null();
}
bool ReadDecidedOn(const storage::Row& row, size_t i, ArrangementRecord& a) {
  a.decision.reset();
  if (a.status == ArrangementStatus::kPending) return true;
  absl::StatusOr<absl::CivilDay> day = ParseDate("decided_on", row.GetString(i));
  if (row.IsNull(i) || !day.ok()) return false;
  a.decision.emplace();
  a.decision->outcome = a.status == ArrangementStatus::kGranted ? ArrangementOutcome::kGranted
                                                                : ArrangementOutcome::kRefused;
  a.decision->decided_on = *day;
  return true;
}
// The first (`last` false) or last day of the granted period.
storage::Value PeriodDay(const ArrangementRecord& a, bool last) {
  if (!a.decision || !a.decision->period) return storage::Null();
  return FormatDate(last ? a.decision->period->last : a.decision->period->first);
}
bool ReadPeriodDay(const storage::Row& row, size_t i, ArrangementRecord& a, bool last) {
  if (!a.decision) return true;
  if (row.IsNull(i)) {
    a.decision->period.reset();
    return true;
  }
  absl::StatusOr<absl::CivilDay> day = ParseDate("period", row.GetString(i));
  if (!day.ok()) return false;
  if (!last) a.decision->period = DayRange{*day, *day};
  if (last && a.decision->period) a.decision->period->last = *day;
  return true;
}

const SqlTable<ArrangementRecord>& Arrangements() {
  static const auto* const kTable = SqlTable<ArrangementRecord>::New(
      {"arrangements",
       "arrangement",
       {kSupportChangesTable, kArrangementKind, kArrangementKind},
       "applied"},
      Columns<ArrangementRecord>(
          "arrangement_id", [](auto& r) -> auto& { return r.arrangement_id; })
          .Named(
              "target", [](auto& r) -> auto& { return r.application.target; },
              ArrangementTargetName, ArrangementTargetFromName)
          .Pupil(
              [](auto& r) -> auto& { return r.application.school; },
              [](auto& r) -> auto& { return r.application.lvs_pupil_number; })
          .Text(
              "wijk", [](auto& r) -> auto& { return r.application.wijk; })
          .AsWijk()
          .Text(
              "description", [](auto& r) -> auto& { return r.application.description; })
          .Day(
              "applied_on", [](auto& r) -> auto& { return r.application.applied_on; })
          .AsListDate()
          .Named(
              "status", [](auto& r) -> auto& { return r.status; }, ArrangementStatusName,
              ArrangementStatusFromName)
          .AsState()
          .Custom("decided_on", DecidedOn, ReadDecidedOn)
          .Custom(
              "amount_cents",
              [](const ArrangementRecord& a) {
                return storage::Value(int64_t{a.decision ? a.decision->amount_cents : 0});
              },
              [](const storage::Row& row, size_t i, ArrangementRecord& a) {
                if (a.decision) a.decision->amount_cents = row.GetInt(i);
                return true;
              })
          .Custom(
              "period_start", [](const ArrangementRecord& a) { return PeriodDay(a, false); },
              [](const storage::Row& row, size_t i, ArrangementRecord& a) {
                return ReadPeriodDay(row, i, a, false);
              })
          .Custom(
              "period_end", [](const ArrangementRecord& a) { return PeriodDay(a, true); },
              [](const storage::Row& row, size_t i, ArrangementRecord& a) {
                return ReadPeriodDay(row, i, a, true);
              })
          .Custom(
              "decision_note",
              [](const ArrangementRecord& a) {
                return storage::Value(a.decision ? a.decision->note : std::string());
              },
              [](const storage::Row& row, size_t i, ArrangementRecord& a) {
                if (a.decision) a.decision->note = row.GetString(i);
                return true;
              })
          .UpdateAudit());
  return *kTable;
}

const SqlTable<OpdcPlacementRecord>& Placements() {
  static const auto* const kTable = SqlTable<OpdcPlacementRecord>::New(
      {"opdc_placements",
       "OPDC placement",
       {kSupportChangesTable, kOpdcPlacementKind, kOpdcPlacementKind},
       "started"},
      Columns<OpdcPlacementRecord>(
          "placement_id", [](auto& r) -> auto& { return r.placement_id; })
          .Pupil(
              [](auto& r) -> auto& { return r.placement.school; },
              [](auto& r) -> auto& { return r.placement.lvs_pupil_number; })
          .School(
              "opdc", [](auto& r) -> auto& { return r.placement.opdc; })
          .Day(
              "start_date", [](auto& r) -> auto& { return r.placement.start_date; })
          .AsListDate()
          .Day(
              "planned_end", [](auto& r) -> auto& { return r.placement.planned_end; })
          .OptionalDay(
              "original_end", [](auto& r) -> auto& { return r.original_end; })
          .OptionalDay(
              "extended_on", [](auto& r) -> auto& { return r.extended_on; })
          .Text(
              "extension_reason", [](auto& r) -> auto& { return r.extension_reason; })
          .Flag(
              "ended", [](auto& r) -> auto& { return r.ended; })
          .AsState()
          .OptionalDay(
              "ended_on", [](auto& r) -> auto& { return r.ended_on; })
          .Text(
              "end_reason", [](auto& r) -> auto& { return r.end_reason; })
          .UpdateAudit());
  return *kTable;
}

}  // namespace

absl::Status MigrateSupportSchema(storage::Database& db) {
  static const std::vector<storage::Migration>* const kMigrations =
      new std::vector<storage::Migration>{
          storage::Dialected(
              1, "arrangements, OPDC placements, support changes",
              absl::StrCat(kSupportSchemaV1,
                           ChangeLogTableSql(kSupportChangesTable, /*with_reason=*/false))),
          storage::Dialected(2, "the change log in the layout of every record kind",
                             ChangeLogLayoutMigration(kSupportChangesTable, "", "", true, false)),
          storage::Dialected(3, "school support profiles and waiting-list entries",
                             ProfileTablesSchema())};
  return storage::ApplyMigrations(db, "support", *kMigrations);
}

SupportStores NewSqlSupportStores(storage::Database* db) {
  return {NewSqlRecordStore(db, &Arrangements()), NewSqlRecordStore(db, &Placements())};
}

}  // namespace swv::registrations
