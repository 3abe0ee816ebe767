// What the organisation directory (owned by swv-registrations, swv.v1.Directory) says about a
// school and a board, as every other service reads it: one definition for allocation and
// monitoring. Plain values without gRPC or protobuf, so the areas' pure domains can use them;
// DirectoryClient (directory_client.h) reads them.
#ifndef SWV_SERVICES_COMMON_DIRECTORY_SCHOOL_H_
#define SWV_SERVICES_COMMON_DIRECTORY_SCHOOL_H_

#include <string>

#include "services/kernel/school_kind.h"

namespace swv {

struct DirectorySchool {
  std::string code;   // "12AB00"
  std::string board;  // board code; may be empty for a school outside the region
  std::string wijk;   // may be empty
  SchoolKind kind = SchoolKind::kUnspecified;
  bool inside_region = false;
};

struct DirectoryBoard {
  std::string code;
  std::string display_name;
};

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_DIRECTORY_SCHOOL_H_
