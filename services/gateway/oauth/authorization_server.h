// The authorization-server half of OAuth per the NL GOV profile, for machine clients: the client
// credentials grant at POST /oauth/token, with the client authenticated by
//   - private_key_jwt (RFC 7523): a client assertion signed with the key registered with
//     swv-admin, naming the token endpoint (or the issuer) as audience, used once (jti), or
//   - tls_client_auth (RFC 8705): the TLS client certificate registered with swv-admin; the token
//     is then bound to that certificate (cnf "x5t#S256").
// It answers a short-lived access token (an RS256 JWT, RFC 9068 "at+jwt") for this API's audience
// and the granted scopes. GET /oauth/jwks publishes the signing key and
// GET /.well-known/oauth-authorization-server the metadata (RFC 8414). Errors are RFC 6749 JSON
// ({"error":…,"error_description":…}), which OAuth client libraries read.
//
// Thread-safe: the store, the limiter and the clock are; the replay cache is guarded by a mutex.
// All borrowed pointers must outlive the server.
#ifndef SWV_SERVICES_GATEWAY_OAUTH_AUTHORIZATION_SERVER_H_
#define SWV_SERVICES_GATEWAY_OAUTH_AUTHORIZATION_SERVER_H_

#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "services/common/clock.h"
#include "services/gateway/gateway_store.h"
#include "services/gateway/http_types.h"
#include "services/gateway/oauth/oauth_options.h"
#include "services/gateway/rate_limiter.h"

namespace swv::gateway::oauth {

inline constexpr char kAssertionType[] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
// Client assertions remembered against replay; beyond it the oldest expired ones are dropped.
inline constexpr size_t kMaxRememberedAssertions = 100000;

class AuthorizationServer {
 public:
  // `options.issuer` and `options.signing_key` must be set.
  AuthorizationServer(const OAuthOptions& options, GatewayStore* store,
                      RateLimiter* failures_per_address, const Clock* clock);

  // Whether `path` is one of the three OAuth endpoints.
  static bool Serves(absl::string_view path);
  HttpResponse Handle(const HttpRequest& request);

 private:
  HttpResponse Token(const HttpRequest& request);
  std::string MetadataJson() const;  // RFC 8414
  // The client of a token request with its credential, or the OAuth error to answer.
  struct Client {
    Credential credential;
    std::string bound_certificate;  // tls_client_auth: the thumbprint the token is bound to
  };
  absl::StatusOr<Client> AuthenticateWithAssertion(const std::string& assertion,
                                                   const std::string& client_id, absl::Time now);
  absl::StatusOr<Client> AuthenticateWithCertificate(const std::string& client_id,
                                                     const std::string& certificate,
                                                     absl::Time now);
  // False when `jti` of `client` was seen before; remembers it until `expires`.
  bool FirstUse(const std::string& client, const std::string& jti, absl::Time expires,
                absl::Time now);

  const OAuthOptions options_;
  const std::string kid_;
  std::string jwks_json_;      // the published key set, written once
  std::string metadata_json_;  // the metadata document, written once
  GatewayStore* store_;
  RateLimiter* failures_per_address_;
  const Clock* clock_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, absl::Time> used_assertions_ ABSL_GUARDED_BY(mu_);
};

}  // namespace swv::gateway::oauth

#endif  // SWV_SERVICES_GATEWAY_OAUTH_AUTHORIZATION_SERVER_H_
