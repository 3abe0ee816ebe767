// swvctl's commands, derived from the compiled-in descriptors with no code per RPC: every unary
// or client-streaming method of every swv.v1 service is one command (there is no server-streaming
// RPC to print), named by the service and the method in kebab
// case ("swv.v1.Tlvs" / "CreateTlv" -> `swvctl tlvs create-tlv`).
//
// Thread-safety: immutable after construction.
#ifndef SWV_TOOLS_SWVCTL_COMMAND_TABLE_H_
#define SWV_TOOLS_SWVCTL_COMMAND_TABLE_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"

namespace swv::swvctl {

struct Command {
  std::string name;  // "create-tlv"
  const google::protobuf::MethodDescriptor* method = nullptr;
  std::string full_method;  // "/swv.v1.Tlvs/CreateTlv", as gRPC names it
  // The request is a stream (StreamImportCounts): JSON lines, one message each.
  bool client_streaming = false;
  // The REST route binds parent to swvs/* (most creates and lists): an empty parent is the SWV
  // of --swv. Other parents (swvs/*/count-dates/*) must be given.
  bool parent_is_swv = false;
  // One line for the listings: the first sentence of the RPC's leading comment in the .proto
  // when known, else "access: " and its access note, else "".
  std::string summary;
};

struct Area {
  std::string name;  // "tlvs"
  const google::protobuf::ServiceDescriptor* service = nullptr;
  std::vector<Command> commands;
};

// The leading comment of a method in its .proto, or "" (the generated descriptors carry no
// comments; see proto_comments.h).
using CommentSource = std::function<std::string(const google::protobuf::MethodDescriptor&)>;

class CommandTable {
 public:
  // Every service of the generated pool (what is linked; swvctl links all of swv_proto) whose full
  // name starts with `package_prefix`, in file order.
  static CommandTable FromGeneratedPool(absl::string_view package_prefix,
                                        const CommentSource& comments);
  static CommandTable FromServices(
      const std::vector<const google::protobuf::ServiceDescriptor*>& services,
      const CommentSource& comments);

  const std::vector<Area>& areas() const { return areas_; }

  // INVALID_ARGUMENT naming the unknown word and the --help that lists the right ones.
  absl::StatusOr<const Area*> FindArea(absl::string_view name) const;
  absl::StatusOr<const Command*> FindCommand(const Area& area, absl::string_view name) const;

 private:
  std::vector<Area> areas_;
};

// The method's REST route from its (swv.v1.http) option, "POST /api/v1/{parent=swvs/*}/tlvs", or
// "" (gRPC only).
std::string HttpRoute(const google::protobuf::MethodDescriptor& method);

// "CreateTlv" -> "create-tlv", "GetSBOThreshold" -> "get-sbo-threshold".
std::string KebabCase(absl::string_view camel_case);

// The first sentence of a comment, on one line: "A school registers an OPP. Idempotent..." ->
// "A school registers an OPP."
std::string FirstSentence(absl::string_view comment);

}  // namespace swv::swvctl

#endif  // SWV_TOOLS_SWVCTL_COMMAND_TABLE_H_
