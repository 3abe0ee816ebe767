// The access declarations (proto/swv/v1/access.proto) evaluated: which principal kinds may call an
// RPC and how far they reach. The one place where "who may call what" is decided; the gateway
// checks a route with it before transcoding, every service checks each call with it (through
// CallerOf, grpc_principal.h), and docs/access.md is generated from the same declarations.
//
// Staff (SWV tools on the gRPC port) act as the office of any SWV.
//
// Stateless functions over the compiled descriptors: thread-safe.
#ifndef SWV_SERVICES_COMMON_ACCESS_H_
#define SWV_SERVICES_COMMON_ACCESS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "services/common/principal.h"
#include "swv/v1/access.pb.h"

namespace swv {

// The declaration of a method; NOT_FOUND when it has none.
absl::StatusOr<swv::v1::Access> DeclarationOf(const google::protobuf::MethodDescriptor& method);

// The method for a gRPC path ("/swv.v1.Tlvs/CreateOpp") or full name ("swv.v1.Tlvs.CreateOpp")
// in the compiled-in descriptors; null when unknown.
const google::protobuf::MethodDescriptor* FindMethod(absl::string_view path_or_name);

// How far this kind reaches with this declaration (staff: the office's).
swv::v1::Reach ReachOf(const swv::v1::Access& access, PrincipalKind kind);

// OK when the principal's kind may call the method at all; PERMISSION_DENIED naming the kind and
// the RPC otherwise, and for a method without a declaration. Scope (which records) is applied
// afterwards by the service (access_policy.h) or the gateway.
absl::Status CheckCall(const Principal& principal,
                       const google::protobuf::MethodDescriptor& method);

// The methods of these services that carry no declaration, as full names. A process refuses to
// start while this is not empty, and a test fails.
std::vector<std::string> UndeclaredMethods(
    const std::vector<const google::protobuf::ServiceDescriptor*>& services);

// Whether the principal makes the SWV's decisions: its office (and staff tools, which act as the
// office). Fields marked (swv.v1.office_decides) in the protos are set by them only.
bool DecidesForSwv(const Principal& principal);

// The fields marked (swv.v1.office_decides) in this message and the messages it holds, as
// "message.field" names, for docs/access.md.
std::vector<std::string> OfficeDecidedFields(const google::protobuf::Descriptor& message);

// Reach as it is written in the declarations ("REACH_OWN_SCHOOLS").
std::string ReachName(swv::v1::Reach reach);

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_ACCESS_H_
