#include "services/registrations/registrations_app.h"

namespace swv::registrations {

absl::StatusOr<std::unique_ptr<RegistrationsApp>> RegistrationsApp::Create(storage::Database* db,
                                                                           const Clock* clock) {
  if (absl::Status migrated = MigrateRegistrationsSchema(*db); !migrated.ok()) return migrated;
  // After "registrations": the support tables share its pupil identities.
  if (absl::Status migrated = MigrateSupportSchema(*db); !migrated.ok()) return migrated;
  // After the "registrations" component: the TLV tables refer to its pupils.
  absl::StatusOr<std::unique_ptr<TlvApp>> tlv = TlvApp::Create(db, clock);
  if (!tlv.ok()) return tlv.status();
  return std::unique_ptr<RegistrationsApp>(new RegistrationsApp(db, *std::move(tlv), clock));
}

}  // namespace swv::registrations
