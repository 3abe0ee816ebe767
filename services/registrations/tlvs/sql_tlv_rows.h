// The rows of the "tlv" component as TLV records: reading and writing a TLV's columns, its
// expert advices, its change log and the decision counter. Only for tlvs/sql_tlv_repository.cc;
// every function runs inside the caller's storage transaction.
#ifndef SWV_SERVICES_REGISTRATIONS_TLVS_SQL_TLV_ROWS_H_
#define SWV_SERVICES_REGISTRATIONS_TLVS_SQL_TLV_ROWS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/optional.h"
#include "services/registrations/records/record_changes.h"
#include "services/registrations/tlvs/tlv_repository.h"
#include "storage/database.h"

namespace swv::registrations::tlv_sql {

// Names the record in the errors for stored rows that do not read back.
inline constexpr absl::string_view kWhat = "TLV";

inline const ChangeLog kTlvLog{"tlv_changes", "tlv", "TLV"};

// Columns of a TLV row after tenant/tlv_id/pupil_id, in the order StateFromRow reads them.
extern const absl::string_view kStateColumns;

// Values of kStateColumns, in order.
std::vector<storage::Value> StateValues(const TlvState& s);

// kStateColumns starting at column `c`.
absl::StatusOr<TlvState> StateFromRow(const storage::Row& row, size_t c);

// Every column of a TLV row, in the order RecordFromRow reads them.
const std::string& RecordColumns();
absl::StatusOr<TlvRecord> RecordFromRow(const storage::Row& row, int64_t* position = nullptr);

absl::Status LoadAdvices(storage::Transaction& tx, TlvRecord& r);

// The TLV matching `where` (with its advices), if any.
absl::StatusOr<absl::optional<TlvRecord>> FindTlv(storage::Transaction& tx, absl::string_view where,
                                                  std::vector<storage::Value> params);

absl::Status InsertChange(storage::Transaction& tx, const TlvRecord& r, absl::string_view action);
absl::Status ReplaceAdvices(storage::Transaction& tx, const TlvRecord& r);

// Writes r.state over the stored row if it is still at expected_version.
absl::Status WriteState(storage::Transaction& tx, const TlvRecord& r, int64_t expected_version);

// "<tenant>-<year>-<nnnn>": the next number of the year, without gaps (sql_tlv_repository.cc).
absl::StatusOr<std::string> NextDecisionNumber(storage::Transaction& tx, const std::string& tenant,
                                               int year);

}  // namespace swv::registrations::tlv_sql

#endif  // SWV_SERVICES_REGISTRATIONS_TLVS_SQL_TLV_ROWS_H_
