// On MariaDB the database itself keeps the access log and the credential history append-only:
// the gateway runs as a runtime user with the grants of docs/deploy.md ("Database users"), and
// UPDATE and DELETE on those tables are refused to it, whatever code runs.
#include <cstdlib>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gtest/gtest.h"
#include "services/common/clock.h"
#include "services/gateway/gateway_store.h"
#include "tests/services/gateway/gateway_test_support.h"
#include "tests/testing/scratch_database.h"

namespace swv::gateway {
namespace {

// The runtime grant of docs/deploy.md for the gateway's database `schema`: SELECT and INSERT,
// nothing else (the gateway updates and deletes nothing; no DDL).
absl::Status GrantRuntimeUser(storage::Database& db, const std::string& schema) {
  // In GRANT ... ON db.* an '_' is a wildcard; escaped, the grant names this schema only.
  std::string pattern = absl::StrReplaceAll(schema, {{"_", "\\_"}});
  return db.InTransaction([&](storage::Transaction& tx) -> absl::Status {
    for (const char* host : {"127.0.0.1", "localhost"}) {
      absl::StatusOr<int64_t> done = tx.Execute(
          absl::StrCat("GRANT SELECT, INSERT ON `", pattern, "`.* TO 'swv_runtime'@'", host, "'"));
      if (!done.ok()) return done.status();
    }
    return absl::OkStatus();
  });
}

std::string WithDatabase(const std::string& url, const std::string& database) {
  return url.substr(0, url.rfind('/') + 1) + database;
}

TEST(GatewayRuntimeUserTest, RuntimeUserCannotChangeTheLogOrRevocations) {
  SWV_SKIP_OR_FAIL_WITHOUT_MYSQL();
  const char* runtime_url = std::getenv("SWV_TEST_MYSQL_RUNTIME_URL");
  if (runtime_url == nullptr || *runtime_url == '\0') {
    GTEST_SKIP() << "SWV_TEST_MYSQL_RUNTIME_URL not set: export it from "
                    "tools/mariadb-test-server.sh runtime-url DIR";
  }
  FakeClock clock(absl::FromUnixSeconds(1'790'000'000));
  // The migration user (swv) creates the schema and grants the runtime user its rights.
  auto scratch = swv::testing::ScratchDatabase::Create(storage::Dialect::kMysql);
  ASSERT_TRUE(scratch.ok()) << scratch.status();
  ASSERT_TRUE(GatewayStore::Open(&(*scratch)->db(), &clock).ok());
  const std::string& owner_url = (*scratch)->url();
  const std::string schema = owner_url.substr(owner_url.rfind('/') + 1);
  absl::Status granted = GrantRuntimeUser((*scratch)->db(), schema);
  ASSERT_TRUE(granted.ok()) << granted;

  storage::DatabaseOptions options;
  options.url = WithDatabase(runtime_url, schema);
  auto runtime = storage::OpenDatabase(options);
  ASSERT_TRUE(runtime.ok()) << runtime.status();
  // Everything the gateway and swv-admin do works as the runtime user (no DDL: all migrated).
  auto store = GatewayStore::Open(runtime->get(), &clock);
  ASSERT_TRUE(store.ok()) << store.status();
  std::string secret =
      testing::Issue(**store, PrincipalKind::kOffice, {}, clock.Now() + absl::Hours(1));
  absl::StatusOr<Credential> credential = (*store)->Authenticate(secret);
  ASSERT_TRUE(credential.ok()) << credential.status();
  AuditEvent event;
  event.tenant = "PO2203";
  event.time = clock.Now();
  event.principal = credential->ToPrincipal().id;
  event.http_method = "POST";
  event.http_status = 201;
  ASSERT_TRUE((*store)->Append(event).ok());
  ASSERT_TRUE((*store)->Revoke(credential->token_id).ok());

  // What the database refuses to the runtime user.
  for (const char* sql :
       {"DELETE FROM gateway_audit_events", "UPDATE gateway_audit_events SET http_status = 200",
        "UPDATE gateway_credentials SET expire_time_us = 0",
        "DELETE FROM gateway_credential_revocations",
        "UPDATE gateway_credential_revocations SET revoke_time_us = 0",
        "DELETE FROM gateway_credentials", "DROP TABLE gateway_audit_events"}) {
    absl::Status changed = (*runtime)->InTransaction(
        [sql](storage::Transaction& tx) { return tx.Execute(sql).status(); });
    EXPECT_FALSE(changed.ok()) << sql;
  }
  EXPECT_EQ((*store)->Authenticate(secret).status().code(), absl::StatusCode::kUnauthenticated);
  AuditQuery query;
  query.tenant = "PO2203";
  EXPECT_EQ((*store)->Query(query)->events.size(), 1u);
}

}  // namespace
}  // namespace swv::gateway
