// End-to-end tests of ServiceRuntime's life cycle: taken ports and bad options, the drain and the
// grace of Shutdown, and RunUntilSignal.
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime_test_service.grpc.pb.h"
#include "services/common/server.h"
#include "tests/services/common/server_test_support.h"

namespace swv::runtime_test {
namespace {

using ::testing::HasSubstr;

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
}  // namespace swv::runtime_test
