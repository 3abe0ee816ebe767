// The gRPC adapter of the monitoring service (swv.v1.Monitoring, sync API): converts protos to
// domain values and back and maps errors with ToGrpcStatus. No rules here.
#ifndef SWV_SERVICES_MONITORING_GRPC_MONITORING_H_
#define SWV_SERVICES_MONITORING_GRPC_MONITORING_H_

#include "services/monitoring/monitoring_service.h"
#include "swv/v1/monitoring.grpc.pb.h"

namespace swv::monitoring {

class GrpcMonitoring final : public swv::v1::Monitoring::Service {
 public:
  explicit GrpcMonitoring(MonitoringService* service) : service_(service) {}

  grpc::Status ImportGoalSet(grpc::ServerContext* context,
                             const swv::v1::ImportGoalSetRequest* request,
                             swv::v1::ImportGoalSetResponse* response) override;
  grpc::Status CreateGoal(grpc::ServerContext* context, const swv::v1::CreateGoalRequest* request,
                          swv::v1::Goal* response) override;
  grpc::Status GetGoal(grpc::ServerContext* context, const swv::v1::GetGoalRequest* request,
                       swv::v1::Goal* response) override;
  grpc::Status ListGoals(grpc::ServerContext* context, const swv::v1::ListGoalsRequest* request,
                         swv::v1::ListGoalsResponse* response) override;
  grpc::Status UpdateGoal(grpc::ServerContext* context, const swv::v1::UpdateGoalRequest* request,
                          swv::v1::Goal* response) override;
  grpc::Status SubmitMeasurement(grpc::ServerContext* context,
                                 const swv::v1::SubmitMeasurementRequest* request,
                                 swv::v1::Measurement* response) override;
  grpc::Status ListMeasurements(grpc::ServerContext* context,
                                const swv::v1::ListMeasurementsRequest* request,
                                swv::v1::ListMeasurementsResponse* response) override;
  grpc::Status GetGoalStatuses(grpc::ServerContext* context,
                               const swv::v1::GetGoalStatusesRequest* request,
                               swv::v1::GoalStatuses* response) override;
  grpc::Status GetReport(grpc::ServerContext* context, const swv::v1::GetReportRequest* request,
                         swv::v1::Report* response) override;
  grpc::Status ExportReport(grpc::ServerContext* context, const swv::v1::GetReportRequest* request,
                            swv::v1::ReportCsv* response) override;

 private:
  MonitoringService* service_;
};

}  // namespace swv::monitoring

#endif  // SWV_SERVICES_MONITORING_GRPC_MONITORING_H_
