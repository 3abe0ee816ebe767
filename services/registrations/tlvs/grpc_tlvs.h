// The gRPC adapter of swv.v1.Tlvs (OPPs, TLVs, statistics): proto in, service call, proto out.
// No rules here. Thread-safety: safe for concurrent calls.
#ifndef SWV_SERVICES_REGISTRATIONS_TLVS_GRPC_TLVS_H_
#define SWV_SERVICES_REGISTRATIONS_TLVS_GRPC_TLVS_H_

#include "services/registrations/opps/opp_service.h"
#include "services/registrations/tlvs/tlv_service.h"
#include "swv/v1/tlv.grpc.pb.h"

namespace swv::registrations {

class GrpcTlvs final : public swv::v1::Tlvs::Service {
 public:
  // Neither service is owned; both must outlive this adapter.
  GrpcTlvs(OppService* opps, TlvService* tlvs) : opps_(opps), tlvs_(tlvs) {}

  grpc::Status CreateOpp(grpc::ServerContext* context, const swv::v1::CreateOppRequest* request,
                         swv::v1::Opp* response) override;
  grpc::Status GetOpp(grpc::ServerContext* context, const swv::v1::GetOppRequest* request,
                      swv::v1::Opp* response) override;
  grpc::Status ListOpps(grpc::ServerContext* context, const swv::v1::ListOppsRequest* request,
                        swv::v1::ListOppsResponse* response) override;
  grpc::Status UpdateOpp(grpc::ServerContext* context, const swv::v1::UpdateOppRequest* request,
                         swv::v1::Opp* response) override;
  grpc::Status ListOppVersions(grpc::ServerContext* context,
                               const swv::v1::ListOppVersionsRequest* request,
                               swv::v1::ListOppVersionsResponse* response) override;
  grpc::Status CreateTlv(grpc::ServerContext* context, const swv::v1::CreateTlvRequest* request,
                         swv::v1::Tlv* response) override;
  grpc::Status GetTlv(grpc::ServerContext* context, const swv::v1::GetTlvRequest* request,
                      swv::v1::Tlv* response) override;
  grpc::Status ListTlvs(grpc::ServerContext* context, const swv::v1::ListTlvsRequest* request,
                        swv::v1::ListTlvsResponse* response) override;
  grpc::Status CompleteTlv(grpc::ServerContext* context, const swv::v1::CompleteTlvRequest* request,
                           swv::v1::Tlv* response) override;
  grpc::Status ExtendTlv(grpc::ServerContext* context, const swv::v1::ExtendTlvRequest* request,
                         swv::v1::Tlv* response) override;
  grpc::Status DecideTlv(grpc::ServerContext* context, const swv::v1::DecideTlvRequest* request,
                         swv::v1::Tlv* response) override;
  grpc::Status RecordTlvObjection(grpc::ServerContext* context,
                                  const swv::v1::RecordTlvObjectionRequest* request,
                                  swv::v1::Tlv* response) override;
  grpc::Status RenewTlv(grpc::ServerContext* context, const swv::v1::RenewTlvRequest* request,
                        swv::v1::Tlv* response) override;
  grpc::Status ListTlvHistory(grpc::ServerContext* context,
                              const swv::v1::ListTlvHistoryRequest* request,
                              swv::v1::ListTlvHistoryResponse* response) override;
  grpc::Status GetTlvStatistics(grpc::ServerContext* context,
                                const swv::v1::GetTlvStatisticsRequest* request,
                                swv::v1::TlvStatistics* response) override;
  grpc::Status GetPlacementStatistics(grpc::ServerContext* context,
                                      const swv::v1::GetPlacementStatisticsRequest* request,
                                      swv::v1::PlacementStatistics* response) override;

 private:
  OppService* opps_;  // not owned
  TlvService* tlvs_;  // not owned
};

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_TLVS_GRPC_TLVS_H_
