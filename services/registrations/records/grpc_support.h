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

namespace swv::registrations::grpc_support {

// "swvs/{swv}" -> swv.
inline absl::StatusOr<std::string> SwvOfParent(absl::string_view field, absl::string_view parent) {
  std::vector<absl::string_view> parts = absl::StrSplit(parent, '/');
  if (parts.size() != 2 || parts[0] != "swvs" || parts[1].empty()) {
    return InvalidField(field, "MALFORMED_NAME",
                        "must look like \"swvs/{swv}\", e.g. \"swvs/PO2203\"");
  }
  return std::string(parts[1]);
}

// "swvs/{swv}/{collection}/{id}" -> (swv, id).
inline absl::StatusOr<std::pair<std::string, std::string>> ParseResourceName(
    absl::string_view field, absl::string_view name, absl::string_view collection) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 4 || parts[0] != "swvs" || parts[1].empty() || parts[2] != collection ||
      parts[3].empty()) {
    return InvalidField(field, "MALFORMED_NAME",
                        absl::StrCat("must look like \"swvs/{swv}/", collection, "/{id}\""));
  }
  return std::make_pair(std::string(parts[1]), std::string(parts[3]));
}

}  // namespace swv::registrations::grpc_support

#endif  // SWV_SERVICES_REGISTRATIONS_RECORDS_GRPC_SUPPORT_H_
