#include "services/gateway/openapi.h"

#include <map>
#include <set>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/gateway/gateway_store.h"
#include "services/kernel/json.h"
#include "swv/v1/http.pb.h"

namespace swv::gateway {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;

// A JSON object with keys in insertion order; values are JSON text.
class Object {
 public:
  Object& Add(absl::string_view key, std::string json) {
    members_.emplace_back(std::string(key), std::move(json));
    return *this;
  }
  Object& AddString(absl::string_view key, absl::string_view value) {
    return Add(key, JsonQuote(value));
  }
  std::string Json() const {
    std::vector<std::string> parts;
    for (const auto& [key, value] : members_)
      parts.push_back(absl::StrCat(JsonQuote(key), ":", value));
    return absl::StrCat("{", absl::StrJoin(parts, ","), "}");
  }
  bool empty() const { return members_.empty(); }

 private:
  std::vector<std::pair<std::string, std::string>> members_;
};

std::string Array(const std::vector<std::string>& items) {
  return absl::StrCat("[", absl::StrJoin(items, ","), "]");
}

std::string Ref(absl::string_view section, absl::string_view name) {
  return Object().AddString("$ref", absl::StrCat("#/components/", section, "/", name)).Json();
}

// "2026-10-01" and "2026-10-01T09:30:00Z" strings say so (swv.v1.text_format).
const char* FormatOf(const FieldDescriptor* field) {
  switch (field->options().GetExtension(swv::v1::text_format)) {
    case swv::v1::TEXT_FORMAT_DATE:
      return "date";
    case swv::v1::TEXT_FORMAT_DATE_TIME:
      return "date-time";
    default:
      return nullptr;
  }
}

// Each part of "swv.gateway.v1" or "Tlv.Decision" with its first letter upper case, joined.
std::string UpperCamel(absl::string_view dotted) {
  std::string out;
  for (absl::string_view part : absl::StrSplit(dotted, '.')) {
    if (part.empty()) continue;
    out.push_back(absl::ascii_toupper(static_cast<unsigned char>(part[0])));
    out.append(part.data() + 1, part.size() - 1);
  }
  return out;
}

class SchemaCollector {
 public:
  std::string RefTo(const Descriptor* type) {
    Collect(type);
    return Ref("schemas", NameOf(type));
  }

  std::string ScalarSchema(const FieldDescriptor* field) {
    switch (field->type()) {
      case FieldDescriptor::TYPE_INT64:
      case FieldDescriptor::TYPE_SINT64:
      case FieldDescriptor::TYPE_SFIXED64:
        return Object().AddString("type", "string").AddString("format", "int64").Json();
      case FieldDescriptor::TYPE_UINT64:
      case FieldDescriptor::TYPE_FIXED64:
        return Object().AddString("type", "string").AddString("format", "uint64").Json();
      case FieldDescriptor::TYPE_INT32:
      case FieldDescriptor::TYPE_SINT32:
      case FieldDescriptor::TYPE_SFIXED32:
        return Object().AddString("type", "integer").AddString("format", "int32").Json();
      case FieldDescriptor::TYPE_UINT32:
      case FieldDescriptor::TYPE_FIXED32:
        return Object()
            .AddString("type", "integer")
            .AddString("format", "int64")
            .Add("minimum", "0")
            .Json();
      case FieldDescriptor::TYPE_BOOL:
        return Object().AddString("type", "boolean").Json();
      case FieldDescriptor::TYPE_DOUBLE:
        return Object().AddString("type", "number").AddString("format", "double").Json();
      case FieldDescriptor::TYPE_FLOAT:
        return Object().AddString("type", "number").AddString("format", "float").Json();
      case FieldDescriptor::TYPE_BYTES:
        return Object().AddString("type", "string").AddString("format", "byte").Json();
      case FieldDescriptor::TYPE_ENUM:
        CollectEnum(field->enum_type());
        return Ref("schemas", NameOf(field->enum_type()));
      case FieldDescriptor::TYPE_MESSAGE:
      case FieldDescriptor::TYPE_GROUP:
        return RefTo(field->message_type());
      case FieldDescriptor::TYPE_STRING:
        break;
    }
    Object text;
    text.AddString("type", "string");
    if (const char* format = FormatOf(field); format != nullptr) text.AddString("format", format);
    return text.Json();
  }

