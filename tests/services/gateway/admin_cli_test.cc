// swv-admin's commands against a real (SQLite) gateway store.
#include "tools/admin/admin_cli.h"

#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/services/gateway/oauth/test_issuer.h"
#include "tests/testing/scratch_database.h"

namespace swv::admin {
namespace {

using ::testing::HasSubstr;

TEST(AdminCliTest, IssueListRevoke) {
  auto scratch = swv::testing::ScratchDatabase::Create(storage::Dialect::kSqlite);
  ASSERT_TRUE(scratch.ok());
  SystemClock clock;
  auto store = gateway::GatewayStore::Open(&(*scratch)->db(), &clock);
  ASSERT_TRUE(store.ok());
  std::ostringstream out, err;
  int code = RunAdminCommand({"issue", "--kind=school", "--swv=PO2203", "--schools=12AB00,34CD01",
                              "--expires=2099-08-01", "--name=ParnasSys koppeling"},
                             **store, out, err);
  ASSERT_EQ(code, 0) << err.str();
  std::string secret;
  std::string token_id;
  for (absl::string_view line : absl::StrSplit(out.str(), '\n')) {
    if (absl::StartsWith(line, "swv_")) secret = std::string(line);
    if (absl::ConsumePrefix(&line, "token id:"))
      token_id = std::string(absl::StripAsciiWhitespace(line));
  }
  ASSERT_FALSE(secret.empty()) << out.str();
  EXPECT_TRUE((*store)->Authenticate(secret).ok());

  out.str("");
  ASSERT_EQ(RunAdminCommand({"list"}, **store, out, err), 0);
  EXPECT_THAT(out.str(), HasSubstr(token_id));
  EXPECT_THAT(out.str(), HasSubstr("12AB00,34CD01"));
  EXPECT_THAT(out.str(), ::testing::Not(HasSubstr(secret)));

  ASSERT_EQ(RunAdminCommand({"revoke", token_id}, **store, out, err), 0);
  EXPECT_EQ((*store)->Authenticate(secret).status().code(), absl::StatusCode::kUnauthenticated);

  EXPECT_EQ(RunAdminCommand({"issue", "--kind=partner", "--swv=PO2203", "--municipalities=GM0606",
                             "--expires=2099-01-01", "--name=x"},
                            **store, out, err),
            1);  // no legal ground
  EXPECT_EQ(RunAdminCommand({"issue", "--kind=wizard"}, **store, out, err), 2);
  EXPECT_EQ(RunAdminCommand({"frobnicate"}, **store, out, err), 2);
}

// The client id printed by register-client, or "".
std::string ClientIdOf(const std::string& output) {
  for (absl::string_view line : absl::StrSplit(output, '\n')) {
    if (absl::ConsumePrefix(&line, "client_id:")) {
      return std::string(absl::StripAsciiWhitespace(line));
    }
  }
  return "";
}

TEST(AdminCliTest, RegisterClientTakesAKeyACertificateOrAnIssuer) {
  auto scratch = swv::testing::ScratchDatabase::Create(storage::Dialect::kSqlite);
  ASSERT_TRUE(scratch.ok());
  SystemClock clock;
  auto store = gateway::GatewayStore::Open(&(*scratch)->db(), &clock);
  ASSERT_TRUE(store.ok());
  gateway::testing::TestIssuer client;
  const std::string dir = ::testing::TempDir();
  std::ofstream(dir + "/client.pub") << client.key().PublicPem();
  std::ofstream(dir + "/client.crt") << client.Certificate("lvs");
  const std::vector<std::string> common = {"--kind=school", "--swv=PO2203", "--schools=12AB00",
                                           "--expires=2099-08-01", "--name=ParnasSys"};
  auto run = [&](std::vector<std::string> flags, std::ostringstream& out, std::ostringstream& err) {
    std::vector<std::string> args = {"register-client"};
    args.insert(args.end(), common.begin(), common.end());
    args.insert(args.end(), flags.begin(), flags.end());
    return RunAdminCommand(args, **store, out, err);
  };

  std::ostringstream out, err;
  ASSERT_EQ(
      run({"--auth=private_key_jwt", "--public-key=" + dir + "/client.pub", "--scopes=swv:read"},
          out, err),
      0)
      << err.str();
  EXPECT_THAT(out.str(), ::testing::Not(HasSubstr("secret")));
  absl::StatusOr<gateway::StoredCredential> stored =
      (*store)->LoadCredential(ClientIdOf(out.str()));
  ASSERT_TRUE(stored.ok()) << out.str();
  EXPECT_EQ(stored->credential.spec.auth, gateway::ClientAuth::kPrivateKeyJwt);
  EXPECT_EQ(stored->credential.spec.public_key_pem, client.key().PublicPem());
  EXPECT_EQ(stored->credential.spec.oauth_scopes, std::vector<std::string>{"swv:read"});
  // An OAuth client has no API key: no secret is stored, none matches.
  EXPECT_TRUE(stored->secret_sha256.empty());
  EXPECT_FALSE(gateway::CheckBearer(*stored, "", clock.Now()).ok());

  std::ostringstream cert_out;
  ASSERT_EQ(run({"--auth=tls_client_auth", "--certificate=" + dir + "/client.crt"}, cert_out, err),
            0)
      << err.str();
  stored = (*store)->LoadCredential(ClientIdOf(cert_out.str()));
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->credential.spec.certificate_sha256.size(), 43u);
  EXPECT_EQ(stored->credential.spec.oauth_scopes,
            (std::vector<std::string>{"swv:read", "swv:write"}));

