// The OAuth side of the gateway's credentials: the ways a holder authenticates, the checks of an
// OAuth client's registration (NormalizeCredentialSpec calls NormalizeClientFields) and of its
// use (CheckClient). See docs/oauth.md.
#include <algorithm>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/gateway/gateway_store.h"
#include "services/gateway/oauth/jose.h"
#include "services/kernel/enum_names.h"
#include "services/kernel/errors.h"

namespace swv::gateway {

absl::Status NormalizeClientFields(CredentialSpec& spec) {
  const bool oauth = spec.auth != ClientAuth::kApiKey;
  if (!oauth) {
    if (!spec.public_key_pem.empty() || !spec.certificate_sha256.empty() ||
        !spec.external_issuer.empty() || !spec.external_subject.empty() ||
        !spec.oauth_scopes.empty()) {
      return InvalidField("auth", "NOT_ALLOWED",
                          "an API key takes no public key, certificate, issuer or scopes");
    }
    return absl::OkStatus();
  }
  if (spec.oauth_scopes.empty()) spec.oauth_scopes = {kScopeRead, kScopeWrite};
  std::sort(spec.oauth_scopes.begin(), spec.oauth_scopes.end());
  spec.oauth_scopes.erase(std::unique(spec.oauth_scopes.begin(), spec.oauth_scopes.end()),
                          spec.oauth_scopes.end());
  for (const std::string& scope : spec.oauth_scopes) {
    if (scope != kScopeRead && scope != kScopeWrite) {
      return InvalidField("scopes", "UNKNOWN_SCOPE",
                          absl::StrCat("\"", scope, "\" is not swv:read or swv:write"));
    }
  }
  switch (spec.auth) {
    case ClientAuth::kPrivateKeyJwt: {
      absl::StatusOr<oauth::RsaKey> key = oauth::RsaKey::FromPublicPem(spec.public_key_pem);
      if (!key.ok()) return InvalidField("public_key", "MALFORMED_KEY", key.status().message());
      spec.public_key_pem = key->PublicPem();
      break;
    }
    case ClientAuth::kTlsClientAuth: {
      std::string digest;
      if (!oauth::FromBase64Url(spec.certificate_sha256, &digest) || digest.size() != 32) {
        return InvalidField("certificate", "MALFORMED_THUMBPRINT",
                            "the base64url SHA-256 of the client's certificate (DER)");
      }
      break;
    }
    case ClientAuth::kExternal:
      if (!absl::StartsWith(spec.external_issuer, "https://") &&
          !absl::StartsWith(spec.external_issuer, "http://")) {
        return InvalidField("issuer", "MALFORMED_ISSUER",
                            "the identity provider's issuer URL, e.g. https://idp.swv.example");
      }
      if (spec.external_issuer.size() > 255 || spec.external_subject.empty() ||
          spec.external_subject.size() > 255) {
        return InvalidField("subject", "REQUIRED",
                            "the client's id at the identity provider, 1-255 characters");
      }
      break;
    case ClientAuth::kApiKey:
      break;
  }
  return absl::OkStatus();
}

absl::StatusOr<Credential> CheckClient(const StoredCredential& stored, ClientAuth auth,
                                       absl::Time now) {
  if (stored.credential.spec.auth != auth) {
    return absl::UnauthenticatedError(absl::StrCat("the client is registered for ",
                                                   ClientAuthName(stored.credential.spec.auth),
                                                   ", not ", ClientAuthName(auth)));
  }
  if (stored.credential.revoked) return absl::UnauthenticatedError("the client has been revoked");
  if (now >= stored.credential.spec.expires) {
    return absl::UnauthenticatedError("the client's registration has expired");
  }
  return stored.credential;
}

namespace {

constexpr EnumName<ClientAuth> kClientAuthNames[] = {
    {ClientAuth::kApiKey, "api_key"},
    {ClientAuth::kPrivateKeyJwt, "private_key_jwt"},
    {ClientAuth::kTlsClientAuth, "tls_client_auth"},
    {ClientAuth::kExternal, "external"}};

}  // namespace

absl::string_view ClientAuthName(ClientAuth auth) {
  return NameOf(kClientAuthNames, auth, "api_key");
}

bool ParseClientAuth(absl::string_view name, ClientAuth* auth) {
  absl::optional<ClientAuth> parsed = ValueOf(kClientAuthNames, name);
  if (!parsed) return false;
  *auth = *parsed;
  return true;
}

}  // namespace swv::gateway
