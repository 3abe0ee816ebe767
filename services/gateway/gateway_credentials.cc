// GatewayStore's bearer credentials: the principal a credential stands for, the normalised spec,
// and Issue, Revoke, ListCredentials and Authenticate.
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/common/digest.h"
#include "services/common/ids.h"
#include "services/gateway/gateway_store.h"
#include "services/gateway/oauth/jose.h"
#include "services/kernel/errors.h"
#include "services/kernel/status_macros.h"
#include "services/kernel/time_format.h"
#include "storage/reads.h"

namespace swv::gateway {
namespace {

using storage::Row;
using storage::Transaction;
using storage::Value;

constexpr char kTokenPrefix[] = "swv_";
// Longest scope text in a principal id: with the kind and the token id the id stays far below 128.
constexpr size_t kMaxPrincipalScopeText = 64;
constexpr size_t kSecretBytes = 32;

std::string Sha256Hex(absl::string_view data) { return absl::BytesToHexString(Sha256(data)); }

bool IsSchoolCode(absl::string_view code) {
  if (code.size() != 6) return false;
  for (size_t i = 0; i < 4; ++i) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(code[i]))) return false;
  }
  return absl::ascii_isdigit(static_cast<unsigned char>(code[4])) &&
         absl::ascii_isdigit(static_cast<unsigned char>(code[5]));
}

bool IsMunicipalityCode(absl::string_view code) {
  if (code.size() != 6 || !absl::StartsWith(code, "GM")) return false;
  for (size_t i = 2; i < 6; ++i) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(code[i]))) return false;
  }
  return true;
}

bool IsBoardCode(absl::string_view code) {
  if (code.empty() || code.size() > 16) return false;
  for (char c : code) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  }
  return true;
}

Credential CredentialFromRow(const Row& row) {
  // token_id, kind, tenant, scope, legal_ground, display_name, create/expire/revoke time
  Credential credential;
  credential.token_id = row.GetString(0);
  ParsePrincipalKind(row.GetString(1), &credential.spec.kind);
  credential.spec.tenant = row.GetString(2);
  credential.spec.scope = absl::StrSplit(row.GetString(3), ',', absl::SkipEmpty());
  credential.spec.legal_ground = row.GetString(4);
  credential.spec.display_name = row.GetString(5);
  credential.created = FromMicros(row.GetInt(6));
  credential.spec.expires = FromMicros(row.GetInt(7));
  credential.revoked = !row.IsNull(8);
  ParseClientAuth(row.GetString(9), &credential.spec.auth);
  std::string client_key = row.IsNull(10) ? "" : row.GetString(10);
  if (credential.spec.auth == ClientAuth::kPrivateKeyJwt)
    credential.spec.public_key_pem = client_key;
  if (credential.spec.auth == ClientAuth::kTlsClientAuth) {
    credential.spec.certificate_sha256 = client_key;
  }
  credential.spec.external_issuer = row.GetString(11);
  credential.spec.external_subject = row.GetString(12);
  credential.spec.oauth_scopes = absl::StrSplit(row.GetString(13), ' ', absl::SkipEmpty());
  credential.spec.organisation = row.GetString(14);
  return credential;
}

// A credential with its revocation, if any (revocations are rows of their own, never updates).
constexpr char kCredentialColumns[] =
    "c.token_id, c.kind, c.tenant, c.scope, c.legal_ground, c.display_name, c.create_time_us, "
    "c.expire_time_us, r.revoke_time_us, c.client_auth, c.client_key, c.external_issuer, "
    "c.external_subject, c.oauth_scopes, c.organisation";
constexpr int kSecretColumn = 15;  // after kCredentialColumns
constexpr char kCredentialsWithRevocations[] =
    " FROM gateway_credentials c LEFT JOIN gateway_credential_revocations r "
    "ON r.token_id = c.token_id";

}  // namespace

Principal Credential::ToPrincipal() const {
  Principal principal;
  principal.kind = spec.kind;
  principal.tenant = spec.tenant;
  principal.scope = spec.scope;
  principal.organisation = spec.organisation;
  std::string middle = !spec.organisation.empty() ? spec.organisation
                       : !spec.scope.empty()      ? absl::StrJoin(spec.scope, "+")
                       : !spec.tenant.empty()     ? spec.tenant
                                                  : "any";
  // The id is the actor in every service's history rows (VARCHAR(128)) and in the audit: a long
  // scope is named by its first entry and a count; the full list travels as x-swv-scope and is
  // kept in the audit row's principal_scope.
  if (middle.size() > kMaxPrincipalScopeText && !spec.scope.empty()) {
    middle = absl::StrCat(spec.scope.front(), "+", spec.scope.size() - 1, "more");
  }
  principal.id = absl::StrCat(PrincipalKindName(spec.kind), ":", middle, ":", token_id);
  return principal;
}

