// What the ServiceRuntime end-to-end tests (server_test.cc, server_lifecycle_test.cc) share: the
// echo services (callback and sync API), the test options, the gRPC and HTTP clients and the
// fixture.
#ifndef SWV_TESTS_SERVICES_COMMON_SERVER_TEST_SUPPORT_H_
#define SWV_TESTS_SERVICES_COMMON_SERVER_TEST_SUPPORT_H_

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/impl/client_unary_call.h"
#include "grpcpp/impl/rpc_method.h"
#include "grpcpp/support/sync_stream.h"
#include "gtest/gtest.h"
#include "runtime_test_service.grpc.pb.h"
#include "services/common/grpc_handler.h"
#include "services/common/grpc_principal.h"
#include "services/common/grpc_status.h"
#include "services/common/server.h"
#include "services/kernel/errors.h"
#include "tests/testing/test_identity.h"

namespace swv::runtime_test {

using test::runtime::EchoRequest;
using test::runtime::EchoResponse;

inline std::string CodeMessage(int code) { return absl::StrCat("failing with ", code); }

inline absl::Status FailureFor(int code) {
  if (code == static_cast<int>(absl::StatusCode::kInvalidArgument)) {
    return InvalidField("school.brin", "MALFORMED_BRIN", "must be 4 characters");
  }
  return absl::Status(static_cast<absl::StatusCode>(code), CodeMessage(code));
}

// Sleeps `ms` unless `cancelled` turns true first.
inline void SleepUnlessCancelled(int ms, const std::function<bool()>& cancelled) {
  auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  while (std::chrono::steady_clock::now() < until && !cancelled()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

// Callback API: finishes on a separate thread when a delay is asked for.
class CallbackEchoImpl : public test::runtime::CallbackEcho::CallbackService {
 public:
  grpc::ServerUnaryReactor* Echo(grpc::CallbackServerContext* context, const EchoRequest* request,
                                 EchoResponse* response) override {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    if (request->code() != 0) {
      reactor->Finish(ToGrpcStatus(FailureFor(request->code())));
      return reactor;
    }
    if (request->delay_ms() == 0) {
      response->set_text(request->text());
      reactor->Finish(grpc::Status::OK);
      return reactor;
    }
    ++in_flight;
    std::thread([this, context, request, response, reactor] {
      SleepUnlessCancelled(request->delay_ms(), [context] { return context->IsCancelled(); });
      response->set_text(request->text());
      --in_flight;
      reactor->Finish(grpc::Status::OK);
    }).detach();
    return reactor;
  }
  std::atomic<int> in_flight{0};
};

// Sync API.
class SyncEchoImpl : public test::runtime::SyncEcho::Service {
 public:
  grpc::Status Echo(grpc::ServerContext* context, const EchoRequest* request,
                    EchoResponse* response) override {
    if (request->code() != 0) return ToGrpcStatus(FailureFor(request->code()));
    if (request->text() == "whoami") {  // the access check every adapter makes
      absl::StatusOr<Principal> caller = CallerOf(*context);
      if (!caller.ok()) return ToGrpcStatus(caller.status());
      response->set_text(PrincipalKindName(caller->kind));
      return grpc::Status::OK;
    }
    if (request->text() == "trace") {  // the trace the handler runs under, as an adapter's would
      return ServeCall(context, [&](const Principal&) {
        response->set_text(CurrentTrace() == nullptr ? "" : FormatTraceparent(*CurrentTrace()));
        return absl::OkStatus();
      });
    }
    if (request->text() == "relay") {  // asks this server for "trace" while handling the call
      return ServeCall(context, [&](const Principal& caller) -> absl::Status {
        auto stub = test::runtime::SyncEcho::NewStub(
            swv::testing::TestChannel(absl::StrCat("127.0.0.1:", relay_port.load())));
        grpc::ClientContext inner;
        for (const auto& [key, value] : PrincipalToMetadata(caller)) inner.AddMetadata(key, value);
        EchoRequest trace;
        trace.set_text("trace");
        return FromGrpcStatus(stub->Echo(&inner, trace, response));
      });
    }
    ++in_flight;
    SleepUnlessCancelled(request->delay_ms(), [context] { return context->IsCancelled(); });
    --in_flight;
    response->set_text(request->text());
    return grpc::Status::OK;
  }
  std::atomic<int> in_flight{0};
  std::atomic<int> relay_port{0};  // where "relay" calls
};

inline ServerOptions TestOptions() {
  ServerOptions options;
  swv::testing::TrustTestIdentity(&options);
  options.service_name = "swv-runtime-test";
  options.grpc_address = "127.0.0.1:0";
  options.http_address = "127.0.0.1:0";
  options.shutdown_grace = absl::Seconds(5);
  options.http_threads = 4;
  options.readiness_timeout = absl::Milliseconds(300);
  return options;
}

class Client {
 public:
  explicit Client(int port)
      : channel_(swv::testing::TestChannel(absl::StrCat("127.0.0.1:", port))),
        callback_(test::runtime::CallbackEcho::NewStub(channel_)),
        sync_(test::runtime::SyncEcho::NewStub(channel_)) {}

  grpc::Status Echo(bool sync, const EchoRequest& request, EchoResponse* response,
                    std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + timeout);
    return sync ? sync_->Echo(&context, request, response)
                : callback_->Echo(&context, request, response);
  }

  // grpc.health.v1.Health/Check through the wire-compatible mirror messages.
  grpc::Status HealthCheck(const std::string& service, int* serving_status) {
    return Call("/grpc.health.v1.Health/Check", service, serving_status);
  }

  // Opens grpc.health.v1.Health/Watch for `service`; the caller reads statuses from it.
  std::unique_ptr<grpc::ClientReader<test::runtime::HealthCheckResponse>> Watch(
      grpc::ClientContext* context, const std::string& service) {
    test::runtime::HealthCheckRequest request;
    request.set_service(service);
    return std::unique_ptr<grpc::ClientReader<test::runtime::HealthCheckResponse>>(
        grpc::internal::ClientReaderFactory<test::runtime::HealthCheckResponse>::Create(
            channel_.get(),
            grpc::internal::RpcMethod("/grpc.health.v1.Health/Watch",
                                      grpc::internal::RpcMethod::SERVER_STREAMING),
            context, request));
  }

  grpc::Status Call(const std::string& method, const std::string& service, int* serving_status) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    test::runtime::HealthCheckRequest request;
    request.set_service(service);
    test::runtime::HealthCheckResponse response;
    grpc::Status status =
        grpc::internal::BlockingUnaryCall<test::runtime::HealthCheckRequest,
                                          test::runtime::HealthCheckResponse,
                                          grpc::protobuf::MessageLite, grpc::protobuf::MessageLite>(
            channel_.get(),
            grpc::internal::RpcMethod(method.c_str(), grpc::internal::RpcMethod::NORMAL_RPC),
            &context, request, &response);
    *serving_status = response.status();
    return status;
  }

 private:
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<test::runtime::CallbackEcho::Stub> callback_;
  std::unique_ptr<test::runtime::SyncEcho::Stub> sync_;
};

inline httplib::Result HttpGet(int port, const std::string& path) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(2);
  client.set_read_timeout(5);
  return client.Get(path.c_str());
}

class ServiceRuntimeTest : public ::testing::Test {
 protected:
  CallbackEchoImpl callback_service_;
  SyncEchoImpl sync_service_;
};

}  // namespace swv::runtime_test

#endif  // SWV_TESTS_SERVICES_COMMON_SERVER_TEST_SUPPORT_H_
