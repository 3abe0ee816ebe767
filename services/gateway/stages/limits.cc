#include "services/gateway/stages/limits.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/gateway/problem.h"

namespace swv::gateway {

HttpResponse TooManyRequests(absl::string_view detail, absl::Duration wait,
                             const std::string& instance) {
  HttpResponse response = Problem(429, "RESOURCE_EXHAUSTED", "RATE_LIMITED", detail, instance);
  response.headers.emplace_back(
      "Retry-After", absl::StrCat(std::max<int64_t>(1, std::ceil(absl::ToDoubleSeconds(wait)))));
  return response;
}

std::unique_ptr<HttpResponse> CheckBodySize(const Route& route, size_t size,
                                            const BodyLimits& limits, const std::string& instance) {
  const size_t limit = limits.For(route);
  if (size <= limit) return nullptr;
  return std::make_unique<HttpResponse>(Problem(
      413, "INVALID_ARGUMENT", "BODY_TOO_LARGE",
      absl::StrCat("the request body has ", size, " bytes; this route takes at most ", limit),
      instance));
}

std::unique_ptr<HttpResponse> CheckContentType(const HttpRequest& request) {
  if (request.body.empty()) return nullptr;
  std::string type = absl::AsciiStrToLower(request.Header("Content-Type"));
  std::string base = std::string(absl::StripAsciiWhitespace(type.substr(0, type.find(';'))));
  if (base.empty() || base == "application/json" || absl::EndsWith(base, "+json")) return nullptr;
  return std::make_unique<HttpResponse>(Problem(415, "INVALID_ARGUMENT", "UNSUPPORTED_MEDIA_TYPE",
                                                "send the body as application/json", request.path));
}

}  // namespace swv::gateway
