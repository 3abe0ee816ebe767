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
#include "services/gateway/access_log_backend.h"
#include "services/gateway/dashboard_assets.h"
#include "services/gateway/openapi.h"
#include "services/gateway/problem.h"
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

// "swvs/PO2203/thuiszitters/tz-1" -> "PO2203"; "" when the route names no tenant.
std::string TenantOf(const std::vector<PathBinding>& bindings) {
  for (const auto& [field, value] : bindings) {
    std::vector<absl::string_view> parts = absl::StrSplit(value, '/');
    if (parts.size() >= 2 && parts[0] == "swvs" && !parts[1].empty()) return std::string(parts[1]);
  }
  return "";
}

// The resource name a route acts on: the binding of a field named "name" (also nested, as in
// "settings.name").
std::string ResourceNameOf(const std::vector<PathBinding>& bindings) {
  for (const auto& [field, value] : bindings) {
    if (field == "name" || absl::EndsWith(field, ".name")) return value;
  }
  return "";
}

// What a request asked for, for the access log: the record it names, else the collection it
// names (e.g. "swvs/PO2203" for a list), else "".
std::string RequestedRecord(const std::vector<PathBinding>& bindings) {
  std::string name = ResourceNameOf(bindings);
  if (!name.empty() || bindings.empty()) return name;
  return bindings.front().second;
}

HttpResponse TooManyRequests(absl::string_view detail, absl::Duration wait,
                             const std::string& instance) {
  HttpResponse response = Problem(429, "RESOURCE_EXHAUSTED", "RATE_LIMITED", detail, instance);
  response.headers.emplace_back(
      "Retry-After", absl::StrCat(std::max<int64_t>(1, std::ceil(absl::ToDoubleSeconds(wait)))));
  return response;
}

// Clears every field not in the minimal view, recursively (DESIGN.md "Pupils and privacy").
void ProjectMinimalView(Message* message) {
  const Descriptor* type = message->GetDescriptor();
  const Reflection* reflection = message->GetReflection();
  const std::vector<std::string>* allowed = MinimalViewFields(type->full_name());
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    if (allowed != nullptr && std::find(allowed->begin(), allowed->end(), field->name()) == allowed->end()) {
      reflection->ClearField(message, field);
      continue;
    }
    if (field->type() != FieldDescriptor::TYPE_MESSAGE || field->is_map()) continue;
    if (field->is_repeated()) {
      for (int r = 0; r < reflection->FieldSize(*message, field); ++r) {
        ProjectMinimalView(reflection->MutableRepeatedMessage(message, field, r));
      }
    } else if (reflection->HasField(*message, field)) {
      ProjectMinimalView(reflection->MutableMessage(message, field));
    }
  }
}

// Names of the records a reply holds: its own name, or the names of its list rows.
std::vector<std::string> RecordNames(const Message& reply) {
  std::vector<std::string> names;
  std::string own = GetStringField(reply, "name");
  if (!own.empty()) names.push_back(own);
  const Descriptor* type = reply.GetDescriptor();
  const Reflection* reflection = reply.GetReflection();
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    if (!field->is_repeated() || field->type() != FieldDescriptor::TYPE_MESSAGE || field->is_map()) continue;
    for (int r = 0; r < reflection->FieldSize(reply, field); ++r) {
      std::string name = GetStringField(reflection->GetRepeatedMessage(reply, field, r), "name");
      if (!name.empty()) names.push_back(name);
    }
  }
  return names;
}

std::string CodeClass(int status) { return absl::StrCat(status / 100, "xx"); }

}  // namespace

