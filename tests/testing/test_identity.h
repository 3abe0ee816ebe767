// A throwaway service identity for tests (tools/make-identity.sh, made once per test process in a
// temporary folder): token keys for every issuer and mutual-TLS files. Servers started by a test
// trust it (TrustTestIdentity); test clients dial through TestChannel, which signs whatever
// principal a call attaches (AttachPrincipal / the x-swv-principal* keys) for the RPC it calls.
#ifndef SWV_TESTS_TESTING_TEST_IDENTITY_H_
#define SWV_TESTS_TESTING_TEST_IDENTITY_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "services/common/grpc_channel.h"
#include "services/common/options.h"

namespace swv::testing {

struct TestIdentity {
  std::string dir;
  std::string trusted_keys;  // gateway=…,service=…,staff=…
  std::string gateway_key, service_key, staff_key;
  std::string tls_cert, tls_key, tls_ca;
};

// Made on first use; aborts the test process when openssl fails.
const TestIdentity& Identity();

// Sets options.trusted_keys; with `tls`, mutual TLS as well.
void TrustTestIdentity(ServerOptions* options, bool tls = false);

// Signs as gateway, service or staff as the attached principal needs; calls without one go out
// without a token (the service answers UNAUTHENTICATED). With `tls`, over mutual TLS.
ChannelFactory TestChannels(bool tls = false);
std::shared_ptr<grpc::Channel> TestChannel(const std::string& target, bool tls = false);

}  // namespace swv::testing

#endif  // SWV_TESTS_TESTING_TEST_IDENTITY_H_
