#include "services/gateway/oauth/jose.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <cmath>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/util/json_util.h"
#include "services/common/digest.h"
#include "services/kernel/json.h"

namespace swv::gateway::oauth {
namespace {

using google::protobuf::Struct;
using google::protobuf::Value;

// An OpenSSL object owned by a unique_ptr that frees it with its own free function.
template <auto kFree>
struct FreeWith {
  template <typename T>
  void operator()(T* object) const {
    kFree(object);
  }
};
template <typename T, auto kFree>
using Owned = std::unique_ptr<T, FreeWith<kFree>>;

std::shared_ptr<EVP_PKEY> Own(EVP_PKEY* pkey) { return {pkey, EVP_PKEY_free}; }

absl::Status CheckRsa(EVP_PKEY* pkey) {
  if (EVP_PKEY_is_a(pkey, "RSA") != 1) {
    return absl::InvalidArgumentError("the key is not an RSA key (RS256/PS256 need RSA)");
  }
  if (EVP_PKEY_get_bits(pkey) < kMinRsaBits) {
    return absl::InvalidArgumentError(absl::StrCat("the RSA key has ", EVP_PKEY_get_bits(pkey),
                                                   " bits; at least ", kMinRsaBits,
                                                   " are required"));
  }
  return absl::OkStatus();
}

Owned<BIO, BIO_free> MemoryBio(absl::string_view text) {
  return Owned<BIO, BIO_free>(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

std::string BioText(BIO* bio) {
  char* data = nullptr;
  long length = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(length));
}

std::string BnParam(EVP_PKEY* pkey, const char* name) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(pkey, name, &raw) != 1) return "";
  Owned<BIGNUM, BN_free> bn(raw);
  std::string bytes(static_cast<size_t>(BN_num_bytes(bn.get())), '\0');
  BN_bn2bin(bn.get(), reinterpret_cast<unsigned char*>(bytes.data()));
  return bytes;
}

absl::StatusOr<Struct> ParseObject(absl::string_view json, absl::string_view what) {
  Struct object;
  if (!google::protobuf::util::JsonStringToMessage(std::string(json), &object).ok()) {
    return absl::UnauthenticatedError(absl::StrCat("the ", what, " is not a JSON object"));
  }
  return object;
}

// Sets up `ctx` for RS256 or PS256 over SHA-256 with `pkey`; false for any other algorithm.
bool InitDigest(EVP_MD_CTX* ctx, EVP_PKEY* pkey, absl::string_view alg, bool sign) {
  if (alg != "RS256" && alg != "PS256") return false;
  EVP_PKEY_CTX* pctx = nullptr;
  int ok = sign ? EVP_DigestSignInit(ctx, &pctx, EVP_sha256(), nullptr, pkey)
                : EVP_DigestVerifyInit(ctx, &pctx, EVP_sha256(), nullptr, pkey);
  if (ok != 1) return false;
  if (alg == "PS256") {
    // RFC 7518 3.5: MGF1 with SHA-256 and a salt as long as the hash.
    return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
           EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1;
  }
  return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) == 1;
}

}  // namespace

std::string Base64Url(absl::string_view bytes) {
  std::string out;
  absl::WebSafeBase64Escape(bytes, &out);
  return out;
}

bool FromBase64Url(absl::string_view text, std::string* bytes) {
  // Padding and the standard alphabet are not base64url; absl would accept both.
  for (char c : text) {
    if (c == '=' || c == '+' || c == '/') return false;
  }
  return absl::WebSafeBase64Unescape(text, bytes);
}

absl::StatusOr<RsaKey> RsaKey::FromPublicPem(absl::string_view pem) {
  auto bio = MemoryBio(pem);
  EVP_PKEY* raw = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
  if (raw == nullptr) {
    absl::StatusOr<RsaKey> private_key = FromPrivatePem(pem);
    if (!private_key.ok()) {
      return absl::InvalidArgumentError("not a PEM public key (BEGIN PUBLIC KEY)");
    }
    return RsaKey(private_key->pkey_, false);
  }
  std::shared_ptr<EVP_PKEY> pkey = Own(raw);
  if (absl::Status status = CheckRsa(pkey.get()); !status.ok()) return status;
  return RsaKey(std::move(pkey), false);
}

absl::StatusOr<RsaKey> RsaKey::FromPrivatePem(absl::string_view pem) {
  auto bio = MemoryBio(pem);
  EVP_PKEY* raw = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
  if (raw == nullptr) return absl::InvalidArgumentError("not a PEM private key");
  std::shared_ptr<EVP_PKEY> pkey = Own(raw);
  if (absl::Status status = CheckRsa(pkey.get()); !status.ok()) return status;
  return RsaKey(std::move(pkey), true);
}

