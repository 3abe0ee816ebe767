#include "services/monitoring/monitoring_app.h"

namespace swv::monitoring {

absl::StatusOr<std::unique_ptr<MonitoringApp>> MonitoringApp::Create(storage::Database* db,
                                                                     RegistrationsAggregates* registrations,
                                                                     AllocationAggregates* allocation,
                                                                     const Clock* clock,
                                                                     MonitoringAppOptions options) {
  if (absl::Status migrated = MigrateMonitoringSchema(*db); !migrated.ok()) return migrated;
  return std::unique_ptr<MonitoringApp>(new MonitoringApp(NewSqlMonitoringRepository(db), registrations,
                                                          allocation, clock, std::move(options)));
}

}  // namespace swv::monitoring
