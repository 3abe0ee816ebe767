// Record types shared by the registrations areas: the fields every stored record carries, a keyset
// page of records, the outcome of an idempotent create, and one entry of a record's change history
// (thuiszitter cases, exemptions, monitorkinderen, arrangements, OPDC placements all answer their
// history with it).
//
// Plain values without rules; thread-compatible like any value type.
#ifndef SWV_SERVICES_REGISTRATIONS_RECORDS_RECORDS_H_
#define SWV_SERVICES_REGISTRATIONS_RECORDS_RECORDS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace swv::registrations {

// What every stored record of registrations carries besides its own fields: its SWV, the version
// it is at, who created it and when, and its storage position (set when read; orders pages).
struct StoredRecord {
  std::string tenant;  // canonical SWV code, e.g. "PO2203"
  int64_t version = 0;
  absl::Time create_time;
  std::string created_by;
  int64_t position = 0;
};

// A stored record that changes after it is created: also who changed it last and when.
struct VersionedRecord : StoredRecord {
  absl::Time update_time;
  std::string updated_by;
};

template <typename Record>
struct RecordPage {
  std::vector<Record> records;
  int64_t next_position = 0;  // 0 on the last page
};

template <typename Record>
struct Created {
  Record stored;
  bool created = false;  // false: request_id matched an earlier record, returned unchanged
};

// One page of a list as the services return it: the records and the token of the next page ("" on
// the last).
template <typename Record>
struct ListResult {
  std::vector<Record> records;
  std::string next_page_token;
};

// One entry of a record's history, as listed (oldest first).
struct RecordChange {
  int64_t version = 0;
  std::string action;  // "reported", "recorded", "closed", "decided", ...
  std::string actor;
  absl::Time time;
  std::string reason;  // why, where the kind records it (OPP versions); else empty
  std::string snapshot_json;
};

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_RECORDS_RECORDS_H_
