// Who is calling, over gRPC. Server side: every call's principal token (principal_token.h) is
// verified before a handler runs, and CallerOf gives the handler the verified Principal after
// checking the RPC's access declaration (access.h). Client side: a channel that turns the
// principal a caller attached (AttachPrincipal) into a token signed for the RPC being called.
//
// AccessCheckInterceptor (installed by ServiceRuntime on every server) removes whatever the client
// sent under the principal keys, verifies the token for the method the server matched, and writes
// the verified principal and the method back under those keys for CallerOf. A call without a
// valid token reaches CallerOf as UNAUTHENTICATED; a handler that does not ask CallerOf is a bug
// the access test finds.
//
// Thread-safe: the interceptor factories and their keys are immutable.
#ifndef SWV_SERVICES_COMMON_GRPC_PRINCIPAL_H_
#define SWV_SERVICES_COMMON_GRPC_PRINCIPAL_H_

#include <grpcpp/grpcpp.h>
#include <grpcpp/support/client_interceptor.h>
#include <grpcpp/support/server_interceptor.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/common/principal.h"
#include "services/common/principal_token.h"

namespace swv {

inline constexpr char kCalledMethodKey[] = "x-swv-called-method";
inline constexpr char kCallerErrorKey[] = "x-swv-caller-error";

// UNAUTHENTICATED without a valid principal token; PERMISSION_DENIED when the principal's kind
// may not call this RPC.
absl::StatusOr<Principal> CallerOf(const grpc::ServerContext& context);

// Verifies tokens with `verifier` (null: every call is UNAUTHENTICATED).
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeAccessCheckInterceptorFactory(std::shared_ptr<const PrincipalVerifier> verifier);

// Puts the principal into an outgoing call's metadata, unsigned: a signing channel (below) turns
// it into a token; any other channel sends it to be ignored.
void AttachPrincipal(const Principal& principal, grpc::ClientContext* context);

// Client side: signs each call's principal for the method called, with the first signer whose
// issuer may vouch for its kind. A call with no principal attached is made as `fallback` (with
// an empty id: without a token).
std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>
MakeSigningInterceptorFactory(std::vector<std::shared_ptr<const PrincipalSigner>> signers,
                              Principal fallback);

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_GRPC_PRINCIPAL_H_
