#include "services/gateway/stages/request_context.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"

namespace swv::gateway {

std::string TenantOf(const std::vector<PathBinding>& bindings) {
  for (const auto& [field, value] : bindings) {
    std::vector<absl::string_view> parts = absl::StrSplit(value, '/');
    if (parts.size() >= 2 && parts[0] == "swvs" && !parts[1].empty()) return std::string(parts[1]);
  }
  return "";
}

std::string ResourceNameOf(const std::vector<PathBinding>& bindings) {
  for (const auto& [field, value] : bindings) {
    if (field == "name" || absl::EndsWith(field, ".name")) return value;
  }
  return "";
}

std::string RequestedRecord(const std::vector<PathBinding>& bindings) {
  std::string name = ResourceNameOf(bindings);
  if (!name.empty() || bindings.empty()) return name;
  return bindings.front().second;
}

RequestContext::RequestContext(const HttpRequest& request, const Route& matched,
                               std::vector<PathBinding> path, Credential caller)
    : http(&request),
      route(&matched),
      bindings(std::move(path)),
      credential(std::move(caller)),
      principal(credential.ToPrincipal()),
      tenant(CanonicalTenant(TenantOf(bindings))),
      trace(CurrentTrace() != nullptr ? *CurrentTrace() : StartTrace()),
      audit(matched.http_method != "GET" || principal.kind == PrincipalKind::kPartner ||
            principal.kind == PrincipalKind::kYouthCare) {}

}  // namespace swv::gateway