const std::vector<std::string>* MinimalViewFields(absl::string_view message_full_name) {
  // Case id, school, category, dates, status, the residence municipality (the partner's own), the
  // municipality's own case reference, and of the plan only what says that it exists. Not: LVS
  // pupil number, pupil id, cause, close reason, lateness, authors, versions, plan description.
  static const auto* views = new absl::flat_hash_map<std::string, std::vector<std::string>>{
      {"swv.v1.ThuiszitterCase",
       {"name", "school", "residence_municipality", "absence_kind", "category", "status",
        "absence_start", "reported_on", "closed_on", "days_absent", "municipality_case_ref", "plan",
        "past_one_month", "past_three_months"}},
      // That a plan exists (its version), when it was agreed, the expected resumption, and the role
      // of the responsible person (that one exists) - not the plan's content or the person's name.
      {"swv.v1.ThuiszitterPlan", {"plan_version", "agreed_on", "expected_resumption", "responsible_role"}},
  };
  auto it = views->find(message_full_name);
  return it == views->end() ? nullptr : &it->second;
}

struct GatewayCore::Context {
  // A request matched to a route by an authenticated caller. Every write is logged, whatever its
  // outcome, and every partner read, whatever it asked for (refusals included).
  Context(const HttpRequest& request, const Route& matched, std::vector<PathBinding> path,
          Credential caller)
      : http(&request),
        route(&matched),
        bindings(std::move(path)),
        credential(std::move(caller)),
        principal(credential.ToPrincipal()),
        tenant(CanonicalTenant(TenantOf(bindings))),
        audit(matched.http_method != "GET" || principal.kind == PrincipalKind::kPartner) {}

  const HttpRequest* http = nullptr;
  const Route* route = nullptr;
  std::vector<PathBinding> bindings;
  Credential credential;
  Principal principal;
  std::string tenant;        // canonical, from the path
  bool partner_view = false;
  bool own_board_statement = false;  // a board with its own board's record (statement, account)
  bool audit = false;        // write an access-log row for this request
  std::vector<std::string> audit_records;
};

GatewayCore::GatewayCore(RouteTable routes, Backend* backend, GatewayStore* store, const Clock* clock,
                         Metrics* metrics, GatewayOptions options)
    : routes_(std::move(routes)),
      backend_(backend),
      store_(store),
      clock_(clock),
      metrics_(metrics),
      options_(options),
      rate_limiter_(options.rate_per_second, options.rate_burst, clock),
      address_limiter_(options.unauthenticated_rate_per_second, options.unauthenticated_burst,
                       clock) {
  openapi_json_ = GenerateOpenApi(routes_, OpenApiInfo{});
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
  std::string route_label = "unmatched";
  HttpResponse response = Dispatch(request, &route_label);
  response.headers.emplace_back("API-Version", kApiVersion);
  absl::Duration latency = absl::Now() - start;
  RecordMetrics(route_label, request.method, response.status, latency);
  return response;
}

void GatewayCore::RecordMetrics(const std::string& route, const std::string& method, int status,
                                absl::Duration latency) {
  if (metrics_ == nullptr) return;
  // Only methods we serve become label values, so a scanner cannot create series.
  static const std::set<std::string> kKnownMethods = {"GET", "HEAD", "POST", "PATCH", "PUT", "DELETE", "OPTIONS"};
  std::string method_label = kKnownMethods.count(method) ? method : "OTHER";
  requests_total_->Add({{"route", route}, {"method", method_label}, {"code_class", CodeClass(status)}}).Increment();
  request_seconds_->Add({{"route", route}, {"method", method_label}}, LatencyBuckets())
      .Observe(absl::ToDoubleSeconds(latency));
}

