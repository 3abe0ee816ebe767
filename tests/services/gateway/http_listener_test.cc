// The event-driven listener on loopback: idle and half-sent connections hold no worker, the
// timeouts close them, limits apply as bytes arrive, keep-alive and "100 Continue" work, and the
// connection cap closes what is above it. Uses the core fixture with its in-process backend.
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "services/gateway/http_adapter.h"
#include "tests/services/gateway/gateway_core_fixture.h"
#include "tests/services/gateway/raw_http_client.h"

namespace swv::gateway {
namespace {

using testing::GatewayCoreTest;
using testing::RawConnection;

const char kOpenApiGet[] = "GET /api/v1/openapi.json HTTP/1.1\r\nHost: localhost\r\n\r\n";

class HttpListenerTest : public GatewayCoreTest {
 protected:
  void StartListener(HttpListenerOptions options = {}) {
    options.address = "127.0.0.1:0";
    options.threads = 2;
    server_ = std::make_unique<GatewayHttpServer>(core_.get(), options);
    ASSERT_TRUE(server_->Start().ok());
  }
  void TearDown() override {
    if (server_ != nullptr) server_->Stop();
    GatewayCoreTest::TearDown();
  }
  int port() const { return server_->port(); }
  // The listener counts a connection once its event loop took it: wait for that, up to a second.
  int OpenConnectionsOnceThey(int expected) {
    for (int i = 0; i < 100 && server_->open_connections() != expected; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return server_->open_connections();
  }

  std::unique_ptr<GatewayHttpServer> server_;
};

std::string StatusLine(const std::string& response) {
  return response.substr(0, response.find("\r\n"));
}

TEST_F(HttpListenerTest, IdleConnectionsDoNotDelayOtherClients) {
  StartListener();
  // Far more idle connections than workers (2): none of them holds one.
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < 200; ++i) {
    idle.push_back(std::make_unique<RawConnection>(port()));
    ASSERT_TRUE(idle.back()->connected()) << i;
  }
  // Half-sent heads hold no worker either.
  for (int i = 0; i < 20; ++i) {
    idle.push_back(std::make_unique<RawConnection>(port()));
    ASSERT_TRUE(idle.back()->Send("GET /api/v1/openapi.json HTTP/1.1\r\nHost: x\r\n"));
  }
  RawConnection client(port());
  const auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(client.Send(kOpenApiGet));
  const std::string response = client.ReadResponse(5000);
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(StatusLine(response), "HTTP/1.1 200 OK");
  EXPECT_LT(took, std::chrono::seconds(2));  // a worker was free at once; the bench times it
  EXPECT_EQ(OpenConnectionsOnceThey(221), 221);
}

TEST_F(HttpListenerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  StartListener();
  RawConnection client(port());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(client.Send(kOpenApiGet));
    const std::string response = client.ReadResponse();
    EXPECT_EQ(StatusLine(response), "HTTP/1.1 200 OK") << i;
    EXPECT_TRUE(absl::StrContains(response, "\"openapi\"")) << i;
  }
  // HEAD: the length of the body, not the body.
  ASSERT_TRUE(client.Send("HEAD /api/v1/openapi.json HTTP/1.1\r\nHost: localhost\r\n\r\n"));
  const std::string head = client.ReadResponse(300);
  EXPECT_EQ(StatusLine(head), "HTTP/1.1 200 OK");
  EXPECT_TRUE(absl::StrContains(absl::AsciiStrToLower(head), "content-length: "));
  EXPECT_TRUE(absl::EndsWith(head, "\r\n\r\n"));
}

// A large body is refused from its head (no credential: 401) in the terms of its own request, not
// of the HEAD before it on the same connection.
TEST_F(HttpListenerTest, ARefusalBeforeTheBodyAfterAHeadCarriesItsProblem) {
  StartListener();
  RawConnection client(port());
  ASSERT_TRUE(client.Send("HEAD /api/v1/openapi.json HTTP/1.1\r\nHost: localhost\r\n\r\n"));
  EXPECT_EQ(StatusLine(client.ReadResponse(300)), "HTTP/1.1 200 OK");
  ASSERT_TRUE(
      client.Send("POST /api/v1/swvs/PO2203/thuiszitters HTTP/1.1\r\nHost: x\r\n"
                  "Content-Type: application/json\r\nContent-Length: 2097152\r\n\r\n"));
  const std::string refused = client.ReadResponse();
  EXPECT_EQ(refused.substr(0, 12), "HTTP/1.1 401");
  EXPECT_TRUE(absl::StrContains(refused, "\"status\":401")) << refused;
  EXPECT_TRUE(client.ClosedWithin(1000));  // the body was never read
}

TEST_F(HttpListenerTest, IdleAndHalfSentConnectionsAreClosedByTheirTimeouts) {
  HttpListenerOptions options;
  options.idle_timeout = absl::Seconds(1);
  options.read_timeout = absl::Seconds(1);
  StartListener(options);
  RawConnection idle(port());
  RawConnection half_sent(port());
  ASSERT_TRUE(half_sent.Send("POST /api/v1/swvs/PO2203/thuiszitters HTTP/1.1\r\nHost: x\r\n"));
  RawConnection half_body(port());
  ASSERT_TRUE(half_body.Send(
      "POST /api/v1/openapi.json HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc"));
  EXPECT_TRUE(idle.ClosedWithin(3000));
  EXPECT_TRUE(half_sent.ClosedWithin(3000));
  EXPECT_TRUE(half_body.ClosedWithin(3000));
  EXPECT_EQ(OpenConnectionsOnceThey(0), 0);
}

TEST_F(HttpListenerTest, BrokenOrOversizedHeadsAreAnsweredWithAProblem) {
  HttpListenerOptions options;
  options.max_header_bytes = 1024;
  options.max_payload_bytes = 2048;
  StartListener(options);
  {
    RawConnection client(port());
    ASSERT_TRUE(client.Send("GET /x HTTP/1.1\r\nHost: x\r\nX-Long: " + std::string(2000, 'a') +
                            "\r\n\r\n"));
    const std::string response = client.ReadResponse();
    EXPECT_EQ(StatusLine(response), "HTTP/1.1 431 Request Header Fields Too Large");
    EXPECT_TRUE(absl::StrContains(response, "application/problem+json"));
    EXPECT_TRUE(absl::StrContains(response, "HEADER_TOO_LARGE"));
  }
  {
    RawConnection client(port());
    ASSERT_TRUE(client.Send("BROKEN\r\n\r\n"));
    const std::string response = client.ReadResponse();
    EXPECT_EQ(StatusLine(response), "HTTP/1.1 400 Bad Request");
    EXPECT_TRUE(absl::StrContains(response, "MALFORMED_REQUEST"));
  }
  {
    RawConnection client(port());
    ASSERT_TRUE(
        client.Send("POST /api/v1/openapi.json HTTP/1.1\r\nHost: x\r\n"
                    "Content-Length: 4096\r\n\r\n"));
    const std::string response = client.ReadResponse();
    EXPECT_EQ(StatusLine(response).substr(0, 12), "HTTP/1.1 413");
    EXPECT_TRUE(absl::StrContains(response, "BODY_TOO_LARGE"));
    EXPECT_TRUE(client.ClosedWithin(1000));
  }
}

TEST_F(HttpListenerTest, ExpectContinueIsAnsweredBeforeTheBodyIsSent) {
  StartListener();
  RawConnection client(port());
  ASSERT_TRUE(client.Send(
      "POST /api/v1/openapi.json HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Expect: 100-continue\r\nContent-Length: 2\r\n\r\n"));
  EXPECT_EQ(StatusLine(client.ReadResponse()), "HTTP/1.1 100 Continue");
  ASSERT_TRUE(client.Send("{}"));
  EXPECT_EQ(StatusLine(client.ReadResponse()).substr(0, 12), "HTTP/1.1 405");
}

TEST_F(HttpListenerTest, ConnectionsAboveTheCapAreClosedAtOnce) {
  HttpListenerOptions options;
  options.max_connections = 3;
  StartListener(options);
  std::vector<std::unique_ptr<RawConnection>> open;
  for (int i = 0; i < 3; ++i) open.push_back(std::make_unique<RawConnection>(port()));
  ASSERT_EQ(OpenConnectionsOnceThey(3), 3);
  RawConnection over(port());
  EXPECT_TRUE(over.ClosedWithin(2000));
  open.clear();  // room again
  ASSERT_EQ(OpenConnectionsOnceThey(0), 0);
  RawConnection next(port());
  ASSERT_TRUE(next.Send(kOpenApiGet));
  EXPECT_EQ(StatusLine(next.ReadResponse()), "HTTP/1.1 200 OK");
}

TEST(HttpListenerOptionsTest, BadValuesNameTheirFlag) {
  HttpListenerOptions options;
  options.max_connections = 0;
  EXPECT_TRUE(
      absl::StrContains(ValidateListenerOptions(options).message(), "--listen-max-connections"));
  options = {};
  options.read_timeout = absl::ZeroDuration();
  EXPECT_TRUE(
      absl::StrContains(ValidateListenerOptions(options).message(), "--listen-read-timeout"));
  EXPECT_TRUE(ValidateListenerOptions(HttpListenerOptions{}).ok());
}

}  // namespace
}  // namespace swv::gateway
