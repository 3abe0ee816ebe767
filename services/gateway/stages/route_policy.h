// The route policy stage: the RPC's access declaration (services/common/access.h) for the
// caller's kind, and the tenant in the path. It reads no field names and fetches nothing: which
// records a call reaches is applied by the service (access_policy.h), which loads the record
// anyway and filters lists before paging. A partner's call is marked for the minimal view and
// the audit.
//
// Stateless: thread-safe.
#ifndef SWV_SERVICES_GATEWAY_STAGES_ROUTE_POLICY_H_
#define SWV_SERVICES_GATEWAY_STAGES_ROUTE_POLICY_H_

#include <memory>

#include "services/gateway/http_types.h"
#include "services/gateway/stages/request_context.h"

namespace swv::gateway {

// Null to go on, or the answer to send instead: 403 ROUTE_NOT_ALLOWED_FOR_ROLE for a kind the
// declaration refuses (naming the kind, the RPC and why) or a route that names no SWV; 404, as a
// missing record, for another SWV's path.
std::unique_ptr<HttpResponse> CheckRoutePolicy(RequestContext& context);

}  // namespace swv::gateway

#endif  // SWV_SERVICES_GATEWAY_STAGES_ROUTE_POLICY_H_