  std::ostringstream idp_out;
  ASSERT_EQ(run({"--auth=external", "--issuer=https://idp.swv.example", "--subject=parnassys"},
                idp_out, err),
            0)
      << err.str();
  EXPECT_TRUE((*store)->LoadExternalClient("https://idp.swv.example", "parnassys").ok());
  // One registration per client of an issuer at a time.
  EXPECT_EQ(run({"--auth=external", "--issuer=https://idp.swv.example", "--subject=parnassys"},
                idp_out, err),
            1);

  std::ostringstream ignored;
  EXPECT_EQ(run({"--auth=api_key"}, ignored, err), 2);
  EXPECT_EQ(run({"--auth=private_key_jwt", "--public-key=" + dir + "/missing.pub"}, ignored, err),
            2);
  EXPECT_EQ(run({"--auth=private_key_jwt", "--public-key=" + dir + "/client.crt"}, ignored, err),
            1);  // a certificate is not a public key
  EXPECT_EQ(run({"--auth=tls_client_auth", "--certificate=" + dir + "/client.pub"}, ignored, err),
            2);
  EXPECT_EQ(
      run({"--auth=private_key_jwt", "--public-key=" + dir + "/client.pub", "--scopes=swv:admin"},
          ignored, err),
      1);
  EXPECT_THAT(err.str(), HasSubstr("swv:admin"));
  // issue takes no OAuth flags.
  EXPECT_EQ(RunAdminCommand({"issue", "--kind=office", "--swv=PO2203", "--expires=2099-01-01",
                             "--name=x", "--auth=private_key_jwt"},
                            **store, ignored, err),
            2);
}

TEST(AdminCliTest, ExpiryDateMeansTheEndOfThatDutchDay) {
  absl::StatusOr<absl::Time> t = ParseExpiry("2027-08-01");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(absl::FormatTime("%Y-%m-%d %H:%M", *t, DutchTimeZone()), "2027-08-02 00:00");
  EXPECT_TRUE(ParseExpiry("2027-08-01T12:00:00Z").ok());
  EXPECT_FALSE(ParseExpiry("next year").ok());
}

}  // namespace
}  // namespace swv::admin
