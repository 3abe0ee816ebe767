#include "services/common/grpc_principal.h"

#include <map>
#include <string>

namespace swv {

absl::StatusOr<Principal> CallerOf(const grpc::ServerContext& context) {
  std::map<std::string, std::string> metadata;
  for (const char* key : {kPrincipalKey, kPrincipalKindKey, kTenantKey, kScopeKey}) {
    auto it = context.client_metadata().find(key);
    if (it != context.client_metadata().end()) {
      metadata[key] = std::string(it->second.data(), it->second.size());
    }
  }
  if (metadata.count(kPrincipalKey) == 0) return Principal{};
  return PrincipalFromMetadata(metadata);
}

}  // namespace swv
