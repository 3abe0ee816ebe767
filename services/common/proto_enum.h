// Mapping between a domain enum and its proto enum by name, for every adapter and client.
//
// The proto enums of swv.v1 are named after the domain's stored names: the value for the stored
// name "waiting_for_care" of swv.v1.ThuiszitterCause is THUISZITTER_CAUSE_WAITING_FOR_CARE, and
// value 0 is THUISZITTER_CAUSE_UNSPECIFIED. So one mapping serves every value of every enum:
//
//   out->set_cause(ProtoEnumOf<pb::ThuiszitterCause>(ThuiszitterCauseName(cause)));
//   absl::optional<ThuiszitterCause> cause = FromProtoEnum(in.cause(), ThuiszitterCauseFromName);
//
// Thread-safety: free functions; the descriptors they read are immutable.
#ifndef SWV_SERVICES_COMMON_PROTO_ENUM_H_
#define SWV_SERVICES_COMMON_PROTO_ENUM_H_

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/generated_enum_reflection.h"

namespace swv {

// "THUISZITTER_CAUSE_" for swv.v1.ThuiszitterCause: the name of value 0 without "UNSPECIFIED".
template <typename ProtoEnum>
absl::string_view ProtoEnumPrefix() {
  const google::protobuf::EnumValueDescriptor* unspecified =
      google::protobuf::GetEnumDescriptor<ProtoEnum>()->FindValueByNumber(0);
  return absl::StripSuffix(unspecified->name(), "UNSPECIFIED");
}

// The proto value of a domain value's stored `name`; the UNSPECIFIED value (0) for a name the proto
// enum does not have (such as "unknown").
template <typename ProtoEnum>
ProtoEnum ProtoEnumOf(absl::string_view name) {
  const google::protobuf::EnumValueDescriptor* value =
      google::protobuf::GetEnumDescriptor<ProtoEnum>()->FindValueByName(
          absl::StrCat(ProtoEnumPrefix<ProtoEnum>(), absl::AsciiStrToUpper(name)));
  return static_cast<ProtoEnum>(value == nullptr ? 0 : value->number());
}

// The stored name of a proto value ("waiting_for_care"); "" for UNSPECIFIED and for a number the
// proto enum does not define.
template <typename ProtoEnum>
std::string ProtoEnumName(ProtoEnum proto) {
  const google::protobuf::EnumValueDescriptor* value =
      google::protobuf::GetEnumDescriptor<ProtoEnum>()->FindValueByNumber(proto);
  if (value == nullptr || value->number() == 0) return "";
  absl::string_view name = value->name();
  const absl::string_view prefix = ProtoEnumPrefix<ProtoEnum>();
  if (!absl::ConsumePrefix(&name, prefix)) return "";
  return absl::AsciiStrToLower(name);
}

// The domain value of a proto value, read by the domain's `from_name` (XFromName(name) -> the
// value, or none); none for UNSPECIFIED and unknown numbers, as `from_name` answers for "".
template <typename ProtoEnum, typename FromName>
auto FromProtoEnum(ProtoEnum proto, FromName from_name) {
  return from_name(ProtoEnumName(proto));
}

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_PROTO_ENUM_H_