absl::StatusOr<RsaKey> RsaKey::FromJwk(const Struct& jwk) {
  if (StringClaim(jwk, "kty") != "RSA") return absl::InvalidArgumentError("kty is not RSA");
  std::string n;
  std::string e;
  if (!FromBase64Url(StringClaim(jwk, "n"), &n) || !FromBase64Url(StringClaim(jwk, "e"), &e) ||
      n.empty() || e.empty()) {
    return absl::InvalidArgumentError("n and e must be base64url numbers");
  }
  auto to_bn = [](const std::string& bytes) {
    return Owned<BIGNUM, BN_free>(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                                            static_cast<int>(bytes.size()), nullptr));
  };
  auto bn_n = to_bn(n);
  auto bn_e = to_bn(e);
  Owned<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free> bld(OSSL_PARAM_BLD_new());
  if (!bn_n || !bn_e || !bld ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()) != 1) {
    return absl::InternalError("cannot build an RSA key");
  }
  Owned<OSSL_PARAM, OSSL_PARAM_free> params(OSSL_PARAM_BLD_to_param(bld.get()));
  Owned<EVP_PKEY_CTX, EVP_PKEY_CTX_free> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return absl::InvalidArgumentError("n and e do not make an RSA public key");
  }
  std::shared_ptr<EVP_PKEY> pkey = Own(raw);
  if (absl::Status status = CheckRsa(pkey.get()); !status.ok()) return status;
  return RsaKey(std::move(pkey), false);
}

absl::StatusOr<RsaKey> RsaKey::Generate(int bits) {
  EVP_PKEY* raw = EVP_RSA_gen(static_cast<unsigned int>(bits));
  if (raw == nullptr) return absl::InternalError("cannot generate an RSA key");
  return RsaKey(Own(raw), true);
}

std::string RsaKey::PrivatePem() const {
  if (!has_private_) return "";
  Owned<BIO, BIO_free> bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(bio.get(), pkey_.get(), nullptr, nullptr, 0, nullptr, nullptr);
  return BioText(bio.get());
}

std::string RsaKey::PublicPem() const {
  Owned<BIO, BIO_free> bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PUBKEY(bio.get(), pkey_.get());
  return BioText(bio.get());
}

std::string RsaKey::PublicJwkJson(absl::string_view kid) const {
  return JsonObject()
      .String("kty", "RSA")
      .String("use", "sig")
      .String("alg", "RS256")
      .String("kid", kid)
      .String("n", Base64Url(BnParam(pkey_.get(), OSSL_PKEY_PARAM_RSA_N)))
      .String("e", Base64Url(BnParam(pkey_.get(), OSSL_PKEY_PARAM_RSA_E)))
      .Build();
}

std::string RsaKey::Thumbprint() const {
  // RFC 7638: the required members in lexical order, no whitespace.
  std::string canonical = JsonObject()
                              .String("e", Base64Url(BnParam(pkey_.get(), OSSL_PKEY_PARAM_RSA_E)))
                              .String("kty", "RSA")
                              .String("n", Base64Url(BnParam(pkey_.get(), OSSL_PKEY_PARAM_RSA_N)))
                              .Build();
  return Base64Url(Sha256(canonical));
}

absl::StatusOr<Jws> ParseJws(absl::string_view compact) {
  std::vector<absl::string_view> parts = absl::StrSplit(compact, '.');
  if (parts.size() != 3) {
    return absl::UnauthenticatedError("the token is not a signed JWT (three base64url parts)");
  }
  std::string header_json;
  std::string claims_json;
  Jws jws;
  if (!FromBase64Url(parts[0], &header_json) || !FromBase64Url(parts[1], &claims_json) ||
      !FromBase64Url(parts[2], &jws.signature)) {
    return absl::UnauthenticatedError("the token's parts are not base64url");
  }
  absl::StatusOr<Struct> header = ParseObject(header_json, "token header");
  if (!header.ok()) return header.status();
  absl::StatusOr<Struct> claims = ParseObject(claims_json, "token's claim set");
  if (!claims.ok()) return claims.status();
  jws.header = *std::move(header);
  jws.claims = *std::move(claims);
  jws.signing_input = absl::StrCat(parts[0], ".", parts[1]);
  return jws;
}

