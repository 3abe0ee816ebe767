// Resource names ("swvs/PO2203/goals/g1") read with the same template code as the gateway's
// routes (path_template.h), so an adapter and the route that reaches it agree on what a name is.
//
// Thread-safe: parsed shapes are kept in a process-wide table under a mutex.
#ifndef SWV_SERVICES_KERNEL_RESOURCE_NAME_H_
#define SWV_SERVICES_KERNEL_RESOURCE_NAME_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace swv {

// The segments of `name` that stand where `shape` has '*', in order:
// ResourceNameIds("name", "swvs/PO2203/goals/g1", "swvs/*/goals/*") -> {"PO2203", "g1"}.
// INVALID_ARGUMENT MALFORMED_NAME on `field`, saying what the name must look like
// ("swvs/{swv}/goals/{goal}"), for anything else (empty segments included).
absl::StatusOr<std::vector<std::string>> ResourceNameIds(absl::string_view field,
                                                         absl::string_view name,
                                                         absl::string_view shape);

}  // namespace swv

#endif  // SWV_SERVICES_KERNEL_RESOURCE_NAME_H_
