// One client connection of the gateway's listener (http_adapter.h), plain TCP or TLS: a chain of
// asynchronous steps on the connection's strand, so it holds no thread while it waits.
//
//   [TLS handshake] -> wait for a request (idle_timeout) -> head (read_timeout, header limit)
//   -> for a large or chunked body: GatewayCore::Precheck on a worker (a refusal is answered and
//   the connection closed, the body unread) -> "100 Continue" when asked -> body (no pause over
//   read_timeout, body limit) -> GatewayCore::Handle on a worker -> write -> next request.
//
// Internal to the listener; included by http_adapter.cc only. The Loop outlives every connection:
// Stop() joins the workers and destroys the event loop, and with it each connection, before the
// Loop goes.
#ifndef SWV_SERVICES_GATEWAY_HTTP_CONNECTION_H_
#define SWV_SERVICES_GATEWAY_HTTP_CONNECTION_H_

#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "prometheus/counter.h"
#include "prometheus/gauge.h"
#include "services/gateway/gateway_core.h"
#include "services/gateway/http_adapter.h"
#include "services/gateway/http_types.h"

namespace swv::gateway {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

struct GatewayHttpServer::Loop {
  Loop(GatewayCore* core_in, const HttpListenerOptions& options_in)
      : core(core_in),
        options(options_in),
        io(options_in.io_threads),
        acceptor(io),
        accept_pause(io),
        keep_running(io.get_executor()),
        workers(static_cast<size_t>(options_in.threads)) {}

  GatewayCore* const core;
  const HttpListenerOptions& options;
  // Declared before the event loop so that it goes after the connections the loop destroys.
  std::optional<net::ssl::context> tls;
  net::io_context io;
  net::ip::tcp::acceptor acceptor;
  net::steady_timer accept_pause;  // after an accept error (out of descriptors), wait a little
  // While draining, the only work may be answers a worker has yet to post: the loop must not
  // return for lack of pending operations.
  net::executor_work_guard<net::io_context::executor_type> keep_running;
  net::thread_pool workers;
  std::vector<std::thread> io_threads;
  std::atomic<int> open{0};
  // Requests between their dispatch to a worker and the end of writing their answer; Stop()
  // waits for them. Once draining, answers close their connection and none waits for another.
  std::atomic<int> in_flight{0};
  std::atomic<bool> draining{false};
  prometheus::Gauge* open_gauge = nullptr;
  prometheus::Counter* refused_counter = nullptr;
};

// The wire's own answers (a broken head, a body over the hard cap) as problem+json.
HttpResponse WireProblem(int status, absl::string_view path);
// The core's answer, or a 500 problem when it throws.
HttpResponse HandleSafely(GatewayCore& core, const HttpRequest& request);
// The request's head (method, target, headers) as the core sees it.
HttpRequest HeadOf(const http::request<http::string_body>& message);
// The response on the wire; `head_only` keeps Content-Length and drops the body (HEAD).
http::response<http::string_body> ToWire(HttpResponse response, unsigned version, bool keep_alive,
                                         bool head_only);
// RFC 8705 x5t#S256 of the TLS peer's certificate, "" without one.
std::string PeerCertificateThumbprint(SSL* ssl);

template <typename Stream>
class Connection : public std::enable_shared_from_this<Connection<Stream>> {
 public:
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

  Connection(GatewayHttpServer::Loop* loop, Stream stream, std::string remote_address)
      : loop_(loop), stream_(std::move(stream)), remote_address_(std::move(remote_address)) {
    ++loop_->open;
    if (loop_->open_gauge != nullptr) loop_->open_gauge->Increment();
  }
  ~Connection() {
    SetBusy(false);
    --loop_->open;
    if (loop_->open_gauge != nullptr) loop_->open_gauge->Decrement();
  }

  void Start() {
    if constexpr (kTls) {
      Expire(loop_->options.read_timeout);
      stream_.async_handshake(net::ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code error) {
                                if (error) return self->Close();
                                self->client_certificate_ =
                                    PeerCertificateThumbprint(self->stream_.native_handle());
                                self->WaitForRequest();
                              });
    } else {
      WaitForRequest();
    }
  }

 private:
  auto& Tcp() { return beast::get_lowest_layer(stream_); }
  void Expire(absl::Duration after) {
    Tcp().expires_after(std::chrono::milliseconds(absl::ToInt64Milliseconds(after)));
  }

