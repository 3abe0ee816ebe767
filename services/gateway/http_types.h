// The gateway core's view of HTTP: plain values, no sockets, so the core is tested with strings.
// Header names are compared case-insensitively (HttpRequest::Header); the adapter lower-cases
// nothing and copies what the client sent.
#ifndef SWV_SERVICES_GATEWAY_HTTP_TYPES_H_
#define SWV_SERVICES_GATEWAY_HTTP_TYPES_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/string_view.h"

namespace swv::gateway {

struct HttpRequest {
  std::string method;  // "GET", "POST", ... (upper case)
  std::string path;    // decoded path without the query, e.g. "/api/v1/swvs/PO2203/thuiszitters"
  // Decoded query parameters in the order given; a name may repeat (repeated fields).
  std::vector<std::pair<std::string, std::string>> query;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string remote_address;  // for logs and the per-address limit of failed authentications
  // The TLS client certificate of the connection, as base64url SHA-256 of its DER (RFC 8705
  // "x5t#S256"); "" without one. Filled by the adapter, never from a header.
  std::string client_certificate_sha256;

  // The first header with this name (case-insensitive), or "" when absent.
  std::string Header(absl::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (absl::EqualsIgnoreCase(key, name)) return value;
    }
    return "";
  }
};

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string content_type = "application/json";
  std::string body;

  std::string Header(absl::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (absl::EqualsIgnoreCase(key, name)) return value;
    }
    return "";
  }
};

}  // namespace swv::gateway

#endif  // SWV_SERVICES_GATEWAY_HTTP_TYPES_H_