absl::StatusOr<CredentialSpec> NormalizeCredentialSpec(CredentialSpec spec) {
  spec.tenant = CanonicalTenant(spec.tenant);
  for (std::string& entry : spec.scope) {
    entry = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(entry));
  }
  spec.scope.erase(std::remove(spec.scope.begin(), spec.scope.end(), ""), spec.scope.end());
  std::sort(spec.scope.begin(), spec.scope.end());
  spec.scope.erase(std::unique(spec.scope.begin(), spec.scope.end()), spec.scope.end());
  spec.legal_ground = std::string(absl::StripAsciiWhitespace(spec.legal_ground));
  spec.display_name = std::string(absl::StripAsciiWhitespace(spec.display_name));
  spec.external_issuer = std::string(absl::StripAsciiWhitespace(spec.external_issuer));
  spec.external_subject = std::string(absl::StripAsciiWhitespace(spec.external_subject));
  SWV_RETURN_IF_ERROR(NormalizeClientFields(spec));

  if (spec.kind == PrincipalKind::kStaff || spec.kind == PrincipalKind::kService) {
    return InvalidField("kind", "UNSUPPORTED_KIND",
                        "must be school, board, office, partner, youth_care or ops");
  }
  if (spec.kind != PrincipalKind::kOps && spec.tenant.empty()) {
    return InvalidField("swv", "REQUIRED",
                        "the SWV (tenant) this credential belongs to, e.g. PO2203");
  }
  if (spec.tenant.size() > 16) return InvalidField("swv", "TOO_LONG", "an SWV code, e.g. PO2203");
  if (spec.display_name.empty() || spec.display_name.size() > 200) {
    return InvalidField("name", "REQUIRED", "a name of 1-200 characters saying who holds it");
  }
  spec.organisation = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(spec.organisation));
  if ((spec.kind == PrincipalKind::kYouthCare) != !spec.organisation.empty()) {
    return InvalidField("organisation", spec.organisation.empty() ? "REQUIRED" : "NOT_ALLOWED",
                        "a youth_care credential names its organisation (the code the parents' "
                        "consents name, e.g. MEVIS); other kinds name none");
  }
  if (!spec.organisation.empty() &&
      (spec.organisation.size() < 2 || spec.organisation.size() > 32 ||
       !std::all_of(spec.organisation.begin(), spec.organisation.end(), [](char c) {
         return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-';
       }))) {
    return InvalidField("organisation", "MALFORMED_ORGANISATION",
                        "2-32 letters, digits or hyphens, e.g. MEVIS");
  }
  if (spec.legal_ground.size() > 500)
    return InvalidField("legal_ground", "TOO_LONG", "at most 500 characters");
  if (spec.expires == absl::InfinitePast() || spec.expires == absl::InfiniteFuture()) {
    return InvalidField("expires", "REQUIRED", "every credential expires; give a date");
  }
  switch (spec.kind) {
    case PrincipalKind::kSchool:
      if (spec.scope.empty())
        return InvalidField("schools", "REQUIRED", "one or more school codes (BRIN + vestiging)");
      for (const std::string& school : spec.scope) {
        if (!IsSchoolCode(school)) {
          return InvalidField(
              "schools", "MALFORMED_SCHOOL_CODE",
              absl::StrCat("\"", school, "\" is not BRIN (4) + vestiging (2 digits), e.g. 12AB00"));
        }
      }
      break;
    case PrincipalKind::kBoard:
      if (spec.scope.size() != 1 || !IsBoardCode(spec.scope[0])) {
        return InvalidField("board", "MALFORMED_BOARD_CODE",
                            "exactly one board code, 1-16 of [A-Za-z0-9-]");
      }
      break;
    case PrincipalKind::kPartner:
    case PrincipalKind::kYouthCare:
      if (spec.scope.empty())
        return InvalidField("municipalities", "REQUIRED", "one or more CBS codes, e.g. GM0606");
      for (const std::string& code : spec.scope) {
        if (!IsMunicipalityCode(code)) {
          return InvalidField("municipalities", "MALFORMED_MUNICIPALITY_CODE",
                              absl::StrCat("\"", code, "\" is not GM + 4 digits"));
        }
      }
      if (spec.legal_ground.empty()) {
        return InvalidField("legal_ground", "REQUIRED",
                            "a partner's access needs the legal ground of the agreement");
      }
      break;
    case PrincipalKind::kOffice:
    case PrincipalKind::kOps:
      if (!spec.scope.empty())
        return InvalidField("scope", "NOT_ALLOWED",
                            "office and ops credentials take no scope list");
      break;
    case PrincipalKind::kStaff:
    case PrincipalKind::kService:
      break;
  }
  return spec;
}

