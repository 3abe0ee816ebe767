// OAuth 2.0 per the NL GOV profile through the gateway core: the token endpoint with
// private_key_jwt and with a TLS client certificate, and access tokens at the API (audience,
// expiry, scope, binding, query string, external issuer).
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "services/gateway/oauth/authorization_server.h"
#include "tests/services/gateway/gateway_core_fixture.h"
#include "tests/services/gateway/oauth/test_issuer.h"

namespace swv::gateway::testing {
namespace {

constexpr char kIssuer[] = "https://api.swv.test";
constexpr char kAudience[] = "https://api.swv.test/api/v1";
constexpr char kTokenEndpoint[] = "https://api.swv.test/oauth/token";
constexpr char kExternalIssuer[] = "https://idp.swv.test";
constexpr char kCase[] = "/api/v1/swvs/PO2203/thuiszitters/tz-a";
constexpr char kCases[] = "/api/v1/swvs/PO2203/thuiszitters";

class GatewayOAuthTest : public GatewayCoreTest {
 protected:
  void SetUp() override {
    GatewayCoreTest::SetUp();
    GatewayOptions options;
    options.credential_cache_ttl = absl::ZeroDuration();
    options.oauth.issuer = kIssuer;
    options.oauth.audience = kAudience;
    options.oauth.signing_key = gateway_key_.key();
    oauth::TrustedIssuer trusted;
    trusted.issuer = kExternalIssuer;
    trusted.keys = *oauth::KeySet::FromJson(idp_.Jwks("idp-1"));
    options.oauth.trusted.push_back(trusted);
    MakeCore(options);
  }

  std::string Register(ClientAuth auth, const std::string& key_or_certificate,
                       std::vector<std::string> scopes = {}) {
    CredentialSpec spec;
    spec.kind = PrincipalKind::kSchool;
    spec.tenant = "PO2203";
    spec.scope = {"12AB00"};
    spec.display_name = "LVS 12AB00";
    spec.expires = clock_.Now() + absl::Hours(24 * 30);
    spec.auth = auth;
    spec.oauth_scopes = std::move(scopes);
    if (auth == ClientAuth::kPrivateKeyJwt) spec.public_key_pem = key_or_certificate;
    if (auth == ClientAuth::kTlsClientAuth) spec.certificate_sha256 = key_or_certificate;
    if (auth == ClientAuth::kExternal) {
      spec.external_issuer = kExternalIssuer;
      spec.external_subject = key_or_certificate;
    }
    absl::StatusOr<IssuedCredential> issued = store_->Issue(spec);
    EXPECT_TRUE(issued.ok()) << issued.status();
    return issued.ok() ? issued->credential.token_id : "";
  }

  HttpResponse PostToken(const std::string& form, const std::string& certificate = "") {
    HttpRequest request;
    request.method = "POST";
    request.path = oauth::kTokenPath;
    request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    request.body = form;
    request.remote_address = "10.0.0.7";
    request.client_certificate_sha256 = certificate;
    return core_->Handle(request);
  }

  static std::string AssertionForm(const std::string& assertion, const std::string& extra = "") {
    return absl::StrCat(
        "grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3A"
        "client-assertion-type%3Ajwt-bearer&client_assertion=",
        assertion, extra);
  }

  HttpResponse Get(const std::string& path, const std::string& token,
                   const std::string& certificate = "") {
    HttpRequest request;
    request.method = "GET";
    request.path = path;
    request.headers.emplace_back("Authorization", "Bearer " + token);
    request.client_certificate_sha256 = certificate;
    return core_->Handle(request);
  }

  // An access token the way this gateway signs them, with `claims` changed as a test wants.
  std::string OwnToken(const std::string& client, const std::string& audience,
                       absl::Duration lifetime, const std::string& scope = "swv:read") {
    absl::StatusOr<std::string> token =
        oauth::SignJws(JsonObject()
                           .String("iss", kIssuer)
                           .String("sub", client)
                           .String("aud", audience)
                           .String("scope", scope)
                           .Int("exp", absl::ToUnixSeconds(clock_.Now() + lifetime))
                           .Build(),
                       gateway_key_.key(), gateway_key_.key().Thumbprint(), "at+jwt");
    return token.ok() ? *token : "";
  }

