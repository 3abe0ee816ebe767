// swv-monitoring: the goal monitoring process. Configuration from flags/env (see --help); schema
// migrations run at start; goal files given with --goal-files are loaded (idempotent, so every
// replica may do it); computed indicators are read from swv-registrations and swv-allocation over
// gRPC; serves until SIGTERM, then drains.
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "services/common/clock.h"
#include "services/common/db_metrics.h"
#include "services/common/logging.h"
#include "services/common/grpc_channel.h"
#include "services/common/migration_database.h"
#include "services/common/options.h"
#include "services/common/principal.h"
#include "services/common/server.h"
#include "services/monitoring/aggregates.h"
#include "services/monitoring/domain/national.h"
#include "services/monitoring/monitoring_app.h"
#include "storage/database.h"
#include "storage/observed_database.h"

namespace {

constexpr absl::Duration kStartupDatabaseWait = absl::Seconds(60);

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// "PO2203=data/goals/po2203/2026-2029.goals,PO2812=..." -> (tenant, path) pairs.
absl::StatusOr<std::vector<std::pair<std::string, std::string>>> ParseGoalFiles(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  for (absl::string_view item : absl::StrSplit(text, ',', absl::SkipWhitespace())) {
    std::vector<std::string> parts = absl::StrSplit(item, absl::MaxSplits('=', 1));
    if (parts.size() != 2 || parts[0].empty() || parts[1].empty()) {
      return absl::InvalidArgumentError(
          "--goal-files (SWV_GOAL_FILES) is a comma list of SWV=PATH, e.g. "
          "\"PO2203=data/goals/po2203/2026-2029.goals\"");
    }
    out.emplace_back(parts[0], parts[1]);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  swv::ServerOptions options;
  options.service_name = "swv-monitoring";
  options.grpc_address = "127.0.0.1:50053";
  options.http_address = "127.0.0.1:9466";
  swv::storage::DatabaseOptions database;
  std::string registrations_target = "127.0.0.1:50051";
  std::string allocation_target = "127.0.0.1:50052";
  absl::Duration aggregate_deadline = absl::Seconds(10);
  absl::Duration status_max_age = absl::Minutes(5);
  std::string national_figures_path = "data/goals/national-participation.goals";
  std::string goal_files;
  swv::OptionParser parser("swv-monitoring",
                           "Goal monitoring: goals per SWV, reported measurements, goal statuses and "
                           "the kwartaalrapportage over gRPC.");
  swv::AddServerOptions(parser, &options);
  parser.AddInt("db-pool-size", "SWV_DB_POOL_SIZE", "MySQL connections kept open at most", &database.pool_size);
  parser.AddString("db-tls-ca", "SWV_DB_TLS_CA", "CA bundle; when set, MySQL uses verified TLS",
                   &database.tls_ca_file);
  parser.AddString("registrations-target", "SWV_REGISTRATIONS_TARGET",
                   "host:port of swv-registrations (TLV, register and support statistics, directory)",
                   &registrations_target);
  parser.AddString("allocation-target", "SWV_ALLOCATION_TARGET",
                   "host:port of swv-allocation (pupil counts, spending accounts)", &allocation_target);
  parser.AddDuration("aggregate-deadline", "SWV_AGGREGATE_DEADLINE",
                     "deadline of each call to registrations or allocation", &aggregate_deadline);
  parser.AddDuration("status-max-age", "SWV_STATUS_MAX_AGE",
                     "how old a cached goal status may be before a read recomputes it (0 = no cache)",
                     &status_max_age);
  parser.AddString("national-figures", "SWV_NATIONAL_FIGURES",
                   "file with the national SBO/SO participation per year", &national_figures_path);
  parser.AddString("goal-files", "SWV_GOAL_FILES",
                   "goal files to load at start: SWV=PATH,... (loading is idempotent)", &goal_files);
  bool migrate_only = false;
  parser.AddBool("migrate-only", "", "apply the schema migrations, then exit (a deploy Job)",
                 &migrate_only);
  std::vector<std::pair<std::string, std::string>> goal_file_list;
  swv::ParseOrExit(parser, argc, argv, [&]() -> absl::Status {
    if (absl::Status status = swv::ValidateServerOptions(options); !status.ok()) return status;
    for (const auto& [target, flag] : {std::make_pair(registrations_target, "--registrations-target (SWV_REGISTRATIONS_TARGET)"),
                                       std::make_pair(allocation_target, "--allocation-target (SWV_ALLOCATION_TARGET)")}) {
      if (absl::Status status = swv::ParseHostPort(target, flag); !status.ok()) return status;
    }
    if (aggregate_deadline <= absl::ZeroDuration()) {
      return absl::InvalidArgumentError("--aggregate-deadline (SWV_AGGREGATE_DEADLINE) must be positive, e.g. \"10s\"");
    }
    if (status_max_age < absl::ZeroDuration()) {
      return absl::InvalidArgumentError("--status-max-age (SWV_STATUS_MAX_AGE) must be 0 or more, e.g. \"5m\"");
    }
    absl::StatusOr<std::vector<std::pair<std::string, std::string>>> files = ParseGoalFiles(goal_files);
    if (!files.ok()) return files.status();
    goal_file_list = *std::move(files);
    database.url = options.database_url;
    return swv::storage::ValidateDatabaseOptions(database);
  });
  swv::ServiceRuntime runtime(options);  // also starts logging and the metrics registry
  swv::DatabaseMetrics database_metrics(runtime.metrics().registry());

  swv::monitoring::MonitoringAppOptions app_options;
  app_options.status_max_age = status_max_age;
  if (!migrate_only) {  // a migration Job needs no data files
    absl::StatusOr<std::string> text = ReadFile(national_figures_path);
    absl::StatusOr<swv::monitoring::NationalFigures> figures =
        text.ok() ? swv::monitoring::NationalFigures::Parse(*text)
                  : absl::StatusOr<swv::monitoring::NationalFigures>(text.status());
    if (!figures.ok()) {
      swv::LogError("cannot load the national figures", {{"path", national_figures_path},
                                                         {"error", std::string(figures.status().message())}});
      return 1;
    }
    app_options.national_figures = *std::move(figures);
  }

  absl::StatusOr<swv::ChannelFactory> channels =
      swv::ChannelFactory::ForService(options, "swv-monitoring", migrate_only);
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
  std::unique_ptr<swv::monitoring::RegistrationsAggregates> registrations =
      swv::monitoring::NewGrpcRegistrationsAggregates(
          channels->Open(registrations_target), aggregate_deadline);
  std::unique_ptr<swv::monitoring::AllocationAggregates> allocation = swv::monitoring::NewGrpcAllocationAggregates(
      channels->Open(allocation_target), aggregate_deadline);
  swv::SystemClock clock;
  // Migrations as the schema owner first; the service then runs as its runtime user.
  if (absl::optional<int> exit_code = swv::MigrateFirst(
          database, options.migration_database_url, migrate_only, kStartupDatabaseWait,
          [&](swv::storage::Database& migration_db) {
            return swv::monitoring::MonitoringApp::Create(&migration_db, registrations.get(), allocation.get(),
                                                       &clock, app_options).status();
          })) {
    return *exit_code;
  }
  absl::StatusOr<std::unique_ptr<swv::monitoring::MonitoringApp>> app;
  const absl::Time give_up = absl::Now() + kStartupDatabaseWait;
  while (true) {
    app = swv::monitoring::MonitoringApp::Create(db->get(), registrations.get(), allocation.get(), &clock,
                                                 app_options);
    if (app.ok() || !absl::IsUnavailable(app.status()) || absl::Now() > give_up) break;
    swv::LogWarn("database not reachable yet, retrying", {{"error", std::string(app.status().message())}});
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
  // The process loads its configured goal files itself: an unscoped staff principal.
  swv::Principal loader;
  loader.id = "system:goal-files";
  for (const auto& [swv_code, path] : goal_file_list) {
    absl::StatusOr<std::string> text = ReadFile(path);
    absl::StatusOr<swv::monitoring::ImportResult> imported =
        text.ok() ? (*app)->service().ImportGoalSet(loader, swv_code, *text)
                  : absl::StatusOr<swv::monitoring::ImportResult>(text.status());
    if (!imported.ok()) {
      swv::LogError("cannot load a goal file", {{"path", path}, {"error", imported.status().ToString()}});
      return 1;
    }
    swv::LogInfo("goal file loaded", {{"path", path},
                                      {"goal_set", imported->goal_set},
                                      {"created", absl::StrCat(imported->counts.created)},
                                      {"updated", absl::StrCat(imported->counts.updated)},
                                      {"retired", absl::StrCat(imported->counts.retired)}});
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