// The dashboard's static files: public (they hold no data; the page asks for a credential and
// calls the API with it), never cached, and a CSP that allows only the gateway's own origin.
static HttpResponse ServeDashboard(const HttpRequest& request) {
  const std::string& instance = request.path;
  if (request.method != "GET" && request.method != "HEAD") {
    HttpResponse response = Problem(405, "UNIMPLEMENTED", "METHOD_NOT_ALLOWED",
                                    "the dashboard is read with GET", instance);
    response.headers.emplace_back("Allow", "GET");
    return response;
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
      HttpResponse response = Problem(405, "UNIMPLEMENTED", "METHOD_NOT_ALLOWED",
                                      "the OpenAPI document is read with GET", instance);
      response.headers.emplace_back("Allow", "GET");
      return response;
    }
    HttpResponse response;
    response.body = openapi_json_;
    return response;
  }

  if (request.path == "/dashboard" || absl::StartsWith(request.path, kDashboardPrefix)) {
    *route_label = "/dashboard/";
    return ServeDashboard(request);
  }

  RouteMatch match = routes_.Match(request.method, request.path);
  if (match.route == nullptr) {
    if (!match.allowed_methods.empty()) {
      HttpResponse response = Problem(
          405, "UNIMPLEMENTED", "METHOD_NOT_ALLOWED",
          absl::StrCat("this path answers ", absl::StrJoin(match.allowed_methods, ", ")), instance);
      response.headers.emplace_back("Allow", absl::StrJoin(match.allowed_methods, ", "));
      return response;
    }
    return Problem(404, "NOT_FOUND", "UNKNOWN_ROUTE",
                   "no route has this path; the routes are listed in /api/v1/openapi.json", instance);
  }
  const Route& route = *match.route;
  *route_label = route.path.text();

  // The credential comes before the body checks, so that every refusal after it is audited.
  Credential credential;
  if (std::unique_ptr<HttpResponse> refused = Authenticate(request, &credential)) return *refused;

  Context context(request, route, std::move(match.bindings), std::move(credential));
  HttpResponse response = Admit(context);
  if (!context.audit) return response;
  return Audited(context, std::move(response));
}

std::unique_ptr<HttpResponse> GatewayCore::Precheck(const HttpRequest& head,
                                                    size_t content_length) {
  RouteMatch match = routes_.Match(head.method, head.path);
  if (match.route == nullptr) return nullptr;  // Handle answers 404/405 (httplib's cap holds)
  const Route& route = *match.route;
  Credential credential;
  std::unique_ptr<HttpResponse> refused = Authenticate(head, &credential);
  // Over the route's limit but within the bulk limit, the body of a valid credential is still
  // read and refused after: answering early resets the connection under a client that is still
  // sending, and many clients then see no answer at all.
  size_t limit = route.bulk ? options_.max_bulk_body_bytes : options_.max_body_bytes;
  if (refused == nullptr && content_length > std::max(limit, options_.max_bulk_body_bytes)) {
    HttpResponse too_large = Problem(413, "INVALID_ARGUMENT", "BODY_TOO_LARGE",
                                     absl::StrCat("the request body has ", content_length,
                                                  " bytes; this route takes at most ", limit),
                                     head.path);
    Context context(head, route, std::move(match.bindings), std::move(credential));
    refused = Respond(context.audit ? Audited(context, std::move(too_large))
                                    : std::move(too_large));
  }
  if (refused != nullptr) {
    refused->headers.emplace_back("API-Version", kApiVersion);
    RecordMetrics(route.path.text(), head.method, refused->status, absl::ZeroDuration());
  }
  return refused;
}

std::unique_ptr<HttpResponse> GatewayCore::Authenticate(const HttpRequest& request,
                                                        Credential* credential) {
  const std::string& instance = request.path;
  // Guessing or flooding without a credential: refused before the store is asked.
  absl::Duration wait = address_limiter_.Peek(request.remote_address);
  if (wait > absl::ZeroDuration()) {
    return Respond(TooManyRequests(
        "too many requests without a valid credential from this address; retry after the given "
        "seconds",
        wait, instance));
  }
  std::string authorization = request.Header("Authorization");
  absl::string_view token = absl::StripAsciiWhitespace(authorization);
  if (!absl::ConsumePrefix(&token, "Bearer ") && !absl::ConsumePrefix(&token, "bearer ")) {
    HttpResponse response = Problem(401, "UNAUTHENTICATED", "MISSING_CREDENTIAL",
                                    "send a bearer credential: Authorization: Bearer swv_…", instance);
    response.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"swv\"");
    address_limiter_.Acquire(request.remote_address);
    return Respond(std::move(response));
  }
  absl::StatusOr<Credential> found = store_->Authenticate(absl::StripAsciiWhitespace(token));
  if (!found.ok()) {
    if (!absl::IsUnauthenticated(found.status())) {
      LogError("cannot check a credential", {{"error", std::string(found.status().message())}});
      return Respond(ProblemFromStatus(absl::UnavailableError("credential store"), instance));
    }
    HttpResponse response = Problem(401, "UNAUTHENTICATED", "INVALID_CREDENTIAL",
                                    found.status().message(), instance);
    response.headers.emplace_back("WWW-Authenticate",
                                  "Bearer realm=\"swv\", error=\"invalid_token\"");
    address_limiter_.Acquire(request.remote_address);
    return Respond(std::move(response));
  }
  *credential = *std::move(found);
  return nullptr;
}

