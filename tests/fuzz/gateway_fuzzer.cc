// Fuzzes the gateway's request handling: GatewayCore::Handle (services/gateway/gateway_core.h) with
// the real route table of every linked proto, the real credential store on in-memory SQLite, and a
// fake backend whose reply the input chooses, so transcoding, authentication, authorization,
// reply scope checks, the partner view, problem rendering and the access log all see hostile
// input. No sockets.
//
// Input (seeds in gateway/corpus):
//   line 1         "METHOD /path" (the decoded path)
//   then, until an empty line, one per line:
//     ?name=value  a query parameter (repeatable)
//     @role        "Authorization: Bearer <token>" of a credential issued at start: school
//                  (12AB00), board (41234), office, partner (GM0606), ops, expired, revoked
//     <json        the backend's reply, read as JSON into the method's response type
//     !code        the backend fails with this absl status code (1-16)
//     Name: value  any other header
//   the rest       the body
//
// Invariants beyond "no crash, no UB": the status is a real HTTP status; every response carries
// API-Version; a problem body (4xx/5xx) is valid JSON naming its status; nobody without a valid
// credential reaches the backend.
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "services/common/clock.h"
#include "services/common/metrics.h"
#include "services/gateway/access_log_backend.h"
#include "services/gateway/backend.h"
#include "services/gateway/gateway_core.h"
#include "services/gateway/gateway_store.h"
#include "services/gateway/problem.h"
#include "services/gateway/transcoder.h"
#include "storage/database.h"
#include "tests/fuzz/fuzz_database.h"
#include "tests/fuzz/fuzz_input.h"

namespace swv::gateway {
namespace {

using fuzz::SetupFailed;

// Answers every call with the reply the current input chose; counts calls. Single-threaded use
// (libFuzzer runs one input at a time), guarded anyway because Backend promises thread-safety.
class ScriptedBackend final : public Backend {
 public:
  void Script(std::string reply_json, absl::optional<int> error_code) {
    absl::MutexLock lock(&mu_);
    reply_json_ = std::move(reply_json);
    error_code_ = error_code;
    calls_ = 0;
  }
  int calls() {
    absl::MutexLock lock(&mu_);
    return calls_;
  }

  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> Call(
      const BackendCall& call) override {
    absl::MutexLock lock(&mu_);
    ++calls_;
    if (error_code_) {
      return absl::Status(static_cast<absl::StatusCode>(*error_code_), "scripted backend error");
    }
    std::unique_ptr<google::protobuf::Message> reply = NewMessage(call.response_type);
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = true;
    if (!google::protobuf::util::JsonStringToMessage(reply_json_, reply.get(), options).ok())
      reply->Clear();
    return reply;
  }

 private:
  absl::Mutex mu_;
  std::string reply_json_ ABSL_GUARDED_BY(mu_);
  absl::optional<int> error_code_ ABSL_GUARDED_BY(mu_);
  int calls_ ABSL_GUARDED_BY(mu_) = 0;
};

struct Gateway {
  FakeClock clock{absl::FromUnixSeconds(1'790'000'000)};
  Metrics metrics{"swv-gateway", "fuzz"};
  std::unique_ptr<storage::Database> db;
  std::unique_ptr<GatewayStore> store;
  ScriptedBackend backend;
  std::unique_ptr<AccessLogBackend> access_log;
  std::unique_ptr<RoutingBackend> routing;
  std::unique_ptr<GatewayCore> core;
  std::map<std::string, std::string> tokens;  // role -> bearer token

  void IssueToken(const std::string& role, PrincipalKind kind, std::vector<std::string> scope,
                  absl::Duration valid_for, const std::string& tenant = "PO2203") {
    CredentialSpec spec;
    spec.kind = kind;
    spec.tenant = tenant;
    spec.scope = std::move(scope);
    spec.legal_ground = kind == PrincipalKind::kPartner ? "Leerplichtwet 1969 art. 21a" : "";
    spec.display_name = "fuzz " + role;
    spec.expires = clock.Now() + valid_for;
    absl::StatusOr<IssuedCredential> issued = store->Issue(spec);
    if (!issued.ok()) SetupFailed(issued.status());
    tokens[role] = issued->secret;
    if (role == "revoked") {
      absl::Status revoked = store->Revoke(issued->credential.token_id);
      if (!revoked.ok()) SetupFailed(revoked);
    }
  }
};

Gateway& TheGateway() {
  static Gateway* gateway = [] {
    auto* g = new Gateway;
    g->db = fuzz::OpenMemoryDatabase();
    absl::StatusOr<std::unique_ptr<GatewayStore>> store =
        GatewayStore::Open(g->db.get(), &g->clock);
    if (!store.ok()) SetupFailed(store.status());
    g->store = *std::move(store);
    g->access_log = std::make_unique<AccessLogBackend>(g->store.get());
    g->routing = std::make_unique<RoutingBackend>(&g->backend);
    g->routing->Route(kAccessLogService, g->access_log.get());
    absl::StatusOr<RouteTable> routes = RouteTable::FromGeneratedPool();
    if (!routes.ok()) SetupFailed(routes.status());
    GatewayOptions gateway_options;
    gateway_options.rate_per_second = 0;  // a fuzzer is one very fast client
    gateway_options.max_body_bytes = 64 << 10;
    gateway_options.max_bulk_body_bytes = 128 << 10;
    g->core = std::make_unique<GatewayCore>(*std::move(routes), g->routing.get(), g->store.get(),
                                            &g->clock, &g->metrics, gateway_options);
    const absl::Duration month = absl::Hours(24 * 30);
    g->IssueToken("school", PrincipalKind::kSchool, {"12AB00"}, month);
    g->IssueToken("board", PrincipalKind::kBoard, {"41234"}, month);
    g->IssueToken("office", PrincipalKind::kOffice, {}, month);
    g->IssueToken("partner", PrincipalKind::kPartner, {"GM0606"}, month);
    g->IssueToken("ops", PrincipalKind::kOps, {}, month, "");
    g->IssueToken("revoked", PrincipalKind::kOffice, {}, month);
    g->IssueToken("expired", PrincipalKind::kOffice, {}, absl::Hours(1));
    g->clock.Advance(absl::Hours(2));  // credentials are issued for the future only
    return g;
  }();
  return *gateway;
}

}  // namespace
}  // namespace swv::gateway

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace swv::gateway;
  Gateway& gateway = TheGateway();
  swv::fuzz::FuzzLines in(data, size);

