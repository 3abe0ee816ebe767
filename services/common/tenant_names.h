// The resource names of a tenant's records as every gRPC adapter reads them: "swvs/{swv}" for a
// collection's parent and "swvs/{swv}/{collection}/{id}" for one record (the route template code
// of services/kernel/resource_name.h, so an adapter and the gateway's route agree). No rules here;
// thread-safe.
#ifndef SWV_SERVICES_COMMON_TENANT_NAMES_H_
#define SWV_SERVICES_COMMON_TENANT_NAMES_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "services/kernel/resource_name.h"
#include "services/kernel/status_macros.h"

namespace swv {

// "swvs/{swv}" -> swv.
inline absl::StatusOr<std::string> SwvOfParent(absl::string_view field, absl::string_view parent) {
  SWV_ASSIGN_OR_RETURN(std::vector<std::string> ids, ResourceNameIds(field, parent, "swvs/*"));
  return ids[0];
}

// "swvs/{swv}/{collection}/{id}" -> (swv, id).
inline absl::StatusOr<std::pair<std::string, std::string>> ParseResourceName(
    absl::string_view field, absl::string_view name, absl::string_view collection) {
  SWV_ASSIGN_OR_RETURN(std::vector<std::string> ids,
                       ResourceNameIds(field, name, absl::StrCat("swvs/*/", collection, "/*")));
  return std::make_pair(ids[0], ids[1]);
}

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_TENANT_NAMES_H_