  TestIssuer gateway_key_;  // the gateway's signing key
  TestIssuer client_;       // a private_key_jwt client's key
  TestIssuer idp_;          // the SWV's own identity provider
};

TEST_F(GatewayOAuthTest, PrivateKeyJwtClientGetsAShortLivedTokenAndCallsTheApi) {
  std::string client = Register(ClientAuth::kPrivateKeyJwt, client_.key().PublicPem());
  HttpResponse issued = PostToken(
      AssertionForm(client_.Assertion(client, kTokenEndpoint, clock_.Now()), "&scope=swv%3Aread"));
  ASSERT_EQ(issued.status, 200) << issued.body;
  EXPECT_EQ(issued.Header("Cache-Control"), "no-store");
  google::protobuf::Struct body = ParseJson(issued.body);
  EXPECT_EQ(body.fields().at("token_type").string_value(), "Bearer");
  EXPECT_EQ(body.fields().at("expires_in").number_value(), 300);
  EXPECT_EQ(body.fields().at("scope").string_value(), "swv:read");
  const std::string token = body.fields().at("access_token").string_value();

  // The token is a JWT of this issuer for this API, verifiable with the published key.
  HttpRequest jwks_request;
  jwks_request.method = "GET";
  jwks_request.path = oauth::kJwksPath;
  HttpResponse jwks = core_->Handle(jwks_request);
  ASSERT_EQ(jwks.status, 200);
  absl::StatusOr<oauth::KeySet> keys = oauth::KeySet::FromJson(jwks.body);
  ASSERT_TRUE(keys.ok()) << jwks.body;
  absl::StatusOr<oauth::Jws> jws = oauth::ParseJws(token);
  ASSERT_TRUE(jws.ok());
  ASSERT_NE(keys->Find(oauth::StringClaim(jws->header, "kid")), nullptr);
  EXPECT_TRUE(oauth::VerifyJws(*jws, *keys->Find(oauth::StringClaim(jws->header, "kid"))).ok());
  EXPECT_EQ(oauth::StringClaim(jws->claims, "iss"), kIssuer);
  EXPECT_EQ(oauth::AudienceClaim(jws->claims), std::vector<std::string>{kAudience});
  EXPECT_EQ(oauth::StringClaim(jws->header, "typ"), "at+jwt");

  HttpResponse read = Get(kCase, token);
  EXPECT_EQ(read.status, 200) << read.body;
  absl::StatusOr<Principal> principal =
      PrincipalFromMetadata(backend_.CallsOf(kGet).back()->metadata);
  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_EQ(principal->id, "school:12AB00:" + client);
  // The school's reach is the credential's, as with an API key.
  EXPECT_EQ(Get("/api/v1/swvs/PO2203/thuiszitters/tz-b", token).status, 404);
  // swv:read was asked for: a write needs swv:write.
  HttpRequest write;
  write.method = "POST";
  write.path = kCases;
  write.headers = {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};
  write.body = kReportBody;
  HttpResponse refused = core_->Handle(write);
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(ProblemOf(refused).fields().at("reason").string_value(), "INSUFFICIENT_SCOPE");
  EXPECT_NE(refused.Header("WWW-Authenticate").find("insufficient_scope"), std::string::npos);
}

TEST_F(GatewayOAuthTest, ClientAssertionsAreCheckedAndUsedOnce) {
  std::string client = Register(ClientAuth::kPrivateKeyJwt, client_.key().PublicPem());
  std::string assertion = client_.Assertion(client, kTokenEndpoint, clock_.Now());
  ASSERT_EQ(PostToken(AssertionForm(assertion)).status, 200);
  HttpResponse replay = PostToken(AssertionForm(assertion));
  EXPECT_EQ(replay.status, 401);
  EXPECT_EQ(JsonField(replay.body, "error"), "invalid_client");
  EXPECT_NE(replay.body.find("used before"), std::string::npos) << replay.body;

  TestIssuer stranger;
  struct Case {
    const char* what;
    std::string form;
  } cases[] = {
      {"another key", AssertionForm(stranger.Assertion(client, kTokenEndpoint, clock_.Now()))},
      {"another audience",
       AssertionForm(client_.Assertion(client, "https://elsewhere/token", clock_.Now()))},
      {"expired",
       AssertionForm(client_.Assertion(client, kTokenEndpoint, clock_.Now() - absl::Minutes(5)))},
      {"long-lived",
       AssertionForm(client_.Assertion(client, kTokenEndpoint, clock_.Now(), absl::Hours(1)))},
      {"unknown client",
       AssertionForm(client_.Assertion("cr-0000000000000000", kTokenEndpoint, clock_.Now()))},
      {"an API key's id", AssertionForm(client_.Assertion(school_.substr(4, school_.find('.') - 4),
                                                          kTokenEndpoint, clock_.Now()))},
      {"no client authentication", "grant_type=client_credentials&client_id=" + client},
  };
  for (const Case& c : cases) {
    HttpResponse response = PostToken(c.form);
    EXPECT_EQ(response.status, 401) << c.what << ": " << response.body;
    EXPECT_EQ(JsonField(response.body, "error"), "invalid_client") << c.what;
  }
  HttpResponse grant =
      PostToken("grant_type=password&" +
                AssertionForm(client_.Assertion(client, kTokenEndpoint, clock_.Now())).substr(30));
  EXPECT_EQ(JsonField(grant.body, "error"), "unsupported_grant_type") << grant.body;
  HttpResponse twice = PostToken(AssertionForm(assertion, "&grant_type=client_credentials"));
  EXPECT_EQ(JsonField(twice.body, "error"), "invalid_request") << twice.body;
}

TEST_F(GatewayOAuthTest, ScopesAreLimitedToWhatTheClientIsRegisteredFor) {
  std::string client =
      Register(ClientAuth::kPrivateKeyJwt, client_.key().PublicPem(), {kScopeRead});
  HttpResponse refused = PostToken(AssertionForm(
      client_.Assertion(client, kTokenEndpoint, clock_.Now()), "&scope=swv%3Aread+swv%3Awrite"));
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(JsonField(refused.body, "error"), "invalid_scope");
  // A token that claims more than the registration (signed by the gateway's key) gets no more.
  EXPECT_EQ(Get(kCase, OwnToken(client, kAudience, absl::Minutes(5), "swv:read swv:write")).status,
            200);
  HttpRequest write;
  write.method = "POST";
  write.path = kCases;
  write.headers = {{"Authorization", "Bearer " + OwnToken(client, kAudience, absl::Minutes(5),
                                                          "swv:read swv:write")},
                   {"Content-Type", "application/json"}};
  write.body = kReportBody;
  EXPECT_EQ(core_->Handle(write).status, 403);
}

TEST_F(GatewayOAuthTest, TokensForAnotherAudienceExpiredOrInTheQueryAreRefused) {
  std::string client = Register(ClientAuth::kPrivateKeyJwt, client_.key().PublicPem());
  EXPECT_EQ(Get(kCase, OwnToken(client, kAudience, absl::Minutes(5))).status, 200);

  HttpResponse audience = Get(kCase, OwnToken(client, "https://other.api/v1", absl::Minutes(5)));
  EXPECT_EQ(audience.status, 401);
  EXPECT_NE(ProblemOf(audience).fields().at("detail").string_value().find("aud"),
            std::string::npos);

  std::string token = OwnToken(client, kAudience, absl::Minutes(5));
  clock_.Advance(absl::Minutes(6));
  HttpResponse expired = Get(kCase, token);
  EXPECT_EQ(expired.status, 401);
  EXPECT_NE(expired.body.find("expired"), std::string::npos) << expired.body;
  EXPECT_NE(expired.Header("WWW-Authenticate").find("invalid_token"), std::string::npos);

  HttpRequest in_query;
  in_query.method = "GET";
  in_query.path = kCase;
  in_query.query = {{"access_token", OwnToken(client, kAudience, absl::Minutes(5))}};
  HttpResponse query = core_->Handle(in_query);
  EXPECT_EQ(query.status, 400);
  EXPECT_EQ(ProblemOf(query).fields().at("reason").string_value(), "TOKEN_IN_QUERY");
  // Even next to a valid header: the token has leaked into logs already.
  in_query.headers = {{"Authorization", "Bearer " + OwnToken(client, kAudience, absl::Minutes(5))}};
  EXPECT_EQ(core_->Handle(in_query).status, 400);

  // Signed by a key no trusted issuer has, or naming an issuer nobody trusts.
  TestIssuer forger;
  std::string forged = forger.Sign(JsonObject()
                                       .String("iss", kIssuer)
                                       .String("sub", client)
                                       .String("aud", kAudience)
                                       .String("scope", "swv:read")
                                       .Int("exp", absl::ToUnixSeconds(clock_.Now()) + 60)
                                       .Build(),
                                   gateway_key_.key().Thumbprint());
  EXPECT_EQ(Get(kCase, forged).status, 401);
  EXPECT_EQ(Get(kCase, "a.b.c").status, 401);

  // A revoked client's tokens stop working at once (no cache in this test).
  ASSERT_TRUE(store_->Revoke(client).ok());
  EXPECT_EQ(Get(kCase, OwnToken(client, kAudience, absl::Minutes(5))).status, 401);
}

TEST_F(GatewayOAuthTest, MutualTlsClientGetsATokenBoundToItsCertificate) {
  TestIssuer machine;
  std::string certificate = *oauth::PemCertificateThumbprint(machine.Certificate("lvs"));
  std::string other_certificate = *oauth::PemCertificateThumbprint(machine.Certificate("other"));
  std::string client = Register(ClientAuth::kTlsClientAuth, certificate);

  HttpResponse wrong =
      PostToken("grant_type=client_credentials&client_id=" + client, other_certificate);
  EXPECT_EQ(wrong.status, 401) << wrong.body;
  HttpResponse issued = PostToken("grant_type=client_credentials&client_id=" + client, certificate);
  ASSERT_EQ(issued.status, 200) << issued.body;
  std::string token = JsonField(issued.body, "access_token");
  absl::StatusOr<oauth::Jws> jws = oauth::ParseJws(token);
  ASSERT_TRUE(jws.ok());
  EXPECT_EQ(oauth::StringClaim(jws->claims.fields().at("cnf").struct_value(), "x5t#S256"),
            certificate);

  EXPECT_EQ(Get(kCase, token, certificate).status, 200);
  EXPECT_EQ(Get(kCase, token).status, 401);  // without the certificate
  EXPECT_EQ(Get(kCase, token, other_certificate).status, 401);
  // A private_key_jwt assertion for a tls_client_auth client is refused.
  EXPECT_EQ(
      PostToken(AssertionForm(client_.Assertion(client, kTokenEndpoint, clock_.Now()))).status,
      401);
}

TEST_F(GatewayOAuthTest, TokensOfTheSwvsOwnIdentityProviderWork) {
  Register(ClientAuth::kExternal, "parnassys-12ab00", {kScopeRead});
  auto idp_token = [&](const std::string& client_id, const std::string& audience,
                       const std::string& kid) {
    return idp_.Sign(JsonObject()
                         .String("iss", kExternalIssuer)
                         .String("client_id", client_id)
                         .String("aud", audience)
                         .String("scope", "swv:read swv:write")
                         .Int("exp", absl::ToUnixSeconds(clock_.Now()) + 300)
                         .Build(),
                     kid);
  };
  HttpResponse read = Get(kCase, idp_token("parnassys-12ab00", kAudience, "idp-1"));
  EXPECT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(Get(kCase, idp_token("unregistered-app", kAudience, "idp-1")).status, 401);
  EXPECT_EQ(Get(kCase, idp_token("parnassys-12ab00", "https://other", "idp-1")).status, 401);
  EXPECT_EQ(Get(kCase, idp_token("parnassys-12ab00", kAudience, "idp-unknown")).status, 401);
  // The registration allows reading only, whatever the identity provider granted.
  HttpRequest write;
  write.method = "POST";
  write.path = kCases;
  write.headers = {{"Authorization", "Bearer " + idp_token("parnassys-12ab00", kAudience, "idp-1")},
                   {"Content-Type", "application/json"}};
  write.body = kReportBody;
  EXPECT_EQ(core_->Handle(write).status, 403);
}

TEST_F(GatewayOAuthTest, MetadataNamesTheEndpointsAndWithoutAnIssuerThereAreNone) {
  HttpRequest request;
  request.method = "GET";
  request.path = oauth::kMetadataPath;
  HttpResponse metadata = core_->Handle(request);
  ASSERT_EQ(metadata.status, 200);
  EXPECT_EQ(JsonField(metadata.body, "issuer"), kIssuer);
  EXPECT_EQ(JsonField(metadata.body, "token_endpoint"), kTokenEndpoint);
  EXPECT_EQ(JsonField(metadata.body, "jwks_uri"), std::string(kIssuer) + "/oauth/jwks");

  MakeCore(GatewayOptions{});
  EXPECT_EQ(core_->Handle(request).status, 404);
  EXPECT_EQ(PostToken("grant_type=client_credentials").status, 404);
}

}  // namespace
}  // namespace swv::gateway::testing
