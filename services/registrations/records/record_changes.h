// The change log of every record kind of registrations, in one layout and written by one writer:
// every state change appends a row with the record's version, the action, the actor, the time,
// the reason (where the kind records one) and a JSON snapshot of the stored fields
// (RecordSnapshot). Nothing is ever deleted; a correction is a new version. Each schema
// component keeps its own table, all with the columns
//   (tenant, record_kind, record_id, version, action, actor, time_us, reason, snapshot_json):
// thuiszitter_changes ("registrations"), record_changes ("register"), support_changes
// ("support"), opp_versions ("opp") and tlv_changes ("tlv").
#ifndef SWV_SERVICES_REGISTRATIONS_RECORDS_RECORD_CHANGES_H_
#define SWV_SERVICES_REGISTRATIONS_RECORDS_RECORD_CHANGES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "services/registrations/records/records.h"
#include "storage/database.h"

namespace swv::registrations {

// Where a kind's changes are kept: `table` is one of the fixed table names above, never request
// data; `what` names the record in a NOT_FOUND message ("thuiszitter case tz-1 not found").
struct ChangeLog {
  absl::string_view table;
  absl::string_view record_kind;  // "thuiszitter_case", "tlv", "opp", "exemption", ...
  absl::string_view what;
};

struct RecordChangeRow {
  std::string tenant;
  std::string record_id;
  int64_t version = 0;
  std::string action;  // "recorded", "closed", "decided", "extended", "ended", ...
  std::string actor;
  absl::Time time;
  std::string reason;  // empty where the kind records none
  std::string snapshot_json;
};

absl::Status InsertRecordChange(storage::Transaction& tx, const ChangeLog& log,
                                const RecordChangeRow& change);
// Every change of `changes` in one statement (concurrent creates written together).
absl::Status InsertRecordChanges(storage::Transaction& tx, const ChangeLog& log,
                                 absl::Span<const RecordChangeRow> changes);

// Oldest first; NOT_FOUND when the record has no history.
absl::StatusOr<std::vector<RecordChange>> ListRecordChanges(storage::Database& db,
                                                            const ChangeLog& log,
                                                            absl::string_view tenant,
                                                            absl::string_view record_id);

// The migration text that brings a change table of the older layout (`id_column` for record_id,
// no record_kind, no reason) to the layout above; `kind` fills record_kind of the rows it has.
std::string ChangeLogLayoutMigration(absl::string_view table, absl::string_view id_column,
                                     absl::string_view kind, bool add_reason, bool add_kind);

// The CREATE TABLE statement of a change table in the layout above, for a component's
// storage::Dialected migration text (no trailing semicolon). Without `with_reason` it is the
// layout the register's and support's change tables were first created in (no reason column;
// their migration 2 adds it); the other older tables were created in their own words. Both are
// brought to the layout by ChangeLogLayoutMigration.
std::string ChangeLogTableSql(absl::string_view table, bool with_reason = true);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_RECORDS_RECORD_CHANGES_H_
