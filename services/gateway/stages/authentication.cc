#include "services/gateway/stages/authentication.h"

#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/strip.h"
#include "services/common/logging.h"
#include "services/gateway/problem.h"
#include "services/gateway/stages/limits.h"

namespace swv::gateway {

std::unique_ptr<HttpResponse> Authenticator::Authenticate(const HttpRequest& request,
                                                          Credential* credential) const {
  const std::string& instance = request.path;
  absl::Duration wait = failures_per_address_->Peek(request.remote_address);
  if (wait > absl::ZeroDuration()) {
    return std::make_unique<HttpResponse>(TooManyRequests(
        "too many requests without a valid credential from this address; retry after the given "
        "seconds",
        wait, instance));
  }
  std::string authorization = request.Header("Authorization");
  absl::string_view token = absl::StripAsciiWhitespace(authorization);
  if (!absl::ConsumePrefix(&token, "Bearer ") && !absl::ConsumePrefix(&token, "bearer ")) {
    auto response = std::make_unique<HttpResponse>(
        Problem(401, "UNAUTHENTICATED", "MISSING_CREDENTIAL",
                "send a bearer credential: Authorization: Bearer swv_…", instance));
    response->headers.emplace_back("WWW-Authenticate", "Bearer realm=\"swv\"");
    failures_per_address_->Acquire(request.remote_address);
    return response;
  }
  absl::StatusOr<Credential> found = store_->Authenticate(absl::StripAsciiWhitespace(token));
  if (!found.ok()) {
    if (!absl::IsUnauthenticated(found.status())) {
      LogError("cannot check a credential", {{"error", std::string(found.status().message())}});
      return std::make_unique<HttpResponse>(
          ProblemFromStatus(absl::UnavailableError("credential store"), instance));
    }
    auto response = std::make_unique<HttpResponse>(
        Problem(401, "UNAUTHENTICATED", "INVALID_CREDENTIAL", found.status().message(), instance));
    response->headers.emplace_back("WWW-Authenticate",
                                   "Bearer realm=\"swv\", error=\"invalid_token\"");
    failures_per_address_->Acquire(request.remote_address);
    return response;
  }
  *credential = *std::move(found);
  return nullptr;
}

}  // namespace swv::gateway
