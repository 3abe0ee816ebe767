#include "services/gateway/gateway_store.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/common/ids.h"
#include "services/kernel/errors.h"
#include "services/kernel/time_format.h"
#include "storage/schema.h"

namespace swv::gateway {
namespace {

using storage::Row;
using storage::Transaction;
using storage::Value;

constexpr char kTokenPrefix[] = "swv_";
// Longest scope text in a principal id: with the kind and the token id the id stays far below 128.
constexpr size_t kMaxPrincipalScopeText = 64;
constexpr size_t kSecretBytes = 32;

// Versions 1 to 3 wrote each dialect by hand, with instants as seconds and as RFC 3339 text;
// versions 4 and 5 bring the tables to the conventions of storage/schema.h. The append-only
// triggers (SQLite) are lifted for the one UPDATE that fills the new columns.
constexpr absl::string_view kSchemaV4 = R"sql(
%SQLITE_ONLY% DROP TRIGGER IF EXISTS gateway_audit_events_no_update;
%SQLITE_ONLY% DROP TRIGGER IF EXISTS gateway_credentials_no_update;
%SQLITE_ONLY% DROP TRIGGER IF EXISTS gateway_credential_revocations_no_update;
ALTER TABLE gateway_audit_events %ADD_COLUMN% event_time_us BIGINT NOT NULL DEFAULT 0;
UPDATE gateway_audit_events SET event_time_us = %RFC3339_TO_MICROS(event_time)%;
ALTER TABLE gateway_credentials %ADD_COLUMN% create_time_us BIGINT NOT NULL DEFAULT 0;
ALTER TABLE gateway_credentials %ADD_COLUMN% expire_time_us BIGINT NOT NULL DEFAULT 0;
UPDATE gateway_credentials SET create_time_us = created_at * 1000000,
  expire_time_us = expires_at * 1000000;
ALTER TABLE gateway_credential_revocations %ADD_COLUMN% revoke_time_us BIGINT NOT NULL DEFAULT 0;
UPDATE gateway_credential_revocations SET revoke_time_us = revoked_at * 1000000
)sql";

constexpr absl::string_view kSchemaV5 = R"sql(
ALTER TABLE gateway_audit_events %DROP_COLUMN% event_time;
ALTER TABLE gateway_credentials %DROP_COLUMN% created_at;
ALTER TABLE gateway_credentials %DROP_COLUMN% expires_at;
ALTER TABLE gateway_credentials %DROP_COLUMN% revoked_at;
ALTER TABLE gateway_credential_revocations %DROP_COLUMN% revoked_at;
%MARIADB_ONLY% ALTER TABLE gateway_audit_events CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
%MARIADB_ONLY% ALTER TABLE gateway_credentials CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
%MARIADB_ONLY% ALTER TABLE gateway_credential_revocations CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
%SQLITE_ONLY% CREATE TRIGGER gateway_audit_events_no_update BEFORE UPDATE ON gateway_audit_events BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
%SQLITE_ONLY% CREATE TRIGGER gateway_credentials_no_update BEFORE UPDATE ON gateway_credentials BEGIN SELECT RAISE(ABORT, 'credentials are insert-only; revoke with swv-admin'); END;
%SQLITE_ONLY% CREATE TRIGGER gateway_credential_revocations_no_update BEFORE UPDATE ON gateway_credential_revocations BEGIN SELECT RAISE(ABORT, 'a revocation stands'); END
)sql";

