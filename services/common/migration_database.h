// Migrations as the schema owner, the service as its runtime user (docs/deploy.md, "Database
// users"): with --migration-database-url set, a main runs its migrations over that URL first and
// then opens --database-url, whose migrations are all recorded, so the runtime user needs no DDL
// rights.
#ifndef SWV_SERVICES_COMMON_MIGRATION_DATABASE_H_
#define SWV_SERVICES_COMMON_MIGRATION_DATABASE_H_

#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "storage/database.h"

namespace swv {

// Opens `url` with the other settings of `options` and runs `migrate` on it (the service's
// migrations; usually its store's Open), retrying while the database is unreachable, up to
// `wait`. The connection is closed on return.
absl::Status MigrateWith(storage::DatabaseOptions options, const std::string& url,
                         absl::Duration wait,
                         absl::FunctionRef<absl::Status(storage::Database&)> migrate);

// What every main does with it: nothing without a migration URL; else migrate and return the
// exit code when the process should stop here (1 when the migrations failed, logged; 0 after
// them with --migrate-only), or nullopt to go on as the runtime user.
absl::optional<int> MigrateFirst(const storage::DatabaseOptions& options,
                                 const std::string& migration_url, bool migrate_only,
                                 absl::Duration wait,
                                 absl::FunctionRef<absl::Status(storage::Database&)> migrate);

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_MIGRATION_DATABASE_H_
