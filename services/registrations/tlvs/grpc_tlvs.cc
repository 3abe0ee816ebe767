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
  GrpcTlvs(OppService* opps, TlvService* tlvs) : opps_(opps), tlvs_(tlvs) {}

  grpc::Status CreateOpp(grpc::ServerContext* context, const pb::CreateOppRequest* request,
                         pb::Opp* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
      SWV_ASSIGN_OR_RETURN(
          OppView view,
          opps_->Create(caller, swv, OppInputFromProto(request->opp()), request->request_id()));
      ToProto(view, response);
      return absl::OkStatus();
    });
  }

  grpc::Status GetOpp(grpc::ServerContext* context, const pb::GetOppRequest* request,
                      pb::Opp* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "opps"));
      SWV_ASSIGN_OR_RETURN(OppView view, opps_->Get(caller, name.first, name.second));
      ToProto(view, response);
      return absl::OkStatus();
    });
  }

  grpc::Status ListOpps(grpc::ServerContext* context, const pb::ListOppsRequest* request,
                        pb::ListOppsResponse* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
      SWV_ASSIGN_OR_RETURN(
          OppListResult result,
          opps_->List(caller, swv, request->page_size(), request->page_token(), request->school()));
      for (const OppView& view : result.opps) ToProto(view, response->add_opps());
      response->set_next_page_token(result.next_page_token);
      return absl::OkStatus();
    });
  }

  grpc::Status UpdateOpp(grpc::ServerContext* context, const pb::UpdateOppRequest* request,
                         pb::Opp* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("opp.name", request->opp().name(), "opps"));
      SWV_ASSIGN_OR_RETURN(
          OppView view,
          opps_->Update(caller, name.first, name.second, OppInputFromProto(request->opp()),
                        request->opp().version(), request->reason()));
      ToProto(view, response);
      return absl::OkStatus();
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
      SWV_ASSIGN_OR_RETURN(TlvView view,
                           tlvs_->Create(caller, swv, TlvApplicationFromProto(request->tlv()),
                                         request->request_id()));
      ToProto(view, response);
      return absl::OkStatus();
    });
  }

  grpc::Status GetTlv(grpc::ServerContext* context, const pb::GetTlvRequest* request,
                      pb::Tlv* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "tlvs"));
      SWV_ASSIGN_OR_RETURN(TlvView view, tlvs_->Get(caller, name.first, name.second));
      ToProto(view, response);
      return absl::OkStatus();
    });
  }

  grpc::Status ListTlvs(grpc::ServerContext* context, const pb::ListTlvsRequest* request,
                        pb::ListTlvsResponse* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto list, ListQueryOf<TlvListRequest>(*request));
      list.status = FromProtoEnum(request->status(), TlvStatusFromName);
      list.overdue_only = request->overdue_only();
      SWV_ASSIGN_OR_RETURN(TlvListResult result, tlvs_->List(caller, list));
      for (const TlvView& view : result.tlvs) ToProto(view, response->add_tlvs());
      response->set_next_page_token(result.next_page_token);
      return absl::OkStatus();
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
      SWV_ASSIGN_OR_RETURN(TlvView view,
                           tlvs_->Complete(caller, name.first, name.second, request->opp(),
                                           std::move(input), request->expected_version()));
      ToProto(view, response);
      return absl::OkStatus();
    });
  }

  grpc::Status ExtendTlv(grpc::ServerContext* context, const pb::ExtendTlvRequest* request,
                         pb::Tlv* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "tlvs"));
      SWV_ASSIGN_OR_RETURN(TlvView view,
                           tlvs_->Extend(caller, name.first, name.second,
                                         TlvExtendInput{request->extended_on(), request->reason()},
                                         request->expected_version()));
      ToProto(view, response);
      return absl::OkStatus();
    });
  }

  grpc::Status DecideTlv(grpc::ServerContext* context, const pb::DecideTlvRequest* request,
                         pb::Tlv* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "tlvs"));
      SWV_ASSIGN_OR_RETURN(
          TlvView view, tlvs_->Decide(caller, name.first, name.second,
                                      TlvDecisionFromProto(*request), request->expected_version()));
      ToProto(view, response);
      return absl::OkStatus();
    });
  }

  grpc::Status RecordTlvObjection(grpc::ServerContext* context,
                                  const pb::RecordTlvObjectionRequest* request,
                                  pb::Tlv* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "tlvs"));
      SWV_ASSIGN_OR_RETURN(
          TlvView view,
          tlvs_->RecordObjection(caller, name.first, name.second,
                                 TlvObjectionInput{request->filed_on(), request->note()},
                                 request->expected_version()));
      ToProto(view, response);
      return absl::OkStatus();
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
      SWV_ASSIGN_OR_RETURN(TlvView view, tlvs_->Renew(caller, name.first, name.second, input,
                                                      request->request_id()));
      ToProto(view, response);
      return absl::OkStatus();
    });
  }

  grpc::Status ListTlvHistory(grpc::ServerContext* context,
                              const pb::ListTlvHistoryRequest* request,
                              pb::ListTlvHistoryResponse* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "tlvs"));
      SWV_ASSIGN_OR_RETURN(std::vector<RecordChange> changes,
                           tlvs_->History(caller, name.first, name.second));
      ChangesToProto(changes, response);
      return absl::OkStatus();
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
      SWV_ASSIGN_OR_RETURN(TlvStatisticsResult result, tlvs_->Statistics(caller, query));
      ToProto(result, response);
      return absl::OkStatus();
    });
  }

  grpc::Status GetPlacementStatistics(grpc::ServerContext* context,
                                      const pb::GetPlacementStatisticsRequest* request,
                                      pb::PlacementStatistics* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
      SWV_ASSIGN_OR_RETURN(
          PlacementStatisticsResult result,
          tlvs_->PlacementStatisticsOf(caller, swv, request->from(), request->to()));
      ToProto(result, response);
      return absl::OkStatus();
    });
  }

 private:
  OppService* opps_;  // not owned
  TlvService* tlvs_;  // not owned
};

}  // namespace

std::unique_ptr<grpc::Service> NewGrpcTlvs(OppService* opps, TlvService* tlvs) {
  return std::make_unique<GrpcTlvs>(opps, tlvs);
}

}  // namespace swv::registrations
