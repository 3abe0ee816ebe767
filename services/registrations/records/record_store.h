// The storage of one record kind of registrations (exemptions, monitorkinderen, arrangements,
// OPDC placements, OPPs): create once per request id, read, list in pages within the caller's
// reach, update at the version read, and the change history. Stores what it is given; the rules
// live in the domain and the services. Implementations are thread-safe.
#ifndef SWV_SERVICES_REGISTRATIONS_RECORDS_RECORD_STORE_H_
#define SWV_SERVICES_REGISTRATIONS_RECORDS_RECORD_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/optional.h"
#include "services/registrations/records/records.h"
#include "services/registrations/records/school_filter.h"
#include "storage/database.h"

namespace swv::registrations {

// One page of a list, in storage order.
struct RecordQuery {
  std::string tenant;
  int page_size = 50;
  int64_t after_position = 0;  // 0: from the start
  SchoolFilter filter;         // the school asked for and the caller's reach
  // Only records of children living in this municipality ("GM0606"), where the kind keeps one.
  absl::optional<std::string> residence;
  // Only records whose state (the kind's state column: status, ended) is stored as this value.
  absl::optional<storage::Value> state;
};

template <typename Record>
class RecordStore {
 public:
  virtual ~RecordStore() = default;

  // `candidate` carries tenant, id, fields, create time and creator; the store sets version 1
  // and resolves pupil_id. Idempotent on a non-empty request_id: the record stored under it comes
  // back with created = false.
  virtual absl::StatusOr<Created<Record>> Create(const Record& candidate,
                                                 absl::string_view request_id) = 0;
  virtual absl::StatusOr<Record> Get(absl::string_view tenant, absl::string_view id) = 0;
  virtual absl::StatusOr<RecordPage<Record>> List(const RecordQuery& query) = 0;
  // Every record whose date (the start, the application) lies on or before `last_day`.
  virtual absl::StatusOr<std::vector<Record>> ListUpTo(absl::string_view tenant,
                                                       absl::CivilDay last_day) = 0;
  // What a statistic of the period first_day..last_day reads: every record that starts on or
  // before `last_day` and has not ended before `first_day`, and those that start in the period
  // whatever their end. Where the kind keeps no end day, ListUpTo(last_day). Callers apply their
  // own rule to what comes back; this only spares them the records long ended.
  virtual absl::StatusOr<std::vector<Record>> ListCovering(absl::string_view tenant,
                                                           absl::CivilDay first_day,
                                                           absl::CivilDay last_day) = 0;
  // Stores `updated` as version expected_version + 1 with a change `action` and its `reason`
  // ("" where the kind records none); ABORTED when the stored version is no longer
  // `expected_version`, NOT_FOUND when there is no such record.
  virtual absl::StatusOr<Record> Update(const Record& updated, int64_t expected_version,
                                        absl::string_view action, absl::string_view reason) = 0;
  // Oldest first; NOT_FOUND when there is none.
  virtual absl::StatusOr<std::vector<RecordChange>> History(absl::string_view tenant,
                                                            absl::string_view id) = 0;
};

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_RECORDS_RECORD_STORE_H_
