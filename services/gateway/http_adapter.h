// The only code of the gateway that touches the network: a cpp-httplib server (HTTPS when a
// certificate and key are configured) that copies each request into an HttpRequest, hands it to
// GatewayCore::Handle and copies the HttpResponse back. Errors httplib raises itself (a body
// over its hard limit, a malformed request line) are turned into problem+json too.
//
// Thread-safety: Start/Stop from the owning thread; requests run on httplib's thread pool.
#ifndef SWV_SERVICES_GATEWAY_HTTP_ADAPTER_H_
#define SWV_SERVICES_GATEWAY_HTTP_ADAPTER_H_

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "services/gateway/gateway_core.h"

namespace httplib {
class Server;
}

namespace swv::gateway {

struct HttpListenerOptions {
  std::string address = "127.0.0.1:8080";  // host:port; port 0 picks a free port
  std::string tls_cert_file;               // PEM; both set -> HTTPS
  std::string tls_key_file;
  // PEM CA certificate(s) a TLS client certificate must chain to; empty: any client certificate
  // is taken and is worth what its registered thumbprint says (docs/oauth.md). Clients may always
  // connect without one.
  std::string tls_client_ca_file;
  int threads = 16;
  // httplib's own hard cap on a body, above every route's limit; the core applies per-route limits.
  size_t max_payload_bytes = 16 << 20;
};

class GatewayHttpServer {
 public:
  // `core` is borrowed and must outlive the server.
  GatewayHttpServer(GatewayCore* core, HttpListenerOptions options);
  ~GatewayHttpServer();

  // Binds and starts serving on a background thread. UNAVAILABLE when the port is taken (never
  // silently shared), INVALID_ARGUMENT for a bad address or unusable certificate/key.
  absl::Status Start();
  void Stop();
  int port() const { return port_.load(); }
  bool tls() const { return tls_; }

 private:
  GatewayCore* core_;
  HttpListenerOptions options_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  std::atomic<int> port_{0};
  bool tls_ = false;
};

}  // namespace swv::gateway

#endif  // SWV_SERVICES_GATEWAY_HTTP_ADAPTER_H_
