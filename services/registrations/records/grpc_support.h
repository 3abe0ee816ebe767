// What the gRPC adapters of the registrations service share: resource names (timestamps are
// services/kernel/time_format.h, the caller's principal services/common/grpc_principal.h). No rules
// here.
#ifndef SWV_SERVICES_REGISTRATIONS_RECORDS_GRPC_SUPPORT_H_
#define SWV_SERVICES_REGISTRATIONS_RECORDS_GRPC_SUPPORT_H_

#include <grpcpp/grpcpp.h>

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/kernel/errors.h"
#include "services/kernel/resource_name.h"
#include "services/kernel/status_macros.h"

namespace swv::registrations::grpc_support {

// "swvs/{swv}" -> swv.
inline absl::StatusOr<std::string> SwvOfParent(absl::string_view field, absl::string_view parent) {
  SWV_ASSIGN_OR_RETURN(std::vector<std::string> ids, ResourceNameIds(field, parent, "swvs/*"));
  return ids[0];
}

// "swvs/{swv}/{collection}/{id}" -> (swv, id), read by the route template code.
inline absl::StatusOr<std::pair<std::string, std::string>> ParseResourceName(
    absl::string_view field, absl::string_view name, absl::string_view collection) {
  SWV_ASSIGN_OR_RETURN(std::vector<std::string> ids,
                       ResourceNameIds(field, name, absl::StrCat("swvs/*/", collection, "/*")));
  return std::make_pair(ids[0], ids[1]);
}

}  // namespace swv::registrations::grpc_support

#endif  // SWV_SERVICES_REGISTRATIONS_RECORDS_GRPC_SUPPORT_H_
