#include <memory>
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
#include "services/registrations/grpc_adapters.h"
#include "services/registrations/records/grpc_support.h"
#include "services/registrations/tlvs/tlv_proto_mapping.h"
#include "swv/v1/tlv.grpc.pb.h"

namespace swv::registrations {
namespace {

namespace pb = ::swv::v1;

// An OPP's versions, oldest first, each with the reason it was made.
void VersionsToProto(const std::vector<RecordChange>& versions,
                     pb::ListOppVersionsResponse* response) {
  for (const RecordChange& v : versions) {
    pb::OppVersion* out = response->add_versions();
    ChangeToProto(v, out);
    out->set_reason(v.reason);
  }
}

class GrpcTlvs final : public pb::Tlvs::Service {
 public:
  GrpcTlvs(OppService* opps, TlvService* tlvs, const OsoIntakeService* intake)
      : opps_(opps), tlvs_(tlvs), intake_(intake) {}

  grpc::Status CreateOpp(grpc::ServerContext* context, const pb::CreateOppRequest* request,
                         pb::Opp* response) override {
    return ServeOnParent(context, request->parent(), opps_, &OppService::Create,
                         registrations::ToProto, response, OppInputFromProto(request->opp()),
                         request->request_id());
  }

  grpc::Status GetOpp(grpc::ServerContext* context, const pb::GetOppRequest* request,
                      pb::Opp* response) override {
    return ServeOnRecord(context, "name", request->name(), "opps", opps_, &OppService::Get,
                         registrations::ToProto, response);
  }

  grpc::Status ListOpps(grpc::ServerContext* context, const pb::ListOppsRequest* request,
                        pb::ListOppsResponse* response) override {
    return ServeList(context, *request, opps_, &OppService::List, registrations::ToProto,
                     response->mutable_opps(), response, request->school());
  }

  grpc::Status UpdateOpp(grpc::ServerContext* context, const pb::UpdateOppRequest* request,
                         pb::Opp* response) override {
    const pb::Opp& in = request->opp();
    return ServeOnRecord(context, "opp.name", in.name(), "opps", opps_, &OppService::Update,
                         registrations::ToProto, response, OppInputFromProto(in), in.version(),
                         request->reason());
  }

  grpc::Status ListOppVersions(grpc::ServerContext* context,
                               const pb::ListOppVersionsRequest* request,
                               pb::ListOppVersionsResponse* response) override {
    return ServeOnRecord(context, "name", request->name(), "opps", opps_, &OppService::Versions,
                         VersionsToProto, response);
  }

  grpc::Status CreateTlv(grpc::ServerContext* context, const pb::CreateTlvRequest* request,
                         pb::Tlv* response) override {
    return ServeOnParent(context, request->parent(), tlvs_, &TlvService::Create,
                         registrations::ToProto, response, TlvApplicationFromProto(request->tlv()),
                         request->request_id());
  }

  grpc::Status GetTlv(grpc::ServerContext* context, const pb::GetTlvRequest* request,
                      pb::Tlv* response) override {
    return ServeOnRecord(context, "name", request->name(), "tlvs", tlvs_, &TlvService::Get,
                         registrations::ToProto, response);
  }

