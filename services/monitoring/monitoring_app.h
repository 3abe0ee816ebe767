// Wires the monitoring service together: repository on a database, application service, gRPC
// adapter. Used by main.cc and the tests, so both run the same assembly.
//
// Ownership: the app owns the repository, service and adapter; the database, the aggregate
// clients and the clock are borrowed and must outlive it. Thread-safety: after Create, safe for
// concurrent calls.
#ifndef SWV_SERVICES_MONITORING_MONITORING_APP_H_
#define SWV_SERVICES_MONITORING_MONITORING_APP_H_

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/common/clock.h"
#include "services/monitoring/aggregates.h"
#include "services/monitoring/domain/national.h"
#include "services/monitoring/grpc_monitoring.h"
#include "services/monitoring/monitoring_repository.h"
#include "services/monitoring/monitoring_service.h"
#include "storage/database.h"

namespace swv::monitoring {

struct MonitoringAppOptions {
  // How old a cached status may be before a read recomputes it; 0 = always compute.
  absl::Duration status_max_age = absl::Minutes(5);
  NationalFigures national_figures;
};

class MonitoringApp {
 public:
  // Applies the schema migrations, then builds the service.
  static absl::StatusOr<std::unique_ptr<MonitoringApp>> Create(
      storage::Database* db, RegistrationsAggregates* registrations,
      AllocationAggregates* allocation, const Clock* clock, MonitoringAppOptions options);

  std::vector<grpc::Service*> grpc_services() { return {grpc_.get()}; }
  MonitoringService& service() { return service_; }

 private:
  MonitoringApp(std::unique_ptr<MonitoringRepository> repository,
                RegistrationsAggregates* registrations, AllocationAggregates* allocation,
                const Clock* clock, MonitoringAppOptions options)
      : repository_(std::move(repository)),
        service_(repository_.get(), registrations, allocation, std::move(options.national_figures),
                 clock, options.status_max_age),
        grpc_(NewGrpcMonitoring(&service_)) {}

  std::unique_ptr<MonitoringRepository> repository_;
  MonitoringService service_;
  std::unique_ptr<grpc::Service> grpc_;
};

}  // namespace swv::monitoring

#endif  // SWV_SERVICES_MONITORING_MONITORING_APP_H_
