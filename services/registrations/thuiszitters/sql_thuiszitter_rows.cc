#include "services/registrations/thuiszitters/sql_thuiszitter_rows.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/kernel/json.h"
#include "services/kernel/status_macros.h"
#include "services/kernel/time_format.h"
#include "services/registrations/records/line_fields.h"
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

// The consents part of a snapshot: who gave which consent and when it was withdrawn.
std::string ConsentsSnapshot(const std::vector<Consent>& consents) {
  std::string items;
  for (const Consent& c : consents) {
    absl::StrAppend(&items, items.empty() ? "" : ",",
                    JsonObject()
                        .String("consentId", c.consent_id)
                        .String("organisation", c.organisation)
                        .Date("givenOn", c.given_on)
                        .String("givenBy", c.given_by)
                        .String("covers", c.covers)
                        .String("recordedBy", c.recorded_by)
                        .Date("withdrawnOn", c.withdrawn_on)
                        .String("withdrawnBy", c.withdrawn_by)
                        .Build());
  }
  return absl::StrCat("[", items, "]");
}

// What leerplicht did: a line per action (kind, taken_on, recorded_by, the escaped note).
std::string ActionLines(const std::vector<LeerplichtAction>& actions) {
  std::string text;
  for (const LeerplichtAction& a : actions) {
    absl::StrAppend(&text, LeerplichtActionKindName(a.kind), "\t", FormatDate(a.taken_on), "\t",
                    a.recorded_by, "\t", EscapeLineField(a.note), "\n");
  }
  return text;
}

bool ReadActionLines(const Row& row, size_t i, ThuiszitterCase& c) {
  c.leerplicht_actions.clear();
  if (row.IsNull(i)) return true;
  for (absl::string_view line : absl::StrSplit(row.GetString(i), '\n', absl::SkipEmpty())) {
    std::vector<std::string> f = absl::StrSplit(line, '\t');
    if (f.size() != 4) return false;
    absl::optional<LeerplichtActionKind> kind = LeerplichtActionKindFromName(f[0]);
    absl::StatusOr<absl::CivilDay> taken = ParseDate("taken_on", f[1]);
    if (!kind || !taken.ok()) return false;
    c.leerplicht_actions.push_back({*kind, *taken, UnescapeLineField(f[3]), f[2]});
  }
  return true;
}

std::string ActionsSnapshot(const std::vector<LeerplichtAction>& actions) {
  std::string items;
  for (const LeerplichtAction& a : actions) {
    absl::StrAppend(&items, items.empty() ? "" : ",",
                    JsonObject()
                        .String("kind", LeerplichtActionKindName(a.kind))
                        .Date("takenOn", a.taken_on)
                        .String("note", a.note)
                        .String("recordedBy", a.recorded_by)
                        .Build());
  }
  return absl::StrCat("[", items, "]");
}

// The consents are kept in one text column of the case row, a line per consent with its fields
// separated by tabs (the domain allows no control characters in them), so a case is still read
// with one SELECT; `consented_to` beside it lists the organisations of the standing ones for the
// youth-care reach of a list (",MEVIS,").
std::string ConsentLines(const std::vector<Consent>& consents) {
  std::string text;
  for (const Consent& c : consents) {
    absl::StrAppend(&text, c.consent_id, "\t", c.organisation, "\t", FormatDate(c.given_on), "\t",
                    c.given_by, "\t", c.covers, "\t", c.recorded_by, "\t",
                    c.withdrawn_on ? FormatDate(*c.withdrawn_on) : "", "\t", c.withdrawn_by, "\n");
  }
  return text;
}

bool ReadConsentLines(const Row& row, size_t i, ThuiszitterCase& c) {
  c.consents.clear();
  if (row.IsNull(i)) return true;
  for (absl::string_view line : absl::StrSplit(row.GetString(i), '\n', absl::SkipEmpty())) {
    std::vector<std::string> f = absl::StrSplit(line, '\t');
    if (f.size() != 8) return false;
    Consent consent;
    consent.consent_id = f[0];
    consent.organisation = f[1];
    absl::StatusOr<absl::CivilDay> given = ParseDate("given_on", f[2]);
    if (!given.ok()) return false;
    consent.given_on = *given;
    consent.given_by = f[3];
    consent.covers = f[4];
    consent.recorded_by = f[5];
    if (!f[6].empty()) {
      absl::StatusOr<absl::CivilDay> withdrawn = ParseDate("withdrawn_on", f[6]);
      if (!withdrawn.ok()) return false;
      consent.withdrawn_on = *withdrawn;
    }
    consent.withdrawn_by = f[7];
    c.consents.push_back(std::move(consent));
  }
  return true;
}

std::string ConsentedToColumn(const ThuiszitterCase& c) {
  std::vector<std::string> organisations = ConsentedOrganisations(c.consents);
  return organisations.empty() ? "" : absl::StrCat(",", absl::StrJoin(organisations, ","), ",");
}

// The stored fields after a change, kept with the history entry so every version can be shown.
std::string Snapshot(const ThuiszitterCase& c) {
  const ValidThuiszitterReport& r = c.report;
  return JsonObject()
      .String("school", r.school ? r.school->ToString() : "")
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
      .Raw("consents", ConsentsSnapshot(c.consents))
      .Raw("leerplichtActions", ActionsSnapshot(c.leerplicht_actions))
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
      .Closing(
          [](auto& r) -> auto& { return r.closed_on; },
          [](auto& r) -> auto& { return r.close_reason; })
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
  columns.Custom(
      "consents",
      [](const ThuiszitterCase& c) {
        return c.consents.empty() ? storage::Null() : storage::Value(ConsentLines(c.consents));
      },
      ReadConsentLines);
  columns.Custom(
      "leerplicht_actions",
      [](const ThuiszitterCase& c) {
        return c.leerplicht_actions.empty() ? storage::Null()
                                            : storage::Value(ActionLines(c.leerplicht_actions));
      },
      ReadActionLines);
  columns
      .Custom(
          "consented_to",
          [](const ThuiszitterCase& c) { return storage::Value(ConsentedToColumn(c)); },
          [](const Row&, size_t, ThuiszitterCase&) { return true; })
      .AsConsent();
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