  grpc::Status ListTlvs(grpc::ServerContext* context, const pb::ListTlvsRequest* request,
                        pb::ListTlvsResponse* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto list, ListQueryOf<TlvListRequest>(*request));
      list.status = FromProtoEnum(request->status(), TlvStatusFromName);
      list.overdue_only = request->overdue_only();
      return RespondPage(tlvs_->List(caller, list), registrations::ToProto,
                         response->mutable_tlvs(), response);
    });
  }

  grpc::Status CompleteTlv(grpc::ServerContext* context, const pb::CompleteTlvRequest* request,
                           pb::Tlv* response) override {
    TlvCompleteInput input;
    input.completed_on = request->completed_on();
    input.parents_view_recorded_on = request->parents_view().recorded_on();
    input.parents_view_summary = request->parents_view().summary();
    return ServeOnRecord(context, "name", request->name(), "tlvs", tlvs_, &TlvService::Complete,
                         registrations::ToProto, response, request->opp(), std::move(input),
                         request->expected_version());
  }

  grpc::Status ExtendTlv(grpc::ServerContext* context, const pb::ExtendTlvRequest* request,
                         pb::Tlv* response) override {
    return ServeOnRecord(context, "name", request->name(), "tlvs", tlvs_, &TlvService::Extend,
                         registrations::ToProto, response,
                         TlvExtendInput{request->extended_on(), request->reason()},
                         request->expected_version());
  }

  grpc::Status DecideTlv(grpc::ServerContext* context, const pb::DecideTlvRequest* request,
                         pb::Tlv* response) override {
    return ServeOnRecord(context, "name", request->name(), "tlvs", tlvs_, &TlvService::Decide,
                         registrations::ToProto, response, TlvDecisionFromProto(*request),
                         request->expected_version());
  }

  grpc::Status RecordTlvObjection(grpc::ServerContext* context,
                                  const pb::RecordTlvObjectionRequest* request,
                                  pb::Tlv* response) override {
    return ServeOnRecord(context, "name", request->name(), "tlvs", tlvs_,
                         &TlvService::RecordObjection, registrations::ToProto, response,
                         TlvObjectionInput{request->filed_on(), request->note()},
                         request->expected_version());
  }

  grpc::Status RenewTlv(grpc::ServerContext* context, const pb::RenewTlvRequest* request,
                        pb::Tlv* response) override {
    TlvApplicationInput input;
    input.received_on = request->received_on();
    input.receiving_school = request->receiving_school();
    input.so_category = FromProtoEnum(request->so_category(), SoCategoryFromName);
    return ServeOnRecord(context, "name", request->name(), "tlvs", tlvs_, &TlvService::Renew,
                         registrations::ToProto, response, input, request->request_id());
  }

  grpc::Status ListTlvHistory(grpc::ServerContext* context,
                              const pb::ListTlvHistoryRequest* request,
                              pb::ListTlvHistoryResponse* response) override {
    return ServeOnRecord(context, "name", request->name(), "tlvs", tlvs_, &TlvService::History,
                         ChangesToProto, response);
  }

  grpc::Status GetTlvStatistics(grpc::ServerContext* context,
                                const pb::GetTlvStatisticsRequest* request,
                                pb::TlvStatistics* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
      TlvStatisticsRequest query{swv,
                                 request->from(),
                                 request->to(),
                                 request->board(),
                                 request->school(),
                                 request->wijk(),
                                 GroupingOf(request->group_by())};
      return Respond(tlvs_->Statistics(caller, query), registrations::ToProto, response);
    });
  }

  grpc::Status GetPlacementStatistics(grpc::ServerContext* context,
                                      const pb::GetPlacementStatisticsRequest* request,
                                      pb::PlacementStatistics* response) override {
    return ServeOnParent(context, request->parent(), tlvs_, &TlvService::PlacementStatisticsOf,
                         registrations::ToProto, response, request->from(), request->to());
  }

  grpc::Status ImportOsoDossier(grpc::ServerContext* context,
                                const pb::ImportOsoDossierRequest* request,
                                pb::OsoDossier* response) override {
    return ServeOnParent(context, request->parent(), intake_, &OsoIntakeService::Import,
                         registrations::ToProto, response, OsoImportFromProto(*request),
                         request->request_id());
  }

  grpc::Status GetOsoDossier(grpc::ServerContext* context, const pb::GetOsoDossierRequest* request,
                             pb::OsoDossier* response) override {
    return ServeOnRecord(context, "name", request->name(), "oso-dossiers", intake_,
                         &OsoIntakeService::Get, WithDocumentToProto, response);
  }

 private:
  OppService* opps_;                // not owned
  TlvService* tlvs_;                // not owned
  const OsoIntakeService* intake_;  // not owned
};

}  // namespace

std::unique_ptr<grpc::Service> NewGrpcTlvs(OppService* opps, TlvService* tlvs,
                                           const OsoIntakeService* intake) {
  return std::make_unique<GrpcTlvs>(opps, tlvs, intake);
}

}  // namespace swv::registrations
