// The process around a service: one gRPC server (the service's own API plus grpc.health.v1 and
// server reflection v1alpha) and an HTTP side port with /metrics, /healthz and /readyz.
//
//   int main(int argc, char** argv) {
//     swv::ServerOptions options;
//     options.service_name = "swv-registrations";
//     swv::OptionParser parser("swv-registrations", "Registrations service.");
//     swv::AddServerOptions(parser, &options);
//     swv::ParseOrExit(parser, argc, argv, [&] { return swv::ValidateServerOptions(options); });
//     auto db = ...;                       // outlives the runtime (declared before it)
//     RegistrationsService service(*db);   // outlives the runtime
//     swv::ServiceRuntime runtime(options);
//     runtime.AddService(&service);
//     runtime.SetReadinessCheck([&] { return db->Ping(); });
//     absl::Status status = runtime.RunUntilSignal();   // Start, wait for SIGTERM/SIGINT, drain
//     if (!status.ok()) {
//       swv::LogError("cannot start", {{"error", status.ToString()}});
//       return 1;
//     }
//   }
//
// Services may implement the sync (XXX::Service) or the callback API (XXX::CallbackService);
// the callback API serves about twice the calls per second here. Every call is counted and timed
// by the metrics interceptor (see metrics.h); service code adds no per-method metrics for that.
//
// Ports: a taken port is an error (no silent SO_REUSEPORT sharing with another process). Port 0
// picks a free port; grpc_port()/http_port() tell which after Start.
//
// Shutdown sequence: /readyz answers 503 and gRPC health turns NOT_SERVING, the server stops
// accepting calls, in-flight calls get up to options.shutdown_grace to finish (then they are
// cancelled), and then the HTTP port closes. An open grpc.health.v1 Watch stream counts as an
// in-flight call, so a client watching our health makes the drain last the full grace period.
// There is no delay between NOT_SERVING and closing the gRPC listener: put a preStop sleep in
// the deployment if load balancers need time to notice.
//
// Thread-safety: AddService must be called before Start, from one thread. SetReadinessCheck,
// Shutdown, Wait, RequestStop, grpc_port, http_port and metrics() are safe from any thread.
// Start and RunUntilSignal are called once, from the owning thread.
#ifndef SWV_SERVICES_COMMON_SERVER_H_
#define SWV_SERVICES_COMMON_SERVER_H_

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/impl/service_type.h"
#include "grpcpp/server.h"
#include "services/common/metrics.h"
#include "services/common/options.h"

namespace httplib {
class Server;
}

namespace swv {

class ServiceRuntime {
 public:
  // Creates the metrics registry and initialises logging (InitLogging with the options' service
  // name and level). Does not validate or bind anything yet: Start does.
  explicit ServiceRuntime(ServerOptions options);
  // Shuts down if still running.
  ~ServiceRuntime();

  ServiceRuntime(const ServiceRuntime&) = delete;
  ServiceRuntime& operator=(const ServiceRuntime&) = delete;

  const ServerOptions& options() const { return options_; }
  Metrics& metrics() { return *metrics_; }

  // Registers a gRPC service (sync, callback or async generated base). Not owned; it must outlive
  // the runtime. Before Start only.
  void AddService(grpc::Service* service);

  // What /readyz asks, e.g. [&] { return db->Ping(); }. OK means ready; any error answers 503 with
  // the error's message. The check runs on its own thread and is bounded by
  // options.readiness_timeout; while one check runs, further /readyz requests wait for that same
  // result instead of starting more. Without a check, /readyz is ready while serving. Anything the
  // check uses must outlive the runtime.
  void SetReadinessCheck(std::function<absl::Status()> check);

  // Validates the options and binds the HTTP and gRPC ports. INVALID_ARGUMENT for bad options,
  // UNAVAILABLE naming the address (and the flag to change) when a port is taken or cannot be
  // bound, FAILED_PRECONDITION when called twice. On error nothing is left listening.
  absl::Status Start();

  // The bound ports after a successful Start (port 0 resolved); 0 before.
  int grpc_port() const { return grpc_port_.load(); }
  int http_port() const { return http_port_.load(); }

  // Drains and stops (see the sequence above). Blocks until done; at most about shutdown_grace
  // plus the time to close the HTTP port. Idempotent; a concurrent second call waits for the first.
  void Shutdown();

  // Blocks until Shutdown has completed (returns at once if never started).
  void Wait();

  // Starts (unless already started), blocks until SIGTERM or SIGINT arrives or RequestStop is
  // called, then Shutdown. The signal handlers only write to a self-pipe; they are installed for
  // the duration of the wait and the previous handlers restored before draining, so a second
  // Ctrl-C during a slow drain kills the process the usual way. Returns Start's error, else OK.
  absl::Status RunUntilSignal();

  // Makes RunUntilSignal return as if SIGTERM had arrived. Async-signal-safe.
  void RequestStop();

 private:
  struct Readiness;  // shared with the detached threads that run the readiness check

  void InstallHttpHandlers();
  absl::Status CheckReady();
  void SetServing(bool serving);

  const ServerOptions options_;
  std::unique_ptr<Metrics> metrics_;
  std::shared_ptr<Readiness> readiness_;
  std::vector<grpc::Service*> services_;    // not owned
  std::vector<std::string> service_names_;  // filled during Start by a builder plugin

  std::unique_ptr<grpc::Server> grpc_server_;
  std::unique_ptr<httplib::Server> http_server_;
  std::thread http_thread_;
  std::atomic<int> grpc_port_{0};
  std::atomic<int> http_port_{0};
  std::atomic<bool> shutting_down_{false};
  int stop_pipe_[2] = {-1, -1};  // self-pipe: [0] read by RunUntilSignal, [1] written on stop

  enum class State { kNew, kRunning, kStopping, kStopped };
  absl::Mutex mu_;
  State state_ ABSL_GUARDED_BY(mu_) = State::kNew;
};

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_SERVER_H_
