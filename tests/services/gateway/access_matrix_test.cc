// Every RPC for every kind of principal, against the real services and the real gateway core: the
// answer is the one the RPC's access declaration gives (proto/swv/v1/access.proto, docs/access.md).
// The records out of a caller's reach are tested in access_matrix_scope_test.cc.
#include <grpcpp/grpcpp.h>

#include <memory>
#include <set>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/common/access.h"
#include "services/common/grpc_principal.h"
#include "services/gateway/gateway_core.h"
#include "swv/gateway/v1/access_log.pb.h"
#include "tests/services/gateway/access_matrix_fixture.h"
#include "tests/services/gateway/gateway_test_support.h"
#include "tests/testing/test_identity.h"

namespace swv::gateway {
namespace {

using google::protobuf::MethodDescriptor;
using google::protobuf::ServiceDescriptor;
using testing::AccessMatrixTest;
using testing::kKinds;
using testing::kOtherSchool;
using testing::PathFor;

// The RPCs and routes are read from the compiled descriptors, so an RPC added later is in these
// tests without anyone listing it, and one without a declaration fails them. Per route and kind,
// through the gateway: own SWV, another SWV, no credential. Per RPC and kind, straight at the
// service: a signed principal, no token, and a principal written into the metadata by hand
// (forged). Declared refusals answer 403 ROUTE_NOT_ALLOWED_FOR_ROLE / PERMISSION_DENIED; allowed
// kinds never get that answer.
bool RefusedForRole(const HttpResponse& response) {
  return response.status == 403 && absl::StrContains(response.body, "ROUTE_NOT_ALLOWED_FOR_ROLE");
}

TEST_F(AccessMatrixTest, EveryRouteAnswersWhatItsDeclarationSaysForEveryKind) {
  int checked = 0;
  for (const Route& route : core_->routes().routes()) {
    SCOPED_TRACE(absl::StrCat(route.http_method, " ", route.path.text()));
    absl::StatusOr<swv::v1::Access> access = DeclarationOf(*route.method);
    ASSERT_TRUE(access.ok()) << access.status();
    // No credential: 401, whatever the route.
    EXPECT_EQ(Call(route, "PO2203", "").status, 401);
    for (PrincipalKind kind : kKinds) {
      SCOPED_TRACE(PrincipalKindName(kind));
      const bool allowed = ReachOf(*access, kind) != swv::v1::REACH_NONE;
      HttpResponse own = Call(route, "PO2203", secrets_[kind]);
      EXPECT_EQ(RefusedForRole(own), !allowed) << own.status << " " << own.body;
      EXPECT_NE(own.status, 401) << own.body;
      // Another SWV: a refused kind is refused as such; an allowed one finds nothing there.
      HttpResponse other = Call(route, "PO9999", secrets_[kind]);
      if (allowed) {
        EXPECT_EQ(other.status, 404) << other.body;
      } else {
        EXPECT_TRUE(RefusedForRole(other)) << other.status << " " << other.body;
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 6 * 70);
}

TEST_F(AccessMatrixTest, EveryRpcAnswersWhatItsDeclarationSaysStraightAtTheService) {
  int checked = 0;
  std::set<const ServiceDescriptor*> services;
  for (const Route& route : core_->routes().routes()) services.insert(route.method->service());
  for (const ServiceDescriptor* each : services) {
    const ServiceDescriptor& service = *each;
    if (service.full_name() == kAccessLogService) continue;  // the gateway's own, in-process
    for (int i = 0; i < service.method_count(); ++i) {
      const MethodDescriptor& method = *service.method(i);
      if (method.client_streaming() || method.server_streaming()) continue;
      SCOPED_TRACE(method.full_name());
      absl::StatusOr<swv::v1::Access> access = DeclarationOf(method);
      ASSERT_TRUE(access.ok()) << access.status();
      std::shared_ptr<grpc::Channel> signed_channel = swv::testing::TestChannel(TargetOf(service));
      std::shared_ptr<grpc::Channel> raw_channel =
          grpc::CreateChannel(TargetOf(service), grpc::InsecureChannelCredentials());
      for (PrincipalKind kind :
           {PrincipalKind::kOffice, PrincipalKind::kSchool, PrincipalKind::kBoard,
            PrincipalKind::kPartner, PrincipalKind::kYouthCare, PrincipalKind::kOps,
            PrincipalKind::kService}) {
        SCOPED_TRACE(PrincipalKindName(kind));
        Principal principal =
            kind == PrincipalKind::kService ? ServicePrincipal("matrix") : PrincipalOf(kind);
        const bool allowed = ReachOf(*access, kind) != swv::v1::REACH_NONE;
        grpc::Status status = CallService(method, signed_channel, PrincipalToMetadata(principal));
        const bool refused = status.error_code() == grpc::StatusCode::PERMISSION_DENIED &&
                             absl::StrContains(status.error_message(), "may not call");
        EXPECT_EQ(refused, !allowed) << status.error_code() << " " << status.error_message();
        // Forged: the same principal written into the metadata by hand, no token.
        grpc::Status forged = CallService(method, raw_channel, PrincipalToMetadata(principal));
        EXPECT_EQ(forged.error_code(), grpc::StatusCode::UNAUTHENTICATED) << forged.error_message();
        ++checked;
      }
      grpc::Status anonymous = CallService(method, raw_channel, {});
      EXPECT_EQ(anonymous.error_code(), grpc::StatusCode::UNAUTHENTICATED);
    }
  }
  EXPECT_GT(checked, 7 * 70);
}

// "404 NOT_FOUND": what a client can tell from an answer without reading the detail text.
// Every RPC of every service this system serves has a declaration (the build and every start
// check it too).
TEST_F(AccessMatrixTest, EveryRpcIsDeclared) {
  std::set<const ServiceDescriptor*> services;
  for (const Route& route : core_->routes().routes()) services.insert(route.method->service());
  EXPECT_GE(services.size(), 7u);
  EXPECT_TRUE(UndeclaredMethods({services.begin(), services.end()}).empty());
}

}  // namespace
}  // namespace swv::gateway
