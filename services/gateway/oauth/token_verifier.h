// The resource-server half of OAuth: whether a bearer access token (a signed JWT) may be used
// here, per the NL GOV profile's protected-resource rules: signed by an issuer this gateway
// trusts (its own, or an external one configured with its JWK Set), RS256 or PS256, not expired,
// not before its time, `aud` naming this API, and bound to the TLS client certificate when it
// says so (RFC 8705 cnf "x5t#S256"). Which principal the token stands for is the caller's to
// look up (stages/authentication.h): this class knows no store.
//
// Thread-safe: immutable after construction.
#ifndef SWV_SERVICES_GATEWAY_OAUTH_TOKEN_VERIFIER_H_
#define SWV_SERVICES_GATEWAY_OAUTH_TOKEN_VERIFIER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/gateway/oauth/oauth_options.h"

namespace swv::gateway::oauth {

struct VerifiedToken {
  bool own = false;    // issued by this gateway: `client` is a credential's token id
  std::string issuer;  // its iss
  std::string client;  // ours: sub; external: client_id, else azp, else sub
  std::vector<std::string> scopes;
};

// Whether `token` has the shape of a JWT (three dot-separated parts), as opposed to an API key.
bool LooksLikeJwt(absl::string_view token);

class AccessTokenVerifier {
 public:
  explicit AccessTokenVerifier(const OAuthOptions& options);

  // UNAUTHENTICATED with the reason when the token may not be used; `client_certificate` is the
  // base64url SHA-256 of the TLS client certificate of the request, "" without one.
  absl::StatusOr<VerifiedToken> Verify(absl::string_view token, absl::Time now,
                                       absl::string_view client_certificate) const;

 private:
  std::string issuer_;
  std::string audience_;
  absl::Duration skew_;
  KeySet own_keys_;
  std::vector<TrustedIssuer> trusted_;
};

}  // namespace swv::gateway::oauth

#endif  // SWV_SERVICES_GATEWAY_OAUTH_TOKEN_VERIFIER_H_
