// The only code of the gateway that touches the network: an event-driven HTTP/1.1 listener
// (Boost.Beast over Asio; HTTPS when a certificate and key are configured) that reads each request
// into an HttpRequest, hands it to GatewayCore on a worker thread and writes the HttpResponse back.
//
// Why this shape (docs/gateway.md, "The listener"): a connection costs no thread while it is idle
// or while a request arrives; only a complete request takes a worker, because the core blocks on
// its backend call. So idle keep-alive clients, slow clients and half-sent requests cannot starve
// the workers; they are closed by the timeouts below. The header and body limits apply as the
// bytes arrive, and a large body is read only after GatewayCore::Precheck let it in. Errors of
// the wire itself (a head over its limit, a malformed request line) are answered with
// problem+json too.
//
// Thread-safety: Start/Stop from the owning thread; connections run on `io_threads` event-loop
// threads (each connection on its own strand) and requests on `threads` workers.
#ifndef SWV_SERVICES_GATEWAY_HTTP_ADAPTER_H_
#define SWV_SERVICES_GATEWAY_HTTP_ADAPTER_H_

#include <atomic>
#include <cstddef>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "prometheus/counter.h"
#include "prometheus/gauge.h"
#include "services/common/metrics.h"
#include "services/common/options.h"
#include "services/gateway/gateway_core.h"

namespace swv::gateway {

struct HttpListenerOptions {
  std::string address = "127.0.0.1:8080";  // host:port; port 0 picks a free port
  std::string tls_cert_file;               // PEM; both set -> HTTPS
  std::string tls_key_file;
  // PEM CA certificate(s) a TLS client certificate must chain to; empty: any client certificate
  // is taken and is worth what its registered thumbprint says (docs/oauth.md). Clients may always
  // connect without one.
  std::string tls_client_ca_file;
  int threads = 16;    // workers that run requests through the core (it blocks on backends)
  int io_threads = 2;  // event-loop threads: accept, TLS, read and write for every connection
  // Above this many open connections a new one is closed at once (each costs a descriptor and a
  // few KiB, no thread).
  int max_connections = 10000;
  // A keep-alive connection waiting for its next request is closed after this.
  absl::Duration idle_timeout = absl::Seconds(60);
  // Once the first byte of a request (or of the TLS handshake) arrived, its whole head must arrive
  // within this; a body must keep arriving, no pause longer than this; an answer must be taken.
  absl::Duration read_timeout = absl::Seconds(10);
  // Stop() waits this long for the requests in flight to be answered (SIGTERM drains).
  absl::Duration drain_timeout = absl::Seconds(30);
  size_t max_header_bytes = 16 << 10;
  // The wire's hard cap on a body, above every route's limit; the core applies per-route limits.
  size_t max_payload_bytes = 16 << 20;
};

// The listener's flags and their SWV_GATEWAY_* variables (--listen-*, --tls-*), filling `options`.
void AddListenerFlags(OptionParser& parser, HttpListenerOptions* options);

// What main validates before Start: positive counts and timeouts. INVALID_ARGUMENT naming the flag.
absl::Status ValidateListenerOptions(const HttpListenerOptions& options);

class GatewayHttpServer {
 public:
  // `core` is borrowed and must outlive the server. With `metrics`, the listener reports
  // swv_gateway_http_connections (open now) and swv_gateway_http_connections_refused_total.
  GatewayHttpServer(GatewayCore* core, HttpListenerOptions options, Metrics* metrics = nullptr);
  ~GatewayHttpServer();

  // Binds and starts serving on background threads. UNAVAILABLE when the port is taken (never
  // silently shared), INVALID_ARGUMENT for a bad address or unusable certificate/key.
  absl::Status Start();
  // Stops accepting, answers the requests in flight (up to drain_timeout), closes every
  // connection.
  void Stop();
  int port() const { return port_.load(); }
  bool tls() const { return tls_; }
  int open_connections() const;

  struct Loop;  // the event loop, its workers and shared counters (http_adapter.cc)

 private:
  GatewayCore* core_;
  HttpListenerOptions options_;
  prometheus::Gauge* open_gauge_ = nullptr;  // owned by the metrics registry
  prometheus::Counter* refused_counter_ = nullptr;
  std::unique_ptr<Loop> loop_;
  std::atomic<int> port_{0};
  bool tls_ = false;
};

}  // namespace swv::gateway

#endif  // SWV_SERVICES_GATEWAY_HTTP_ADAPTER_H_
