// The in-process backend of swv.gateway.v1.AccessLog: reads the gateway store's access log.
// The core routes the service's calls here (RoutingBackend), after the same authentication and
// authorization as any route (only the tenant's SWV office may read).
#ifndef SWV_SERVICES_GATEWAY_ACCESS_LOG_BACKEND_H_
#define SWV_SERVICES_GATEWAY_ACCESS_LOG_BACKEND_H_

#include "services/gateway/backend.h"
#include "services/gateway/gateway_store.h"

namespace swv::gateway {

inline constexpr char kAccessLogService[] = "swv.gateway.v1.AccessLog";

class AccessLogBackend final : public Backend {
 public:
  explicit AccessLogBackend(GatewayStore* store) : store_(store) {}
  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> Call(const BackendCall& call) override;

 private:
  GatewayStore* store_;  // not owned
};

}  // namespace swv::gateway

#endif  // SWV_SERVICES_GATEWAY_ACCESS_LOG_BACKEND_H_
