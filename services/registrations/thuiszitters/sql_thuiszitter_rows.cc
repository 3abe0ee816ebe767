#include "services/registrations/thuiszitters/sql_thuiszitter_rows.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/kernel/json.h"
#include "services/kernel/status_macros.h"
#include "services/kernel/time_format.h"
#include "services/registrations/records/sql_table.h"

namespace swv::registrations::thuiszitter_sql {
namespace {

using storage::Row;

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
      .Date("reportDeadline", r.report_deadline)
      .String("status", CaseStatusName(c.status))
      .Date("closedOn", c.closed_on)
      .String("closeReason", c.close_reason)
      .String("municipalityCaseRef", r.municipality_case_ref)
      .Raw("plan", PlanSnapshot(c.plan))
      .Build();
}

// The plan is stored in eight columns of the case row, filled once a plan is set
// (plan_version > 0); plan_version is read first.
template <typename Field>
storage::Value PlanValue(const ThuiszitterCase& c, Field field) {
  return c.plan ? storage::Value(field(*c.plan)) : storage::Null();
}

bool ReadPlanVersion(const Row& row, size_t i, ThuiszitterCase& c) {
  c.plan.reset();
  if (row.GetInt(i) > 0) {
    c.plan.emplace();
    c.plan->plan_version = static_cast<int>(row.GetInt(i));
  }
  return true;
}

// A plan text column; `field` picks the member.
template <typename Field>
sql_records::Columns<ThuiszitterCase>& PlanText(sql_records::Columns<ThuiszitterCase>& columns,
                                                absl::string_view name, Field field) {
  return columns.Custom(
      name, [field](const ThuiszitterCase& c) { return PlanValue(c, field); },
      [field](const Row& row, size_t i, ThuiszitterCase& c) {
        if (c.plan) field(*c.plan) = row.GetString(i);
        return true;
      });
}

// A plan date column; optional (`required` false) when the plan may leave it out.
template <typename Field>
sql_records::Columns<ThuiszitterCase>& PlanDay(sql_records::Columns<ThuiszitterCase>& columns,
                                               absl::string_view name, Field field, bool required) {
  return columns.Custom(
      name,
      [field](const ThuiszitterCase& c) -> storage::Value {
        absl::optional<absl::CivilDay> day;
        if (c.plan) day = field(*c.plan);
        return day ? storage::Value(FormatDate(*day)) : storage::Null();
      },
      [field, required, column = std::string(name)](const Row& row, size_t i, ThuiszitterCase& c) {
        if (!c.plan) return true;
        if (row.IsNull(i)) return !required;
        absl::StatusOr<absl::CivilDay> day = ParseDate(column, row.GetString(i));
        if (day.ok()) field(*c.plan) = *day;
        return day.ok();
      });
}

const sql_records::SqlTable<ThuiszitterCase>* NewCaseTable() {
  sql_records::Columns<ThuiszitterCase> columns(
      "case_id", [](auto& r) -> auto& { return r.case_id; });
  columns
      .Pupil(
          [](auto& r) -> auto& { return r.report.school; },
          [](auto& r) -> auto& { return r.report.lvs_pupil_number; })
      .Text(
          "residence_municipality",
          [](auto& r) -> auto& { return r.report.residence_municipality; })
      .AsResidence()
      .Named(
          "absence_kind", [](auto& r) -> auto& { return r.report.absence_kind; }, AbsenceKindName,
          AbsenceKindFromName)
      .Day(
          "absence_start", [](auto& r) -> auto& { return r.report.absence_start; })
      .Day(
          "reported_on", [](auto& r) -> auto& { return r.report.reported_on; })
      .AsListDate()
      .Named(
          "cause", [](auto& r) -> auto& { return r.report.cause; }, ThuiszitterCauseName,
          ThuiszitterCauseFromName)
      .Flag(
          "reported_late", [](auto& r) -> auto& { return r.report.reported_late; })
      .Day(
          "report_deadline", [](auto& r) -> auto& { return r.report.report_deadline; })
      .Named(
          "status", [](auto& r) -> auto& { return r.status; }, CaseStatusName, CaseStatusFromName)
      .AsState()
      .OptionalDay(
          "closed_on", [](auto& r) -> auto& { return r.closed_on; })
      .Text(
          "close_reason", [](auto& r) -> auto& { return r.close_reason; })
      .Text(
          "municipality_case_ref", [](auto& r) -> auto& { return r.report.municipality_case_ref; })
      .UpdateAudit()
      .Custom(
          "plan_version",
          [](const ThuiszitterCase& c) {
            return storage::Value(int64_t{c.plan ? c.plan->plan_version : 0});
          },
          ReadPlanVersion);
  PlanText(
      columns, "plan_description", [](auto& p) -> auto& { return p.description; });
  PlanDay(
      columns, "plan_agreed_on", [](auto& p) -> auto& { return p.agreed_on; }, true);
  PlanText(
      columns, "plan_responsible_name", [](auto& p) -> auto& { return p.responsible_name; });
  PlanText(
      columns, "plan_responsible_role", [](auto& p) -> auto& { return p.responsible_role; });
  PlanText(
      columns, "plan_responsible_organisation",
      [](auto& p) -> auto& { return p.responsible_organisation; });
  columns.Custom(
      "plan_parents_involved",
      [](const ThuiszitterCase& c) {
        return storage::Value(int64_t{c.plan && c.plan->parents_involved ? 1 : 0});
      },
      [](const Row& row, size_t i, ThuiszitterCase& c) {
        if (c.plan) c.plan->parents_involved = row.GetInt(i) != 0;
        return true;
      });
  PlanDay(
      columns, "plan_expected_resumption", [](auto& p) -> auto& { return p.expected_resumption; },
      false);
  return sql_records::SqlTable<ThuiszitterCase>::New(
      {"thuiszitter_cases", "thuiszitter case", kCaseLog, "reported"}, std::move(columns),
      Snapshot);
}

}  // namespace

const sql_records::SqlTable<ThuiszitterCase>& Cases() {
  static const sql_records::SqlTable<ThuiszitterCase>* const kTable = NewCaseTable();
  return *kTable;
}

}  // namespace swv::registrations::thuiszitter_sql
