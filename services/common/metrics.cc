#include "services/common/metrics.h"

#include <chrono>
#include <utility>

#include "absl/strings/match.h"
#include "prometheus/text_serializer.h"
#include "services/kernel/enum_names.h"

namespace swv {
namespace {

using RpcType = grpc::experimental::ServerRpcInfo::Type;
using grpc::experimental::InterceptionHookPoints;

constexpr EnumName<RpcType> kTypeNames[] = {{RpcType::UNARY, "unary"},
                                            {RpcType::CLIENT_STREAMING, "client_stream"},
                                            {RpcType::SERVER_STREAMING, "server_stream"},
                                            {RpcType::BIDI_STREAMING, "bidi_stream"}};

const char* TypeName(RpcType type) { return NameOf(kTypeNames, type); }

// Splits "/package.Service/Method"; false for anything else.
bool SplitMethod(absl::string_view full, absl::string_view* service, absl::string_view* method) {
  if (!absl::StartsWith(full, "/")) return false;
  full.remove_prefix(1);
  size_t slash = full.find('/');
  if (slash == absl::string_view::npos || slash == 0 || slash + 1 == full.size()) return false;
  *service = full.substr(0, slash);
  *method = full.substr(slash + 1);
  return !absl::StrContains(*method, '/');
}

class MetricsInterceptor : public grpc::experimental::Interceptor {
 public:
  MetricsInterceptor(Metrics* metrics, const char* method, RpcType type)
      : metrics_(metrics),
        method_(method == nullptr ? "" : method),
        type_(type),
        start_(std::chrono::steady_clock::now()) {
    // Counted when the call is matched to a method, which is what "started" means.
    metrics_->RecordStarted(method_, type_);
  }

  ~MetricsInterceptor() override {
    // A call that ended without the server sending a status was cancelled underneath us.
    if (!handled_) Finish(grpc::StatusCode::CANCELLED);
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS) && !handled_) {
      Finish(methods->GetSendStatus().error_code());
    }
    methods->Proceed();
  }

 private:
  void Finish(grpc::StatusCode code) {
    handled_ = true;
    metrics_->RecordHandled(method_, type_, code,
                            absl::FromChrono(std::chrono::steady_clock::now() - start_));
  }

  Metrics* metrics_;
  std::string method_;
  RpcType type_;
  std::chrono::steady_clock::time_point start_;
  bool handled_ = false;  // hooks of one call never run concurrently
};

class MetricsInterceptorFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit MetricsInterceptorFactory(Metrics* metrics) : metrics_(metrics) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new MetricsInterceptor(metrics_, info->method(), info->type());
  }

 private:
  Metrics* metrics_;
};

}  // namespace

const char* GrpcCodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return "OK";
    case grpc::StatusCode::CANCELLED:
      return "CANCELLED";
    case grpc::StatusCode::UNKNOWN:
      return "UNKNOWN";
    case grpc::StatusCode::INVALID_ARGUMENT:
      return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND:
      return "NOT_FOUND";
    case grpc::StatusCode::ALREADY_EXISTS:
      return "ALREADY_EXISTS";
    case grpc::StatusCode::PERMISSION_DENIED:
      return "PERMISSION_DENIED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION:
      return "FAILED_PRECONDITION";
    case grpc::StatusCode::ABORTED:
      return "ABORTED";
    case grpc::StatusCode::OUT_OF_RANGE:
      return "OUT_OF_RANGE";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL:
      return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE:
      return "UNAVAILABLE";
    case grpc::StatusCode::DATA_LOSS:
      return "DATA_LOSS";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "UNAUTHENTICATED";
    default:
      return "UNKNOWN";
  }
}

