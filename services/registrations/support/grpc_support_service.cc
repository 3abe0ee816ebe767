#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/common/grpc_handler.h"
#include "services/common/grpc_principal.h"
#include "services/common/grpc_status.h"
#include "services/common/proto_enum.h"
#include "services/common/tenant_names.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/time_format.h"
#include "services/registrations/grpc_adapters.h"
#include "services/registrations/records/grpc_support.h"
#include "services/registrations/support/support_proto_mapping.h"
#include "swv/v1/support.grpc.pb.h"

namespace swv::registrations {
namespace {

namespace pb = ::swv::v1;
// The mappings of profiles, waiting entries and statistics (support_proto_mapping.h) beside the
// ones below.
using ::swv::registrations::ToProto;

void ToProto(const ArrangementView& view, pb::Arrangement* out) {
  const ArrangementRecord& a = view.stored;
  const ValidArrangementApplication& app = a.application;
  out->set_name(absl::StrCat("swvs/", a.tenant, "/arrangements/", a.arrangement_id));
  out->set_target(ProtoEnumOf<pb::ArrangementTarget>(ArrangementTargetName(app.target)));
  if (app.school) out->set_school(app.school->ToString());
  out->set_lvs_pupil_number(app.lvs_pupil_number);
  out->set_pupil_id(a.pupil_id);
  out->set_wijk(app.wijk);
  out->set_description(app.description);
  out->set_applied_on(FormatDate(app.applied_on));
  out->set_status(ProtoEnumOf<pb::ArrangementStatus>(ArrangementStatusName(a.status)));
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
  AuditToProto(a, out);
}

void ToProto(const OpdcPlacementRecord& p, pb::OpdcPlacement* out) {
  out->set_name(absl::StrCat("swvs/", p.tenant, "/opdc-placements/", p.placement_id));
  out->set_school(p.placement.school.ToString());
  out->set_lvs_pupil_number(p.placement.lvs_pupil_number);
  out->set_pupil_id(p.pupil_id);
  out->set_opdc(p.placement.opdc.ToString());
  out->set_start_date(FormatDate(p.placement.start_date));
  out->set_planned_end(FormatDate(p.placement.planned_end));
  out->set_original_end(DateOrEmpty(p.original_end));
  out->set_extended(p.extended_on.has_value());
  out->set_extended_on(DateOrEmpty(p.extended_on));
  out->set_extension_reason(p.extension_reason);
  out->set_status(p.ended ? pb::OPDC_PLACEMENT_STATUS_ENDED : pb::OPDC_PLACEMENT_STATUS_ACTIVE);
  out->set_ended_on(DateOrEmpty(p.ended_on));
  out->set_end_reason(p.end_reason);
  AuditToProto(p, out);
}

ArrangementApplication ApplicationOf(const pb::Arrangement& in) {
  ArrangementApplication input;
  input.target = FromProtoEnum(in.target(), ArrangementTargetFromName);
  input.school = in.school();
  input.lvs_pupil_number = in.lvs_pupil_number();
  input.wijk = in.wijk();
  input.description = in.description();
  input.applied_on = in.applied_on();
  return input;
}

ArrangementDecisionInput DecisionOf(const pb::DecideArrangementRequest& request) {
  ArrangementDecisionInput input;
  if (request.outcome() == pb::ARRANGEMENT_OUTCOME_GRANTED) {
    input.outcome = ArrangementOutcome::kGranted;
  } else if (request.outcome() == pb::ARRANGEMENT_OUTCOME_REFUSED) {
    input.outcome = ArrangementOutcome::kRefused;
  }
  input.decided_on = request.decided_on();
  input.amount_cents = request.amount_cents();
  input.period_start = request.period_start();
  input.period_end = request.period_end();
  input.note = request.note();
  return input;
}

// The `ended` filter of a list by its proto status filter (`open` or `ended`); none for any other,
// UNSPECIFIED among them.
template <typename ProtoStatus>
absl::optional<bool> EndedFilter(ProtoStatus status, ProtoStatus open, ProtoStatus ended) {
  if (status == open) return false;
  if (status == ended) return true;
  return absl::nullopt;
}

class GrpcSupport final : public GrpcAdapter<pb::Support::Service, SupportService> {
 public:
  using GrpcAdapter::GrpcAdapter;

  grpc::Status CreateArrangement(grpc::ServerContext* context,
                                 const pb::CreateArrangementRequest* request,
                                 pb::Arrangement* response) override {
    return ServeOnParent(context, request->parent(), service_, &SupportService::CreateArrangement,
                         ToProto, response, ApplicationOf(request->arrangement()),
                         request->request_id());
  }

