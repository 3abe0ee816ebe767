// The authentication stage alone: missing, wrong and valid credentials, the budget of failures
// per client address, which is spent before the store is asked, and the credential cache.
#include "services/gateway/stages/authentication.h"

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "tests/services/gateway/gateway_test_support.h"
#include "tests/services/gateway/stages/store_fixture.h"

namespace swv::gateway {
namespace {

class AuthenticationStageTest : public testing::StoreFixture {
 protected:
  HttpRequest WithBearer(const std::string& secret) {
    HttpRequest request;
    request.path = "/api/v1/swvs/PO2203/thuiszitters";
    request.remote_address = "192.0.2.7";
    if (!secret.empty()) request.headers = {{"Authorization", "Bearer " + secret}};
    return request;
  }
};

TEST_F(AuthenticationStageTest, AValidCredentialBecomesTheCaller) {
  RateLimiter failures(1, 3, &clock_);
  Authenticator authenticator(store_.get(), &failures, &clock_, absl::ZeroDuration());
  std::string secret =
      testing::Issue(*store_, PrincipalKind::kSchool, {"12AB00"}, clock_.Now() + absl::Hours(1));
  Credential credential;
  EXPECT_EQ(authenticator.Authenticate(WithBearer(secret), &credential), nullptr);
  EXPECT_EQ(credential.spec.kind, PrincipalKind::kSchool);
  EXPECT_EQ(credential.spec.scope, std::vector<std::string>{"12AB00"});
}

TEST_F(AuthenticationStageTest, MissingOrWrongCredentialsAre401AndSpendTheAddressBudget) {
  RateLimiter failures(1, 3, &clock_);
  Authenticator authenticator(store_.get(), &failures, &clock_, absl::ZeroDuration());
  Credential credential;
  std::unique_ptr<HttpResponse> missing = authenticator.Authenticate(WithBearer(""), &credential);
  ASSERT_NE(missing, nullptr);
  EXPECT_EQ(missing->status, 401);
  EXPECT_TRUE(absl::StrContains(missing->body, "MISSING_CREDENTIAL"));
  EXPECT_EQ(missing->Header("WWW-Authenticate"), "Bearer realm=\"swv\"");
  std::unique_ptr<HttpResponse> wrong =
      authenticator.Authenticate(WithBearer("swv_not-a-secret"), &credential);
  ASSERT_NE(wrong, nullptr);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_TRUE(absl::StrContains(wrong->body, "INVALID_CREDENTIAL"));
  ASSERT_NE(authenticator.Authenticate(WithBearer(""), &credential), nullptr);
  // Three failures from this address: the fourth request is refused before the store is asked,
  // even with a valid credential, until the budget refills.
  std::string secret =
      testing::Issue(*store_, PrincipalKind::kOffice, {}, clock_.Now() + absl::Hours(1));
  std::unique_ptr<HttpResponse> limited =
      authenticator.Authenticate(WithBearer(secret), &credential);
  ASSERT_NE(limited, nullptr);
  EXPECT_EQ(limited->status, 429);
  HttpRequest elsewhere = WithBearer(secret);
  elsewhere.remote_address = "198.51.100.1";
  EXPECT_EQ(authenticator.Authenticate(elsewhere, &credential), nullptr);
  clock_.Advance(absl::Seconds(2));
  EXPECT_EQ(authenticator.Authenticate(WithBearer(secret), &credential), nullptr);
}

// A credential row is used for the cache's lifetime without asking the store (here: a store that
// lost its table), then read again; a revocation therefore takes effect within that time.
TEST_F(AuthenticationStageTest, ACachedCredentialIsUsedForItsLifetimeThenReadAgain) {
  RateLimiter failures(1, 100, &clock_);
  Authenticator authenticator(store_.get(), &failures, &clock_, absl::Seconds(2));
  std::string secret =
      testing::Issue(*store_, PrincipalKind::kSchool, {"12AB00"}, clock_.Now() + absl::Hours(1));
  std::string token_id = secret.substr(4, secret.find('.') - 4);
  Credential credential;
  ASSERT_EQ(authenticator.Authenticate(WithBearer(secret), &credential), nullptr);
  ASSERT_TRUE(store_->Revoke(token_id).ok());
  clock_.Advance(absl::Milliseconds(1500));
  EXPECT_EQ(authenticator.Authenticate(WithBearer(secret), &credential), nullptr);  // cached
  // The secret is checked on every request, also against a cached row.
  std::unique_ptr<HttpResponse> wrong =
      authenticator.Authenticate(WithBearer("swv_" + token_id + ".wrong"), &credential);
  ASSERT_NE(wrong, nullptr);
  EXPECT_EQ(wrong->status, 401);
  clock_.Advance(absl::Milliseconds(500));
  std::unique_ptr<HttpResponse> revoked =
      authenticator.Authenticate(WithBearer(secret), &credential);
  ASSERT_NE(revoked, nullptr);
  EXPECT_EQ(revoked->status, 401);
  EXPECT_TRUE(absl::StrContains(revoked->body, "revoked")) << revoked->body;
}

TEST_F(AuthenticationStageTest, ACachedCredentialNeitherOutlivesItsExpiryNorTheStore) {
  RateLimiter failures(1, 100, &clock_);
  Authenticator authenticator(store_.get(), &failures, &clock_, absl::Seconds(2));
  std::string expiring =
      testing::Issue(*store_, PrincipalKind::kOffice, {}, clock_.Now() + absl::Seconds(1));
  std::string lasting =
      testing::Issue(*store_, PrincipalKind::kOffice, {}, clock_.Now() + absl::Hours(1));
  Credential credential;
  ASSERT_EQ(authenticator.Authenticate(WithBearer(expiring), &credential), nullptr);
  ASSERT_EQ(authenticator.Authenticate(WithBearer(lasting), &credential), nullptr);
  ASSERT_TRUE(scratch_->db()
                  .InTransaction([](storage::Transaction& tx) {
                    return tx.Execute("DROP TABLE gateway_credentials").status();
                  })
                  .ok());
  clock_.Advance(absl::Seconds(1));
  std::unique_ptr<HttpResponse> expired =
      authenticator.Authenticate(WithBearer(expiring), &credential);
  ASSERT_NE(expired, nullptr);
  EXPECT_TRUE(absl::StrContains(expired->body, "expired")) << expired->body;
  EXPECT_EQ(authenticator.Authenticate(WithBearer(lasting), &credential), nullptr);  // cached
  clock_.Advance(absl::Seconds(1));
  std::unique_ptr<HttpResponse> unavailable =
      authenticator.Authenticate(WithBearer(lasting), &credential);
  ASSERT_NE(unavailable, nullptr);
  EXPECT_EQ(unavailable->status, 503);  // read again: the store cannot answer
}

}  // namespace
}  // namespace swv::gateway
