// W3C trace context at the gateway: the client's trace is continued (or one is started), returned
// as a response header, passed to the backend call, written in the request's log line and in its
// access-log rows, where the office can look the request up by it.
#include "absl/strings/ascii.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/trace_context.h"
#include "tests/services/gateway/gateway_core_fixture.h"
#include "tests/testing/captured_log.h"

namespace swv::gateway::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

constexpr char kClientTrace[] = "4bf92f3577b34da6a3ce929d0e0e4736";
constexpr char kClientSpan[] = "00f067aa0ba902b7";
constexpr char kClientTraceparent[] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

class GatewayTraceTest : public GatewayCoreTest {
 protected:
  std::optional<TraceContext> ReturnedTrace(const HttpResponse& response) {
    return ParseTraceparent(response.Header("traceparent"));
  }
};

TEST_F(GatewayTraceTest, TheClientsTraceIsContinuedReturnedAndPassedToTheService) {
  HttpResponse got = Send("GET", "/api/v1/swvs/PO2203/thuiszitters/tz-a", school_, "", {},
                          {{"traceparent", kClientTraceparent}});
  ASSERT_EQ(got.status, 200) << got.body;
  std::optional<TraceContext> returned = ReturnedTrace(got);
  ASSERT_TRUE(returned.has_value()) << got.Header("traceparent");
  EXPECT_EQ(returned->trace_id, kClientTrace);
  EXPECT_NE(returned->span_id, kClientSpan);  // the gateway's own span
  EXPECT_TRUE(returned->sampled);
  // The service is called as a child of the gateway's span.
  std::vector<const FakeBackend::Recorded*> calls = backend_.CallsOf(kGet);
  ASSERT_THAT(calls, SizeIs(1));
  EXPECT_EQ(calls[0]->metadata.at("traceparent"), got.Header("traceparent"));
}

TEST_F(GatewayTraceTest, ARequestWithoutAValidTraceparentStartsATrace) {
  HttpResponse without = Send("GET", "/api/v1/swvs/PO2203/thuiszitters/tz-a", school_);
  std::optional<TraceContext> started = ReturnedTrace(without);
  ASSERT_TRUE(started.has_value());
  // Upper-case hex is not a traceparent: restarted, never echoed.
  HttpResponse malformed =
      Send("GET", "/api/v1/swvs/PO2203/thuiszitters/tz-a", school_, "", {},
           {{"traceparent", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01"}});
  std::optional<TraceContext> restarted = ReturnedTrace(malformed);
  ASSERT_TRUE(restarted.has_value());
  EXPECT_NE(restarted->trace_id, started->trace_id);
  EXPECT_NE(absl::AsciiStrToLower(restarted->trace_id), kClientTrace);
  // Refusals carry one as well: a request without a credential, an unknown route.
  EXPECT_TRUE(ReturnedTrace(Send("GET", "/api/v1/swvs/PO2203/thuiszitters/tz-a", "")));
  EXPECT_TRUE(ReturnedTrace(Send("GET", "/api/v1/nowhere", school_)));
}

TEST_F(GatewayTraceTest, TheRequestsLogLineNamesItsTrace) {
  swv::testing::CapturedLog log;
  Send("GET", "/api/v1/swvs/PO2203/thuiszitters/tz-a", school_, "", {},
       {{"traceparent", kClientTraceparent}});
  std::vector<std::string> lines = log.With({R"("msg":"request")", kClientTrace});
  ASSERT_THAT(lines, SizeIs(1));
  EXPECT_THAT(lines[0], HasSubstr(R"("route":"/api/v1/{name=swvs/*/thuiszitters/*}")"));
  EXPECT_THAT(lines[0], HasSubstr(R"("status":"200")"));
  EXPECT_THAT(lines[0], ::testing::Not(HasSubstr("tz-a")));  // the template, not the path
}

TEST_F(GatewayTraceTest, AccessLogRowsCarryTheTraceAndTheOfficeFindsThemByIt) {
  Send("GET", "/api/v1/swvs/PO2203/thuiszitters/tz-a", partner_, "", {},
       {{"traceparent", kClientTraceparent}});
  Send("GET", "/api/v1/swvs/PO2203/thuiszitters/tz-a", partner_);  // another trace
  HttpResponse log =
      Send("GET", "/api/v1/swvs/PO2203/audit-events", office_, "", {{"traceId", kClientTrace}});
  ASSERT_EQ(log.status, 200) << log.body;
  google::protobuf::Struct events = ParseJson(log.body);
  const auto& rows = events.fields().at("auditEvents").list_value().values();
  ASSERT_EQ(rows.size(), 1) << log.body;
  const auto& row = rows[0].struct_value().fields();
  EXPECT_EQ(row.at("traceId").string_value(), kClientTrace);
  EXPECT_EQ(row.at("record").string_value(), "swvs/PO2203/thuiszitters/tz-a");
  absl::StatusOr<AuditPage> all = store_->Query(TenantQuery("PO2203"));
  ASSERT_TRUE(all.ok());
  ASSERT_THAT(all->events, SizeIs(2));
  EXPECT_THAT(all->events[1].trace_id, ::testing::MatchesRegex("[0-9a-f]{32}"));
  EXPECT_NE(all->events[1].trace_id, kClientTrace);
}

}  // namespace
}  // namespace swv::gateway::testing
