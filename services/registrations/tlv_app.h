// Wires the directory, OPP, TLV and OSO dossier intake parts of the registrations service:
// repositories on a database, application services, gRPC adapters (swv.v1.Directory, swv.v1.Tlvs).
// Owned by RegistrationsApp, which hosts these services next to the thuiszitter ones.
//
// Ownership: owns everything it builds; the database and clock are borrowed and must outlive it.
#ifndef SWV_SERVICES_REGISTRATIONS_TLV_APP_H_
#define SWV_SERVICES_REGISTRATIONS_TLV_APP_H_

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "services/common/access_policy.h"
#include "services/common/clock.h"
#include "services/registrations/directory/directory_repository.h"
#include "services/registrations/directory/directory_service.h"
#include "services/registrations/grpc_adapters.h"
#include "services/registrations/intake/intake_service.h"
#include "services/registrations/opps/opp_repository.h"
#include "services/registrations/opps/opp_service.h"
#include "services/registrations/tlvs/tlv_repository.h"
#include "services/registrations/tlvs/tlv_service.h"
#include "storage/database.h"

namespace swv::registrations {

class TlvApp {
 public:
  // Applies the "directory" and "tlv" schema components (the "registrations" component, which
  // holds the pupils, must be applied first), then builds the services.
  static absl::StatusOr<std::unique_ptr<TlvApp>> Create(storage::Database* db, const Clock* clock);

  std::vector<grpc::Service*> grpc_services() { return {grpc_directory_.get(), grpc_tlvs_.get()}; }
  DirectoryRepository& directory_repository() { return *directory_repository_; }
  DirectoryService& directory() { return directory_; }
  OppService& opps() { return opps_; }
  TlvService& tlvs() { return tlvs_; }
  TlvRepository& tlv_repository() { return *tlv_repository_; }
  const OsoIntakeService& intake() const { return intake_; }
  // The scope rules with a board's schools looked up in this directory (thread-safe, like the
  // repository; valid while this app lives).
  AccessPolicy access_policy();

 private:
  TlvApp(storage::Database* db, const Clock* clock);

  std::unique_ptr<DirectoryRepository> directory_repository_;
  OppStores opp_stores_;
  std::unique_ptr<TlvRepository> tlv_repository_;
  DirectoryService directory_;
  OppService opps_;
  TlvService tlvs_;
  OsoIntakeService intake_;
  std::unique_ptr<grpc::Service> grpc_directory_;
  std::unique_ptr<grpc::Service> grpc_tlvs_;
};

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_TLV_APP_H_
