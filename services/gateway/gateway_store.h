// The gateway's own data: bearer credentials and the append-only access log, in the gateway's
// database (storage::Database, migration component "gateway"; SQLite by default, MySQL in
// production). Used by swv-gateway and by the admin tool swv-admin (tools/admin), which share
// this code so that an issued credential is exactly what the gateway checks.
//
// Credentials: the secret is 32 random bytes (OpenSSL RAND_bytes), shown once as
// "swv_<token id>.<base64url secret>"; only its SHA-256 is stored, compared in constant time.
// The token id ("cr-" + 16 hex) is public: it names the credential in lists, logs and the audit
// trail and finds the row. Every credential has an expiry and can be revoked; both take effect
// on the next request (no cache). Credentials are insert-only, and a revocation is a row of its
// own (gateway_credential_revocations), so none can be un-revoked by an UPDATE: on SQLite
// triggers refuse UPDATE and DELETE on both tables, on MySQL the runtime user may only SELECT and
// INSERT them.
//
// Access log: insert only. There is no update or delete code path, and on SQLite triggers refuse
// UPDATE and DELETE; on MySQL grant the gateway user only INSERT and SELECT on the table (see
// docs/gateway.md). Rows stay when the record they name is closed.
//
// Thread-safety: safe for concurrent use (the database is).
#ifndef SWV_SERVICES_GATEWAY_GATEWAY_STORE_H_
#define SWV_SERVICES_GATEWAY_GATEWAY_STORE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/common/clock.h"
#include "services/common/principal.h"
#include "storage/database.h"
#include "storage/group_commit.h"

namespace swv::gateway {

// How a credential's holder proves who it is (docs/oauth.md). An API key presents its secret on
// every request; an OAuth client gets short-lived access tokens, from this gateway (with a signed
// client assertion or its TLS client certificate) or from the SWV's own identity provider.
enum class ClientAuth { kApiKey, kPrivateKeyJwt, kTlsClientAuth, kExternal };
absl::string_view ClientAuthName(ClientAuth auth);  // "api_key", "private_key_jwt", ...
bool ParseClientAuth(absl::string_view name, ClientAuth* auth);

// The OAuth scopes of this API: GET needs swv:read, every other method swv:write.
inline constexpr char kScopeRead[] = "swv:read";
inline constexpr char kScopeWrite[] = "swv:write";

// What a credential may do; see docs/gateway.md for each kind.
struct CredentialSpec {
  PrincipalKind kind = PrincipalKind::kSchool;
  std::string tenant;  // canonical SWV code; empty only for ops readers
  std::vector<std::string>
      scope;  // schools (school), one board code (board), municipalities (partner, youth_care)
  // youth_care: the organisation the parents' consents name, e.g. "MEVIS"; empty otherwise.
  std::string organisation;
  // The legal ground of the data exchange (partners: the agreement or the law, e.g.
  // "Leerplichtwet art. 21a; convenant thuiszitters MVS 2024"); recorded with every audited access.
  std::string legal_ground;
  std::string display_name;  // e.g. "ParnasSys koppeling 12AB00"
  absl::Time expires = absl::InfinitePast();

  ClientAuth auth = ClientAuth::kApiKey;
  std::string public_key_pem;      // private_key_jwt: the client's RSA public key (PEM)
  std::string certificate_sha256;  // tls_client_auth: base64url SHA-256 of its certificate (DER)
  std::string external_issuer;     // external: the identity provider's issuer URL
  std::string external_subject;    // external: the client's id there (client_id, else sub)
  // OAuth clients: the scopes they may be granted (empty: swv:read and swv:write).
  std::vector<std::string> oauth_scopes;
};

struct Credential {
  std::string token_id;
  CredentialSpec spec;
  absl::Time created = absl::InfinitePast();
  bool revoked = false;