  // Costs nothing but the socket until the first byte of the next request arrives.
  void WaitForRequest() {
    if (loop_->draining.load()) return Close();
    if (buffer_.size() > 0) return ReadHead();
    Expire(loop_->options.idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096), [self = this->shared_from_this()](
                                                       beast::error_code error, size_t read) {
      if (error) return self->Close();
      self->buffer_.commit(read);
      self->ReadHead();
    });
  }

  void ReadHead() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(loop_->options.max_header_bytes));
    parser_->body_limit(loop_->options.max_payload_bytes);
    Expire(loop_->options.read_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = this->shared_from_this()](beast::error_code error, size_t) {
                              if (error) return self->FailRead(error);
                              self->OnHead();
                            });
  }

  void OnHead() {
    request_ = HeadOf(parser_->get());
    // An answer to this request (a refusal before its body, too) is written in its terms.
    version_ = parser_->get().version();
    keep_alive_ = parser_->get().keep_alive();
    head_only_ = parser_->get().method() == http::verb::head;
    request_.remote_address = remote_address_;
    request_.client_certificate_sha256 = client_certificate_;
    const uint64_t length = parser_->content_length().value_or(0);
    if (!parser_->chunked() && length <= loop_->core->options().max_body_bytes) {
      return ReadBodyAfterContinue();
    }
    Tcp().expires_never();
    SetBusy(true);
    OnWorker([self = this->shared_from_this(), length] {
      std::unique_ptr<HttpResponse> refused = self->loop_->core->Precheck(self->request_, length);
      self->OnStrand([self, refused = std::shared_ptr<HttpResponse>(std::move(refused))] {
        if (refused == nullptr) {
          self->SetBusy(false);  // reading the body is the client's time, not a request in flight
          return self->ReadBodyAfterContinue();
        }
        self->Respond(std::move(*refused), /*close=*/true);
      });
    });
  }

  void ReadBodyAfterContinue() {
    if (!beast::iequals(parser_->get()[http::field::expect], "100-continue")) return ReadBody();
    auto interim = std::make_shared<http::response<http::empty_body>>(http::status::continue_,
                                                                      parser_->get().version());
    Expire(loop_->options.read_timeout);
    http::async_write(stream_, *interim,
                      [self = this->shared_from_this(), interim](beast::error_code error, size_t) {
                        if (error) return self->Close();
                        self->ReadBody();
                      });
  }

  // Step by step, so the deadline is a pause between bytes, not a time for the whole body.
  void ReadBody() {
    if (parser_->is_done()) return Dispatch();
    Expire(loop_->options.read_timeout);
    http::async_read_some(stream_, buffer_, *parser_,
                          [self = this->shared_from_this()](beast::error_code error, size_t) {
                            if (error) return self->FailRead(error);
                            self->ReadBody();
                          });
  }

  void Dispatch() {
    http::request<http::string_body> message = parser_->release();
    request_.body = std::move(message.body());
    Tcp().expires_never();
    SetBusy(true);
    OnWorker([self = this->shared_from_this()] {
      auto response =
          std::make_shared<HttpResponse>(HandleSafely(*self->loop_->core, self->request_));
      self->OnStrand([self, response] { self->Respond(std::move(*response), false); });
    });
  }

  void Respond(HttpResponse response, bool close) {
    auto wire = std::make_shared<http::response<http::string_body>>(
        ToWire(std::move(response), version_, keep_alive_ && !close && !loop_->draining.load(),
               head_only_));
    Expire(loop_->options.read_timeout);
    http::async_write(stream_, *wire,
                      [self = this->shared_from_this(), wire](beast::error_code error, size_t) {
                        self->SetBusy(false);
                        if (error || !wire->keep_alive()) return self->Close();
                        self->request_ = HttpRequest();
                        self->WaitForRequest();
                      });
  }

  // A broken or oversized head or body is answered, then the connection closed: what follows
  // on it cannot be framed. A timeout or a client that went away is closed without a word.
  void FailRead(beast::error_code error) {
    int status = 0;
    if (error == http::error::body_limit) {
      status = 413;
    } else if (error == http::error::header_limit) {
      status = 431;
    } else if (error.category() == http::make_error_code(http::error::end_of_stream).category() &&
               error != http::error::end_of_stream && error != http::error::partial_message) {
      status = 400;
    }
    if (status == 0) return Close();
    version_ = 11;
    keep_alive_ = false;
    head_only_ = false;
    Respond(WireProblem(status, request_.path), /*close=*/true);
  }

  void Close() {
    if constexpr (kTls) {
      Expire(absl::Seconds(1));
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {
        beast::error_code ignored;
        self->Tcp().socket().close(ignored);
      });
    } else {
      beast::error_code ignored;
      Tcp().socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
      Tcp().socket().close(ignored);
    }
  }

  void SetBusy(bool busy) {
    if (busy == busy_) return;
    busy_ = busy;
    if (busy) {
      ++loop_->in_flight;
    } else {
      --loop_->in_flight;
    }
  }

  template <typename Task>
  void OnWorker(Task task) {
    net::post(loop_->workers, std::move(task));
  }
  template <typename Task>
  void OnStrand(Task task) {
    net::post(stream_.get_executor(), std::move(task));
  }

  GatewayHttpServer::Loop* const loop_;
  Stream stream_;
  const std::string remote_address_;
  std::string client_certificate_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  HttpRequest request_;
  unsigned version_ = 11;
  bool keep_alive_ = true;
  bool head_only_ = false;
  bool busy_ = false;  // counted in loop_->in_flight
};

}  // namespace swv::gateway

#endif  // SWV_SERVICES_GATEWAY_HTTP_CONNECTION_H_