const std::vector<storage::Migration> kMigrations = {
    {1, "credentials and the append-only access log",
     // SQLite
     "CREATE TABLE gateway_credentials (token_id TEXT PRIMARY KEY, secret_sha256 TEXT NOT NULL, "
     "kind TEXT NOT NULL, tenant TEXT NOT NULL, scope TEXT NOT NULL, legal_ground TEXT NOT NULL, "
     "display_name TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, "
     "revoked_at INTEGER);\n"
     "CREATE TABLE gateway_audit_events (id INTEGER PRIMARY KEY AUTOINCREMENT, tenant TEXT NOT "
     "NULL, "
     "event_time TEXT NOT NULL, principal TEXT NOT NULL, principal_kind TEXT NOT NULL, "
     "credential_id TEXT NOT NULL, http_method TEXT NOT NULL, route TEXT NOT NULL, record TEXT NOT "
     "NULL, "
     "legal_ground TEXT NOT NULL, http_status INTEGER NOT NULL);\n"
     "CREATE INDEX gateway_audit_events_tenant ON gateway_audit_events (tenant, id);\n"
     "CREATE INDEX gateway_audit_events_record ON gateway_audit_events (tenant, record, id);\n"
     "CREATE TRIGGER gateway_audit_events_no_update BEFORE UPDATE ON gateway_audit_events "
     "BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;\n"
     "CREATE TRIGGER gateway_audit_events_no_delete BEFORE DELETE ON gateway_audit_events "
     "BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END",
     // MySQL
     "CREATE TABLE IF NOT EXISTS gateway_credentials (token_id VARCHAR(32) NOT NULL PRIMARY KEY, "
     "secret_sha256 CHAR(64) NOT NULL, kind VARCHAR(16) NOT NULL, tenant VARCHAR(16) NOT NULL, "
     "scope VARCHAR(2000) NOT NULL, legal_ground VARCHAR(500) NOT NULL, display_name VARCHAR(200) "
     "NOT NULL, "
     "created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, revoked_at BIGINT NULL) "
     "ENGINE=InnoDB;\n"
     "CREATE TABLE IF NOT EXISTS gateway_audit_events (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY "
     "KEY, "
     "tenant VARCHAR(16) NOT NULL, event_time VARCHAR(32) NOT NULL, principal VARCHAR(200) NOT "
     "NULL, "
     "principal_kind VARCHAR(16) NOT NULL, credential_id VARCHAR(32) NOT NULL, http_method "
     "VARCHAR(8) NOT NULL, "
     "route VARCHAR(300) NOT NULL, record VARCHAR(300) NOT NULL, legal_ground VARCHAR(500) NOT "
     "NULL, "
     "http_status INT NOT NULL, INDEX gateway_audit_events_tenant (tenant, id), "
     "INDEX gateway_audit_events_record (tenant, record, id)) ENGINE=InnoDB"},
    {2, "scopes of any length: the audit keeps the principal's scope in a TEXT column",
     // SQLite does not enforce lengths; the column is what MySQL needs.
     "ALTER TABLE gateway_audit_events ADD COLUMN principal_scope TEXT NOT NULL DEFAULT ''",
     "ALTER TABLE gateway_audit_events ADD COLUMN IF NOT EXISTS principal_scope TEXT NULL;\n"
     "ALTER TABLE gateway_credentials MODIFY scope TEXT NOT NULL"},
    {3, "credentials keep their history: a revocation is an appended row",
     // From here on revoked_at of gateway_credentials is history only; nothing reads it.
     "CREATE TABLE gateway_credential_revocations (token_id TEXT PRIMARY KEY, "
     "revoked_at INTEGER NOT NULL);\n"
     "INSERT INTO gateway_credential_revocations (token_id, revoked_at) "
     "SELECT token_id, revoked_at FROM gateway_credentials WHERE revoked_at IS NOT NULL;\n"
     "CREATE TRIGGER gateway_credentials_no_update BEFORE UPDATE ON gateway_credentials "
     "BEGIN SELECT RAISE(ABORT, 'credentials are insert-only; revoke with swv-admin'); END;\n"
     "CREATE TRIGGER gateway_credentials_no_delete BEFORE DELETE ON gateway_credentials "
     "BEGIN SELECT RAISE(ABORT, 'credentials are insert-only'); END;\n"
     "CREATE TRIGGER gateway_credential_revocations_no_update BEFORE UPDATE ON "
     "gateway_credential_revocations BEGIN SELECT RAISE(ABORT, 'a revocation stands'); END;\n"
     "CREATE TRIGGER gateway_credential_revocations_no_delete BEFORE DELETE ON "
     "gateway_credential_revocations BEGIN SELECT RAISE(ABORT, 'a revocation stands'); END",
     // MySQL: the runtime user gets only SELECT, INSERT on both tables (docs/deploy.md).
     "CREATE TABLE IF NOT EXISTS gateway_credential_revocations (token_id VARCHAR(32) NOT NULL "
     "PRIMARY KEY, revoked_at BIGINT NOT NULL) ENGINE=InnoDB;\n"
     "INSERT IGNORE INTO gateway_credential_revocations (token_id, revoked_at) "
     "SELECT token_id, revoked_at FROM gateway_credentials WHERE revoked_at IS NOT NULL"},
    storage::Dialected(4, "instants in microseconds", kSchemaV4),
    storage::Dialected(5, "drop the older instant columns; the binary collation", kSchemaV5),
};

// The VARCHAR widths of gateway_audit_events on MySQL (in characters). A principal id is bounded
// by Credential::ToPrincipal; the others come from the request path or the credential and are
// cut here, so that no audit row fails for its length (the row matters more than the tail).
constexpr size_t kTenantWidth = 16;
constexpr size_t kPrincipalWidth = 200;
constexpr size_t kKindWidth = 16;
constexpr size_t kCredentialIdWidth = 32;
constexpr size_t kMethodWidth = 8;
constexpr size_t kRouteWidth = 300;
constexpr size_t kRecordWidth = 300;
constexpr size_t kLegalGroundWidth = 500;

