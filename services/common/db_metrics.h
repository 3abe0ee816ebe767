// Prometheus metrics for database statements, fed by storage::ObserveStatements:
//   swv_db_statement_duration_seconds{operation}   histogram
//   swv_db_statement_errors_total{operation,code}  counter (code: UNAVAILABLE, ABORTED, ...)
// `operation` is "select thuiszitter_cases", "insert pupils", "ping", ... (see
// storage/observed_database.h): a fixed set derived from the service's own SQL, never an id.
//
// Thread-safety: OnStatement may be called from any thread.
#ifndef SWV_SERVICES_COMMON_DB_METRICS_H_
#define SWV_SERVICES_COMMON_DB_METRICS_H_

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"
#include "storage/observed_database.h"

namespace swv {

class DatabaseMetrics final : public storage::StatementObserver {
 public:
  // Registers the families on `registry`, which must outlive this object.
  explicit DatabaseMetrics(prometheus::Registry& registry);

  void OnStatement(absl::string_view operation, absl::Duration latency,
                   absl::StatusCode code) override;

 private:
  prometheus::Family<prometheus::Histogram>* duration_;
  prometheus::Family<prometheus::Counter>* errors_;
  absl::Mutex mu_;
  // Series per operation, looked up once; prometheus-cpp's Add is thread-safe but not free.
  absl::flat_hash_map<std::string, prometheus::Histogram*> duration_by_operation_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_DB_METRICS_H_
