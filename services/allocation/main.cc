// swv-allocation: the allocation service process. Configuration from flags/env (see --help);
// schema migrations run at start; reads the organisation directory from swv-registrations over
// gRPC; serves until SIGTERM, then drains.
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "services/allocation/allocation_app.h"
#include "services/allocation/directory_reader.h"
#include "services/common/clock.h"
#include "services/common/db_metrics.h"
#include "services/common/logging.h"
#include "services/common/grpc_channel.h"
#include "services/common/migration_database.h"
#include "services/common/options.h"
#include "services/common/server.h"
#include "storage/database.h"
#include "storage/observed_database.h"

namespace {

constexpr absl::Duration kStartupDatabaseWait = absl::Seconds(60);

}  // namespace

int main(int argc, char** argv) {
  swv::ServerOptions options;
  options.service_name = "swv-allocation";
  options.grpc_address = "127.0.0.1:50052";
  options.http_address = "127.0.0.1:9465";
  swv::storage::DatabaseOptions database;
  std::string registrations_target = "127.0.0.1:50051";
  absl::Duration directory_deadline = absl::Seconds(10);
  swv::OptionParser parser("swv-allocation",
                           "Allocation service: year configuration, pupil counts, calculations, "
                           "statements and spending accounts over gRPC.");
  swv::AddServerOptions(parser, &options);
  parser.AddInt("db-pool-size", "SWV_DB_POOL_SIZE", "MySQL connections kept open at most",
                &database.pool_size);
  parser.AddString("db-tls-ca", "SWV_DB_TLS_CA", "CA bundle; when set, MySQL uses verified TLS",
                   &database.tls_ca_file);
  parser.AddString("registrations-target", "SWV_REGISTRATIONS_TARGET",
                   "host:port of swv-registrations (the organisation directory)",
                   &registrations_target);
  parser.AddDuration("directory-deadline", "SWV_DIRECTORY_DEADLINE",
                     "deadline of each call to the directory", &directory_deadline);
  bool migrate_only = false;
  parser.AddBool("migrate-only", "", "apply the schema migrations, then exit (a deploy Job)",
                 &migrate_only);
  swv::ParseOrExit(parser, argc, argv, [&]() -> absl::Status {
    if (absl::Status status = swv::ValidateServerOptions(options); !status.ok()) return status;
    if (absl::Status status = swv::ParseHostPort(
            registrations_target, "--registrations-target (SWV_REGISTRATIONS_TARGET)");
        !status.ok()) {
      return status;
    }
    if (directory_deadline <= absl::ZeroDuration()) {
      return absl::InvalidArgumentError(
          "--directory-deadline (SWV_DIRECTORY_DEADLINE) must be positive, e.g. \"10s\"");
    }
    database.url = options.database_url;
    return swv::storage::ValidateDatabaseOptions(database);
  });
  swv::ServiceRuntime runtime(options);  // also starts logging and the metrics registry
  // Declared before the database, which reports to it, so it is destroyed after it.
  swv::DatabaseMetrics database_metrics(runtime.metrics().registry());

  absl::StatusOr<swv::ChannelFactory> channels =
      swv::ChannelFactory::ForService(options, "swv-allocation", migrate_only);
  if (!channels.ok()) {
    swv::LogError("cannot start", {{"error", std::string(channels.status().message())}});
    return 2;
  }
  absl::StatusOr<std::unique_ptr<swv::storage::Database>> db = swv::storage::OpenDatabase(database);
  if (!db.ok()) {
    swv::LogError("cannot open the database", {{"error", std::string(db.status().message())}});
    return 1;
  }
  *db = swv::storage::ObserveStatements(*std::move(db), &database_metrics);
  std::unique_ptr<swv::allocation::DirectoryReader> directory =
      swv::allocation::NewGrpcDirectoryReader(
          channels->Open(registrations_target),
          directory_deadline);
  swv::SystemClock clock;
  // Migrations as the schema owner first; the service then runs as its runtime user.
  if (absl::optional<int> exit_code = swv::MigrateFirst(
          database, options.migration_database_url, migrate_only, kStartupDatabaseWait,
          [&](swv::storage::Database& migration_db) {
            return swv::allocation::AllocationApp::Create(&migration_db, directory.get(), &clock).status();
          })) {
    return *exit_code;
  }
  absl::StatusOr<std::unique_ptr<swv::allocation::AllocationApp>> app;
  const absl::Time give_up = absl::Now() + kStartupDatabaseWait;
  while (true) {
    app = swv::allocation::AllocationApp::Create(db->get(), directory.get(), &clock);
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
  swv::storage::Database* database_handle = db->get();
  runtime.SetReadinessCheck([database_handle] { return database_handle->Ping(); });
  absl::Status status = runtime.RunUntilSignal();
  if (!status.ok()) {
    swv::LogError("stopped with an error", {{"error", std::string(status.message())}});
    return 1;
  }
  return 0;
}
