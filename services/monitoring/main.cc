// swv-monitoring: the goal monitoring process. Configuration from flags/env (see --help); schema
// migrations run at start; goal files given with --goal-files are loaded (idempotent, so every
// replica may do it); computed indicators are read from swv-registrations and swv-allocation over
// gRPC; serves until SIGTERM, then drains.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/clock.h"
#include "services/common/file_text.h"
#include "services/common/logging.h"
#include "services/common/principal.h"
#include "services/common/service_main.h"
#include "services/kernel/status_macros.h"
#include "services/monitoring/aggregates.h"
#include "services/monitoring/domain/national.h"
#include "services/monitoring/monitoring_app.h"

namespace {

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  absl::optional<std::string> text = swv::ReadWholeFile(path);
  if (!text) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  return *std::move(text);
}

// "PO2203=data/goals/po2203/2026-2029.goals,PO2812=..." -> (tenant, path) pairs.
absl::StatusOr<std::vector<std::pair<std::string, std::string>>> ParseGoalFiles(
    const std::string& text) {
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
  swv::ServerOptions defaults;
  defaults.service_name = "swv-monitoring";
  defaults.grpc_address = "127.0.0.1:50053";
  defaults.http_address = "127.0.0.1:9466";
  swv::ServiceMain main(defaults,
                        "Goal monitoring: goals per SWV, reported measurements, goal statuses and "
                        "the kwartaalrapportage over gRPC.");
  std::string registrations_target = "127.0.0.1:50051";
  std::string allocation_target = "127.0.0.1:50052";
  absl::Duration aggregate_deadline = absl::Seconds(10);
  absl::Duration status_max_age = absl::Minutes(5);
  std::string national_figures_path = "data/goals/national-participation.goals";
  std::string goal_files;
  swv::OptionParser& flags = main.flags();
  flags.AddAddress("registrations-target", "SWV_REGISTRATIONS_TARGET",
                   "host:port of swv-registrations (TLV, register and support statistics, "
                   "directory)",
                   &registrations_target);
  flags.AddAddress("allocation-target", "SWV_ALLOCATION_TARGET",
                   "host:port of swv-allocation (pupil counts, spending accounts)",
                   &allocation_target);
  flags.AddDuration("aggregate-deadline", "SWV_AGGREGATE_DEADLINE",
                    "deadline of each call to registrations or allocation", &aggregate_deadline,
                    swv::OptionParser::DurationLimit::kPositive);
  flags.AddDuration("status-max-age", "SWV_STATUS_MAX_AGE",
                    "how old a cached goal status may be before a read recomputes it (0 = no "
                    "cache)",
                    &status_max_age, swv::OptionParser::DurationLimit::kNotNegative);
  flags.AddString("national-figures", "SWV_NATIONAL_FIGURES",
                  "file with the national SBO/SO participation per year", &national_figures_path);
  flags.AddString("goal-files", "SWV_GOAL_FILES",
                  "goal files to load at start: SWV=PATH,... (loading is idempotent)", &goal_files);
  std::vector<std::pair<std::string, std::string>> goal_file_list;
  main.ParseOrExit(argc, argv, [&]() -> absl::Status {
    absl::StatusOr<std::vector<std::pair<std::string, std::string>>> files =
        ParseGoalFiles(goal_files);
    if (!files.ok()) return files.status();
    goal_file_list = *std::move(files);
    return absl::OkStatus();
  });

  swv::monitoring::MonitoringAppOptions app_options;
  app_options.status_max_age = status_max_age;
  if (!main.migrate_only()) {  // a migration Job needs no data files
    absl::StatusOr<std::string> text = ReadFile(national_figures_path);
    absl::StatusOr<swv::monitoring::NationalFigures> figures =
        text.ok() ? swv::monitoring::NationalFigures::Parse(*text)
                  : absl::StatusOr<swv::monitoring::NationalFigures>(text.status());
    if (!figures.ok()) {
      swv::LogError(
          "cannot load the national figures",
          {{"path", national_figures_path}, {"error", std::string(figures.status().message())}});
      return 1;
    }
    app_options.national_figures = *std::move(figures);
  }
  absl::optional<swv::ChannelFactory> channels = main.OpenChannels("swv-monitoring");
  if (!channels) return main.exit_code();
  std::unique_ptr<swv::monitoring::RegistrationsAggregates> registrations =
      swv::monitoring::NewGrpcRegistrationsAggregates(channels->Open(registrations_target),
                                                      aggregate_deadline);
  std::unique_ptr<swv::monitoring::AllocationAggregates> allocation =
      swv::monitoring::NewGrpcAllocationAggregates(channels->Open(allocation_target),
                                                   aggregate_deadline);
  swv::SystemClock clock;
  using swv::monitoring::MonitoringApp;
  std::unique_ptr<MonitoringApp> app = main.Open<MonitoringApp>([&](swv::storage::Database* db) {
    return MonitoringApp::Create(db, registrations.get(), allocation.get(), &clock, app_options);
  });
  if (app == nullptr) return main.exit_code();

  // The process loads its configured goal files itself: an unscoped staff principal.
  swv::Principal loader;
  loader.id = "system:goal-files";
  for (const auto& [swv_code, path] : goal_file_list) {
    absl::StatusOr<std::string> text = ReadFile(path);
    absl::StatusOr<swv::monitoring::ImportResult> imported =
        text.ok() ? app->service().ImportGoalSet(loader, swv_code, *text)
                  : absl::StatusOr<swv::monitoring::ImportResult>(text.status());
    if (!imported.ok()) {
      swv::LogError("cannot load a goal file",
                    {{"path", path}, {"error", imported.status().ToString()}});
      return 1;
    }
    swv::LogInfo("goal file loaded", {{"path", path},
                                      {"goal_set", imported->goal_set},
                                      {"created", absl::StrCat(imported->counts.created)},
                                      {"updated", absl::StrCat(imported->counts.updated)},
                                      {"retired", absl::StrCat(imported->counts.retired)}});
  }
  for (grpc::Service* service : app->grpc_services()) main.runtime().AddService(service);
  return main.Serve();
}