  HttpRequest request;
  const std::string first = in.Next();
  const size_t space = first.find(' ');
  request.method = first.substr(0, space);
  request.path = space == std::string::npos ? "" : first.substr(space + 1);
  request.remote_address = "192.0.2.1";
  std::string reply_json;
  absl::optional<int> error_code;
  bool credential_valid = false;
  for (std::string line = in.Next(); !line.empty(); line = in.Next()) {
    const std::string value = line.substr(1);
    switch (line[0]) {
      case '?': {
        const size_t eq = value.find('=');
        request.query.emplace_back(value.substr(0, eq),
                                   eq == std::string::npos ? "" : value.substr(eq + 1));
        break;
      }
      case '@': {
        auto it = gateway.tokens.find(value);
        if (it == gateway.tokens.end()) break;
        request.headers.emplace_back("Authorization", "Bearer " + it->second);
        credential_valid = credential_valid || (value != "expired" && value != "revoked");
        break;
      }
      case '<':
        reply_json = value;
        break;
      case '!': {
        int code = 0;
        if (absl::SimpleAtoi(value, &code) && code >= 1 && code <= 16) error_code = code;
        break;
      }
      default: {
        const size_t colon = line.find(':');
        if (colon == std::string::npos) {
          request.headers.emplace_back(line, "");
        } else {
          request.headers.emplace_back(
              line.substr(0, colon),
              std::string(absl::StripLeadingAsciiWhitespace(line.substr(colon + 1))));
        }
      }
    }
  }
  request.body = in.Rest();
  // A request the fuzzer wrote its own Authorization header for may still hold a valid token by
  // chance only in theory; tokens are random secrets, so count only the issued ones.
  gateway.backend.Script(reply_json, error_code);

  HttpResponse response = gateway.core->Handle(request);

  SWV_FUZZ_CHECK(response.status >= 200 && response.status <= 599,
                 absl::StrCat("impossible HTTP status ", response.status));
  SWV_FUZZ_CHECK(!response.Header("API-Version").empty(), "a response without API-Version");
  if (response.status >= 400 && response.content_type == kProblemContentType) {
    google::protobuf::Struct problem;
    SWV_FUZZ_CHECK(google::protobuf::util::JsonStringToMessage(response.body, &problem).ok(),
                   "a problem body that is not JSON: " + response.body);
    auto status = problem.fields().find("status");
    SWV_FUZZ_CHECK(
        status != problem.fields().end() && status->second.number_value() == response.status,
        "a problem body that does not name its status: " + response.body);
  }
  if (!credential_valid) {
    SWV_FUZZ_CHECK(gateway.backend.calls() == 0,
                   "a request without a valid credential reached the backend: " + request.path);
  }
  return 0;
}
