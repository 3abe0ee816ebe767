// One unary call by full method name with a generic stub: the request and reply are messages whose
// types come from descriptors, not from generated stubs. The gateway calls every routed RPC this
// way and swvctl every command, so neither has code per RPC.
//
// Thread-safety: safe from any thread (the channel is gRPC's thread-safe channel).
#ifndef SWV_SERVICES_COMMON_GRPC_GENERIC_CALL_H_
#define SWV_SERVICES_COMMON_GRPC_GENERIC_CALL_H_

#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace swv {

struct GenericCall {
  std::string full_method;                             // "/swv.v1.Registrations/GetThuiszitter"
  const google::protobuf::Message* request = nullptr;  // unary calls only
  const google::protobuf::Descriptor* response_type = nullptr;
  absl::Time deadline = absl::InfiniteFuture();
  std::map<std::string, std::string> metadata;
};

// The reply, or the service's status with its code, message, field violations and reason
// (FromGrpcStatus).
absl::StatusOr<std::unique_ptr<google::protobuf::Message>> CallUnaryGeneric(
    const std::shared_ptr<grpc::Channel>& channel, const GenericCall& call);

// A client-streaming call: `requests` in order as the stream, then the one reply. The same
// errors; a service that fails mid-stream answers with its status, the rest is not sent.
absl::StatusOr<std::unique_ptr<google::protobuf::Message>> CallClientStreamingGeneric(
    const std::shared_ptr<grpc::Channel>& channel, const GenericCall& call,
    const std::vector<const google::protobuf::Message*>& requests);

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_GRPC_GENERIC_CALL_H_
