#include "services/allocation/allocation_app.h"

#include "services/kernel/status_macros.h"
namespace swv::allocation {

absl::StatusOr<std::unique_ptr<AllocationApp>> AllocationApp::Create(storage::Database* db,
                                                                     DirectoryClient* directory,
                                                                     const Clock* clock) {
  SWV_RETURN_IF_ERROR(MigrateAllocationSchema(*db));
  return std::unique_ptr<AllocationApp>(
      new AllocationApp(NewSqlAllocationRepository(db), directory, clock));
}

}  // namespace swv::allocation
