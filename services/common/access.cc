#include "services/common/access.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"

namespace swv {

using google::protobuf::MethodDescriptor;
using google::protobuf::ServiceDescriptor;
using swv::v1::Access;
using swv::v1::Reach;

absl::StatusOr<Access> DeclarationOf(const MethodDescriptor& method) {
  if (!method.options().HasExtension(swv::v1::access)) {
    return absl::NotFoundError(
        absl::StrCat(method.full_name(), " has no access declaration (option (swv.v1.access))"));
  }
  return method.options().GetExtension(swv::v1::access);
}

const MethodDescriptor* FindMethod(absl::string_view path_or_name) {
  std::string name(absl::StripPrefix(path_or_name, "/"));
  // "/swv.v1.Tlvs/CreateOpp" -> "swv.v1.Tlvs.CreateOpp"
  absl::StrReplaceAll({{"/", "."}}, &name);
  return google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(name);
}

Reach ReachOf(const Access& access, PrincipalKind kind) {
  switch (kind) {
    case PrincipalKind::kStaff:
    case PrincipalKind::kOffice:
      return access.office();
    case PrincipalKind::kSchool:
      return access.school();
    case PrincipalKind::kBoard:
      return access.board();
    case PrincipalKind::kPartner:
      return access.partner();
    case PrincipalKind::kYouthCare:
      return access.youth_care();
    case PrincipalKind::kOps:
      return access.ops();
    case PrincipalKind::kService:
      return access.service();
  }
  return swv::v1::REACH_NONE;
}

absl::Status CheckCall(const Principal& principal, const MethodDescriptor& method) {
  absl::StatusOr<Access> access = DeclarationOf(method);
  if (!access.ok()) return absl::PermissionDeniedError(access.status().message());
  if (ReachOf(*access, principal.kind) != swv::v1::REACH_NONE) return absl::OkStatus();
  return absl::PermissionDeniedError(absl::StrCat("a ", PrincipalKindName(principal.kind),
                                                  " principal may not call ", method.name(), " (",
                                                  access->note(), ")"));
}

std::vector<std::string> UndeclaredMethods(const std::vector<const ServiceDescriptor*>& services) {
  std::vector<std::string> missing;
  for (const ServiceDescriptor* service : services) {
    for (int i = 0; i < service->method_count(); ++i) {
      const MethodDescriptor* method = service->method(i);
      if (!DeclarationOf(*method).ok()) missing.push_back(method->full_name());
    }
  }
  return missing;
}

bool DecidesForSwv(const Principal& principal) {
  return principal.kind == PrincipalKind::kOffice || principal.kind == PrincipalKind::kStaff;
}

std::vector<std::string> OfficeDecidedFields(const google::protobuf::Descriptor& message) {
  std::vector<std::string> fields;
  for (int i = 0; i < message.field_count(); ++i) {
    const google::protobuf::FieldDescriptor* field = message.field(i);
    if (field->options().GetExtension(swv::v1::office_decides)) {
      fields.push_back(absl::StrCat(message.name(), ".", field->json_name()));
    }
  }
  return fields;
}

std::string ReachName(Reach reach) { return swv::v1::Reach_Name(reach); }

}  // namespace swv
