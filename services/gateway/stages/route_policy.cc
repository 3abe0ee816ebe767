#include "services/gateway/stages/route_policy.h"

#include "services/common/access.h"
#include "services/gateway/problem.h"

namespace swv::gateway {

std::unique_ptr<HttpResponse> CheckRoutePolicy(RequestContext& context) {
  const Principal& principal = context.principal;
  const std::string& instance = context.http->path;
  const google::protobuf::MethodDescriptor& method = *context.route->method;
  if (absl::Status allowed = CheckCall(principal, method); !allowed.ok()) {
    return std::make_unique<HttpResponse>(Problem(
        403, "PERMISSION_DENIED", "ROUTE_NOT_ALLOWED_FOR_ROLE", allowed.message(), instance));
  }
  if (context.tenant.empty()) {
    return std::make_unique<HttpResponse>(
        Problem(403, "PERMISSION_DENIED", "ROUTE_NOT_ALLOWED_FOR_ROLE",
                "this route names no SWV; it is not open to bearer credentials", instance));
  }
  // Another tenant's records do not exist for this principal.
  if (context.tenant != principal.tenant) {
    return std::make_unique<HttpResponse>(ProblemFromStatus(absl::NotFoundError(""), instance));
  }
  const swv::v1::Reach reach = ReachOf(*DeclarationOf(method), principal.kind);
  if (reach == swv::v1::REACH_OWN_MUNICIPALITIES || reach == swv::v1::REACH_CONSENTED) {
    context.partner_view = true;
    context.audit = true;
  }
  return nullptr;
}

}  // namespace swv::gateway
