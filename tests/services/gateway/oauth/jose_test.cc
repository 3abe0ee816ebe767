#include "services/gateway/oauth/jose.h"

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "tests/services/gateway/oauth/test_issuer.h"

namespace swv::gateway::oauth {
namespace {

using testing::TestIssuer;

TEST(JoseTest, SignedTokensVerifyWithTheirKeyOnly) {
  TestIssuer issuer;
  TestIssuer other;
  for (const char* alg : {"RS256", "PS256"}) {
    std::string token = issuer.Sign(R"({"sub":"c1","exp":2000000000})", "k", alg);
    absl::StatusOr<Jws> jws = ParseJws(token);
    ASSERT_TRUE(jws.ok()) << jws.status();
    EXPECT_TRUE(VerifyJws(*jws, issuer.key()).ok()) << alg;
    EXPECT_FALSE(VerifyJws(*jws, other.key()).ok()) << alg;
    EXPECT_EQ(StringClaim(jws->claims, "sub"), "c1");
    EXPECT_EQ(TimeClaim(jws->claims, "exp"), absl::FromUnixSeconds(2000000000));
  }
}

TEST(JoseTest, ATamperedClaimSetDoesNotVerify) {
  TestIssuer issuer;
  std::vector<std::string> parts = absl::StrSplit(issuer.Sign(R"({"scope":"swv:read"})"), '.');
  parts[1] = Base64Url(R"({"scope":"swv:read swv:write"})");
  absl::StatusOr<Jws> jws = ParseJws(absl::StrJoin(parts, "."));
  ASSERT_TRUE(jws.ok());
  EXPECT_FALSE(VerifyJws(*jws, issuer.key()).ok());
}

TEST(JoseTest, NoneAndHmacAlgorithmsAreRefused) {
  TestIssuer issuer;
  std::vector<std::string> parts = absl::StrSplit(issuer.Sign(R"({"sub":"c1"})"), '.');
  for (const char* alg : {"none", "HS256", "RS512"}) {
    std::string header = Base64Url(absl::StrCat(R"({"alg":")", alg, R"("})"));
    absl::StatusOr<Jws> jws = ParseJws(absl::StrCat(header, ".", parts[1], ".", parts[2]));
    ASSERT_TRUE(jws.ok());
    absl::Status status = VerifyJws(*jws, issuer.key());
    EXPECT_TRUE(absl::IsUnauthenticated(status)) << alg;
    EXPECT_NE(status.message().find(alg), std::string::npos) << status.message();
  }
}

TEST(JoseTest, MalformedTokensAreRefusedSayingWhy) {
  for (const char* token :
       {"", "a.b", "a.b.c.d", "e30=.e30.AA", "e30.bm90IGpzb24.AA", "W10.e30.AA"}) {
    EXPECT_TRUE(absl::IsUnauthenticated(ParseJws(token).status())) << token;
  }
  EXPECT_TRUE(ParseJws("e30.e30.AA").ok());  // {} . {} . one byte
}

TEST(JoseTest, JwkRoundTripAndKeySets) {
  TestIssuer issuer;
  absl::StatusOr<KeySet> keys = KeySet::FromJson(issuer.Jwks("k1"));
  ASSERT_TRUE(keys.ok()) << keys.status();
  ASSERT_NE(keys->Find("k1"), nullptr);
  EXPECT_NE(keys->Find(""), nullptr);  // the only key of the set
  EXPECT_EQ(keys->Find("k2"), nullptr);
  EXPECT_EQ(keys->Find("k1")->Thumbprint(), issuer.key().Thumbprint());
  absl::StatusOr<Jws> jws = ParseJws(issuer.Sign("{}", "k1"));
  ASSERT_TRUE(jws.ok());
  EXPECT_TRUE(VerifyJws(*jws, *keys->Find("k1")).ok());

  EXPECT_FALSE(KeySet::FromJson(R"({"keys":[]})").ok());
  EXPECT_FALSE(KeySet::FromJson(R"({"keys":[{"kty":"EC","crv":"P-256"}]})").ok());
  EXPECT_FALSE(KeySet::FromJson("[]").ok());
  // A key too small to trust is refused by name.
  absl::StatusOr<RsaKey> small = RsaKey::Generate(1024);
  ASSERT_TRUE(small.ok());
  KeySet small_set;
  small_set.Add("tiny", *small);
  absl::Status refused = KeySet::FromJson(small_set.ToJson()).status();
  EXPECT_NE(refused.message().find("tiny"), std::string::npos) << refused;
  EXPECT_FALSE(RsaKey::FromPublicPem(small->PublicPem()).ok());
}

TEST(JoseTest, PemKeysAndCertificateThumbprints) {
  TestIssuer issuer;
  absl::StatusOr<RsaKey> from_private = RsaKey::FromPrivatePem(issuer.key().PrivatePem());
  ASSERT_TRUE(from_private.ok());
  EXPECT_TRUE(from_private->has_private());
  absl::StatusOr<RsaKey> from_public = RsaKey::FromPublicPem(issuer.key().PublicPem());
  ASSERT_TRUE(from_public.ok());
  EXPECT_FALSE(from_public->has_private());
  EXPECT_EQ(from_public->Thumbprint(), issuer.key().Thumbprint());
  EXPECT_FALSE(
      RsaKey::FromPublicPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n").ok());

  absl::StatusOr<std::string> a = PemCertificateThumbprint(issuer.Certificate("a"));
  absl::StatusOr<std::string> b = PemCertificateThumbprint(issuer.Certificate("b"));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->size(), 43u);  // 32 bytes, base64url without padding
  EXPECT_NE(*a, *b);
  EXPECT_FALSE(PemCertificateThumbprint("not a certificate").ok());
}

TEST(JoseTest, Base64UrlIsStrict) {
  std::string bytes;
  EXPECT_TRUE(FromBase64Url("AQAB", &bytes));
  EXPECT_EQ(bytes, std::string("\x01\x00\x01", 3));
  EXPECT_FALSE(FromBase64Url("AQ==", &bytes));
  EXPECT_FALSE(FromBase64Url("a+b/", &bytes));
  EXPECT_EQ(Base64Url(std::string("\xfb\xff", 2)), "-_8");
}

}  // namespace
}  // namespace swv::gateway::oauth
