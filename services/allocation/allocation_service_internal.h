// Internals of the allocation service shared by its files (allocation_service.cc, _counts.cc,
// _spending.cc): the checks of a year and of the SWV named in a request.
#ifndef SWV_SERVICES_ALLOCATION_ALLOCATION_SERVICE_INTERNAL_H_
#define SWV_SERVICES_ALLOCATION_ALLOCATION_SERVICE_INTERNAL_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/common/access_policy.h"
#include "services/common/directory_client.h"
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

// The scope rules for `caller` over the directory's `schools`: a board reaches the schools listed
// under it; every other principal's rules need no directory.
inline AccessPolicy PolicyOver(const Principal& caller,
                               const std::vector<DirectorySchool>& schools) {
  if (caller.kind != PrincipalKind::kBoard) return AccessPolicy();
  std::map<std::string, std::string> board_of;
  for (const DirectorySchool& school : schools) board_of[school.code] = school.board;
  return AccessPolicy::WithBoards(std::move(board_of));
}

}  // namespace swv::allocation::service_internal

#endif  // SWV_SERVICES_ALLOCATION_ALLOCATION_SERVICE_INTERNAL_H_
