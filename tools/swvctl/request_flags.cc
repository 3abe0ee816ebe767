#include "tools/swvctl/request_flags.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/util/json_util.h"
#include "services/common/proto_fields.h"
#include "services/kernel/status_macros.h"
#include "tools/swvctl/command_table.h"

namespace swv::swvctl {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

absl::Status ParseJson(absl::string_view what, absl::string_view json, Message* target) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;  // a typo must not silently drop a field
  auto status = google::protobuf::util::JsonStringToMessage(std::string(json), target, options);
  if (status.ok()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(what, ": not a JSON ", target->GetTypeName(), ": ",
                                                 std::string(status.message())));
}

// "relative" -> "ABSENCE_KIND_RELATIVE" when that is a value of the field's enum, else the text
// unchanged (so the error lists the values).
std::string EnumValueName(const FieldDescriptor& field, const std::string& text) {
  const google::protobuf::EnumDescriptor& type = *field.enum_type();
  if (type.FindValueByName(text) != nullptr) return text;
  std::string upper = absl::AsciiStrToUpper(text);
  if (type.FindValueByName(upper) != nullptr) return upper;
  std::string prefixed = absl::StrCat(EnumValuePrefix(type), upper);
  if (type.FindValueByName(prefixed) != nullptr) return prefixed;
  return text;
}

absl::Status ApplyFlag(Message* request, const FieldFlag& flag) {
  const std::string name = absl::StrCat("--", flag.name);
  std::vector<const FieldDescriptor*> path;
  const FieldDescriptor* field = FindFieldByJsonPath(request->GetDescriptor(), flag.name, &path);
  if (field == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ": ", request->GetTypeName(), " has no field ", flag.name));
  }
  Message* target = request;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    target = target->GetReflection()->MutableMessage(target, path[i]);
  }
  if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
    Message* value = field->is_repeated() ? target->GetReflection()->AddMessage(target, field)
                                          : target->GetReflection()->MutableMessage(target, field);
    return ParseJson(name, flag.value, value);
  }
  std::string text = flag.value;
  if (field->cpp_type() == FieldDescriptor::CPPTYPE_ENUM) text = EnumValueName(*field, text);
  return SetFieldFromText(target, field, name, text);
}

}  // namespace

std::string EnumValuePrefix(const google::protobuf::EnumDescriptor& type) {
  return absl::StrCat(
      absl::AsciiStrToUpper(absl::StrReplaceAll(KebabCase(type.name()), {{"-", "_"}})), "_");
}

absl::StatusOr<std::unique_ptr<Message>> BuildRequest(const Descriptor* type,
                                                      absl::string_view json,
                                                      const std::vector<FieldFlag>& flags) {
  std::unique_ptr<Message> request = NewMessage(type);
  if (!absl::StripAsciiWhitespace(json).empty()) {
    SWV_RETURN_IF_ERROR(ParseJson("--json", json, request.get()));
  }
  for (const FieldFlag& flag : flags) SWV_RETURN_IF_ERROR(ApplyFlag(request.get(), flag));
  return request;
}

absl::StatusOr<std::vector<std::unique_ptr<Message>>> BuildStream(
    const Descriptor* type, absl::string_view json_lines, const std::vector<FieldFlag>& flags) {
  std::vector<std::unique_ptr<Message>> messages;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(json_lines, '\n')) {
    ++line_number;
    if (absl::StripAsciiWhitespace(line).empty()) continue;
    messages.push_back(NewMessage(type));
    SWV_RETURN_IF_ERROR(
        ParseJson(absl::StrCat("--json line ", line_number), line, messages.back().get()));
  }
  if (messages.empty()) messages.push_back(NewMessage(type));
  for (const FieldFlag& flag : flags) SWV_RETURN_IF_ERROR(ApplyFlag(messages.front().get(), flag));
  return messages;
}

void SetStringIfEmpty(Message* message, absl::string_view field_name, const std::string& value) {
  const FieldDescriptor* field = message->GetDescriptor()->FindFieldByName(std::string(field_name));
  if (field == nullptr || field->is_repeated() || field->type() != FieldDescriptor::TYPE_STRING) {
    return;
  }
  if (message->GetReflection()->GetString(*message, field).empty()) {
    message->GetReflection()->SetString(message, field, value);
  }
}

}  // namespace swv::swvctl
