#include "services/common/grpc_channel.h"

#include <tuple>
#include <utility>

#include "services/common/file_text.h"
#include "services/common/grpc_principal.h"
#include "services/common/grpc_trace.h"
#include "services/kernel/status_macros.h"

namespace swv {
namespace {

bool HasTls(const ServerOptions& options) { return !options.tls_cert.empty(); }

struct TlsPems {
  std::string cert, key, ca;
};

absl::StatusOr<TlsPems> ReadTls(const ServerOptions& options) {
  TlsPems pems;
  for (auto [path, flag, out] : {std::make_tuple(&options.tls_cert, "--grpc-tls-cert", &pems.cert),
                                 std::make_tuple(&options.tls_key, "--grpc-tls-key", &pems.key),
                                 std::make_tuple(&options.tls_ca, "--grpc-tls-ca", &pems.ca)}) {
    SWV_ASSIGN_OR_RETURN(std::string pem, ReadFileOf(*path, flag));
    *out = std::move(pem);
  }
  return pems;
}

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFor(
    const ServerOptions& options) {
  if (!HasTls(options)) return grpc::InsecureServerCredentials();
  SWV_ASSIGN_OR_RETURN(TlsPems pems, ReadTls(options));
  grpc::SslServerCredentialsOptions ssl(GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  ssl.pem_root_certs = pems.ca;
  ssl.pem_key_cert_pairs.push_back({pems.key, pems.cert});
  return grpc::SslServerCredentials(ssl);
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ChannelCredentialsFor(
    const ServerOptions& options) {
  if (!HasTls(options)) return grpc::InsecureChannelCredentials();
  SWV_ASSIGN_OR_RETURN(TlsPems pems, ReadTls(options));
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = pems.ca;
  ssl.pem_private_key = pems.key;
  ssl.pem_cert_chain = pems.cert;
  return grpc::SslCredentials(ssl);
}

absl::StatusOr<ChannelFactory> ChannelFactory::FromOptions(const ServerOptions& options,
                                                           absl::string_view issuer,
                                                           Principal fallback) {
  if (options.signing_key.empty()) {
    return absl::InvalidArgumentError(
        "--signing-key (SWV_SIGNING_KEY) is required: this process calls other services and "
        "signs who is calling (tools/quickstart.sh makes throwaway keys)");
  }
  SWV_ASSIGN_OR_RETURN(std::shared_ptr<const PrincipalSigner> signer,
                       PrincipalSigner::FromFile(issuer, options.signing_key));
  SWV_ASSIGN_OR_RETURN(std::shared_ptr<grpc::ChannelCredentials> credentials,
                       ChannelCredentialsFor(options));
  return ChannelFactory(credentials, {signer}, std::move(fallback));
}

absl::StatusOr<ChannelFactory> ChannelFactory::ForService(const ServerOptions& options,
                                                          absl::string_view service_name,
                                                          bool migrate_only) {
  if (migrate_only) return ChannelFactory(grpc::InsecureChannelCredentials(), {}, Principal{});
  return FromOptions(options, kIssuerService, ServicePrincipal(service_name));
}

ChannelFactory::ChannelFactory(std::shared_ptr<grpc::ChannelCredentials> credentials,
                               std::vector<std::shared_ptr<const PrincipalSigner>> signers,
                               Principal fallback)
    : credentials_(std::move(credentials)),
      signers_(std::move(signers)),
      fallback_(std::move(fallback)) {}

std::shared_ptr<grpc::Channel> ChannelFactory::Open(const std::string& target,
                                                    const grpc::ChannelArguments& arguments) const {
  std::vector<std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(MakeTraceClientInterceptorFactory());
  interceptors.push_back(MakeSigningInterceptorFactory(signers_, fallback_));
  return grpc::experimental::CreateCustomChannelWithInterceptors(target, credentials_, arguments,
                                                                 std::move(interceptors));
}

}  // namespace swv
