#include "services/gateway/dashboard_assets.h"

#include "absl/strings/match.h"
#include "absl/strings/strip.h"

namespace swv::gateway {

const EmbeddedFile* FindDashboardFile(absl::string_view path) {
  if (!absl::ConsumePrefix(&path, kDashboardPrefix)) return nullptr;
  if (path.empty()) path = "index.html";
  for (const EmbeddedFile& file : DashboardFiles()) {
    if (path == file.name) return &file;
  }
  return nullptr;
}

std::string DashboardContentType(absl::string_view name) {
  if (absl::EndsWith(name, ".html")) return "text/html; charset=utf-8";
  if (absl::EndsWith(name, ".css")) return "text/css; charset=utf-8";
  if (absl::EndsWith(name, ".js")) return "text/javascript; charset=utf-8";
  if (absl::EndsWith(name, ".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

}  // namespace swv::gateway
