// Principal tokens (services/common/principal_token.h): what a service accepts as the caller.
#include "services/common/principal_token.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/expiring_cache.h"
#include "tests/testing/test_identity.h"

namespace swv {
namespace {

using ::testing::HasSubstr;

constexpr char kMethod[] = "/swv.v1.Registrations/ListThuiszitters";

class PrincipalTokenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const testing::TestIdentity& identity = testing::Identity();
    auto verifier = PrincipalVerifier::FromSpec(identity.trusted_keys);
    ASSERT_TRUE(verifier.ok()) << verifier.status();
    verifier_ = *verifier;
    auto gateway = PrincipalSigner::FromFile(kIssuerGateway, identity.gateway_key);
    ASSERT_TRUE(gateway.ok()) << gateway.status();
    gateway_ = *gateway;
    auto staff = PrincipalSigner::FromFile(kIssuerStaff, identity.staff_key);
    ASSERT_TRUE(staff.ok());
    staff_ = *staff;
    // The staff key pretending to be the gateway's.
    auto impostor = PrincipalSigner::FromFile(kIssuerGateway, identity.staff_key);
    ASSERT_TRUE(impostor.ok());
    impostor_ = *impostor;
    school_.id = "school:PO2203:cr-1";
    school_.kind = PrincipalKind::kSchool;
    school_.tenant = "PO2203";
    school_.scope = {"12AB00", "12AB01"};
  }

  absl::StatusCode Verify(const std::string& token, absl::string_view method = kMethod) {
    return verifier_->Verify(token, method, now_).status().code();
  }

  std::shared_ptr<const PrincipalVerifier> verifier_;
  std::shared_ptr<const PrincipalSigner> gateway_, staff_, impostor_;
  Principal school_;
  absl::Time now_ = absl::FromUnixSeconds(1795000000);
};

TEST_F(PrincipalTokenTest, ASignedTokenGivesBackItsPrincipal) {
  auto token = gateway_->Sign(school_, kMethod, now_);
  ASSERT_TRUE(token.ok());
  absl::StatusOr<Principal> principal = verifier_->Verify(*token, kMethod, now_);
  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_EQ(*principal, school_);
}

TEST_F(PrincipalTokenTest, EveryFlawIsUnauthenticated) {
  const absl::StatusCode refused = absl::StatusCode::kUnauthenticated;
  EXPECT_EQ(Verify(""), refused);
  EXPECT_EQ(Verify("v1.abc.def"), refused);
  // Made for another RPC.
  EXPECT_EQ(Verify(*gateway_->Sign(school_, kMethod, now_), "/swv.v1.Support/DecideArrangement"),
            refused);
  // Expired, or valid for longer than any token may be.
  EXPECT_EQ(Verify(*gateway_->Sign(school_, kMethod, now_ - absl::Minutes(2))), refused);
  EXPECT_EQ(Verify(*gateway_->Sign(school_, kMethod, now_, absl::Hours(1))), refused);
  // Signed by another key than the issuer's.
  EXPECT_EQ(Verify(*impostor_->Sign(school_, kMethod, now_)), refused);
  // The staff key may only vouch for staff.
  EXPECT_EQ(Verify(*staff_->Sign(school_, kMethod, now_)), refused);
  // A changed scope breaks the signature.
  std::string token = *gateway_->Sign(school_, kMethod, now_);
  std::vector<std::string> parts = absl::StrSplit(token, '.');
  std::string payload;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(parts[1], &payload));
  size_t at = payload.find("12AB01");
  ASSERT_NE(at, std::string::npos);
  payload.replace(at, 6, "99ZZ99");
  EXPECT_EQ(Verify(absl::StrCat(parts[0], ".", absl::WebSafeBase64Escape(payload), ".", parts[2])),
            refused);
}

