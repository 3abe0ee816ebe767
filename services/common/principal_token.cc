#include "services/common/principal_token.h"

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/common/file_text.h"
#include "services/kernel/status_macros.h"
#include "swv/v1/access.pb.h"

namespace swv {

struct PemKey {
  explicit PemKey(EVP_PKEY* k) : key(k) {}
  ~PemKey() { EVP_PKEY_free(key); }
  PemKey(const PemKey&) = delete;
  PemKey& operator=(const PemKey&) = delete;
  EVP_PKEY* key;
};

namespace {

absl::Status Unauthenticated(absl::string_view why) {
  return absl::UnauthenticatedError(absl::StrCat("principal token: ", why));
}

absl::StatusOr<std::shared_ptr<PemKey>> ParsePem(absl::string_view pem, bool is_private,
                                                 absl::string_view what) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  if (bio == nullptr) return absl::ResourceExhaustedError("BIO_new_mem_buf");
  EVP_PKEY* key = is_private ? PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr)
                             : PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  if (key == nullptr || EVP_PKEY_id(key) != EVP_PKEY_ED25519) {
    EVP_PKEY_free(key);
    return absl::InvalidArgumentError(
        absl::StrCat(what, " is not an Ed25519 ", is_private ? "private" : "public",
                     " key in PEM (make one with: openssl genpkey -algorithm ed25519)"));
  }
  return std::make_shared<PemKey>(key);
}

bool KnownIssuer(absl::string_view issuer) {
  return issuer == kIssuerGateway || issuer == kIssuerService || issuer == kIssuerStaff;
}

}  // namespace

bool IssuerMayVouchFor(absl::string_view issuer, PrincipalKind kind) {
  if (issuer == kIssuerStaff) return kind == PrincipalKind::kStaff;
  if (issuer == kIssuerService) return kind == PrincipalKind::kService;
  if (issuer == kIssuerGateway) return kind != PrincipalKind::kStaff;
  return false;
}

PrincipalSigner::PrincipalSigner(std::string issuer, std::shared_ptr<PemKey> key)
    : issuer_(std::move(issuer)), key_(std::move(key)) {}

absl::StatusOr<std::shared_ptr<const PrincipalSigner>> PrincipalSigner::FromFile(
    absl::string_view issuer, const std::string& private_key_pem_file) {
  SWV_ASSIGN_OR_RETURN(std::string pem, ReadFileOf(private_key_pem_file, "the signing key"));
  return FromPem(issuer, pem);
}

absl::StatusOr<std::shared_ptr<const PrincipalSigner>> PrincipalSigner::FromPem(
    absl::string_view issuer, absl::string_view private_key_pem) {
  if (!KnownIssuer(issuer)) {
    return absl::InvalidArgumentError(absl::StrCat("unknown token issuer \"", issuer, "\""));
  }
  SWV_ASSIGN_OR_RETURN(std::shared_ptr<PemKey> key,
                       ParsePem(private_key_pem, true, "the signing key"));
  return std::shared_ptr<const PrincipalSigner>(new PrincipalSigner(std::string(issuer), key));
}

absl::StatusOr<std::string> PrincipalSigner::Sign(const Principal& principal,
                                                  absl::string_view method, absl::Time now,
                                                  absl::Duration ttl) const {
  swv::v1::PrincipalClaims claims;
  claims.set_issuer(issuer_);
  claims.set_id(principal.id);
  claims.set_kind(PrincipalKindName(principal.kind));
  claims.set_tenant(principal.tenant);
  for (const std::string& entry : principal.scope) claims.add_scope(entry);
  claims.set_organisation(principal.organisation);
  claims.set_method(std::string(method));
  const std::string key =
      absl::StrCat(claims.SerializeAsString(), "|", absl::ToInt64Microseconds(ttl));
  // The same token again while at least half its lifetime is left (and not more than all of it,
  // should the clock have gone back).
  if (absl::optional<ExpiringCache<std::string>::Entry> kept = signed_.Get(key, now);
      kept && kept->expires - now >= ttl / 2 && kept->expires - now <= ttl) {
    return kept->value;
  }
  const absl::Time expires = now + ttl;
  claims.set_expires_unix_micros(absl::ToUnixMicros(expires));
  std::string payload = claims.SerializeAsString();

  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  size_t length = 64;
  unsigned char signature[64];
  bool ok =
      ctx != nullptr && EVP_DigestSignInit(ctx, nullptr, nullptr, nullptr, key_->key) == 1 &&
      EVP_DigestSign(ctx, signature, &length,
                     reinterpret_cast<const unsigned char*>(payload.data()), payload.size()) == 1;
  EVP_MD_CTX_free(ctx);
  if (!ok) return absl::InternalError("cannot sign a principal token");
  std::string token = absl::StrCat(
      "v1.", absl::WebSafeBase64Escape(payload), ".",
      absl::WebSafeBase64Escape(absl::string_view(reinterpret_cast<char*>(signature), length)));
  signed_.Put(key, token, expires, now);
  return token;
}

PrincipalVerifier::PrincipalVerifier(std::map<std::string, std::shared_ptr<PemKey>> keys)
    : keys_(std::move(keys)) {}

