// The service runtime's set-up and start: the gRPC server with health and reflection, the HTTP
// side port (metrics, /healthz, /readyz) and the readiness check. Stopping (signals, the drain) is
// in server_stop.cc.
#include "services/common/server.h"

#include <fcntl.h>
#include <httplib.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <exception>
#include <mutex>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "grpc/grpc.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/impl/server_builder_option.h"
#include "grpcpp/impl/server_builder_plugin.h"
#include "grpcpp/impl/server_initializer.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"
#include "services/common/access.h"
#include "services/common/grpc_channel.h"
#include "services/common/grpc_principal.h"
#include "services/common/grpc_trace.h"
#include "services/common/logging.h"
#include "services/common/page_token.h"
#include "services/common/server_internal.h"
#include "services/kernel/status_macros.h"

#ifndef SWV_VERSION
#define SWV_VERSION "dev"
#endif

namespace swv {
namespace {

// Tries to bind host:port exclusively (SO_REUSEADDR for TIME_WAIT only, no SO_REUSEPORT), so a
// port held by another listener - even one that set SO_REUSEPORT - is reported with a clear reason
// before gRPC or httplib would give a vague failure or silently share the port.
absl::Status ProbeBind(const std::string& host, int port, absl::string_view what,
                       absl::string_view address) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  std::string port_text = std::to_string(port);
  int rc = ::getaddrinfo(host.c_str(), port_text.c_str(), &hints, &found);
  if (rc != 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", what, " ", address,
                                               ": cannot resolve host: ", gai_strerror(rc)));
  }
  absl::Status status = absl::OkStatus();
  int fd = ::socket(found->ai_family, found->ai_socktype | SOCK_CLOEXEC, found->ai_protocol);
  if (fd < 0) {
    status = absl::UnavailableError(
        absl::StrCat("cannot listen on ", what, " ", address, ": ", std::strerror(errno)));
  } else {
    int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    if (::bind(fd, found->ai_addr, found->ai_addrlen) != 0) {
      int err = errno;
      status = absl::UnavailableError(absl::StrCat(
          "cannot listen on ", what, " ", address, ": ", std::strerror(err),
          err == EADDRINUSE ? " (another process holds the port; choose another port)" : ""));
    }
    ::close(fd);
  }
  ::freeaddrinfo(found);
  return status;
}

// Collects the names of all registered gRPC services (including health and reflection, which
// gRPC adds itself) so health can report each of them. ServerBuilder offers no public accessor;
// a plugin sees the server through ServerInitializer.
class ServiceListPlugin : public grpc::ServerBuilderPlugin {
 public:
  ServiceListPlugin(std::vector<std::string>* names, Metrics* metrics)
      : names_(names), metrics_(metrics) {}
  std::string name() override { return "swv_service_list"; }
  void InitServer(grpc::ServerInitializer* /*si*/) override {}
  // Runs right after the server started, when gRPC has added health and reflection too.
  void Finish(grpc::ServerInitializer* si) override {
    const std::vector<std::string>* list = si->GetServiceList();
    if (list != nullptr) *names_ = *list;
    metrics_->SetKnownServices(*names_);
  }
  void ChangeArguments(const std::string& /*name*/, void* /*value*/) override {}

 private:
  std::vector<std::string>* names_;
  Metrics* metrics_;
};

class ServiceListOption : public grpc::ServerBuilderOption {
 public:
  ServiceListOption(std::vector<std::string>* names, Metrics* metrics)
      : names_(names), metrics_(metrics) {}
  void UpdateArguments(grpc::ChannelArguments* /*args*/) override {}
  void UpdatePlugins(std::vector<std::unique_ptr<grpc::ServerBuilderPlugin>>* plugins) override {
    plugins->push_back(std::make_unique<ServiceListPlugin>(names_, metrics_));
  }

 private:
  std::vector<std::string>* names_;
  Metrics* metrics_;
};

void InitGrpcGlobalsOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    // Both are process-wide switches read when a ServerBuilder is built.
    grpc::EnableDefaultHealthCheckService(true);
    grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  });
}

}  // namespace

ServiceRuntime::ServiceRuntime(ServerOptions options)
    : options_(std::move(options)),
      metrics_(std::make_unique<Metrics>(options_.service_name, SWV_VERSION)),
      readiness_(std::make_shared<Readiness>()) {
  InitLogging(options_.service_name, options_.log_level);
  ConfigurePageTokenSecret(options_.page_token_secret);
  if (::pipe2(stop_pipe_, O_CLOEXEC) != 0) {
    stop_pipe_[0] = stop_pipe_[1] = -1;
    LogError("cannot create the stop pipe; RunUntilSignal will fail",
             {{"error", std::strerror(errno)}});
  } else {
    // A full pipe must never block the signal handler; one pending byte is enough anyway.
    ::fcntl(stop_pipe_[1], F_SETFL, O_NONBLOCK);
  }
}

