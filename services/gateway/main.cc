// swv-gateway: the public HTTPS/JSON API in front of the gRPC services. Routes come from the
// linked protos; credentials and the access log live in the gateway's own database. Besides the
// public listener, the process runs the common service runtime (gRPC health, /metrics, /healthz,
// /readyz on the side port). See docs/gateway.md.
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "services/common/clock.h"
#include "services/common/file_limit.h"
#include "services/common/grpc_channel.h"
#include "services/common/logging.h"
#include "services/common/service_main.h"
#include "services/gateway/access_log_backend.h"
#include "services/gateway/backend.h"
#include "services/gateway/gateway_core.h"
#include "services/gateway/gateway_store.h"
#include "services/gateway/http_adapter.h"
#include "services/gateway/oauth/oauth_config.h"
#include "services/gateway/openapi.h"
#include "services/gateway/route_table.h"
#include "services/kernel/status_macros.h"

int main(int argc, char** argv) {
  swv::ServerOptions defaults;
  defaults.service_name = "swv-gateway";
  // Not the registrations defaults, so a developer can run everything on one machine.
  defaults.grpc_address = "127.0.0.1:50060";
  defaults.http_address = "127.0.0.1:9470";
  defaults.database_url = "sqlite:var/gateway.db";
  swv::ServiceMain main(defaults, "Public REST/JSON gateway in front of the SWV services.");
  swv::gateway::HttpListenerOptions listener;
  swv::gateway::GatewayOptions gateway;
  std::string registrations_target = "127.0.0.1:50051";
  std::string allocation_target;
  std::string monitoring_target;
  std::string backend_overrides;
  int max_body_bytes = static_cast<int>(gateway.max_body_bytes);
  int max_bulk_body_bytes = static_cast<int>(gateway.max_bulk_body_bytes);
  int rate_per_second = static_cast<int>(gateway.rate_per_second);
  int rate_burst = static_cast<int>(gateway.rate_burst);
  swv::gateway::oauth::OAuthFlags oauth;
  bool print_openapi = false;
  bool print_routes = false;

  swv::OptionParser& parser = main.flags();
  swv::gateway::AddListenerFlags(parser, &listener);
  parser.AddString("oauth-issuer", "SWV_OAUTH_ISSUER",
                   "this gateway's public URL as OAuth issuer (empty: from --listen-address; "
                   "none: no token endpoint)",
                   &oauth.issuer);
  parser.AddString("oauth-signing-key", "SWV_OAUTH_SIGNING_KEY",
                   "PEM RSA private key that signs access tokens; created when missing",
                   &oauth.signing_key_file);
  parser.AddString("oauth-audience", "SWV_OAUTH_AUDIENCE",
                   "the aud access tokens must name (empty: <issuer>/api/v1)", &oauth.audience);
  parser.AddDuration("oauth-token-lifetime", "SWV_OAUTH_TOKEN_LIFETIME",
                     "lifetime of the access tokens this gateway issues (1m-1h)",
                     &oauth.token_lifetime);
  parser.AddString("oauth-trusted-issuers", "SWV_OAUTH_TRUSTED_ISSUERS",
                   "external identity providers: ISSUER=JWKS_FILE,… (their tokens are accepted)",
                   &oauth.trusted_issuers);
  parser.AddString(
      "registrations-target", "SWV_REGISTRATIONS_TARGET",
      "host:port of swv-registrations (Registrations, Directory and the other swv.v1 services)",
      &registrations_target);
  parser.AddString("allocation-target", "SWV_ALLOCATION_TARGET",
                   "host:port of swv-allocation (empty: 503)", &allocation_target);
  parser.AddString("monitoring-target", "SWV_MONITORING_TARGET",
                   "host:port of swv-monitoring (empty: 503)", &monitoring_target);
  parser.AddString("backends", "SWV_GATEWAY_BACKENDS",
                   "per-service overrides: swv.v1.Foo=host:port,swv.v1.Bar=host:port",
                   &backend_overrides);
  parser.AddDuration("backend-deadline", "SWV_GATEWAY_BACKEND_DEADLINE",
                     "deadline of every backend call", &gateway.backend_deadline);
  parser.AddDuration("credential-cache-ttl", "SWV_GATEWAY_CREDENTIAL_CACHE_TTL",
                     "how long a credential is used before it is read again; a revocation takes "
                     "effect within it (0s: read on every request)",
                     &gateway.credential_cache_ttl, swv::OptionParser::DurationLimit::kNotNegative);
  parser.AddInt("max-body-bytes", "SWV_GATEWAY_MAX_BODY_BYTES", "largest request body",
                &max_body_bytes);
  parser.AddInt("max-bulk-body-bytes", "SWV_GATEWAY_MAX_BULK_BODY_BYTES",
                "largest request body of Batch*/Import* routes", &max_bulk_body_bytes);
  parser.AddInt("rate-per-second", "SWV_GATEWAY_RATE_PER_SECOND",
                "requests per second per credential (0: off)", &rate_per_second);
  parser.AddInt("rate-burst", "SWV_GATEWAY_RATE_BURST", "burst per credential", &rate_burst);
  parser.AddString("api-contact-name", "SWV_API_CONTACT_NAME",
                   "who answers for the API, in the OpenAPI document",
                   &gateway.openapi.contact_name);
  parser.AddString("api-contact-email", "SWV_API_CONTACT_EMAIL", "their e-mail address",
                   &gateway.openapi.contact_email);
  parser.AddString("api-contact-url", "SWV_API_CONTACT_URL", "their web page",
                   &gateway.openapi.contact_url);
  parser.AddBool("print-openapi", "", "print the OpenAPI document to stdout and exit",
                 &print_openapi);
  parser.AddBool("print-routes", "", "print one line \"METHOD /openapi/path\" per route and exit",
                 &print_routes);
  main.ParseOrExit(argc, argv, [&]() -> absl::Status {
    if (max_body_bytes <= 0 || max_bulk_body_bytes < max_body_bytes) {
      return absl::InvalidArgumentError(
          "--max-body-bytes must be > 0 and <= --max-bulk-body-bytes");
    }
    if (gateway.openapi.contact_name.empty() || gateway.openapi.contact_email.empty() ||
        gateway.openapi.contact_url.empty()) {
      return absl::InvalidArgumentError(
          "--api-contact-name, --api-contact-email and --api-contact-url must not be empty (the "
          "API Design Rules ask for all three)");
    }
    return swv::gateway::ValidateListenerOptions(listener);
  });
  gateway.max_body_bytes = static_cast<size_t>(max_body_bytes);
  gateway.max_bulk_body_bytes = static_cast<size_t>(max_bulk_body_bytes);
  gateway.rate_per_second = rate_per_second;
  gateway.rate_burst = rate_burst;
  listener.max_payload_bytes = gateway.max_bulk_body_bytes + 1;  // the core answers 413 itself

  absl::StatusOr<swv::gateway::RouteTable> routes = swv::gateway::RouteTable::FromGeneratedPool();
  if (!routes.ok()) {
    swv::LogError("the protos' HTTP rules are broken",
                  {{"error", std::string(routes.status().message())}});
    return 1;
  }
  if (print_openapi || print_routes) {
    if (print_openapi) {
      // As served: with the token endpoint when the gateway issues tokens (no key is read here).
      std::string issuer = swv::gateway::oauth::IssuerFromFlags(
          oauth, !listener.tls_cert_file.empty(), listener.address);
      if (!issuer.empty()) {
        gateway.openapi.oauth_token_url = issuer + swv::gateway::oauth::kTokenPath;
      }
      std::cout << swv::gateway::GenerateOpenApi(*routes, gateway.openapi) << "\n";
    } else {
      for (const swv::gateway::Route& route : routes->routes()) {
        std::vector<swv::OpenApiPathParameter> parameters;
        std::cout << route.http_method << " " << route.path.OpenApiPath(&parameters) << "\n";
      }
      std::cout << "GET " << swv::gateway::kOpenApiDocumentPath << "\n";
    }
    return 0;
  }
  std::set<std::string> service_set;
  for (const swv::gateway::Route& route : routes->routes()) service_set.insert(route.service);
  absl::StatusOr<std::map<std::string, std::string>> targets = swv::gateway::ResolveBackendTargets(
      {service_set.begin(), service_set.end()}, registrations_target, allocation_target,
      monitoring_target, backend_overrides);
  if (!targets.ok()) {
    swv::LogError("bad backend configuration",
                  {{"error", std::string(targets.status().message())}});
    return 2;
  }
  for (const std::string& service : service_set) {
    auto it = targets->find(service);
    swv::LogInfo(
        "route backend",
        {{"service", service},
         {"target", it == targets->end()
                        ? (service == swv::gateway::kAccessLogService ? "in-process" : "none (503)")
                        : it->second}});
  }

  bool created_key = false;
  absl::StatusOr<swv::gateway::oauth::OAuthOptions> oauth_options =
      swv::gateway::oauth::BuildOAuthOptions(oauth, !listener.tls_cert_file.empty(),
                                             listener.address, &created_key);
  if (!oauth_options.ok()) {
    swv::LogError("bad OAuth configuration",
                  {{"error", std::string(oauth_options.status().message())}});
    return 2;
  }
  gateway.oauth = *std::move(oauth_options);
  if (created_key) {
    swv::LogInfo("created an OAuth signing key", {{"file", oauth.signing_key_file}});
  }
  swv::LogInfo("oauth", {{"issuer", gateway.oauth.issuer.empty() ? "none" : gateway.oauth.issuer},
                         {"audience", gateway.oauth.audience},
                         {"trusted_issuers", std::to_string(gateway.oauth.trusted.size())}});

  swv::SystemClock clock;
  using swv::gateway::GatewayStore;
  std::unique_ptr<GatewayStore> store = main.Open<GatewayStore>(
      [&](swv::storage::Database* db) { return GatewayStore::Open(db, &clock); });
  if (store == nullptr) return main.exit_code();

  absl::StatusOr<swv::ChannelFactory> channels = swv::ChannelFactory::FromOptions(
      main.options(), swv::kIssuerGateway, swv::ServicePrincipal("swv-gateway"));
  if (!channels.ok()) {
    swv::LogError("cannot start", {{"error", std::string(channels.status().message())}});
    return 2;
  }
  swv::gateway::GrpcBackend grpc_backend(*targets, *channels);
  swv::gateway::AccessLogBackend access_log(store.get());
  swv::gateway::RoutingBackend backend(&grpc_backend);
  backend.Route(swv::gateway::kAccessLogService, &access_log);

  swv::ServiceRuntime& runtime = main.runtime();
  swv::storage::Database* database_handle = main.database();
  runtime.SetReadinessCheck([database_handle] { return database_handle->Ping(); });
  swv::gateway::GatewayCore core(*std::move(routes), &backend, store.get(), &clock,
                                 &runtime.metrics(), gateway);
  if (absl::Status status = runtime.Start(); !status.ok()) {
    swv::LogError("cannot start", {{"error", std::string(status.message())}});
    return 1;
  }
  // Idle keep-alive clients cost a descriptor each (and no thread): take what the system allows.
  swv::RaiseFileLimitToHard();
  swv::gateway::GatewayHttpServer server(&core, listener, &runtime.metrics());
  if (absl::Status status = server.Start(); !status.ok()) {
    swv::LogError("cannot start", {{"error", std::string(status.message())}});
    runtime.Shutdown();
    return 1;
  }
  absl::Status status = runtime.RunUntilSignal();
  server.Stop();
  if (!status.ok()) {
    swv::LogError("stopped with an error", {{"error", std::string(status.message())}});
    return 1;
  }
  return 0;
}
