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

class GrpcTlvs final : public pb::Tlvs::Service {
 public:
  GrpcTlvs(OppService* opps, TlvService* tlvs, const OsoIntakeService* intake)
      : opps_(opps), tlvs_(tlvs), intake_(intake) {}

  grpc::Status CreateOpp(grpc::ServerContext* context, const pb::CreateOppRequest* request,
                         pb::Opp* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
      return Respond(
          opps_->Create(caller, swv, OppInputFromProto(request->opp()), request->request_id()),
          ToProto, response);
    });
  }

  grpc::Status GetOpp(grpc::ServerContext* context, const pb::GetOppRequest* request,
                      pb::Opp* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "opps"));
      return Respond(opps_->Get(caller, name.first, name.second), ToProto, response);
    });
  }

  grpc::Status ListOpps(grpc::ServerContext* context, const pb::ListOppsRequest* request,
                        pb::ListOppsResponse* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
      return RespondPage(
          opps_->List(caller, swv, request->page_size(), request->page_token(), request->school()),
          ToProto, response->mutable_opps(), response);
    });
  }

  grpc::Status UpdateOpp(grpc::ServerContext* context, const pb::UpdateOppRequest* request,
                         pb::Opp* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("opp.name", request->opp().name(), "opps"));
      return Respond(
          opps_->Update(caller, name.first, name.second, OppInputFromProto(request->opp()),
                        request->opp().version(), request->reason()),
          ToProto, response);
    });
  }

  grpc::Status ListOppVersions(grpc::ServerContext* context,
                               const pb::ListOppVersionsRequest* request,
                               pb::ListOppVersionsResponse* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "opps"));
      SWV_ASSIGN_OR_RETURN(std::vector<RecordChange> versions,
                           opps_->Versions(caller, name.first, name.second));
      for (const RecordChange& v : versions) {
        pb::OppVersion* out = response->add_versions();
        ChangeToProto(v, out);
        out->set_reason(v.reason);
      }
      return absl::OkStatus();
    });
  }

  grpc::Status CreateTlv(grpc::ServerContext* context, const pb::CreateTlvRequest* request,
                         pb::Tlv* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
      return Respond(tlvs_->Create(caller, swv, TlvApplicationFromProto(request->tlv()),
                                   request->request_id()),
                     ToProto, response);
    });
  }

  grpc::Status GetTlv(grpc::ServerContext* context, const pb::GetTlvRequest* request,
                      pb::Tlv* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "tlvs"));
      return Respond(tlvs_->Get(caller, name.first, name.second), ToProto, response);
    });
  }

  grpc::Status ListTlvs(grpc::ServerContext* context, const pb::ListTlvsRequest* request,
                        pb::ListTlvsResponse* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto list, ListQueryOf<TlvListRequest>(*request));
      list.status = FromProtoEnum(request->status(), TlvStatusFromName);
      list.overdue_only = request->overdue_only();
      return RespondPage(tlvs_->List(caller, list), ToProto, response->mutable_tlvs(), response);
    });
  }

  grpc::Status CompleteTlv(grpc::ServerContext* context, const pb::CompleteTlvRequest* request,
                           pb::Tlv* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "tlvs"));
      TlvCompleteInput input;
      input.completed_on = request->completed_on();
      input.parents_view_recorded_on = request->parents_view().recorded_on();
      input.parents_view_summary = request->parents_view().summary();
      return Respond(tlvs_->Complete(caller, name.first, name.second, request->opp(),
                                     std::move(input), request->expected_version()),
                     ToProto, response);
    });
  }

  grpc::Status ExtendTlv(grpc::ServerContext* context, const pb::ExtendTlvRequest* request,
                         pb::Tlv* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "tlvs"));
      return Respond(tlvs_->Extend(caller, name.first, name.second,
                                   TlvExtendInput{request->extended_on(), request->reason()},
                                   request->expected_version()),
                     ToProto, response);
    });
  }

  grpc::Status DecideTlv(grpc::ServerContext* context, const pb::DecideTlvRequest* request,
                         pb::Tlv* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "tlvs"));
      return Respond(tlvs_->Decide(caller, name.first, name.second, TlvDecisionFromProto(*request),
                                   request->expected_version()),
                     ToProto, response);
    });
  }

  grpc::Status RecordTlvObjection(grpc::ServerContext* context,
                                  const pb::RecordTlvObjectionRequest* request,
                                  pb::Tlv* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "tlvs"));
      return Respond(tlvs_->RecordObjection(caller, name.first, name.second,
                                            TlvObjectionInput{request->filed_on(), request->note()},
                                            request->expected_version()),
                     ToProto, response);
    });
  }

  grpc::Status RenewTlv(grpc::ServerContext* context, const pb::RenewTlvRequest* request,
                        pb::Tlv* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "tlvs"));
      TlvApplicationInput input;
      input.received_on = request->received_on();
      input.receiving_school = request->receiving_school();
      input.so_category = FromProtoEnum(request->so_category(), SoCategoryFromName);
      return Respond(tlvs_->Renew(caller, name.first, name.second, input, request->request_id()),
                     ToProto, response);
    });
  }

  grpc::Status ListTlvHistory(grpc::ServerContext* context,
                              const pb::ListTlvHistoryRequest* request,
                              pb::ListTlvHistoryResponse* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "tlvs"));
      return Respond(tlvs_->History(caller, name.first, name.second), ChangesToProto, response);
    });
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
                                 request->wijk()};
      return Respond(tlvs_->Statistics(caller, query), ToProto, response);
    });
  }

  grpc::Status GetPlacementStatistics(grpc::ServerContext* context,
                                      const pb::GetPlacementStatisticsRequest* request,
                                      pb::PlacementStatistics* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
      return Respond(tlvs_->PlacementStatisticsOf(caller, swv, request->from(), request->to()),
                     ToProto, response);
    });
  }

  grpc::Status ImportOsoDossier(grpc::ServerContext* context,
                                const pb::ImportOsoDossierRequest* request,
                                pb::OsoDossier* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
      return Respond(
          intake_->Import(caller, swv, OsoImportFromProto(*request), request->request_id()),
          ToProto, response);
    });
  }

  grpc::Status GetOsoDossier(grpc::ServerContext* context, const pb::GetOsoDossierRequest* request,
                             pb::OsoDossier* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "oso-dossiers"));
      return Respond(intake_->Get(caller, name.first, name.second), WithDocumentToProto, response);
    });
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