absl::StatusOr<IssuedCredential> GatewayStore::Issue(const CredentialSpec& spec_in) {
  SWV_ASSIGN_OR_RETURN(CredentialSpec spec, NormalizeCredentialSpec(spec_in));
  if (spec.expires <= clock_->Now())
    return InvalidField("expires", "IN_THE_PAST", "must lie in the future");
  unsigned char random[kSecretBytes];
  if (RAND_bytes(random, sizeof random) != 1)
    return absl::InternalError("no randomness for a secret");
  std::string secret_part;
  absl::WebSafeBase64Escape(absl::string_view(reinterpret_cast<const char*>(random), sizeof random),
                            &secret_part);
  OPENSSL_cleanse(random, sizeof random);

  IssuedCredential issued;
  issued.credential.token_id = RandomId("cr-");
  issued.credential.spec = spec;
  issued.credential.created = absl::FromUnixSeconds(absl::ToUnixSeconds(clock_->Now()));
  // An OAuth client has no secret here: it proves itself with its key, its certificate or its
  // identity provider, and no API-key hash can match the empty one.
  std::string hash;
  if (spec.auth == ClientAuth::kApiKey) {
    issued.secret = absl::StrCat(kTokenPrefix, issued.credential.token_id, ".", secret_part);
    hash = Sha256Hex(secret_part);
  }
  std::string client_key = spec.auth == ClientAuth::kPrivateKeyJwt   ? spec.public_key_pem
                           : spec.auth == ClientAuth::kTlsClientAuth ? spec.certificate_sha256
                                                                     : "";
  absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
    if (spec.auth == ClientAuth::kExternal) {
      absl::StatusOr<std::vector<Row>> taken =
          tx.Query(absl::StrCat("SELECT c.token_id", kCredentialsWithRevocations,
                                " WHERE c.external_issuer = ? AND c.external_subject = ? AND "
                                "r.revoke_time_us IS NULL AND c.expire_time_us > ?"),
                   {Value(spec.external_issuer), Value(spec.external_subject),
                    Value(ToMicros(clock_->Now()))});
      if (!taken.ok()) return taken.status();
      if (!taken->empty()) {
        return InvalidField("subject", "ALREADY_REGISTERED",
                            absl::StrCat("this issuer's client is registered as ",
                                         (*taken)[0].GetString(0), "; revoke that one first"));
      }
    }
    return tx
        .Execute(
            "INSERT INTO gateway_credentials (token_id, secret_sha256, kind, tenant, scope, "
            "legal_ground, display_name, create_time_us, expire_time_us, client_auth, "
            "client_key, external_issuer, external_subject, oauth_scopes, organisation) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {Value(issued.credential.token_id), Value(hash),
             Value(std::string(PrincipalKindName(spec.kind))), Value(spec.tenant),
             Value(absl::StrJoin(spec.scope, ",")), Value(spec.legal_ground),
             Value(spec.display_name), Value(ToMicros(issued.credential.created)),
             Value(ToMicros(spec.expires)), Value(std::string(ClientAuthName(spec.auth))),
             client_key.empty() ? Value() : Value(client_key), Value(spec.external_issuer),
             Value(spec.external_subject), Value(absl::StrJoin(spec.oauth_scopes, " ")),
             Value(spec.organisation)})
        .status();
  });
  if (!status.ok()) return status;
  return issued;
}