// At most `width` code points of `text`, with bytes that are not UTF-8 replaced by '?' (strict
// MySQL refuses them, and a path may hold anything).
std::string Bounded(absl::string_view text, size_t width) {
  std::string out;
  size_t points = 0;
  for (size_t i = 0; i < text.size() && points < width; ++points) {
    unsigned char lead = static_cast<unsigned char>(text[i]);
    size_t length = lead < 0x80           ? 1
                    : (lead >> 5) == 0x6  ? 2
                    : (lead >> 4) == 0xE  ? 3
                    : (lead >> 3) == 0x1E ? 4
                                          : 0;
    bool valid = length > 0 && i + length <= text.size();
    for (size_t k = 1; valid && k < length; ++k) {
      valid = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    }
    if (!valid) {
      out.push_back('?');
      ++i;
      continue;
    }
    out.append(text.data() + i, length);
    i += length;
  }
  return out;
}

std::string Sha256Hex(absl::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(digest), length));
}

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
  return credential;
}

// A credential with its revocation, if any (revocations are rows of their own, never updates).
constexpr char kCredentialColumns[] =
    "c.token_id, c.kind, c.tenant, c.scope, c.legal_ground, c.display_name, c.create_time_us, "
    "c.expire_time_us, r.revoke_time_us";
constexpr char kCredentialsWithRevocations[] =
    " FROM gateway_credentials c LEFT JOIN gateway_credential_revocations r "
    "ON r.token_id = c.token_id";

}  // namespace