  std::string FieldSchema(const FieldDescriptor* field) {
    if (field->is_map()) {
      return Object()
          .AddString("type", "object")
          .Add("additionalProperties", ScalarSchema(field->message_type()->map_value()))
          .Json();
    }
    if (field->is_repeated())
      return Object().AddString("type", "array").Add("items", ScalarSchema(field)).Json();
    return ScalarSchema(field);
  }

  // Components, sorted by name.
  std::string Json() const {
    Object out;
    for (const auto& [name, schema] : schemas_) out.Add(name, schema);
    return out.Json();
  }

 private:
  void Collect(const Descriptor* type) {
    if (!seen_.insert(type->full_name()).second) return;
    Object properties;
    for (int i = 0; i < type->field_count(); ++i) {
      const FieldDescriptor* field = type->field(i);
      properties.Add(field->json_name(), FieldSchema(field));
    }
    Object schema;
    schema.AddString("type", "object");
    if (!properties.empty()) schema.Add("properties", properties.Json());
    schemas_[NameOf(type)] = schema.Json();
  }

  void CollectEnum(const EnumDescriptor* type) {
    if (!seen_.insert(type->full_name()).second) return;
    std::vector<std::string> names;
    for (int i = 0; i < type->value_count(); ++i)
      names.push_back(JsonQuote(type->value(i)->name()));
    schemas_[NameOf(type)] = Object().AddString("type", "string").Add("enum", Array(names)).Json();
  }

  // The schema name of a message or enum: UpperCamelCase as the Design Rules ask, without the
  // package ("swv.v1.Tlv.Decision" -> "TlvDecision"); with the package when two types would
  // otherwise share a name ("SwvGatewayV1AuditEvent").
  template <typename Type>
  std::string NameOf(const Type* type) {
    auto known = names_.find(type->full_name());
    if (known != names_.end()) return known->second;
    absl::string_view package = type->file()->package();
    absl::string_view local = type->full_name();
    if (!package.empty()) local.remove_prefix(package.size() + 1);
    std::string name = UpperCamel(local);
    if (!taken_.insert(name).second) {
      name = UpperCamel(type->full_name());
      taken_.insert(name);
    }
    names_[type->full_name()] = name;
    return name;
  }

  std::set<std::string> seen_;
  std::map<std::string, std::string> schemas_;  // by schema name
  std::map<std::string, std::string> names_;    // full name -> schema name
  std::set<std::string> taken_;                 // schema names given out
};

std::string ProblemSchema() {
  Object param_properties;
  param_properties.Add("name", Object().AddString("type", "string").Json())
      .Add("reason", Object().AddString("type", "string").Json());
  Object properties;
  properties
      .Add("type", Object().AddString("type", "string").AddString("format", "uri-reference").Json())
      .Add("title", Object().AddString("type", "string").Json())
      .Add("status", Object().AddString("type", "integer").AddString("format", "int32").Json())
      .Add("detail", Object().AddString("type", "string").Json())
      .Add("instance",
           Object().AddString("type", "string").AddString("format", "uri-reference").Json())
      .Add("code", Object()
                       .AddString("type", "string")
                       .AddString("description", "gRPC status code name")
                       .Json())
      .Add("reason", Object()
                         .AddString("type", "string")
                         .AddString("description", "machine-readable rule")
                         .Json())
      .Add("invalidParams", Object()
                                .AddString("type", "array")
                                .Add("items", Object()
                                                  .AddString("type", "object")
                                                  .Add("properties", param_properties.Json())
                                                  .Json())
                                .Json());
  return Object().AddString("type", "object").Add("properties", properties.Json()).Json();
}

// Paths in the document are relative to the server URL, which carries the major version.
std::string RelativeToServer(absl::string_view path) {
  return std::string(absl::StripPrefix(path, kOpenApiServerUrl));
}

std::string Headers(bool location) {
  Object headers;
  headers.Add("API-Version", Ref("headers", "API-Version"));
  headers.Add("traceparent", Ref("headers", "traceparent"));
  if (location) headers.Add("Location", Ref("headers", "Location"));
  return headers.Json();
}

}  // namespace

