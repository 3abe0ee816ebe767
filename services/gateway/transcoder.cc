#include "services/gateway/transcoder.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "google/protobuf/util/json_util.h"
#include "services/common/proto_fields.h"
#include "services/gateway/problem.h"
#include "services/kernel/errors.h"
#include "services/kernel/status_macros.h"

namespace swv::gateway {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

absl::Status BodyError(absl::string_view reason, absl::string_view name, absl::string_view what) {
  return InvalidFields(reason, {FieldViolation{std::string(name), std::string(what)}});
}

// Turns protobuf's JSON parser message into a violation naming the field the client wrote.
absl::Status ClassifyJsonError(absl::string_view message, const Descriptor* type,
                               absl::string_view prefix) {
  std::string first_line(message.substr(0, message.find('\n')));
  auto prefixed = [&prefix](const std::string& name) {
    return prefix.empty() ? name
           : name.empty() ? std::string(prefix)
                          : absl::StrCat(prefix, ".", name);
  };
  if (absl::EndsWith(first_line, "Cannot find field.")) {
    std::string name(absl::StripSuffix(first_line, ": Cannot find field."));
    return BodyError("UNKNOWN_FIELD", prefixed(JsonFieldPath(type, name)),
                     "unknown field; see the request schema in /api/v1/openapi.json");
  }
  if (absl::StartsWith(first_line, "(")) {
    size_t close = first_line.find("): ");
    if (close != std::string::npos) {
      std::string name = first_line.substr(1, close - 1);
      return BodyError("WRONG_TYPE", prefixed(JsonFieldPath(type, name)),
                       first_line.substr(close + 3));
    }
  }
  if (absl::StrContains(first_line, "invalid value")) {
    size_t for_type = first_line.rfind("for type ");
    std::string name = for_type == std::string::npos ? "" : first_line.substr(for_type + 9);
    return BodyError(
        "WRONG_TYPE", prefixed(JsonFieldPath(type, name)),
        "wrong JSON type for this field (an object where a value belongs, or the reverse)");
  }
  if (absl::StrContains(first_line, "Root element must be a message")) {
    return BodyError("MALFORMED_JSON", prefixed(""), "the body must be a JSON object");
  }
  return BodyError("MALFORMED_JSON", prefixed(""), absl::StrCat("not valid JSON: ", first_line));
}

absl::Status ParseJsonInto(const std::string& body, Message* target, absl::string_view prefix) {
  absl::string_view trimmed = absl::StripAsciiWhitespace(body);
  if (trimmed.empty()) return absl::OkStatus();  // no body: an empty object
  if (trimmed.front() != '{') {
    return BodyError("MALFORMED_JSON", prefix, "the body must be a JSON object");
  }
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  options.case_insensitive_enum_parsing = false;
  auto status = google::protobuf::util::JsonStringToMessage(std::string(trimmed), target, options);
  if (status.ok()) return absl::OkStatus();
  return ClassifyJsonError(std::string(status.message()), target->GetDescriptor(), prefix);
}

}  // namespace

absl::Status SetStringField(Message* message, absl::string_view field_path,
                            const std::string& value) {
  std::vector<absl::string_view> parts = absl::StrSplit(field_path, '.');
  for (size_t i = 0; i < parts.size(); ++i) {
    const FieldDescriptor* field = message->GetDescriptor()->FindFieldByName(std::string(parts[i]));
    if (field == nullptr || field->is_repeated()) {
      return absl::InternalError(absl::StrCat("no field ", field_path));
    }
    if (i + 1 == parts.size()) {
      if (field->type() != FieldDescriptor::TYPE_STRING) return absl::InternalError("not a string");
      message->GetReflection()->SetString(message, field, value);
      return absl::OkStatus();
    }
    if (field->type() != FieldDescriptor::TYPE_MESSAGE) return absl::InternalError("not a message");
    message = message->GetReflection()->MutableMessage(message, field);
  }
  return absl::OkStatus();
}

