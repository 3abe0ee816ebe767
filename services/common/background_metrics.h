// Metric families computed by a slow function (database queries) on a thread of their own, never
// on the scrape's. A scrape that finds the figures older than `max_age` asks for a refresh, waits
// at most `scrape_wait` for it, and otherwise serves the last figures. So a database that holds
// the queries (a table lock, a failover) does not hold the scrape: the call and error counters
// served beside these figures stay readable when they matter most.
//
// Beside the figures, `<age_metric>` (a gauge, seconds) says how old they are: the time since the
// computation that produced them started. It is absent until the first computation ends.
//
// Ownership: `compute` and `clock` must outlive this object; the destructor stops the thread and
// waits for a computation under way. Thread-safety: Collect may run on several scrape threads at
// once; one absl::Mutex guards the figures.
#ifndef SWV_SERVICES_COMMON_BACKGROUND_METRICS_H_
#define SWV_SERVICES_COMMON_BACKGROUND_METRICS_H_

#include <cstdint>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"
#include "services/common/clock.h"

namespace swv {

class BackgroundMetrics final : public prometheus::Collectable {
 public:
  struct Options {
    std::string age_metric;  // e.g. "swv_business_metrics_age_seconds"
    absl::Duration max_age = absl::Seconds(30);
    absl::Duration scrape_wait = absl::Seconds(1);
  };
  using Compute = std::function<std::vector<prometheus::MetricFamily>()>;

  BackgroundMetrics(Compute compute, const Clock* clock, Options options);
  ~BackgroundMetrics() override;
  BackgroundMetrics(const BackgroundMetrics&) = delete;
  BackgroundMetrics& operator=(const BackgroundMetrics&) = delete;

  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  void Run();

  const Compute compute_;
  const Clock* clock_;
  const Options options_;
  mutable absl::Mutex mu_;
  mutable bool requested_ ABSL_GUARDED_BY(mu_) = false;
  bool computing_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  int64_t refreshes_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Time computed_at_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  std::vector<prometheus::MetricFamily> figures_ ABSL_GUARDED_BY(mu_);
  std::thread thread_;  // last: starts once the state above is built
};

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_BACKGROUND_METRICS_H_
