// Per-principal rate limit: a token bucket per credential id, `rate` requests per second with
// bursts up to `burst`. Buckets idle long enough to be full again are dropped, so memory stays
// bounded by the active credentials.
//
// Per process: with N gateway replicas behind a balancer a credential gets up to N times the rate.
// That is deliberate (no shared state between replicas); size the rate per replica.
//
// Thread-safety: safe from any thread.
#ifndef SWV_SERVICES_GATEWAY_RATE_LIMITER_H_
#define SWV_SERVICES_GATEWAY_RATE_LIMITER_H_

#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/common/clock.h"

namespace swv::gateway {

class RateLimiter {
 public:
  // rate <= 0 disables the limit. `clock` is borrowed.
  RateLimiter(double rate_per_second, double burst, const Clock* clock);

  // Zero when the request may go ahead (a token was taken); otherwise how long until one is free.
  absl::Duration Acquire(absl::string_view key);
  // As Acquire, but takes nothing: how long until a request would go ahead.
  absl::Duration Peek(absl::string_view key);

 private:
  struct Bucket {
    double tokens = 0;
    absl::Time updated;
  };

  const double rate_;
  const double burst_;
  const Clock* clock_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, Bucket> buckets_ ABSL_GUARDED_BY(mu_);
  absl::Time last_sweep_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
};

}  // namespace swv::gateway

#endif  // SWV_SERVICES_GATEWAY_RATE_LIMITER_H_
