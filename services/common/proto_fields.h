// Protobuf fields named and set from text, by reflection. The REST gateway's query parameters and
// swvctl's flags name fields the same way (JSON or proto names, nested with dots) and read values
// the same way, so one typo gives the same error through both.
//
// Thread-safety: free functions; the messages passed in are the caller's.
#ifndef SWV_SERVICES_COMMON_PROTO_FIELDS_H_
#define SWV_SERVICES_COMMON_PROTO_FIELDS_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace swv {

// Every service linked into this binary (the generated pool) whose full name starts with
// `package_prefix`, in file-name order, so listings are stable. Link swv_proto_all: a static
// library only contributes the descriptors something references.
std::vector<const google::protobuf::ServiceDescriptor*> LinkedServices(
    absl::string_view package_prefix);

// A new, empty message of the type (generated class when linked, else dynamic).
std::unique_ptr<google::protobuf::Message> NewMessage(const google::protobuf::Descriptor* type);

// The field at "filter.pageSize" or "filter.page_size" (each part by JSON or proto name; every
// part but the last a singular message). `path` receives the fields on the way, the last one
// included. Null when a part names no field.
const google::protobuf::FieldDescriptor* FindFieldByJsonPath(
    const google::protobuf::Descriptor* type, absl::string_view name,
    std::vector<const google::protobuf::FieldDescriptor*>* path);

// Sets a scalar or enum field (adds to it, when repeated) from its text: numbers in decimal,
// bools as true/false, enums by value name. INVALID_ARGUMENT WRONG_TYPE with a violation on
// `name` ("expected an integer, got \"x\"", "expected one of A, B, got \"c\"") otherwise, and for
// message and bytes fields, which have no text form.
absl::Status SetFieldFromText(google::protobuf::Message* message,
                              const google::protobuf::FieldDescriptor* field,
                              const std::string& name, const std::string& text);

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_PROTO_FIELDS_H_
