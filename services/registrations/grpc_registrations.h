// The gRPC adapter of the registrations service: proto in, domain call, proto out. No rules here.
//
// The acting principal comes from the call metadata "x-swv-principal" (set by the gateway after
// authentication, or by swvctl's --actor for SWV staff calling gRPC directly).
//
// Uses the synchronous gRPC API on purpose: handlers block on the database, and the sync server
// runs them on its own thread pool rather than on the completion-queue threads.
//
// Thread-safety: safe for concurrent calls.
#ifndef SWV_SERVICES_REGISTRATIONS_GRPC_REGISTRATIONS_H_
#define SWV_SERVICES_REGISTRATIONS_GRPC_REGISTRATIONS_H_

#include "services/registrations/thuiszitter_service.h"
#include "swv/v1/registrations.grpc.pb.h"

namespace swv::registrations {

inline constexpr char kPrincipalMetadataKey[] = "x-swv-principal";

class GrpcRegistrations final : public swv::v1::Registrations::Service {
 public:
  // `service` is not owned and must outlive this adapter.
  explicit GrpcRegistrations(ThuiszitterService* service) : service_(service) {}

  grpc::Status ReportThuiszitter(grpc::ServerContext* context,
                                 const swv::v1::ReportThuiszitterRequest* request,
                                 swv::v1::ThuiszitterCase* response) override;
  grpc::Status GetThuiszitter(grpc::ServerContext* context,
                              const swv::v1::GetThuiszitterRequest* request,
                              swv::v1::ThuiszitterCase* response) override;
  grpc::Status ListThuiszitters(grpc::ServerContext* context,
                                const swv::v1::ListThuiszittersRequest* request,
                                swv::v1::ListThuiszittersResponse* response) override;
  grpc::Status CloseThuiszitter(grpc::ServerContext* context,
                                const swv::v1::CloseThuiszitterRequest* request,
                                swv::v1::ThuiszitterCase* response) override;
  grpc::Status ListThuiszitterHistory(grpc::ServerContext* context,
                                      const swv::v1::ListThuiszitterHistoryRequest* request,
                                      swv::v1::ListThuiszitterHistoryResponse* response) override;
  grpc::Status GetSwvSettings(grpc::ServerContext* context,
                              const swv::v1::GetSwvSettingsRequest* request,
                              swv::v1::SwvSettings* response) override;
  grpc::Status UpdateSwvSettings(grpc::ServerContext* context,
                                 const swv::v1::UpdateSwvSettingsRequest* request,
                                 swv::v1::SwvSettings* response) override;

 private:
  ThuiszitterService* service_;  // not owned
};

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_GRPC_REGISTRATIONS_H_
