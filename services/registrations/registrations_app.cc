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
  std::unique_ptr<RegistrationsApp> app(
      new RegistrationsApp(NewSqlThuiszitterRepository(db), NewSqlRegisterRepository(db),
                           NewSqlSupportRepository(db), clock));
  app->tlv_ = *std::move(tlv);
  app->grpc_.SetTlvSettings(&app->tlv_->tlvs());
  // Statistics grouped by wijk or board read the school mapping through the directory.
  app->reporting_.set_directory(&app->tlv_->directory_repository());
  app->grpc_.set_directory(&app->tlv_->directory_repository());
  return app;
}

}  // namespace swv::registrations
