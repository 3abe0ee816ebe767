#include "services/registrations/registrations_app.h"

#include "services/kernel/status_macros.h"
namespace swv::registrations {

absl::StatusOr<std::unique_ptr<RegistrationsApp>> RegistrationsApp::Create(storage::Database* db,
                                                                           const Clock* clock) {
  SWV_RETURN_IF_ERROR(MigrateRegistrationsSchema(*db));
  // After "registrations": the support tables share its pupil identities.
  SWV_RETURN_IF_ERROR(MigrateSupportSchema(*db));
  // After the "registrations" component: the TLV tables refer to its pupils.
  SWV_ASSIGN_OR_RETURN(std::unique_ptr<TlvApp> tlv, TlvApp::Create(db, clock));
  return std::unique_ptr<RegistrationsApp>(new RegistrationsApp(db, std::move(tlv), clock));
}

}  // namespace swv::registrations
