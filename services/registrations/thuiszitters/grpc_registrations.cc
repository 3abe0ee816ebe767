#include "services/registrations/thuiszitters/grpc_registrations.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "services/common/grpc_handler.h"
#include "services/common/grpc_principal.h"
#include "services/common/grpc_status.h"
#include "services/common/proto_enum.h"
#include "services/common/tenant_names.h"
#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/resource_name.h"
#include "services/kernel/time_format.h"
#include "services/registrations/records/grpc_support.h"
#include "services/registrations/tlvs/tlv_service.h"

namespace swv::registrations {
namespace {

namespace pb = ::swv::v1;

absl::StatusOr<std::string> SwvOfSettingsName(absl::string_view field, absl::string_view name) {
  SWV_ASSIGN_OR_RETURN(std::vector<std::string> ids,
                       ResourceNameIds(field, name, "swvs/*/settings"));
  return ids[0];
}

void ToProto(const ThuiszitterView& view, pb::ThuiszitterCase* out) {
  const ThuiszitterCase& c = view.stored;
  const ValidThuiszitterReport& r = c.report;
  out->set_name(absl::StrCat("swvs/", c.tenant, "/thuiszitters/", c.case_id));
  if (r.school) out->set_school(r.school->ToString());
  out->set_lvs_pupil_number(r.lvs_pupil_number);
  out->set_pupil_id(c.pupil_id);
  out->set_residence_municipality(r.residence_municipality);
  out->set_absence_kind(ProtoEnumOf<pb::AbsenceKind>(AbsenceKindName(r.absence_kind)));
  out->set_absence_start(FormatDate(r.absence_start));
  out->set_reported_on(FormatDate(r.reported_on));
  out->set_cause(ProtoEnumOf<pb::ThuiszitterCause>(ThuiszitterCauseName(r.cause)));
  out->set_status(ProtoEnumOf<pb::CaseStatus>(CaseStatusName(c.status)));
  out->set_category(ProtoEnumOf<pb::ThuiszitterCategory>(ThuiszitterCategoryName(view.category)));
  out->set_reported_late(r.reported_late);
  out->set_days_absent(view.days_absent);
  out->set_four_week_mark(FormatDate(view.four_week_mark));
  out->set_report_deadline(FormatDate(r.report_deadline));
  out->set_closed_on(DateOrEmpty(c.closed_on));
  out->set_close_reason(c.close_reason);
  out->set_municipality_case_ref(r.municipality_case_ref);
  AuditToProto(c, out);
  if (c.plan) {
    pb::ThuiszitterPlan* plan = out->mutable_plan();
    plan->set_description(c.plan->description);
    plan->set_agreed_on(FormatDate(c.plan->agreed_on));
    plan->set_responsible_name(c.plan->responsible_name);
    plan->set_responsible_role(c.plan->responsible_role);
    plan->set_responsible_organisation(c.plan->responsible_organisation);
    plan->set_parents_involved(c.plan->parents_involved);
    plan->set_expected_resumption(DateOrEmpty(c.plan->expected_resumption));
    plan->set_plan_version(c.plan->plan_version);
  }
  out->set_past_one_month(view.flags.past_one_month);
  out->set_past_three_months(view.flags.past_three_months);
  for (const LeerplichtAction& a : c.leerplicht_actions) {
    pb::LeerplichtAction* action = out->add_leerplicht_actions();
    action->set_kind(ProtoEnumOf<pb::LeerplichtActionKind>(LeerplichtActionKindName(a.kind)));
    action->set_taken_on(FormatDate(a.taken_on));
    action->set_note(a.note);
    action->set_recorded_by(a.recorded_by);
  }
  if (!view.read_under_consent.empty()) {
    out->set_consent(absl::StrCat(out->name(), "/consents/", view.read_under_consent));
  }
}

void ToProto(const SwvSettingsRecord& settings, pb::SwvSettings* out) {
  out->set_name(absl::StrCat("swvs/", settings.tenant, "/settings"));
  out->set_display_code(DisplaySwvCode(settings.tenant));
  out->set_thuiszitter_report_within_days(settings.thuiszitter_policy.report_within_days);
  out->set_version(settings.version);
  if (settings.version != 0) {
    out->set_update_time(Rfc3339(settings.update_time));
    out->set_updated_by(settings.updated_by);
  }
}

ThuiszitterReport ReportOf(const pb::ThuiszitterCase& in) {
  ThuiszitterReport report;
  report.school = in.school();
  report.lvs_pupil_number = in.lvs_pupil_number();
  report.residence_municipality = in.residence_municipality();
  report.absence_kind = FromProtoEnum(in.absence_kind(), AbsenceKindFromName);
  report.absence_start = in.absence_start();
  report.reported_on = in.reported_on();
  report.cause = FromProtoEnum(in.cause(), ThuiszitterCauseFromName);
  report.municipality_case_ref = in.municipality_case_ref();
  return report;
}

LeerplichtActionInput ActionOf(const pb::RecordLeerplichtActionRequest& request) {
  LeerplichtActionInput input;
  input.kind = FromProtoEnum(request.kind(), LeerplichtActionKindFromName);
  input.taken_on = request.taken_on();
  input.note = request.note();
  input.municipality_case_ref = request.municipality_case_ref();
  return input;
}

PlanInput PlanOf(const pb::ThuiszitterPlan& in) {
  PlanInput input;
  input.description = in.description();
  input.agreed_on = in.agreed_on();
  input.responsible_name = in.responsible_name();
  input.responsible_role = in.responsible_role();
  input.responsible_organisation = in.responsible_organisation();
  input.parents_involved = in.parents_involved();
  input.expected_resumption = in.expected_resumption();
  return input;
}

}  // namespace

grpc::Status GrpcRegistrations::ReportThuiszitter(grpc::ServerContext* context,
                                                  const pb::ReportThuiszitterRequest* request,
                                                  pb::ThuiszitterCase* response) {
  return ServeOnParent(context, request->parent(), service_, &ThuiszitterService::Report, ToProto,
                       response, ReportOf(request->thuiszitter()), request->request_id());
}

grpc::Status GrpcRegistrations::RecordLeerplichtAction(
    grpc::ServerContext* context, const pb::RecordLeerplichtActionRequest* request,
    pb::ThuiszitterCase* response) {
  return ServeOnRecord(context, "name", request->name(), "thuiszitters", service_,
                       &ThuiszitterService::RecordLeerplichtAction, ToProto, response,
                       ActionOf(*request), request->expected_version());
}

grpc::Status GrpcRegistrations::GetThuiszitter(grpc::ServerContext* context,
                                               const pb::GetThuiszitterRequest* request,
                                               pb::ThuiszitterCase* response) {
  return ServeOnRecord(context, "name", request->name(), "thuiszitters", service_,
                       &ThuiszitterService::Get, ToProto, response);
}

grpc::Status GrpcRegistrations::ListThuiszitters(grpc::ServerContext* context,
                                                 const pb::ListThuiszittersRequest* request,
                                                 pb::ListThuiszittersResponse* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(auto list, ListQueryOf<ListCasesRequest>(*request));
    list.school = request->school();
    list.residence_municipality = request->residence_municipality();
    list.status = FromProtoEnum(request->status(), CaseStatusFromName);
    return RespondPage(service_->List(caller, list), ToProto, response->mutable_thuiszitters(),
                       response);
  });
}

