#include "services/gateway/oauth/authorization_server.h"

#include <algorithm>
#include <map>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/common/digest.h"
#include "services/common/ids.h"
#include "services/common/logging.h"
#include "services/kernel/json.h"

namespace swv::gateway::oauth {
namespace {

// An RFC 6749 section 5.2 error answer.
HttpResponse OAuthError(int status, absl::string_view error, absl::string_view description) {
  HttpResponse response;
  response.status = status;
  response.body =
      JsonObject().String("error", error).String("error_description", description).Build();
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = absl::ascii_tolower(static_cast<unsigned char>(c));
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

// application/x-www-form-urlencoded into names and values; false for a bad escape or a repeated
// name (RFC 6749 3.2: parameters must not be included more than once).
bool ParseForm(absl::string_view body, std::map<std::string, std::string>* form) {
  for (absl::string_view pair : absl::StrSplit(body, '&', absl::SkipEmpty())) {
    std::string decoded[2];
    std::vector<absl::string_view> parts = absl::StrSplit(pair, absl::MaxSplits('=', 1));
    for (size_t part = 0; part < parts.size(); ++part) {
      absl::string_view text = parts[part];
      for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
          decoded[part].push_back(' ');
        } else if (text[i] == '%') {
          int high = i + 1 < text.size() ? HexValue(text[i + 1]) : -1;
          int low = i + 2 < text.size() ? HexValue(text[i + 2]) : -1;
          if (high < 0 || low < 0) return false;
          decoded[part].push_back(static_cast<char>(high * 16 + low));
          i += 2;
        } else {
          decoded[part].push_back(text[i]);
        }
      }
    }
    if (!form->emplace(decoded[0], decoded[1]).second) return false;
  }
  return true;
}

}  // namespace

AuthorizationServer::AuthorizationServer(const OAuthOptions& options, GatewayStore* store,
                                         RateLimiter* failures_per_address, const Clock* clock)
    : options_(options),
      kid_(options.kid()),
      store_(store),
      failures_per_address_(failures_per_address),
      clock_(clock) {
  KeySet keys;
  keys.Add(kid_, *options_.signing_key);
  jwks_json_ = keys.ToJson();
  metadata_json_ = MetadataJson();
}

bool AuthorizationServer::Serves(absl::string_view path) {
  return path == kTokenPath || path == kJwksPath || path == kMetadataPath;
}

HttpResponse AuthorizationServer::Handle(const HttpRequest& request) {
  const bool is_token = request.path == kTokenPath;
  const char* allowed = is_token ? "POST" : "GET";
  if (request.method != allowed && (is_token || request.method != "HEAD")) {
    HttpResponse response =
        OAuthError(405, "invalid_request", absl::StrCat("this endpoint answers ", allowed));
    response.headers.emplace_back("Allow", allowed);
    return response;
  }
  if (is_token) return Token(request);
  HttpResponse response;
  response.body = request.path == kJwksPath ? jwks_json_ : metadata_json_;
  if (request.path == kJwksPath) response.content_type = "application/jwk-set+json";
  // The profile recommends that clients cache keys and metadata; a rotation is announced by
  // publishing the new key first (docs/oauth.md).
  response.headers.emplace_back("Cache-Control", "public, max-age=3600");
  return response;
}

std::string AuthorizationServer::MetadataJson() const {
  const std::string& issuer = options_.issuer;
  return JsonObject()
      .String("issuer", issuer)
      .String("token_endpoint", options_.token_endpoint())
      .String("jwks_uri", issuer + kJwksPath)
      .Raw("grant_types_supported", R"(["client_credentials"])")
      .Raw("token_endpoint_auth_methods_supported", R"(["private_key_jwt","tls_client_auth"])")
      .Raw("token_endpoint_auth_signing_alg_values_supported", R"(["RS256","PS256"])")
      .Raw("scopes_supported", absl::StrCat("[\"", kScopeRead, "\",\"", kScopeWrite, "\"]"))
      .Bool("tls_client_certificate_bound_access_tokens", true)
      .String("service_documentation", issuer + "/api/v1/openapi.json")
      .Build();
}

