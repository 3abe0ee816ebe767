// SHA-256 and constant-time comparison, written once over OpenSSL for every part that hashes a
// secret, a certificate, a key or a document. Pure functions, thread-safe.
#ifndef SWV_SERVICES_COMMON_DIGEST_H_
#define SWV_SERVICES_COMMON_DIGEST_H_

#include <string>

#include "absl/strings/string_view.h"

namespace swv {

// The 32 raw bytes of SHA-256 over `data`.
std::string Sha256(absl::string_view data);

// Whether `a` and `b` are equal, in time that depends only on their lengths (for secrets and
// thumbprints, so a caller cannot learn a prefix from the answer's timing).
bool ConstantTimeEquals(absl::string_view a, absl::string_view b);

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_DIGEST_H_
