// The SWV-internal pupil identity, shared by every registration that names a pupil by
// (school, LVS pupil number): thuiszitter cases, OPPs, TLV applications. The tables `pupils` and
// `pupil_school_numbers` are the schema component "pupils" (MigratePupilSchema), applied before
// every other component of registrations.
//
// Only for use inside a storage transaction of a registrations repository.
#ifndef SWV_SERVICES_REGISTRATIONS_RECORDS_SQL_PUPILS_H_
#define SWV_SERVICES_REGISTRATIONS_RECORDS_SQL_PUPILS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "storage/database.h"

namespace swv::registrations {

// Created as part of version 1 of the component "registrations" before this component existed.
absl::Status MigratePupilSchema(storage::Database& db);

// The pupil behind (tenant, school, LVS pupil number); a new pupil ("pl-" + 64 random bits) is
// created on first sight, at `now`. Two replicas creating the same new pupil at once: the loser's
// transaction fails with ALREADY_EXISTS on the primary key of pupil_school_numbers, and its
// caller retries (then finds the winner's pupil).
absl::StatusOr<std::string> PupilIdFor(storage::Transaction& tx, absl::string_view tenant,
                                       absl::string_view school, absl::string_view lvs_pupil_number,
                                       absl::Time now);

// Where a record names its pupil, and when it is first seen (a new pupil's creation time).
struct PupilNumber {
  std::string tenant;
  std::string school;
  std::string lvs_pupil_number;
  absl::Time seen;
};

// As PupilIdFor for each of `numbers`, in order, in one read and (for new pupils) one write per
// table: equal numbers get the same pupil, created at the first one's time. ABORTED when a stored
// number matches one asked for only under the collation's looser equality (trailing spaces) and
// more than one number is asked for: the caller then asks for each alone.
absl::StatusOr<std::vector<std::string>> PupilIdsFor(storage::Transaction& tx,
                                                     absl::Span<const PupilNumber> numbers);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_RECORDS_SQL_PUPILS_H_
