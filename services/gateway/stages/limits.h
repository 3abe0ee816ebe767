// The limits stage: what a request may cost before anything else looks at it. Rate limits are
// RateLimiter's (rate_limiter.h; per credential after authentication, per address for requests
// without a valid one); this file holds the answers and the body checks.
//
// Stateless functions: thread-safe.
#ifndef SWV_SERVICES_GATEWAY_STAGES_LIMITS_H_
#define SWV_SERVICES_GATEWAY_STAGES_LIMITS_H_

#include <cstddef>
#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/gateway/http_types.h"
#include "services/gateway/route_table.h"

namespace swv::gateway {

struct BodyLimits {
  size_t normal = 1 << 20;  // 1 MiB
  size_t bulk = 16 << 20;   // Batch*/Import* routes (Route::bulk)

  size_t For(const Route& route) const { return route.bulk ? bulk : normal; }
};

// 429 RATE_LIMITED with Retry-After in whole seconds (at least 1).
HttpResponse TooManyRequests(absl::string_view detail, absl::Duration wait,
                             const std::string& instance);

// 413 BODY_TOO_LARGE when a body of `size` bytes is over the route's limit; null otherwise.
std::unique_ptr<HttpResponse> CheckBodySize(const Route& route, size_t size,
                                            const BodyLimits& limits, const std::string& instance);

// 415 UNSUPPORTED_MEDIA_TYPE when a request has a body whose Content-Type is set and is not JSON
// (application/json or any +json type); null otherwise.
std::unique_ptr<HttpResponse> CheckContentType(const HttpRequest& request);

}  // namespace swv::gateway

#endif  // SWV_SERVICES_GATEWAY_STAGES_LIMITS_H_
