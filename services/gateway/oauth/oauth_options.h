// How the gateway takes part in OAuth 2.0 per the NL GOV profile (docs/oauth.md): as the
// authorization server of its own clients (when `issuer` is set), and as the resource server that
// accepts access tokens from that issuer and from the trusted external ones. Filled once at start
// (services/gateway/main.cc), then read-only.
#ifndef SWV_SERVICES_GATEWAY_OAUTH_OAUTH_OPTIONS_H_
#define SWV_SERVICES_GATEWAY_OAUTH_OAUTH_OPTIONS_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/gateway/oauth/jose.h"

namespace swv::gateway::oauth {

inline constexpr char kTokenPath[] = "/oauth/token";
inline constexpr char kJwksPath[] = "/oauth/jwks";
inline constexpr char kMetadataPath[] = "/.well-known/oauth-authorization-server";

// An identity provider the SWV runs itself, whose access tokens this API accepts.
struct TrustedIssuer {
  std::string issuer;  // its "iss", exactly
  KeySet keys;         // its JWK Set, read at start
};

struct OAuthOptions {
  // This gateway's issuer URL (e.g. "https://api.swv.example"); empty: no token endpoint.
  std::string issuer;
  absl::optional<RsaKey> signing_key;  // required with `issuer`
  // The `aud` every access token must name (ours carry it); default: issuer + "/api/v1".
  std::string audience;
  absl::Duration token_lifetime = absl::Minutes(5);
  // A client assertion may live at most this long (exp - now), so a leaked one is soon useless.
  absl::Duration max_assertion_lifetime = absl::Minutes(10);
  // Tolerated difference between the clocks of client, identity provider and gateway.
  absl::Duration clock_skew = absl::Seconds(30);
  std::vector<TrustedIssuer> trusted;

  std::string token_endpoint() const { return issuer + kTokenPath; }
  // The key id of the signing key (its RFC 7638 thumbprint); "" without one.
  std::string kid() const { return signing_key ? signing_key->Thumbprint() : ""; }
};

}  // namespace swv::gateway::oauth

#endif  // SWV_SERVICES_GATEWAY_OAUTH_OAUTH_OPTIONS_H_
