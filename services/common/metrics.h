// Prometheus metrics of one process: the gRPC server families every dashboard expects, a build-info
// gauge, and a registry where a service declares its own (swv_-prefixed) families.
//
//   grpc_server_started_total{grpc_service,grpc_method,grpc_type}            counter
//   grpc_server_handled_total{grpc_service,grpc_method,grpc_type,grpc_code}  counter
//   grpc_server_handling_seconds{grpc_service,grpc_method,grpc_type}         histogram
//   swv_build_info{service,version}                                          gauge, always 1
//   swv_ready                                                                gauge, 1 when the
//       readiness check (for services: the database answers) passed at the latest scrape
//   process_* (see process_metrics.h)
//
// The gRPC families are filled by the server interceptor (MakeServerInterceptorFactory), which
// ServiceRuntime installs; service code never records them itself. Label values come from bounded
// sets only (registered method names, grpc_type, code names such as "INVALID_ARGUMENT"): never ids.
// A call to a method the server does not know (gRPC hands the interceptor the raw requested path)
// is counted as grpc_service="unknown", grpc_method="unknown", so a scanner cannot create
// unbounded series; ServiceRuntime tells Metrics which services exist (SetKnownServices).
//
// Thread-safety: all methods are safe to call from any thread. Declare your own families once at
// start (prometheus-cpp families are thread-safe to Add to and to increment afterwards).
#ifndef SWV_SERVICES_COMMON_METRICS_H_
#define SWV_SERVICES_COMMON_METRICS_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/support/server_interceptor.h"
#include "grpcpp/support/status.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"
#include "services/common/process_metrics.h"

namespace swv {

// "OK", "INVALID_ARGUMENT", ... (the names gRPC tooling uses); "UNKNOWN" for out-of-range codes.
const char* GrpcCodeName(grpc::StatusCode code);

// Buckets for request latency, 0.5 ms to 10 s.
const prometheus::Histogram::BucketBoundaries& LatencyBuckets();

class Metrics {
 public:
  // `service_name` and `version` fill swv_build_info.
  Metrics(absl::string_view service_name, absl::string_view version);
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // For a service's own families, e.g.
  //   auto& open = prometheus::BuildGauge().Name("swv_thuiszitter_cases_open").Help("...")
  //                    .Register(metrics.registry());
  prometheus::Registry& registry() { return *registry_; }
  std::shared_ptr<prometheus::Registry> shared_registry() { return registry_; }

  // The text exposition format 0.0.4 of everything in the registry plus the process metrics.
  std::string Serialize() const;

  // Adds a collector whose families are served with every scrape (e.g. a service's business
  // gauges computed from its database). Not owned; must outlive this object. Call before serving.
  void AddCollectable(const prometheus::Collectable* collectable) {
    absl::MutexLock lock(&mu_);
    collectables_.push_back(collectable);
  }

  // Sets swv_ready; the runtime calls it with the readiness check's result on every scrape.
  void SetReady(bool ready) { ready_->Set(ready ? 1 : 0); }

  // Recording one call; used by the interceptor, exposed for tests. `full_method` is
  // "/package.Service/Method"; anything else counts as unknown/unknown.
  void RecordStarted(absl::string_view full_method, grpc::experimental::ServerRpcInfo::Type type);
  void RecordHandled(absl::string_view full_method, grpc::experimental::ServerRpcInfo::Type type,
                     grpc::StatusCode code, absl::Duration latency);

  // Restricts the grpc_service label to these services (plus "unknown"); before the first call
  // every well-formed method name is accepted. ServiceRuntime calls this during Start.
  void SetKnownServices(const std::vector<std::string>& services);

  // An interceptor factory recording into this object, which must outlive the server.
  std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
  MakeServerInterceptorFactory();

 private:
  // The series of one method, looked up once and then reused for every call.
  struct MethodSeries {
    std::string service;
    std::string method;
    std::string type;
    prometheus::Counter* started = nullptr;
    prometheus::Histogram* latency = nullptr;
    prometheus::Counter* handled[17] = {};  // by grpc::StatusCode, created on first use
  };
  MethodSeries& SeriesFor(absl::string_view full_method,
                          grpc::experimental::ServerRpcInfo::Type type);

  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Counter>* started_;
  prometheus::Family<prometheus::Counter>* handled_;
  prometheus::Family<prometheus::Histogram>* handling_seconds_;
  prometheus::Gauge* ready_;
  ProcessMetrics process_metrics_;

  mutable absl::Mutex mu_;
  std::vector<const prometheus::Collectable*> collectables_ ABSL_GUARDED_BY(mu_);
  // Keyed by full method + type; node-stable (unique_ptr) so references stay valid.
  absl::flat_hash_map<std::string, std::unique_ptr<MethodSeries>> series_ ABSL_GUARDED_BY(mu_);
  bool restrict_services_ ABSL_GUARDED_BY(mu_) = false;
  absl::flat_hash_set<std::string> known_services_ ABSL_GUARDED_BY(mu_);
};

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_METRICS_H_
