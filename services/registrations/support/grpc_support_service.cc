#include "services/registrations/support/grpc_support_service.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/common/grpc_handler.h"
#include "services/common/grpc_principal.h"
#include "services/common/grpc_status.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/time_format.h"
#include "services/registrations/records/grpc_support.h"

namespace swv::registrations {
namespace {

namespace pb = ::swv::v1;
using grpc_support::ParseResourceName;
using grpc_support::SwvOfParent;

absl::optional<ArrangementTarget> TargetFromProto(pb::ArrangementTarget target) {
  switch (target) {
    case pb::ARRANGEMENT_TARGET_PUPIL:
      return ArrangementTarget::kPupil;
    case pb::ARRANGEMENT_TARGET_GROUP:
      return ArrangementTarget::kGroup;
    case pb::ARRANGEMENT_TARGET_TEACHER:
      return ArrangementTarget::kTeacher;
    case pb::ARRANGEMENT_TARGET_WIJK:
      return ArrangementTarget::kWijk;
    default:
      return absl::nullopt;
  }
}

pb::ArrangementTarget TargetToProto(ArrangementTarget target) {
  switch (target) {
    case ArrangementTarget::kPupil:
      return pb::ARRANGEMENT_TARGET_PUPIL;
    case ArrangementTarget::kGroup:
      return pb::ARRANGEMENT_TARGET_GROUP;
    case ArrangementTarget::kTeacher:
      return pb::ARRANGEMENT_TARGET_TEACHER;
    case ArrangementTarget::kWijk:
      return pb::ARRANGEMENT_TARGET_WIJK;
  }
  return pb::ARRANGEMENT_TARGET_UNSPECIFIED;
}

pb::ArrangementStatus StatusToProto(ArrangementStatus status) {
  switch (status) {
    case ArrangementStatus::kPending:
      return pb::ARRANGEMENT_STATUS_PENDING;
    case ArrangementStatus::kGranted:
      return pb::ARRANGEMENT_STATUS_GRANTED;
    case ArrangementStatus::kRefused:
      return pb::ARRANGEMENT_STATUS_REFUSED;
  }
  return pb::ARRANGEMENT_STATUS_UNSPECIFIED;
}

absl::optional<ArrangementStatus> StatusFromProto(pb::ArrangementStatus status) {
  switch (status) {
    case pb::ARRANGEMENT_STATUS_PENDING:
      return ArrangementStatus::kPending;
    case pb::ARRANGEMENT_STATUS_GRANTED:
      return ArrangementStatus::kGranted;
    case pb::ARRANGEMENT_STATUS_REFUSED:
      return ArrangementStatus::kRefused;
    default:
      return absl::nullopt;
  }
}

void ToProto(const ArrangementView& view, pb::Arrangement* out) {
  const ArrangementRecord& a = view.stored;
  const ValidArrangementApplication& app = a.application;
  out->set_name(absl::StrCat("swvs/", a.tenant, "/arrangements/", a.arrangement_id));
  out->set_target(TargetToProto(app.target));
  if (app.school) out->set_school(app.school->ToString());
  out->set_lvs_pupil_number(app.lvs_pupil_number);
  out->set_pupil_id(a.pupil_id);
  out->set_wijk(app.wijk);
  out->set_description(app.description);
  out->set_applied_on(FormatDate(app.applied_on));
  out->set_status(StatusToProto(a.status));
  out->set_decision_due(FormatDate(view.decision_due));
  out->set_overdue(view.overdue);
  if (a.decision) {
    out->set_decided_on(FormatDate(a.decision->decided_on));
    out->set_decided_late(view.decided_late);
    out->set_amount_cents(a.decision->amount_cents);
    if (a.decision->period) {
      out->set_period_start(FormatDate(a.decision->period->first));
      out->set_period_end(FormatDate(a.decision->period->last));
    }
    out->set_decision_note(a.decision->note);
  }
  out->set_version(a.version);
  out->set_create_time(Rfc3339(a.create_time));
  out->set_update_time(Rfc3339(a.update_time));
  out->set_created_by(a.created_by);
  out->set_updated_by(a.updated_by);
}

void ToProto(const OpdcPlacementRecord& p, pb::OpdcPlacement* out) {
  out->set_name(absl::StrCat("swvs/", p.tenant, "/opdcPlacements/", p.placement_id));
  out->set_school(p.placement.school.ToString());
  out->set_lvs_pupil_number(p.placement.lvs_pupil_number);
  out->set_pupil_id(p.pupil_id);
  out->set_opdc(p.placement.opdc.ToString());
  out->set_start_date(FormatDate(p.placement.start_date));
  out->set_planned_end(FormatDate(p.placement.planned_end));
  if (p.original_end) out->set_original_end(FormatDate(*p.original_end));
  out->set_extended(p.extended_on.has_value());
  if (p.extended_on) out->set_extended_on(FormatDate(*p.extended_on));
  out->set_extension_reason(p.extension_reason);
  out->set_status(p.ended ? pb::OPDC_PLACEMENT_STATUS_ENDED : pb::OPDC_PLACEMENT_STATUS_ACTIVE);
  if (p.ended_on) out->set_ended_on(FormatDate(*p.ended_on));
  out->set_end_reason(p.end_reason);
  out->set_version(p.version);
  out->set_create_time(Rfc3339(p.create_time));
  out->set_update_time(Rfc3339(p.update_time));
  out->set_created_by(p.created_by);
  out->set_updated_by(p.updated_by);
}

void ToProto(const std::vector<RecordChange>& changes,
             pb::ListThuiszitterHistoryResponse* response) {
  for (const RecordChange& change : changes) {
    pb::ThuiszitterChange* out = response->add_changes();
    out->set_version(change.version);
    out->set_action(change.action);
    out->set_actor(change.actor);
    out->set_time(Rfc3339(change.time));
    out->set_snapshot_json(change.snapshot_json);
  }
}

}  // namespace

grpc::Status GrpcSupport::CreateArrangement(grpc::ServerContext* context,
                                            const pb::CreateArrangementRequest* request,
                                            pb::Arrangement* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
    const pb::Arrangement& in = request->arrangement();
    ArrangementApplication input;
    input.target = TargetFromProto(in.target());
    input.school = in.school();
    input.lvs_pupil_number = in.lvs_pupil_number();
    input.wijk = in.wijk();
    input.description = in.description();
    input.applied_on = in.applied_on();
    SWV_ASSIGN_OR_RETURN(auto view,
                         service_->CreateArrangement(caller, swv, input, request->request_id()));
    ToProto(view, response);
    return absl::OkStatus();
  });
}

