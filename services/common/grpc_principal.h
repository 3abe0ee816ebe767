// The caller of a gRPC call as a Principal (principal.h), read from the call metadata. This is all
// a gRPC adapter does about authorization; the rules are in the service layer (access_policy.h).
//
// A call without x-swv-principal is an anonymous staff principal (empty id): SWV tools on the
// trusted network; services refuse writes without an actor as before.
#ifndef SWV_SERVICES_COMMON_GRPC_PRINCIPAL_H_
#define SWV_SERVICES_COMMON_GRPC_PRINCIPAL_H_

#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"
#include "services/common/principal.h"

namespace swv {

// INVALID_ARGUMENT for malformed principal metadata (an unknown kind, a kind without a tenant).
absl::StatusOr<Principal> CallerOf(const grpc::ServerContext& context);

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_GRPC_PRINCIPAL_H_
