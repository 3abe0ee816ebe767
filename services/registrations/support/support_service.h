// Use cases of arrangements and OPDC placements (apply/decide, start/extend/end), school support
// profiles and the wijk overview (school_profiles.cc), waiting-list entries (waiting_list.cc),
// their histories and the support statistics. Transport-free; "today" from the injected clock.
// Thread-safe (no state).
#ifndef SWV_SERVICES_REGISTRATIONS_SUPPORT_SUPPORT_SERVICE_H_
#define SWV_SERVICES_REGISTRATIONS_SUPPORT_SUPPORT_SERVICE_H_

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/optional.h"
#include "services/common/access_policy.h"
#include "services/common/clock.h"
#include "services/common/principal.h"
#include "services/registrations/domain/directory.h"
#include "services/registrations/domain/school_profile.h"
#include "services/registrations/domain/support.h"
#include "services/registrations/domain/tlv.h"
#include "services/registrations/domain/waiting_list.h"
#include "services/registrations/records/record_access.h"
#include "services/registrations/register/register_service.h"
#include "services/registrations/support/profile_repository.h"
#include "services/registrations/support/support_repository.h"

namespace swv::registrations {

// A stored arrangement plus what is derived from it as of today.
struct ArrangementView {
  ArrangementRecord stored;
  absl::CivilDay decision_due;
  bool overdue = false;
  bool decided_late = false;
};

// A stored profile plus what is derived from it as of today.
struct SchoolProfileView {
  SchoolProfileRecord stored;
  absl::CivilDay next_update_due;
  bool update_overdue = false;
  absl::CivilDay adoption_due;
  bool adoption_overdue = false;
};

// A stored waiting entry plus its days of waiting as of today.
struct WaitingEntryView {
  WaitingEntryRecord stored;
  int days_waiting = 0;
};

struct WijkOverviewResult {
  SchoolYear school_year;
  std::vector<WijkSupport> wijken;
};

// What the support area reads from other areas of the process, looked up per call: the
// directory's schools and wijken of a tenant, and the kind of a TLV ("swvs/{swv}/tlvs/{id}";
// NOT_FOUND when the tenant has none). Unset: no schools, no wijken, no TLV check.
struct SupportLookups {
  std::function<absl::StatusOr<std::vector<School>>(const std::string& tenant)> schools;
  std::function<absl::StatusOr<std::vector<Wijk>>(const std::string& tenant)> wijken;
  std::function<absl::StatusOr<TlvKind>(const std::string& tenant, const std::string& tlv_id)>
      tlv_kind;
};

struct SupportStatisticsResult {
  DayRange period;
  absl::CivilDay as_of;
  std::map<std::string, SupportStatistics> groups;  // key "" or a school code
};

class SupportService {
 public:
  // `access`: the scope rules (an arrangement or placement belongs to its school; a wijk
  // arrangement is the office's; statistics are tenant-wide), with a board's schools read from the
  // directory.
  // `profiles` (not owned; may be null where a process stores none) holds school profiles and
  // waiting entries.
  SupportService(const SupportStores& stores, const Clock* clock, AccessPolicy access,
                 const ProfileStores* profiles = nullptr, SupportLookups lookups = {});

  absl::StatusOr<ArrangementView> CreateArrangement(const Principal& caller, absl::string_view swv,
                                                    const ArrangementApplication& input,
                                                    absl::string_view request_id);
  absl::StatusOr<ArrangementView> GetArrangement(const Principal& caller, absl::string_view swv,
                                                 absl::string_view id);
  absl::StatusOr<ListResult<ArrangementView>> ListArrangements(
      const Principal& caller, absl::string_view swv, int page_size, absl::string_view page_token,
      absl::string_view school, absl::optional<ArrangementStatus> status);
  absl::StatusOr<ArrangementView> DecideArrangement(const Principal& caller, absl::string_view swv,
                                                    absl::string_view id,
                                                    const ArrangementDecisionInput& input,
                                                    int64_t expected_version);

