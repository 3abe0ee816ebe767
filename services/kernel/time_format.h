// Instants as the system writes them: RFC 3339 text for the APIs and stored text columns, and
// microseconds since the Unix epoch for stored integers. One definition, so every service writes
// the same form. Pure functions; thread-safe.
#ifndef SWV_SERVICES_KERNEL_TIME_FORMAT_H_
#define SWV_SERVICES_KERNEL_TIME_FORMAT_H_

#include <cstdint>
#include <string>

#include "absl/time/time.h"

namespace swv {

// "2026-03-09T14:05:00.000000Z": UTC with always six fractional digits, so the text has one
// width and sorts like the instants it names.
std::string Rfc3339(absl::Time t);

// The stored form of an instant in integer columns (the *_time_us columns).
inline int64_t ToMicros(absl::Time t) { return absl::ToUnixMicros(t); }
inline absl::Time FromMicros(int64_t us) { return absl::FromUnixMicros(us); }

}  // namespace swv

#endif  // SWV_SERVICES_KERNEL_TIME_FORMAT_H_
