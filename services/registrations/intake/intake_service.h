// The OSO dossier intake: a dossier a school's LVS exported (oso_dossier.h) becomes the pupil, the
// OPP with the parents' consent and the TLV or arrangement application, and is kept as their
// source document, all in one transaction: a refused dossier stores nothing. Transport-free; the
// rules of each record are those of its own service (OPPs, TLVs, arrangements), which run here on
// repositories that share the transaction. docs/oso-intake.md has the mapping.
//
// Thread-safety: safe for concurrent use (no state besides the borrowed database and clock, which
// must outlive it).
#ifndef SWV_SERVICES_REGISTRATIONS_INTAKE_INTAKE_SERVICE_H_
#define SWV_SERVICES_REGISTRATIONS_INTAKE_INTAKE_SERVICE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/optional.h"
#include "services/common/access_policy.h"
#include "services/common/clock.h"
#include "services/common/principal.h"
#include "services/registrations/directory/directory_repository.h"
#include "services/registrations/domain/tlv.h"
#include "services/registrations/intake/oso_dossier_store.h"
#include "storage/database.h"

namespace swv::registrations {

enum class OsoApplicationKind { kTlv, kArrangement };

// As received; fields are named as the request names them ("school", "dossier_xml",
// "application", "tlv_kind", "so_category", "receiving_school", "arrangement_description").
struct OsoImportInput {
  std::string school;
  std::string dossier_xml;
  absl::optional<OsoApplicationKind> application;
  absl::optional<TlvKind> tlv_kind;
  absl::optional<SoCategory> so_category;
  std::string receiving_school;
  std::string arrangement_description;
};

class OsoIntakeService {
 public:
  OsoIntakeService(storage::Database* db, const Clock* clock);

  // The caller's own school (school, board: their own schools; office: any of its SWV) sends
  // the dossier of one of its pupils. Refusals: INVALID_ARGUMENT naming the request field, and for
  // the dossier the element ("dossier_xml": "/dossier/...: rule"); the records' own rules with
  // their reasons, renamed to the element or request field they came from. Idempotent on
  // request_id: a retry returns the dossier stored first (to the principal that sent it). Without a
  // request_id, the same dossier sent again by the same principal for the same application is
  // that retry (keyed by a SHA-256 digest of them).
  absl::StatusOr<OsoDossierRecord> Import(const Principal& caller, absl::string_view swv,
                                          const OsoImportInput& input,
                                          absl::string_view request_id) const;

  // A received dossier with its XML, for whoever may read its school's records (NOT_FOUND for
  // another school's, as for a missing one).
  absl::StatusOr<OsoDossierRecord> Get(const Principal& caller, absl::string_view swv,
                                       absl::string_view dossier_id) const;

 private:
  storage::Database* db_;  // not owned
  const Clock* clock_;     // not owned
  std::unique_ptr<DirectoryRepository> directory_;
  AccessPolicy access_;  // a board's schools from directory_
};

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_INTAKE_INTAKE_SERVICE_H_
