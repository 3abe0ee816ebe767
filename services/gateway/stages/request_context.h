// One request on its way through the gateway's stages (gateway_core.h lists them in order): the
// route it matched, the caller it authenticated as, and what the later stages decided about it
// (partner view, audit). Built once per request by GatewayCore; owned by the request's stack frame
// and used by one thread.
#ifndef SWV_SERVICES_GATEWAY_STAGES_REQUEST_CONTEXT_H_
#define SWV_SERVICES_GATEWAY_STAGES_REQUEST_CONTEXT_H_

#include <string>
#include <vector>

#include "services/common/principal.h"
#include "services/common/trace_context.h"
#include "services/gateway/gateway_store.h"
#include "services/gateway/http_types.h"
#include "services/gateway/route_table.h"

namespace swv::gateway {

// "swvs/PO2203/thuiszitters/tz-1" -> "PO2203"; "" when the route names no tenant.
std::string TenantOf(const std::vector<PathBinding>& bindings);

// The resource name a route acts on: the binding of a field named "name" (also nested, as in
// "settings.name"); "" for collections.
std::string ResourceNameOf(const std::vector<PathBinding>& bindings);

// What a request asked for, for the access log: the record it names, else the collection it
// names (e.g. "swvs/PO2203" for a list), else "".
std::string RequestedRecord(const std::vector<PathBinding>& bindings);

struct RequestContext {
  // A request matched to a route by an authenticated caller, under the trace current on this
  // thread (GatewayCore::Handle starts or continues it; a new one when none is current). Every
  // write is logged, whatever its outcome, and every partner read, whatever it asked for (refusals
  // included).
  RequestContext(const HttpRequest& request, const Route& matched, std::vector<PathBinding> path,
                 Credential caller);

  const HttpRequest* http = nullptr;  // borrowed from the caller of GatewayCore::Handle
  const Route* route = nullptr;       // borrowed from the route table
  std::vector<PathBinding> bindings;
  Credential credential;
  Principal principal;
  std::string tenant;         // canonical, from the path
  TraceContext trace;         // the gateway's span of this request (trace_context.h)
  bool partner_view = false;  // answer in the partner's minimal view (partner_view.h)
  bool audit = false;         // write an access-log row for this request (audit.h)
  // The records the answer held, one access-log row each; empty: the record the request named.
  std::vector<std::string> audit_records;
  // Beside each of audit_records, the parents' consent a youth-care caller read it under ("" for
  // the others): kept in the row's legal ground.
  std::vector<std::string> audit_consents;
};

}  // namespace swv::gateway

#endif  // SWV_SERVICES_GATEWAY_STAGES_REQUEST_CONTEXT_H_
