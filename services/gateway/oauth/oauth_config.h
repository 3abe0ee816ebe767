// Turns the gateway's OAuth flags into OAuthOptions at start-up: reads or creates the signing
// key, reads the trusted issuers' JWK Sets, and says what to fix when any of it is wrong (the
// gateway then does not start). Not for use after start-up.
#ifndef SWV_SERVICES_GATEWAY_OAUTH_OAUTH_CONFIG_H_
#define SWV_SERVICES_GATEWAY_OAUTH_OAUTH_CONFIG_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/gateway/oauth/oauth_options.h"

namespace swv::gateway::oauth {

struct OAuthFlags {
  // This gateway's issuer URL; "" derives it from the listener ("http(s)://<listen address>"),
  // "none" turns the token endpoint off.
  std::string issuer;
  // PEM RSA private key; created (mode 0600) when the file does not exist, so the embedded
  // default works at once. Replicas must share one key (docs/oauth.md).
  std::string signing_key_file = "var/gateway-oauth-key.pem";
  std::string audience;  // "" = issuer + "/api/v1"
  absl::Duration token_lifetime = absl::Minutes(5);
  // "https://idp.example=/etc/swv/idp-jwks.json,…": issuer URL and its JWK Set file.
  std::string trusted_issuers;
};

// The issuer URL the flags name ("" for none): --oauth-issuer without a trailing slash, or
// http(s)://<listen address>.
std::string IssuerFromFlags(const OAuthFlags& flags, bool tls, const std::string& listen_address);

// INVALID_ARGUMENT naming the flag and what to fix. `created_key` tells whether a key was made.
absl::StatusOr<OAuthOptions> BuildOAuthOptions(const OAuthFlags& flags, bool tls,
                                               const std::string& listen_address,
                                               bool* created_key);

}  // namespace swv::gateway::oauth

#endif  // SWV_SERVICES_GATEWAY_OAUTH_OAUTH_CONFIG_H_
