// GatewayStore's schema (the migrations of component "gateway"), Open, and the append-only access
// log (Append, AppendAll, Query). The credentials are in gateway_credentials.cc.
#include "services/gateway/gateway_store.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/kernel/errors.h"
#include "services/kernel/status_macros.h"
#include "services/kernel/time_format.h"
#include "storage/schema.h"

namespace swv::gateway {
namespace {

using storage::Row;
using storage::Transaction;
using storage::Value;

// Versions 1 to 3 as first written, with instants as seconds and as RFC 3339 text; versions 4
// and 5 bring the tables to the conventions of storage/schema.h. Each table is written once for
// both dialects; the append-only triggers are SQLite's (on MariaDB the runtime user may only
// SELECT and INSERT, docs/deploy.md).
constexpr absl::string_view kSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS gateway_credentials (
  token_id VARCHAR(32) NOT NULL PRIMARY KEY,
  secret_sha256 CHAR(64) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  tenant VARCHAR(16) NOT NULL,
  scope VARCHAR(2000) NOT NULL,
  legal_ground VARCHAR(500) NOT NULL,
  display_name VARCHAR(200) NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked_at BIGINT NULL
)%TABLE_OPTIONS%;
CREATE TABLE IF NOT EXISTS gateway_audit_events (
  id %AUTO_ID%,
  tenant VARCHAR(16) NOT NULL,
  event_time VARCHAR(32) NOT NULL,
  principal VARCHAR(200) NOT NULL,
  principal_kind VARCHAR(16) NOT NULL,
  credential_id VARCHAR(32) NOT NULL,
  http_method VARCHAR(8) NOT NULL,
  route VARCHAR(300) NOT NULL,
  record VARCHAR(300) NOT NULL,
  legal_ground VARCHAR(500) NOT NULL,
  http_status INT NOT NULL
)%TABLE_OPTIONS%;
CREATE INDEX IF NOT EXISTS gateway_audit_events_tenant ON gateway_audit_events (tenant, id);
CREATE INDEX IF NOT EXISTS gateway_audit_events_record ON gateway_audit_events (tenant, record, id);
%SQLITE_ONLY% CREATE TRIGGER gateway_audit_events_no_update BEFORE UPDATE ON gateway_audit_events BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
%SQLITE_ONLY% CREATE TRIGGER gateway_audit_events_no_delete BEFORE DELETE ON gateway_audit_events BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END
)sql";

// Scopes of any length: the audit keeps the principal's scope in a TEXT column.
constexpr absl::string_view kSchemaV2 = R"sql(
%SQLITE_ONLY% ALTER TABLE gateway_audit_events ADD COLUMN principal_scope TEXT NOT NULL DEFAULT '';
%MARIADB_ONLY% ALTER TABLE gateway_audit_events ADD COLUMN IF NOT EXISTS principal_scope TEXT NULL;
%MARIADB_ONLY% ALTER TABLE gateway_credentials MODIFY scope TEXT NOT NULL
)sql";

// From here on revoked_at of gateway_credentials is history only; nothing reads it.
constexpr absl::string_view kSchemaV3 = R"sql(
CREATE TABLE IF NOT EXISTS gateway_credential_revocations (
  token_id VARCHAR(32) NOT NULL PRIMARY KEY,
  revoked_at BIGINT NOT NULL
)%TABLE_OPTIONS%;
%SQLITE_ONLY% INSERT INTO gateway_credential_revocations (token_id, revoked_at) SELECT token_id, revoked_at FROM gateway_credentials WHERE revoked_at IS NOT NULL;
%MARIADB_ONLY% INSERT IGNORE INTO gateway_credential_revocations (token_id, revoked_at) SELECT token_id, revoked_at FROM gateway_credentials WHERE revoked_at IS NOT NULL;
%SQLITE_ONLY% CREATE TRIGGER gateway_credentials_no_update BEFORE UPDATE ON gateway_credentials BEGIN SELECT RAISE(ABORT, 'credentials are insert-only; revoke with swv-admin'); END;
%SQLITE_ONLY% CREATE TRIGGER gateway_credentials_no_delete BEFORE DELETE ON gateway_credentials BEGIN SELECT RAISE(ABORT, 'credentials are insert-only'); END;
%SQLITE_ONLY% CREATE TRIGGER gateway_credential_revocations_no_update BEFORE UPDATE ON gateway_credential_revocations BEGIN SELECT RAISE(ABORT, 'a revocation stands'); END;
%SQLITE_ONLY% CREATE TRIGGER gateway_credential_revocations_no_delete BEFORE DELETE ON gateway_credential_revocations BEGIN SELECT RAISE(ABORT, 'a revocation stands'); END
)sql";

