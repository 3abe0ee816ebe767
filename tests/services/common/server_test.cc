// End-to-end tests of ServiceRuntime: real ports (port 0), real gRPC and HTTP clients. Here: the
// access check, health, the HTTP endpoints and metrics; ports, shutdown and signals are in
// server_lifecycle_test.cc.
#include "services/common/server.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "runtime_test_service.grpc.pb.h"
#include "services/common/grpc_principal.h"
#include "services/common/grpc_status.h"
#include "services/kernel/errors.h"
#include "tests/services/common/server_test_support.h"
#include "tests/testing/test_identity.h"

namespace swv::runtime_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

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

}  // namespace
}  // namespace swv::runtime_test
