#include "services/common/migration_database.h"

#include <memory>

#include "absl/time/clock.h"
#include "services/common/logging.h"

namespace swv {

absl::Status MigrateWith(storage::DatabaseOptions options, const std::string& url,
                         absl::Duration wait,
                         absl::FunctionRef<absl::Status(storage::Database&)> migrate) {
  options.url = url;
  options.pool_size = 1;  // one session runs the migrations
  absl::StatusOr<std::unique_ptr<storage::Database>> db = storage::OpenDatabase(options);
  if (!db.ok()) return db.status();
  const absl::Time give_up = absl::Now() + wait;
  while (true) {
    absl::Status status = migrate(**db);
    if (status.ok() || !absl::IsUnavailable(status) || absl::Now() > give_up) return status;
    LogWarn("migration database not reachable yet, retrying",
            {{"error", std::string(status.message())}});
    absl::SleepFor(absl::Seconds(2));
  }
}

}  // namespace swv
