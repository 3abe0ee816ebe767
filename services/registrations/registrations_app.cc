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
  // The scope rules, with a board's schools read from the directory.
  AccessPolicy access = app->tlv_->access_policy();
  app->service_.set_access_policy(access);
  app->register_service_.set_access_policy(access);
  app->reporting_.set_access_policy(access);
  app->support_service_.set_access_policy(access);
  return app;
}

}  // namespace swv::registrations
