// Storage of school support profiles and waiting-list entries (tables of the schema component
// "support", version 3). Stores what it is given, through RecordStore; rules live in
// domain/school_profile.h, domain/waiting_list.h and SupportService. Every change writes a row to
// support_changes (record_changes.h). Thread-safe.
#ifndef SWV_SERVICES_REGISTRATIONS_SUPPORT_PROFILE_REPOSITORY_H_
#define SWV_SERVICES_REGISTRATIONS_SUPPORT_PROFILE_REPOSITORY_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/optional.h"
#include "services/common/access_policy.h"
#include "services/common/principal.h"
#include "services/registrations/domain/school_profile.h"
#include "services/registrations/domain/waiting_list.h"
#include "services/registrations/records/record_store.h"
#include "services/registrations/records/records.h"
#include "services/registrations/records/school_filter.h"
#include "storage/database.h"

namespace swv::registrations {

inline constexpr char kSchoolProfileKind[] = "school_profile";
inline constexpr char kWaitingEntryKind[] = "waiting_entry";

// A school support profile: a public document of one school location for one school year.
struct SchoolProfileRecord : VersionedRecord {
  std::string profile_id;
  std::string pupil_id;  // always "": a profile names no pupil (the record store's shape)
  ValidSchoolProfile profile;
};

struct WaitingEntryRecord : VersionedRecord {
  std::string entry_id;
  std::string pupil_id;
  ValidWaitingEntry entry;
  bool ended = false;
  absl::optional<absl::CivilDay> ended_on;
  absl::optional<WaitingOutcome> outcome;
  std::string end_note;
};

inline std::vector<std::string> SchoolsOf(const SchoolProfileRecord& r) {
  return {r.profile.school.ToString()};
}
// A profile is published by the school (002, 004): every principal of the SWV that may list
// records (the office, its schools and boards; not partners or ops) reads every profile.
inline absl::Status MayRead(const AccessPolicy& access, const Principal& caller,
                            const SchoolProfileRecord& r) {
  return access.ListRecords(caller, r.tenant);
}
// ... and lists them all: no narrowing to the caller's schools (record_access.h ListReach).
inline absl::optional<Reach> ListReach(const Principal& /*caller*/, absl::string_view /*tenant*/,
                                       const SchoolProfileRecord* /*kind*/) {
  return absl::nullopt;
}

// The pupil's school: the school that registers the wait (the S(B)O school waited for is not
// given access by it).
inline std::vector<std::string> SchoolsOf(const WaitingEntryRecord& r) {
  return {r.entry.school.ToString()};
}

struct ProfileStores {
  // date: updated_on; state: school_year ("2026-2027"). `db` is not owned and must outlive them.
  std::unique_ptr<RecordStore<SchoolProfileRecord>> profiles;
  // date: waiting_since; state: ended (0, 1).
  std::unique_ptr<RecordStore<WaitingEntryRecord>> waiting;
};

// The migration of the support component that creates the two tables (version 3).
absl::string_view ProfileTablesSchema();

ProfileStores NewSqlProfileStores(storage::Database* db);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_SUPPORT_PROFILE_REPOSITORY_H_
