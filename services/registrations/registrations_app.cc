#include "services/registrations/registrations_app.h"

#include <string>
#include <utility>
#include <vector>

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

SupportLookups RegistrationsApp::LookupsOf(TlvApp& tlv) {
  DirectoryRepository* directory = &tlv.directory_repository();
  TlvRepository* tlvs = &tlv.tlv_repository();
  SupportLookups lookups;
  lookups.schools = [directory](const std::string& tenant) {
    return AllSchools(*directory, tenant);
  };
  lookups.wijken = [directory](const std::string& tenant) { return AllWijken(*directory, tenant); };
  lookups.tlv_kind = [tlvs](const std::string& tenant,
                            const std::string& tlv_id) -> absl::StatusOr<TlvKind> {
    SWV_ASSIGN_OR_RETURN(TlvRecord stored, tlvs->GetTlv(tenant, tlv_id));
    return stored.state.kind;
  };
  return lookups;
}

}  // namespace swv::registrations
