// The gRPC adapter of swv.v1.Escalations: proto in, service call, proto out; no rules here.
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "services/common/grpc_handler.h"
#include "services/common/grpc_principal.h"
#include "services/common/proto_enum.h"
#include "services/common/tenant_names.h"
#include "services/kernel/time_format.h"
#include "services/registrations/grpc_adapters.h"
#include "services/registrations/records/grpc_support.h"
#include "swv/v1/escalations.grpc.pb.h"

namespace swv::registrations {
namespace {

namespace pb = ::swv::v1;

pb::EscalationLevel LevelToProto(EscalationLevel level) {
  return ProtoEnumOf<pb::EscalationLevel>(EscalationLevelName(level));
}

void ToProto(const EscalationView& view, pb::Escalation* out) {
  const EscalationRecord& r = view.stored;
  const Escalation& e = r.escalation;
  out->set_name(absl::StrCat("swvs/", r.tenant, "/escalations/", r.escalation_id));
  if (!e.subject.thuiszitter_case_id.empty()) {
    out->set_thuiszitter(
        absl::StrCat("swvs/", r.tenant, "/thuiszitters/", e.subject.thuiszitter_case_id));
  }
  out->set_residence_municipality(e.subject.residence_municipality);
  if (e.subject.school) out->set_school(e.subject.school->ToString());
  out->set_lvs_pupil_number(e.subject.lvs_pupil_number);
  out->set_pupil_id(r.pupil_id);
  out->set_reason(e.reason);
  out->set_opened_on(FormatDate(e.opened_on));
  for (size_t i = 0; i < e.steps.size(); ++i) {
    const EscalationStep& s = e.steps[i];
    pb::EscalationStep* step = out->add_steps();
    step->set_level(LevelToProto(s.level));
    step->set_holder(s.holder);
    step->set_started_on(FormatDate(s.started_on));
    step->set_deadline(FormatDate(s.deadline));
    step->set_ended_on(DateOrEmpty(s.ended_on));
    step->set_overdue(i < view.step_overdue.size() && view.step_overdue[i]);
  }
  out->set_current_level(LevelToProto(e.current_step().level));
  out->set_overdue(view.overdue);
  if (e.binding_decision) {
    const BindingDecision& b = *e.binding_decision;
    pb::EscalationBindingDecision* binding = out->mutable_binding_decision();
    binding->set_designated_party(b.designated_party);
    binding->set_obliged_party(b.obliged_party);
    if (b.obliged_school) binding->set_obliged_school(b.obliged_school->ToString());
    binding->set_decision(b.decision);
    binding->set_decided_on(FormatDate(b.decided_on));
    binding->set_place_by(FormatDate(b.place_by));
  }
  out->set_status(ProtoEnumOf<pb::CaseStatus>(CaseStatusName(e.status)));
  out->set_closed_on(DateOrEmpty(e.closed_on));
  out->set_close_reason(e.close_reason);
  AuditToProto(r, out);
}

EscalationStepInput StepInputOf(const pb::EscalationStep& in) {
  return {FromProtoEnum(in.level(), EscalationLevelFromName), in.holder(), in.started_on(),
          in.deadline()};
}

class GrpcEscalations final : public GrpcAdapter<pb::Escalations::Service, EscalationService> {
 public:
  using GrpcAdapter::GrpcAdapter;

  grpc::Status OpenEscalation(grpc::ServerContext* context,
                              const pb::OpenEscalationRequest* request,
                              pb::Escalation* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
      const pb::Escalation& in = request->escalation();
      if (in.steps_size() != 1) {
        return InvalidField("escalation.steps", "ONE_FIRST_STEP",
                            absl::StrCat("must hold exactly one step, the first; got ",
                                         in.steps_size(), " (later steps: POST …/steps)"));
      }
      EscalationInput input;
      input.thuiszitter_case_id = in.thuiszitter();
      input.residence_municipality = in.residence_municipality();
      input.school = in.school();
      input.lvs_pupil_number = in.lvs_pupil_number();
      input.reason = in.reason();
      input.opened_on = in.opened_on();
      input.first_step = StepInputOf(in.steps(0));
      return Respond(service_->Open(caller, swv, std::move(input), request->request_id()), ToProto,
                     response);
    });
  }

  grpc::Status GetEscalation(grpc::ServerContext* context, const pb::GetEscalationRequest* request,
                             pb::Escalation* response) override {
    return ServeOnRecord(context, "name", request->name(), "escalations", service_,
                         &EscalationService::Get, ToProto, response);
  }

  grpc::Status ListEscalations(grpc::ServerContext* context,
                               const pb::ListEscalationsRequest* request,
                               pb::ListEscalationsResponse* response) override {
    return ServeList(context, *request, service_, &EscalationService::List, ToProto,
                     response->mutable_escalations(), response,
                     FromProtoEnum(request->status(), CaseStatusFromName));
  }

  grpc::Status AddEscalationStep(grpc::ServerContext* context,
                                 const pb::AddEscalationStepRequest* request,
                                 pb::Escalation* response) override {
    return ServeOnRecord(context, "name", request->name(), "escalations", service_,
                         &EscalationService::AddStep, ToProto, response,
                         StepInputOf(request->step()), request->expected_version());
  }

  grpc::Status DecideEscalationBinding(grpc::ServerContext* context,
                                       const pb::DecideEscalationBindingRequest* request,
                                       pb::Escalation* response) override {
    const pb::EscalationBindingDecision& in = request->binding_decision();
    BindingDecisionInput input{in.designated_party(), in.obliged_party(), in.obliged_school(),
                               in.decision(),         in.decided_on(),    in.place_by()};
    return ServeOnRecord(context, "name", request->name(), "escalations", service_,
                         &EscalationService::DecideBinding, ToProto, response, input,
                         request->expected_version());
  }

  grpc::Status CloseEscalation(grpc::ServerContext* context,
                               const pb::CloseEscalationRequest* request,
                               pb::Escalation* response) override {
    return ServeOnRecord(context, "name", request->name(), "escalations", service_,
                         &EscalationService::Close, ToProto, response, request->closed_on(),
                         request->reason(), request->expected_version());
  }

  grpc::Status ListEscalationHistory(grpc::ServerContext* context,
                                     const pb::ListRecordHistoryRequest* request,
                                     pb::ListThuiszitterHistoryResponse* response) override {
    return ServeHistory(context, *request, "escalations", service_, &EscalationService::escalations,
                        response);
  }
};

}  // namespace

std::unique_ptr<grpc::Service> NewGrpcEscalations(EscalationService* service) {
  return std::make_unique<GrpcEscalations>(service);
}

}  // namespace swv::registrations
