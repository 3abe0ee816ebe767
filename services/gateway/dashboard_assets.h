// The dashboard's static files (services/gateway/dashboard/), embedded in the binary at build time
// by embed_files.cmake, and how the core serves them (GET /dashboard/ and /dashboard/<file>).
#ifndef SWV_SERVICES_GATEWAY_DASHBOARD_ASSETS_H_
#define SWV_SERVICES_GATEWAY_DASHBOARD_ASSETS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace swv::gateway {

inline constexpr char kDashboardPrefix[] = "/dashboard/";
// Only the gateway's own origin: no inline script or style, no asset from the internet.
inline constexpr char kDashboardCsp[] =
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'";

struct EmbeddedFile {
  const char* name;  // file name, e.g. "dashboard.js"
  const char* data;
  size_t size;
};

// Every embedded file (generated).
const std::vector<EmbeddedFile>& DashboardFiles();

// The file for "/dashboard/<name>" ("/dashboard/" is index.html), or null.
const EmbeddedFile* FindDashboardFile(absl::string_view path);

// "text/html; charset=utf-8", "text/css; charset=utf-8", "text/javascript; charset=utf-8", ...
std::string DashboardContentType(absl::string_view name);

}  // namespace swv::gateway

#endif  // SWV_SERVICES_GATEWAY_DASHBOARD_ASSETS_H_
