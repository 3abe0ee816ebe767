#include "services/common/grpc_trace.h"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/logging.h"
#include "services/common/metrics.h"

namespace swv {
namespace {

using grpc::experimental::InterceptionHookPoints;

class TraceServerInterceptor : public grpc::experimental::Interceptor {
 public:
  explicit TraceServerInterceptor(const char* method)
      : method_(method == nullptr ? "" : method), start_(std::chrono::steady_clock::now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      std::multimap<grpc::string_ref, grpc::string_ref>* metadata =
          methods->GetRecvInitialMetadata();
      std::string header;
      for (auto it = metadata->begin(); it != metadata->end();) {
        if (it->first != kTraceparentKey) {
          ++it;
          continue;
        }
        // Two traceparent entries are malformed; the spec says to restart the trace.
        header = header.empty() ? std::string(it->second.data(), it->second.size()) : "-";
        it = metadata->erase(it);
      }
      trace_ = ContinueOrStartTrace(header);
      // The string is this interceptor's, which lives as long as the call.
      traceparent_ = FormatTraceparent(trace_);
      metadata->emplace(grpc::string_ref(kTraceparentKey), grpc::string_ref(traceparent_));
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS) &&
        !absl::StartsWith(method_, "/grpc.")) {
      const auto elapsed = std::chrono::steady_clock::now() - start_;
      ScopedTrace current(trace_);
      LogInfo(
          "rpc",
          {{"method", method_},
           {"code", GrpcCodeName(methods->GetSendStatus().error_code())},
           {"duration_ms",
            absl::StrCat(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count())}});
    }
    methods->Proceed();
  }

 private:
  const std::string method_;
  const std::chrono::steady_clock::time_point start_;
  TraceContext trace_;
  std::string traceparent_;
};

class TraceServerInterceptorFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new TraceServerInterceptor(info->method());
  }
};

class TraceClientInterceptor : public grpc::experimental::Interceptor {
 public:
  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      std::multimap<std::string, std::string>* metadata = methods->GetSendInitialMetadata();
      const TraceContext* current = CurrentTrace();
      if (current != nullptr && metadata->find(kTraceparentKey) == metadata->end()) {
        metadata->emplace(kTraceparentKey, FormatTraceparent(*current));
      }
    }
    methods->Proceed();
  }
};

class TraceClientInterceptorFactory : public grpc::experimental::ClientInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateClientInterceptor(
      grpc::experimental::ClientRpcInfo* /*info*/) override {
    return new TraceClientInterceptor();
  }
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeTraceServerInterceptorFactory() {
  return std::make_unique<TraceServerInterceptorFactory>();
}

std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>
MakeTraceClientInterceptorFactory() {
  return std::make_unique<TraceClientInterceptorFactory>();
}

TraceContext TraceOf(const grpc::ServerContext& context) {
  auto it = context.client_metadata().find(kTraceparentKey);
  if (it == context.client_metadata().end()) return StartTrace();
  std::optional<TraceContext> trace =
      ParseTraceparent(absl::string_view(it->second.data(), it->second.size()));
  return trace.has_value() ? *trace : StartTrace();
}

}  // namespace swv
