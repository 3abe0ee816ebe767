#include "services/common/service_main.h"

#include "services/common/migration_database.h"
#include "services/kernel/status_macros.h"
#include "storage/observed_database.h"

namespace swv {

ServiceMain::ServiceMain(ServerOptions defaults, absl::string_view description)
    : options_(std::move(defaults)), parser_(options_.service_name, std::string(description)) {
  AddServerOptions(parser_, &options_);
  parser_.AddInt("db-pool-size", "SWV_DB_POOL_SIZE", "MySQL connections kept open at most",
                 &database_options_.pool_size);
  parser_.AddString("db-tls-ca", "SWV_DB_TLS_CA", "CA bundle; when set, MySQL uses verified TLS",
                    &database_options_.tls_ca_file);
  parser_.AddBool("migrate-only", "", "apply the schema migrations, then exit (a deploy Job)",
                  &migrate_only_);
}

ServiceMain::~ServiceMain() = default;

void ServiceMain::ParseOrExit(int argc, char** argv, std::function<absl::Status()> validate) {
  swv::ParseOrExit(parser_, argc, argv, [&]() -> absl::Status {
    SWV_RETURN_IF_ERROR(ValidateServerOptions(options_));
    if (validate) {
      SWV_RETURN_IF_ERROR(validate());
    }
    database_options_.url = options_.database_url;
    return storage::ValidateDatabaseOptions(database_options_);
  });
  runtime_ = std::make_unique<ServiceRuntime>(options_);  // starts logging and the metrics
  database_metrics_ = std::make_unique<DatabaseMetrics>(runtime_->metrics().registry());
}

bool ServiceMain::OpenDatabase(absl::FunctionRef<absl::Status(storage::Database*)> migrate) {
  absl::StatusOr<std::unique_ptr<storage::Database>> db = storage::OpenDatabase(database_options_);
  if (!db.ok()) {
    LogError("cannot open the database", {{"error", std::string(db.status().message())}});
    exit_code_ = 1;
    return false;
  }
  database_ = storage::ObserveStatements(*std::move(db), database_metrics_.get());
  // Migrations as the schema owner first; the service then runs as its runtime user.
  if (absl::optional<int> exit_code = MigrateFirst(
          database_options_, options_.migration_database_url, migrate_only_, kStartupDatabaseWait,
          [&](storage::Database& migration_db) { return migrate(&migration_db); })) {
    exit_code_ = *exit_code;
    return false;
  }
  return true;
}

absl::optional<ChannelFactory> ServiceMain::OpenChannels(absl::string_view service_name) {
  absl::StatusOr<ChannelFactory> channels =
      ChannelFactory::ForService(options_, service_name, migrate_only_);
  if (!channels.ok()) {
    LogError("cannot start", {{"error", std::string(channels.status().message())}});
    exit_code_ = 2;
    return absl::nullopt;
  }
  return *std::move(channels);
}

int ServiceMain::Serve() {
  storage::Database* database = database_.get();
  runtime_->SetReadinessCheck([database] { return database->Ping(); });
  absl::Status status = runtime_->RunUntilSignal();
  if (!status.ok()) {
    LogError("stopped with an error", {{"error", std::string(status.message())}});
    return 1;
  }
  return 0;
}

}  // namespace swv
