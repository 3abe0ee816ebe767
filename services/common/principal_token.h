// Principal tokens: how a caller's identity travels between the processes of this system. The
// gateway (for the credential it authenticated), the services (for themselves, kind "service")
// and the staff tools (kind "staff") sign a short-lived token per call with their Ed25519 key;
// every service verifies it before a handler runs (grpc_principal.h) and trusts nothing else in
// the call's metadata.
//
// A token is bound to the RPC it was made for and expires (a minute by default): a token taken
// from one call cannot open another RPC or be replayed later. Each issuer may vouch only for its
// own kinds: "gateway" for the kinds of the public API (school, board, office, partner, ops) and
// for itself as a service, "service" for services, "staff" for staff tools.
//
// Wire form: "v1." + base64url(PrincipalClaims) + "." + base64url(Ed25519 signature of those
// bytes), in the metadata key x-swv-principal-token.
//
// Keys are PEM files (openssl genpkey -algorithm ed25519; openssl pkey -pubout). Signer and
// Verifier are thread-safe; their keys are immutable after construction. Each keeps what it did
// (ExpiringCache, up to 4,096 tokens): the signer hands out the same token for the same principal
// and RPC while at least half its lifetime is left, and the verifier checks a token's signature
// once and its RPC and expiry on every call. Neither widens what a token allows: it is still one
// principal, one RPC, and refused after the expiry written in it.
#ifndef SWV_SERVICES_COMMON_PRINCIPAL_TOKEN_H_
#define SWV_SERVICES_COMMON_PRINCIPAL_TOKEN_H_

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/common/expiring_cache.h"
#include "services/common/principal.h"

namespace swv {

inline constexpr char kPrincipalTokenKey[] = "x-swv-principal-token";
inline constexpr char kIssuerGateway[] = "gateway";
inline constexpr char kIssuerService[] = "service";
inline constexpr char kIssuerStaff[] = "staff";

struct PemKey;  // an OpenSSL key, freed with the last owner

class PrincipalSigner {
 public:
  // `issuer` is one of the kIssuer* names; the file holds an Ed25519 private key.
  static absl::StatusOr<std::shared_ptr<const PrincipalSigner>> FromFile(
      absl::string_view issuer, const std::string& private_key_pem_file);
  static absl::StatusOr<std::shared_ptr<const PrincipalSigner>> FromPem(
      absl::string_view issuer, absl::string_view private_key_pem);

  // A token for `principal` calling `method` ("/swv.v1.Tlvs/CreateOpp"), valid until now+ttl.
  absl::StatusOr<std::string> Sign(const Principal& principal, absl::string_view method,
                                   absl::Time now, absl::Duration ttl = absl::Minutes(1)) const;

  const std::string& issuer() const { return issuer_; }

 private:
  PrincipalSigner(std::string issuer, std::shared_ptr<PemKey> key);
  std::string issuer_;
  std::shared_ptr<PemKey> key_;
  // Tokens by their claims without the expiry, and the lifetime asked for.
  mutable ExpiringCache<std::string> signed_{4096};
};

class PrincipalVerifier {
 public:
  // "gateway=/keys/gateway.pub,service=/keys/service.pub,staff=/keys/staff.pub": the public key
  // of each trusted issuer. Unknown issuer names and unreadable keys are errors naming them.
  static absl::StatusOr<std::shared_ptr<const PrincipalVerifier>> FromSpec(absl::string_view spec);
  static absl::StatusOr<std::shared_ptr<const PrincipalVerifier>> FromPems(
      const std::map<std::string, std::string>& public_key_pem_by_issuer);

  // The principal the token vouches for. UNAUTHENTICATED, with the reason, when the token is
  // malformed, signed by no trusted key, made for another RPC, expired, valid for longer than a
  // token may be, or names a kind its issuer may not vouch for.
  absl::StatusOr<Principal> Verify(absl::string_view token, absl::string_view method,
                                   absl::Time now) const;

 private:
  struct Vouched {
    Principal principal;
    std::string method;
  };
  explicit PrincipalVerifier(std::map<std::string, std::shared_ptr<PemKey>> keys);
  // Everything about a token that does not depend on the call or the time: its form, signature
  // and what its issuer may vouch for.
  absl::StatusOr<ExpiringCache<Vouched>::Entry> VerifySignature(absl::string_view token) const;
  std::map<std::string, std::shared_ptr<PemKey>> keys_;
  // Tokens whose signature was verified, by their whole text.
  mutable ExpiringCache<Vouched> verified_{4096};
};

// "gateway" vouches for the public API's kinds and itself as a service, "service" for services,
// "staff" for staff tools.
bool IssuerMayVouchFor(absl::string_view issuer, PrincipalKind kind);

// The longest validity a verifier accepts (a signer may not mint long-lived tokens).
inline constexpr absl::Duration kMaxPrincipalTokenLifetime = absl::Minutes(10);

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_PRINCIPAL_TOKEN_H_
