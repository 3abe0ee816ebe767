#include "services/gateway/rate_limiter.h"

#include <algorithm>

namespace swv::gateway {

RateLimiter::RateLimiter(double rate_per_second, double burst, const Clock* clock)
    : rate_(rate_per_second), burst_(std::max(burst, 1.0)), clock_(clock) {}

absl::Duration RateLimiter::Acquire(absl::string_view key) {
  if (rate_ <= 0) return absl::ZeroDuration();
  absl::Time now = clock_->Now();
  absl::MutexLock lock(&mu_);
  // Once a minute, forget buckets that have refilled completely: they behave like new ones.
  absl::Duration refill_time = absl::Seconds(burst_ / rate_);
  if (now - last_sweep_ > absl::Minutes(1)) {
    for (auto it = buckets_.begin(); it != buckets_.end();) {
      auto current = it++;
      if (now - current->second.updated > refill_time) buckets_.erase(current);
    }
    last_sweep_ = now;
  }
  auto [it, inserted] = buckets_.try_emplace(std::string(key), Bucket{burst_, now});
  Bucket& bucket = it->second;
  if (!inserted) {
    double elapsed = std::max(0.0, absl::ToDoubleSeconds(now - bucket.updated));
    bucket.tokens = std::min(burst_, bucket.tokens + elapsed * rate_);
    bucket.updated = now;
  }
  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    return absl::ZeroDuration();
  }
  return absl::Seconds((1.0 - bucket.tokens) / rate_);
}

absl::Duration RateLimiter::Peek(absl::string_view key) {
  if (rate_ <= 0) return absl::ZeroDuration();
  absl::Time now = clock_->Now();
  absl::MutexLock lock(&mu_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) return absl::ZeroDuration();
  double elapsed = std::max(0.0, absl::ToDoubleSeconds(now - it->second.updated));
  double tokens = std::min(burst_, it->second.tokens + elapsed * rate_);
  return tokens >= 1.0 ? absl::ZeroDuration() : absl::Seconds((1.0 - tokens) / rate_);
}

}  // namespace swv::gateway
