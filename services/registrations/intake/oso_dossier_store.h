// Storage of received OSO dossiers: the dossier XML as its source document, who sent it and when,
// and the ids of the records it became (component "intake": table oso_dossiers). Every function
// runs inside the caller's transaction, so a dossier is stored with its records or not at all.
//
// TransactionDatabase lets the repositories of other kinds (OPPs, TLVs, arrangements, the
// directory) work inside that one transaction: its InTransaction runs the work on the borrowed
// transaction instead of opening its own.
//
// Thread-safety: the functions are as safe as the transaction (one thread); a
// TransactionDatabase belongs to the thread of the transaction it borrows and must not outlive it.
#ifndef SWV_SERVICES_REGISTRATIONS_INTAKE_OSO_DOSSIER_STORE_H_
#define SWV_SERVICES_REGISTRATIONS_INTAKE_OSO_DOSSIER_STORE_H_

#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/registrations/domain/opp.h"
#include "storage/database.h"

namespace swv::registrations {

struct OsoDossierRecord {
  std::string tenant;
  std::string dossier_id;
  std::string school;  // "12AB00"
  std::string lvs_pupil_number;
  std::string pupil_id;
  std::string profile;  // "POSWV" or "VOSWV"
  std::string opp_id;
  std::string tlv_id;          // "" unless a TLV application
  std::string arrangement_id;  // "" unless an arrangement application
  ParentalConsent consent = ParentalConsent::kNotAsked;
  absl::optional<absl::CivilDay> parents_view_recorded_on;
  std::string parents_view_summary;
  std::string xml;  // the dossier as received
  absl::Time receive_time;
  std::string received_by;
};

// The "intake" schema component (after "opp", "tlv" and "support": it names their ids).
absl::Status MigrateIntakeSchema(storage::Database& db);

// The dossier stored under (tenant, request_id), if any.
absl::StatusOr<absl::optional<OsoDossierRecord>> FindOsoDossier(storage::Transaction& tx,
                                                                absl::string_view tenant,
                                                                absl::string_view request_id);

// The dossier `dossier_id` of `tenant`; NOT_FOUND when there is none.
absl::StatusOr<OsoDossierRecord> GetOsoDossier(storage::Transaction& tx, absl::string_view tenant,
                                               absl::string_view dossier_id);

// Stores `record`; ALREADY_EXISTS when another dossier holds the request_id ("" stores NULL).
absl::Status InsertOsoDossier(storage::Transaction& tx, const OsoDossierRecord& record,
                              absl::string_view request_id);

class TransactionDatabase final : public storage::Database {
 public:
  explicit TransactionDatabase(storage::Transaction& tx) : tx_(tx) {}

  // Runs `work` once on the borrowed transaction; its error is the caller's to roll back.
  absl::Status InTransaction(absl::FunctionRef<absl::Status(storage::Transaction&)> work) override {
    return work(tx_);
  }
  absl::Status Ping() override { return absl::OkStatus(); }
  storage::Dialect dialect() const override { return tx_.dialect(); }

 private:
  storage::Transaction& tx_;
};

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_INTAKE_OSO_DOSSIER_STORE_H_
