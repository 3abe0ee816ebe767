// The generated OpenAPI document: every route with its schemas, and conformance to the Dutch API
// Design Rules 2.x as Logius publishes them (docs/api-design-rules.md lists the rules and how we
// comply). These checks are written here from the published rules, so that .ci/run holds the
// document to them without fetching the official linter's ruleset.
#include "services/gateway/openapi.h"

#include <map>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "services/gateway/route_table.h"

namespace swv::gateway {
namespace {

using google::protobuf::Struct;
using google::protobuf::Value;

// The name patterns of the rules, by hand (GCC 12's std::regex trips its own warnings in the
// sanitizer build).
bool AllAlnum(absl::string_view text) {
  for (char c : text) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) return false;
  }
  return true;
}
// lowerCamelCase: [a-z][a-z0-9]*([A-Z][a-z0-9]*)*
bool IsLowerCamel(absl::string_view text) {
  return !text.empty() && absl::ascii_islower(static_cast<unsigned char>(text[0])) &&
         AllAlnum(text);
}
// UpperCamelCase: [A-Z][a-z0-9]*([A-Z][a-z0-9]*)*
bool IsUpperCamel(absl::string_view text) {
  return !text.empty() && absl::ascii_isupper(static_cast<unsigned char>(text[0])) &&
         AllAlnum(text);
}
// A path segment: kebab-case ([a-z0-9][a-z0-9-]*) or a lowerCamelCase {parameter}.
bool IsKebabSegment(absl::string_view segment) {
  if (absl::ConsumePrefix(&segment, "{")) {
    return absl::ConsumeSuffix(&segment, "}") && IsLowerCamel(segment);
  }
  if (segment.empty() || segment[0] == '-') return false;
  for (char c : segment) {
    if (!absl::ascii_islower(static_cast<unsigned char>(c)) &&
        !absl::ascii_isdigit(static_cast<unsigned char>(c)) && c != '-') {
      return false;
    }
  }
  return true;
}
// A dedicated resource for an operation: _[a-z]+, last segment only.
bool IsOperationSegment(absl::string_view segment) {
  if (!absl::ConsumePrefix(&segment, "_") || segment.empty()) return false;
  for (char c : segment) {
    if (!absl::ascii_islower(static_cast<unsigned char>(c))) return false;
  }
  return true;
}
// MAJOR.MINOR.PATCH, numbers without leading zeros.
bool IsSemver(absl::string_view version) {
  std::vector<absl::string_view> parts = absl::StrSplit(version, '.');
  if (parts.size() != 3) return false;
  for (absl::string_view part : parts) {
    if (part.empty() || (part.size() > 1 && part[0] == '0')) return false;
    for (char c : part) {
      if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
    }
  }
  return true;
}
// What the rules' linter takes for a date: "date", "datum", "…Date…"/"…Datum…" after a word
// character, "…_date…"/"…_Date…".
bool AdrDateName(absl::string_view name) {
  if (name == "date" || name == "datum") return true;
  size_t upper = name.find("Dat");
  if (upper != absl::string_view::npos && upper > 0 &&
      (absl::StartsWith(name.substr(upper), "Date") ||
       absl::StartsWith(name.substr(upper), "Datum"))) {
    return true;
  }
  return absl::StrContains(name, "_date") || absl::StrContains(name, "_Date") ||
         absl::StrContains(name, "_datum") || absl::StrContains(name, "_Datum");
}
// Names that say a property is a day or a moment.
bool DayOrMomentName(absl::string_view name) {
  for (absl::string_view whole : {"from", "to", "asOf", "time", "computedAt"}) {
    if (name == whole) return true;
  }
  for (absl::string_view suffix :
       {"On", "Since", "Until", "Deadline", "Start", "End", "Due", "Time", "Mark"}) {
    if (name.size() > suffix.size() && absl::EndsWith(name, suffix)) return true;
  }
  return false;
}

class OpenApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<RouteTable> table = RouteTable::FromGeneratedPool();
    ASSERT_TRUE(table.ok()) << table.status();
    table_ = std::make_unique<RouteTable>(*std::move(table));
    std::string json = GenerateOpenApi(*table_, OpenApiInfo{});
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json, &document_).ok())
        << json.substr(0, 500);
  }

  const Struct& At(const Struct& object, const std::string& key) {
    static const Struct kEmpty;
    auto it = object.fields().find(key);
    return it == object.fields().end() ? kEmpty : it->second.struct_value();
  }
  const Struct& Paths() { return At(document_, "paths"); }
  const Struct& Schemas() { return At(At(document_, "components"), "schemas"); }

  // The operations of the document with their path and method ("parameters" is not one).
  struct Operation {
    std::string path;
    std::string method;
    const Struct* body;
  };
  std::vector<Operation> Operations() {
    std::vector<Operation> out;
    for (const auto& [path, item] : Paths().fields()) {
      for (const auto& [method, operation] : item.struct_value().fields()) {
        if (method != "parameters") out.push_back({path, method, &operation.struct_value()});
      }
    }
    return out;
  }

  // A response, following a $ref into components.responses.
  const Struct& Resolved(const Value& response) {
    const auto& fields = response.struct_value().fields();
    auto ref = fields.find("$ref");
    if (ref == fields.end()) return response.struct_value();
    std::string name =
        std::string(absl::StripPrefix(ref->second.string_value(), "#/components/responses/"));
    return At(At(At(document_, "components"), "responses"), name);
  }

  std::unique_ptr<RouteTable> table_;
  Struct document_;
};

TEST_F(OpenApiTest, DocumentListsEveryRouteWithSchemas) {
  EXPECT_EQ(document_.fields().at("openapi").string_value(), "3.0.3");
  for (const Route& route : table_->routes()) {
    std::vector<OpenApiPathParameter> parameters;
    std::string path(absl::StripPrefix(route.path.OpenApiPath(&parameters), kOpenApiServerUrl));
    ASSERT_TRUE(Paths().fields().count(path)) << path;
    EXPECT_TRUE(At(Paths(), path).fields().count(absl::AsciiStrToLower(route.http_method)))
        << route.http_method << " " << path;
  }
  EXPECT_TRUE(Paths().fields().count("/openapi.json"));
  const Struct& version = At(At(At(Schemas(), "ThuiszitterCase"), "properties"), "version");
  EXPECT_EQ(version.fields().at("type").string_value(), "string");  // int64 as string
  const Struct& status_enum = At(Schemas(), "CaseStatus");
  EXPECT_EQ(status_enum.fields().at("enum").list_value().values(1).string_value(),
            "CASE_STATUS_OPEN");
  EXPECT_TRUE(Schemas().fields().count("Problem"));
}

// /core/uri-version, /core/doc-openapi-contact, /core/doc-openapi; semver; https or relative.
// With a token endpoint, every operation takes an API key or an OAuth token of its method's
// scope (docs/oauth.md), and the scheme names the client credentials flow.
TEST_F(OpenApiTest, OAuthClientCredentialsAndScopesPerMethod) {
  OpenApiInfo info;
  info.oauth_token_url = "https://api.swv.example/oauth/token";
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(GenerateOpenApi(*table_, info), &document_).ok());
  const Struct& flow =
      At(At(At(At(At(document_, "components"), "securitySchemes"), "oauth2"), "flows"),
         "clientCredentials");
  EXPECT_EQ(flow.fields().at("tokenUrl").string_value(), info.oauth_token_url);
  EXPECT_EQ(At(flow, "scopes").fields().size(), 2u);
  int checked = 0;
  for (const Operation& operation : Operations()) {
    if (operation.path == "/openapi.json") continue;
    const auto& security = operation.body->fields().at("security").list_value();
    ASSERT_EQ(security.values_size(), 2) << operation.path;
    const auto& scopes =
        security.values(1).struct_value().fields().at("oauth2").list_value().values(0);
    EXPECT_EQ(scopes.string_value(), operation.method == "get" ? "swv:read" : "swv:write")
        << operation.method << " " << operation.path;
    ++checked;
  }
  EXPECT_GT(checked, 60);
}

TEST_F(OpenApiTest, DesignRulesServerVersionAndContact) {
  const Struct& info = At(document_, "info");
  const std::string version = info.fields().at("version").string_value();
  EXPECT_TRUE(IsSemver(version)) << version;
  const std::vector<std::string> parts = absl::StrSplit(version, '.');
  const std::string major = parts[0];
  const auto& servers = document_.fields().at("servers").list_value().values();
  ASSERT_FALSE(servers.empty());
  for (const Value& server : servers) {
    const std::string url = server.struct_value().fields().at("url").string_value();
    EXPECT_TRUE(absl::StrContains(url, "/v" + major)) << url;
    EXPECT_FALSE(absl::StartsWith(url, "http://")) << url;
  }
  const Struct& contact = At(info, "contact");
  for (const char* field : {"name", "email", "url"}) {
    EXPECT_FALSE(contact.fields().count(field) == 0 ||
                 contact.fields().at(field).string_value().empty())
        << "info.contact." << field;
  }
}

