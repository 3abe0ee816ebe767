#include "services/gateway/http_adapter.h"

#include <httplib.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/socket.h>

#include <chrono>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/common/logging.h"
#include "services/common/options.h"
#include "services/gateway/oauth/jose.h"
#include "services/gateway/problem.h"
#include "services/kernel/status_macros.h"

namespace swv::gateway {
namespace {

HttpRequest FromHttplib(const httplib::Request& in) {
  HttpRequest out;
  out.method = in.method;
  out.path = in.path;
  for (const auto& [name, value] : in.params) out.query.emplace_back(name, value);
  for (const auto& [name, value] : in.headers) out.headers.emplace_back(name, value);
  out.body = in.body;
  out.remote_address = in.remote_addr;
  if (in.ssl != nullptr) {
    if (X509* certificate = SSL_get0_peer_certificate(in.ssl); certificate != nullptr) {
      unsigned char* der = nullptr;
      int length = i2d_X509(certificate, &der);
      if (length > 0) {
        out.client_certificate_sha256 = oauth::CertificateThumbprint(
            absl::string_view(reinterpret_cast<const char*>(der), static_cast<size_t>(length)));
      }
      OPENSSL_free(der);
    }
  }
  return out;
}

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

void ToHttplib(const HttpResponse& in, httplib::Response& out) {
  out.status = in.status;
  for (const auto& [name, value] : in.headers) out.set_header(name, value);
  if (!in.body.empty()) out.set_content(in.body, in.content_type.c_str());
}

}  // namespace

GatewayHttpServer::GatewayHttpServer(GatewayCore* core, HttpListenerOptions options)
    : core_(core), options_(std::move(options)) {}

GatewayHttpServer::~GatewayHttpServer() { Stop(); }

absl::Status GatewayHttpServer::Start() {
  std::string host;
  int port = 0;
  SWV_RETURN_IF_ERROR(ParseHostPort(options_.address, "--listen-address", &host, &port));
  if (options_.tls_cert_file.empty() != options_.tls_key_file.empty()) {
    return absl::InvalidArgumentError("--tls-cert and --tls-key go together");
  }
  if (!options_.tls_client_ca_file.empty() && options_.tls_cert_file.empty()) {
    return absl::InvalidArgumentError("--tls-client-ca needs --tls-cert and --tls-key");
  }
  if (!options_.tls_cert_file.empty()) {
    const HttpListenerOptions& options = options_;
    auto server = std::make_unique<httplib::SSLServer>(
        [&options](SSL_CTX& ctx) { return SetUpTls(ctx, options); });
    if (!server->is_valid()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "cannot use TLS certificate ", options_.tls_cert_file, " with key ",
          options_.tls_key_file,
          options_.tls_client_ca_file.empty() ? ""
                                              : " and client CA " + options_.tls_client_ca_file,
          " (unreadable, not PEM, or they do not match)"));
    }
    server_ = std::move(server);
    tls_ = true;
  } else {
    server_ = std::make_unique<httplib::Server>();
  }
  const int threads = options_.threads;
  server_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server_->set_tcp_nodelay(true);  // else ~40 ms Nagle stalls per response
  // httplib's default adds SO_REUSEPORT, which would let a second process share the port.
  server_->set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  server_->set_payload_max_length(options_.max_payload_bytes);
  // httplib calls this before it reads the body. A body larger than the normal limit (or of
  // unknown length) is read only for a valid credential on a route that takes that size; anything
  // else is answered at once, and the connection closed because the body stays unread.
  const size_t small_body = core_->options().max_body_bytes;
  server_->set_pre_routing_handler([this, small_body](const httplib::Request& request,
                                                      httplib::Response& response) {
    uint64_t length = 0;
    bool chunked = absl::EqualsIgnoreCase(request.get_header_value("Transfer-Encoding"), "chunked");
    if (!absl::SimpleAtoi(request.get_header_value("Content-Length"), &length)) length = 0;
    if (!chunked && length <= small_body) return httplib::Server::HandlerResponse::Unhandled;
    std::unique_ptr<HttpResponse> refused = core_->Precheck(FromHttplib(request), length);
    if (refused == nullptr) return httplib::Server::HandlerResponse::Unhandled;
    refused->headers.emplace_back("Connection", "close");
    ToHttplib(*refused, response);
    return httplib::Server::HandlerResponse::Handled;
  });
  auto handler = [this](const httplib::Request& request, httplib::Response& response) {
    ToHttplib(core_->Handle(FromHttplib(request)), response);
  };
  const char* kAny = ".*";
  server_->Get(kAny, handler);
  server_->Post(kAny, handler);
  server_->Put(kAny, handler);
  server_->Patch(kAny, handler);
  server_->Delete(kAny, handler);
  server_->Options(kAny, handler);
  // Errors httplib answers itself (413 over the hard cap, 400 for a broken request line) get a
  // problem body like every other error; responses that already have one are left alone.
  httplib::Server::HandlerWithResponse error_handler = [](const httplib::Request& request,
                                                          httplib::Response& response) {
    if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    const char* reason = response.status == 413 ? "BODY_TOO_LARGE" : "MALFORMED_REQUEST";
    HttpResponse problem =
        Problem(response.status, response.status >= 500 ? "INTERNAL" : "INVALID_ARGUMENT", reason,
                HttpStatusPhrase(response.status), request.path);
    problem.headers.emplace_back("API-Version", kApiVersion);
    ToHttplib(problem, response);
    return httplib::Server::HandlerResponse::Handled;
  };
  server_->set_error_handler(std::move(error_handler));
  server_->set_exception_handler(
      [](const httplib::Request& request, httplib::Response& response, std::exception_ptr) {
        LogError("unhandled exception in the gateway", {{"path", request.path}});
        HttpResponse problem = ProblemFromStatus(absl::InternalError("exception"), request.path);
        problem.headers.emplace_back("API-Version", kApiVersion);
        ToHttplib(problem, response);
      });

  int bound_port =
      port == 0 ? server_->bind_to_any_port(host) : (server_->bind_to_port(host, port) ? port : -1);
  if (bound_port <= 0) {
    server_.reset();
    return absl::UnavailableError(absl::StrCat("cannot listen on --listen-address ",
                                               options_.address,
                                               ": the port is in use or the address is not local"));
  }
  port_ = bound_port;
  thread_ = std::thread([server = server_.get()] { server->listen_after_bind(); });
  for (int i = 0; i < 5000 && !server_->is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  LogInfo("gateway listening", {{"address", options_.address},
                                {"port", std::to_string(bound_port)},
                                {"tls", tls_ ? "on" : "off"}});
  return absl::OkStatus();
}

void GatewayHttpServer::Stop() {
  if (server_ == nullptr) return;
  server_->stop();
  if (thread_.joinable()) thread_.join();
  server_.reset();
  port_ = 0;
}

}  // namespace swv::gateway
