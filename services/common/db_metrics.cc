#include "services/common/db_metrics.h"

#include "absl/strings/str_cat.h"
#include "services/common/metrics.h"

namespace swv {

DatabaseMetrics::DatabaseMetrics(prometheus::Registry& registry)
    : duration_(&prometheus::BuildHistogram()
                     .Name("swv_db_statement_duration_seconds")
                     .Help("Latency of database statements by operation (verb and table).")
                     .Register(registry)),
      errors_(&prometheus::BuildCounter()
                   .Name("swv_db_statement_errors_total")
                   .Help("Database statements that failed, by operation and status code.")
                   .Register(registry)) {}

void DatabaseMetrics::OnStatement(absl::string_view operation, absl::Duration latency,
                                  absl::StatusCode code) {
  prometheus::Histogram* histogram = nullptr;
  {
    absl::MutexLock lock(&mu_);
    auto it = duration_by_operation_.find(operation);
    if (it == duration_by_operation_.end()) {
      it = duration_by_operation_
               .emplace(std::string(operation),
                        &duration_->Add({{"operation", std::string(operation)}}, LatencyBuckets()))
               .first;
    }
    histogram = it->second;
  }
  histogram->Observe(absl::ToDoubleSeconds(latency));
  if (code != absl::StatusCode::kOk) {
    errors_
        ->Add({{"operation", std::string(operation)},
               {"code", GrpcCodeName(static_cast<grpc::StatusCode>(code))}})
        .Increment();
  }
}

}  // namespace swv
