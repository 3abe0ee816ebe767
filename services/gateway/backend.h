// How the gateway core reaches the services: one call = full method, request message, deadline,
// metadata -> reply message or status. The core only sees this interface, so unit tests use a
// fake and the end-to-end test real services over gRPC.
#ifndef SWV_SERVICES_GATEWAY_BACKEND_H_
#define SWV_SERVICES_GATEWAY_BACKEND_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "grpcpp/channel.h"
#include "services/common/grpc_channel.h"

namespace swv::gateway {

struct BackendCall {
  std::string service;      // "swv.v1.Registrations"
  std::string full_method;  // "/swv.v1.Registrations/GetThuiszitter"
  const google::protobuf::Message* request = nullptr;
  const google::protobuf::Descriptor* response_type = nullptr;
  absl::Time deadline = absl::InfiniteFuture();
  std::map<std::string, std::string> metadata;
};

class Backend {
 public:
  virtual ~Backend() = default;
  // Thread-safe. Errors carry the service's code, message and details (FromGrpcStatus).
  virtual absl::StatusOr<std::unique_ptr<google::protobuf::Message>> Call(
      const BackendCall& call) = 0;
};

// Calls services over gRPC with a generic stub (bytes in, bytes out; the core's descriptors
// give the types). One channel per configured target, shared by the services it hosts.
// A service without a target answers UNAVAILABLE (503): the route exists, its backend is not
// configured in this deployment.
class GrpcBackend final : public Backend {
 public:
  // `targets`: service full name -> "host:port". Channels are insecure (loopback or a private
  // network; mTLS between gateway and services is a deployment concern, see docs/gateway.md).
  // Channels from `channels` (mutual TLS and signed principals, grpc_channel.h).
  GrpcBackend(const std::map<std::string, std::string>& targets, const ChannelFactory& channels);

  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> Call(const BackendCall& call) override;

 private:
  absl::flat_hash_map<std::string, std::shared_ptr<grpc::Channel>> channels_;  // by service
};

// Routes calls by service to one of several backends (the gateway's own local services and
// GrpcBackend). Services not listed go to `fallback`.
class RoutingBackend final : public Backend {
 public:
  explicit RoutingBackend(Backend* fallback) : fallback_(fallback) {}
  // Before use only. Not owned.
  void Route(absl::string_view service, Backend* backend) { routes_[service] = backend; }

  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> Call(
      const BackendCall& call) override {
    auto it = routes_.find(call.service);
    return (it == routes_.end() ? fallback_ : it->second)->Call(call);
  }

 private:
  Backend* fallback_;
  absl::flat_hash_map<std::string, Backend*> routes_;
};

}  // namespace swv::gateway

#endif  // SWV_SERVICES_GATEWAY_BACKEND_H_

namespace swv::gateway {

// Which process serves which proto service (see docs/gateway.md "Backends"):
//   swv.v1.Allocation*   -> `allocation` (swv-allocation)
//   swv.v1.Monitoring*   -> `monitoring` (swv-monitoring)
//   every other swv.v1.* -> `registrations` (swv-registrations hosts Registrations, Directory,
//                           Tlvs, Support, ...)
// then `overrides` ("swv.v1.Foo=host:port,swv.v1.Bar=host:port") win per service. Empty targets
// are left out, so those routes answer 503. Services outside swv.v1 (the gateway's own) are not
// mapped. INVALID_ARGUMENT for a malformed override list.
absl::StatusOr<std::map<std::string, std::string>> ResolveBackendTargets(
    const std::vector<std::string>& services, const std::string& registrations,
    const std::string& allocation, const std::string& monitoring, const std::string& overrides);

}  // namespace swv::gateway
