#include "services/gateway/gateway_core.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/common/access.h"
#include "services/common/logging.h"
#include "services/common/trace_context.h"
#include "services/gateway/access_log_backend.h"
#include "services/gateway/dashboard_assets.h"
#include "services/gateway/openapi.h"
#include "services/gateway/problem.h"
#include "services/gateway/stages/limits.h"
#include "services/gateway/stages/partner_view.h"
#include "services/gateway/stages/route_policy.h"
#include "services/gateway/transcoder.h"
#include "services/kernel/errors.h"

namespace swv::gateway {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

std::unique_ptr<HttpResponse> Respond(HttpResponse response) {
  return std::make_unique<HttpResponse>(std::move(response));
}

std::string CodeClass(int status) { return absl::StrCat(status / 100, "xx"); }

// A 405 names the methods the path does answer, in the detail and in the Allow header.
HttpResponse MethodNotAllowed(absl::string_view allow, absl::string_view detail,
                              absl::string_view instance) {
  HttpResponse response = Problem(405, "UNIMPLEMENTED", "METHOD_NOT_ALLOWED", detail, instance);
  response.headers.emplace_back("Allow", std::string(allow));
  return response;
}

}  // namespace

GatewayCore::GatewayCore(RouteTable routes, Backend* backend, GatewayStore* store,
                         const Clock* clock, Metrics* metrics, GatewayOptions options)
    : routes_(std::move(routes)),
      backend_(backend),
      metrics_(metrics),
      options_(options),
      rate_limiter_(options.rate_per_second, options.rate_burst, clock),
      address_limiter_(options.unauthenticated_rate_per_second, options.unauthenticated_burst,
                       clock),
      token_verifier_(options.oauth),
      authenticator_(store, &address_limiter_, clock, options.credential_cache_ttl,
                     &token_verifier_),
      audit_(store, clock) {
  if (!options_.oauth.issuer.empty() && options_.oauth.signing_key) {
    authorization_server_ = std::make_unique<oauth::AuthorizationServer>(options_.oauth, store,
                                                                         &address_limiter_, clock);
  }
  OpenApiInfo openapi = options_.openapi;
  if (!options_.oauth.issuer.empty() && options_.oauth.signing_key) {
    openapi.oauth_token_url = options_.oauth.token_endpoint();
  }
  openapi_json_ = GenerateOpenApi(routes_, openapi);
  if (metrics_ != nullptr) {
    requests_total_ = &prometheus::BuildCounter()
                           .Name("http_requests_total")
                           .Help("HTTP requests answered by the gateway, by route template")
                           .Register(metrics_->registry());
    request_seconds_ = &prometheus::BuildHistogram()
                            .Name("http_request_duration_seconds")
                            .Help("Time to answer an HTTP request, by route template")
                            .Register(metrics_->registry());
  }
}

HttpResponse GatewayCore::Handle(const HttpRequest& request) {
  absl::Time start = absl::Now();
  ScopedTrace trace(ContinueOrStartTrace(request.Header(kTraceparentKey)));
  std::string route_label = "unmatched";
  HttpResponse response = Dispatch(request, &route_label);
  Finish(request, route_label, absl::Now() - start, response);
  return response;
}

// What every answer carries and what every request leaves behind: the headers, the metrics and
// one log line (under the request's trace, so it names the trace id).
void GatewayCore::Finish(const HttpRequest& request, const std::string& route_label,
                         absl::Duration latency, HttpResponse& response) {
  response.headers.emplace_back("API-Version", kApiVersion);
  if (const TraceContext* trace = CurrentTrace(); trace != nullptr) {
    response.headers.emplace_back(kTraceparentKey, FormatTraceparent(*trace));
  }
  RecordMetrics(route_label, request.method, response.status, latency);
  LogInfo("request", {{"method", request.method},
                      {"route", route_label},
                      {"status", absl::StrCat(response.status)},
                      {"duration_ms", absl::StrCat(absl::ToInt64Milliseconds(latency))}});
}

