// The authentication stage alone: missing, wrong and valid credentials, and the budget of
// failures per client address, which is spent before the store is asked.
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
  Authenticator authenticator(store_.get(), &failures);
  std::string secret =
      testing::Issue(*store_, PrincipalKind::kSchool, {"12AB00"}, clock_.Now() + absl::Hours(1));
  Credential credential;
  EXPECT_EQ(authenticator.Authenticate(WithBearer(secret), &credential), nullptr);
  EXPECT_EQ(credential.spec.kind, PrincipalKind::kSchool);
  EXPECT_EQ(credential.spec.scope, std::vector<std::string>{"12AB00"});
}

TEST_F(AuthenticationStageTest, MissingOrWrongCredentialsAre401AndSpendTheAddressBudget) {
  RateLimiter failures(1, 3, &clock_);
  Authenticator authenticator(store_.get(), &failures);
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

}  // namespace
}  // namespace swv::gateway
