#include "services/common/migration_database.h"

#include <memory>

#include "absl/time/clock.h"
#include "services/common/logging.h"
#include "services/kernel/status_macros.h"

namespace swv {

absl::Status MigrateWith(storage::DatabaseOptions options, const std::string& url,
                         absl::Duration wait,
                         absl::FunctionRef<absl::Status(storage::Database&)> migrate) {
  options.url = url;
  options.pool_size = 1;  // one session runs the migrations
  SWV_ASSIGN_OR_RETURN(std::unique_ptr<storage::Database> db, storage::OpenDatabase(options));
  const absl::Time give_up = absl::Now() + wait;
  while (true) {
    absl::Status status = migrate(*db);
    if (status.ok() || !absl::IsUnavailable(status) || absl::Now() > give_up) return status;
    LogWarn("migration database not reachable yet, retrying",
            {{"error", std::string(status.message())}});
    absl::SleepFor(absl::Seconds(2));
  }
}

absl::optional<int> MigrateFirst(const storage::DatabaseOptions& options,
                                 const std::string& migration_url, bool migrate_only,
                                 absl::Duration wait,
                                 absl::FunctionRef<absl::Status(storage::Database&)> migrate) {
  if (migration_url.empty()) return absl::nullopt;
  absl::Status migrated = MigrateWith(options, migration_url, wait, migrate);
  if (!migrated.ok()) {
    LogError("cannot migrate", {{"error", std::string(migrated.message())}});
    return 1;
  }
  if (migrate_only) {
    LogInfo("migrations applied");
    return 0;
  }
  return absl::nullopt;
}

}  // namespace swv