HttpResponse GatewayCore::Admit(Context& context) {
  const HttpRequest& request = *context.http;
  const Route& route = *context.route;
  const std::string& instance = request.path;
  absl::Duration wait = rate_limiter_.Acquire(context.credential.token_id);
  if (wait > absl::ZeroDuration()) {
    return TooManyRequests("too many requests for this credential; retry after the given seconds",
                           wait, instance);
  }
  size_t limit = route.bulk ? options_.max_bulk_body_bytes : options_.max_body_bytes;
  if (request.body.size() > limit) {
    return Problem(413, "INVALID_ARGUMENT", "BODY_TOO_LARGE",
                   absl::StrCat("the request body has ", request.body.size(),
                                " bytes; this route takes at most ", limit),
                   instance);
  }
  if (!request.body.empty()) {
    std::string type = absl::AsciiStrToLower(request.Header("Content-Type"));
    std::string base = std::string(absl::StripAsciiWhitespace(type.substr(0, type.find(';'))));
    if (!base.empty() && base != "application/json" && !absl::EndsWith(base, "+json")) {
      return Problem(415, "INVALID_ARGUMENT", "UNSUPPORTED_MEDIA_TYPE",
                     "send the body as application/json", instance);
    }
  }
  return Serve(context);
}

// The access log row is written before the answer leaves: an answer that could not be accounted
// for is not handed out. A write may already have happened in the backend by then; the client
// sees 503 and retries (creates are idempotent by request id), and the service's own history
// still holds the change.
HttpResponse GatewayCore::Audited(const Context& context, HttpResponse response) {
  const Route& route = *context.route;
  std::vector<AuditEvent> events;
  std::vector<std::string> records = context.audit_records;
  if (records.empty()) records.push_back(RequestedRecord(context.bindings));
  for (const std::string& record : records) {
    AuditEvent event;
    // The principal's own SWV keeps the row, also when it asked for another SWV's record: that
    // SWV answers for the credential (ops credentials have none: the path's SWV).
    event.tenant = context.principal.tenant.empty() ? context.tenant : context.principal.tenant;
    event.time = clock_->Now();
    event.principal = context.principal.id;
    event.principal_kind = PrincipalKindName(context.principal.kind);
    event.principal_scope = absl::StrJoin(context.principal.scope, ",");
    event.credential_id = context.credential.token_id;
    event.http_method = route.http_method;
    event.route = route.path.text();
    event.record = record;
    event.legal_ground = context.credential.spec.legal_ground;
    event.http_status = response.status;
    events.push_back(std::move(event));
  }
  absl::Status logged = store_->AppendAll(events);
  if (logged.ok()) return response;
  LogError("cannot write the access log", {{"error", std::string(logged.message())},
                                           {"route", route.path.text()},
                                           {"principal", context.principal.id},
                                           {"status", absl::StrCat(response.status)}});
  // A refusal hands out nothing and acknowledges nothing; anything else is withheld.
  if (response.status >= 400) return response;
  return ProblemFromStatus(absl::UnavailableError("access log"), context.http->path);
}

