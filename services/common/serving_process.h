// Which process of this system serves which proto service, the one place that knows it; the
// gateway's backends and swvctl's per-process targets both follow it (docs/gateway.md
// "Backends"):
//   swv.v1.Allocation*   -> swv-allocation
//   swv.v1.Monitoring*   -> swv-monitoring
//   every other swv.v1.* -> swv-registrations (Registrations, Directory, Tlvs, Support, ...)
//
// Thread-safety: a pure function.
#ifndef SWV_SERVICES_COMMON_SERVING_PROCESS_H_
#define SWV_SERVICES_COMMON_SERVING_PROCESS_H_

#include "absl/strings/match.h"
#include "absl/strings/string_view.h"

namespace swv {

enum class ServingProcess { kNone, kRegistrations, kAllocation, kMonitoring };

// kNone for services outside swv.v1 (the gateway's own).
inline ServingProcess ServingProcessOf(absl::string_view service_full_name) {
  if (!absl::StartsWith(service_full_name, "swv.v1.")) return ServingProcess::kNone;
  if (absl::StartsWith(service_full_name, "swv.v1.Allocation")) return ServingProcess::kAllocation;
  if (absl::StartsWith(service_full_name, "swv.v1.Monitoring")) return ServingProcess::kMonitoring;
  return ServingProcess::kRegistrations;
}

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_SERVING_PROCESS_H_
