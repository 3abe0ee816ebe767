// Errors as RFC 9457 problem details (application/problem+json), per DESIGN.md "Errors":
//   {"type":"about:blank","title":"Bad Request","status":400,"detail":"…","instance":"/api/v1/…",
//    "code":"INVALID_ARGUMENT","reason":"REPORT_BEFORE_ABSENCE",
//    "invalidParams":[{"name":"absenceStart","reason":"…"}]}
// `type` is about:blank, so `title` is the HTTP status phrase; `code` is the gRPC code name and
// `reason` the machine-readable rule (google.rpc.ErrorInfo) when there is one.
//
// What never leaves: messages of INTERNAL/UNKNOWN/DATA_LOSS (only the "ref" that ties the
// generic text to the server log), transport messages of UNAVAILABLE/DEADLINE_EXCEEDED (they
// name internal addresses), and the backend's wording of NOT_FOUND: every 404 reads the same, so
// "exists but not yours" cannot be told from "does not exist".
//
// Thread-safety: free functions on values.
#ifndef SWV_SERVICES_GATEWAY_PROBLEM_H_
#define SWV_SERVICES_GATEWAY_PROBLEM_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "services/gateway/http_types.h"

namespace swv::gateway {

inline constexpr char kProblemContentType[] = "application/problem+json";
inline constexpr char kNotVisibleDetail[] =
    "The resource does not exist or is not visible to this credential.";

struct InvalidParam {
  std::string name;  // as the client wrote it: JSON (camelCase) path, or the query parameter
  std::string reason;
};

// DESIGN.md's gRPC -> HTTP mapping (CANCELLED -> 499, unknown codes -> 500).
int HttpStatusForCode(absl::StatusCode code);
// "Bad Request", "Not Found", ...; "Client Closed Request" for 499.
const char* HttpStatusPhrase(int status);

// A problem built by the gateway itself. `code` is the gRPC code name that fits (e.g.
// "INVALID_ARGUMENT" for malformed JSON), `reason` an UPPER_SNAKE rule such as "MALFORMED_JSON".
HttpResponse Problem(int status, absl::string_view code, absl::string_view reason,
                     absl::string_view detail, absl::string_view instance,
                     const std::vector<InvalidParam>& invalid_params = {});

// A problem from a status (the backend's, after FromGrpcStatus, or the gateway's own). Field
// paths of violations ("thuiszitter.absence_start") are named as the client wrote them, in
// `invalidParams` and in `detail` alike: JSON names through `request_type` when given, without
// the route's `body_field` when the body was that field's message ("absenceStart" for a POST
// whose body is the bare thuiszitter).
HttpResponse ProblemFromStatus(const absl::Status& status, absl::string_view instance,
                               const google::protobuf::Descriptor* request_type = nullptr,
                               absl::string_view body_field = "");

// "thuiszitter.absence_start" -> "thuiszitter.absenceStart", walking `type` (json_name of each
// field); parts that name no field are converted by the lowerCamel rule. With `body_field` (a
// top-level field the HTTP body fills), a path inside it loses that first part: "absenceStart".
std::string JsonFieldPath(const google::protobuf::Descriptor* type, absl::string_view field_path,
                          absl::string_view body_field = "");

}  // namespace swv::gateway

#endif  // SWV_SERVICES_GATEWAY_PROBLEM_H_