void GatewayCore::RecordMetrics(const std::string& route, const std::string& method, int status,
                                absl::Duration latency) {
  if (metrics_ == nullptr) return;
  // Only methods we serve become label values, so a scanner cannot create series.
  static const std::set<std::string> kKnownMethods = {"GET", "HEAD",   "POST",   "PATCH",
                                                      "PUT", "DELETE", "OPTIONS"};
  std::string method_label = kKnownMethods.count(method) ? method : "OTHER";
  requests_total_
      ->Add({{"route", route}, {"method", method_label}, {"code_class", CodeClass(status)}})
      .Increment();
  request_seconds_->Add({{"route", route}, {"method", method_label}}, LatencyBuckets())
      .Observe(absl::ToDoubleSeconds(latency));
}

// The dashboard's static files: public (they hold no data; the page asks for a credential and
// calls the API with it), never cached, and a CSP that allows only the gateway's own origin.
static HttpResponse ServeDashboard(const HttpRequest& request) {
  const std::string& instance = request.path;
  if (request.method != "GET" && request.method != "HEAD") {
    return MethodNotAllowed("GET", "the dashboard is read with GET", instance);
  }
  if (request.path == "/dashboard") {
    HttpResponse response;
    response.status = 308;
    response.content_type.clear();
    response.headers.emplace_back("Location", kDashboardPrefix);
    return response;
  }
  const EmbeddedFile* file = FindDashboardFile(request.path);
  if (file == nullptr) {
    return Problem(404, "NOT_FOUND", "UNKNOWN_ROUTE", "the dashboard has no such file", instance);
  }
  HttpResponse response;
  response.content_type = DashboardContentType(file->name);
  response.body.assign(file->data, file->size);
  response.headers.emplace_back("Cache-Control", "no-store");
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Referrer-Policy", "no-referrer");
  response.headers.emplace_back("Content-Security-Policy", kDashboardCsp);
  return response;
}

HttpResponse GatewayCore::Dispatch(const HttpRequest& request, std::string* route_label) {
  const std::string& instance = request.path;
  if (request.path == kOpenApiPath) {
    *route_label = kOpenApiPath;
    if (request.method != "GET" && request.method != "HEAD") {
      return MethodNotAllowed("GET", "the OpenAPI document is read with GET", instance);
    }
    HttpResponse response;
    response.body = openapi_json_;
    return response;
  }

  if (oauth::AuthorizationServer::Serves(request.path)) {
    *route_label = request.path;
    if (authorization_server_ == nullptr) {
      return Problem(404, "NOT_FOUND", "UNKNOWN_ROUTE",
                     "this gateway issues no tokens; its clients use API keys or the SWV's own "
                     "identity provider",
                     instance);
    }
    return authorization_server_->Handle(request);
  }

  if (request.path == "/dashboard" || absl::StartsWith(request.path, kDashboardPrefix)) {
    *route_label = "/dashboard/";
    return ServeDashboard(request);
  }

  RouteMatch match = routes_.Match(request.method, request.path);
  if (match.route == nullptr) {
    if (!match.allowed_methods.empty()) {
      const std::string allow = absl::StrJoin(match.allowed_methods, ", ");
      return MethodNotAllowed(allow, absl::StrCat("this path answers ", allow), instance);
    }
    return Problem(404, "NOT_FOUND", "UNKNOWN_ROUTE",
                   "no route has this path; the routes are listed in /api/v1/openapi.json",
                   instance);
  }
  const Route& route = *match.route;
  *route_label = route.path.text();

  // The credential comes before the body checks, so that every refusal after it is audited.
  Credential credential;
  if (auto refused = authenticator_.Authenticate(request, &credential)) return *refused;

  RequestContext context(request, route, std::move(match.bindings), std::move(credential));
  return audit_.Audited(context, Admit(context));
}

