// Random public identifiers. Safe with several replicas on one database: no counters, 64 random
// bits, and the unique keys in storage catch the (astronomically unlikely) collision.
//
// Thread-safe: each thread has its own generator.
#ifndef SWV_SERVICES_COMMON_IDS_H_
#define SWV_SERVICES_COMMON_IDS_H_

#include <cstdint>
#include <string>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace swv {

// "<prefix><16 lower-case hex digits>", e.g. "tz-3f9a0c1be2d47a55".
inline std::string RandomId(absl::string_view prefix) {
  thread_local absl::BitGen generator;
  uint64_t bits = absl::Uniform<uint64_t>(generator);
  return absl::StrCat(prefix, absl::Hex(bits, absl::kZeroPad16));
}

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_IDS_H_
