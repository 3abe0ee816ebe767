#include "services/registrations/thuiszitters/sql_thuiszitter_rows.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/kernel/json.h"
#include "services/kernel/status_macros.h"
#include "services/kernel/time_format.h"
#include "services/registrations/records/sql_records.h"

namespace swv::registrations::thuiszitter_sql {
namespace {

using sql_records::Corrupt;
using storage::Row;
using storage::Transaction;
using storage::Value;

// Names the record in the errors for stored rows that do not read back.
constexpr absl::string_view kWhat = "thuiszitter case";

// The plan part of a snapshot: every plan version stays readable in the history.
std::string PlanSnapshot(const absl::optional<ThuiszitterPlan>& plan) {
  if (!plan) return "null";
  return JsonObject()
      .Int("planVersion", plan->plan_version)
      .String("description", plan->description)
      .Date("agreedOn", plan->agreed_on)
      .String("responsibleName", plan->responsible_name)
      .String("responsibleRole", plan->responsible_role)
      .String("responsibleOrganisation", plan->responsible_organisation)
      .Bool("parentsInvolved", plan->parents_involved)
      .Date("expectedResumption", plan->expected_resumption)
      .Build();
}

// The stored fields after a change, kept with the history entry so every version can be shown.
std::string Snapshot(const ThuiszitterCase& c) {
  const ValidThuiszitterReport& r = c.report;
  return JsonObject()
      .String("school", r.school.ToString())
      .String("lvsPupilNumber", r.lvs_pupil_number)
      .String("pupilId", c.pupil_id)
      .String("residenceMunicipality", r.residence_municipality)
      .String("absenceKind", AbsenceKindName(r.absence_kind))
      .Date("absenceStart", r.absence_start)
      .Date("reportedOn", r.reported_on)
      .String("cause", ThuiszitterCauseName(r.cause))
      .Bool("reportedLate", r.reported_late)
      .String("status", CaseStatusName(c.status))
      .Date("closedOn", c.closed_on)
      .String("closeReason", c.close_reason)
      .String("municipalityCaseRef", r.municipality_case_ref)
      .Raw("plan", PlanSnapshot(c.plan))
      .Build();
}

absl::StatusOr<absl::CivilDay> StoredDate(absl::string_view column, const std::string& text) {
  absl::StatusOr<absl::CivilDay> day = ParseDate(column, text);
  if (!day.ok()) return Corrupt(kWhat, column);
  return day;
}

}  // namespace

using storage::Row;
using storage::Transaction;
using storage::Value;

absl::StatusOr<ThuiszitterCase> CaseFromRow(const Row& row, int64_t* position) {
  ThuiszitterCase c;
  c.tenant = row.GetString(0);
  c.case_id = row.GetString(1);
  c.pupil_id = row.GetString(2);
  ValidThuiszitterReport& r = c.report;
  absl::StatusOr<SchoolCode> school = ParseSchoolCode("school", row.GetString(3));
  if (!school.ok()) return Corrupt(kWhat, "school");
  r.school = *school;
  r.lvs_pupil_number = row.GetString(4);
  r.residence_municipality = row.GetString(5);
  absl::optional<AbsenceKind> kind = AbsenceKindFromName(row.GetString(6));
  if (!kind) return Corrupt(kWhat, "absence_kind");
  r.absence_kind = *kind;
  SWV_ASSIGN_OR_RETURN(absl::CivilDay start, StoredDate("absence_start", row.GetString(7)));
  r.absence_start = start;
  SWV_ASSIGN_OR_RETURN(absl::CivilDay reported, StoredDate("reported_on", row.GetString(8)));
  r.reported_on = reported;
  absl::optional<ThuiszitterCause> cause = ThuiszitterCauseFromName(row.GetString(9));
  if (!cause) return Corrupt(kWhat, "cause");
  r.cause = *cause;
  r.reported_late = row.GetInt(10) != 0;
  absl::optional<CaseStatus> status = CaseStatusFromName(row.GetString(11));
  if (!status) return Corrupt(kWhat, "status");
  c.status = *status;
  if (!row.IsNull(12)) {
    SWV_ASSIGN_OR_RETURN(absl::CivilDay closed, StoredDate("closed_on", row.GetString(12)));
    c.closed_on = closed;
  }
  c.close_reason = row.GetString(13);
  r.municipality_case_ref = row.GetString(14);
  c.version = row.GetInt(15);
  c.create_time = FromMicros(row.GetInt(16));
  c.update_time = FromMicros(row.GetInt(17));
  c.created_by = row.GetString(18);
  c.updated_by = row.GetString(19);
  c.position = row.GetInt(20);
  if (position != nullptr) *position = c.position;
  if (row.GetInt(21) > 0) {
    ThuiszitterPlan plan;
    plan.plan_version = static_cast<int>(row.GetInt(21));
    plan.description = row.GetString(22);
    SWV_ASSIGN_OR_RETURN(absl::CivilDay agreed, StoredDate("plan_agreed_on", row.GetString(23)));
    plan.agreed_on = agreed;
    plan.responsible_name = row.GetString(24);
    plan.responsible_role = row.GetString(25);
    plan.responsible_organisation = row.GetString(26);
    plan.parents_involved = row.GetInt(27) != 0;
    if (!row.IsNull(28)) {
      SWV_ASSIGN_OR_RETURN(absl::CivilDay resumption,
                           StoredDate("plan_expected_resumption", row.GetString(28)));
      plan.expected_resumption = resumption;
    }
    c.plan = std::move(plan);
  }
  return c;
}

absl::StatusOr<absl::optional<ThuiszitterCase>> FindCase(Transaction& tx, absl::string_view where,
                                                         std::vector<Value> params) {
  SWV_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      tx.Query(absl::StrCat("SELECT ", kCaseColumns, " FROM thuiszitter_cases WHERE ", where),
               params));
  if (rows.empty()) return absl::optional<ThuiszitterCase>();
  SWV_ASSIGN_OR_RETURN(ThuiszitterCase c, CaseFromRow(rows.front()));
  return absl::optional<ThuiszitterCase>(std::move(c));
}

absl::Status InsertChange(Transaction& tx, const ThuiszitterCase& c, absl::string_view action,
                          absl::string_view actor) {
  return InsertRecordChange(tx, kCaseLog,
                            RecordChangeRow{c.tenant, c.case_id, c.version, std::string(action),
                                            std::string(actor), c.update_time, "", Snapshot(c)});
}

}  // namespace swv::registrations::thuiszitter_sql
