// The clock, injected everywhere a rule depends on "now" so tests can set the day.
//
// Thread-safety: SystemClock is stateless; FakeClock guards its time with a mutex, so a test may
// advance it while a server thread reads it.
#ifndef SWV_SERVICES_COMMON_CLOCK_H_
#define SWV_SERVICES_COMMON_CLOCK_H_

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace swv {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(absl::Time now) : now_(now) {}
  absl::Time Now() const override {
    absl::MutexLock lock(&mutex_);
    return now_;
  }
  void Set(absl::Time now) {
    absl::MutexLock lock(&mutex_);
    now_ = now;
  }
  void Advance(absl::Duration by) {
    absl::MutexLock lock(&mutex_);
    now_ += by;
  }

 private:
  mutable absl::Mutex mutex_;
  absl::Time now_ ABSL_GUARDED_BY(mutex_);
};

// Dutch schools and SWVs count days in Dutch civil time. Falls back to a fixed UTC+1 when the
// time zone database is missing (minimal containers), which at worst shifts the day at midnight.
inline absl::TimeZone DutchTimeZone() {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone("Europe/Amsterdam", &zone)) zone = absl::FixedTimeZone(3600);
  return zone;
}

inline absl::CivilDay Today(const Clock& clock, absl::TimeZone zone) {
  return absl::ToCivilDay(clock.Now(), zone);
}

// Today in Dutch civil time: the day every lead time and deadline counts from. The zone is loaded
// once per process.
inline absl::CivilDay DutchToday(const Clock& clock) {
  static const absl::TimeZone* const kZone = new absl::TimeZone(DutchTimeZone());
  return Today(clock, *kZone);
}

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_CLOCK_H_