absl::Status GatewayStore::Revoke(absl::string_view token_id) {
  int64_t now = ToMicros(clock_->Now());
  return db_->InTransaction([&](Transaction& tx) -> absl::Status {
    absl::StatusOr<std::vector<Row>> rows =
        tx.Query(absl::StrCat("SELECT r.revoke_time_us", kCredentialsWithRevocations,
                              " WHERE c.token_id = ?"),
                 {Value(std::string(token_id))});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return absl::NotFoundError(absl::StrCat("no credential ", token_id));
    if (!(*rows)[0].IsNull(0)) return absl::OkStatus();
    absl::StatusOr<int64_t> inserted = tx.Execute(
        "INSERT INTO gateway_credential_revocations (token_id, revoke_time_us) VALUES (?, ?)",
        {Value(std::string(token_id)), Value(now)});
    // Revoked by someone else in the meantime: revoked either way.
    if (absl::IsAlreadyExists(inserted.status())) return absl::OkStatus();
    return inserted.status();
  });
}

absl::StatusOr<std::vector<Credential>> GatewayStore::ListCredentials() {
  return storage::ReadAll<Credential>(
      *db_,
      absl::StrCat("SELECT ", kCredentialColumns, kCredentialsWithRevocations,
                   " ORDER BY c.create_time_us, c.token_id"),
      {}, CredentialFromRow);
}

bool SplitBearer(absl::string_view bearer_token, std::string* token_id, std::string* secret) {
  if (!absl::ConsumePrefix(&bearer_token, kTokenPrefix)) return false;
  size_t dot = bearer_token.find('.');
  if (dot == absl::string_view::npos || dot > 32) return false;
  *token_id = std::string(bearer_token.substr(0, dot));
  *secret = std::string(bearer_token.substr(dot + 1));
  return true;
}

absl::StatusOr<Credential> CheckBearer(const StoredCredential& stored, absl::string_view secret,
                                       absl::Time now) {
  std::string presented_hash = Sha256Hex(secret);
  const std::string& stored_hash = stored.secret_sha256;
  if (stored.credential.spec.auth != ClientAuth::kApiKey || stored_hash.empty() ||
      !ConstantTimeEquals(presented_hash, stored_hash)) {
    return absl::UnauthenticatedError("the bearer credential is not valid");
  }
  if (stored.credential.revoked) {
    return absl::UnauthenticatedError("the bearer credential has been revoked");
  }
  if (now >= stored.credential.spec.expires) {
    return absl::UnauthenticatedError("the bearer credential has expired");
  }
  return stored.credential;
}

absl::StatusOr<StoredCredential> GatewayStore::LoadCredential(absl::string_view token_id) {
  SWV_ASSIGN_OR_RETURN(
      absl::optional<StoredCredential> stored,
      storage::ReadFirst<StoredCredential>(
          *db_,
          absl::StrCat("SELECT ", kCredentialColumns, ", c.secret_sha256",
                       kCredentialsWithRevocations, " WHERE c.token_id = ?"),
          {Value(std::string(token_id))}, [](const Row& row) {
            return StoredCredential{CredentialFromRow(row), row.GetString(kSecretColumn)};
          }));
  if (!stored.has_value()) return absl::UnauthenticatedError("the bearer credential is not valid");
  return *std::move(stored);
}

absl::StatusOr<StoredCredential> GatewayStore::LoadExternalClient(absl::string_view issuer,
                                                                  absl::string_view subject) {
  SWV_ASSIGN_OR_RETURN(
      absl::optional<StoredCredential> stored,
      storage::ReadFirst<StoredCredential>(
          *db_,
          absl::StrCat("SELECT ", kCredentialColumns, ", c.secret_sha256",
                       kCredentialsWithRevocations,
                       " WHERE c.external_issuer = ? AND c.external_subject = ? AND "
                       "c.client_auth = 'external' ORDER BY (r.revoke_time_us IS NULL) DESC, "
                       "c.create_time_us DESC"),
          {Value(std::string(issuer)), Value(std::string(subject))}, [](const Row& row) {
            return StoredCredential{CredentialFromRow(row), row.GetString(kSecretColumn)};
          }));
  if (!stored.has_value()) {
    return absl::UnauthenticatedError(absl::StrCat(
        "the token's client \"", subject, "\" is not registered for this API (swv-admin)"));
  }
  return *std::move(stored);
}

absl::StatusOr<Credential> GatewayStore::Authenticate(absl::string_view bearer_token) {
  std::string token_id;
  std::string secret;
  if (!SplitBearer(bearer_token, &token_id, &secret)) {
    return absl::UnauthenticatedError("the bearer credential is not valid");
  }
  SWV_ASSIGN_OR_RETURN(StoredCredential stored, LoadCredential(token_id));
  return CheckBearer(stored, secret, clock_->Now());
}

}  // namespace swv::gateway
