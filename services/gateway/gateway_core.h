// The gateway's core: one HTTP request in, one response out, no sockets. The HTTP adapter
// (http_adapter.h) is the only code that touches the network; tests drive this class with strings.
//
// A request passes these stages in order (services/gateway/stages/, each with its own test); each
// answers application/problem+json when it refuses:
//   1. route: /api/v1/openapi.json, the dashboard and the OAuth endpoints (public; the token
//      endpoint authenticates clients itself, oauth/authorization_server.h), else the route table
//      (404 UNKNOWN_ROUTE, 405);
//   2. authentication (stages/authentication.h): the bearer credential (401); requests without a
//      valid one are limited per client address (429);
//   3. limits (stages/limits.h): rate per credential (429 with Retry-After), body size (413;
//      Batch*/Import* routes take the bulk limit), JSON content type (415);
//   4. transcoding (transcoder.h): JSON, path and query into the request message (400 naming the
//      field as the client wrote it); Idempotency-Key as the request_id;
//   5. route policy (stages/route_policy.h): the RPC's access declaration for the caller's kind
//      (403) and the tenant in the path (404). Which records the call reaches is the service's to
//      apply, on the record it loads and in the query before paging (404 like a missing record);
//   6. the backend call with a deadline and the principal (signed per call by the backend);
//   7. partner view (stages/partner_view.h): a partner's reply in the minimal view;
//   8. audit (stages/audit.h): the access-log rows of every write and every partner read, written
//      before the answer leaves; a success that cannot be logged is answered 503.
// Every response carries API-Version and the request's traceparent (W3C trace context: the
// client's trace continued, or a new one; trace_context.h), which the backend call and the
// access-log rows carry too; metrics count every request by route template, and one log line
// per request names its route template, status and trace id.
//
// Thread-safety: Handle and Precheck may be called from many threads at once.
#ifndef SWV_SERVICES_GATEWAY_GATEWAY_CORE_H_
#define SWV_SERVICES_GATEWAY_GATEWAY_CORE_H_

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "services/common/clock.h"
#include "services/common/metrics.h"
#include "services/common/principal.h"
#include "services/gateway/backend.h"
#include "services/gateway/gateway_store.h"
#include "services/gateway/http_types.h"
#include "services/gateway/oauth/authorization_server.h"
#include "services/gateway/oauth/oauth_options.h"
#include "services/gateway/oauth/token_verifier.h"
#include "services/gateway/openapi.h"
#include "services/gateway/rate_limiter.h"
#include "services/gateway/route_table.h"
#include "services/gateway/stages/audit.h"
#include "services/gateway/stages/authentication.h"
#include "services/gateway/stages/limits.h"
#include "services/gateway/stages/request_context.h"

namespace swv::gateway {

inline constexpr const char* kOpenApiPath = kOpenApiDocumentPath;
inline constexpr char kApiVersion[] = "1.0.0";

struct GatewayOptions {
  size_t max_body_bytes = 1 << 20;        // 1 MiB
  size_t max_bulk_body_bytes = 16 << 20;  // Batch*/Import* routes
  absl::Duration backend_deadline = absl::Seconds(10);
  double rate_per_second = 50;  // per credential; <= 0 disables
  double rate_burst = 100;
  // Requests without a valid credential, per client address: after a burst of 20 failed ones,
  // one per second. Checked before the credential store is asked.
  double unauthenticated_rate_per_second = 1;
  double unauthenticated_burst = 20;
  // How long a credential row is used before it is read again: a revocation takes effect within
  // it (stages/authentication.h). Zero: every request reads the store.
  absl::Duration credential_cache_ttl = absl::Seconds(2);
  OpenApiInfo openapi;  // title, version and contact of the document at /api/v1/openapi.json
  // OAuth 2.0 (docs/oauth.md): this gateway's token endpoint and the issuers whose access tokens
  // it accepts. Without an issuer and trusted issuers only API keys authenticate.
  oauth::OAuthOptions oauth;
};

class GatewayCore {
 public:
  // All borrowed; they must outlive the core. `metrics` may be null (no metrics).
  GatewayCore(RouteTable routes, Backend* backend, GatewayStore* store, const Clock* clock,
              Metrics* metrics, GatewayOptions options);

  HttpResponse Handle(const HttpRequest& request);
  // For the adapter, before it reads a large body: `head` is the request without its body, which
  // declares `content_length` bytes. The answer to send instead of reading the body (401, 429,
  // and 413 above the bulk limit, audited as Handle would), or null to go on.
  std::unique_ptr<HttpResponse> Precheck(const HttpRequest& head, size_t content_length);

  const RouteTable& routes() const { return routes_; }
  const std::string& openapi_json() const { return openapi_json_; }
  const GatewayOptions& options() const { return options_; }

 private:
  HttpResponse Dispatch(const HttpRequest& request, std::string* route_label);
  // Stages 3-7 for an authenticated request.
  HttpResponse Admit(RequestContext& context);
  HttpResponse Serve(RequestContext& context);

  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> CallBackend(
      const RequestContext& context, const Route& route, const google::protobuf::Message& request);
  HttpResponse Render(const RequestContext& context, const google::protobuf::Message& reply,
                      bool partner_view);

  void Finish(const HttpRequest& request, const std::string& route_label, absl::Duration latency,
              HttpResponse& response);
  void RecordMetrics(const std::string& route, const std::string& method, int status,
                     absl::Duration latency);

  const RouteTable routes_;
  Backend* backend_;
  Metrics* metrics_;
  const GatewayOptions options_;
  RateLimiter rate_limiter_;
  RateLimiter address_limiter_;  // failed authentications per client address
  oauth::AccessTokenVerifier token_verifier_;
  std::unique_ptr<oauth::AuthorizationServer> authorization_server_;  // null without an issuer
  Authenticator authenticator_;
  AuditWriter audit_;
  std::string openapi_json_;

  prometheus::Family<prometheus::Counter>* requests_total_ = nullptr;
  prometheus::Family<prometheus::Histogram>* request_seconds_ = nullptr;
};

// The body limits of these options.
inline BodyLimits BodyLimitsOf(const GatewayOptions& options) {
  return BodyLimits{options.max_body_bytes, options.max_bulk_body_bytes};
}

}  // namespace swv::gateway

#endif  // SWV_SERVICES_GATEWAY_GATEWAY_CORE_H_
