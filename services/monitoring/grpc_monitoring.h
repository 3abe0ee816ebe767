// The gRPC adapter of the monitoring service (swv.v1.Monitoring, sync API): converts protos to
// domain values and back and maps errors with ToGrpcStatus. No rules here.
#ifndef SWV_SERVICES_MONITORING_GRPC_MONITORING_H_
#define SWV_SERVICES_MONITORING_GRPC_MONITORING_H_

#include <grpcpp/impl/service_type.h>

#include <memory>

#include "services/monitoring/monitoring_service.h"

namespace swv::monitoring {

// `service` is not owned and must outlive the adapter.
std::unique_ptr<grpc::Service> NewGrpcMonitoring(MonitoringService* service);

}  // namespace swv::monitoring

#endif  // SWV_SERVICES_MONITORING_GRPC_MONITORING_H_
