// Principal tokens (services/common/principal_token.h): what a service accepts as the caller.
#include "services/common/principal_token.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
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