  absl::StatusOr<OpdcPlacementRecord> CreatePlacement(const Principal& caller,
                                                      absl::string_view swv,
                                                      const OpdcPlacementInput& input,
                                                      absl::string_view request_id);
  absl::StatusOr<ListResult<OpdcPlacementRecord>> ListPlacements(
      const Principal& caller, absl::string_view swv, int page_size, absl::string_view page_token,
      absl::string_view school, absl::optional<bool> ended);
  absl::StatusOr<OpdcPlacementRecord> ExtendPlacement(const Principal& caller,
                                                      absl::string_view swv, absl::string_view id,
                                                      const OpdcExtensionInput& input,
                                                      int64_t expected_version);
  absl::StatusOr<OpdcPlacementRecord> EndPlacement(const Principal& caller, absl::string_view swv,
                                                   absl::string_view id, const OpdcEndInput& input,
                                                   int64_t expected_version);

  // School support profiles: one per school and school year (ALREADY_EXISTS
  // "SCHOOL_PROFILE_EXISTS" for a second one); every member of the SWV reads all.
  absl::StatusOr<SchoolProfileView> CreateProfile(const Principal& caller, absl::string_view swv,
                                                  const SchoolProfileInput& input,
                                                  absl::string_view request_id);
  absl::StatusOr<SchoolProfileView> GetProfile(const Principal& caller, absl::string_view swv,
                                               absl::string_view id);
  absl::StatusOr<ListResult<SchoolProfileView>> ListProfiles(const Principal& caller,
                                                             absl::string_view swv, int page_size,
                                                             absl::string_view page_token,
                                                             absl::string_view school,
                                                             absl::string_view school_year);
  absl::StatusOr<SchoolProfileView> UpdateProfile(const Principal& caller, absl::string_view swv,
                                                  absl::string_view id,
                                                  const SchoolProfileInput& input,
                                                  int64_t expected_version);
  // The school year "2026-2027" (empty: today's) of every wijk of the directory.
  absl::StatusOr<WijkOverviewResult> WijkOverview(const Principal& caller, absl::string_view swv,
                                                  absl::string_view school_year);

  // Waiting entries of pupils; an SO/SBO entry's TLV must exist in the SWV and be of its kind.
  absl::StatusOr<WaitingEntryView> CreateWaitingEntry(const Principal& caller,
                                                      absl::string_view swv,
                                                      const WaitingEntryInput& input,
                                                      absl::string_view request_id);
  absl::StatusOr<WaitingEntryView> GetWaitingEntry(const Principal& caller, absl::string_view swv,
                                                   absl::string_view id);
  absl::StatusOr<ListResult<WaitingEntryView>> ListWaitingEntries(
      const Principal& caller, absl::string_view swv, int page_size, absl::string_view page_token,
      absl::string_view school, absl::optional<bool> ended);
  absl::StatusOr<WaitingEntryView> EndWaitingEntry(const Principal& caller, absl::string_view swv,
                                                   absl::string_view id,
                                                   const WaitingEndInput& input,
                                                   int64_t expected_version);

  // Reads (placements) and histories (every kind), within the caller's reach.
  const RecordAccess<ArrangementRecord>& arrangements() const { return arrangements_; }
  const RecordAccess<OpdcPlacementRecord>& placements() const { return placements_; }
  const RecordAccess<SchoolProfileRecord>& profiles() const { return profiles_; }
  const RecordAccess<WaitingEntryRecord>& waiting() const { return waiting_; }

  // by_school false: one group "". by_school: wijk arrangements under "".
  absl::StatusOr<SupportStatisticsResult> Statistics(const Principal& caller, absl::string_view swv,
                                                     absl::string_view from, absl::string_view to,
                                                     bool by_school);

 private:
  absl::CivilDay Today() const;
  ArrangementView ViewOf(ArrangementRecord stored) const;
  SchoolProfileView ViewOf(SchoolProfileRecord stored) const;
  WaitingEntryView ViewOf(WaitingEntryRecord stored) const;
  // The profile and waiting counts of the statistics, into `result` (school_profiles.cc).
  absl::Status CountProfilesAndWaiting(const std::string& tenant, bool by_school,
                                       SupportStatisticsResult& result) const;
  const Clock* clock_;
  AccessPolicy access_;
  RecordAccess<ArrangementRecord> arrangements_;
  RecordAccess<OpdcPlacementRecord> placements_;
  RecordAccess<SchoolProfileRecord> profiles_;
  RecordAccess<WaitingEntryRecord> waiting_;
  bool has_profiles_;
  SupportLookups lookups_;
};

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_SUPPORT_SUPPORT_SERVICE_H_
