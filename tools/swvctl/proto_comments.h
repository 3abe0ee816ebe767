// The leading comments of the RPCs in the .proto files, for swvctl's help. Generated code drops
// source info, so the build embeds a descriptor set made with --include_source_info
// (embed_descriptors.cmake) and this reads the comments back from it.
//
// Thread-safety: thread-safe (the table is built once, on first use).
#ifndef SWV_TOOLS_SWVCTL_PROTO_COMMENTS_H_
#define SWV_TOOLS_SWVCTL_PROTO_COMMENTS_H_

#include <string>

#include "google/protobuf/descriptor.h"

namespace swv::swvctl {

// The comment above `rpc Method(...)`, without the "//" and with its line breaks; "" when it has
// none.
std::string LeadingComment(const google::protobuf::MethodDescriptor& method);

}  // namespace swv::swvctl

#endif  // SWV_TOOLS_SWVCTL_PROTO_COMMENTS_H_