HttpResponse AuthorizationServer::Token(const HttpRequest& request) {
  const absl::Time now = clock_->Now();
  absl::Duration wait = failures_per_address_->Peek(request.remote_address);
  if (wait > absl::ZeroDuration()) {
    HttpResponse response = OAuthError(429, "slow_down", "too many failed token requests");
    response.headers.emplace_back("Retry-After", absl::StrCat(absl::ToInt64Seconds(wait) + 1));
    return response;
  }
  std::string content_type = absl::AsciiStrToLower(request.Header("Content-Type"));
  std::map<std::string, std::string> form;
  if (!absl::StartsWith(content_type, "application/x-www-form-urlencoded") ||
      !ParseForm(request.body, &form)) {
    return OAuthError(400, "invalid_request",
                      "send application/x-www-form-urlencoded parameters, each once");
  }
  if (form["grant_type"] != "client_credentials") {
    return OAuthError(400, "unsupported_grant_type",
                      "this server grants client_credentials only (machine clients)");
  }
  absl::StatusOr<Client> client = absl::UnauthenticatedError(
      "authenticate the client with private_key_jwt (client_assertion) or with a TLS client "
      "certificate and client_id");
  if (!form["client_assertion"].empty()) {
    if (form["client_assertion_type"] != kAssertionType) {
      return OAuthError(400, "invalid_request",
                        absl::StrCat("client_assertion_type must be ", kAssertionType));
    }
    client = AuthenticateWithAssertion(form["client_assertion"], form["client_id"], now);
  } else if (!request.client_certificate_sha256.empty() && !form["client_id"].empty()) {
    client = AuthenticateWithCertificate(form["client_id"], request.client_certificate_sha256, now);
  }
  if (!client.ok()) {
    failures_per_address_->Acquire(request.remote_address);
    LogInfo("token refused", {{"reason", std::string(client.status().message())}});
    return OAuthError(401, "invalid_client", client.status().message());
  }
  const CredentialSpec& spec = client->credential.spec;
  std::vector<std::string> scopes = absl::StrSplit(form["scope"], ' ', absl::SkipEmpty());
  if (scopes.empty()) scopes = spec.oauth_scopes;
  for (const std::string& scope : scopes) {
    if (std::find(spec.oauth_scopes.begin(), spec.oauth_scopes.end(), scope) ==
        spec.oauth_scopes.end()) {
      return OAuthError(400, "invalid_scope",
                        absl::StrCat("scope \"", scope,
                                     "\" is not granted to this client; it may "
                                     "have: ",
                                     absl::StrJoin(spec.oauth_scopes, " ")));
    }
  }
  std::sort(scopes.begin(), scopes.end());
  scopes.erase(std::unique(scopes.begin(), scopes.end()), scopes.end());
  const std::string scope = absl::StrJoin(scopes, " ");
  const int64_t issued_at = absl::ToUnixSeconds(now);
  const int64_t lifetime = absl::ToInt64Seconds(options_.token_lifetime);
  JsonObject claims;
  claims.String("iss", options_.issuer)
      .String("sub", client->credential.token_id)
      .String("aud", options_.audience)
      .String("client_id", client->credential.token_id)
      .String("scope", scope)
      .Int("iat", issued_at)
      .Int("nbf", issued_at)
      .Int("exp", issued_at + lifetime)
      .String("jti", RandomId("at-"));
  if (!client->bound_certificate.empty()) {
    claims.Raw("cnf", JsonObject().String("x5t#S256", client->bound_certificate).Build());
  }
  absl::StatusOr<std::string> token =
      SignJws(claims.Build(), *options_.signing_key, kid_, "at+jwt");
  if (!token.ok()) return OAuthError(500, "server_error", "cannot sign the access token");
  LogInfo("token issued", {{"client", client->credential.token_id},
                           {"auth", std::string(ClientAuthName(spec.auth))},
                           {"scope", scope}});
  HttpResponse response;
  response.body = JsonObject()
                      .String("access_token", *token)
                      .String("token_type", "Bearer")
                      .Int("expires_in", lifetime)
                      .String("scope", scope)
                      .Build();
  response.headers.emplace_back("Cache-Control", "no-store");
  response.headers.emplace_back("Pragma", "no-cache");
  return response;
}