// /core/path-segments-kebab-case, /core/no-trailing-slash, /core/http-methods,
// /core/query-keys-camel-case, and operations as sub-resources (no ":verb").
TEST_F(OpenApiTest, DesignRulesPathsMethodsAndQueryKeys) {
  for (const Operation& op : Operations()) {
    SCOPED_TRACE(op.method + " " + op.path);
    EXPECT_TRUE(op.method == "get" || op.method == "post" || op.method == "put" ||
                op.method == "patch" || op.method == "delete");
    if (op.path == "/openapi.json") continue;
    EXPECT_FALSE(absl::EndsWith(op.path, "/"));
    std::vector<std::string> segments = absl::StrSplit(op.path.substr(1), '/');
    for (size_t i = 0; i < segments.size(); ++i) {
      const bool last = i + 1 == segments.size();
      EXPECT_TRUE(IsKebabSegment(segments[i]) || (last && IsOperationSegment(segments[i])))
          << "segment \"" << segments[i] << "\" is not kebab-case";
    }
    if (!op.body->fields().count("parameters")) continue;
    for (const Value& parameter : op.body->fields().at("parameters").list_value().values()) {
      const auto& fields = parameter.struct_value().fields();
      if (fields.at("in").string_value() != "query") continue;
      EXPECT_TRUE(IsLowerCamel(fields.at("name").string_value()))
          << fields.at("name").string_value();
    }
  }
}

// /core/version-header, /core/error-handling/problem-details, /core/error-handling/invalid-input.
TEST_F(OpenApiTest, DesignRulesResponses) {
  for (const Operation& op : Operations()) {
    SCOPED_TRACE(op.method + " " + op.path);
    const auto& responses = op.body->fields().at("responses").struct_value().fields();
    const bool takes_input = op.method != "get" && op.method != "delete";
    const bool has_parameters = op.body->fields().count("parameters") > 0;
    if (takes_input || has_parameters) {
      EXPECT_TRUE(responses.count("400"));
    }
    for (const auto& [code, value] : responses) {
      const Struct& response = Resolved(value);
      if (code[0] == '2' || code[0] == '3') {
        EXPECT_TRUE(At(response, "headers").fields().count("API-Version")) << code;
        continue;
      }
      const Struct& content = At(response, "content");
      ASSERT_TRUE(content.fields().count("application/problem+json")) << code;
      const Struct& problem = At(Schemas(), "Problem");
      for (const char* member : {"status", "title", "detail"}) {
        EXPECT_TRUE(At(problem, "properties").fields().count(member)) << member;
      }
    }
  }
}

// Schema names in UpperCamelCase; dates say they are dates (/core/date-time): every property the
// rules' linter takes for a date (named "date"/"datum" or "…Date"/"…Datum"), and every property
// whose name says it is a day or a moment ("…On", "…Since", "…Until", "…Deadline", "…Start",
// "…End", "…Due", "…Time", "from", "to", "asOf"), carries format date or date-time; no
// local date-times or zone-less times.
TEST_F(OpenApiTest, DesignRulesSchemaNamesAndDates) {
  int dates = 0;
  for (const auto& [name, schema] : Schemas().fields()) {
    EXPECT_TRUE(IsUpperCamel(name)) << "schema " << name;
    for (const auto& [property, value] : At(schema.struct_value(), "properties").fields()) {
      const auto& fields = value.struct_value().fields();
      const std::string format =
          fields.count("format") ? fields.at("format").string_value() : std::string();
      EXPECT_NE(format, "date-time-local") << name << "." << property;
      EXPECT_NE(format, "time") << name << "." << property;
      const bool is_string = fields.count("type") && fields.at("type").string_value() == "string";
      if (!is_string) continue;
      if (AdrDateName(property)) {
        EXPECT_EQ(format, "date") << name << "." << property;
      } else if (DayOrMomentName(property)) {
        EXPECT_TRUE(format == "date" || format == "date-time") << name << "." << property;
      }
      dates += format == "date" ? 1 : 0;
    }
  }
  EXPECT_GT(dates, 40);  // the check looked at the real document
}

}  // namespace
}  // namespace swv::gateway
