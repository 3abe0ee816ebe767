// Process metrics in the names Prometheus' own client libraries use, read from /proc at scrape
// time (prometheus-cpp has no process collector):
//   process_cpu_seconds_total        counter  user + system CPU time
//   process_resident_memory_bytes    gauge    resident set size
//   process_virtual_memory_bytes     gauge
//   process_open_fds                 gauge    open file descriptors
//   process_max_fds                  gauge    soft limit on open file descriptors
//   process_start_time_seconds       gauge    start time, seconds since the Unix epoch
//
// Thread-safety: Collect is const and reads only /proc; safe from any thread.
#ifndef SWV_SERVICES_COMMON_PROCESS_METRICS_H_
#define SWV_SERVICES_COMMON_PROCESS_METRICS_H_

#include <vector>

#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"

namespace swv {

class ProcessMetrics final : public prometheus::Collectable {
 public:
  std::vector<prometheus::MetricFamily> Collect() const override;
};

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_PROCESS_METRICS_H_
