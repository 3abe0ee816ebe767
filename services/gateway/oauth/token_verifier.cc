#include "services/gateway/oauth/token_verifier.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/digest.h"

namespace swv::gateway::oauth {
namespace {

using google::protobuf::Struct;

// The certificate thumbprint a token is bound to, "" when it is not bound.
std::string BoundCertificate(const Struct& claims) {
  auto cnf = claims.fields().find("cnf");
  if (cnf == claims.fields().end() || !cnf->second.has_struct_value()) return "";
  return StringClaim(cnf->second.struct_value(), "x5t#S256");
}

}  // namespace

bool LooksLikeJwt(absl::string_view token) {
  return std::count(token.begin(), token.end(), '.') == 2 && !absl::StartsWith(token, "swv_");
}

AccessTokenVerifier::AccessTokenVerifier(const OAuthOptions& options)
    : issuer_(options.issuer),
      audience_(options.audience),
      skew_(options.clock_skew),
      trusted_(options.trusted) {
  if (!issuer_.empty() && options.signing_key) {
    own_keys_.Add(options.kid(), *options.signing_key);
  }
}

absl::StatusOr<VerifiedToken> AccessTokenVerifier::Verify(
    absl::string_view token, absl::Time now, absl::string_view client_certificate) const {
  absl::StatusOr<Jws> jws = ParseJws(token);
  if (!jws.ok()) return jws.status();
  VerifiedToken verified;
  verified.issuer = StringClaim(jws->claims, "iss");
  const KeySet* keys = nullptr;
  if (!issuer_.empty() && verified.issuer == issuer_) {
    keys = &own_keys_;
    verified.own = true;
  }
  for (const TrustedIssuer& trusted : trusted_) {
    if (keys == nullptr && trusted.issuer == verified.issuer) keys = &trusted.keys;
  }
  if (keys == nullptr) {
    return absl::UnauthenticatedError(
        absl::StrCat("access tokens of issuer \"", verified.issuer, "\" are not accepted here"));
  }
  const RsaKey* key = keys->Find(StringClaim(jws->header, "kid"));
  if (key == nullptr) {
    return absl::UnauthenticatedError(absl::StrCat(
        "the issuer has no key \"", StringClaim(jws->header, "kid"), "\" (kid) in its JWK Set"));
  }
  if (absl::Status status = VerifyJws(*jws, *key); !status.ok()) return status;

  absl::Time expires = TimeClaim(jws->claims, "exp");
  if (expires == absl::InfinitePast()) {
    return absl::UnauthenticatedError("the access token has no exp");
  }
  if (now >= expires + skew_) return absl::UnauthenticatedError("the access token has expired");
  absl::Time not_before = TimeClaim(jws->claims, "nbf");
  if (not_before != absl::InfinitePast() && not_before > now + skew_) {
    return absl::UnauthenticatedError("the access token is not valid yet (nbf)");
  }
  std::vector<std::string> audience = AudienceClaim(jws->claims);
  if (std::find(audience.begin(), audience.end(), audience_) == audience.end()) {
    return absl::UnauthenticatedError(absl::StrCat(
        "the access token is not meant for this API: aud must name \"", audience_, "\""));
  }
  std::string bound = BoundCertificate(jws->claims);
  if (!bound.empty() && !ConstantTimeEquals(bound, client_certificate)) {
    return absl::UnauthenticatedError(
        "the access token is bound to a TLS client certificate this request does not present");
  }
  if (verified.own) {
    verified.client = StringClaim(jws->claims, "sub");
  } else {
    for (const char* claim : {"client_id", "azp", "sub"}) {
      if (verified.client.empty()) verified.client = StringClaim(jws->claims, claim);
    }
  }
  if (verified.client.empty()) {
    return absl::UnauthenticatedError("the access token names no client (client_id or sub)");
  }
  verified.scopes = absl::StrSplit(StringClaim(jws->claims, "scope"), ' ', absl::SkipEmpty());
  return verified;
}

}  // namespace swv::gateway::oauth