grpc::Status GrpcSupport::GetArrangement(grpc::ServerContext* context,
                                         const pb::GetArrangementRequest* request,
                                         pb::Arrangement* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "arrangements"));
    SWV_ASSIGN_OR_RETURN(auto view, service_->GetArrangement(caller, name.first, name.second));
    ToProto(view, response);
    return absl::OkStatus();
  });
}

grpc::Status GrpcSupport::ListArrangements(grpc::ServerContext* context,
                                           const pb::ListArrangementsRequest* request,
                                           pb::ListArrangementsResponse* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
    SWV_ASSIGN_OR_RETURN(auto listed, service_->ListArrangements(
                                          caller, swv, request->page_size(), request->page_token(),
                                          request->school(), StatusFromProto(request->status())));
    for (const ArrangementView& view : listed.records) ToProto(view, response->add_arrangements());
    response->set_next_page_token(listed.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status GrpcSupport::DecideArrangement(grpc::ServerContext* context,
                                            const pb::DecideArrangementRequest* request,
                                            pb::Arrangement* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "arrangements"));
    ArrangementDecisionInput input;
    if (request->outcome() == pb::ARRANGEMENT_OUTCOME_GRANTED) {
      input.outcome = ArrangementOutcome::kGranted;
    } else if (request->outcome() == pb::ARRANGEMENT_OUTCOME_REFUSED) {
      input.outcome = ArrangementOutcome::kRefused;
    }
    input.decided_on = request->decided_on();
    input.amount_cents = request->amount_cents();
    input.period_start = request->period_start();
    input.period_end = request->period_end();
    input.note = request->note();
    SWV_ASSIGN_OR_RETURN(auto view,
                         service_->DecideArrangement(caller, name.first, name.second, input,
                                                     request->expected_version()));
    ToProto(view, response);
    return absl::OkStatus();
  });
}

grpc::Status GrpcSupport::ListArrangementHistory(grpc::ServerContext* context,
                                                 const pb::ListSupportHistoryRequest* request,
                                                 pb::ListThuiszitterHistoryResponse* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "arrangements"));
    SWV_ASSIGN_OR_RETURN(auto changes,
                         service_->History(caller, name.first, kArrangementKind, name.second));
    ToProto(changes, response);
    return absl::OkStatus();
  });
}

grpc::Status GrpcSupport::CreateOpdcPlacement(grpc::ServerContext* context,
                                              const pb::CreateOpdcPlacementRequest* request,
                                              pb::OpdcPlacement* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
    const pb::OpdcPlacement& in = request->placement();
    OpdcPlacementInput input{in.school(), in.lvs_pupil_number(), in.opdc(), in.start_date(),
                             in.planned_end()};
    SWV_ASSIGN_OR_RETURN(auto stored,
                         service_->CreatePlacement(caller, swv, input, request->request_id()));
    ToProto(stored, response);
    return absl::OkStatus();
  });
}

