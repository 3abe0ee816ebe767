#include "services/gateway/stages/authentication.h"

#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/strip.h"
#include "services/common/logging.h"
#include "services/gateway/problem.h"
#include "services/gateway/stages/limits.h"
#include "services/kernel/status_macros.h"

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
  std::string token_id;
  std::string secret;
  const absl::Time now = clock_->Now();
  absl::StatusOr<Credential> found =
      absl::UnauthenticatedError("the bearer credential is not valid");
  if (SplitBearer(absl::StripAsciiWhitespace(token), &token_id, &secret)) {
    absl::StatusOr<StoredCredential> stored = Load(token_id, now);
    found = stored.ok() ? CheckBearer(*stored, secret, now) : stored.status();
  }
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

absl::StatusOr<StoredCredential> Authenticator::Load(const std::string& token_id,
                                                     absl::Time now) const {
  if (cache_ttl_ > absl::ZeroDuration()) {
    absl::MutexLock lock(&mu_);
    auto it = cache_.find(token_id);
    if (it != cache_.end() && now - it->second.read_at < cache_ttl_) return it->second.stored;
  }
  SWV_ASSIGN_OR_RETURN(StoredCredential stored, store_->LoadCredential(token_id));
  if (cache_ttl_ > absl::ZeroDuration()) {
    absl::MutexLock lock(&mu_);
    if (cache_.size() >= kMaxCachedCredentials) {
      absl::erase_if(cache_,
                     [&](const auto& entry) { return now - entry.second.read_at >= cache_ttl_; });
      if (cache_.size() >= kMaxCachedCredentials) cache_.clear();
    }
    cache_[token_id] = Cached{stored, now};
  }
  return stored;
}

}  // namespace swv::gateway