absl::StatusOr<std::shared_ptr<const PrincipalVerifier>> PrincipalVerifier::FromSpec(
    absl::string_view spec) {
  std::map<std::string, std::string> pems;
  for (absl::string_view entry : absl::StrSplit(spec, ',', absl::SkipWhitespace())) {
    std::vector<std::string> parts = absl::StrSplit(entry, absl::MaxSplits('=', 1));
    if (parts.size() != 2 || parts[1].empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("\"", entry,
                       "\" is not ISSUER=PUBLIC_KEY_FILE (issuers: gateway, service, "
                       "staff)"));
    }
    std::string issuer(absl::StripAsciiWhitespace(parts[0]));
    SWV_ASSIGN_OR_RETURN(std::string pem,
                         ReadFileOf(std::string(absl::StripAsciiWhitespace(parts[1])),
                                    absl::StrCat("the public key of issuer ", issuer)));
    pems[issuer] = std::move(pem);
  }
  return FromPems(pems);
}

absl::StatusOr<std::shared_ptr<const PrincipalVerifier>> PrincipalVerifier::FromPems(
    const std::map<std::string, std::string>& public_key_pem_by_issuer) {
  if (public_key_pem_by_issuer.empty()) {
    return absl::InvalidArgumentError("no trusted token issuer: give at least the gateway's key");
  }
  std::map<std::string, std::shared_ptr<PemKey>> keys;
  for (const auto& [issuer, pem] : public_key_pem_by_issuer) {
    if (!KnownIssuer(issuer)) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown token issuer \"", issuer, "\" (gateway, service or staff)"));
    }
    SWV_ASSIGN_OR_RETURN(std::shared_ptr<PemKey> key,
                         ParsePem(pem, false, absl::StrCat("the public key of issuer ", issuer)));
    keys[issuer] = key;
  }
  return std::shared_ptr<const PrincipalVerifier>(new PrincipalVerifier(std::move(keys)));
}

absl::StatusOr<Principal> PrincipalVerifier::Verify(absl::string_view token,
                                                    absl::string_view method,
                                                    absl::Time now) const {
  if (token.empty()) return Unauthenticated("the call carries none");
  absl::optional<ExpiringCache<Vouched>::Entry> vouched = verified_.Get(token, now);
  const bool kept = vouched.has_value();
  if (!kept) {
    SWV_ASSIGN_OR_RETURN(ExpiringCache<Vouched>::Entry checked, VerifySignature(token));
    vouched = std::move(checked);
  }
  if (vouched->value.method != method) return Unauthenticated("made for another RPC");
  if (vouched->expires <= now) return Unauthenticated("expired");
  if (vouched->expires - now > kMaxPrincipalTokenLifetime) {
    return Unauthenticated("valid for too long");
  }
  if (!kept) verified_.Put(std::string(token), vouched->value, vouched->expires, now);
  return std::move(vouched->value.principal);
}

absl::StatusOr<ExpiringCache<PrincipalVerifier::Vouched>::Entry> PrincipalVerifier::VerifySignature(
    absl::string_view token) const {
  std::vector<absl::string_view> parts = absl::StrSplit(token, '.');
  std::string payload, signature;
  if (parts.size() != 3 || parts[0] != "v1" || !absl::WebSafeBase64Unescape(parts[1], &payload) ||
      !absl::WebSafeBase64Unescape(parts[2], &signature)) {
    return Unauthenticated("malformed");
  }
  swv::v1::PrincipalClaims claims;
  if (!claims.ParseFromString(payload)) return Unauthenticated("malformed");
  auto key = keys_.find(claims.issuer());
  if (key == keys_.end()) return Unauthenticated("signed by an issuer this service does not trust");
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool valid = ctx != nullptr &&
               EVP_DigestVerifyInit(ctx, nullptr, nullptr, nullptr, key->second->key) == 1 &&
               EVP_DigestVerify(
                   ctx, reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                   reinterpret_cast<const unsigned char*>(payload.data()), payload.size()) == 1;
  EVP_MD_CTX_free(ctx);
  if (!valid) return Unauthenticated("bad signature");

  Principal principal;
  if (claims.kind() == "staff") {
    principal.kind = PrincipalKind::kStaff;
  } else if (!ParsePrincipalKind(claims.kind(), &principal.kind)) {
    return Unauthenticated("unknown principal kind");
  }
  if (!IssuerMayVouchFor(claims.issuer(), principal.kind)) {
    return Unauthenticated(
        absl::StrCat("issuer ", claims.issuer(), " may not vouch for a ", claims.kind()));
  }
  principal.id = claims.id();
  principal.tenant = CanonicalTenant(claims.tenant());
  for (const std::string& entry : claims.scope()) principal.scope.push_back(entry);
  principal.organisation = claims.organisation();
  if (principal.id.empty()) return Unauthenticated("names no principal");
  if (principal.kind == PrincipalKind::kYouthCare && principal.organisation.empty()) {
    return Unauthenticated("a youth_care principal names no organisation");
  }
  bool needs_tenant = principal.kind != PrincipalKind::kStaff &&
                      principal.kind != PrincipalKind::kService &&
                      principal.kind != PrincipalKind::kOps;
  if (needs_tenant && principal.tenant.empty()) return Unauthenticated("names no SWV");
  return ExpiringCache<Vouched>::Entry{Vouched{std::move(principal), claims.method()},
                                       absl::FromUnixMicros(claims.expires_unix_micros())};
}

}  // namespace swv