grpc::Status GrpcSupport::GetOpdcPlacement(grpc::ServerContext* context,
                                           const pb::GetOpdcPlacementRequest* request,
                                           pb::OpdcPlacement* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "opdcPlacements"));
    SWV_ASSIGN_OR_RETURN(auto stored, service_->GetPlacement(caller, name.first, name.second));
    ToProto(stored, response);
    return absl::OkStatus();
  });
}

grpc::Status GrpcSupport::ListOpdcPlacements(grpc::ServerContext* context,
                                             const pb::ListOpdcPlacementsRequest* request,
                                             pb::ListOpdcPlacementsResponse* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
    absl::optional<bool> ended;
    if (request->status() == pb::OPDC_PLACEMENT_STATUS_ACTIVE) ended = false;
    if (request->status() == pb::OPDC_PLACEMENT_STATUS_ENDED) ended = true;
    SWV_ASSIGN_OR_RETURN(auto listed,
                         service_->ListPlacements(caller, swv, request->page_size(),
                                                  request->page_token(), request->school(), ended));
    for (const OpdcPlacementRecord& p : listed.records) ToProto(p, response->add_placements());
    response->set_next_page_token(listed.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status GrpcSupport::ExtendOpdcPlacement(grpc::ServerContext* context,
                                              const pb::ExtendOpdcPlacementRequest* request,
                                              pb::OpdcPlacement* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "opdcPlacements"));
    OpdcExtensionInput input{request->new_end(), request->extended_on(), request->reason()};
    SWV_ASSIGN_OR_RETURN(auto stored,
                         service_->ExtendPlacement(caller, name.first, name.second, input,
                                                   request->expected_version()));
    ToProto(stored, response);
    return absl::OkStatus();
  });
}

grpc::Status GrpcSupport::EndOpdcPlacement(grpc::ServerContext* context,
                                           const pb::EndOpdcPlacementRequest* request,
                                           pb::OpdcPlacement* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "opdcPlacements"));
    OpdcEndInput input{request->ended_on(), request->reason()};
    SWV_ASSIGN_OR_RETURN(auto stored, service_->EndPlacement(caller, name.first, name.second, input,
                                                             request->expected_version()));
    ToProto(stored, response);
    return absl::OkStatus();
  });
}

grpc::Status GrpcSupport::ListOpdcPlacementHistory(grpc::ServerContext* context,
                                                   const pb::ListSupportHistoryRequest* request,
                                                   pb::ListThuiszitterHistoryResponse* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "opdcPlacements"));
    SWV_ASSIGN_OR_RETURN(auto changes,
                         service_->History(caller, name.first, kOpdcPlacementKind, name.second));
    ToProto(changes, response);
    return absl::OkStatus();
  });
}

grpc::Status GrpcSupport::GetSupportStatistics(grpc::ServerContext* context,
                                               const pb::GetSupportStatisticsRequest* request,
                                               pb::SupportStatistics* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
    SWV_ASSIGN_OR_RETURN(auto result,
                         service_->Statistics(caller, swv, request->from(), request->to(),
                                              request->group_by() == pb::SUPPORT_GROUPING_SCHOOL));
    response->set_from(FormatDate(result.period.first));
    response->set_to(FormatDate(result.period.last));
    response->set_as_of(FormatDate(result.as_of));
    for (const auto& [key, stats] : result.groups) {
      pb::SupportCounts* out = response->add_groups();
      out->set_key(key);
      out->set_arrangements_applied(stats.applied_in_period);
      out->set_arrangements_decided(stats.decided_in_period);
      out->set_arrangements_decided_within_8_weeks(stats.decided_within_8_weeks);
      out->set_arrangements_granted(stats.granted_in_period);
      out->set_arrangements_refused(stats.refused_in_period);
      out->set_arrangements_granted_amount_cents(stats.granted_amount_cents);
      out->set_arrangements_pending_at_end(stats.pending_at_end);
      out->set_arrangements_overdue_at_end(stats.overdue_at_end);
      out->set_opdc_placements_started(stats.placements_started);
      out->set_opdc_placements_started_extended(stats.placements_started_extended);
      out->set_opdc_extension_share(ExtensionShare(stats));
      out->set_opdc_extensions_in_period(stats.extensions_in_period);
      out->set_opdc_placements_active_at_end(stats.placements_active_at_end);
    }
    return absl::OkStatus();
  });
}

}  // namespace swv::registrations
