#include "services/registrations/reporting/reporting_service.h"

#include <utility>
#include <vector>

#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/status_macros.h"

namespace swv::registrations {

ThuiszitterFacts FactsOf(const ThuiszitterCase& c) {
  ThuiszitterFacts f;
  f.sequence = c.position;
  f.school = c.report.school ? c.report.school->ToString() : "";
  f.residence_municipality = c.report.residence_municipality;
  f.absence_kind = c.report.absence_kind;
  f.absence_start = c.report.absence_start;
  f.reported_on = c.report.reported_on;
  f.cause = c.report.cause;
  f.closed_on = c.closed_on;
  if (c.plan) f.plan_agreed_on = c.plan->agreed_on;
  return f;
}

ExemptionFacts FactsOf(const ExemptionRecord& e) {
  ExemptionFacts f;
  f.sequence = e.position;
  f.school = e.exemption.school ? e.exemption.school->ToString() : "";
  f.residence_municipality = e.exemption.residence_municipality;
  f.start_date = e.exemption.start_date;
  f.end_date = e.exemption.end_date;
  f.swv_involved = e.exemption.swv_involved;
  return f;
}

MonitorkindFacts FactsOf(const MonitorkindRecord& m) {
  MonitorkindFacts f;
  f.school = m.monitorkind.school.ToString();
  f.residence_municipality = m.monitorkind.residence_municipality;
  f.reason = m.monitorkind.reason;
  f.at_home_since = m.monitorkind.at_home_since;
  f.registered_on = m.monitorkind.registered_on;
  f.closed_on = m.closed_on;
  return f;
}

ReportingService::ReportingService(RecordStore<ThuiszitterCase>* thuiszitters,
                                   const RegisterStores* register_records,
                                   RecordStore<EscalationRecord>* escalations,
                                   DirectoryRepository* directory, const Clock* clock,
                                   AccessPolicy access)
    : thuiszitters_(thuiszitters),
      register_records_(register_records),
      escalations_(escalations),
      directory_(directory),
      clock_(clock),
      access_(std::move(access)) {}

absl::CivilDay ReportingService::Today() const { return DutchToday(*clock_); }

absl::StatusOr<RegisterStatisticsResult> ReportingService::Statistics(const Principal& caller,
                                                                      absl::string_view swv,
                                                                      absl::string_view from,
                                                                      absl::string_view to,
                                                                      RegisterGrouping grouping) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("parent", swv));
  SWV_RETURN_IF_ERROR(access_.TenantWide(caller, tenant));
  const absl::CivilDay today = Today();
  SWV_ASSIGN_OR_RETURN(DayRange period, ValidatePeriod(from, to, today));

  std::map<std::string, std::string> school_to_group;
  if (grouping == RegisterGrouping::kWijk || grouping == RegisterGrouping::kBoard) {
    if (directory_ == nullptr) {
      return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "NO_DIRECTORY",
                             "grouping by wijk or board needs the organisation directory",
                             "group_by");
    }
    SWV_ASSIGN_OR_RETURN(school_to_group,
                         SchoolGroups(*directory_, tenant,
                                      grouping == RegisterGrouping::kWijk ? SchoolGroup::kWijk
                                                                          : SchoolGroup::kBoard));
  }
  auto key_of = [&](const std::string& school, const std::string& municipality) -> std::string {
    switch (grouping) {
      case RegisterGrouping::kNone:
        return "";
      case RegisterGrouping::kSchool:
        return school;
      case RegisterGrouping::kMunicipality:
        return municipality;
      case RegisterGrouping::kWijk:
      case RegisterGrouping::kBoard: {
        auto it = school_to_group.find(school);
        return it == school_to_group.end() ? "" : it->second;
      }
    }
    return "";
  };

  // The records long ended before the period are left in the database.
  SWV_ASSIGN_OR_RETURN(std::vector<ThuiszitterCase> cases,
                       thuiszitters_->ListCovering(tenant, period.first, period.last));
  SWV_ASSIGN_OR_RETURN(
      std::vector<ExemptionRecord> exemptions,
      register_records_->exemptions->ListCovering(tenant, period.first, period.last));
  SWV_ASSIGN_OR_RETURN(
      std::vector<MonitorkindRecord> monitorkinderen,
      register_records_->monitorkinderen->ListCovering(tenant, period.first, period.last));

  RegisterStatisticsResult result;
  result.period = period;
  result.as_of = AsOfDay(period, today);
  if (grouping == RegisterGrouping::kNone) result.groups[""];  // always one group
  for (const ThuiszitterCase& c : cases) {
    const ThuiszitterFacts facts = FactsOf(c);
    // No empty groups for records that count nowhere in this period.
    if (!CoversPeriod(facts, period) && !period.Contains(facts.reported_on)) continue;
    CountThuiszitter(facts, period, today,
                     result.groups[key_of(facts.school, facts.residence_municipality)]);
  }
  for (const ExemptionRecord& e : exemptions) {
    const ExemptionFacts facts = FactsOf(e);
    if (!CoversPeriod(facts, period)) continue;  // counts nowhere in this period
    CountExemption(facts, period,
                   result.groups[key_of(facts.school, facts.residence_municipality)]);
  }
  for (const MonitorkindRecord& m : monitorkinderen) {
    const MonitorkindFacts facts = FactsOf(m);
    if (!CoversPeriod(facts, period)) continue;  // counts nowhere in this period
    CountMonitorkind(facts, period, today,
                     result.groups[key_of(facts.school, facts.residence_municipality)]);
  }
  if (escalations_ != nullptr) {
    SWV_ASSIGN_OR_RETURN(std::vector<EscalationRecord> escalations,
                         escalations_->ListCovering(tenant, period.first, period.last));
    for (const EscalationRecord& r : escalations) {
      const Escalation& e = r.escalation;
      if (!CoversPeriod(e, period)) continue;  // counts nowhere in this period
      const std::string school = e.subject.school ? e.subject.school->ToString() : "";
      CountEscalation(e, period, today,
                      result.groups[key_of(school, e.subject.residence_municipality)]);
    }
  }
  return result;
}

