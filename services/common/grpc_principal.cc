#include "services/common/grpc_principal.h"

#include <map>
#include <string>

#include "services/common/access.h"

namespace swv {
namespace {

using grpc::experimental::InterceptionHookPoints;

class AccessCheckInterceptor : public grpc::experimental::Interceptor {
 public:
  explicit AccessCheckInterceptor(const char* method) : method_(method == nullptr ? "" : method) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      std::multimap<grpc::string_ref, grpc::string_ref>* metadata =
          methods->GetRecvInitialMetadata();
      // A client may not name the method itself.
      for (auto it = metadata->begin(); it != metadata->end();) {
        it = it->first == kCalledMethodKey ? metadata->erase(it) : std::next(it);
      }
      // The strings are this interceptor's, which lives as long as the call.
      metadata->emplace(grpc::string_ref(kCalledMethodKey), grpc::string_ref(method_));
    }
    methods->Proceed();
  }

 private:
  const std::string method_;
};

class AccessCheckInterceptorFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new AccessCheckInterceptor(info->method());
  }
};

}  // namespace

absl::StatusOr<Principal> CallerOf(const grpc::ServerContext& context) {
  std::map<std::string, std::string> metadata;
  for (const char* key :
       {kPrincipalKey, kPrincipalKindKey, kTenantKey, kScopeKey, kCalledMethodKey}) {
    auto it = context.client_metadata().find(key);
    if (it != context.client_metadata().end()) {
      metadata[key] = std::string(it->second.data(), it->second.size());
    }
  }
  const google::protobuf::MethodDescriptor* method = FindMethod(metadata[kCalledMethodKey]);
  if (method == nullptr) {
    return absl::PermissionDeniedError("the call was not matched to a declared method");
  }
  Principal principal;
  if (metadata.count(kPrincipalKey) != 0) {
    absl::StatusOr<Principal> parsed = PrincipalFromMetadata(metadata);
    if (!parsed.ok()) return parsed.status();
    principal = *std::move(parsed);
  }
  if (absl::Status allowed = CheckCall(principal, *method); !allowed.ok()) return allowed;
  return principal;
}

void AttachPrincipal(const Principal& principal, grpc::ClientContext* context) {
  for (const auto& [key, value] : PrincipalToMetadata(principal)) context->AddMetadata(key, value);
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeAccessCheckInterceptorFactory() {
  return std::make_unique<AccessCheckInterceptorFactory>();
}

}  // namespace swv
