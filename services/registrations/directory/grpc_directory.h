// The gRPC adapter of swv.v1.Directory: proto in, DirectoryService call, proto out. No rules here.
// Thread-safety: safe for concurrent calls.
#ifndef SWV_SERVICES_REGISTRATIONS_DIRECTORY_GRPC_DIRECTORY_H_
#define SWV_SERVICES_REGISTRATIONS_DIRECTORY_GRPC_DIRECTORY_H_

#include "services/registrations/directory/directory_service.h"
#include "swv/v1/directory.grpc.pb.h"

namespace swv::registrations {

class GrpcDirectory final : public swv::v1::Directory::Service {
 public:
  // `service` is not owned and must outlive this adapter.
  explicit GrpcDirectory(DirectoryService* service) : service_(service) {}

  grpc::Status BatchUpsertBoards(grpc::ServerContext* context,
                                 const swv::v1::BatchUpsertBoardsRequest* request,
                                 swv::v1::BatchUpsertResponse* response) override;
  grpc::Status ListBoards(grpc::ServerContext* context, const swv::v1::ListBoardsRequest* request,
                          swv::v1::ListBoardsResponse* response) override;
  grpc::Status BatchUpsertWijken(grpc::ServerContext* context,
                                 const swv::v1::BatchUpsertWijkenRequest* request,
                                 swv::v1::BatchUpsertResponse* response) override;
  grpc::Status ListWijken(grpc::ServerContext* context, const swv::v1::ListWijkenRequest* request,
                          swv::v1::ListWijkenResponse* response) override;
  grpc::Status BatchUpsertSchools(grpc::ServerContext* context,
                                  const swv::v1::BatchUpsertSchoolsRequest* request,
                                  swv::v1::BatchUpsertResponse* response) override;
  grpc::Status GetSchool(grpc::ServerContext* context, const swv::v1::GetSchoolRequest* request,
                         swv::v1::School* response) override;
  grpc::Status ListSchools(grpc::ServerContext* context, const swv::v1::ListSchoolsRequest* request,
                           swv::v1::ListSchoolsResponse* response) override;

 private:
  DirectoryService* service_;  // not owned
};

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_DIRECTORY_GRPC_DIRECTORY_H_
