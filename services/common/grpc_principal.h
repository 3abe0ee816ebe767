// The caller of a gRPC call as a Principal (principal.h), read from the call metadata and checked
// against the RPC's access declaration (access.h). This is all a gRPC adapter does about
// authorization; the record scope is applied in the service layer (access_policy.h).
//
// The RPC is known from the method the server matched: AccessCheckInterceptorFactory (installed
// by ServiceRuntime on every server) writes it into the call's metadata under kCalledMethodKey,
// replacing anything a client sent under that key. A call that did not pass the interceptor is
// refused.
//
// A call without x-swv-principal is an anonymous staff principal (empty id): SWV tools on the
// trusted network; services refuse writes without an actor as before.
#ifndef SWV_SERVICES_COMMON_GRPC_PRINCIPAL_H_
#define SWV_SERVICES_COMMON_GRPC_PRINCIPAL_H_

#include <grpcpp/grpcpp.h>
#include <grpcpp/support/server_interceptor.h>

#include <memory>

#include "absl/status/statusor.h"
#include "services/common/principal.h"

namespace swv {

inline constexpr char kCalledMethodKey[] = "x-swv-called-method";

// INVALID_ARGUMENT for malformed principal metadata (an unknown kind, a kind without a tenant);
// PERMISSION_DENIED when the principal's kind may not call this RPC.
absl::StatusOr<Principal> CallerOf(const grpc::ServerContext& context);

// Puts the principal into an outgoing call's metadata.
void AttachPrincipal(const Principal& principal, grpc::ClientContext* context);

// Records the matched method of every call for CallerOf.
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeAccessCheckInterceptorFactory();

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_GRPC_PRINCIPAL_H_
