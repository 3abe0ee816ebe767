#include "services/gateway/route_table.h"

#include <algorithm>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/proto_fields.h"
#include "services/kernel/status_macros.h"
#include "swv/v1/http.pb.h"

namespace swv::gateway {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::MethodDescriptor;
using google::protobuf::ServiceDescriptor;

absl::Status AddRoute(const MethodDescriptor* method, std::vector<Route>* routes) {
  if (!method->options().HasExtension(swv::v1::http)) return absl::OkStatus();
  const swv::v1::HttpRule& rule = method->options().GetExtension(swv::v1::http);
  Route route;
  std::string pattern;
  switch (rule.pattern_case()) {
    case swv::v1::HttpRule::kGet:
      route.http_method = "GET";
      pattern = rule.get();
      break;
    case swv::v1::HttpRule::kPost:
      route.http_method = "POST";
      pattern = rule.post();
      break;
    case swv::v1::HttpRule::kPatch:
      route.http_method = "PATCH";
      pattern = rule.patch();
      break;
    case swv::v1::HttpRule::kDelete:
      route.http_method = "DELETE";
      pattern = rule.delete_();
      break;
    case swv::v1::HttpRule::kPut:
      route.http_method = "PUT";
      pattern = rule.put();
      break;
    case swv::v1::HttpRule::PATTERN_NOT_SET:
      return absl::InvalidArgumentError(
          absl::StrCat(method->full_name(), ": (swv.v1.http) has no get/post/patch/delete/put"));
  }
  absl::StatusOr<PathTemplate> path = PathTemplate::Parse(pattern);
  if (!path.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(method->full_name(), ": ", path.status().message()));
  }
  route.path = *std::move(path);
  const Descriptor* input = method->input_type();
  for (const std::string& field_path : route.path.VariableFieldPaths()) {
    const FieldDescriptor* field = FindFieldByPath(input, field_path);
    if (field == nullptr || field->is_repeated() || field->type() != FieldDescriptor::TYPE_STRING) {
      return absl::InvalidArgumentError(absl::StrCat(method->full_name(), ": path variable '",
                                                     field_path, "' is not a string field of ",
                                                     input->full_name()));
    }
  }
  route.body = rule.body();
  if (!route.body.empty() && route.body != "*") {
    const FieldDescriptor* field = input->FindFieldByName(route.body);
    if (field == nullptr || field->is_repeated() ||
        field->type() != FieldDescriptor::TYPE_MESSAGE) {
      return absl::InvalidArgumentError(absl::StrCat(method->full_name(), ": body '", route.body,
                                                     "' is not a message field of ",
                                                     input->full_name()));
    }
  }
  if (rule.success_status() != 0) {
    route.success_status = rule.success_status();
  } else if (route.http_method == "DELETE") {
    route.success_status = 204;
  } else if (route.http_method == "POST" && (absl::StartsWith(method->name(), "Create") ||
                                             absl::StartsWith(method->name(), "Report"))) {
    route.success_status = 201;
  }
  route.method = method;
  route.service = method->service()->full_name();
  route.full_method = absl::StrCat("/", route.service, "/", method->name());
  route.bulk =
      absl::StartsWith(method->name(), "Batch") || absl::StartsWith(method->name(), "Import");
  routes->push_back(std::move(route));
  return absl::OkStatus();
}

}  // namespace

const FieldDescriptor* FindFieldByPath(const Descriptor* type, absl::string_view field_path) {
  const FieldDescriptor* field = nullptr;
  for (absl::string_view part : absl::StrSplit(field_path, '.')) {
    if (type == nullptr) return nullptr;
    field = type->FindFieldByName(std::string(part));
    if (field == nullptr) return nullptr;
    type = field->type() == FieldDescriptor::TYPE_MESSAGE && !field->is_repeated()
               ? field->message_type()
               : nullptr;
  }
  return field;
}

absl::StatusOr<RouteTable> RouteTable::FromGeneratedPool(absl::string_view package_prefix) {
  // Sorted by file, a stable order for routes and the OpenAPI document.
  return FromServices(LinkedServices(package_prefix));
}

absl::StatusOr<RouteTable> RouteTable::FromServices(
    const std::vector<const ServiceDescriptor*>& services) {
  RouteTable table;
  std::set<std::string> seen;
  for (const ServiceDescriptor* service : services) {
    if (!seen.insert(service->full_name()).second) continue;
    for (int m = 0; m < service->method_count(); ++m) {
      const MethodDescriptor* method = service->method(m);
      if (method->client_streaming() || method->server_streaming()) continue;  // unary only
      SWV_RETURN_IF_ERROR(AddRoute(method, &table.routes_));
    }
  }
  // Two routes with the same method and template would make one unreachable.
  for (size_t a = 0; a < table.routes_.size(); ++a) {
    for (size_t b = a + 1; b < table.routes_.size(); ++b) {
      const Route& first = table.routes_[a];
      const Route& second = table.routes_[b];
      if (first.http_method == second.http_method && first.path.text() == second.path.text()) {
        return absl::InvalidArgumentError(
            absl::StrCat("routes ", first.method->full_name(), " and ", second.method->full_name(),
                         " share ", first.http_method, " ", first.path.text()));
      }
    }
  }
  return table;
}

RouteMatch RouteTable::Match(absl::string_view http_method, absl::string_view path) const {
  RouteMatch best;
  int best_literals = -1;
  std::vector<PathBinding> bindings;
  // HEAD is answered like GET (httplib strips the body).
  absl::string_view method = http_method == "HEAD" ? "GET" : http_method;
  for (const Route& route : routes_) {
    if (!route.path.Match(path, &bindings)) continue;
    if (route.http_method != method) {
      if (std::find(best.allowed_methods.begin(), best.allowed_methods.end(), route.http_method) ==
          best.allowed_methods.end()) {
        best.allowed_methods.push_back(route.http_method);
      }
      continue;
    }
    if (route.path.LiteralCount() > best_literals) {
      best_literals = route.path.LiteralCount();
      best.route = &route;
      best.bindings = bindings;
    }
  }
  if (best.route != nullptr) best.allowed_methods.clear();
  std::sort(best.allowed_methods.begin(), best.allowed_methods.end());
  return best;
}

}  // namespace swv::gateway
