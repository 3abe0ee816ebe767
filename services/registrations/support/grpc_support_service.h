// The gRPC adapter of swv.v1.Support (arrangements, OPDC placements): proto in, SupportService
// call, proto out. No rules here. The principal comes from "x-swv-principal" as for
// GrpcRegistrations. Thread-safe.
#ifndef SWV_SERVICES_REGISTRATIONS_SUPPORT_GRPC_SUPPORT_SERVICE_H_
#define SWV_SERVICES_REGISTRATIONS_SUPPORT_GRPC_SUPPORT_SERVICE_H_

#include "services/registrations/support/support_service.h"
#include "swv/v1/support.grpc.pb.h"

namespace swv::registrations {

class GrpcSupport final : public swv::v1::Support::Service {
 public:
  // `service` is not owned.
  explicit GrpcSupport(SupportService* service) : service_(service) {}

  grpc::Status CreateArrangement(grpc::ServerContext* context,
                                 const swv::v1::CreateArrangementRequest* request,
                                 swv::v1::Arrangement* response) override;
  grpc::Status GetArrangement(grpc::ServerContext* context,
                              const swv::v1::GetArrangementRequest* request,
                              swv::v1::Arrangement* response) override;
  grpc::Status ListArrangements(grpc::ServerContext* context,
                                const swv::v1::ListArrangementsRequest* request,
                                swv::v1::ListArrangementsResponse* response) override;
  grpc::Status DecideArrangement(grpc::ServerContext* context,
                                 const swv::v1::DecideArrangementRequest* request,
                                 swv::v1::Arrangement* response) override;
  grpc::Status ListArrangementHistory(grpc::ServerContext* context,
                                      const swv::v1::ListSupportHistoryRequest* request,
                                      swv::v1::ListThuiszitterHistoryResponse* response) override;
  grpc::Status CreateOpdcPlacement(grpc::ServerContext* context,
                                   const swv::v1::CreateOpdcPlacementRequest* request,
                                   swv::v1::OpdcPlacement* response) override;
  grpc::Status GetOpdcPlacement(grpc::ServerContext* context,
                                const swv::v1::GetOpdcPlacementRequest* request,
                                swv::v1::OpdcPlacement* response) override;
  grpc::Status ListOpdcPlacements(grpc::ServerContext* context,
                                  const swv::v1::ListOpdcPlacementsRequest* request,
                                  swv::v1::ListOpdcPlacementsResponse* response) override;
  grpc::Status ExtendOpdcPlacement(grpc::ServerContext* context,
                                   const swv::v1::ExtendOpdcPlacementRequest* request,
                                   swv::v1::OpdcPlacement* response) override;
  grpc::Status EndOpdcPlacement(grpc::ServerContext* context,
                                const swv::v1::EndOpdcPlacementRequest* request,
                                swv::v1::OpdcPlacement* response) override;
  grpc::Status ListOpdcPlacementHistory(grpc::ServerContext* context,
                                        const swv::v1::ListSupportHistoryRequest* request,
                                        swv::v1::ListThuiszitterHistoryResponse* response) override;
  grpc::Status GetSupportStatistics(grpc::ServerContext* context,
                                    const swv::v1::GetSupportStatisticsRequest* request,
                                    swv::v1::SupportStatistics* response) override;

 private:
  SupportService* service_;  // not owned
};

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_SUPPORT_GRPC_SUPPORT_SERVICE_H_
