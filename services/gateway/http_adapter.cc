#include "services/gateway/http_adapter.h"

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <chrono>
#include <exception>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/logging.h"
#include "services/common/options.h"
#include "services/gateway/http_connection.h"
#include "services/gateway/http_wire.h"
#include "services/gateway/oauth/jose.h"
#include "services/gateway/problem.h"
#include "services/kernel/status_macros.h"

namespace swv::gateway {

using tcp = net::ip::tcp;

namespace {

std::string Text(beast::string_view text) { return std::string(text.data(), text.size()); }

// Accepts any client certificate: without a client CA, a certificate is only worth what its
// registered thumbprint says (RFC 8705 self-signed client authentication).
int AcceptAnyClientCertificate(int, X509_STORE_CTX*) { return 1; }

// The TLS context of the listener: our certificate and key, TLS 1.2 or newer, and a request for a
// client certificate that a client may decline (API keys and private_key_jwt need none). With a
// client CA, a presented certificate must chain to it.
bool SetUpTls(SSL_CTX& ctx, const HttpListenerOptions& options) {
  static const unsigned char kSessionContext[] = "swv-gateway";
  SSL_CTX_set_options(&ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
  SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION);
  if (SSL_CTX_use_certificate_chain_file(&ctx, options.tls_cert_file.c_str()) != 1 ||
      SSL_CTX_use_PrivateKey_file(&ctx, options.tls_key_file.c_str(), SSL_FILETYPE_PEM) != 1 ||
      SSL_CTX_check_private_key(&ctx) != 1) {
    return false;
  }
  SSL_CTX_set_session_id_context(&ctx, kSessionContext, sizeof kSessionContext - 1);
  if (!options.tls_client_ca_file.empty()) {
    if (SSL_CTX_load_verify_locations(&ctx, options.tls_client_ca_file.c_str(), nullptr) != 1) {
      return false;
    }
    SSL_CTX_set_client_CA_list(&ctx, SSL_load_client_CA_file(options.tls_client_ca_file.c_str()));
    SSL_CTX_set_verify(&ctx, SSL_VERIFY_PEER, nullptr);
  } else {
    SSL_CTX_set_verify(&ctx, SSL_VERIFY_PEER, AcceptAnyClientCertificate);
  }
  return true;
}

// Takes one accepted socket: over the connection cap it is closed at once, else it becomes a
// Connection that keeps itself alive through its pending operations.
void Adopt(GatewayHttpServer::Loop& loop, tcp::socket socket) {
  beast::error_code error;
  if (loop.open.load() >= loop.options.max_connections) {
    if (loop.refused_counter != nullptr) loop.refused_counter->Increment();
    socket.close(error);
    return;
  }
  socket.set_option(tcp::no_delay(true), error);  // else ~40 ms Nagle stalls per response
  tcp::endpoint peer = socket.remote_endpoint(error);
  std::string remote = error ? "" : peer.address().to_string();
  if (loop.tls.has_value()) {
    std::make_shared<Connection<beast::ssl_stream<beast::tcp_stream>>>(
        &loop, beast::ssl_stream<beast::tcp_stream>(std::move(socket), *loop.tls),
        std::move(remote))
        ->Start();
  } else {
    std::make_shared<Connection<beast::tcp_stream>>(&loop, beast::tcp_stream(std::move(socket)),
                                                    std::move(remote))
        ->Start();
  }
}

void Accept(GatewayHttpServer::Loop& loop) {
  loop.acceptor.async_accept(net::make_strand(loop.io),
                             [&loop](beast::error_code error, tcp::socket socket) {
                               if (error == net::error::operation_aborted) return;  // Stop()
                               if (!error) {
                                 Adopt(loop, std::move(socket));
                                 return Accept(loop);
                               }
                               // Out of descriptors, most likely: accepting again at once would
                               // spin.
                               loop.accept_pause.expires_after(std::chrono::milliseconds(50));
                               loop.accept_pause.async_wait([&loop](beast::error_code wait_error) {
                                 if (!wait_error) Accept(loop);
                               });
                             });
}

}  // namespace

HttpResponse WireProblem(int status, absl::string_view path) {
  const char* reason = status == 413   ? "BODY_TOO_LARGE"
                       : status == 431 ? "HEADER_TOO_LARGE"
                                       : "MALFORMED_REQUEST";
  HttpResponse problem = Problem(status, "INVALID_ARGUMENT", reason, HttpStatusPhrase(status),
                                 path.empty() ? "/" : path);
  problem.headers.emplace_back("API-Version", kApiVersion);
  return problem;
}

HttpResponse HandleSafely(GatewayCore& core, const HttpRequest& request) {
  try {
    return core.Handle(request);
  } catch (const std::exception& exception) {
    LogError("unhandled exception in the gateway",
             {{"path", request.path}, {"what", exception.what()}});
  } catch (...) {
    LogError("unhandled exception in the gateway", {{"path", request.path}});
  }
  HttpResponse problem = ProblemFromStatus(absl::InternalError("exception"), request.path);
  problem.headers.emplace_back("API-Version", kApiVersion);
  return problem;
}

HttpRequest HeadOf(const http::request<http::string_body>& message) {
  HttpRequest out;
  out.method = Text(message.method_string());
  const beast::string_view target = message.target();
  SplitTarget(absl::string_view(target.data(), target.size()), &out.path, &out.query);
  for (const auto& field : message) {
    out.headers.emplace_back(Text(field.name_string()), Text(field.value()));
  }
  return out;
}

http::response<http::string_body> ToWire(HttpResponse response, unsigned version, bool keep_alive,
                                         bool head_only) {
  http::response<http::string_body> out;
  out.version(version);
  out.result(static_cast<unsigned>(response.status));
  for (const auto& [name, value] : response.headers) {
    // The core says "close" when it refused a body it did not read; keep-alive is decided here.
    if (absl::EqualsIgnoreCase(name, "Connection")) {
      if (absl::EqualsIgnoreCase(value, "close")) keep_alive = false;
      continue;
    }
    out.insert(beast::string_view(name.data(), name.size()),
               beast::string_view(value.data(), value.size()));
  }
  if (!response.body.empty()) {
    out.set(http::field::content_type, response.content_type);
  }
  const size_t length = response.body.size();
  out.body() = std::move(response.body);
  out.keep_alive(keep_alive);
  out.prepare_payload();
  if (head_only) {
    out.body().clear();
    out.content_length(length);
  }
  return out;
}

std::string PeerCertificateThumbprint(SSL* ssl) {
  X509* certificate = ssl == nullptr ? nullptr : SSL_get0_peer_certificate(ssl);
  if (certificate == nullptr) return "";
  unsigned char* der = nullptr;
  const int length = i2d_X509(certificate, &der);
  std::string thumbprint;
  if (length > 0) {
    thumbprint = oauth::CertificateThumbprint(
        absl::string_view(reinterpret_cast<const char*>(der), static_cast<size_t>(length)));
  }
  OPENSSL_free(der);
  return thumbprint;
}

void AddListenerFlags(OptionParser& parser, HttpListenerOptions* options) {
  parser.AddAddress("listen-address", "SWV_GATEWAY_LISTEN_ADDRESS",
                    "public HTTP(S) listener, host:port", &options->address);
  parser.AddString("tls-cert", "SWV_GATEWAY_TLS_CERT",
                   "PEM certificate (chain); with --tls-key serves HTTPS", &options->tls_cert_file);
  parser.AddString("tls-key", "SWV_GATEWAY_TLS_KEY", "PEM private key of --tls-cert",
                   &options->tls_key_file);
  parser.AddString("tls-client-ca", "SWV_GATEWAY_TLS_CLIENT_CA",
                   "PEM CA a TLS client certificate must chain to (empty: any certificate, "
                   "pinned by its registered thumbprint)",
                   &options->tls_client_ca_file);
  parser.AddInt("listen-threads", "SWV_GATEWAY_LISTEN_THREADS",
                "worker threads that run requests (the backend calls block them)",
                &options->threads);
  parser.AddInt("listen-io-threads", "SWV_GATEWAY_LISTEN_IO_THREADS",
                "event-loop threads of the public listener (TLS, reading, writing)",
                &options->io_threads);
  parser.AddInt("listen-max-connections", "SWV_GATEWAY_LISTEN_MAX_CONNECTIONS",
                "open connections above which a new one is closed at once",
                &options->max_connections);
  parser.AddDuration("listen-idle-timeout", "SWV_GATEWAY_LISTEN_IDLE_TIMEOUT",
                     "how long a keep-alive connection may wait for its next request",
                     &options->idle_timeout);
  parser.AddDuration("listen-read-timeout", "SWV_GATEWAY_LISTEN_READ_TIMEOUT",
                     "time for a request's head, longest pause in its body, time to take an answer",
                     &options->read_timeout);
}

absl::Status ValidateListenerOptions(const HttpListenerOptions& options) {
  if (options.threads < 1) return absl::InvalidArgumentError("--listen-threads must be at least 1");
  if (options.io_threads < 1) {
    return absl::InvalidArgumentError("--listen-io-threads must be at least 1");
  }
  if (options.max_connections < 1) {
    return absl::InvalidArgumentError("--listen-max-connections must be at least 1");
  }
  if (options.idle_timeout < absl::Seconds(1) || options.read_timeout < absl::Seconds(1)) {
    return absl::InvalidArgumentError(
        "--listen-idle-timeout and --listen-read-timeout must be at least 1s");
  }
  return absl::OkStatus();
}

GatewayHttpServer::GatewayHttpServer(GatewayCore* core, HttpListenerOptions options,
                                     Metrics* metrics)
    : core_(core), options_(std::move(options)) {
  if (metrics == nullptr) return;
  open_gauge_ = &prometheus::BuildGauge()
                     .Name("swv_gateway_http_connections")
                     .Help("Open client connections of the public listener")
                     .Register(metrics->registry())
                     .Add({});
  refused_counter_ = &prometheus::BuildCounter()
                          .Name("swv_gateway_http_connections_refused_total")
                          .Help("Connections closed at once: the listener was at its cap")
                          .Register(metrics->registry())
                          .Add({});
}

GatewayHttpServer::~GatewayHttpServer() { Stop(); }

int GatewayHttpServer::open_connections() const {
  return loop_ == nullptr ? 0 : loop_->open.load();
}

absl::Status GatewayHttpServer::Start() {
  std::string host;
  int port = 0;
  SWV_RETURN_IF_ERROR(ParseHostPort(options_.address, "--listen-address", &host, &port));
  SWV_RETURN_IF_ERROR(ValidateListenerOptions(options_));
  if (options_.tls_cert_file.empty() != options_.tls_key_file.empty()) {
    return absl::InvalidArgumentError("--tls-cert and --tls-key go together");
  }
  if (!options_.tls_client_ca_file.empty() && options_.tls_cert_file.empty()) {
    return absl::InvalidArgumentError("--tls-client-ca needs --tls-cert and --tls-key");
  }
  auto loop = std::make_unique<Loop>(core_, options_);
  if (!options_.tls_cert_file.empty()) {
    loop->tls.emplace(net::ssl::context::tls_server);
    if (!SetUpTls(*loop->tls->native_handle(), options_)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "cannot use TLS certificate ", options_.tls_cert_file, " with key ",
          options_.tls_key_file,
          options_.tls_client_ca_file.empty() ? ""
                                              : " and client CA " + options_.tls_client_ca_file,
          " (unreadable, not PEM, or they do not match)"));
    }
  }
  beast::error_code error;
  tcp::resolver resolver(loop->io);
  auto endpoints = resolver.resolve(host, std::to_string(port), error);
  if (error || endpoints.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--listen-address ", options_.address, ": cannot resolve ", host));
  }
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  // SO_REUSEADDR only: never SO_REUSEPORT, which would let a second process share the port.
  loop->acceptor.open(endpoint.protocol(), error);
  if (!error) loop->acceptor.set_option(net::socket_base::reuse_address(true), error);
  if (!error) loop->acceptor.bind(endpoint, error);
  if (!error) loop->acceptor.listen(net::socket_base::max_listen_connections, error);
  if (error) {
    return absl::UnavailableError(absl::StrCat("cannot listen on --listen-address ",
                                               options_.address,
                                               ": the port is in use or the address is not local"));
  }
  loop->open_gauge = open_gauge_;
  loop->refused_counter = refused_counter_;
  port_ = loop->acceptor.local_endpoint().port();
  tls_ = loop->tls.has_value();
  Accept(*loop);
  for (int i = 0; i < options_.io_threads; ++i) {
    loop->io_threads.emplace_back([io = &loop->io] { io->run(); });
  }
  loop_ = std::move(loop);
  LogInfo("gateway listening", {{"address", options_.address},
                                {"port", std::to_string(port_.load())},
                                {"tls", tls_ ? "on" : "off"}});
  return absl::OkStatus();
}

void GatewayHttpServer::Stop() {
  if (loop_ == nullptr) return;
  // Drain: no new connections, answers close theirs, and the requests in flight are answered
  // (up to drain_timeout) before the loop stops and closes what is left.
  loop_->draining = true;
  net::post(loop_->io, [loop = loop_.get()] {
    beast::error_code ignored;
    loop->acceptor.close(ignored);
  });
  const absl::Time give_up = absl::Now() + options_.drain_timeout;
  while (loop_->in_flight.load() > 0 && absl::Now() < give_up) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  loop_->io.stop();
  for (std::thread& thread : loop_->io_threads) thread.join();
  loop_->workers.join();  // past the drain timeout: requests still running finish unanswered
  loop_.reset();          // destroys the event loop, and with it every connection
  port_ = 0;
}

}  // namespace swv::gateway
