// JSON <-> proto for one route, with protobuf's JSON utilities (camelCase names, int64 as
// strings, enums by name). Requests are assembled in this order:
//   1. the body: the whole message (body "*"), one field (body "thuiszitter"), or none;
//   2. path variables, which win over the same field in the body;
//   3. query parameters onto the remaining scalar fields, by JSON name ("pageSize") or proto name
//      ("page_size"), nested with dots ("filter.school"); repeated fields take repeats.
// Unknown fields in the body and unknown query parameters are errors (400), never ignored: a
// typo in an LVS integration must not silently drop data.
//
// Errors are INVALID_ARGUMENT with violations named as the client wrote them and reasons
// MALFORMED_JSON, UNKNOWN_FIELD, WRONG_TYPE, UNKNOWN_QUERY_PARAMETER, UNEXPECTED_BODY.
//
// Thread-safety: free functions.
#ifndef SWV_SERVICES_GATEWAY_TRANSCODER_H_
#define SWV_SERVICES_GATEWAY_TRANSCODER_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "google/protobuf/message.h"
#include "services/common/proto_fields.h"
#include "services/gateway/route_table.h"

namespace swv::gateway {

absl::StatusOr<std::unique_ptr<google::protobuf::Message>> BuildRequestMessage(
    const Route& route, const std::vector<PathBinding>& bindings,
    const std::vector<std::pair<std::string, std::string>>& query, const std::string& body);

// The Idempotency-Key header (`key`, "" when absent) as the request_id of a message that has one.
// INVALID_ARGUMENT CONFLICTING_REQUEST_ID on "Idempotency-Key" when the body names another one.
absl::Status ApplyIdempotencyKey(absl::string_view key, google::protobuf::Message* request);

// A new, empty message of the type (services/common/proto_fields.h).
using ::swv::NewMessage;

// The JSON of a reply. `print_defaults` prints zero values and empty lists too, so clients see a
// stable shape; the partner view prints without them so that fields it must not have are absent.
std::string MessageToJson(const google::protobuf::Message& message, bool print_defaults = true);

// Sets a string field at a dotted path, creating the messages on the way.
absl::Status SetStringField(google::protobuf::Message* message, absl::string_view field_path,
                            const std::string& value);
// Reads a string field at a dotted path; "" when absent or not a string.
std::string GetStringField(const google::protobuf::Message& message, absl::string_view field_path);

}  // namespace swv::gateway

#endif  // SWV_SERVICES_GATEWAY_TRANSCODER_H_
