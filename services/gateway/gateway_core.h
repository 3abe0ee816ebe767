// The gateway's core: one HTTP request in, one response out, no sockets. The httplib adapter
// (http_adapter.h) is the only code that touches the network; tests drive this class with strings.
//
// For each request, in order (each step answers application/problem+json when it refuses):
//   1. route: /api/v1/openapi.json (public), else the route table (404 UNKNOWN_ROUTE, 405);
//   2. authentication: "Authorization: Bearer swv_…" against the gateway store (401);
//   3. rate limit per credential (429 with Retry-After);
//   4. body size (413; Batch*/Import* routes have the larger bulk limit), JSON content type (415);
//   5. transcoding JSON/path/query -> request message (400 naming the field); Idempotency-Key ->
//      request_id;
//   6. authorization (see "Authorization" in docs/gateway.md): the tenant in the path, and the
//      RPC's access declaration for the principal's kind (access.h): a kind it refuses answers
//      403. Which records the call reaches (own schools, the board's schools, the partner's
//      municipalities) is applied by the service, which loads the record anyway and filters lists
//      before paging: out of scope answers 404 exactly like a missing record;
//   7. the backend call with a deadline and the principal in metadata (504, 503, mapped errors);
//   8. the partner's minimal view of the reply;
//   9. the access log, for every request of steps 3-8 that is a write (any principal, any outcome)
//      or a partner's read (allowed, refused or malformed; one row per record returned). The rows
//      are written before the answer leaves; a success whose rows cannot be written is answered
//      503 instead (a write may have happened in the backend by then).
// Every response carries API-Version; metrics count every request by route template.
//
// Thread-safety: Handle may be called from many threads at once.
#ifndef SWV_SERVICES_GATEWAY_GATEWAY_CORE_H_
#define SWV_SERVICES_GATEWAY_GATEWAY_CORE_H_

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "services/common/clock.h"
#include "services/common/metrics.h"
#include "services/common/principal.h"
#include "services/gateway/backend.h"
#include "services/gateway/gateway_store.h"
#include "services/gateway/http_types.h"
#include "services/gateway/openapi.h"
#include "services/gateway/rate_limiter.h"
#include "services/gateway/route_table.h"

namespace swv::gateway {

inline constexpr const char* kOpenApiPath = kOpenApiDocumentPath;
inline constexpr char kApiVersion[] = "1.0.0";

struct GatewayOptions {
  size_t max_body_bytes = 1 << 20;         // 1 MiB
  size_t max_bulk_body_bytes = 16 << 20;   // Batch*/Import* routes
  absl::Duration backend_deadline = absl::Seconds(10);
  double rate_per_second = 50;             // per credential; <= 0 disables
  double rate_burst = 100;
  // Requests without a valid credential, per client address: after a burst of 20 failed ones,
  // one per second. Checked before the credential store is asked.
  double unauthenticated_rate_per_second = 1;
  double unauthenticated_burst = 20;
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
  struct Context;

  HttpResponse Dispatch(const HttpRequest& request, std::string* route_label);
  // The bearer credential of the request, or the 401/503 to answer instead.
  std::unique_ptr<HttpResponse> Authenticate(const HttpRequest& request, Credential* credential);
  // Steps 4-8 for an authenticated request.
  HttpResponse Admit(Context& context);
  // Step 9: writes the access-log rows; a success that cannot be logged becomes 503.
  HttpResponse Audited(const Context& context, HttpResponse response);
  HttpResponse Serve(Context& context);
  // Pre-call authorization. Returns a response to send instead of calling, or null to go ahead.
  std::unique_ptr<HttpResponse> Authorize(Context& context, google::protobuf::Message* request);
  // Post-call: scope check and view of the reply. Returns a response to send instead, or null.
  std::unique_ptr<HttpResponse> CheckReply(Context& context, google::protobuf::Message* reply);

  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> CallBackend(
      const Context& context, const Route& route, const google::protobuf::Message& request);
  HttpResponse Render(const Context& context, const google::protobuf::Message& reply, bool partner_view);

  void RecordMetrics(const std::string& route, const std::string& method, int status,
                     absl::Duration latency);

  const RouteTable routes_;
  Backend* backend_;
  GatewayStore* store_;
  const Clock* clock_;
  Metrics* metrics_;
  const GatewayOptions options_;
  RateLimiter rate_limiter_;
  RateLimiter address_limiter_;  // failed authentications per client address
  std::string openapi_json_;

  prometheus::Family<prometheus::Counter>* requests_total_ = nullptr;
  prometheus::Family<prometheus::Histogram>* request_seconds_ = nullptr;
};

// The fields a municipality partner sees, per message type (DESIGN.md "Pupils and privacy"):
// an allowlist, so a field added to a message later stays hidden until someone decides otherwise.
const std::vector<std::string>* MinimalViewFields(absl::string_view message_full_name);

}  // namespace swv::gateway

#endif  // SWV_SERVICES_GATEWAY_GATEWAY_CORE_H_