std::unique_ptr<HttpResponse> GatewayCore::Precheck(const HttpRequest& head,
                                                    size_t content_length) {
  RouteMatch match = routes_.Match(head.method, head.path);
  if (match.route == nullptr) return nullptr;  // Handle answers 404/405 (httplib's cap holds)
  const Route& route = *match.route;
  ScopedTrace trace(ContinueOrStartTrace(head.Header(kTraceparentKey)));
  Credential credential;
  std::unique_ptr<HttpResponse> refused = authenticator_.Authenticate(head, &credential);
  // Over the route's limit but within the bulk limit, the body of a valid credential is still
  // read and refused after: answering early resets the connection under a client that is still
  // sending, and many clients then see no answer at all.
  const BodyLimits limits = BodyLimitsOf(options_);
  if (refused == nullptr && content_length > std::max(limits.For(route), limits.bulk)) {
    RequestContext context(head, route, std::move(match.bindings), std::move(credential));
    refused =
        Respond(audit_.Audited(context, *CheckBodySize(route, content_length, limits, head.path)));
  }
  if (refused != nullptr) Finish(head, route.path.text(), absl::ZeroDuration(), *refused);
  return refused;
}

HttpResponse GatewayCore::Admit(RequestContext& context) {
  const HttpRequest& request = *context.http;
  absl::Duration wait = rate_limiter_.Acquire(context.credential.token_id);
  if (wait > absl::ZeroDuration()) {
    return TooManyRequests("too many requests for this credential; retry after the given seconds",
                           wait, request.path);
  }
  if (auto refused = CheckBodySize(*context.route, request.body.size(), BodyLimitsOf(options_),
                                   request.path)) {
    return *refused;
  }
  if (auto refused = CheckContentType(request)) return *refused;
  return Serve(context);
}

HttpResponse GatewayCore::Serve(RequestContext& context) {
  const Route& route = *context.route;
  const HttpRequest& http = *context.http;
  const std::string& instance = http.path;
  const Descriptor* input = route.method->input_type();

  absl::StatusOr<std::unique_ptr<Message>> request =
      BuildRequestMessage(route, context.bindings, http.query, http.body);
  if (!request.ok()) return ProblemFromStatus(request.status(), instance, input, route.body);
  if (absl::Status status = ApplyIdempotencyKey(http.Header("Idempotency-Key"), request->get());
      !status.ok()) {
    return ProblemFromStatus(status, instance);
  }
  if (auto refused = CheckRoutePolicy(context)) return *refused;

  absl::StatusOr<std::unique_ptr<Message>> reply = CallBackend(context, route, **request);
  if (!reply.ok()) {
    if (absl::IsUnavailable(reply.status()) || absl::IsDeadlineExceeded(reply.status())) {
      LogWarn("backend call failed",
              {{"route", route.path.text()},
               {"code", std::string(absl::StatusCodeToString(reply.status().code()))},
               {"error", std::string(reply.status().message())}});
    }
    return ProblemFromStatus(reply.status(), instance, input, route.body);
  }
  ApplyPartnerView(context, reply->get());
  if (context.audit && context.audit_records.empty()) {
    std::string name = GetStringField(**reply, "name");
    if (!name.empty()) context.audit_records.push_back(name);
  }
  return Render(context, **reply, context.partner_view);
}

absl::StatusOr<std::unique_ptr<Message>> GatewayCore::CallBackend(const RequestContext& context,
                                                                  const Route& route,
                                                                  const Message& request) {
  BackendCall call;
  call.service = route.service;
  call.full_method = route.full_method;
  call.request = &request;
  call.response_type = route.method->output_type();
  call.deadline = absl::Now() + options_.backend_deadline;
  call.metadata = PrincipalToMetadata(context.principal);
  call.metadata[kTraceparentKey] = FormatTraceparent(context.trace);
  return backend_->Call(call);
}

HttpResponse GatewayCore::Render(const RequestContext& context, const Message& reply,
                                 bool partner_view) {
  HttpResponse response;
  response.status = context.route->success_status;
  if (response.status == 204) {
    response.content_type.clear();
    return response;
  }
  response.body = MessageToJson(reply, !partner_view);
  if (response.status == 201) {
    std::string name = GetStringField(reply, "name");
    if (!name.empty()) response.headers.emplace_back("Location", absl::StrCat("/api/v1/", name));
  }
  return response;
}

}  // namespace swv::gateway
