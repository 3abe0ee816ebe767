#include "services/common/grpc_generic_call.h"

#include <vector>

#include "absl/synchronization/notification.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/byte_buffer.h"
#include "services/common/grpc_status.h"
#include "services/common/proto_fields.h"

namespace swv {
namespace {

absl::Status Serialize(const google::protobuf::Message& message, grpc::ByteBuffer* buffer) {
  std::string bytes;
  if (!message.SerializeToString(&bytes)) return absl::InternalError("cannot serialize request");
  grpc::Slice slice(bytes);
  *buffer = grpc::ByteBuffer(&slice, 1);
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<google::protobuf::Message>> ParseReply(
    grpc::ByteBuffer& reply, const google::protobuf::Descriptor* type) {
  std::vector<grpc::Slice> slices;
  if (!reply.Dump(&slices).ok()) return absl::InternalError("cannot read the reply");
  std::string bytes;
  for (const grpc::Slice& part : slices) {
    bytes.append(reinterpret_cast<const char*>(part.begin()), part.size());
  }
  std::unique_ptr<google::protobuf::Message> message = NewMessage(type);
  if (!message->ParseFromString(bytes)) return absl::InternalError("cannot parse the reply");
  return message;
}

}  // namespace

absl::StatusOr<std::unique_ptr<google::protobuf::Message>> CallUnaryGeneric(
    const std::shared_ptr<grpc::Channel>& channel, const GenericCall& call) {
  grpc::ByteBuffer request;
  absl::Status serialized = Serialize(*call.request, &request);
  if (!serialized.ok()) return serialized;
  grpc::ByteBuffer reply;
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(call.deadline));
  for (const auto& [key, value] : call.metadata) context.AddMetadata(key, value);

  grpc::GenericStub stub(channel);
  absl::Notification done;
  grpc::Status status;
  stub.UnaryCall(&context, call.full_method, grpc::StubOptions(), &request, &reply,
                 [&status, &done](grpc::Status result) {
                   status = std::move(result);
                   done.Notify();
                 });
  done.WaitForNotification();
  if (!status.ok()) return FromGrpcStatus(status);

  return ParseReply(reply, call.response_type);
}

absl::StatusOr<std::unique_ptr<google::protobuf::Message>> CallClientStreamingGeneric(
    const std::shared_ptr<grpc::Channel>& channel, const GenericCall& call,
    const std::vector<const google::protobuf::Message*>& requests) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(call.deadline));
  for (const auto& [key, value] : call.metadata) context.AddMetadata(key, value);
  grpc::CompletionQueue queue;
  grpc::GenericStub stub(channel);
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> stream =
      stub.PrepareCall(&context, call.full_method, &queue);
  // One operation at a time: start it, then wait for its completion. `ok` false means the stream
  // is broken (the service answered early); Finish then says why.
  auto wait = [&queue]() {
    void* tag = nullptr;
    bool ok = false;
    return queue.Next(&tag, &ok) && ok;
  };
  stream->StartCall(nullptr);
  bool open = wait();
  for (size_t i = 0; open && i < requests.size(); ++i) {
    grpc::ByteBuffer buffer;
    absl::Status serialized = Serialize(*requests[i], &buffer);
    if (!serialized.ok()) return serialized;
    stream->Write(buffer, nullptr);
    open = wait();
  }
  grpc::ByteBuffer reply;
  if (open) {
    stream->WritesDone(nullptr);
    wait();
    stream->Read(&reply, nullptr);
    wait();
  }
  grpc::Status status;
  stream->Finish(&status, nullptr);
  wait();
  queue.Shutdown();
  void* drained_tag = nullptr;
  bool drained_ok = false;
  while (queue.Next(&drained_tag, &drained_ok)) {
  }
  if (!status.ok()) return FromGrpcStatus(status);
  return ParseReply(reply, call.response_type);
}

}  // namespace swv