grpc::Status GrpcRegistrations::CloseThuiszitter(grpc::ServerContext* context,
                                                 const pb::CloseThuiszitterRequest* request,
                                                 pb::ThuiszitterCase* response) {
  return ServeOnRecord(context, "name", request->name(), "thuiszitters", service_,
                       &ThuiszitterService::Close, ToProto, response,
                       CloseInput{request->closed_on(), request->reason()},
                       request->expected_version());
}

grpc::Status GrpcRegistrations::ListThuiszitterHistory(
    grpc::ServerContext* context, const pb::ListThuiszitterHistoryRequest* request,
    pb::ListThuiszitterHistoryResponse* response) {
  return ServeOnRecord(context, "name", request->name(), "thuiszitters", service_,
                       &ThuiszitterService::History, ChangesToProto, response);
}

grpc::Status GrpcRegistrations::GetSwvSettings(grpc::ServerContext* context,
                                               const pb::GetSwvSettingsRequest* request,
                                               pb::SwvSettings* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfSettingsName("name", request->name()));
    SWV_ASSIGN_OR_RETURN(SwvSettingsRecord settings, service_->GetSettings(caller, swv));
    ToProto(settings, response);
    if (tlv_settings_ != nullptr) {
      SWV_ASSIGN_OR_RETURN(TlvPolicyRecord tlv, tlv_settings_->GetPolicy(caller, settings.tenant));
      response->set_tlv_validity_school_years(tlv.policy.validity_school_years);
    }
    return absl::OkStatus();
  });
}

grpc::Status GrpcRegistrations::UpdateSwvSettings(grpc::ServerContext* context,
                                                  const pb::UpdateSwvSettingsRequest* request,
                                                  pb::SwvSettings* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(std::string swv,
                         SwvOfSettingsName("settings.name", request->settings().name()));
    ThuiszitterPolicy policy;
    policy.report_within_days = request->settings().thuiszitter_report_within_days();
    // 0 means the default. Checked before anything is written, so a bad value changes nothing.
    TlvPolicy tlv_policy;
    if (request->settings().tlv_validity_school_years() != 0) {
      tlv_policy.validity_school_years = request->settings().tlv_validity_school_years();
    }
    if (absl::Status valid = tlv_policy.Validate(); !valid.ok()) {
      std::vector<FieldViolation> violations = FieldViolationsOf(valid);
      return InvalidField("settings.tlv_validity_school_years", ReasonOf(valid),
                          violations.empty() ? valid.message() : violations.front().description);
    }
    SWV_ASSIGN_OR_RETURN(
        SwvSettingsRecord settings,
        service_->UpdateSettings(caller, swv, policy, request->settings().version()));
    ToProto(settings, response);
    // A separate write (the TLV settings have their own table and version): if it fails after the
    // thuiszitter part succeeded, the caller gets the error and a retry with version 0 repeats
    // both.
    if (tlv_settings_ != nullptr) {
      SWV_ASSIGN_OR_RETURN(TlvPolicyRecord tlv,
                           tlv_settings_->UpdatePolicy(caller, settings.tenant, tlv_policy,
                                                       "settings.tlv_validity_school_years"));
      response->set_tlv_validity_school_years(tlv.policy.validity_school_years);
    }
    return absl::OkStatus();
  });
}

grpc::Status GrpcRegistrations::SetThuiszitterPlan(grpc::ServerContext* context,
                                                   const pb::SetThuiszitterPlanRequest* request,
                                                   pb::ThuiszitterCase* response) {
  return ServeOnRecord(context, "name", request->name(), "thuiszitters", service_,
                       &ThuiszitterService::SetPlan, ToProto, response, PlanOf(request->plan()),
                       request->expected_version());
}

}  // namespace swv::registrations
