// Aggregates and exports over the thuiszitter register: statistics for monitoring (counts only, no
// pupil-level data) and the Inspectie's quarterly register (anonymised CSV). Reads the stored
// records through the repositories and leaves all counting to domain/reporting.h.
//
// Grouping by wijk or board uses the school -> wijk/board mapping of the organisation directory
// (DirectoryRepository, read through its interface); a school the directory does not know, and
// an exemption without a school, fall under the key "".
//
// Thread-safe (no state of its own).
#ifndef SWV_SERVICES_REGISTRATIONS_REPORTING_REPORTING_SERVICE_H_
#define SWV_SERVICES_REGISTRATIONS_REPORTING_REPORTING_SERVICE_H_

#include <map>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "services/common/access_policy.h"
#include "services/common/clock.h"
#include "services/common/principal.h"
#include "services/registrations/directory/directory_repository.h"
#include "services/registrations/domain/reporting.h"
#include "services/registrations/escalations/escalation_repository.h"
#include "services/registrations/register/register_repository.h"
#include "services/registrations/thuiszitters/thuiszitter_repository.h"

namespace swv::registrations {

enum class RegisterGrouping { kNone, kSchool, kMunicipality, kWijk, kBoard };

struct RegisterStatisticsResult {
  DayRange period;
  absl::CivilDay as_of;
  std::map<std::string, GroupStatistics> groups;  // by key; kNone: the one key ""
};

struct InspectieExport {
  DayRange quarter;
  InspectieRegister register_csv;
};

class ReportingService {
 public:
  // No pointer is owned. `escalations` may be null: none are counted then. `directory` may be null:
  // grouping by wijk or board is then refused (FAILED_PRECONDITION "NO_DIRECTORY"). `access`: the
  // scope rules.
  ReportingService(RecordStore<ThuiszitterCase>* thuiszitters,
                   const RegisterStores* register_records,
                   RecordStore<EscalationRecord>* escalations, DirectoryRepository* directory,
                   const Clock* clock, AccessPolicy access);

  // Statistics and exports are tenant-wide: the office's (AccessPolicy::TenantWide).
  absl::StatusOr<RegisterStatisticsResult> Statistics(const Principal& caller,
                                                      absl::string_view swv, absl::string_view from,
                                                      absl::string_view to,
                                                      RegisterGrouping grouping);

  // quarter "YYYY-Qn".
  absl::StatusOr<InspectieExport> ExportInspectieRegister(const Principal& caller,
                                                          absl::string_view swv,
                                                          absl::string_view quarter);

 private:
  absl::CivilDay Today() const;

  RecordStore<ThuiszitterCase>* thuiszitters_;
  const RegisterStores* register_records_;
  RecordStore<EscalationRecord>* escalations_;
  DirectoryRepository* directory_;
  const Clock* clock_;
  AccessPolicy access_;
};

// Facts of stored records, as the domain counts them.
ThuiszitterFacts FactsOf(const ThuiszitterCase& c);
ExemptionFacts FactsOf(const ExemptionRecord& e);
MonitorkindFacts FactsOf(const MonitorkindRecord& m);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_REPORTING_REPORTING_SERVICE_H_
