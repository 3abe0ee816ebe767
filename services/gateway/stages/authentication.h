// The authentication stage: the bearer credential of a request, looked up in the gateway store.
// The bearer is an API key ("swv_<token id>.<secret>") or an OAuth access token (a JWT, checked
// by oauth::AccessTokenVerifier; its client is a credential in the store, and its scope must
// cover the method: swv:read for GET and HEAD, swv:write for the others). An access token in the
// query string is refused (NL GOV profile). Requests without a valid credential are counted per
// client address, and an address over its budget is refused before the store is asked (guessing
// and flooding cost the store nothing).
//
// A credential row read from the store is kept for `cache_ttl` (GatewayOptions, 2 s by default),
// so that a busy LVS does not cost a database read per request. The secret and the expiry are
// still checked on every request; a revocation takes effect within `cache_ttl` (docs/gateway.md
// "Credentials"). Unknown token ids are not kept. At most kMaxCachedCredentials rows are kept.
//
// Thread-safe: the store and the limiter are, the cache is guarded by a mutex; store, limiter and
// clock are borrowed and must outlive this object.
#ifndef SWV_SERVICES_GATEWAY_STAGES_AUTHENTICATION_H_
#define SWV_SERVICES_GATEWAY_STAGES_AUTHENTICATION_H_

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/common/clock.h"
#include "services/gateway/gateway_store.h"
#include "services/gateway/http_types.h"
#include "services/gateway/oauth/token_verifier.h"
#include "services/gateway/rate_limiter.h"

namespace swv::gateway {

inline constexpr size_t kMaxCachedCredentials = 20000;

class Authenticator {
 public:
  // `cache_ttl` zero: every request reads the store. `verifier` may be null: no OAuth tokens.
  Authenticator(GatewayStore* store, RateLimiter* failures_per_address, const Clock* clock,
                absl::Duration cache_ttl, const oauth::AccessTokenVerifier* verifier = nullptr)
      : store_(store),
        failures_per_address_(failures_per_address),
        clock_(clock),
        cache_ttl_(cache_ttl),
        verifier_(verifier) {}

  // Fills `credential` and returns null, or returns the answer to send instead: 429 for an
  // address over its budget, 400 TOKEN_IN_QUERY, 401 MISSING_CREDENTIAL / INVALID_CREDENTIAL
  // (with WWW-Authenticate), 403 INSUFFICIENT_SCOPE, 503 when the store cannot be asked.
  std::unique_ptr<HttpResponse> Authenticate(const HttpRequest& request,
                                             Credential* credential) const;

 private:
  struct Cached {
    StoredCredential stored;
    absl::Time read_at;
  };
  // The stored row of `token_id` (or, with an issuer, of that issuer's client), from the cache
  // while it is younger than cache_ttl_.
  absl::StatusOr<StoredCredential> Load(const std::string& token_id, absl::Time now,
                                        const std::string& external_issuer = "") const;
  // The credential behind an API key or an access token; UNAUTHENTICATED saying why not, or
  // PERMISSION_DENIED for a token whose scope does not cover `method`.
  absl::StatusOr<Credential> Check(const HttpRequest& request, absl::string_view token,
                                   absl::Time now) const;

  GatewayStore* store_;
  RateLimiter* failures_per_address_;
  const Clock* clock_;
  const absl::Duration cache_ttl_;
  const oauth::AccessTokenVerifier* verifier_;
  mutable absl::Mutex mu_;
  mutable absl::flat_hash_map<std::string, Cached> cache_ ABSL_GUARDED_BY(mu_);
};

}  // namespace swv::gateway

#endif  // SWV_SERVICES_GATEWAY_STAGES_AUTHENTICATION_H_
