// GrpcRegistrations, second part: exemptions, monitorkinderen, register statistics and the
// Inspectie export. Proto in, service call, proto out; no rules here.
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/common/grpc_handler.h"
#include "services/common/grpc_principal.h"
#include "services/common/grpc_status.h"
#include "services/common/proto_enum.h"
#include "services/common/tenant_names.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/time_format.h"
#include "services/registrations/records/grpc_support.h"
#include "services/registrations/thuiszitters/grpc_registrations.h"

namespace swv::registrations {
namespace {

namespace pb = ::swv::v1;

void ToProto(const ExemptionRecord& e, pb::Exemption* out) {
  out->set_name(absl::StrCat("swvs/", e.tenant, "/exemptions/", e.exemption_id));
  out->set_residence_municipality(e.exemption.residence_municipality);
  if (e.exemption.school) out->set_school(e.exemption.school->ToString());
  out->set_lvs_pupil_number(e.exemption.lvs_pupil_number);
  out->set_pupil_id(e.pupil_id);
  out->set_start_date(FormatDate(e.exemption.start_date));
  out->set_end_date(DateOrEmpty(e.exemption.end_date));
  out->set_swv_involved(e.exemption.swv_involved);
  out->set_article(ProtoEnumOf<pb::ExemptionArticle>(ExemptionArticleName(e.exemption.article)));
  if (e.exemption.swv_advice) {
    out->set_swv_advice(ProtoEnumOf<pb::SwvAdvice>(SwvAdviceName(*e.exemption.swv_advice)));
  }
  out->set_swv_advice_on(DateOrEmpty(e.exemption.swv_advice_on));
  out->set_version(e.version);
  out->set_create_time(Rfc3339(e.create_time));
  out->set_created_by(e.created_by);
}

void ToProto(const MonitorkindRecord& m, pb::Monitorkind* out) {
  out->set_name(absl::StrCat("swvs/", m.tenant, "/monitorkinderen/", m.monitorkind_id));
  out->set_school(m.monitorkind.school.ToString());
  out->set_lvs_pupil_number(m.monitorkind.lvs_pupil_number);
  out->set_pupil_id(m.pupil_id);
  out->set_residence_municipality(m.monitorkind.residence_municipality);
  out->set_reason(ProtoEnumOf<pb::MonitorkindReason>(MonitorkindReasonName(m.monitorkind.reason)));
  out->set_at_home_since(FormatDate(m.monitorkind.at_home_since));
  out->set_registered_on(FormatDate(m.monitorkind.registered_on));
  out->set_status(ProtoEnumOf<pb::CaseStatus>(CaseStatusName(m.status)));
  out->set_closed_on(DateOrEmpty(m.closed_on));
  out->set_close_reason(m.close_reason);
  AuditToProto(m, out);
}

void ToProto(const ThuiszitterCounts& counts, pb::ThuiszitterCounts* out) {
  out->set_total(counts.total);
  out->set_relative_4w_3m(counts.relative_4w_3m);
  out->set_relative_over_3m(counts.relative_over_3m);
  out->set_absolute(counts.absolute);
  out->set_potential(counts.potential);
  for (int i = 0; i < kCauseCount; ++i) {
    pb::CauseCount* cause = out->add_by_cause();
    cause->set_cause(
        ProtoEnumOf<pb::ThuiszitterCause>(ThuiszitterCauseName(kAllThuiszitterCauses[i])));
    cause->set_count(counts.by_cause[i]);
  }
}

void ToProto(const EscalationStatistics& stats, pb::EscalationCounts* out) {
  out->set_opened(stats.opened_in_period);
  out->set_open_at_end(stats.open_at_end);
  const auto& by_level = stats.open_at_end_by_level;
  out->set_open_at_end_school(by_level[static_cast<size_t>(EscalationLevel::kSchool)]);
  out->set_open_at_end_swv(by_level[static_cast<size_t>(EscalationLevel::kSwv)]);
  out->set_open_at_end_doorzettingskracht(
      by_level[static_cast<size_t>(EscalationLevel::kDoorzettingskracht)]);
  out->set_open_at_end_doorzettingsmacht(
      by_level[static_cast<size_t>(EscalationLevel::kDoorzettingsmacht)]);
  out->set_overdue_at_end(stats.overdue_at_end);
  out->set_binding_decisions(stats.binding_decisions_in_period);
}

ExemptionInput ExemptionInputOf(const pb::Exemption& in) {
  ExemptionInput input;
  input.residence_municipality = in.residence_municipality();
  input.school = in.school();
  input.lvs_pupil_number = in.lvs_pupil_number();
  input.start_date = in.start_date();
  input.end_date = in.end_date();
  if (in.has_swv_involved()) input.swv_involved = in.swv_involved();
  input.article = FromProtoEnum(in.article(), ExemptionArticleFromName);
  input.swv_advice = FromProtoEnum(in.swv_advice(), SwvAdviceFromName);
  input.swv_advice_on = in.swv_advice_on();
  return input;
}

MonitorkindInput MonitorkindInputOf(const pb::Monitorkind& in) {
  MonitorkindInput input;
  input.school = in.school();
  input.lvs_pupil_number = in.lvs_pupil_number();
  input.residence_municipality = in.residence_municipality();
  input.reason = FromProtoEnum(in.reason(), MonitorkindReasonFromName);
  input.at_home_since = in.at_home_since();
  input.registered_on = in.registered_on();
  return input;
}

RegisterGrouping GroupingOf(pb::RegisterGrouping group_by) {
  switch (group_by) {
    case pb::REGISTER_GROUPING_SCHOOL:
      return RegisterGrouping::kSchool;
    case pb::REGISTER_GROUPING_MUNICIPALITY:
      return RegisterGrouping::kMunicipality;
    case pb::REGISTER_GROUPING_WIJK:
      return RegisterGrouping::kWijk;
    case pb::REGISTER_GROUPING_BOARD:
      return RegisterGrouping::kBoard;
    default:
      return RegisterGrouping::kNone;
  }
}

void ToProto(const RegisterStatisticsResult& result, pb::RegisterStatistics* response) {
  PeriodToProto(result.period, response);
  response->set_as_of(FormatDate(result.as_of));
  for (const auto& [key, group] : result.groups) {
    pb::RegisterCounts* out = response->add_groups();
    out->set_key(key);
    const ThuiszitterStatistics& t = group.thuiszitters;
    ToProto(t.open_at_end, out->mutable_thuiszitters_open_at_end());
    out->set_thuiszitters_open_past_one_month(t.open_past_one_month);
    out->set_thuiszitters_open_past_three_months(t.open_past_three_months);
    ToProto(t.reported_in_period, out->mutable_thuiszitters_reported());
    ToProto(t.open_in_period, out->mutable_thuiszitters_open_in_period());
    out->set_thuiszitter_duration_days_total(t.duration_days_total);
    out->set_thuiszitter_average_duration_days(
        t.duration_cases == 0 ? 0.0
                              : static_cast<double>(t.duration_days_total) / t.duration_cases);
    out->set_exemptions(group.exemptions.in_force);
    out->set_exemptions_with_swv_involvement(group.exemptions.with_swv_involvement);
    out->set_exemptions_without_swv_involvement(group.exemptions.without_swv_involvement);
    out->set_monitorkinderen(group.monitorkinderen.known_in_period);
    for (int i = 0; i < kMonitorkindReasonCount; ++i) {
      pb::MonitorkindReasonCount* reason = out->add_monitorkinderen_by_reason();
      reason->set_reason(
          ProtoEnumOf<pb::MonitorkindReason>(MonitorkindReasonName(kAllMonitorkindReasons[i])));
      reason->set_count(group.monitorkinderen.known_by_reason[i]);
    }
    out->set_monitorkinderen_open_at_end(group.monitorkinderen.open_at_end);
    ToProto(group.escalations, out->mutable_escalations());
    const AbsenceOverview overview = AbsenceOverviewOf(group);
    pb::AbsenceCategories* absence = out->mutable_absence_at_end();
    absence->set_relative_4w_3m(overview.relative_4w_3m);
    absence->set_relative_over_3m(overview.relative_over_3m);
    absence->set_absolute(overview.absolute);
    absence->set_exemptions(overview.exemptions);
    absence->set_sick_fit_for_education(overview.sick_fit_for_education);
    absence->set_monitorkinderen(overview.monitorkinderen);
    absence->set_potential(overview.potential);
  }
}

void ToProto(const InspectieExport& exported, pb::InspectieRegisterExport* response) {
  response->set_csv(exported.register_csv.csv);
  response->set_row_count(exported.register_csv.row_count);
  response->set_period_start(FormatDate(exported.quarter.first));
  response->set_period_end(FormatDate(exported.quarter.last));
}

}  // namespace

grpc::Status GrpcRegistrations::RecordExemption(grpc::ServerContext* context,
                                                const pb::RecordExemptionRequest* request,
                                                pb::Exemption* response) {
  return ServeOnParent(context, request->parent(), register_, &RegisterService::RecordExemption,
                       ToProto, response, ExemptionInputOf(request->exemption()),
                       request->request_id());
}

grpc::Status GrpcRegistrations::GetExemption(grpc::ServerContext* context,
                                             const pb::GetExemptionRequest* request,
                                             pb::Exemption* response) {
  return ServeRead(context, *request, "exemptions", register_, &RegisterService::exemptions,
                   ToProto, response);
}

grpc::Status GrpcRegistrations::ListExemptions(grpc::ServerContext* context,
                                               const pb::ListExemptionsRequest* request,
                                               pb::ListExemptionsResponse* response) {
  return ServeList(context, *request, register_, &RegisterService::ListExemptions, ToProto,
                   response->mutable_exemptions(), response);
}

grpc::Status GrpcRegistrations::ListExemptionHistory(grpc::ServerContext* context,
                                                     const pb::ListRecordHistoryRequest* request,
                                                     pb::ListThuiszitterHistoryResponse* response) {
  return ServeHistory(context, *request, "exemptions", register_, &RegisterService::exemptions,
                      response);
}

grpc::Status GrpcRegistrations::RegisterMonitorkind(grpc::ServerContext* context,
                                                    const pb::RegisterMonitorkindRequest* request,
                                                    pb::Monitorkind* response) {
  return ServeOnParent(context, request->parent(), register_, &RegisterService::RegisterMonitorkind,
                       ToProto, response, MonitorkindInputOf(request->monitorkind()),
                       request->request_id());
}

grpc::Status GrpcRegistrations::GetMonitorkind(grpc::ServerContext* context,
                                               const pb::GetMonitorkindRequest* request,
                                               pb::Monitorkind* response) {
  return ServeRead(context, *request, "monitorkinderen", register_,
                   &RegisterService::monitorkinderen, ToProto, response);
}

grpc::Status GrpcRegistrations::ListMonitorkinderen(grpc::ServerContext* context,
                                                    const pb::ListMonitorkinderenRequest* request,
                                                    pb::ListMonitorkinderenResponse* response) {
  return ServeList(context, *request, register_, &RegisterService::ListMonitorkinderen, ToProto,
                   response->mutable_monitorkinderen(), response,
                   FromProtoEnum(request->status(), CaseStatusFromName));
}

grpc::Status GrpcRegistrations::CloseMonitorkind(grpc::ServerContext* context,
                                                 const pb::CloseMonitorkindRequest* request,
                                                 pb::Monitorkind* response) {
  return ServeOnRecord(context, "name", request->name(), "monitorkinderen", register_,
                       &RegisterService::CloseMonitorkind, ToProto, response,
                       CloseInput{request->closed_on(), request->reason()},
                       request->expected_version());
}

grpc::Status GrpcRegistrations::ListMonitorkindHistory(
    grpc::ServerContext* context, const pb::ListRecordHistoryRequest* request,
    pb::ListThuiszitterHistoryResponse* response) {
  return ServeHistory(context, *request, "monitorkinderen", register_,
                      &RegisterService::monitorkinderen, response);
}

grpc::Status GrpcRegistrations::GetRegisterStatistics(
    grpc::ServerContext* context, const pb::GetRegisterStatisticsRequest* request,
    pb::RegisterStatistics* response) {
  return ServeOnParent(context, request->parent(), reporting_, &ReportingService::Statistics,
                       ToProto, response, request->from(), request->to(),
                       GroupingOf(request->group_by()));
}

grpc::Status GrpcRegistrations::ExportInspectieRegister(
    grpc::ServerContext* context, const pb::ExportInspectieRegisterRequest* request,
    pb::InspectieRegisterExport* response) {
  return ServeOnParent(context, request->parent(), reporting_,
                       &ReportingService::ExportInspectieRegister, ToProto, response,
                       request->quarter());
}

}  // namespace swv::registrations
