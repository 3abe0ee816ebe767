// The authentication stage: the bearer credential of a request, looked up in the gateway store.
// Requests without a valid credential are counted per client address, and an address over its
// budget is refused before the store is asked (guessing and flooding cost the store nothing).
//
// Thread-safe: the store and the limiter are; both are borrowed and must outlive this object.
#ifndef SWV_SERVICES_GATEWAY_STAGES_AUTHENTICATION_H_
#define SWV_SERVICES_GATEWAY_STAGES_AUTHENTICATION_H_

#include <memory>

#include "services/gateway/gateway_store.h"
#include "services/gateway/http_types.h"
#include "services/gateway/rate_limiter.h"

namespace swv::gateway {

class Authenticator {
 public:
  Authenticator(GatewayStore* store, RateLimiter* failures_per_address)
      : store_(store), failures_per_address_(failures_per_address) {}

  // Fills `credential` and returns null, or returns the answer to send instead: 429 for an
  // address over its budget, 401 MISSING_CREDENTIAL / INVALID_CREDENTIAL (with WWW-Authenticate),
  // 503 when the store cannot be asked.
  std::unique_ptr<HttpResponse> Authenticate(const HttpRequest& request,
                                             Credential* credential) const;

 private:
  GatewayStore* store_;
  RateLimiter* failures_per_address_;
};

}  // namespace swv::gateway

#endif  // SWV_SERVICES_GATEWAY_STAGES_AUTHENTICATION_H_
