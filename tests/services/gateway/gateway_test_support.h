// Shared by the gateway tests: a fake backend (answers by full method, records every call) and
// helpers to issue credentials through GatewayStore, the code path swv-admin uses.
#ifndef SWV_TESTS_SERVICES_GATEWAY_GATEWAY_TEST_SUPPORT_H_
#define SWV_TESTS_SERVICES_GATEWAY_GATEWAY_TEST_SUPPORT_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "services/gateway/backend.h"
#include "services/gateway/gateway_store.h"
#include "services/gateway/transcoder.h"

namespace swv::gateway::testing {

// A JSON text as a Struct; a parse failure fails the test.
inline google::protobuf::Struct ParseJson(const std::string& json) {
  google::protobuf::Struct out;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json, &out).ok()) << json;
  return out;
}

// A top-level string field of a JSON object ("" when absent).
inline std::string JsonField(const std::string& json, const std::string& field) {
  google::protobuf::Struct parsed = ParseJson(json);
  auto it = parsed.fields().find(field);
  return it == parsed.fields().end() ? "" : it->second.string_value();
}

class FakeBackend final : public Backend {
 public:
  using Handler = std::function<absl::StatusOr<std::unique_ptr<google::protobuf::Message>>(
      const google::protobuf::Message& request,
      const std::map<std::string, std::string>& metadata)>;

  void On(const std::string& full_method, Handler handler) {
    absl::MutexLock lock(&mu_);
    handlers_[full_method] = std::move(handler);
  }

  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> Call(
      const BackendCall& call) override {
    Handler handler;
    {
      absl::MutexLock lock(&mu_);
      std::unique_ptr<google::protobuf::Message> copy = NewMessage(call.request->GetDescriptor());
      copy->CopyFrom(*call.request);
      calls_.push_back(Recorded{call.full_method, std::move(copy), call.metadata});
      auto it = handlers_.find(call.full_method);
      if (it == handlers_.end()) return absl::UnimplementedError("no fake for " + call.full_method);
      handler = it->second;
    }
    return handler(*call.request, call.metadata);
  }

  struct Recorded {
    std::string full_method;
    std::unique_ptr<google::protobuf::Message> request;
    std::map<std::string, std::string> metadata;
  };
  // Calls of one method, in order (copies of the requests).
  std::vector<const Recorded*> CallsOf(const std::string& full_method) {
    absl::MutexLock lock(&mu_);
    std::vector<const Recorded*> out;
    for (const Recorded& r : calls_) {
      if (r.full_method == full_method) out.push_back(&r);
    }
    return out;
  }

 private:
  absl::Mutex mu_;
  std::map<std::string, Handler> handlers_;
  std::vector<Recorded> calls_;
};

inline std::string Issue(GatewayStore& store, PrincipalKind kind, std::vector<std::string> scope,
                         absl::Time expires, const std::string& legal_ground = "",
                         const std::string& tenant = "PO2203") {
  CredentialSpec spec;
  spec.kind = kind;
  spec.tenant = tenant;
  spec.scope = std::move(scope);
  spec.legal_ground = legal_ground;
  spec.display_name = "test credential";
  spec.expires = expires;
  if (kind == PrincipalKind::kYouthCare) spec.organisation = "MEVIS";
  absl::StatusOr<IssuedCredential> issued = store.Issue(spec);
  EXPECT_TRUE(issued.ok()) << issued.status();
  return issued.ok() ? issued->secret : "";
}

}  // namespace swv::gateway::testing

#endif  // SWV_TESTS_SERVICES_GATEWAY_GATEWAY_TEST_SUPPORT_H_
