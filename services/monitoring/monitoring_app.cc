#include "services/monitoring/monitoring_app.h"

#include "services/kernel/status_macros.h"
namespace swv::monitoring {

absl::StatusOr<std::unique_ptr<MonitoringApp>> MonitoringApp::Create(
    storage::Database* db, RegistrationsAggregates* registrations, AllocationAggregates* allocation,
    const Clock* clock, MonitoringAppOptions options) {
  SWV_RETURN_IF_ERROR(MigrateMonitoringSchema(*db));
  return std::unique_ptr<MonitoringApp>(new MonitoringApp(
      NewSqlMonitoringRepository(db), registrations, allocation, clock, std::move(options)));
}

}  // namespace swv::monitoring