absl::StatusOr<InspectieExport> ReportingService::ExportInspectieRegister(
    const Principal& caller, absl::string_view swv, absl::string_view quarter) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("parent", swv));
  SWV_RETURN_IF_ERROR(access_.TenantWide(caller, tenant));
  const absl::CivilDay today = Today();
  SWV_ASSIGN_OR_RETURN(DayRange range, ParseQuarter("quarter", quarter, today));
  SWV_ASSIGN_OR_RETURN(std::vector<ThuiszitterCase> cases,
                       thuiszitters_->ListCovering(tenant, range.first, range.last));
  SWV_ASSIGN_OR_RETURN(
      std::vector<ExemptionRecord> exemptions,
      register_records_->exemptions->ListCovering(tenant, range.first, range.last));
  std::vector<ThuiszitterFacts> case_facts;
  for (const ThuiszitterCase& c : cases) case_facts.push_back(FactsOf(c));
  std::vector<ExemptionFacts> exemption_facts;
  for (const ExemptionRecord& e : exemptions) exemption_facts.push_back(FactsOf(e));
  SWV_ASSIGN_OR_RETURN(
      std::vector<MonitorkindRecord> monitorkinderen,
      register_records_->monitorkinderen->ListCovering(tenant, range.first, range.last));
  std::vector<MonitorkindFacts> monitorkind_facts;
  for (const MonitorkindRecord& m : monitorkinderen) monitorkind_facts.push_back(FactsOf(m));
  InspectieExport out;
  out.quarter = range;
  out.register_csv = BuildInspectieRegister(std::move(case_facts), std::move(exemption_facts),
                                            range, today, std::move(monitorkind_facts));
  return out;
}

}  // namespace swv::registrations