// Versions 4 and 5 bring the tables to the conventions of storage/schema.h. The append-only
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

// OAuth clients are credentials too (one kind, scope, expiry and revocation for every way in):
// client_key holds the private_key_jwt client's PEM public key or the tls_client_auth client's
// certificate thumbprint; an external client is found by its issuer and subject.
constexpr absl::string_view kSchemaV7 = R"sql(
ALTER TABLE gateway_credentials %ADD_COLUMN% client_auth VARCHAR(24) NOT NULL DEFAULT 'api_key';
ALTER TABLE gateway_credentials %ADD_COLUMN% client_key TEXT NULL;
ALTER TABLE gateway_credentials %ADD_COLUMN% external_issuer VARCHAR(255) NOT NULL DEFAULT '';
ALTER TABLE gateway_credentials %ADD_COLUMN% external_subject VARCHAR(255) NOT NULL DEFAULT '';
ALTER TABLE gateway_credentials %ADD_COLUMN% oauth_scopes VARCHAR(64) NOT NULL DEFAULT '';
CREATE INDEX IF NOT EXISTS gateway_credentials_external ON gateway_credentials (external_issuer, external_subject)
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
    storage::Dialected(1, "credentials and the append-only access log", kSchemaV1),
    storage::Dialected(
        2, "scopes of any length: the audit keeps the principal's scope in a TEXT column",
        kSchemaV2),
    storage::Dialected(3, "credentials keep their history: a revocation is an appended row",
                       kSchemaV3),
    storage::Dialected(4, "instants in microseconds", kSchemaV4),
    storage::Dialected(5, "drop the older instant columns; the binary collation", kSchemaV5),
    storage::Dialected(6, "the trace id of each access-log row",
                       "ALTER TABLE gateway_audit_events %ADD_COLUMN% trace_id VARCHAR(32) NOT "
                       "NULL DEFAULT ''"),
    storage::Dialected(7, "OAuth clients: how a credential's holder authenticates", kSchemaV7),
    storage::Dialected(8, "the organisation of a youth-care credential",
                       "ALTER TABLE gateway_credentials %ADD_COLUMN% organisation VARCHAR(32) NOT "
                       "NULL DEFAULT ''"),
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
constexpr size_t kTraceIdWidth = 32;

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

}  // namespace

absl::StatusOr<std::unique_ptr<GatewayStore>> GatewayStore::Open(storage::Database* db,
                                                                 const Clock* clock) {
  SWV_RETURN_IF_ERROR(storage::ApplyMigrations(*db, "gateway", kMigrations));
  return std::unique_ptr<GatewayStore>(new GatewayStore(db, clock));
}

absl::Status GatewayStore::Append(const AuditEvent& event) { return AppendAll({event}); }

// Concurrent requests' rows share a transaction (storage::GroupCommit): each request still
// returns only once its rows are committed, but a burst of partner reads costs one durable commit.
absl::Status GatewayStore::AppendAll(const std::vector<AuditEvent>& events) {
  if (events.empty()) return absl::OkStatus();
  return audit_commits_.Submit([&events](Transaction& tx) -> absl::Status {
    for (const AuditEvent& event : events) {
      absl::StatusOr<int64_t> inserted = tx.Execute(
          "INSERT INTO gateway_audit_events (tenant, event_time_us, principal, principal_kind, "
          "principal_scope, credential_id, http_method, route, record, legal_ground, "
          "http_status, trace_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {Value(Bounded(event.tenant, kTenantWidth)), Value(ToMicros(event.time)),
           Value(Bounded(event.principal, kPrincipalWidth)),
           Value(Bounded(event.principal_kind, kKindWidth)), Value(event.principal_scope),
           Value(Bounded(event.credential_id, kCredentialIdWidth)),
           Value(Bounded(event.http_method, kMethodWidth)),
           Value(Bounded(event.route, kRouteWidth)), Value(Bounded(event.record, kRecordWidth)),
           Value(Bounded(event.legal_ground, kLegalGroundWidth)),
           Value(static_cast<int64_t>(event.http_status)),
           Value(Bounded(event.trace_id, kTraceIdWidth))});
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
      "record, legal_ground, http_status, principal_scope, trace_id FROM gateway_audit_events "
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
  if (!query.trace_id.empty()) {
    sql += " AND trace_id = ?";
    params.emplace_back(query.trace_id);
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
    SWV_ASSIGN_OR_RETURN(std::vector<Row> rows, tx.Query(sql, params));
    for (const Row& row : rows) {
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
      event.trace_id = row.GetString(12);
      page.events.push_back(std::move(event));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return page;
}

}  // namespace swv::gateway
