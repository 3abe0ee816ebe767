#include "services/common/background_metrics.h"

#include <utility>

#include "services/common/metric_families.h"

namespace swv {

BackgroundMetrics::BackgroundMetrics(Compute compute, const Clock* clock, Options options)
    : compute_(std::move(compute)),
      clock_(clock),
      options_(std::move(options)),
      thread_([this] { Run(); }) {}

BackgroundMetrics::~BackgroundMetrics() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

std::vector<prometheus::MetricFamily> BackgroundMetrics::Collect() const {
  absl::MutexLock lock(&mu_);
  if (clock_->Now() - computed_at_ >= options_.max_age) {
    // One computation at a time: scrapes while it runs wait for that one.
    if (!computing_) requested_ = true;
    const int64_t seen = refreshes_;
    auto refreshed = [this, seen]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return refreshes_ != seen; };
    mu_.AwaitWithTimeout(absl::Condition(&refreshed), options_.scrape_wait);
  }
  std::vector<prometheus::MetricFamily> families = figures_;
  if (computed_at_ != absl::InfinitePast()) {
    prometheus::MetricFamily age = NewFamily(
        options_.age_metric.c_str(), "Seconds since the computation of the figures served started.",
        prometheus::MetricType::Gauge);
    AddGauge(age, {}, absl::ToDoubleSeconds(clock_->Now() - computed_at_));
    families.push_back(std::move(age));
  }
  return families;
}

void BackgroundMetrics::Run() {
  for (;;) {
    {
      absl::MutexLock lock(&mu_);
      auto asked = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return requested_ || stopping_; };
      mu_.Await(absl::Condition(&asked));
      if (stopping_) return;
      requested_ = false;
      computing_ = true;
    }
    const absl::Time started = clock_->Now();
    std::vector<prometheus::MetricFamily> figures = compute_();
    absl::MutexLock lock(&mu_);
    figures_ = std::move(figures);
    computed_at_ = started;
    computing_ = false;
    ++refreshes_;
  }
}

}  // namespace swv
