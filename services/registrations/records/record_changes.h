// The change log of the register's other record kinds (exemptions, monitorkinderen, arrangements,
// OPDC placements), following thuiszitter_changes: every state change writes one row with the
// record's version, the action, the actor, the time and a JSON snapshot of the stored fields.
// Nothing is ever deleted; a correction is a new version. Each schema component has its own table
// with these columns: (tenant, record_kind, record_id, version, action, actor, time_us,
// snapshot_json), primary key (tenant, record_kind, record_id, version).
#ifndef SWV_SERVICES_REGISTRATIONS_RECORDS_RECORD_CHANGES_H_
#define SWV_SERVICES_REGISTRATIONS_RECORDS_RECORD_CHANGES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/registrations/records/records.h"
#include "storage/database.h"

namespace swv::registrations {

struct RecordChangeRow {
  std::string tenant;
  std::string record_kind;  // "exemption", "monitorkind", "arrangement", "opdc_placement"
  std::string record_id;
  int64_t version = 0;
  std::string action;  // "recorded", "closed", "decided", "extended", "ended", ...
  std::string actor;
  absl::Time time;
  std::string snapshot_json;
};

// `table` is one of the fixed table names of this service, never request data.
absl::Status InsertRecordChange(storage::Transaction& tx, absl::string_view table,
                                const RecordChangeRow& change);

// Oldest first; NOT_FOUND when the record has no history.
absl::StatusOr<std::vector<RecordChange>> ListRecordChanges(storage::Database& db,
                                                            absl::string_view table,
                                                            absl::string_view tenant,
                                                            absl::string_view record_kind,
                                                            absl::string_view record_id);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_RECORDS_RECORD_CHANGES_H_