  grpc::Status GetArrangement(grpc::ServerContext* context,
                              const pb::GetArrangementRequest* request,
                              pb::Arrangement* response) override {
    return ServeOnRecord(context, "name", request->name(), "arrangements", service_,
                         &SupportService::GetArrangement, ToProto, response);
  }

  grpc::Status ListArrangements(grpc::ServerContext* context,
                                const pb::ListArrangementsRequest* request,
                                pb::ListArrangementsResponse* response) override {
    return ServeList(context, *request, service_, &SupportService::ListArrangements, ToProto,
                     response->mutable_arrangements(), response, request->school(),
                     FromProtoEnum(request->status(), ArrangementStatusFromName));
  }

  grpc::Status DecideArrangement(grpc::ServerContext* context,
                                 const pb::DecideArrangementRequest* request,
                                 pb::Arrangement* response) override {
    return ServeOnRecord(context, "name", request->name(), "arrangements", service_,
                         &SupportService::DecideArrangement, ToProto, response,
                         DecisionOf(*request), request->expected_version());
  }

  grpc::Status ListArrangementHistory(grpc::ServerContext* context,
                                      const pb::ListSupportHistoryRequest* request,
                                      pb::ListThuiszitterHistoryResponse* response) override {
    return ServeHistory(context, *request, "arrangements", service_, &SupportService::arrangements,
                        response);
  }

  grpc::Status CreateOpdcPlacement(grpc::ServerContext* context,
                                   const pb::CreateOpdcPlacementRequest* request,
                                   pb::OpdcPlacement* response) override {
    const pb::OpdcPlacement& in = request->placement();
    return ServeOnParent(context, request->parent(), service_, &SupportService::CreatePlacement,
                         ToProto, response,
                         OpdcPlacementInput{in.school(), in.lvs_pupil_number(), in.opdc(),
                                            in.start_date(), in.planned_end()},
                         request->request_id());
  }

  grpc::Status GetOpdcPlacement(grpc::ServerContext* context,
                                const pb::GetOpdcPlacementRequest* request,
                                pb::OpdcPlacement* response) override {
    return ServeRead(context, *request, "opdc-placements", service_, &SupportService::placements,
                     ToProto, response);
  }

  grpc::Status ListOpdcPlacements(grpc::ServerContext* context,
                                  const pb::ListOpdcPlacementsRequest* request,
                                  pb::ListOpdcPlacementsResponse* response) override {
    return ServeList(context, *request, service_, &SupportService::ListPlacements, ToProto,
                     response->mutable_placements(), response, request->school(),
                     EndedFilter(request->status(), pb::OPDC_PLACEMENT_STATUS_ACTIVE,
                                 pb::OPDC_PLACEMENT_STATUS_ENDED));
  }

  grpc::Status ExtendOpdcPlacement(grpc::ServerContext* context,
                                   const pb::ExtendOpdcPlacementRequest* request,
                                   pb::OpdcPlacement* response) override {
    return ServeOnRecord(
        context, "name", request->name(), "opdc-placements", service_,
        &SupportService::ExtendPlacement, ToProto, response,
        OpdcExtensionInput{request->new_end(), request->extended_on(), request->reason()},
        request->expected_version());
  }

  grpc::Status EndOpdcPlacement(grpc::ServerContext* context,
                                const pb::EndOpdcPlacementRequest* request,
                                pb::OpdcPlacement* response) override {
    return ServeOnRecord(context, "name", request->name(), "opdc-placements", service_,
                         &SupportService::EndPlacement, ToProto, response,
                         OpdcEndInput{request->ended_on(), request->reason()},
                         request->expected_version());
  }

  grpc::Status ListOpdcPlacementHistory(grpc::ServerContext* context,
                                        const pb::ListSupportHistoryRequest* request,
                                        pb::ListThuiszitterHistoryResponse* response) override {
    return ServeHistory(context, *request, "opdc-placements", service_, &SupportService::placements,
                        response);
  }

  grpc::Status CreateSchoolProfile(grpc::ServerContext* context,
                                   const pb::CreateSchoolProfileRequest* request,
                                   pb::SchoolProfile* response) override {
    return ServeOnParent(context, request->parent(), service_, &SupportService::CreateProfile,
                         ToProto, response, ProfileInputOf(request->profile()),
                         request->request_id());
  }

