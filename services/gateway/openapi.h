// The OpenAPI 3.0.3 document of the gateway, generated from the same route table (and so the
// same descriptors) that serves the requests: paths with path and query parameters, request and
// response schemas from the message descriptors (int64 as string, enums as string enums), the
// problem+json error responses, the API-Version and Location headers and the bearer scheme.
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
};

inline constexpr char kOpenApiDocumentPath[] = "/api/v1/openapi.json";

std::string GenerateOpenApi(const RouteTable& routes, const OpenApiInfo& info);

}  // namespace swv::gateway

#endif  // SWV_SERVICES_GATEWAY_OPENAPI_H_