ServiceRuntime::~ServiceRuntime() {
  Shutdown();
  for (int& fd : stop_pipe_) {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
}

void ServiceRuntime::AddService(grpc::Service* service) { services_.push_back(service); }

void ServiceRuntime::SetReadinessCheck(std::function<absl::Status()> check) {
  absl::MutexLock lock(&readiness_->mu);
  readiness_->check = std::move(check);
}

absl::Status ServiceRuntime::CheckReady() {
  if (shutting_down_.load()) return absl::UnavailableError("shutting down");
  std::shared_ptr<Readiness> readiness = readiness_;
  std::shared_ptr<Readiness::Probe> probe;
  {
    absl::MutexLock lock(&readiness->mu);
    if (!readiness->check) return absl::OkStatus();
    if (readiness->in_flight != nullptr) {
      probe = readiness->in_flight;
    } else {
      probe = std::make_shared<Readiness::Probe>();
      readiness->in_flight = probe;
      ++readiness->running;
      // Its own thread, so a hanging check (a database that does not answer) costs one thread
      // rather than every HTTP worker; later requests share this probe until it finishes.
      std::thread([readiness, probe, check = readiness->check] {
        absl::Status status;
        try {
          status = check();
        } catch (const std::exception& e) {
          status = absl::InternalError(absl::StrCat("readiness check threw: ", e.what()));
        } catch (...) {
          status = absl::InternalError("readiness check threw");
        }
        // Unpublish the probe before completing it: a request arriving after the check returned
        // must start a fresh check rather than read this (possibly stale) result.
        {
          absl::MutexLock readiness_lock(&readiness->mu);
          if (readiness->in_flight == probe) readiness->in_flight = nullptr;
        }
        {
          absl::MutexLock probe_lock(&probe->mu);
          probe->status = status;
          probe->done = true;
        }
        absl::MutexLock readiness_lock(&readiness->mu);
        --readiness->running;
      }).detach();
    }
  }
  absl::MutexLock lock(&probe->mu);
  if (!probe->mu.AwaitWithTimeout(absl::Condition(&probe->done), options_.readiness_timeout)) {
    return absl::DeadlineExceededError(
        absl::StrCat("readiness check did not answer within ",
                     absl::FormatDuration(options_.readiness_timeout)));
  }
  return probe->status;
}

void ServiceRuntime::InstallHttpHandlers() {
  httplib::Server& http = *http_server_;
  http.Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
    // Checking readiness at scrape time gives Prometheus a "database reachable" signal without a
    // background prober; the check is bounded by readiness_timeout and shared with /readyz.
    metrics_->SetReady(CheckReady().ok());
    res.set_content(metrics_->Serialize(), "text/plain; version=0.0.4; charset=utf-8");
  });
  http.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok\n", "text/plain; charset=utf-8");
  });
  http.Get("/readyz", [this](const httplib::Request&, httplib::Response& res) {
    absl::Status status = CheckReady();
    if (status.ok()) {
      res.set_content("ok\n", "text/plain; charset=utf-8");
      return;
    }
    res.status = 503;
    res.set_content(absl::StrCat("not ready: ", status.ToString(), "\n"),
                    "text/plain; charset=utf-8");
  });
}

void ServiceRuntime::SetServing(bool serving) {
  grpc::HealthCheckServiceInterface* health = grpc_server_->GetHealthCheckService();
  if (health == nullptr) return;
  health->SetServingStatus("", serving);  // the whole server
  for (const std::string& name : service_names_) health->SetServingStatus(name, serving);
}

