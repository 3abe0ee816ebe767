// How a process dials the other services of this system, and how its own gRPC port admits
// callers: mutual TLS when the options give a certificate, key and CA (options.h), and on every
// outgoing call the caller's principal as a signed token (grpc_principal.h).
//
// Thread-safe: a ChannelFactory is immutable; the channels it opens are gRPC's thread-safe
// channels.
#ifndef SWV_SERVICES_COMMON_GRPC_CHANNEL_H_
#define SWV_SERVICES_COMMON_GRPC_CHANNEL_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/common/options.h"
#include "services/common/principal.h"
#include "services/common/principal_token.h"

namespace swv {

// Mutual TLS from the options' files, or insecure credentials when none are given (loopback only:
// ValidateServerOptions refuses a wider address without TLS).
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFor(
    const ServerOptions& options);
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ChannelCredentialsFor(
    const ServerOptions& options);

class ChannelFactory {
 public:
  // Signs with options.signing_key as `issuer`; calls without an attached principal are made as
  // `fallback` (e.g. ServicePrincipal("swv-allocation")).
  static absl::StatusOr<ChannelFactory> FromOptions(const ServerOptions& options,
                                                    absl::string_view issuer, Principal fallback);

  // A service of this system calling another as itself (issuer "service"). A migration run
  // (`migrate_only`) calls nobody and needs no identity: insecure and unsigned.
  static absl::StatusOr<ChannelFactory> ForService(const ServerOptions& options,
                                                   absl::string_view service_name,
                                                   bool migrate_only);

  ChannelFactory(std::shared_ptr<grpc::ChannelCredentials> credentials,
                 std::vector<std::shared_ptr<const PrincipalSigner>> signers, Principal fallback);

  std::shared_ptr<grpc::Channel> Open(const std::string& target,
                                      const grpc::ChannelArguments& arguments = {}) const;

 private:
  std::shared_ptr<grpc::ChannelCredentials> credentials_;
  std::vector<std::shared_ptr<const PrincipalSigner>> signers_;
  Principal fallback_;
};

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_GRPC_CHANNEL_H_
