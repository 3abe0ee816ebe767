// The OpenAPI 3.0.3 document of the gateway, generated from the same route table (and so the
// same descriptors) that serves the requests: paths with path and query parameters, request and
// response schemas from the message descriptors (int64 as string, enums as string enums), the
// problem+json error responses, the API-Version and Location headers and the bearer scheme.
// Shaped to the Dutch API Design Rules (docs/api-design-rules.md): schema names in
// UpperCamelCase, dates with their format, a contact, the major version in the server URL.
#ifndef SWV_SERVICES_GATEWAY_OPENAPI_H_
#define SWV_SERVICES_GATEWAY_OPENAPI_H_

#include <string>

#include "services/gateway/route_table.h"

namespace swv::gateway {

struct OpenApiInfo {
  std::string title = "SWV passend onderwijs API";
  std::string version = "1.0.0";
  std::string description =
      "REST/JSON API of an SWV passend onderwijs: LVS pushes, thuiszitter status for leerplicht "
      "and "
      "partners, the SWV office. Bearer credentials per role; errors are application/problem+json "
      "(RFC 9457). Generated from the service protos.";
  // Who answers for the API (the Design Rules ask for name, e-mail and URL); an installation
  // names its own with the gateway's --api-contact-* flags.
  std::string contact_name = "API beheer van het samenwerkingsverband";
  std::string contact_email = "api-beheer@swv.example";
  std::string contact_url = "https://swv.example/api";
  // This gateway's OAuth token endpoint (absolute URL); empty: only the bearer scheme is
  // documented. Set by the gateway when it issues tokens (docs/oauth.md).
  std::string oauth_token_url;
};

// The server URL of the document: the major version is in it, and paths are relative to it.
inline constexpr char kOpenApiServerUrl[] = "/api/v1";

inline constexpr char kOpenApiDocumentPath[] = "/api/v1/openapi.json";

std::string GenerateOpenApi(const RouteTable& routes, const OpenApiInfo& info);

}  // namespace swv::gateway

#endif  // SWV_SERVICES_GATEWAY_OPENAPI_H_