// The signer hands out the same token for the same principal and RPC while at least half its
// minute is left, then a new one; another RPC or principal always gets its own.
TEST_F(PrincipalTokenTest, ASignerReusesATokenForHalfItsLifetime) {
  const std::string first = *gateway_->Sign(school_, kMethod, now_);
  EXPECT_EQ(*gateway_->Sign(school_, kMethod, now_ + absl::Seconds(30)), first);
  const std::string renewed = *gateway_->Sign(school_, kMethod, now_ + absl::Seconds(31));
  EXPECT_NE(renewed, first);
  EXPECT_EQ(Verify(renewed), absl::StatusCode::kOk);
  EXPECT_EQ(verifier_->Verify(renewed, kMethod, now_ + absl::Seconds(90)).status().code(),
            absl::StatusCode::kOk);  // the renewed one lives a minute from its own signing
  EXPECT_NE(*gateway_->Sign(school_, "/swv.v1.Registrations/GetThuiszitter", now_), first);
  Principal other = school_;
  other.scope = {"12AB00"};
  EXPECT_NE(*gateway_->Sign(other, kMethod, now_), first);
  EXPECT_NE(*gateway_->Sign(school_, kMethod, now_, absl::Minutes(2)), first);
  // A clock that went back gets no token that would outlive its lifetime.
  EXPECT_NE(*gateway_->Sign(school_, kMethod, now_ - absl::Seconds(10)), first);
}

// A token whose signature was checked once is still refused for another RPC and after its
// expiry.
TEST_F(PrincipalTokenTest, AVerifiedTokenIsStillBoundToItsRpcAndExpiry) {
  const std::string token = *gateway_->Sign(school_, kMethod, now_);
  ASSERT_EQ(Verify(token), absl::StatusCode::kOk);
  ASSERT_EQ(Verify(token), absl::StatusCode::kOk);
  EXPECT_EQ(Verify(token, "/swv.v1.Support/DecideArrangement"), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(verifier_->Verify(token, kMethod, now_ + absl::Minutes(1)).status().code(),
            absl::StatusCode::kUnauthenticated);
  absl::StatusOr<Principal> again = verifier_->Verify(token, kMethod, now_ + absl::Seconds(59));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(*again, school_);
}

TEST(ExpiringCacheTest, ForgetsExpiredEntriesAndStaysWithinItsCapacity) {
  const absl::Time now = absl::FromUnixSeconds(1795000000);
  ExpiringCache<int> cache(2);
  cache.Put("a", 1, now + absl::Seconds(10), now);
  cache.Put("b", 2, now + absl::Seconds(20), now);
  ASSERT_TRUE(cache.Get("a", now).has_value());
  EXPECT_EQ(cache.Get("a", now)->value, 1);
  EXPECT_FALSE(cache.Get("a", now + absl::Seconds(10)).has_value());
  // Full: the expired "a" goes to make room.
  cache.Put("c", 3, now + absl::Seconds(30), now + absl::Seconds(15));
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(cache.Get("b", now + absl::Seconds(15))->value, 2);
  // Full with nothing expired: it starts over.
  cache.Put("d", 4, now + absl::Seconds(40), now + absl::Seconds(15));
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.Get("d", now + absl::Seconds(15))->value, 4);
}

TEST(ExpiringCacheTest, PutUnlessNewerKeepsTheNewerValueEvenOnceExpired) {
  const absl::Time now = absl::FromUnixSeconds(1795000000);
  ExpiringCache<int> cache(4);
  auto is_newer = [](int stored, int offered) { return stored > offered; };
  cache.PutUnlessNewer("a", 2, now + absl::Seconds(10), now, is_newer);
  cache.PutUnlessNewer("a", 1, now + absl::Seconds(10), now, is_newer);
  EXPECT_EQ(cache.Get("a", now)->value, 2);
  cache.PutUnlessNewer("a", 1, now + absl::Seconds(30), now + absl::Seconds(20), is_newer);
  EXPECT_FALSE(cache.Get("a", now + absl::Seconds(20)).has_value());
  cache.PutUnlessNewer("a", 3, now + absl::Seconds(30), now + absl::Seconds(20), is_newer);
  EXPECT_EQ(cache.Get("a", now + absl::Seconds(20))->value, 3);
}

TEST_F(PrincipalTokenTest, BadKeysAreRefusedAtStartNamingWhatToFix) {
  EXPECT_THAT(PrincipalVerifier::FromSpec("gateway").status().message(),
              HasSubstr("ISSUER=PUBLIC_KEY_FILE"));
  EXPECT_THAT(PrincipalVerifier::FromSpec("root=/dev/null").status().message(),
              HasSubstr("unknown token issuer"));
  EXPECT_THAT(PrincipalVerifier::FromSpec("gateway=/no/such/file").status().message(),
              HasSubstr("cannot read"));
  EXPECT_THAT(
      PrincipalSigner::FromFile(kIssuerGateway, testing::Identity().tls_ca).status().message(),
      HasSubstr("not an Ed25519"));
}

}  // namespace
}  // namespace swv
