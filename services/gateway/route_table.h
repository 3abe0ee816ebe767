// The gateway's routing table, built at start from the compiled descriptors: every RPC of every
// linked service in the `swv.` packages that carries an (swv.v1.http) option becomes one route.
// No per-RPC code: a new RPC with the option is served (and documented in OpenAPI) once its
// generated code is linked into the gateway (services/gateway links all of swv_proto whole).
//
// Thread-safety: immutable after Build.
#ifndef SWV_SERVICES_GATEWAY_ROUTE_TABLE_H_
#define SWV_SERVICES_GATEWAY_ROUTE_TABLE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "services/kernel/path_template.h"

namespace swv::gateway {

struct Route {
  std::string http_method;  // "GET", "POST", "PATCH", "DELETE", "PUT"
  PathTemplate path;
  // "" (no body), "*" (the whole request message) or a top-level field name.
  std::string body;
  // What a success answers: the option's success_status, else 201 for POST of a method named
  // Create*/Report*, 204 for DELETE, 200 otherwise.
  int success_status = 200;
  const google::protobuf::MethodDescriptor* method = nullptr;
  std::string full_method;  // "/swv.v1.Registrations/GetThuiszitter", as gRPC names it
  std::string service;      // "swv.v1.Registrations"
  // Batch*/Import* methods: LVS bulk pushes, which get the larger body limit.
  bool bulk = false;
};

struct RouteMatch {
  const Route* route = nullptr;  // null when nothing matched
  std::vector<PathBinding> bindings;
  // When the path matched but the method did not: the methods that would have, for 405's Allow.
  std::vector<std::string> allowed_methods;
};

class RouteTable {
 public:
  // Reads every file of the generated pool's database (what is linked into this binary).
  // INVALID_ARGUMENT when an option is malformed (bad template, unknown body field, a path
  // variable naming no string field): a broken contract must stop the gateway at start.
  static absl::StatusOr<RouteTable> FromGeneratedPool(absl::string_view package_prefix = "swv.");

  // The same for explicitly given services (tests, and the gateway's own local services).
  static absl::StatusOr<RouteTable> FromServices(
      const std::vector<const google::protobuf::ServiceDescriptor*>& services);

  // The best route for this method and path: the one with the most literal segments when several
  // templates match.
  RouteMatch Match(absl::string_view http_method, absl::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

// The field at a dotted path ("settings.name") from a message type, or null.
const google::protobuf::FieldDescriptor* FindFieldByPath(const google::protobuf::Descriptor* type,
                                                         absl::string_view field_path);

}  // namespace swv::gateway

#endif  // SWV_SERVICES_GATEWAY_ROUTE_TABLE_H_
