// Domain errors: one error type inside (absl::Status), carrying which fields broke which rule and a
// machine-readable reason. Transport-free: the gRPC mapping (grpc_status.h) turns these into
// google.rpc.BadRequest / ErrorInfo details, and the gateway into problem+json "invalidParams".
//
// Thread-safe: free functions on values.
#ifndef SWV_SERVICES_KERNEL_ERRORS_H_
#define SWV_SERVICES_KERNEL_ERRORS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace swv {

struct FieldViolation {
  std::string field;        // request field path, snake_case, e.g. "thuiszitter.absence_start"
  std::string description;  // the rule that was broken, in plain English

  bool operator==(const FieldViolation& other) const {
    return field == other.field && description == other.description;
  }
};

// INVALID_ARGUMENT for one field. `reason` is an UPPER_SNAKE code such as "MALFORMED_BRIN".
// The message reads "<field>: <description>".
absl::Status InvalidField(absl::string_view field, absl::string_view reason,
                          absl::string_view description);

// INVALID_ARGUMENT for several fields at once (all rules broken by one request).
absl::Status InvalidFields(absl::string_view reason, const std::vector<FieldViolation>& violations);

// The same with another code, e.g. PERMISSION_DENIED for fields a caller may not set.
absl::Status FieldsError(absl::StatusCode code, absl::string_view reason,
                         const std::vector<FieldViolation>& violations);

// Any code, with a reason and optionally the field it concerns (e.g. FAILED_PRECONDITION on a
// state transition).
absl::Status ErrorWithReason(absl::StatusCode code, absl::string_view reason,
                             absl::string_view message, absl::string_view field = "");

// Reads back what the functions above attached; empty when absent.
std::vector<FieldViolation> FieldViolationsOf(const absl::Status& status);
std::string ReasonOf(const absl::Status& status);

}  // namespace swv

#endif  // SWV_SERVICES_KERNEL_ERRORS_H_