std::string GetStringField(const Message& message, absl::string_view field_path) {
  const Message* current = &message;
  std::vector<absl::string_view> parts = absl::StrSplit(field_path, '.');
  for (size_t i = 0; i < parts.size(); ++i) {
    const FieldDescriptor* field = current->GetDescriptor()->FindFieldByName(std::string(parts[i]));
    if (field == nullptr || field->is_repeated()) return "";
    if (i + 1 == parts.size()) {
      if (field->type() != FieldDescriptor::TYPE_STRING) return "";
      return current->GetReflection()->GetString(*current, field);
    }
    if (field->type() != FieldDescriptor::TYPE_MESSAGE) return "";
    current = &current->GetReflection()->GetMessage(*current, field);
  }
  return "";
}

absl::StatusOr<std::unique_ptr<Message>> BuildRequestMessage(
    const Route& route, const std::vector<PathBinding>& bindings,
    const std::vector<std::pair<std::string, std::string>>& query, const std::string& body) {
  std::unique_ptr<Message> request = NewMessage(route.method->input_type());
  if (route.body.empty()) {
    if (!absl::StripAsciiWhitespace(body).empty()) {
      return BodyError("UNEXPECTED_BODY", "",
                       "this route takes no request body; use query parameters");
    }
  } else if (route.body == "*") {
    SWV_RETURN_IF_ERROR(ParseJsonInto(body, request.get(), ""));
  } else {
    const FieldDescriptor* field = request->GetDescriptor()->FindFieldByName(route.body);
    Message* target = request->GetReflection()->MutableMessage(request.get(), field);
    // The body is the field's content, so its field names are reported without a prefix.
    SWV_RETURN_IF_ERROR(ParseJsonInto(body, target, ""));
  }
  for (const auto& [field_path, value] : bindings) {
    SWV_RETURN_IF_ERROR(SetStringField(request.get(), field_path, value));
  }
  std::vector<const FieldDescriptor*> path;
  for (const auto& [name, value] : query) {
    const FieldDescriptor* field = FindFieldByJsonPath(request->GetDescriptor(), name, &path);
    bool bound_by_path = false;
    for (const auto& binding : bindings) {
      bound_by_path = bound_by_path || (field != nullptr && binding.first == field->name());
    }
    // With body "*" every field comes from the body; a body field is not a query parameter either.
    bool in_body = route.body == "*" ||
                   (!route.body.empty() && !path.empty() && path.front()->name() == route.body);
    if (field == nullptr || bound_by_path || in_body) {
      return BodyError("UNKNOWN_QUERY_PARAMETER", name,
                       "unknown query parameter; see the parameters in /api/v1/openapi.json");
    }
    Message* target = request.get();
    for (size_t i = 0; i + 1 < path.size(); ++i) {
      target = target->GetReflection()->MutableMessage(target, path[i]);
    }
    SWV_RETURN_IF_ERROR(SetFieldFromText(target, field, name, value));
  }
  return request;
}

std::string MessageToJson(const Message& message, bool print_defaults) {
  google::protobuf::util::JsonPrintOptions options;
  options.always_print_primitive_fields = print_defaults;
  options.always_print_enums_as_ints = false;
  options.preserve_proto_field_names = false;
  std::string out;
  auto status = google::protobuf::util::MessageToJsonString(message, &out, options);
  if (!status.ok()) return "{}";
  return out;
}

absl::Status ApplyIdempotencyKey(absl::string_view key, google::protobuf::Message* request) {
  key = absl::StripAsciiWhitespace(key);
  const google::protobuf::FieldDescriptor* field =
      request->GetDescriptor()->FindFieldByName("request_id");
  if (key.empty() || field == nullptr || field->is_repeated() ||
      field->type() != google::protobuf::FieldDescriptor::TYPE_STRING) {
    return absl::OkStatus();
  }
  std::string current = request->GetReflection()->GetString(*request, field);
  if (!current.empty() && current != key) {
    return InvalidField("Idempotency-Key", "CONFLICTING_REQUEST_ID",
                        "the Idempotency-Key header and requestId in the body differ; send one");
  }
  request->GetReflection()->SetString(request, field, std::string(key));
  return absl::OkStatus();
}

}  // namespace swv::gateway
