#include "services/gateway/stages/authentication.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/common/logging.h"
#include "services/gateway/problem.h"
#include "services/gateway/stages/limits.h"
#include "services/kernel/status_macros.h"

namespace swv::gateway {
namespace {

bool IsReadMethod(absl::string_view method) { return method == "GET" || method == "HEAD"; }

}  // namespace

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
  for (const auto& [name, value] : request.query) {
    if (name == "access_token") {
      return std::make_unique<HttpResponse>(
          Problem(400, "INVALID_ARGUMENT", "TOKEN_IN_QUERY",
                  "access_token: a token in the query string is not accepted (it ends up in "
                  "logs); send it as Authorization: Bearer …",
                  instance, {InvalidParam{"access_token", "TOKEN_IN_QUERY"}}));
    }
  }
  std::string authorization = request.Header("Authorization");
  absl::string_view token = absl::StripAsciiWhitespace(authorization);
  if (!absl::ConsumePrefix(&token, "Bearer ") && !absl::ConsumePrefix(&token, "bearer ")) {
    auto response = std::make_unique<HttpResponse>(Problem(
        401, "UNAUTHENTICATED", "MISSING_CREDENTIAL",
        "send a bearer credential: Authorization: Bearer <API key or access token>", instance));
    response->headers.emplace_back("WWW-Authenticate", "Bearer realm=\"swv\"");
    failures_per_address_->Acquire(request.remote_address);
    return response;
  }
  absl::StatusOr<Credential> found =
      Check(request, absl::StripAsciiWhitespace(token), clock_->Now());
  if (absl::IsPermissionDenied(found.status())) {
    auto response = std::make_unique<HttpResponse>(Problem(
        403, "PERMISSION_DENIED", "INSUFFICIENT_SCOPE", found.status().message(), instance));
    response->headers.emplace_back(
        "WWW-Authenticate",
        absl::StrCat("Bearer realm=\"swv\", error=\"insufficient_scope\", scope=\"",
                     IsReadMethod(request.method) ? kScopeRead : kScopeWrite, "\""));
    return response;
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

absl::StatusOr<Credential> Authenticator::Check(const HttpRequest& request, absl::string_view token,
                                                absl::Time now) const {
  std::string token_id;
  std::string secret;
  if (SplitBearer(token, &token_id, &secret)) {
    SWV_ASSIGN_OR_RETURN(StoredCredential stored, Load(token_id, now));
    return CheckBearer(stored, secret, now);
  }
  if (verifier_ == nullptr || !oauth::LooksLikeJwt(token)) {
    return absl::UnauthenticatedError("the bearer credential is not valid");
  }
  SWV_ASSIGN_OR_RETURN(oauth::VerifiedToken verified,
                       verifier_->Verify(token, now, request.client_certificate_sha256));
  SWV_ASSIGN_OR_RETURN(StoredCredential stored,
                       Load(verified.client, now, verified.own ? "" : verified.issuer));
  ClientAuth auth = verified.own ? stored.credential.spec.auth : ClientAuth::kExternal;
  if (verified.own && auth != ClientAuth::kPrivateKeyJwt && auth != ClientAuth::kTlsClientAuth) {
    return absl::UnauthenticatedError("the access token's client is not an OAuth client");
  }
  SWV_ASSIGN_OR_RETURN(Credential credential, CheckClient(stored, auth, now));
  // What the token grants, within what the client is registered for.
  const char* needed = IsReadMethod(request.method) ? kScopeRead : kScopeWrite;
  const std::vector<std::string>& registered = credential.spec.oauth_scopes;
  if (std::find(verified.scopes.begin(), verified.scopes.end(), needed) == verified.scopes.end() ||
      std::find(registered.begin(), registered.end(), needed) == registered.end()) {
    return absl::PermissionDeniedError(absl::StrCat("the access token's scope does not include ",
                                                    needed, ", which ", request.method, " needs"));
  }
  return credential;
}

absl::StatusOr<StoredCredential> Authenticator::Load(const std::string& token_id, absl::Time now,
                                                     const std::string& external_issuer) const {
  const std::string key =
      external_issuer.empty() ? token_id : absl::StrCat(external_issuer, "\n", token_id);
  if (cache_ttl_ > absl::ZeroDuration()) {
    absl::MutexLock lock(&mu_);
    auto it = cache_.find(key);
    if (it != cache_.end() && now - it->second.read_at < cache_ttl_) return it->second.stored;
  }
  SWV_ASSIGN_OR_RETURN(StoredCredential stored,
                       external_issuer.empty()
                           ? store_->LoadCredential(token_id)
                           : store_->LoadExternalClient(external_issuer, token_id));
  if (cache_ttl_ > absl::ZeroDuration()) {
    absl::MutexLock lock(&mu_);
    if (cache_.size() >= kMaxCachedCredentials) {
      absl::erase_if(cache_,
                     [&](const auto& entry) { return now - entry.second.read_at >= cache_ttl_; });
      if (cache_.size() >= kMaxCachedCredentials) cache_.clear();
    }
    cache_[key] = Cached{stored, now};
  }
  return stored;
}

}  // namespace swv::gateway
