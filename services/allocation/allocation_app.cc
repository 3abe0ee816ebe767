#include "services/allocation/allocation_app.h"

namespace swv::allocation {

absl::StatusOr<std::unique_ptr<AllocationApp>> AllocationApp::Create(storage::Database* db,
                                                                     DirectoryClient* directory,
                                                                     const Clock* clock) {
  if (absl::Status migrated = MigrateAllocationSchema(*db); !migrated.ok()) return migrated;
  return std::unique_ptr<AllocationApp>(
      new AllocationApp(NewSqlAllocationRepository(db), directory, clock));
}

}  // namespace swv::allocation
