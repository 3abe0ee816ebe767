// One gRPC handler written as its call and its mapping:
//
//   grpc::Status GrpcFoo::GetBar(grpc::ServerContext* context, const GetBarRequest* request,
//                                Bar* response) {
//     return ServeCall(context, [&](const Principal& caller) -> absl::Status {
//       SWV_ASSIGN_OR_RETURN(BarView view, service_->Get(caller, request->name()));
//       ToProto(view, response);
//       return absl::OkStatus();
//     });
//   }
//
// GrpcAdapter holds what every adapter over one application service has: the service pointer.
//
// ServeCall asks CallerOf for the verified caller (UNAUTHENTICATED without a valid principal
// token, PERMISSION_DENIED for a kind the RPC's declaration refuses), runs the body, and maps its
// status once (grpc_status.h). Thread-safe: a function template over its arguments.
#ifndef SWV_SERVICES_COMMON_GRPC_HANDLER_H_
#define SWV_SERVICES_COMMON_GRPC_HANDLER_H_

#include <grpcpp/grpcpp.h>

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/common/grpc_principal.h"
#include "services/common/grpc_status.h"
#include "services/common/principal.h"
#include "services/kernel/status_macros.h"

namespace swv {

// The base of an adapter that serves the generated `ProtoService` (swv::v1::Foo::Service) with one
// application service: proto in, `service_` call, proto out.
template <typename ProtoService, typename AppService>
class GrpcAdapter : public ProtoService {
 public:
  // `service` is not owned and must outlive the adapter.
  explicit GrpcAdapter(AppService* service) : service_(service) {}

 protected:
  AppService* const service_;  // not owned
};

template <typename Body>
grpc::Status ServeCall(const grpc::ServerContext* context, Body&& body) {
  absl::StatusOr<Principal> caller = CallerOf(*context);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return ToGrpcStatus(std::forward<Body>(body)(*caller));
}

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_GRPC_HANDLER_H_
