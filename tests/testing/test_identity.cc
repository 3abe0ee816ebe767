#include "tests/testing/test_identity.h"

#include <stdlib.h>

#include <cstdio>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "services/common/principal_token.h"

namespace swv::testing {

const TestIdentity& Identity() {
  static const TestIdentity* identity = [] {
    std::string pattern = absl::StrCat(
        std::getenv("TMPDIR") != nullptr ? std::getenv("TMPDIR") : "/tmp", "/swv-identity.XXXXXX");
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    std::string command =
        absl::StrCat("bash '", SWV_SOURCE_DIR, "/tools/make-identity.sh' '", pattern, "'");
    if (std::system(command.c_str()) != 0) {
      std::fprintf(stderr, "test identity: %s failed\n", command.c_str());
      std::abort();
    }
    auto* made = new TestIdentity;
    made->dir = pattern;
    made->trusted_keys = absl::StrCat("gateway=", pattern, "/gateway.pub,service=", pattern,
                                      "/service.pub,staff=", pattern, "/staff.pub");
    made->gateway_key = pattern + "/gateway.key";
    made->service_key = pattern + "/service.key";
    made->staff_key = pattern + "/staff.key";
    made->tls_cert = pattern + "/tls.crt";
    made->tls_key = pattern + "/tls.key";
    made->tls_ca = pattern + "/ca.crt";
    return made;
  }();
  return *identity;
}

void TrustTestIdentity(ServerOptions* options, bool tls) {
  const TestIdentity& identity = Identity();
  options->trusted_keys = identity.trusted_keys;
  if (tls) {
    options->tls_cert = identity.tls_cert;
    options->tls_key = identity.tls_key;
    options->tls_ca = identity.tls_ca;
  }
}

ChannelFactory TestChannels(bool tls) {
  const TestIdentity& identity = Identity();
  std::vector<std::shared_ptr<const PrincipalSigner>> signers;
  for (const auto& [issuer, key] :
       {std::pair<const char*, std::string>{kIssuerGateway, identity.gateway_key},
        {kIssuerService, identity.service_key},
        {kIssuerStaff, identity.staff_key}}) {
    auto signer = PrincipalSigner::FromFile(issuer, key);
    if (!signer.ok()) std::abort();
    signers.push_back(*signer);
  }
  ServerOptions options;
  if (tls) TrustTestIdentity(&options, true);
  auto credentials = ChannelCredentialsFor(options);
  if (!credentials.ok()) std::abort();
  return ChannelFactory(*credentials, std::move(signers), Principal{});
}

std::shared_ptr<grpc::Channel> TestChannel(const std::string& target, bool tls) {
  return TestChannels(tls).Open(target);
}

}  // namespace swv::testing
