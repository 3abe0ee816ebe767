#include "services/gateway/backend.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/notification.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/byte_buffer.h"
#include "services/common/grpc_status.h"
#include "services/gateway/transcoder.h"

namespace swv::gateway {

GrpcBackend::GrpcBackend(const std::map<std::string, std::string>& targets,
                         const ChannelFactory& channels) {
  absl::flat_hash_map<std::string, std::shared_ptr<grpc::Channel>> by_target;
  for (const auto& [service, target] : targets) {
    std::shared_ptr<grpc::Channel>& channel = by_target[target];
    if (channel == nullptr) channel = channels.Open(target);
    channels_[service] = channel;
  }
}

absl::StatusOr<std::unique_ptr<google::protobuf::Message>> GrpcBackend::Call(
    const BackendCall& call) {
  auto it = channels_.find(call.service);
  if (it == channels_.end()) {
    return absl::UnavailableError(absl::StrCat("no backend configured for ", call.service));
  }
  std::string bytes;
  if (!call.request->SerializeToString(&bytes))
    return absl::InternalError("cannot serialize request");
  grpc::Slice slice(bytes);
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer reply;
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(call.deadline));
  for (const auto& [key, value] : call.metadata) context.AddMetadata(key, value);

  grpc::GenericStub stub(it->second);
  absl::Notification done;
  grpc::Status status;
  stub.UnaryCall(&context, call.full_method, grpc::StubOptions(), &request, &reply,
                 [&status, &done](grpc::Status result) {
                   status = std::move(result);
                   done.Notify();
                 });
  done.WaitForNotification();
  if (!status.ok()) return FromGrpcStatus(status);

  std::vector<grpc::Slice> slices;
  if (!reply.Dump(&slices).ok()) return absl::InternalError("cannot read the reply");
  std::string reply_bytes;
  for (const grpc::Slice& part : slices) {
    reply_bytes.append(reinterpret_cast<const char*>(part.begin()), part.size());
  }
  std::unique_ptr<google::protobuf::Message> message = NewMessage(call.response_type);
  if (!message->ParseFromString(reply_bytes)) return absl::InternalError("cannot parse the reply");
  return message;
}

}  // namespace swv::gateway

namespace swv::gateway {

absl::StatusOr<std::map<std::string, std::string>> ResolveBackendTargets(
    const std::vector<std::string>& services, const std::string& registrations,
    const std::string& allocation, const std::string& monitoring, const std::string& overrides) {
  std::map<std::string, std::string> targets;
  for (const std::string& service : services) {
    if (!absl::StartsWith(service, "swv.v1.")) continue;
    std::string target = registrations;
    if (absl::StartsWith(service, "swv.v1.Allocation")) target = allocation;
    if (absl::StartsWith(service, "swv.v1.Monitoring")) target = monitoring;
    if (!target.empty()) targets[service] = target;
  }
  for (absl::string_view entry : absl::StrSplit(overrides, ',', absl::SkipWhitespace())) {
    std::vector<std::string> parts =
        absl::StrSplit(absl::StripAsciiWhitespace(entry), absl::MaxSplits('=', 1));
    if (parts.size() != 2 || parts[0].empty() || parts[1].empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--backends: \"", entry,
                       "\" is not SERVICE=HOST:PORT, e.g. swv.v1.Tlvs=127.0.0.1:50051"));
    }
    targets[parts[0]] = parts[1];
  }
  return targets;
}

}  // namespace swv::gateway
