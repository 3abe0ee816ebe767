// Trace context over gRPC on a real ServiceRuntime: a handler runs under its caller's trace, the
// calls it makes carry the trace on, and every call leaves one log line naming it.
#include "services/common/grpc_trace.h"

#include <map>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/services/common/server_test_support.h"
#include "tests/testing/captured_log.h"

namespace swv::runtime_test {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

constexpr char kClientTrace[] = "4bf92f3577b34da6a3ce929d0e0e4736";
constexpr char kClientTraceparent[] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

class GrpcTraceTest : public ServiceRuntimeTest {
 protected:
  void SetUp() override {
    runtime_ = std::make_unique<ServiceRuntime>(TestOptions());
    runtime_->AddService(&sync_service_);
    ASSERT_TRUE(runtime_->Start().ok());
    sync_service_.relay_port = runtime_->grpc_port();
    stub_ = test::runtime::SyncEcho::NewStub(
        swv::testing::TestChannel(absl::StrCat("127.0.0.1:", runtime_->grpc_port())));
  }

  // The traceparent the handler of `text` ran under ("trace" or "relay"), sent with `header`.
  std::optional<TraceContext> Echo(const std::string& text, const std::string& header) {
    grpc::ClientContext context;
    Principal office;
    office.id = "office:PO2203:t";
    office.kind = PrincipalKind::kOffice;
    office.tenant = "PO2203";
    for (const auto& [key, value] : PrincipalToMetadata(office)) context.AddMetadata(key, value);
    if (!header.empty()) context.AddMetadata(kTraceparentKey, header);
    EchoRequest request;
    request.set_text(text);
    EchoResponse response;
    grpc::Status status = stub_->Echo(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return ParseTraceparent(response.text());
  }

  std::unique_ptr<ServiceRuntime> runtime_;
  std::unique_ptr<test::runtime::SyncEcho::Stub> stub_;
};

TEST_F(GrpcTraceTest, AHandlerRunsUnderItsCallersTraceInASpanOfItsOwn) {
  swv::testing::CapturedLog log;
  std::optional<TraceContext> trace = Echo("trace", kClientTraceparent);
  ASSERT_TRUE(trace.has_value());
  EXPECT_EQ(trace->trace_id, kClientTrace);
  EXPECT_NE(trace->span_id, "00f067aa0ba902b7");
  EXPECT_TRUE(trace->sampled);
  // The call's one log line, after the handler, under the same span.
  std::vector<std::string> lines =
      log.With({R"("msg":"rpc")", R"("method":"/swv.test.runtime.SyncEcho/Echo")", R"("code":"OK")",
                "\"span_id\":\"" + trace->span_id + "\""});
  ASSERT_THAT(lines, SizeIs(1));
  EXPECT_THAT(lines[0], HasSubstr(R"("trace_id":"4bf92f3577b34da6a3ce929d0e0e4736")"));
  EXPECT_THAT(lines[0], HasSubstr(R"("duration_ms":")"));
}

TEST_F(GrpcTraceTest, ACallWithoutAValidTraceparentStartsATrace) {
  std::optional<TraceContext> started = Echo("trace", "");
  ASSERT_TRUE(started.has_value());
  std::optional<TraceContext> restarted =
      Echo("trace", "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01");
  ASSERT_TRUE(restarted.has_value());
  EXPECT_NE(restarted->trace_id, kClientTrace);
  EXPECT_NE(restarted->trace_id, started->trace_id);
}

TEST_F(GrpcTraceTest, CallsMadeWhileHandlingCarryTheTraceOn) {
  swv::testing::CapturedLog log;
  std::optional<TraceContext> inner = Echo("relay", kClientTraceparent);
  ASSERT_TRUE(inner.has_value());
  EXPECT_EQ(inner->trace_id, kClientTrace);
  // Two calls, the relay and the one it made, each logged under the client's trace.
  EXPECT_THAT(log.With({R"("msg":"rpc")", kClientTrace}), SizeIs(2));
}

TEST_F(GrpcTraceTest, HealthChecksAreNotLogged) {
  swv::testing::CapturedLog log;
  Client client(runtime_->grpc_port());
  int serving = 0;
  ASSERT_TRUE(client.HealthCheck("", &serving).ok());
  EXPECT_THAT(log.With({R"("msg":"rpc")"}), IsEmpty());
}

}  // namespace
}  // namespace swv::runtime_test
