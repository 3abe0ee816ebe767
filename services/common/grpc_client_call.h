// One unary call from one of our services to another: the caller's service principal attached
// (grpc_principal.h), a deadline, and the reply's status mapped back with FromGrpcStatus (so a peer
// that is down gives UNAVAILABLE, and field violations and reasons survive the hop).
//
//   SWV_ASSIGN_OR_RETURN(pb::TlvStatistics reply,
//                        CallAsService(*stub_, &pb::Tlvs::Stub::GetTlvStatistics, request,
//                                      "swv-monitoring", deadline_));
//
// Thread-safety: as the stub (gRPC stubs are safe for concurrent calls).
#ifndef SWV_SERVICES_COMMON_GRPC_CLIENT_CALL_H_
#define SWV_SERVICES_COMMON_GRPC_CLIENT_CALL_H_

#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "services/common/grpc_principal.h"
#include "services/common/grpc_status.h"
#include "services/common/principal.h"

namespace swv {

template <typename Stub, typename Request, typename Response>
absl::StatusOr<Response> CallAsService(
    Stub& stub, grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
    const Request& request, absl::string_view caller, absl::Duration deadline) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + deadline));
  AttachPrincipal(ServicePrincipal(caller), &context);
  Response response;
  grpc::Status status = (stub.*method)(&context, request, &response);
  if (!status.ok()) return FromGrpcStatus(status);
  return response;
}

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_GRPC_CLIENT_CALL_H_