Principal Credential::ToPrincipal() const {
  Principal principal;
  principal.kind = spec.kind;
  principal.tenant = spec.tenant;
  principal.scope = spec.scope;
  std::string middle = !spec.scope.empty()    ? absl::StrJoin(spec.scope, "+")
                       : !spec.tenant.empty() ? spec.tenant
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

  if (spec.kind == PrincipalKind::kStaff || spec.kind == PrincipalKind::kService) {
    return InvalidField("kind", "UNSUPPORTED_KIND",
                        "must be school, board, office, partner or ops");
  }
  if (spec.kind != PrincipalKind::kOps && spec.tenant.empty()) {
    return InvalidField("swv", "REQUIRED",
                        "the SWV (tenant) this credential belongs to, e.g. PO2203");
  }
  if (spec.tenant.size() > 16) return InvalidField("swv", "TOO_LONG", "an SWV code, e.g. PO2203");
  if (spec.display_name.empty() || spec.display_name.size() > 200) {
    return InvalidField("name", "REQUIRED", "a name of 1-200 characters saying who holds it");
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

absl::StatusOr<std::unique_ptr<GatewayStore>> GatewayStore::Open(storage::Database* db,
                                                                 const Clock* clock) {
  if (absl::Status status = storage::ApplyMigrations(*db, "gateway", kMigrations); !status.ok()) {
    return status;
  }
  return std::unique_ptr<GatewayStore>(new GatewayStore(db, clock));
}

absl::StatusOr<IssuedCredential> GatewayStore::Issue(const CredentialSpec& spec_in) {
  absl::StatusOr<CredentialSpec> spec = NormalizeCredentialSpec(spec_in);
  if (!spec.ok()) return spec.status();
  if (spec->expires <= clock_->Now())
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
  issued.credential.spec = *spec;
  issued.credential.created = absl::FromUnixSeconds(absl::ToUnixSeconds(clock_->Now()));
  issued.secret = absl::StrCat(kTokenPrefix, issued.credential.token_id, ".", secret_part);
  std::string hash = Sha256Hex(secret_part);
  absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
    return tx
        .Execute(
            "INSERT INTO gateway_credentials (token_id, secret_sha256, kind, tenant, scope, "
            "legal_ground, display_name, create_time_us, expire_time_us) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {Value(issued.credential.token_id), Value(hash),
             Value(std::string(PrincipalKindName(spec->kind))), Value(spec->tenant),
             Value(absl::StrJoin(spec->scope, ",")), Value(spec->legal_ground),
             Value(spec->display_name), Value(ToMicros(issued.credential.created)),
             Value(ToMicros(spec->expires))})
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
  std::vector<Credential> out;
  absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
    out.clear();
    absl::StatusOr<std::vector<Row>> rows =
        tx.Query(absl::StrCat("SELECT ", kCredentialColumns, kCredentialsWithRevocations,
                              " ORDER BY c.create_time_us, c.token_id"));
    if (!rows.ok()) return rows.status();
    for (const Row& row : *rows) out.push_back(CredentialFromRow(row));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return out;
}

absl::StatusOr<Credential> GatewayStore::Authenticate(absl::string_view bearer_token) {
  const absl::Status invalid = absl::UnauthenticatedError("the bearer credential is not valid");
  if (!absl::ConsumePrefix(&bearer_token, kTokenPrefix)) return invalid;
  size_t dot = bearer_token.find('.');
  if (dot == absl::string_view::npos || dot > 32) return invalid;
  std::string token_id(bearer_token.substr(0, dot));
  absl::string_view secret_part = bearer_token.substr(dot + 1);
  std::string stored_hash;
  Credential credential;
  absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
    absl::StatusOr<std::vector<Row>> rows =
        tx.Query(absl::StrCat("SELECT ", kCredentialColumns, ", c.secret_sha256",
                              kCredentialsWithRevocations, " WHERE c.token_id = ?"),
                 {Value(token_id)});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return invalid;
    credential = CredentialFromRow((*rows)[0]);
    stored_hash = (*rows)[0].GetString(9);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  std::string presented_hash = Sha256Hex(secret_part);
  if (presented_hash.size() != stored_hash.size() ||
      CRYPTO_memcmp(presented_hash.data(), stored_hash.data(), stored_hash.size()) != 0) {
    return invalid;
  }
  if (credential.revoked)
    return absl::UnauthenticatedError("the bearer credential has been revoked");
  if (clock_->Now() >= credential.spec.expires) {
    return absl::UnauthenticatedError("the bearer credential has expired");
  }
  return credential;
}

absl::Status GatewayStore::Append(const AuditEvent& event) { return AppendAll({event}); }

absl::Status GatewayStore::AppendAll(const std::vector<AuditEvent>& events) {
  if (events.empty()) return absl::OkStatus();
  return db_->InTransaction([&](Transaction& tx) -> absl::Status {
    for (const AuditEvent& event : events) {
      absl::StatusOr<int64_t> inserted = tx.Execute(
          "INSERT INTO gateway_audit_events (tenant, event_time_us, principal, principal_kind, "
          "principal_scope, credential_id, http_method, route, record, legal_ground, "
          "http_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {Value(Bounded(event.tenant, kTenantWidth)), Value(ToMicros(event.time)),
           Value(Bounded(event.principal, kPrincipalWidth)),
           Value(Bounded(event.principal_kind, kKindWidth)), Value(event.principal_scope),
           Value(Bounded(event.credential_id, kCredentialIdWidth)),
           Value(Bounded(event.http_method, kMethodWidth)),
           Value(Bounded(event.route, kRouteWidth)), Value(Bounded(event.record, kRecordWidth)),
           Value(Bounded(event.legal_ground, kLegalGroundWidth)),
           Value(static_cast<int64_t>(event.http_status))});
      if (!inserted.ok()) return inserted.status();
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<AuditPage> GatewayStore::Query(const AuditQuery& query) {
  if (query.tenant.empty()) return InvalidField("parent", "REQUIRED", "the SWV whose log to read");
  int page_size = query.page_size <= 0 ? 100 : std::min(query.page_size, 1000);
  std::string sql =
      "SELECT id, tenant, event_time_us, principal, principal_kind, credential_id, http_method, "
      "route, "
      "record, legal_ground, http_status, principal_scope FROM gateway_audit_events "
      "WHERE tenant = ? AND id > ?";
  std::vector<Value> params = {Value(query.tenant), Value(query.after_id)};
  if (!query.principal.empty()) {
    sql += " AND principal = ?";
    params.emplace_back(query.principal);
  }
  if (!query.record.empty()) {
    sql += " AND record = ?";
    params.emplace_back(query.record);
  }
  if (query.since != absl::InfinitePast()) {
    sql += " AND event_time_us >= ?";
    params.emplace_back(ToMicros(query.since));
  }
  if (query.until != absl::InfiniteFuture()) {
    sql += " AND event_time_us < ?";
    params.emplace_back(ToMicros(query.until));
  }
  absl::StrAppend(&sql, " ORDER BY id LIMIT ", page_size + 1);
  AuditPage page;
  absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
    page = AuditPage();
    absl::StatusOr<std::vector<Row>> rows = tx.Query(sql, params);
    if (!rows.ok()) return rows.status();
    for (const Row& row : *rows) {
      if (static_cast<int>(page.events.size()) == page_size) {
        page.next_after_id = page.events.back().id;
        break;
      }
      AuditEvent event;
      event.id = row.GetInt(0);
      event.tenant = row.GetString(1);
      event.time = FromMicros(row.GetInt(2));
      event.principal = row.GetString(3);
      event.principal_kind = row.GetString(4);
      event.credential_id = row.GetString(5);
      event.http_method = row.GetString(6);
      event.route = row.GetString(7);
      event.record = row.GetString(8);
      event.legal_ground = row.GetString(9);
      event.http_status = static_cast<int>(row.GetInt(10));
      event.principal_scope = row.GetString(11);
      page.events.push_back(std::move(event));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return page;
}

}  // namespace swv::gateway