std::string GenerateOpenApi(const RouteTable& routes, const OpenApiInfo& info) {
  SchemaCollector schemas;
  std::map<std::string, Object> paths;  // OpenAPI path -> operations by method
  std::map<std::string, int> operation_names;
  for (const Route& route : routes.routes()) operation_names[route.method->name()]++;

  for (const Route& route : routes.routes()) {
    std::vector<OpenApiPathParameter> path_parameters;
    std::string path = RelativeToServer(route.path.OpenApiPath(&path_parameters));
    std::vector<std::string> parameters;
    for (const OpenApiPathParameter& p : path_parameters) {
      parameters.push_back(
          Object()
              .AddString("name", p.name)
              .AddString("in", "path")
              .Add("required", "true")
              .AddString("description", absl::StrCat("part of the field `", p.field_path, "`"))
              .Add("schema", Object().AddString("type", "string").Json())
              .Json());
    }
    const Descriptor* input = route.method->input_type();
    std::set<std::string> bound;
    for (const std::string& field_path : route.path.VariableFieldPaths()) bound.insert(field_path);
    if (route.body != "*") {
      for (int i = 0; i < input->field_count(); ++i) {
        const FieldDescriptor* field = input->field(i);
        if (bound.count(field->name()) || field->name() == route.body || field->is_map() ||
            field->type() == FieldDescriptor::TYPE_MESSAGE) {
          continue;
        }
        parameters.push_back(Object()
                                 .AddString("name", field->json_name())
                                 .AddString("in", "query")
                                 .Add("required", "false")
                                 .Add("schema", schemas.FieldSchema(field))
                                 .Json());
      }
    }
    Object operation;
    std::string operation_id =
        operation_names[route.method->name()] > 1
            ? absl::StrCat(route.method->service()->name(), "_", route.method->name())
            : route.method->name();
    operation.AddString("operationId", operation_id)
        .AddString("summary",
                   absl::StrCat(route.method->name(), " (", route.method->full_name(), ")"))
        .Add("tags", Array({JsonQuote(route.method->service()->name())}));
    if (!parameters.empty()) operation.Add("parameters", Array(parameters));
    if (!route.body.empty()) {
      const Descriptor* body_type =
          route.body == "*" ? input : input->FindFieldByName(route.body)->message_type();
      operation.Add(
          "requestBody",
          Object()
              .Add("required", "true")
              .Add("content", Object()
                                  .Add("application/json",
                                       Object().Add("schema", schemas.RefTo(body_type)).Json())
                                  .Json())
              .Json());
    }
    Object responses;
    Object success;
    if (route.success_status == 204) {
      success.AddString("description", "Done; no content").Add("headers", Headers(false));
    } else {
      success.AddString("description", route.success_status == 201 ? "Created" : "OK")
          .Add("headers", Headers(route.success_status == 201))
          .Add("content",
               Object()
                   .Add("application/json",
                        Object().Add("schema", schemas.RefTo(route.method->output_type())).Json())
                   .Json());
    }
    responses.Add(absl::StrCat(route.success_status), success.Json());
    std::vector<int> errors = {400, 401, 403, 404, 429, 500, 503, 504};
    if (!route.body.empty()) errors = {400, 401, 403, 404, 409, 413, 415, 429, 500, 503, 504};
    for (int code : errors) responses.Add(absl::StrCat(code), Ref("responses", "Problem"));
    operation.Add("responses", responses.Json());
    if (!info.oauth_token_url.empty()) {
      // Either credential; an access token needs the scope of the method (docs/oauth.md).
      const char* scope = route.http_method == "GET" ? kScopeRead : kScopeWrite;
      operation.Add("security", Array({Object().Add("bearer", "[]").Json(),
                                       Object().Add("oauth2", Array({JsonQuote(scope)})).Json()}));
    }
    std::string method = route.http_method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    paths[path].Add(method, operation.Json());
  }

  // The document itself: public, no credential.
  paths[RelativeToServer(kOpenApiDocumentPath)].Add(
      "get",
      Object()
          .AddString("operationId", "GetOpenApiDocument")
          .AddString("summary", "This OpenAPI document")
          .Add("tags", Array({JsonQuote("Meta")}))
          .Add("security", "[]")
          .Add("responses",
               Object()
                   .Add("200", Object()
                                   .AddString("description", "OpenAPI 3 document")
                                   .Add("headers", Headers(false))
                                   .Add("content", Object().Add("application/json", "{}").Json())
                                   .Json())
                   .Json())
          .Json());

  Object paths_json;
  for (const auto& [path, operations] : paths) paths_json.Add(path, operations.Json());

  Object components;
  components.Add("schemas", [&] {
    std::string collected = schemas.Json();
    // Append the Problem schema to the collected ones.
    std::string problem = absl::StrCat(JsonQuote("Problem"), ":", ProblemSchema());
    return collected == "{}"
               ? absl::StrCat("{", problem, "}")
               : absl::StrCat(collected.substr(0, collected.size() - 1), ",", problem, "}");
  }());
  components.Add(
      "responses",
      Object()
          .Add(
              "Problem",
              Object()
                  .AddString("description", "An error (RFC 9457 problem details)")
                  .Add("headers", Headers(false))
                  .Add("content", Object()
                                      .Add("application/problem+json",
                                           Object().Add("schema", Ref("schemas", "Problem")).Json())
                                      .Json())
                  .Json())
          .Json());
  components.Add(
      "headers",
      Object()
          .Add("API-Version", Object()
                                  .AddString("description", "The full version of the API (semver)")
                                  .Add("schema", Object().AddString("type", "string").Json())
                                  .Json())
          .Add("traceparent",
               Object()
                   .AddString("description",
                              "W3C trace context of the request: the trace the client sent in "
                              "its traceparent header, continued, or a new one")
                   .Add("schema", Object().AddString("type", "string").Json())
                   .Json())
          .Add("Location", Object()
                               .AddString("description", "The URL of the created resource")
                               .Add("schema", Object().AddString("type", "string").Json())
                               .Json())
          .Json());
  Object schemes;
  schemes.Add("bearer",
              Object()
                  .AddString("type", "http")
                  .AddString("scheme", "bearer")
                  .AddString("description",
                             "An API key issued with swv-admin (swv_<id>.<secret>), or an OAuth "
                             "access token")
                  .Json());
  if (!info.oauth_token_url.empty()) {
    Object scopes;
    scopes.AddString(kScopeRead, "GET requests").AddString(kScopeWrite, "every other method");
    schemes.Add(
        "oauth2",
        Object()
            .AddString("type", "oauth2")
            .AddString("description",
                       "Client credentials per the NL GOV OAuth profile: private_key_jwt or mutual "
                       "TLS (tls_client_auth); see docs/oauth.md")
            .Add("flows",
                 Object()
                     .Add("clientCredentials", Object()
                                                   .AddString("tokenUrl", info.oauth_token_url)
                                                   .Add("scopes", scopes.Json())
                                                   .Json())
                     .Json())
            .Json());
  }
  components.Add("securitySchemes", schemes.Json());

  return Object()
      .AddString("openapi", "3.0.3")
      .Add("info", Object()
                       .AddString("title", info.title)
                       .AddString("version", info.version)
                       .AddString("description", info.description)
                       .Add("contact", Object()
                                           .AddString("name", info.contact_name)
                                           .AddString("email", info.contact_email)
                                           .AddString("url", info.contact_url)
                                           .Json())
                       .Json())
      .Add("servers", Array({Object().AddString("url", kOpenApiServerUrl).Json()}))
      .Add("security", Array({Object().Add("bearer", "[]").Json()}))
      .Add("paths", paths_json.Json())
      .Add("components", components.Json())
      .Json();
}

}  // namespace swv::gateway
