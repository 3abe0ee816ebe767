// End-to-end tests of ServiceRuntime: real ports (port 0), real gRPC and HTTP clients.
#include "services/common/server.h"

#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <future>
#include <map>
#include <sstream>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/impl/client_unary_call.h"
#include "grpcpp/impl/rpc_method.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/sync_stream.h"
#include "gtest/gtest.h"
#include "runtime_test_service.grpc.pb.h"
#include "services/common/grpc_principal.h"
#include "services/common/grpc_status.h"
#include "services/kernel/errors.h"
#include "tests/testing/test_identity.h"

namespace swv {
namespace {

using test::runtime::EchoRequest;
using test::runtime::EchoResponse;
using ::testing::HasSubstr;
using ::testing::Not;

std::string CodeMessage(int code) { return absl::StrCat("failing with ", code); }

absl::Status FailureFor(int code) {
  if (code == static_cast<int>(absl::StatusCode::kInvalidArgument)) {
    return InvalidField("school.brin", "MALFORMED_BRIN", "must be 4 characters");
  }
  return absl::Status(static_cast<absl::StatusCode>(code), CodeMessage(code));
}

// Sleeps `ms` unless `cancelled` turns true first.
void SleepUnlessCancelled(int ms, const std::function<bool()>& cancelled) {
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
    ++in_flight;
    SleepUnlessCancelled(request->delay_ms(), [context] { return context->IsCancelled(); });
    --in_flight;
    response->set_text(request->text());
    return grpc::Status::OK;
  }
  std::atomic<int> in_flight{0};
};

ServerOptions TestOptions() {
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

httplib::Result HttpGet(int port, const std::string& path) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(2);
  client.set_read_timeout(5);
  return client.Get(path.c_str());
}

// Runs promtool on `exposition`; returns its exit code and fills `output`.
int Promtool(const std::string& exposition, std::string* output) {
  std::string promtool = SWV_PROMTOOL;
  if (promtool.empty()) return -1;
  char path[] = "/tmp/swv_promtool_XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return -1;
  close(fd);
  std::string command = absl::StrCat(promtool, " check metrics > ", path, " 2>&1");
  FILE* pipe = popen(command.c_str(), "w");
  if (pipe == nullptr) return -1;
  fwrite(exposition.data(), 1, exposition.size(), pipe);
  int rc = pclose(pipe);
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  *output = buffer.str();
  unlink(path);
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

class ServiceRuntimeTest : public ::testing::Test {
 protected:
  CallbackEchoImpl callback_service_;
  SyncEchoImpl sync_service_;
};

class UndeclaredImpl : public test::runtime::Undeclared::Service {};

TEST_F(ServiceRuntimeTest, AServiceWithAnUndeclaredRpcDoesNotStart) {
  UndeclaredImpl undeclared;
  ServiceRuntime runtime(TestOptions());
  runtime.AddService(&sync_service_);
  runtime.AddService(&undeclared);
  absl::Status started = runtime.Start();
  EXPECT_EQ(started.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(started.message(), HasSubstr("swv.test.runtime.Undeclared.Echo"));
  EXPECT_THAT(started.message(), Not(HasSubstr("SyncEcho")));
}

// Every call is checked against its RPC's declaration (Echo: the office only) by the method the
// server matched, whatever the client claims.
TEST_F(ServiceRuntimeTest, CallsAreCheckedAgainstTheDeclarationOfTheMatchedMethod) {
  ServiceRuntime runtime(TestOptions());
  runtime.AddService(&sync_service_);
  ASSERT_TRUE(runtime.Start().ok());
  auto channel = swv::testing::TestChannel(absl::StrCat("127.0.0.1:", runtime.grpc_port()));
  auto stub = test::runtime::SyncEcho::NewStub(channel);
  EchoRequest request;
  request.set_text("whoami");
  auto call = [&](std::map<std::string, std::string> metadata, EchoResponse* response) {
    grpc::ClientContext context;
    for (const auto& [key, value] : metadata) context.AddMetadata(key, value);
    return stub->Echo(&context, request, response);
  };
  EchoResponse response;
  Principal office;
  office.id = "office:PO2203:t";
  office.kind = PrincipalKind::kOffice;
  office.tenant = "PO2203";
  ASSERT_TRUE(call(PrincipalToMetadata(office), &response).ok());
  EXPECT_EQ(response.text(), "office");

  Principal school = office;
  school.kind = PrincipalKind::kSchool;
  school.scope = {"12AB00"};
  grpc::Status refused = call(PrincipalToMetadata(school), &response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(refused.error_message(), HasSubstr("a school principal may not call Echo"));

  // Naming another method does not help: the interceptor replaces it.
  std::map<std::string, std::string> forged = PrincipalToMetadata(school);
  forged[kCalledMethodKey] = "/swv.v1.Registrations/ListThuiszitters";
  EXPECT_EQ(call(forged, &response).error_code(), grpc::StatusCode::PERMISSION_DENIED);

  // Straight at the port, without the signing channel: no token, or a principal written into the
  // metadata by hand, is nobody.
  auto raw = test::runtime::SyncEcho::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", runtime.grpc_port()), grpc::InsecureChannelCredentials()));
  for (const auto& metadata :
       {std::map<std::string, std::string>{}, PrincipalToMetadata(office),
        std::map<std::string, std::string>{{kPrincipalKey, "staff"}},
        std::map<std::string, std::string>{{kPrincipalTokenKey, "v1.x.y"}}}) {
    grpc::ClientContext context;
    for (const auto& [key, value] : metadata) context.AddMetadata(key, value);
    grpc::Status status = raw->Echo(&context, request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << status.error_message();
  }
  runtime.Shutdown();
  runtime.Wait();
}

TEST_F(ServiceRuntimeTest, ServesHealthHttpEndpointsAndMetrics) {
  ServiceRuntime runtime(TestOptions());
  runtime.AddService(&callback_service_);
  runtime.AddService(&sync_service_);
  std::atomic<bool> ready{true};
  runtime.SetReadinessCheck([&ready]() -> absl::Status {
    if (ready) return absl::OkStatus();
    return absl::UnavailableError("database unreachable");
  });
  ASSERT_TRUE(runtime.Start().ok());
  ASSERT_GT(runtime.grpc_port(), 0);
  ASSERT_GT(runtime.http_port(), 0);
  EXPECT_EQ(runtime.Start().code(), absl::StatusCode::kFailedPrecondition);

  Client client(runtime.grpc_port());
  int serving = 0;
  ASSERT_TRUE(client.HealthCheck("", &serving).ok());
  EXPECT_EQ(serving, 1);
  ASSERT_TRUE(client.HealthCheck("swv.test.runtime.CallbackEcho", &serving).ok());
  EXPECT_EQ(serving, 1);
  ASSERT_TRUE(client.HealthCheck("swv.test.runtime.SyncEcho", &serving).ok());
  EXPECT_EQ(serving, 1);
  EXPECT_EQ(client.HealthCheck("no.such.Service", &serving).error_code(),
            grpc::StatusCode::NOT_FOUND);

  EchoRequest request;
  request.set_text("hallo");
  EchoResponse response;
  for (bool sync : {false, true}) {
    ASSERT_TRUE(client.Echo(sync, request, &response).ok());
    EXPECT_EQ(response.text(), "hallo");
  }
  request.set_code(static_cast<int>(absl::StatusCode::kInvalidArgument));
  for (bool sync : {false, true}) {
    grpc::Status status = client.Echo(sync, request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    // Details cross the wire.
    absl::Status back = FromGrpcStatus(status);
    EXPECT_EQ(ReasonOf(back), "MALFORMED_BRIN");
    ASSERT_EQ(FieldViolationsOf(back).size(), 1u);
    EXPECT_EQ(FieldViolationsOf(back)[0].field, "school.brin");
  }
  request.set_code(static_cast<int>(absl::StatusCode::kInternal));
  grpc::Status internal = client.Echo(false, request, &response);
  EXPECT_EQ(internal.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_THAT(internal.error_message(), Not(HasSubstr(CodeMessage(13))));

  // An unknown method answers UNIMPLEMENTED and does not create a series named after it.
  EXPECT_EQ(client.Call("/swv.test.runtime.Nope/Probe12345", "", &serving).error_code(),
            grpc::StatusCode::UNIMPLEMENTED);

  // HTTP side port.
  auto healthz = HttpGet(runtime.http_port(), "/healthz");
  ASSERT_TRUE(healthz);
  EXPECT_EQ(healthz->status, 200);
  EXPECT_EQ(healthz->body, "ok\n");
  auto readyz = HttpGet(runtime.http_port(), "/readyz");
  ASSERT_TRUE(readyz);
  EXPECT_EQ(readyz->status, 200);
  ready = false;
  readyz = HttpGet(runtime.http_port(), "/readyz");
  ASSERT_TRUE(readyz);
  EXPECT_EQ(readyz->status, 503);
  EXPECT_THAT(readyz->body, HasSubstr("database unreachable"));
  ready = true;
  readyz = HttpGet(runtime.http_port(), "/readyz");
  ASSERT_TRUE(readyz);
  EXPECT_EQ(readyz->status, 200);

  auto metrics = HttpGet(runtime.http_port(), "/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_EQ(metrics->status, 200);
  EXPECT_EQ(metrics->get_header_value("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  const std::string& text = metrics->body;
  EXPECT_THAT(text, HasSubstr("grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"Echo\","
                              "grpc_service=\"swv.test.runtime.CallbackEcho\","
                              "grpc_type=\"unary\"} 1"));
  EXPECT_THAT(text, HasSubstr("grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"Echo\","
                              "grpc_service=\"swv.test.runtime.SyncEcho\",grpc_type=\"unary\"} 1"));
  EXPECT_THAT(text, HasSubstr("grpc_server_handled_total{grpc_code=\"INVALID_ARGUMENT\","
                              "grpc_method=\"Echo\",grpc_service=\"swv.test.runtime.SyncEcho\","
                              "grpc_type=\"unary\"} 1"));
  EXPECT_THAT(text, HasSubstr("grpc_server_handled_total{grpc_code=\"INTERNAL\","
                              "grpc_method=\"Echo\",grpc_service=\"swv.test.runtime.CallbackEcho\","
                              "grpc_type=\"unary\"} 1"));
  EXPECT_THAT(text, HasSubstr("grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"Check\","
                              "grpc_service=\"grpc.health.v1.Health\",grpc_type=\"unary\"} 3"));
  EXPECT_THAT(text, HasSubstr("grpc_server_handled_total{grpc_code=\"NOT_FOUND\","
                              "grpc_method=\"Check\",grpc_service=\"grpc.health.v1.Health\","
                              "grpc_type=\"unary\"} 1"));
  EXPECT_THAT(text, HasSubstr("grpc_code=\"UNIMPLEMENTED\""));
  EXPECT_THAT(text, Not(HasSubstr("Probe12345")));
  EXPECT_THAT(text, HasSubstr("grpc_server_started_total{grpc_method=\"Echo\","
                              "grpc_service=\"swv.test.runtime.CallbackEcho\","
                              "grpc_type=\"unary\"} 3"));
  EXPECT_THAT(text, HasSubstr("grpc_server_handling_seconds_bucket{grpc_method=\"Echo\","
                              "grpc_service=\"swv.test.runtime.SyncEcho\",grpc_type=\"unary\","
                              "le=\"+Inf\"} 2"));
  EXPECT_THAT(text, HasSubstr("swv_build_info{service=\"swv-runtime-test\""));

  std::string promtool_output;
  int rc = Promtool(text, &promtool_output);
  ASSERT_NE(rc, -1) << "promtool not found (install the Debian package prometheus)";
  EXPECT_EQ(rc, 0) << promtool_output << "\n" << text;

  runtime.Shutdown();
  EXPECT_FALSE(HttpGet(runtime.http_port(), "/healthz"));
}

TEST_F(ServiceRuntimeTest, SlowReadinessCheckAnswers503InTime) {
  ServiceRuntime runtime(TestOptions());
  std::atomic<bool> release{false};
  runtime.SetReadinessCheck([&release] {
    while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return absl::OkStatus();
  });
  ASSERT_TRUE(runtime.Start().ok());
  absl::Time start = absl::Now();
  auto readyz = HttpGet(runtime.http_port(), "/readyz");
  ASSERT_TRUE(readyz);
  EXPECT_EQ(readyz->status, 503);
  EXPECT_THAT(readyz->body, HasSubstr("did not answer"));
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));
  release = true;
  runtime.Shutdown();
}

TEST_F(ServiceRuntimeTest, TakenPortsAreRefused) {
  ServiceRuntime first(TestOptions());
  ASSERT_TRUE(first.Start().ok());

  ServerOptions same_grpc = TestOptions();
  same_grpc.grpc_address = absl::StrCat("127.0.0.1:", first.grpc_port());
  ServiceRuntime second(same_grpc);
  absl::Status status = second.Start();
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(status.message()),
              HasSubstr(absl::StrCat("127.0.0.1:", first.grpc_port())));
  EXPECT_THAT(std::string(status.message()), HasSubstr("--grpc-address"));

  ServerOptions same_http = TestOptions();
  same_http.http_address = absl::StrCat("127.0.0.1:", first.http_port());
  ServiceRuntime third(same_http);
  status = third.Start();
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(status.message()),
              HasSubstr(absl::StrCat("127.0.0.1:", first.http_port())));
  EXPECT_THAT(std::string(status.message()), HasSubstr("--http-address"));

  // The first one is unharmed and a failed runtime left nothing listening on a port of its own.
  auto healthz = HttpGet(first.http_port(), "/healthz");
  ASSERT_TRUE(healthz);
  EXPECT_EQ(healthz->status, 200);
  EXPECT_EQ(third.grpc_port(), 0);
}

TEST_F(ServiceRuntimeTest, PortHeldWithReusePortByAnotherProgramIsRefused) {
  // Another program listening with SO_REUSEPORT (as gRPC and httplib do by default).
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  int yes = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &yes, sizeof(yes));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  ASSERT_EQ(listen(fd, 4), 0);
  socklen_t len = sizeof(addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);

  for (bool grpc_side : {true, false}) {
    ServerOptions options = TestOptions();
    (grpc_side ? options.grpc_address : options.http_address) = absl::StrCat("127.0.0.1:", port);
    ServiceRuntime runtime(options);
    EXPECT_EQ(runtime.Start().code(), absl::StatusCode::kUnavailable) << grpc_side;
  }
  close(fd);
}

TEST_F(ServiceRuntimeTest, InvalidOptionsFailStart) {
  ServerOptions options = TestOptions();
  options.log_level = "loud";
  ServiceRuntime runtime(options);
  EXPECT_EQ(runtime.Start().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(ServiceRuntimeTest, ShutdownDrainsInFlightCalls) {
  ServiceRuntime runtime(TestOptions());
  runtime.AddService(&callback_service_);
  runtime.AddService(&sync_service_);
  ASSERT_TRUE(runtime.Start().ok());
  Client client(runtime.grpc_port());

  EchoRequest slow;
  slow.set_text("slow");
  slow.set_delay_ms(600);
  std::vector<std::future<std::pair<grpc::Status, std::string>>> calls;
  for (bool sync : {false, true}) {
    calls.push_back(std::async(std::launch::async, [&client, sync, slow] {
      EchoResponse response;
      grpc::Status status = client.Echo(sync, slow, &response);
      return std::make_pair(status, response.text());
    }));
  }
  // Wait until both calls are inside their handlers.
  for (int i = 0; i < 500 && (callback_service_.in_flight < 1 || sync_service_.in_flight < 1);
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_EQ(callback_service_.in_flight, 1);
  ASSERT_EQ(sync_service_.in_flight, 1);

  // While draining, /readyz says 503 (the HTTP port stays up until the drain ends).
  std::thread shutdown([&runtime] { runtime.Shutdown(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto readyz = HttpGet(runtime.http_port(), "/readyz");
  ASSERT_TRUE(readyz);
  EXPECT_EQ(readyz->status, 503);
  EXPECT_THAT(readyz->body, HasSubstr("shutting down"));

  for (auto& call : calls) {
    auto [status, text] = call.get();
    EXPECT_TRUE(status.ok()) << status.error_code() << " " << status.error_message();
    EXPECT_EQ(text, "slow");
  }
  shutdown.join();
  runtime.Wait();  // returns at once after Shutdown

  // No new calls are accepted.
  EchoRequest quick;
  EchoResponse response;
  EXPECT_FALSE(client.Echo(false, quick, &response, std::chrono::milliseconds(500)).ok());
}

TEST_F(ServiceRuntimeTest, HealthTurnsNotServingWhenShutdownBegins) {
  ServerOptions options = TestOptions();
  // The open Watch stream is an in-flight call that only the grace deadline ends.
  options.shutdown_grace = absl::Milliseconds(300);
  ServiceRuntime runtime(options);
  runtime.AddService(&callback_service_);
  ASSERT_TRUE(runtime.Start().ok());
  Client client(runtime.grpc_port());
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  auto watch = client.Watch(&context, "swv.test.runtime.CallbackEcho");
  test::runtime::HealthCheckResponse response;
  ASSERT_TRUE(watch->Read(&response));
  EXPECT_EQ(response.status(), 1);  // SERVING

  std::thread shutdown([&runtime] { runtime.Shutdown(); });
  ASSERT_TRUE(watch->Read(&response));
  EXPECT_EQ(response.status(), 2);  // NOT_SERVING
  while (watch->Read(&response)) {
  }
  watch->Finish();
  shutdown.join();
}

TEST_F(ServiceRuntimeTest, ShutdownCancelsCallsThatOutliveTheGrace) {
  ServerOptions options = TestOptions();
  options.shutdown_grace = absl::Milliseconds(200);
  ServiceRuntime runtime(options);
  runtime.AddService(&sync_service_);
  ASSERT_TRUE(runtime.Start().ok());
  Client client(runtime.grpc_port());

  EchoRequest slow;
  slow.set_delay_ms(5000);
  auto call = std::async(std::launch::async, [&client, slow] {
    EchoResponse response;
    return client.Echo(true, slow, &response);
  });
  for (int i = 0; i < 500 && sync_service_.in_flight < 1; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  absl::Time start = absl::Now();
  runtime.Shutdown();
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));
  EXPECT_FALSE(call.get().ok());
}

TEST_F(ServiceRuntimeTest, RunUntilSignalStopsOnSigterm) {
  ServiceRuntime runtime(TestOptions());
  auto result = std::async(std::launch::async, [&runtime] { return runtime.RunUntilSignal(); });
  for (int i = 0; i < 1000 && runtime.http_port() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_GT(runtime.http_port(), 0);
  // The handlers are installed before the ports open.
  ASSERT_EQ(kill(getpid(), SIGTERM), 0);
  ASSERT_EQ(result.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_TRUE(result.get().ok());
  EXPECT_FALSE(HttpGet(runtime.http_port(), "/healthz"));
}

TEST_F(ServiceRuntimeTest, RunUntilSignalStopsOnRequestStop) {
  ServiceRuntime runtime(TestOptions());
  runtime.AddService(&callback_service_);
  auto result = std::async(std::launch::async, [&runtime] { return runtime.RunUntilSignal(); });
  for (int i = 0; i < 1000 && runtime.http_port() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  runtime.RequestStop();
  ASSERT_EQ(result.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_TRUE(result.get().ok());
}

TEST_F(ServiceRuntimeTest, RunUntilSignalReportsStartErrors) {
  ServerOptions options = TestOptions();
  options.service_name = "";
  ServiceRuntime runtime(options);
  EXPECT_EQ(runtime.RunUntilSignal().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace swv
