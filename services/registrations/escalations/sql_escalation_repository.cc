// The escalations table and how an escalation is stored in it.
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/kernel/json.h"
#include "services/kernel/time_format.h"
#include "services/registrations/escalations/escalation_repository.h"
#include "services/registrations/records/line_fields.h"
#include "services/registrations/records/record_changes.h"
#include "services/registrations/records/sql_record_store.h"
#include "services/registrations/records/sql_table.h"
#include "storage/schema.h"

namespace swv::registrations {
namespace {

using sql_records::Columns;
using sql_records::NewSqlRecordStore;
using sql_records::SqlTable;
using storage::Row;

constexpr char kChangesTable[] = "escalation_changes";

constexpr absl::string_view kEscalationSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS escalations (
  %RECORD_KEY(escalation_id)%,
  thuiszitter_case_id VARCHAR(40) NOT NULL,
  %PUPIL_COLUMNS%,
  residence_municipality VARCHAR(6) NOT NULL,
  reason TEXT NOT NULL,
  opened_on CHAR(10) NOT NULL,
  steps TEXT NOT NULL,
  binding_decision TEXT NOT NULL,
  status VARCHAR(16) NOT NULL,
  closed_on CHAR(10) NULL,
  close_reason TEXT NOT NULL,
  %RECORD_META%,
  %RECORD_UNIQUE(escalations, escalation_id)%
)%TABLE_OPTIONS%;
CREATE INDEX IF NOT EXISTS escalations_status ON escalations (tenant, status, position);
CREATE INDEX IF NOT EXISTS escalations_residence ON escalations (tenant, residence_municipality, position);
)sql";

absl::optional<absl::CivilDay> DayOrNone(absl::string_view text, bool* ok) {
  if (text.empty()) return absl::nullopt;
  absl::StatusOr<absl::CivilDay> day = ParseDate("day", text);
  if (!day.ok()) {
    *ok = false;
    return absl::nullopt;
  }
  return *day;
}

std::string DayText(const absl::optional<absl::CivilDay>& day) {
  return day ? FormatDate(*day) : "";
}

// Steps are a line each, their fields separated by tabs (the domain allows no control characters
// in a holder): level, holder, started_on, deadline, ended_on.
std::string StepLines(const std::vector<EscalationStep>& steps) {
  std::string text;
  for (const EscalationStep& s : steps) {
    absl::StrAppend(&text, EscalationLevelName(s.level), "\t", s.holder, "\t",
                    FormatDate(s.started_on), "\t", FormatDate(s.deadline), "\t",
                    DayText(s.ended_on), "\n");
  }
  return text;
}

bool ReadStepLines(const Row& row, size_t i, EscalationRecord& r) {
  std::vector<EscalationStep>& steps = r.escalation.steps;
  steps.clear();
  for (absl::string_view line : absl::StrSplit(row.GetString(i), '\n', absl::SkipEmpty())) {
    std::vector<std::string> f = absl::StrSplit(line, '\t');
    if (f.size() != 5) return false;
    absl::optional<EscalationLevel> level = EscalationLevelFromName(f[0]);
    bool ok = level.has_value();
    absl::optional<absl::CivilDay> started = DayOrNone(f[2], &ok);
    absl::optional<absl::CivilDay> deadline = DayOrNone(f[3], &ok);
    if (!ok || !started || !deadline) return false;
    steps.push_back({*level, f[1], *started, *deadline, DayOrNone(f[4], &ok)});
    if (!ok) return false;
  }
  return !steps.empty();
}

// The binding decision is one line of tab-separated fields, "" before it is taken; its text may
// span lines (EscapeLineField).
std::string BindingLine(const EscalationRecord& r) {
  const absl::optional<BindingDecision>& b = r.escalation.binding_decision;
  if (!b) return "";
  return absl::StrCat(b->designated_party, "\t", b->obliged_party, "\t",
                      b->obliged_school ? b->obliged_school->ToString() : "", "\t",
                      EscapeLineField(b->decision), "\t", FormatDate(b->decided_on), "\t",
                      FormatDate(b->place_by));
}

bool ReadBindingLine(const Row& row, size_t i, EscalationRecord& r) {
  r.escalation.binding_decision.reset();
  const std::string text = row.GetString(i);
  if (text.empty()) return true;
  std::vector<std::string> f = absl::StrSplit(text, '\t');
  if (f.size() != 6) return false;
  BindingDecision b;
  b.designated_party = f[0];
  b.obliged_party = f[1];
  if (!f[2].empty()) {
    absl::StatusOr<SchoolCode> school = ParseSchoolCode("obliged_school", f[2]);
    if (!school.ok()) return false;
    b.obliged_school = *school;
  }
  b.decision = UnescapeLineField(f[3]);
  bool ok = true;
  absl::optional<absl::CivilDay> decided = DayOrNone(f[4], &ok);
  absl::optional<absl::CivilDay> place_by = DayOrNone(f[5], &ok);
  if (!ok || !decided || !place_by) return false;
  b.decided_on = *decided;
  b.place_by = *place_by;
  r.escalation.binding_decision = std::move(b);
  return true;
}

// The stored fields after a change, kept with the history entry so every version can be shown.
std::string Snapshot(const EscalationRecord& r) {
  const Escalation& e = r.escalation;
  std::string steps;
  for (const EscalationStep& s : e.steps) {
    absl::StrAppend(&steps, steps.empty() ? "" : ",",
                    JsonObject()
                        .String("level", EscalationLevelName(s.level))
                        .String("holder", s.holder)
                        .Date("startedOn", s.started_on)
                        .Date("deadline", s.deadline)
                        .Date("endedOn", s.ended_on)
                        .Build());
  }
  std::string binding = "null";
  if (e.binding_decision) {
    const BindingDecision& b = *e.binding_decision;
    binding = JsonObject()
                  .String("designatedParty", b.designated_party)
                  .String("obligedParty", b.obliged_party)
                  .String("obligedSchool", b.obliged_school ? b.obliged_school->ToString() : "")
                  .String("decision", b.decision)
                  .Date("decidedOn", b.decided_on)
                  .Date("placeBy", b.place_by)
                  .Build();
  }
  return JsonObject()
      .String("thuiszitterCaseId", e.subject.thuiszitter_case_id)
      .String("school", e.subject.school ? e.subject.school->ToString() : "")
      .String("lvsPupilNumber", e.subject.lvs_pupil_number)
      .String("pupilId", r.pupil_id)
      .String("residenceMunicipality", e.subject.residence_municipality)
      .String("reason", e.reason)
      .Date("openedOn", e.opened_on)
      .Raw("steps", absl::StrCat("[", steps, "]"))
      .Raw("bindingDecision", binding)
      .String("status", CaseStatusName(e.status))
      .Date("closedOn", e.closed_on)
      .String("closeReason", e.close_reason)
      .Build();
}

const SqlTable<EscalationRecord>& Escalations() {
  static const auto* const kTable = SqlTable<EscalationRecord>::New(
      {"escalations", "escalation", {kChangesTable, kEscalationKind, kEscalationKind}, "opened"},
      Columns<EscalationRecord>(
          "escalation_id", [](auto& r) -> auto& { return r.escalation_id; })
          .Text(
              "thuiszitter_case_id",
              [](auto& r) -> auto& { return r.escalation.subject.thuiszitter_case_id; })
          .Pupil(
              [](auto& r) -> auto& { return r.escalation.subject.school; },
              [](auto& r) -> auto& { return r.escalation.subject.lvs_pupil_number; })
          .Text(
              "reason", [](auto& r) -> auto& { return r.escalation.reason; })
          .Day(
              "opened_on", [](auto& r) -> auto& { return r.escalation.opened_on; })
          .AsListDate()
          .Custom(
              "steps",
              [](const EscalationRecord& r) {
                return storage::Value(StepLines(r.escalation.steps));
              },
              ReadStepLines)
          .Custom(
              "binding_decision",
              [](const EscalationRecord& r) { return storage::Value(BindingLine(r)); },
              ReadBindingLine)
          .Named(
              "status", [](auto& r) -> auto& { return r.escalation.status; }, CaseStatusName,
              CaseStatusFromName)
          .AsState()
          .Closing(
              [](auto& r) -> auto& { return r.escalation.closed_on; },
              [](auto& r) -> auto& { return r.escalation.close_reason; })
          .Text(
              "residence_municipality",
              [](auto& r) -> auto& { return r.escalation.subject.residence_municipality; })
          .AsResidence()
          .UpdateAudit(),
      Snapshot);
  return *kTable;
}

}  // namespace

absl::Status MigrateEscalationSchema(storage::Database& db) {
  static const std::vector<storage::Migration>* const kMigrations =
      new std::vector<storage::Migration>{
          storage::Dialected(1, "escalations and their change log",
                             absl::StrCat(kEscalationSchemaV1, ChangeLogTableSql(kChangesTable)))};
  return storage::ApplyMigrations(db, "escalations", *kMigrations);
}

std::unique_ptr<RecordStore<EscalationRecord>> NewSqlEscalationStore(storage::Database* db) {
  return NewSqlRecordStore(db, &Escalations());
}

}  // namespace swv::registrations
