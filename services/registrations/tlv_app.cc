#include "services/registrations/tlv_app.h"

#include "services/kernel/status_macros.h"
#include "services/registrations/directory/directory_access.h"
namespace swv::registrations {

absl::StatusOr<std::unique_ptr<TlvApp>> TlvApp::Create(storage::Database* db, const Clock* clock) {
  SWV_RETURN_IF_ERROR(MigrateDirectorySchema(*db));
  SWV_RETURN_IF_ERROR(MigrateTlvSchema(*db));
  SWV_RETURN_IF_ERROR(MigrateIntakeSchema(*db));
  return std::unique_ptr<TlvApp>(new TlvApp(db, clock));
}

TlvApp::TlvApp(storage::Database* db, const Clock* clock)
    : directory_repository_(NewSqlDirectoryRepository(db)),
      opp_stores_(NewSqlOppStores(db)),
      tlv_repository_(NewSqlTlvRepository(db)),
      directory_(directory_repository_.get(), clock, access_policy()),
      opps_(opp_stores_.records.get(), clock, access_policy()),
      tlvs_(tlv_repository_.get(), &opp_stores_, directory_repository_.get(), clock,
            access_policy()),
      intake_(db, clock),
      grpc_directory_(NewGrpcDirectory(&directory_)),
      grpc_tlvs_(NewGrpcTlvs(&opps_, &tlvs_, &intake_)) {}

AccessPolicy TlvApp::access_policy() { return DirectoryAccessPolicy(directory_repository_.get()); }

}  // namespace swv::registrations
