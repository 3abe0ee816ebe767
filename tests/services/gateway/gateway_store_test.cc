// Credentials and the access log on SQLite and MariaDB.
#include "services/gateway/gateway_store.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "tests/services/gateway/gateway_core_fixture.h"
#include "tests/testing/scratch_database.h"

namespace swv::gateway {
namespace {

using testing::TenantQuery;

class GatewayStoreTest : public ::testing::TestWithParam<storage::Dialect> {
 protected:
  void SetUp() override {
    if (GetParam() == storage::Dialect::kMysql) SWV_SKIP_OR_FAIL_WITHOUT_MYSQL();
    auto scratch = swv::testing::ScratchDatabase::Create(GetParam());
    ASSERT_TRUE(scratch.ok()) << scratch.status();
    scratch_ = *std::move(scratch);
    auto store = GatewayStore::Open(&scratch_->db(), &clock_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
  }

  CredentialSpec SchoolSpec() {
    CredentialSpec spec;
    spec.kind = PrincipalKind::kSchool;
    spec.tenant = "PO 22.03";
    spec.scope = {"34cd01", "12AB00"};
    spec.display_name = "ParnasSys koppeling";
    spec.expires = clock_.Now() + absl::Hours(24);
    return spec;
  }

  FakeClock clock_{absl::FromUnixSeconds(1'790'000'000)};
  std::unique_ptr<swv::testing::ScratchDatabase> scratch_;
  std::unique_ptr<GatewayStore> store_;
};

TEST_P(GatewayStoreTest, IssuedSecretAuthenticatesAndIsStoredOnlyAsHash) {
  absl::StatusOr<IssuedCredential> issued = store_->Issue(SchoolSpec());
  ASSERT_TRUE(issued.ok()) << issued.status();
  EXPECT_TRUE(absl::StartsWith(issued->secret, "swv_cr-"));
  absl::StatusOr<Credential> credential = store_->Authenticate(issued->secret);
  ASSERT_TRUE(credential.ok()) << credential.status();
  EXPECT_EQ(credential->spec.tenant, "PO2203");
  EXPECT_EQ(credential->spec.scope, (std::vector<std::string>{"12AB00", "34CD01"}));
  EXPECT_EQ(credential->ToPrincipal().id, "school:12AB00+34CD01:" + issued->credential.token_id);

  // The secret is nowhere in the table.
  std::string secret_part = issued->secret.substr(issued->secret.find('.') + 1);
  absl::Status checked =
      scratch_->db().InTransaction([&](storage::Transaction& tx) -> absl::Status {
        auto rows = tx.Query("SELECT secret_sha256 FROM gateway_credentials");
        if (!rows.ok()) return rows.status();
        EXPECT_EQ(rows->size(), 1u);
        EXPECT_EQ((*rows)[0].GetString(0).size(), 64u);
        EXPECT_FALSE(absl::StrContains((*rows)[0].GetString(0), secret_part));
        return absl::OkStatus();
      });
  ASSERT_TRUE(checked.ok()) << checked;

  std::string tampered = issued->secret;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(store_->Authenticate(tampered).status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(store_->Authenticate("Bearer nonsense").status().code(),
            absl::StatusCode::kUnauthenticated);
}

TEST_P(GatewayStoreTest, ExpiryAndRevocation) {
  absl::StatusOr<IssuedCredential> issued = store_->Issue(SchoolSpec());
  ASSERT_TRUE(issued.ok());
  ASSERT_TRUE(store_->Revoke(issued->credential.token_id).ok());
  EXPECT_TRUE(store_->Revoke(issued->credential.token_id).ok());  // twice is fine
  EXPECT_EQ(store_->Revoke("cr-nope").code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(
      absl::StrContains(store_->Authenticate(issued->secret).status().message(), "revoked"));

  absl::StatusOr<IssuedCredential> second = store_->Issue(SchoolSpec());
  ASSERT_TRUE(second.ok());
  clock_.Advance(absl::Hours(25));
  EXPECT_TRUE(
      absl::StrContains(store_->Authenticate(second->secret).status().message(), "expired"));
  auto list = store_->ListCredentials();
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), 2u);
}

TEST_P(GatewayStoreTest, SpecsAreCheckedPerKind) {
  CredentialSpec spec = SchoolSpec();
  spec.scope = {"12AB"};
  EXPECT_EQ(store_->Issue(spec).status().code(), absl::StatusCode::kInvalidArgument);
  spec = SchoolSpec();
  spec.kind = PrincipalKind::kPartner;
  spec.scope = {"GM0606"};
  EXPECT_EQ(store_->Issue(spec).status().code(),
            absl::StatusCode::kInvalidArgument);  // no legal ground
  spec.legal_ground = "Leerplichtwet 1969 art. 21a";
  EXPECT_TRUE(store_->Issue(spec).ok());
  spec.expires = clock_.Now() - absl::Hours(1);
  EXPECT_EQ(store_->Issue(spec).status().code(), absl::StatusCode::kInvalidArgument);
  spec = SchoolSpec();
  spec.kind = PrincipalKind::kBoard;
  spec.scope = {"41234", "41235"};
  EXPECT_EQ(store_->Issue(spec).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_P(GatewayStoreTest, AccessLogPagesFiltersAndIsAppendOnly) {
  for (int i = 0; i < 5; ++i) {
    AuditEvent event;
    event.tenant = "PO2203";
    event.time = clock_.Now() + absl::Seconds(i);
    event.principal = i % 2 ? "partner:GM0606:cr-1" : "school:12AB00:cr-2";
    event.http_method = "GET";
    event.route = "/api/v1/{name=swvs/*/thuiszitters/*}";
    event.record = "swvs/PO2203/thuiszitters/tz-" + std::to_string(i);
    event.http_status = 200;
    event.trace_id = absl::StrCat("4bf92f3577b34da6a3ce929d0e0e473", i);
    ASSERT_TRUE(store_->Append(event).ok());
  }
  AuditQuery query = TenantQuery("PO2203");
  query.page_size = 2;
  auto page = store_->Query(query);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->events.size(), 2u);
  EXPECT_NE(page->next_after_id, 0);
  query.after_id = page->next_after_id;
  auto next = store_->Query(query);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->events[0].record, "swvs/PO2203/thuiszitters/tz-2");

  AuditQuery by_partner = TenantQuery("PO2203");
  by_partner.principal = "partner:GM0606:cr-1";
  EXPECT_EQ(store_->Query(by_partner)->events.size(), 2u);
  AuditQuery by_trace = TenantQuery("PO2203");
  by_trace.trace_id = "4bf92f3577b34da6a3ce929d0e0e4733";
  auto traced = store_->Query(by_trace);
  ASSERT_TRUE(traced.ok()) << traced.status();
  ASSERT_EQ(traced->events.size(), 1u);
  EXPECT_EQ(traced->events[0].record, "swvs/PO2203/thuiszitters/tz-3");
  EXPECT_EQ(traced->events[0].trace_id, "4bf92f3577b34da6a3ce929d0e0e4733");
  AuditQuery by_time = TenantQuery("PO2203");
  by_time.since = clock_.Now() + absl::Seconds(3);
  EXPECT_EQ(store_->Query(by_time)->events.size(), 2u);
  EXPECT_TRUE(store_->Query(TenantQuery("PO9999"))->events.empty());

  if (GetParam() == storage::Dialect::kSqlite) {
    absl::Status changed = scratch_->db().InTransaction([](storage::Transaction& tx) {
      return tx.Execute("DELETE FROM gateway_audit_events").status();
    });
    EXPECT_FALSE(changed.ok());
  }
}

// A revocation is an appended row: the credential's row never changes, so changing that row does
// not bring the credential back, and on SQLite the rows cannot be changed at all
// (on MySQL the runtime user's grants refuse it: RuntimeUserCannotChangeTheLogOrRevocations).
TEST_P(GatewayStoreTest, ARevocationCannotBeUndoneByAnUpdate) {
  absl::StatusOr<IssuedCredential> issued = store_->Issue(SchoolSpec());
  ASSERT_TRUE(issued.ok());
  ASSERT_TRUE(store_->Revoke(issued->credential.token_id).ok());
  auto run = [&](const char* sql) {
    return scratch_->db().InTransaction(
        [sql](storage::Transaction& tx) { return tx.Execute(sql).status(); });
  };
  absl::Status unrevoked = run("UPDATE gateway_credentials SET display_name = 'unrevoked'");
  if (GetParam() == storage::Dialect::kSqlite) {
    EXPECT_FALSE(unrevoked.ok());
    EXPECT_FALSE(run("DELETE FROM gateway_credential_revocations").ok());
    EXPECT_FALSE(run("UPDATE gateway_credential_revocations SET token_id = 'cr-x'").ok());
    EXPECT_FALSE(run("DELETE FROM gateway_credentials").ok());
  }
  EXPECT_TRUE(
      absl::StrContains(store_->Authenticate(issued->secret).status().message(), "revoked"));
  auto list = store_->ListCredentials();
  ASSERT_TRUE(list.ok()) << list.status();
  ASSERT_EQ(list->size(), 1u);
  EXPECT_TRUE((*list)[0].revoked);
}

// No column overflows: 30 municipalities (a 209-character scope), a path of any length or bytes.
TEST_P(GatewayStoreTest, ThirtyMunicipalitiesAndLongPathsFitEveryColumn) {
  CredentialSpec spec = SchoolSpec();
  spec.kind = PrincipalKind::kPartner;
  spec.scope.clear();
  for (int i = 1; i <= 30; ++i) spec.scope.push_back(absl::StrCat("GM", 1000 + i));
  spec.legal_ground = "Leerplichtwet 1969 art. 21a; convenant thuiszitters regio";
  absl::StatusOr<IssuedCredential> issued = store_->Issue(spec);
  ASSERT_TRUE(issued.ok()) << issued.status();
  absl::StatusOr<Credential> credential = store_->Authenticate(issued->secret);
  ASSERT_TRUE(credential.ok()) << credential.status();
  ASSERT_EQ(credential->spec.scope.size(), 30u);
  Principal principal = credential->ToPrincipal();
  EXPECT_LE(principal.id.size(), kMaxPrincipalIdLength);  // the services' actor columns
  EXPECT_EQ(principal.id, "partner:GM1001+29more:" + issued->credential.token_id);
  EXPECT_EQ(principal.scope.size(), 30u);

  AuditEvent event;
  event.tenant = "PO2203";
  event.time = clock_.Now();
  event.principal = principal.id;
  event.principal_kind = "partner";
  event.principal_scope = absl::StrJoin(principal.scope, ",");
  event.credential_id = issued->credential.token_id;
  event.http_method = "GET";
  event.route = "/api/v1/{name=swvs/*/thuiszitters/*}";
  event.record = "swvs/PO2203/thuiszitters/" + std::string(1000, 'x') + "\xff";
  event.legal_ground = spec.legal_ground;
  event.http_status = 404;
  ASSERT_TRUE(store_->Append(event).ok());
  absl::StatusOr<AuditPage> page = store_->Query(TenantQuery("PO2203"));
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->events.size(), 1u);
  EXPECT_EQ(page->events[0].principal, principal.id);
  EXPECT_EQ(page->events[0].principal_scope, event.principal_scope);
  EXPECT_EQ(page->events[0].record.size(), 300u);
}

TEST_P(GatewayStoreTest, OAuthClientsAreStoredFoundAndCheckedPerWayIn) {
  CredentialSpec spec = SchoolSpec();
  spec.auth = ClientAuth::kExternal;
  spec.external_issuer = " https://idp.swv.example ";
  spec.external_subject = "parnassys-12ab00";
  absl::StatusOr<IssuedCredential> external = store_->Issue(spec);
  ASSERT_TRUE(external.ok()) << external.status();
  EXPECT_TRUE(external->secret.empty());
  absl::StatusOr<StoredCredential> found =
      store_->LoadExternalClient("https://idp.swv.example", "parnassys-12ab00");
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_EQ(found->credential.token_id, external->credential.token_id);
  EXPECT_EQ(found->credential.spec.oauth_scopes,
            (std::vector<std::string>{kScopeRead, kScopeWrite}));
  EXPECT_TRUE(CheckClient(*found, ClientAuth::kExternal, clock_.Now()).ok());
  EXPECT_FALSE(CheckClient(*found, ClientAuth::kPrivateKeyJwt, clock_.Now()).ok());
  EXPECT_FALSE(CheckClient(*found, ClientAuth::kExternal, spec.expires).ok());
  EXPECT_TRUE(absl::IsUnauthenticated(
      store_->LoadExternalClient("https://idp.swv.example", "other").status()));
  // Revoked, the issuer's client may be registered again; the new registration is found.
  EXPECT_EQ(store_->Issue(spec).status().code(), absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(store_->Revoke(external->credential.token_id).ok());
  absl::StatusOr<IssuedCredential> again = store_->Issue(spec);
  ASSERT_TRUE(again.ok()) << again.status();
  found = store_->LoadExternalClient("https://idp.swv.example", "parnassys-12ab00");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->credential.token_id, again->credential.token_id);

  // Each way in takes its own fields and no others.
  CredentialSpec keyless = SchoolSpec();
  keyless.auth = ClientAuth::kPrivateKeyJwt;
  keyless.public_key_pem = "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n";
  EXPECT_EQ(store_->Issue(keyless).status().code(), absl::StatusCode::kInvalidArgument);
  CredentialSpec thumbprint = SchoolSpec();
  thumbprint.auth = ClientAuth::kTlsClientAuth;
  thumbprint.certificate_sha256 = "not-a-thumbprint";
  EXPECT_EQ(store_->Issue(thumbprint).status().code(), absl::StatusCode::kInvalidArgument);
  CredentialSpec api_key = SchoolSpec();
  api_key.oauth_scopes = {kScopeRead};
  EXPECT_EQ(store_->Issue(api_key).status().code(), absl::StatusCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(Drivers, GatewayStoreTest,
                         ::testing::Values(storage::Dialect::kSqlite, storage::Dialect::kMysql),
                         [](const ::testing::TestParamInfo<storage::Dialect>& test_param) {
                           return swv::testing::DialectName(test_param.param);
                         });

}  // namespace
}  // namespace swv::gateway
