// Internals of the allocation service shared by its files (allocation_service.cc, _counts.cc,
// _spending.cc): the checks of a year and of the SWV named in a request.
#ifndef SWV_SERVICES_ALLOCATION_ALLOCATION_SERVICE_INTERNAL_H_
#define SWV_SERVICES_ALLOCATION_ALLOCATION_SERVICE_INTERNAL_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"

namespace swv::allocation::service_internal {

inline absl::Status CheckYear(int year, absl::string_view field) {
  if (year < 2000 || year > 2100) {
    return InvalidField(field, "OUT_OF_RANGE", "must name a year between 2000 and 2100");
  }
  return absl::OkStatus();
}

inline absl::StatusOr<std::string> Tenant(absl::string_view swv) {
  return CanonicalSwvCode("parent", swv);
}

}  // namespace swv::allocation::service_internal

#endif  // SWV_SERVICES_ALLOCATION_ALLOCATION_SERVICE_INTERNAL_H_