absl::StatusOr<AuthorizationServer::Client> AuthorizationServer::AuthenticateWithAssertion(
    const std::string& assertion, const std::string& client_id, absl::Time now) {
  absl::StatusOr<Jws> jws = ParseJws(assertion);
  if (!jws.ok()) return jws.status();
  const std::string issuer = StringClaim(jws->claims, "iss");
  if (issuer.empty() || StringClaim(jws->claims, "sub") != issuer) {
    return absl::UnauthenticatedError("the client assertion's iss and sub must both be client_id");
  }
  if (!client_id.empty() && client_id != issuer) {
    return absl::UnauthenticatedError("client_id differs from the client assertion's iss");
  }
  absl::StatusOr<StoredCredential> stored = store_->LoadCredential(issuer);
  if (!stored.ok()) return absl::UnauthenticatedError("unknown client");
  absl::StatusOr<Credential> credential = CheckClient(*stored, ClientAuth::kPrivateKeyJwt, now);
  if (!credential.ok()) return credential.status();
  absl::StatusOr<RsaKey> key = RsaKey::FromPublicPem(credential->spec.public_key_pem);
  if (!key.ok()) return absl::UnauthenticatedError("the client's registered key is unusable");
  if (absl::Status status = VerifyJws(*jws, *key); !status.ok()) return status;
  std::vector<std::string> audience = AudienceClaim(jws->claims);
  if (std::find(audience.begin(), audience.end(), options_.token_endpoint()) == audience.end() &&
      std::find(audience.begin(), audience.end(), options_.issuer) == audience.end()) {
    return absl::UnauthenticatedError(absl::StrCat(
        "the client assertion's aud must name the token endpoint ", options_.token_endpoint()));
  }
  absl::Time expires = TimeClaim(jws->claims, "exp");
  if (expires == absl::InfinitePast() || now >= expires + options_.clock_skew) {
    return absl::UnauthenticatedError("the client assertion has expired (or has no exp)");
  }
  if (expires - now > options_.max_assertion_lifetime) {
    return absl::UnauthenticatedError(
        absl::StrCat("the client assertion lives too long: exp at most ",
                     absl::ToInt64Seconds(options_.max_assertion_lifetime), " s ahead"));
  }
  const std::string jti = StringClaim(jws->claims, "jti");
  if (jti.empty()) return absl::UnauthenticatedError("the client assertion has no jti");
  if (!FirstUse(issuer, jti, expires + options_.clock_skew, now)) {
    return absl::UnauthenticatedError("the client assertion was used before (jti)");
  }
  return Client{*std::move(credential), ""};
}

absl::StatusOr<AuthorizationServer::Client> AuthorizationServer::AuthenticateWithCertificate(
    const std::string& client_id, const std::string& certificate, absl::Time now) {
  absl::StatusOr<StoredCredential> stored = store_->LoadCredential(client_id);
  if (!stored.ok()) return absl::UnauthenticatedError("unknown client");
  absl::StatusOr<Credential> credential = CheckClient(*stored, ClientAuth::kTlsClientAuth, now);
  if (!credential.ok()) return credential.status();
  if (!ConstantTimeEquals(credential->spec.certificate_sha256, certificate)) {
    return absl::UnauthenticatedError(
        "the TLS client certificate is not the one registered for this client");
  }
  return Client{*std::move(credential), certificate};
}

bool AuthorizationServer::FirstUse(const std::string& client, const std::string& jti,
                                   absl::Time expires, absl::Time now) {
  absl::MutexLock lock(&mu_);
  if (used_assertions_.size() >= kMaxRememberedAssertions) {
    absl::erase_if(used_assertions_, [&](const auto& entry) { return entry.second <= now; });
  }
  if (used_assertions_.size() >= kMaxRememberedAssertions) return false;  // refuse, never forget
  return used_assertions_.emplace(absl::StrCat(client, "\n", jti), expires).second;
}

}  // namespace swv::gateway::oauth
