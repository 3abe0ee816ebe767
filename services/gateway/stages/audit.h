// The audit stage: the access-log rows of a request (every write, any principal, any outcome;
// every partner read, allowed, refused or malformed; one row per record a reply held), written
// before the answer leaves.
//
// Thread-safe: the store is; store and clock are borrowed and must outlive this object.
#ifndef SWV_SERVICES_GATEWAY_STAGES_AUDIT_H_
#define SWV_SERVICES_GATEWAY_STAGES_AUDIT_H_

#include "services/common/clock.h"
#include "services/gateway/gateway_store.h"
#include "services/gateway/http_types.h"
#include "services/gateway/stages/request_context.h"

namespace swv::gateway {

class AuditWriter {
 public:
  AuditWriter(GatewayStore* store, const Clock* clock) : store_(store), clock_(clock) {}

  // Writes the rows of a request marked `audit` and returns `response`; a success whose rows
  // cannot be written becomes 503 (an answer that could not be accounted for is not handed out;
  // a refusal hands out nothing and is returned as it is).
  HttpResponse Audited(const RequestContext& context, HttpResponse response) const;

 private:
  GatewayStore* store_;
  const Clock* clock_;
};

}  // namespace swv::gateway

#endif  // SWV_SERVICES_GATEWAY_STAGES_AUDIT_H_