  // The principal the gateway acts for, e.g. id "school:12AB00:cr-…". The id is at most
  // kMaxPrincipalIdLength characters: a long scope is shortened in it
  // ("partner:GM0001+29more:cr-…"), never in Principal::scope.
  Principal ToPrincipal() const;
};

inline constexpr size_t kMaxPrincipalIdLength = 128;

struct IssuedCredential {
  Credential credential;
  std::string secret;  // the bearer token; shown once, never stored
};

struct AuditEvent {
  int64_t id = 0;  // assigned on insert; ascending
  std::string tenant;
  absl::Time time = absl::InfinitePast();
  std::string principal;  // display id
  std::string principal_kind;
  std::string principal_scope;  // the credential's scope, comma-separated (any length)
  std::string credential_id;
  std::string http_method;
  std::string route;   // the template, e.g. "/api/v1/{name=swvs/*/thuiszitters/*}"
  std::string record;  // resource name, "" when none applies
  std::string legal_ground;
  int http_status = 0;
  std::string trace_id;  // W3C trace id of the request, "" for rows from before it was kept
};

struct AuditQuery {
  std::string tenant;     // required
  std::string principal;  // optional filters, exact match
  std::string record;
  std::string trace_id;
  absl::Time since = absl::InfinitePast();    // inclusive
  absl::Time until = absl::InfiniteFuture();  // exclusive
  int page_size = 100;                        // 1..1000
  int64_t after_id = 0;                       // keyset position from the previous page
};

struct AuditPage {
  std::vector<AuditEvent> events;
  int64_t next_after_id = 0;  // 0 on the last page
};

// A credential as stored, with the SHA-256 (hex) of its secret; the secret itself is never stored.
struct StoredCredential {
  Credential credential;
  std::string secret_sha256;
};

// A bearer token "swv_<token id>.<secret>" split in its parts; false when it is not of that form.
bool SplitBearer(absl::string_view bearer_token, std::string* token_id, std::string* secret);

// Whether `secret` is the stored credential's and the credential is usable at `now`: the
// credential, or UNAUTHENTICATED (saying so for a revoked or expired one). Pure.
absl::StatusOr<Credential> CheckBearer(const StoredCredential& stored, absl::string_view secret,
                                       absl::Time now);
// Whether an OAuth client is usable at `now`: not revoked, not expired, and registered for
// `auth`. The credential, or UNAUTHENTICATED saying which. Pure.
absl::StatusOr<Credential> CheckClient(const StoredCredential& stored, ClientAuth auth,
                                       absl::Time now);

class GatewayStore {
 public:
  // Applies the gateway migrations. `db` and `clock` are borrowed and must outlive the store.
  static absl::StatusOr<std::unique_ptr<GatewayStore>> Open(storage::Database* db,
                                                            const Clock* clock);

  // INVALID_ARGUMENT naming the field when the spec does not fit its kind (see docs).
  absl::StatusOr<IssuedCredential> Issue(const CredentialSpec& spec);
  // NOT_FOUND for an unknown id; revoking twice is OK.
  absl::Status Revoke(absl::string_view token_id);
  absl::StatusOr<std::vector<Credential>> ListCredentials();

  // The credential behind a bearer token. UNAUTHENTICATED for a malformed, unknown or wrong
  // token, and (saying so) for an expired or revoked one. LoadCredential and CheckBearer are its
  // two halves, for callers that keep the stored row for a while (stages/authentication.h).
  absl::StatusOr<Credential> Authenticate(absl::string_view bearer_token);
  // The stored row of a token id: UNAUTHENTICATED when there is none.
  absl::StatusOr<StoredCredential> LoadCredential(absl::string_view token_id);
  // The external client registered for `subject` at `issuer`: UNAUTHENTICATED when none is.
  absl::StatusOr<StoredCredential> LoadExternalClient(absl::string_view issuer,
                                                      absl::string_view subject);

  absl::Status Append(const AuditEvent& event);
  // Returns once the rows are committed; concurrent calls share one transaction (group commit).
  absl::Status AppendAll(const std::vector<AuditEvent>& events);
  absl::StatusOr<AuditPage> Query(const AuditQuery& query);
  // Transactions the access log was written in so far (fewer than appends under load).
  int64_t audit_transactions() const { return audit_commits_.transactions(); }

 private:
  GatewayStore(storage::Database* db, const Clock* clock)
      : db_(db), clock_(clock), audit_commits_(db) {}

  storage::Database* db_;
  const Clock* clock_;
  storage::GroupCommit audit_commits_;
};

// Validates and normalises a spec (upper-case codes, canonical tenant, trimmed lists).
absl::StatusOr<CredentialSpec> NormalizeCredentialSpec(CredentialSpec spec);
// Its OAuth part: the fields of `spec.auth` present and well-formed, the others empty; the
// public key re-encoded, the scopes sorted (default swv:read and swv:write).
absl::Status NormalizeClientFields(CredentialSpec& spec);

}  // namespace swv::gateway

#endif  // SWV_SERVICES_GATEWAY_GATEWAY_STORE_H_
