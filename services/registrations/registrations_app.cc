#include "services/registrations/registrations_app.h"

namespace swv::registrations {

absl::StatusOr<std::unique_ptr<RegistrationsApp>> RegistrationsApp::Create(storage::Database* db,
                                                                           const Clock* clock) {
  if (absl::Status migrated = MigrateRegistrationsSchema(*db); !migrated.ok()) return migrated;
  return std::unique_ptr<RegistrationsApp>(
      new RegistrationsApp(NewSqlThuiszitterRepository(db), clock));
}

}  // namespace swv::registrations