HttpResponse GatewayCore::Serve(Context& context) {
  const Route& route = *context.route;
  const HttpRequest& http = *context.http;
  const std::string& instance = http.path;
  const Descriptor* input = route.method->input_type();

  absl::StatusOr<std::unique_ptr<Message>> request =
      BuildRequestMessage(route, context.bindings, http.query, http.body);
  if (!request.ok()) return ProblemFromStatus(request.status(), instance, input);

  std::string idempotency_key = std::string(absl::StripAsciiWhitespace(http.Header("Idempotency-Key")));
  if (!idempotency_key.empty()) {
    const FieldDescriptor* field = input->FindFieldByName("request_id");
    if (field != nullptr && field->type() == FieldDescriptor::TYPE_STRING && !field->is_repeated()) {
      std::string current = (*request)->GetReflection()->GetString(**request, field);
      if (!current.empty() && current != idempotency_key) {
        return ProblemFromStatus(
            InvalidField("Idempotency-Key", "CONFLICTING_REQUEST_ID",
                         "the Idempotency-Key header and requestId in the body differ; send one"),
            instance);
      }
      (*request)->GetReflection()->SetString(request->get(), field, idempotency_key);
    }
  }

  if (std::unique_ptr<HttpResponse> refused = Authorize(context, request->get())) return *refused;

  absl::StatusOr<std::unique_ptr<Message>> reply = CallBackend(context, route, **request);
  if (!reply.ok()) {
    if (absl::IsUnavailable(reply.status()) || absl::IsDeadlineExceeded(reply.status())) {
      LogWarn("backend call failed", {{"route", route.path.text()},
                                      {"code", std::string(absl::StatusCodeToString(reply.status().code()))},
                                      {"error", std::string(reply.status().message())}});
    }
    return ProblemFromStatus(reply.status(), instance, input);
  }
  if (std::unique_ptr<HttpResponse> refused = CheckReply(context, reply->get())) return *refused;
  if (context.audit && context.audit_records.empty()) {
    std::string name = GetStringField(**reply, "name");
    if (!name.empty()) context.audit_records.push_back(name);
  }
  return Render(context, **reply, context.partner_view);
}

absl::StatusOr<std::unique_ptr<Message>> GatewayCore::CallBackend(const Context& context, const Route& route,
                                                                   const Message& request) {
  BackendCall call;
  call.service = route.service;
  call.full_method = route.full_method;
  call.request = &request;
  call.response_type = route.method->output_type();
  call.deadline = absl::Now() + options_.backend_deadline;
  call.metadata = PrincipalToMetadata(context.principal);
  return backend_->Call(call);
}

std::unique_ptr<HttpResponse> GatewayCore::Authorize(Context& context, Message* request) {
  const Route& route = *context.route;
  const Principal& principal = context.principal;
  const std::string& instance = context.http->path;
  auto not_visible = [&instance] {
    return Respond(ProblemFromStatus(absl::NotFoundError(""), instance));
  };

  // Who may call the route at all, and how far it reaches, is the RPC's declaration (access.h).
  if (absl::Status allowed = CheckCall(principal, *route.method); !allowed.ok()) {
    return Respond(Problem(403, "PERMISSION_DENIED", "ROUTE_NOT_ALLOWED_FOR_ROLE",
                           allowed.message(), instance));
  }
  const swv::v1::Reach reach = ReachOf(*DeclarationOf(*route.method), principal.kind);
  if (context.tenant.empty()) {
    return Respond(Problem(403, "PERMISSION_DENIED", "ROUTE_NOT_ALLOWED_FOR_ROLE",
                           "this route names no SWV; it is not open to bearer credentials",
                           instance));
  }
  // Another tenant's records do not exist for this principal.
  if (context.tenant != principal.tenant) return not_visible();

  // Which records a call reaches (a school's own, a board's schools, a partner's municipalities)
  // is the service's to apply: it loads the record anyway, and it filters lists in the query before
  // paging. The gateway adds only the partner's minimal view and its audit.
  if (reach == swv::v1::REACH_OWN_MUNICIPALITIES) {
    context.partner_view = true;
    context.audit = true;
  }
  return nullptr;
}

std::unique_ptr<HttpResponse> GatewayCore::CheckReply(Context& context, Message* reply) {
  if (context.partner_view) {
    ProjectMinimalView(reply);
    context.audit_records = RecordNames(*reply);
  }
  return nullptr;
}

HttpResponse GatewayCore::Render(const Context& context, const Message& reply, bool partner_view) {
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