  grpc::Status GetSchoolProfile(grpc::ServerContext* context,
                                const pb::GetSchoolProfileRequest* request,
                                pb::SchoolProfile* response) override {
    return ServeOnRecord(context, "name", request->name(), "school-profiles", service_,
                         &SupportService::GetProfile, ToProto, response);
  }

  grpc::Status ListSchoolProfiles(grpc::ServerContext* context,
                                  const pb::ListSchoolProfilesRequest* request,
                                  pb::ListSchoolProfilesResponse* response) override {
    return ServeList(context, *request, service_, &SupportService::ListProfiles, ToProto,
                     response->mutable_profiles(), response, request->school(),
                     request->school_year());
  }

  grpc::Status UpdateSchoolProfile(grpc::ServerContext* context,
                                   const pb::UpdateSchoolProfileRequest* request,
                                   pb::SchoolProfile* response) override {
    return ServeOnRecord(context, "name", request->name(), "school-profiles", service_,
                         &SupportService::UpdateProfile, ToProto, response,
                         ProfileInputOf(request->profile()), request->expected_version());
  }

  grpc::Status ListSchoolProfileHistory(grpc::ServerContext* context,
                                        const pb::ListSupportHistoryRequest* request,
                                        pb::ListThuiszitterHistoryResponse* response) override {
    return ServeHistory(context, *request, "school-profiles", service_, &SupportService::profiles,
                        response);
  }

  grpc::Status GetWijkSupportOverview(grpc::ServerContext* context,
                                      const pb::GetWijkSupportOverviewRequest* request,
                                      pb::WijkSupportOverview* response) override {
    return ServeOnParent(context, request->parent(), service_, &SupportService::WijkOverview,
                         ToProto, response, request->school_year());
  }

  grpc::Status CreateWaitingEntry(grpc::ServerContext* context,
                                  const pb::CreateWaitingEntryRequest* request,
                                  pb::WaitingEntry* response) override {
    return ServeOnParent(context, request->parent(), service_, &SupportService::CreateWaitingEntry,
                         ToProto, response, WaitingInputOf(request->waiting_entry()),
                         request->request_id());
  }

  grpc::Status GetWaitingEntry(grpc::ServerContext* context,
                               const pb::GetWaitingEntryRequest* request,
                               pb::WaitingEntry* response) override {
    return ServeOnRecord(context, "name", request->name(), "waiting-entries", service_,
                         &SupportService::GetWaitingEntry, ToProto, response);
  }

  grpc::Status ListWaitingEntries(grpc::ServerContext* context,
                                  const pb::ListWaitingEntriesRequest* request,
                                  pb::ListWaitingEntriesResponse* response) override {
    return ServeList(
        context, *request, service_, &SupportService::ListWaitingEntries, ToProto,
        response->mutable_entries(), response, request->school(),
        EndedFilter(request->status(), pb::WAITING_STATUS_WAITING, pb::WAITING_STATUS_ENDED));
  }

  grpc::Status EndWaitingEntry(grpc::ServerContext* context,
                               const pb::EndWaitingEntryRequest* request,
                               pb::WaitingEntry* response) override {
    return ServeOnRecord(context, "name", request->name(), "waiting-entries", service_,
                         &SupportService::EndWaitingEntry, ToProto, response,
                         WaitingEndOf(*request), request->expected_version());
  }

  grpc::Status ListWaitingEntryHistory(grpc::ServerContext* context,
                                       const pb::ListSupportHistoryRequest* request,
                                       pb::ListThuiszitterHistoryResponse* response) override {
    return ServeHistory(context, *request, "waiting-entries", service_, &SupportService::waiting,
                        response);
  }

  grpc::Status GetSupportStatistics(grpc::ServerContext* context,
                                    const pb::GetSupportStatisticsRequest* request,
                                    pb::SupportStatistics* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
      SWV_ASSIGN_OR_RETURN(
          auto result, service_->Statistics(caller, swv, request->from(), request->to(),
                                            request->group_by() == pb::SUPPORT_GROUPING_SCHOOL));
      PeriodToProto(result.period, response);
      response->set_as_of(FormatDate(result.as_of));
      for (const auto& [key, stats] : result.groups) {
        pb::SupportCounts* out = response->add_groups();
        ToProto(stats, out);
        out->set_key(key);
      }
      return absl::OkStatus();
    });
  }
};

}  // namespace

std::unique_ptr<grpc::Service> NewGrpcSupport(SupportService* service) {
  return std::make_unique<GrpcSupport>(service);
}

}  // namespace swv::registrations