absl::Status VerifyJws(const Jws& jws, const RsaKey& key) {
  std::string alg = StringClaim(jws.header, "alg");
  Owned<EVP_MD_CTX, EVP_MD_CTX_free> ctx(EVP_MD_CTX_new());
  if (!InitDigest(ctx.get(), key.pkey(), alg, /*sign=*/false)) {
    return absl::UnauthenticatedError(
        absl::StrCat("the token's alg \"", alg, "\" is not accepted; use RS256 or PS256"));
  }
  if (EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(jws.signature.data()),
                       jws.signature.size(),
                       reinterpret_cast<const unsigned char*>(jws.signing_input.data()),
                       jws.signing_input.size()) != 1) {
    return absl::UnauthenticatedError("the token's signature does not verify");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> SignJws(absl::string_view claims_json, const RsaKey& key,
                                    absl::string_view kid, absl::string_view typ,
                                    absl::string_view alg) {
  if (!key.has_private()) return absl::InternalError("signing needs a private key");
  std::string header =
      JsonObject().String("alg", alg).String("typ", typ).String("kid", kid).Build();
  std::string input = absl::StrCat(Base64Url(header), ".", Base64Url(claims_json));
  Owned<EVP_MD_CTX, EVP_MD_CTX_free> ctx(EVP_MD_CTX_new());
  size_t length = 0;
  if (!InitDigest(ctx.get(), key.pkey(), alg, /*sign=*/true) ||
      EVP_DigestSign(ctx.get(), nullptr, &length,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1) {
    return absl::InternalError("cannot sign the token");
  }
  std::string signature(length, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1) {
    return absl::InternalError("cannot sign the token");
  }
  signature.resize(length);
  return absl::StrCat(input, ".", Base64Url(signature));
}

absl::StatusOr<KeySet> KeySet::FromJson(absl::string_view jwks_json) {
  Struct set;
  if (!google::protobuf::util::JsonStringToMessage(std::string(jwks_json), &set).ok()) {
    return absl::InvalidArgumentError("the JWK Set is not a JSON object");
  }
  auto keys = set.fields().find("keys");
  if (keys == set.fields().end() || !keys->second.has_list_value()) {
    return absl::InvalidArgumentError("the JWK Set has no \"keys\" array");
  }
  KeySet result;
  for (const Value& entry : keys->second.list_value().values()) {
    if (!entry.has_struct_value()) continue;
    const Struct& jwk = entry.struct_value();
    std::string use = StringClaim(jwk, "use");
    if (StringClaim(jwk, "kty") != "RSA" || (!use.empty() && use != "sig")) continue;
    absl::StatusOr<RsaKey> key = RsaKey::FromJwk(jwk);
    if (!key.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "key \"", StringClaim(jwk, "kid"), "\" of the JWK Set: ", key.status().message()));
    }
    result.Add(StringClaim(jwk, "kid"), *std::move(key));
  }
  if (result.empty()) return absl::InvalidArgumentError("the JWK Set holds no RSA signing key");
  return result;
}

const RsaKey* KeySet::Find(absl::string_view kid) const {
  if (kid.empty()) return keys_.size() == 1 ? &keys_[0].second : nullptr;
  for (const auto& [key_id, key] : keys_) {
    if (key_id == kid) return &key;
  }
  return nullptr;
}

std::string KeySet::ToJson() const {
  std::string keys;
  for (const auto& [kid, key] : keys_) {
    absl::StrAppend(&keys, keys.empty() ? "" : ",", key.PublicJwkJson(kid));
  }
  return absl::StrCat("{\"keys\":[", keys, "]}");
}

std::string StringClaim(const Struct& claims, absl::string_view name) {
  auto it = claims.fields().find(std::string(name));
  if (it == claims.fields().end() || !it->second.has_string_value()) return "";
  return it->second.string_value();
}

absl::Time TimeClaim(const Struct& claims, absl::string_view name) {
  auto it = claims.fields().find(std::string(name));
  if (it == claims.fields().end() || !it->second.has_number_value()) return absl::InfinitePast();
  double seconds = it->second.number_value();
  if (!std::isfinite(seconds) || seconds < 0 || seconds > 1e11) return absl::InfinitePast();
  return absl::FromUnixSeconds(static_cast<int64_t>(seconds));
}

std::vector<std::string> AudienceClaim(const Struct& claims) {
  std::vector<std::string> audience;
  auto it = claims.fields().find("aud");
  if (it == claims.fields().end()) return audience;
  if (it->second.has_string_value()) audience.push_back(it->second.string_value());
  if (it->second.has_list_value()) {
    for (const Value& value : it->second.list_value().values()) {
      if (value.has_string_value()) audience.push_back(value.string_value());
    }
  }
  return audience;
}

std::string CertificateThumbprint(absl::string_view der) { return Base64Url(Sha256(der)); }

absl::StatusOr<std::string> PemCertificateThumbprint(absl::string_view pem) {
  auto bio = MemoryBio(pem);
  X509* certificate = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
  if (certificate == nullptr) return absl::InvalidArgumentError("not a PEM certificate");
  unsigned char* der = nullptr;
  int length = i2d_X509(certificate, &der);
  X509_free(certificate);
  if (length <= 0) return absl::InvalidArgumentError("the certificate cannot be encoded");
  std::string thumbprint = CertificateThumbprint(
      absl::string_view(reinterpret_cast<const char*>(der), static_cast<size_t>(length)));
  OPENSSL_free(der);
  return thumbprint;
}

}  // namespace swv::gateway::oauth
