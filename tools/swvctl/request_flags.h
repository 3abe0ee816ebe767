// A request message from the command line: the whole message as JSON (--json, the proto JSON
// mapping: camelCase names, enums by name, int64 as strings or numbers, dates as the strings the
// .proto documents), then each field flag on top of it, in order.
//
//   --tlv.school=12AB00           a scalar, by JSON name (or proto name), nested with dots
//   --thuiszitter.absenceKind=relative
//                                 an enum by value name; case and the type's prefix may be left
//                                 out (ABSENCE_KIND_RELATIVE, absence_kind_relative, relative)
//   --schools=21AB00 --schools=22CD01
//                                 a repeated field takes one value per flag
//   --tlv='{"school":"12AB00"}'   a message field (or one element of a repeated one) as JSON
//
// Thread-safety: free functions.
#ifndef SWV_TOOLS_SWVCTL_REQUEST_FLAGS_H_
#define SWV_TOOLS_SWVCTL_REQUEST_FLAGS_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace swv::swvctl {

struct FieldFlag {
  std::string name;  // "tlv.school" (without the dashes)
  std::string value;
};

// INVALID_ARGUMENT naming the flag ("--tlv.scool: swv.v1.CreateTlvRequest has no field
// tlv.scool", "--status: expected one of ..., got \"shut\"") or "--json: ..." for the JSON.
absl::StatusOr<std::unique_ptr<google::protobuf::Message>> BuildRequest(
    const google::protobuf::Descriptor* type, absl::string_view json,
    const std::vector<FieldFlag>& flags);

// The messages of a client-streaming command: each non-empty line of `json_lines` is one message
// (JSON lines), and the flags apply to the first (the chunk that carries parent and request_id).
// Errors name the line ("--json line 3: ...") or the flag.
absl::StatusOr<std::vector<std::unique_ptr<google::protobuf::Message>>> BuildStream(
    const google::protobuf::Descriptor* type, absl::string_view json_lines,
    const std::vector<FieldFlag>& flags);

// Sets a top-level string field that the command line left empty (the SWV's parent from --swv);
// nothing when the message has no such string field or it is set.
void SetStringIfEmpty(google::protobuf::Message* message, absl::string_view field_name,
                      const std::string& value);

// "AbsenceKind" -> "ABSENCE_KIND_", the prefix proto style gives every value of an enum.
std::string EnumValuePrefix(const google::protobuf::EnumDescriptor& type);

}  // namespace swv::swvctl

#endif  // SWV_TOOLS_SWVCTL_REQUEST_FLAGS_H_
