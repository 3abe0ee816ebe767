// Mapping between the domain's absl::Status and gRPC's wire status, with google.rpc details.
//
// Server side: ToGrpcStatus keeps the canonical code and message and adds, in the binary trailer
// grpc-status-details-bin, a google.rpc.Status holding
//   - google.rpc.BadRequest with the field violations (swv::FieldViolationsOf), when present;
//   - google.rpc.ErrorInfo{reason, domain="swv.passendonderwijs"} (swv::ReasonOf), when present.
// Errors that mean "a bug or an outage of ours" (INTERNAL, UNKNOWN, DATA_LOSS) are scrubbed: the
// client gets "internal error (ref <id>)" without details, and the original message is logged
// with LogError under the same ref, so SQL, file paths or stack traces never leave the process.
//
// Client side (gateway, service-to-service calls): FromGrpcStatus restores code, message,
// violations and reason, so swv::FieldViolationsOf / swv::ReasonOf work on the result.
//
// Thread-safety: free functions on values; safe from any thread.
#ifndef SWV_SERVICES_COMMON_GRPC_STATUS_H_
#define SWV_SERVICES_COMMON_GRPC_STATUS_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "grpcpp/support/status.h"

namespace swv {

// The ErrorInfo.domain of our reasons.
inline constexpr absl::string_view kErrorDomain = "swv.passendonderwijs";

grpc::Status ToGrpcStatus(const absl::Status& status);

absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_GRPC_STATUS_H_
