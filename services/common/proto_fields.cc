#include "services/common/proto_fields.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/descriptor_database.h"
#include "google/protobuf/dynamic_message.h"
#include "services/kernel/errors.h"

namespace swv {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

}  // namespace

std::vector<const google::protobuf::ServiceDescriptor*> LinkedServices(
    absl::string_view package_prefix) {
  std::vector<std::string> files;
  google::protobuf::DescriptorPool::internal_generated_database()->FindAllFileNames(&files);
  std::sort(files.begin(), files.end());
  std::vector<const google::protobuf::ServiceDescriptor*> services;
  const google::protobuf::DescriptorPool* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const std::string& name : files) {
    const google::protobuf::FileDescriptor* file = pool->FindFileByName(name);
    if (file == nullptr) continue;
    for (int s = 0; s < file->service_count(); ++s) {
      if (absl::StartsWith(file->service(s)->full_name(), package_prefix)) {
        services.push_back(file->service(s));
      }
    }
  }
  return services;
}

std::unique_ptr<Message> NewMessage(const Descriptor* type) {
  const Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(type);
  if (prototype == nullptr) {
    static google::protobuf::DynamicMessageFactory* dynamic =
        new google::protobuf::DynamicMessageFactory;
    prototype = dynamic->GetPrototype(type);
  }
  return std::unique_ptr<Message>(prototype->New());
}

const FieldDescriptor* FindFieldByJsonPath(const Descriptor* type, absl::string_view name,
                                           std::vector<const FieldDescriptor*>* path) {
  path->clear();
  for (absl::string_view part : absl::StrSplit(name, '.')) {
    if (type == nullptr) return nullptr;
    const FieldDescriptor* field = type->FindFieldByName(std::string(part));
    for (int i = 0; field == nullptr && i < type->field_count(); ++i) {
      if (type->field(i)->json_name() == part) field = type->field(i);
    }
    if (field == nullptr) return nullptr;
    path->push_back(field);
    type = field->type() == FieldDescriptor::TYPE_MESSAGE && !field->is_repeated()
               ? field->message_type()
               : nullptr;
  }
  return path->empty() ? nullptr : path->back();
}

absl::Status SetFieldFromText(Message* message, const FieldDescriptor* field,
                              const std::string& name, const std::string& text) {
  const Reflection* reflection = message->GetReflection();
  bool repeated = field->is_repeated();
  auto wrong = [&](absl::string_view expected) {
    return InvalidField(name, "WRONG_TYPE",
                        absl::StrCat("expected ", expected, ", got \"", text, "\""));
  };
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      if (field->type() == FieldDescriptor::TYPE_BYTES) return wrong("a text field (not bytes)");
      repeated ? reflection->AddString(message, field, text)
               : reflection->SetString(message, field, text);
      return absl::OkStatus();
    case FieldDescriptor::CPPTYPE_INT32: {
      int32_t v;
      if (!absl::SimpleAtoi(text, &v)) return wrong("an integer");
      repeated ? reflection->AddInt32(message, field, v) : reflection->SetInt32(message, field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      int64_t v;
      if (!absl::SimpleAtoi(text, &v)) return wrong("an integer");
      repeated ? reflection->AddInt64(message, field, v) : reflection->SetInt64(message, field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      uint32_t v;
      if (!absl::SimpleAtoi(text, &v)) return wrong("a non-negative integer");
      repeated ? reflection->AddUInt32(message, field, v)
               : reflection->SetUInt32(message, field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT64: {
      uint64_t v;
      if (!absl::SimpleAtoi(text, &v)) return wrong("a non-negative integer");
      repeated ? reflection->AddUInt64(message, field, v)
               : reflection->SetUInt64(message, field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      bool v;
      if (text == "true")
        v = true;
      else if (text == "false")
        v = false;
      else
        return wrong("true or false");
      repeated ? reflection->AddBool(message, field, v) : reflection->SetBool(message, field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT: {
      double v;
      if (!absl::SimpleAtod(text, &v)) return wrong("a number");
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_FLOAT) {
        repeated ? reflection->AddFloat(message, field, static_cast<float>(v))
                 : reflection->SetFloat(message, field, static_cast<float>(v));
      } else {
        repeated ? reflection->AddDouble(message, field, v)
                 : reflection->SetDouble(message, field, v);
      }
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const google::protobuf::EnumValueDescriptor* value =
          field->enum_type()->FindValueByName(text);
      if (value == nullptr) {
        std::string names;
        for (int i = 0; i < field->enum_type()->value_count(); ++i) {
          absl::StrAppend(&names, i == 0 ? "" : ", ", field->enum_type()->value(i)->name());
        }
        return wrong(absl::StrCat("one of ", names));
      }
      repeated ? reflection->AddEnum(message, field, value)
               : reflection->SetEnum(message, field, value);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return wrong("a scalar field (objects are JSON)");
  }
  return wrong("a scalar");
}

}  // namespace swv
