// Gateway limits before work is done: requests without a valid credential are rate limited per
// client address, and a large body is not read before its size and credential are checked.
#include <string>

#include "gtest/gtest.h"
#include "services/gateway/http_adapter.h"
#include "tests/services/gateway/gateway_core_fixture.h"
#include "tests/services/gateway/raw_http_client.h"

namespace swv::gateway {
namespace {

using testing::GatewayCoreTest;

HttpResponse Anonymous(GatewayCore& core, const std::string& address) {
  HttpRequest request;
  request.method = "GET";
  request.path = "/api/v1/swvs/PO2203/thuiszitters";
  request.remote_address = address;
  request.headers.emplace_back("Authorization", "Bearer swv_cr-guess.nope");
  return core.Handle(request);
}

TEST_F(GatewayCoreTest, RequestsWithoutACredentialAreRateLimitedPerAddress) {
  for (int i = 0; i < 20; ++i) ASSERT_EQ(Anonymous(*core_, "203.0.113.7").status, 401) << i;
  HttpResponse limited = Anonymous(*core_, "203.0.113.7");
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.Header("Retry-After"), "1");
  ProblemOf(limited);
  EXPECT_EQ(Anonymous(*core_, "198.51.100.1").status, 401);  // another address
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/thuiszitters", office_).status, 200);  // credentials
  clock_.Advance(absl::Seconds(1));
  EXPECT_EQ(Anonymous(*core_, "203.0.113.7").status, 401);
}

// Sends only the head of a request that announces `length` body bytes and returns what the
// server answers within 3 seconds ("" when it waits for the body instead).
std::string AnswerToHead(int port, const std::string& path, const std::string& token,
                         size_t length) {
  testing::RawConnection connection(port);
  connection.Send("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n" +
                  (token.empty() ? "" : "Authorization: Bearer " + token + "\r\n") +
                  "Content-Type: application/json\r\nContent-Length: " + std::to_string(length) +
                  "\r\n\r\n");
  return connection.ReadResponse(3000);
}

TEST_F(GatewayCoreTest, LargeBodiesAreRefusedBeforeTheyAreRead) {
  HttpListenerOptions listener;
  listener.address = "127.0.0.1:0";
  listener.max_payload_bytes = (16 << 20) + 1;  // as main.cc: the bulk limit + 1
  GatewayHttpServer server(core_.get(), listener);
  ASSERT_TRUE(server.Start().ok());
  const std::string bulk = "/api/v1/swvs/PO2203/schools/_batch";
  EXPECT_EQ(AnswerToHead(server.port(), bulk, "", 16 << 20).substr(0, 12), "HTTP/1.1 401");
  EXPECT_EQ(AnswerToHead(server.port(), bulk, office_, (16 << 20) + 1).substr(0, 12),
            "HTTP/1.1 413");
  EXPECT_EQ(
      AnswerToHead(server.port(), "/api/v1/swvs/PO2203/thuiszitters", "", 2 << 20).substr(0, 12),
      "HTTP/1.1 401");
  server.Stop();
  // The refused write is in the access log like any other.
  absl::StatusOr<AuditPage> page = store_->Query(testing::TenantQuery("PO2203"));
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->events.size(), 1u);
  EXPECT_EQ(page->events[0].http_status, 413);
}

}  // namespace
}  // namespace swv::gateway
