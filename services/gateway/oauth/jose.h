// The small part of JOSE (RFC 7515 JWS, 7517 JWK, 7519 JWT) that OAuth per the NL GOV profile
// needs: compact JWS signed with RS256 or PS256 (the profile requires RS256 and recommends PS256;
// "none" and the HMAC algorithms are refused, so a public key can never be used as a secret),
// RSA public keys as PEM or JWK, key sets, and the SHA-256 thumbprint of a DER certificate
// (RFC 8705 "x5t#S256").
//
// Pure functions and values over OpenSSL. An RsaKey shares its EVP_PKEY (reference counted,
// immutable after creation), so copies are cheap and may be used from many threads at once.
#ifndef SWV_SERVICES_GATEWAY_OAUTH_JOSE_H_
#define SWV_SERVICES_GATEWAY_OAUTH_JOSE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "google/protobuf/struct.pb.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace swv::gateway::oauth {

// Smallest RSA modulus accepted for any key (NIST and the Dutch NCSC guidelines: 2048 bits).
inline constexpr int kMinRsaBits = 2048;

class RsaKey {
 public:
  // A PEM public key ("BEGIN PUBLIC KEY"), or the public half of a PEM private key.
  static absl::StatusOr<RsaKey> FromPublicPem(absl::string_view pem);
  // A PEM private key ("BEGIN PRIVATE KEY" or "BEGIN RSA PRIVATE KEY"), for signing.
  static absl::StatusOr<RsaKey> FromPrivatePem(absl::string_view pem);
  // A JWK object with kty "RSA", n and e.
  static absl::StatusOr<RsaKey> FromJwk(const google::protobuf::Struct& jwk);
  // A new key (tests, and the embedded default's first start).
  static absl::StatusOr<RsaKey> Generate(int bits = kMinRsaBits);

  bool has_private() const { return has_private_; }
  // The private key as PKCS#8 PEM (empty for a public key); the public key as SPKI PEM.
  std::string PrivatePem() const;
  std::string PublicPem() const;
  // The public key as one JWK object: {"kty":"RSA","use":"sig","alg":"RS256","kid":…,"n":…,"e":…}.
  std::string PublicJwkJson(absl::string_view kid) const;
  // The RFC 7638 thumbprint (base64url SHA-256), a stable key id.
  std::string Thumbprint() const;

  EVP_PKEY* pkey() const { return pkey_.get(); }

 private:
  RsaKey(std::shared_ptr<EVP_PKEY> pkey, bool has_private)
      : pkey_(std::move(pkey)), has_private_(has_private) {}
  std::shared_ptr<EVP_PKEY> pkey_;
  bool has_private_ = false;
};

// A compact JWS split into its parts; the header and claims are parsed JSON objects.
struct Jws {
  google::protobuf::Struct header;
  google::protobuf::Struct claims;
  std::string signing_input;  // "<header b64>.<claims b64>"
  std::string signature;      // raw bytes
};

// Splits and parses a compact JWS. UNAUTHENTICATED naming what is wrong (three parts, base64url,
// JSON objects). Nothing is verified yet.
absl::StatusOr<Jws> ParseJws(absl::string_view compact);

// Verifies `jws` with `key`: alg must be RS256 or PS256. UNAUTHENTICATED when it does not hold.
absl::Status VerifyJws(const Jws& jws, const RsaKey& key);

// Signs `claims_json` (a JSON object) with `key` under RS256, with `kid` and `typ` in the header.
absl::StatusOr<std::string> SignJws(absl::string_view claims_json, const RsaKey& key,
                                    absl::string_view kid, absl::string_view typ,
                                    absl::string_view alg = "RS256");

// A JWK Set: keys by kid. Keys that are not RSA signature keys are skipped (a set may hold
// encryption or EC keys we do not use); a set without a usable key is an error.
class KeySet {
 public:
  static absl::StatusOr<KeySet> FromJson(absl::string_view jwks_json);
  void Add(std::string kid, RsaKey key) { keys_.emplace_back(std::move(kid), std::move(key)); }
  // The key named by `kid`; with an empty kid, the only key of a one-key set.
  const RsaKey* Find(absl::string_view kid) const;
  std::string ToJson() const;  // {"keys":[…]}
  bool empty() const { return keys_.empty(); }

 private:
  std::vector<std::pair<std::string, RsaKey>> keys_;
};

// Claim readers over a parsed claim set. A missing claim is "" / nullopt-like (InfinitePast).
std::string StringClaim(const google::protobuf::Struct& claims, absl::string_view name);
// A NumericDate claim (seconds since the epoch), InfinitePast when absent or not a number.
absl::Time TimeClaim(const google::protobuf::Struct& claims, absl::string_view name);
// "aud" as a list: a string is a list of one.
std::vector<std::string> AudienceClaim(const google::protobuf::Struct& claims);

// base64url (no padding) of SHA-256 over `der`: the RFC 8705 certificate thumbprint.
std::string CertificateThumbprint(absl::string_view der);

// The same thumbprint of the first certificate in `pem`; INVALID_ARGUMENT when there is none.
absl::StatusOr<std::string> PemCertificateThumbprint(absl::string_view pem);

// base64url without padding, and back (false for text that is not base64url).
std::string Base64Url(absl::string_view bytes);
bool FromBase64Url(absl::string_view text, std::string* bytes);

}  // namespace swv::gateway::oauth

#endif  // SWV_SERVICES_GATEWAY_OAUTH_JOSE_H_
