// What the main of every swv process does, written once: the common flags (server, database,
// --migrate-only) next to the service's own, checked together at start (a bad one stops the
// process with a message saying what to fix); the runtime (logging, metrics, health); the
// database, observed by the statement metrics; the migrations as the schema owner
// (--migration-database-url); the service's store or app opened on the runtime database, retried
// while the database is still starting; and serving until SIGTERM.
//
//   swv::ServiceMain main(defaults, "what the service does");
//   main.flags().AddString(...);                       // the service's own flags
//   main.ParseOrExit(argc, argv, [&] { return ...; });
//   std::unique_ptr<App> app = main.Open<App>([&](storage::Database* db) { return App::Create(db);
//   }); if (app == nullptr) return main.exit_code();       // failed, or --migrate-only is done for
//   (grpc::Service* s : app->grpc_services()) main.runtime().AddService(s); return main.Serve();
//
// One object per process, used from main's thread.
#ifndef SWV_SERVICES_COMMON_SERVICE_MAIN_H_
#define SWV_SERVICES_COMMON_SERVICE_MAIN_H_

#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/common/db_metrics.h"
#include "services/common/grpc_channel.h"
#include "services/common/logging.h"
#include "services/common/options.h"
#include "services/common/server.h"
#include "storage/database.h"

namespace swv {

class ServiceMain {
 public:
  // `defaults` holds the service's name and its default addresses and database URL.
  ServiceMain(ServerOptions defaults, absl::string_view description);
  ~ServiceMain();

  // Before ParseOrExit: where the service adds its own flags.
  OptionParser& flags() { return parser_; }
  // Parses and checks every flag (`validate` checks the service's own); exits with a message on a
  // bad one. Then starts the runtime (logging and the metrics registry).
  void ParseOrExit(int argc, char** argv, std::function<absl::Status()> validate = nullptr);

  const ServerOptions& options() const { return options_; }
  bool migrate_only() const { return migrate_only_; }
  ServiceRuntime& runtime() { return *runtime_; }
  // After Open: the runtime database (owned here).
  storage::Database* database() { return database_.get(); }

  // After ParseOrExit: the channels this process calls the other services over, as the service
  // principal `service_name` (ChannelFactory::ForService). Nullopt after a logged failure:
  // exit_code() is then 2.
  absl::optional<ChannelFactory> OpenChannels(absl::string_view service_name);

  // Opens the database, runs the migrations as the schema owner, then `open` on the runtime
  // database (which runs any migration not yet recorded), retrying while the database is
  // unreachable for up to a minute. Null when the process should stop: exit_code() says how
  // (1 after a logged failure, 0 after --migrate-only).
  template <typename T>
  std::unique_ptr<T> Open(
      absl::FunctionRef<absl::StatusOr<std::unique_ptr<T>>(storage::Database*)> open) {
    if (!OpenDatabase([&](storage::Database* db) { return open(db).status(); })) return nullptr;
    absl::StatusOr<std::unique_ptr<T>> opened = RetryWhileStarting<T>(open);
    if (!opened.ok()) {
      LogError("cannot start", {{"error", std::string(opened.status().message())}});
      exit_code_ = 1;
      return nullptr;
    }
    if (migrate_only_) {
      LogInfo("migrations applied");
      exit_code_ = 0;
      return nullptr;
    }
    return *std::move(opened);
  }
  int exit_code() const { return exit_code_; }

  // Serves the services added to runtime() until SIGTERM, ready while the database answers.
  // Returns the process's exit code.
  int Serve();

 private:
  // Opens and observes the database and runs the migrations as the schema owner; false (with
  // exit_code_) when the process should stop.
  bool OpenDatabase(absl::FunctionRef<absl::Status(storage::Database*)> migrate);

  template <typename T>
  absl::StatusOr<std::unique_ptr<T>> RetryWhileStarting(
      absl::FunctionRef<absl::StatusOr<std::unique_ptr<T>>(storage::Database*)> open) {
    const absl::Time give_up = absl::Now() + kStartupDatabaseWait;
    while (true) {
      absl::StatusOr<std::unique_ptr<T>> opened = open(database_.get());
      if (opened.ok() || !absl::IsUnavailable(opened.status()) || absl::Now() > give_up) {
        return opened;
      }
      LogWarn("database not reachable yet, retrying",
              {{"error", std::string(opened.status().message())}});
      absl::SleepFor(absl::Seconds(2));
    }
  }

  // A database that is still starting (a MariaDB container, say) should not crash-loop the
  // service.
  static constexpr absl::Duration kStartupDatabaseWait = absl::Seconds(60);

  ServerOptions options_;
  storage::DatabaseOptions database_options_;
  bool migrate_only_ = false;
  OptionParser parser_;
  std::unique_ptr<ServiceRuntime> runtime_;
  // Declared before the database, which reports to it, so it is destroyed after it.
  std::unique_ptr<DatabaseMetrics> database_metrics_;
  std::unique_ptr<storage::Database> database_;
  int exit_code_ = 0;
};

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_SERVICE_MAIN_H_
