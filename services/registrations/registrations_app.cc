#include "services/registrations/registrations_app.h"

#include "services/kernel/status_macros.h"
#include "services/registrations/opps/opp_repository.h"
#include "services/registrations/records/sql_pupils.h"

namespace swv::registrations {

absl::StatusOr<std::unique_ptr<RegistrationsApp>> RegistrationsApp::Create(storage::Database* db,
                                                                           const Clock* clock) {
  // Each area owns its schema component. The pupils come first (every record names one); a
  // component that adopted tables from another runs before it (storage::AdoptedMigration).
  SWV_RETURN_IF_ERROR(MigratePupilSchema(*db));
  SWV_RETURN_IF_ERROR(MigrateRegisterSchema(*db));
  SWV_RETURN_IF_ERROR(MigrateOppSchema(*db));
  SWV_RETURN_IF_ERROR(MigrateThuiszitterSchema(*db));
  SWV_RETURN_IF_ERROR(MigrateSupportSchema(*db));
  SWV_RETURN_IF_ERROR(MigrateEscalationSchema(*db));
  SWV_RETURN_IF_ERROR(MigrateWijkPlanSchema(*db));
  SWV_ASSIGN_OR_RETURN(std::unique_ptr<TlvApp> tlv, TlvApp::Create(db, clock));
  return std::unique_ptr<RegistrationsApp>(new RegistrationsApp(db, std::move(tlv), clock));
}

}  // namespace swv::registrations