const prometheus::Histogram::BucketBoundaries& LatencyBuckets() {
  static const auto* buckets = new prometheus::Histogram::BucketBoundaries{
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  return *buckets;
}

Metrics::Metrics(absl::string_view service_name, absl::string_view version)
    : registry_(std::make_shared<prometheus::Registry>()) {
  started_ = &prometheus::BuildCounter()
                  .Name("grpc_server_started_total")
                  .Help("Total number of RPCs started on the server.")
                  .Register(*registry_);
  handled_ = &prometheus::BuildCounter()
                  .Name("grpc_server_handled_total")
                  .Help(
                      "Total number of RPCs completed on the server, regardless of success "
                      "or failure.")
                  .Register(*registry_);
  handling_seconds_ = &prometheus::BuildHistogram()
                           .Name("grpc_server_handling_seconds")
                           .Help(
                               "Histogram of response latency (seconds) of gRPC that had been "
                               "application-level handled by the server.")
                           .Register(*registry_);
  prometheus::BuildGauge()
      .Name("swv_build_info")
      .Help("Always 1; labels say which service and version this process runs.")
      .Register(*registry_)
      .Add({{"service", std::string(service_name)}, {"version", std::string(version)}})
      .Set(1);
  ready_ = &prometheus::BuildGauge()
                .Name("swv_ready")
                .Help(
                    "1 when the readiness check (for services: the database answers) passed "
                    "at the latest scrape, else 0.")
                .Register(*registry_)
                .Add({});
}

std::string Metrics::Serialize() const {
  std::vector<prometheus::MetricFamily> families = registry_->Collect();
  std::vector<prometheus::MetricFamily> process = process_metrics_.Collect();
  families.insert(families.end(), process.begin(), process.end());
  std::vector<const prometheus::Collectable*> collectables;
  {
    absl::MutexLock lock(&mu_);
    collectables = collectables_;
  }
  for (const prometheus::Collectable* collectable : collectables) {
    std::vector<prometheus::MetricFamily> more = collectable->Collect();
    families.insert(families.end(), more.begin(), more.end());
  }
  return prometheus::TextSerializer().Serialize(families);
}

Metrics::MethodSeries& Metrics::SeriesFor(absl::string_view full_method, RpcType type) {
  absl::string_view service;
  absl::string_view method;
  if (!SplitMethod(full_method, &service, &method)) {
    full_method = "/unknown/unknown";
    service = "unknown";
    method = "unknown";
  }
  absl::MutexLock lock(&mu_);
  if (restrict_services_ && !known_services_.contains(service)) {
    full_method = "/unknown/unknown";
    service = "unknown";
    method = "unknown";
  }
  auto it = series_.find(full_method);
  if (it != series_.end()) return *it->second;
  // Bound the number of series: beyond this many distinct method names something is probing us
  // (or a bug); fold the rest into unknown/unknown.
  constexpr size_t kMaxMethods = 2000;
  if (series_.size() >= kMaxMethods) {
    full_method = "/unknown/unknown";
    service = "unknown";
    method = "unknown";
    it = series_.find(full_method);
    if (it != series_.end()) return *it->second;
  }
  auto series = std::make_unique<MethodSeries>();
  series->service = std::string(service);
  series->method = std::string(method);
  series->type = TypeName(type);
  prometheus::Labels labels = {{"grpc_service", series->service},
                               {"grpc_method", series->method},
                               {"grpc_type", series->type}};
  series->started = &started_->Add(labels);
  series->latency = &handling_seconds_->Add(labels, LatencyBuckets());
  MethodSeries& result = *series;
  series_.emplace(std::string(full_method), std::move(series));
  return result;
}

void Metrics::RecordStarted(absl::string_view full_method, RpcType type) {
  SeriesFor(full_method, type).started->Increment();
}

void Metrics::RecordHandled(absl::string_view full_method, RpcType type, grpc::StatusCode code,
                            absl::Duration latency) {
  MethodSeries& series = SeriesFor(full_method, type);
  int index = static_cast<int>(code);
  if (index < 0 || index > 16) index = static_cast<int>(grpc::StatusCode::UNKNOWN);
  prometheus::Counter* handled;
  {
    absl::MutexLock lock(&mu_);
    handled = series.handled[index];
    if (handled == nullptr) {
      handled = &handled_->Add({{"grpc_service", series.service},
                                {"grpc_method", series.method},
                                {"grpc_type", series.type},
                                {"grpc_code", GrpcCodeName(static_cast<grpc::StatusCode>(index))}});
      series.handled[index] = handled;
    }
  }
  handled->Increment();
  series.latency->Observe(absl::ToDoubleSeconds(latency));
}

void Metrics::SetKnownServices(const std::vector<std::string>& services) {
  absl::MutexLock lock(&mu_);
  restrict_services_ = true;
  known_services_.clear();
  known_services_.insert(services.begin(), services.end());
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
Metrics::MakeServerInterceptorFactory() {
  return std::make_unique<MetricsInterceptorFactory>(this);
}

}  // namespace swv
