// The route policy stage alone: the declaration per kind, the tenant in the path, and the
// partner's view and audit. No backend: the stage never calls one.
#include "services/gateway/stages/route_policy.h"

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "services/common/access.h"

namespace swv::gateway {
namespace {

class RoutePolicyStageTest : public ::testing::Test {
 protected:
  RequestContext ContextFor(const char* method, PrincipalKind kind, const std::string& tenant,
                            const std::string& path_tenant = "PO2203") {
    route_.method = FindMethod(method);
    EXPECT_NE(route_.method, nullptr) << method;
    route_.http_method = "GET";
    Credential credential;
    credential.token_id = "cr-1";
    credential.spec.kind = kind;
    credential.spec.tenant = tenant;
    if (kind == PrincipalKind::kSchool) credential.spec.scope = {"12AB00"};
    if (kind == PrincipalKind::kPartner) credential.spec.scope = {"GM0606"};
    return RequestContext(http_, route_, {{"name", "swvs/" + path_tenant + "/thuiszitters/tz-1"}},
                          credential);
  }

  HttpRequest http_;
  Route route_;
};

TEST_F(RoutePolicyStageTest, AKindTheDeclarationRefusesIs403NamingIt) {
  RequestContext context = ContextFor("/swv.v1.Tlvs/DecideTlv", PrincipalKind::kSchool, "PO2203");
  std::unique_ptr<HttpResponse> refused = CheckRoutePolicy(context);
  ASSERT_NE(refused, nullptr);
  EXPECT_EQ(refused->status, 403);
  EXPECT_TRUE(absl::StrContains(refused->body, "ROUTE_NOT_ALLOWED_FOR_ROLE")) << refused->body;
  EXPECT_TRUE(absl::StrContains(refused->body, "school")) << refused->body;
}

TEST_F(RoutePolicyStageTest, AnotherSwvsPathAnswersAsMissing) {
  RequestContext context = ContextFor("/swv.v1.Registrations/GetThuiszitter",
                                      PrincipalKind::kSchool, "PO2203", "PO2204");
  std::unique_ptr<HttpResponse> refused = CheckRoutePolicy(context);
  ASSERT_NE(refused, nullptr);
  EXPECT_EQ(refused->status, 404);
}

TEST_F(RoutePolicyStageTest, AllowedKindsGoOnAndPartnersGetTheirViewAndAudit) {
  RequestContext school =
      ContextFor("/swv.v1.Registrations/GetThuiszitter", PrincipalKind::kSchool, "PO2203");
  EXPECT_EQ(CheckRoutePolicy(school), nullptr);
  EXPECT_FALSE(school.partner_view);
  EXPECT_FALSE(school.audit);  // a school's read is not a partner read
  RequestContext partner =
      ContextFor("/swv.v1.Registrations/GetThuiszitter", PrincipalKind::kPartner, "PO2203");
  EXPECT_EQ(CheckRoutePolicy(partner), nullptr);
  EXPECT_TRUE(partner.partner_view);
  EXPECT_TRUE(partner.audit);
}

}  // namespace
}  // namespace swv::gateway
