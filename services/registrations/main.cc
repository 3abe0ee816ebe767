// swv-registrations: the registrations service process. Configuration from flags/env (see
// --help); schema migrations run at start; serves until SIGTERM, then drains.
#include <cstdlib>
#include <iostream>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/common/clock.h"
#include "services/common/db_metrics.h"
#include "services/common/logging.h"
#include "services/common/migration_database.h"
#include "services/common/options.h"
#include "services/common/server.h"
#include "services/registrations/business_metrics.h"
#include "services/registrations/registrations_app.h"
#include "storage/database.h"
#include "storage/observed_database.h"

namespace {

// A database that is still starting (a MariaDB container, say) should not crash-loop the service:
// migrations are retried for a while before giving up.
constexpr absl::Duration kStartupDatabaseWait = absl::Seconds(60);

}  // namespace

int main(int argc, char** argv) {
  swv::ServerOptions options;
  options.service_name = "swv-registrations";
  swv::storage::DatabaseOptions database;
  swv::OptionParser parser("swv-registrations",
                           "Registrations service: thuiszitter cases and SWV settings over gRPC.");
  swv::AddServerOptions(parser, &options);
  parser.AddInt("db-pool-size", "SWV_DB_POOL_SIZE", "MySQL connections kept open at most",
                &database.pool_size);
  parser.AddString("db-tls-ca", "SWV_DB_TLS_CA", "CA bundle; when set, MySQL uses verified TLS",
                   &database.tls_ca_file);
  absl::Duration business_metrics_max_age = absl::Seconds(30);
  parser.AddDuration("business-metrics-max-age", "SWV_BUSINESS_METRICS_MAX_AGE",
                     "how old the business gauges (open cases, overdue TLVs) may be at a scrape",
                     &business_metrics_max_age);
  bool migrate_only = false;
  parser.AddBool("migrate-only", "", "apply the schema migrations, then exit (a deploy Job)",
                 &migrate_only);
  swv::ParseOrExit(parser, argc, argv, [&]() -> absl::Status {
    if (absl::Status status = swv::ValidateServerOptions(options); !status.ok()) return status;
    database.url = options.database_url;
    return swv::storage::ValidateDatabaseOptions(database);
  });
  swv::ServiceRuntime runtime(options);  // also starts logging and the metrics registry
  // Declared before the database, which reports to it, so it is destroyed after it.
  swv::DatabaseMetrics database_metrics(runtime.metrics().registry());

  absl::StatusOr<std::unique_ptr<swv::storage::Database>> db = swv::storage::OpenDatabase(database);
  if (!db.ok()) {
    swv::LogError("cannot open the database", {{"error", std::string(db.status().message())}});
    return 1;
  }
  *db = swv::storage::ObserveStatements(*std::move(db), &database_metrics);
  swv::SystemClock clock;
  // Migrations as the schema owner first; the service then runs as its runtime user.
  if (absl::optional<int> exit_code = swv::MigrateFirst(
          database, options.migration_database_url, migrate_only, kStartupDatabaseWait,
          [&](swv::storage::Database& migration_db) {
            return swv::registrations::RegistrationsApp::Create(&migration_db, &clock).status();
          })) {
    return *exit_code;
  }
  absl::StatusOr<std::unique_ptr<swv::registrations::RegistrationsApp>> app;
  const absl::Time give_up = absl::Now() + kStartupDatabaseWait;
  while (true) {
    app = swv::registrations::RegistrationsApp::Create(db->get(), &clock);
    if (app.ok() || !absl::IsUnavailable(app.status()) || absl::Now() > give_up) break;
    swv::LogWarn("database not reachable yet, retrying",
                 {{"error", std::string(app.status().message())}});
    absl::SleepFor(absl::Seconds(2));
  }
  if (!app.ok()) {
    swv::LogError("cannot start", {{"error", std::string(app.status().message())}});
    return 1;
  }
  if (migrate_only) {
    swv::LogInfo("migrations applied");
    return 0;
  }

  for (grpc::Service* service : (*app)->grpc_services()) runtime.AddService(service);
  // Business gauges (open thuiszitter cases, overdue TLVs, ...), recomputed at most every
  // business_metrics_max_age.
  swv::registrations::BusinessMetrics business_metrics(app->get(), &clock,
                                                       business_metrics_max_age);
  runtime.metrics().AddCollectable(&business_metrics);
  swv::storage::Database* database_handle = db->get();
  runtime.SetReadinessCheck([database_handle] { return database_handle->Ping(); });
  absl::Status status = runtime.RunUntilSignal();
  if (!status.ok()) {
    swv::LogError("stopped with an error", {{"error", std::string(status.message())}});
    return 1;
  }
  return 0;
}
