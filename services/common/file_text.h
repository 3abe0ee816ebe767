// Reading a whole file (a PEM key, a JWKS, a goal file, a /proc file) into a string.
//
// Thread-safety: free functions without shared state.
#ifndef SWV_SERVICES_COMMON_FILE_TEXT_H_
#define SWV_SERVICES_COMMON_FILE_TEXT_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/optional.h"

namespace swv {

// The bytes of the file at `path`; nullopt when it cannot be opened.
absl::optional<std::string> ReadWholeFile(const std::string& path);

// The same, for a file a flag names: INVALID_ARGUMENT "cannot read <what> <path>" when it cannot
// be opened, e.g. ReadFileOf("/etc/swv/key.pem", "--signing-key").
absl::StatusOr<std::string> ReadFileOf(const std::string& path, absl::string_view what);

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_FILE_TEXT_H_