absl::Status ServiceRuntime::Start() {
  absl::MutexLock lock(&mu_);
  if (state_ != State::kNew) return absl::FailedPreconditionError("runtime already started");
  absl::Status status = ValidateServerOptions(options_);
  if (!status.ok()) return status;

  std::string grpc_host;
  int grpc_port = 0;
  std::string http_host;
  int http_port = 0;
  (void)ParseHostPort(options_.grpc_address, "grpc-address", &grpc_host, &grpc_port);
  (void)ParseHostPort(options_.http_address, "http-address", &http_host, &http_port);
  const std::string grpc_what = "gRPC address (flag --grpc-address, env SWV_GRPC_ADDRESS)";
  const std::string http_what = "HTTP address (flag --http-address, env SWV_HTTP_ADDRESS)";
  if (grpc_port != 0) {
    status = ProbeBind(grpc_host, grpc_port, grpc_what, options_.grpc_address);
    if (!status.ok()) return status;
  }
  if (http_port != 0) {
    status = ProbeBind(http_host, http_port, http_what, options_.http_address);
    if (!status.ok()) return status;
  }

  // gRPC first: if the HTTP bind fails afterwards, a started gRPC server is easy to stop, while a
  // bound but never listening httplib server cannot be closed through its API.
  InitGrpcGlobalsOnce();
  grpc::ServerBuilder builder;
  // Without this gRPC sets SO_REUSEPORT and a second process would share our port silently.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  int selected_port = 0;
  SWV_ASSIGN_OR_RETURN(std::shared_ptr<grpc::ServerCredentials> credentials,
                       ServerCredentialsFor(options_));
  std::shared_ptr<const PrincipalVerifier> verifier;
  if (!options_.trusted_keys.empty()) {
    absl::StatusOr<std::shared_ptr<const PrincipalVerifier>> loaded =
        PrincipalVerifier::FromSpec(options_.trusted_keys);
    if (!loaded.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--trusted-keys (SWV_TRUSTED_KEYS): ", loaded.status().message()));
    }
    verifier = *std::move(loaded);
  }
  builder.AddListeningPort(options_.grpc_address, credentials, &selected_port);
  for (grpc::Service* service : services_) builder.RegisterService(service);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> creators;
  creators.push_back(metrics_->MakeServerInterceptorFactory());
  creators.push_back(MakeTraceServerInterceptorFactory());
  creators.push_back(MakeAccessCheckInterceptorFactory(verifier));
  builder.experimental().SetInterceptorCreators(std::move(creators));
  builder.SetOption(std::make_unique<ServiceListOption>(&service_names_, metrics_.get()));
  grpc_server_ = builder.BuildAndStart();
  if (grpc_server_ == nullptr || selected_port == 0) {
    if (grpc_server_ != nullptr) grpc_server_->Shutdown();
    grpc_server_.reset();
    return absl::UnavailableError(absl::StrCat("cannot listen on ", grpc_what, " ",
                                               options_.grpc_address,
                                               ": the port is in use or the address is not "
                                               "local; choose another address"));
  }
  grpc_port_ = selected_port;
  // Every RPC of ours declares who may call it (access.h); a process with an undeclared one
  // would refuse it to everybody, so it does not start.
  std::vector<const google::protobuf::ServiceDescriptor*> ours;
  for (const std::string& name : service_names_) {
    const google::protobuf::ServiceDescriptor* service =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(name);
    if (service != nullptr && absl::StartsWith(name, "swv.")) ours.push_back(service);
  }
  absl::Status identity = absl::OkStatus();
  if (!ours.empty() && verifier == nullptr) {
    identity = absl::FailedPreconditionError(
        "--trusted-keys (SWV_TRUSTED_KEYS) is required: every call must carry a principal token "
        "signed by a trusted issuer (tools/quickstart.sh makes throwaway keys)");
  }
  if (std::vector<std::string> undeclared = UndeclaredMethods(ours); !undeclared.empty()) {
    identity = absl::FailedPreconditionError(
        absl::StrCat("these RPCs have no access declaration (option (swv.v1.access) in their "
                     "proto): ",
                     absl::StrJoin(undeclared, ", ")));
  }
  if (!identity.ok()) {
    grpc_server_->Shutdown(std::chrono::system_clock::now());
    grpc_server_->Wait();
    grpc_server_.reset();
    grpc_port_ = 0;
    return identity;
  }

  http_server_ = std::make_unique<httplib::Server>();
  const int threads = options_.http_threads;
  http_server_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http_server_->set_tcp_nodelay(true);  // else ~40 ms Nagle stalls per response
  // httplib's default options add SO_REUSEPORT, which would let two processes share the port.
  http_server_->set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  InstallHttpHandlers();
  bool bound;
  if (http_port == 0) {
    http_port = http_server_->bind_to_any_port(http_host);
    bound = http_port > 0;
  } else {
    bound = http_server_->bind_to_port(http_host, http_port);
  }
  if (!bound) {
    grpc_server_->Shutdown(std::chrono::system_clock::now());
    grpc_server_->Wait();
    grpc_server_.reset();
    http_server_.reset();
    grpc_port_ = 0;
    return absl::UnavailableError(absl::StrCat("cannot listen on ", http_what, " ",
                                               options_.http_address,
                                               ": the port is in use or the address is not "
                                               "local; choose another address"));
  }
  http_port_ = http_port;
  http_thread_ = std::thread([server = http_server_.get()] { server->listen_after_bind(); });
  // stop() is a no-op until the accept loop runs; wait for it so Shutdown can always stop it.
  for (int i = 0; i < 5000 && !http_server_->is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }

  SetServing(true);
  state_ = State::kRunning;
  LogInfo("started", {{"grpc_address", options_.grpc_address},
                      {"grpc_port", std::to_string(grpc_port_.load())},
                      {"http_address", options_.http_address},
                      {"http_port", std::to_string(http_port_.load())},
                      {"services", absl::StrJoin(service_names_, ",")},
                      {"version", SWV_VERSION}});
  return absl::OkStatus();
}

}  // namespace swv
