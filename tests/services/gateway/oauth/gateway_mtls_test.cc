// Mutual-TLS client authentication over a real TLS listener (RFC 8705): a machine client with
// its registered certificate gets a token bound to it and calls the API; the same token over a
// connection without that certificate is refused. Clients without a certificate still connect.
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"
#include "services/gateway/http_adapter.h"
#include "services/gateway/oauth/authorization_server.h"
#include "tests/services/gateway/gateway_core_fixture.h"
#include "tests/services/gateway/oauth/test_issuer.h"

namespace swv::gateway::testing {
namespace {

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
}

class GatewayMutualTlsTest : public GatewayCoreTest {
 protected:
  void SetUp() override {
    GatewayCoreTest::SetUp();
    GatewayOptions options;
    options.oauth.issuer = "https://127.0.0.1";
    options.oauth.audience = "https://127.0.0.1/api/v1";
    options.oauth.signing_key = signing_.key();
    MakeCore(options);
    dir_ = ::testing::TempDir() + "swv-gateway-mtls-" + RandomId("");
    std::filesystem::create_directories(dir_);
    WriteFile(dir_ + "/server.pem", server_.Certificate("127.0.0.1"));
    WriteFile(dir_ + "/server.key", server_.key().PrivatePem());
    WriteFile(dir_ + "/client.pem", machine_.Certificate("lvs-12ab00"));
    WriteFile(dir_ + "/client.key", machine_.key().PrivatePem());
    HttpListenerOptions listener;
    listener.address = "127.0.0.1:0";
    listener.tls_cert_file = dir_ + "/server.pem";
    listener.tls_key_file = dir_ + "/server.key";
    server_http_ = std::make_unique<GatewayHttpServer>(core_.get(), listener);
    ASSERT_TRUE(server_http_->Start().ok());
  }
  void TearDown() override {
    server_http_->Stop();
    std::filesystem::remove_all(dir_);
  }

  std::unique_ptr<httplib::SSLClient> Client(bool with_certificate) {
    auto client =
        with_certificate
            ? std::make_unique<httplib::SSLClient>("127.0.0.1", server_http_->port(),
                                                   dir_ + "/client.pem", dir_ + "/client.key")
            : std::make_unique<httplib::SSLClient>("127.0.0.1", server_http_->port());
    client->enable_server_certificate_verification(false);  // self-signed, made just now
    return client;
  }

  TestIssuer signing_, server_, machine_;
  std::string dir_;
  std::unique_ptr<GatewayHttpServer> server_http_;
};

TEST_F(GatewayMutualTlsTest, TheRegisteredCertificateGetsABoundTokenThatNeedsIt) {
  CredentialSpec spec;
  spec.kind = PrincipalKind::kSchool;
  spec.tenant = "PO2203";
  spec.scope = {"12AB00"};
  spec.display_name = "LVS 12AB00 (mTLS)";
  spec.expires = clock_.Now() + absl::Hours(24);
  spec.auth = ClientAuth::kTlsClientAuth;
  // The certificate the client presents (two made a moment apart differ in their validity).
  std::ifstream in(dir_ + "/client.pem");
  std::stringstream pem;
  pem << in.rdbuf();
  spec.certificate_sha256 = *oauth::PemCertificateThumbprint(pem.str());
  absl::StatusOr<IssuedCredential> client = store_->Issue(spec);
  ASSERT_TRUE(client.ok()) << client.status();
  const std::string form = "grant_type=client_credentials&client_id=" + client->credential.token_id;

  std::unique_ptr<httplib::SSLClient> with = Client(true);
  httplib::Result token = with->Post(oauth::kTokenPath, form, "application/x-www-form-urlencoded");
  ASSERT_TRUE(token) << httplib::to_string(token.error());
  ASSERT_EQ(token->status, 200) << token->body;
  const std::string access_token = JsonField(token->body, "access_token");
  httplib::Headers bearer = {{"Authorization", "Bearer " + access_token}};
  httplib::Result read = with->Get("/api/v1/swvs/PO2203/thuiszitters/tz-a", bearer);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, 200) << read->body;

  std::unique_ptr<httplib::SSLClient> without = Client(false);
  httplib::Result stolen = without->Get("/api/v1/swvs/PO2203/thuiszitters/tz-a", bearer);
  ASSERT_TRUE(stolen) << httplib::to_string(stolen.error());
  EXPECT_EQ(stolen->status, 401) << stolen->body;
  httplib::Result no_certificate =
      without->Post(oauth::kTokenPath, form, "application/x-www-form-urlencoded");
  ASSERT_TRUE(no_certificate);
  EXPECT_EQ(no_certificate->status, 401);
  // An API key still works on a connection without a certificate.
  httplib::Result api_key = without->Get("/api/v1/swvs/PO2203/thuiszitters/tz-a",
                                         httplib::Headers{{"Authorization", "Bearer " + school_}});
  ASSERT_TRUE(api_key);
  EXPECT_EQ(api_key->status, 200);
}

}  // namespace
}  // namespace swv::gateway::testing
