// The service runtime's stop: Shutdown (the drain in order: health, gRPC, HTTP, readiness
// checks), Wait, RequestStop and RunUntilSignal with its SIGTERM/SIGINT self-pipe.
#include <httplib.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <string>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "grpcpp/health_check_service_interface.h"
#include "services/common/logging.h"
#include "services/common/server.h"
#include "services/common/server_internal.h"

namespace swv {
namespace {

// The write end of the self-pipe of the runtime currently in RunUntilSignal; -1 when none.
std::atomic<int> g_signal_fd{-1};

extern "C" void HandleStopSignal(int signo) {
  int saved_errno = errno;  // write may clobber errno of the interrupted code
  int fd = g_signal_fd.load();
  if (fd >= 0) {
    unsigned char byte = static_cast<unsigned char>(signo);
    ssize_t ignored = ::write(fd, &byte, 1);
    (void)ignored;
  }
  errno = saved_errno;
}

}  // namespace

void ServiceRuntime::Shutdown() {
  {
    absl::MutexLock lock(&mu_);
    if (state_ == State::kNew) {
      state_ = State::kStopped;
      return;
    }
    if (state_ != State::kRunning) {
      // Someone else is draining; wait for them so every caller returns after the stop.
      mu_.Await(absl::Condition(
          +[](State* state) { return *state == State::kStopped; }, &state_));
      return;
    }
    state_ = State::kStopping;
  }
  shutting_down_ = true;
  LogInfo("shutting down", {{"grace", absl::FormatDuration(options_.shutdown_grace)},
                            {"grpc_port", std::to_string(grpc_port_.load())}});
  // Every service NOT_SERVING (Watch streams see it at once), and no state changes after. Open
  // Watch streams are in-flight calls: gRPC ends them only at the grace deadline, so a client that
  // watches our health makes the drain last the whole grace period.
  if (grpc::HealthCheckServiceInterface* health = grpc_server_->GetHealthCheckService()) {
    health->Shutdown();
  }
  // Stops accepting at once; in-flight calls may finish until the deadline, then are cancelled.
  // Returns when all calls are done.
  grpc_server_->Shutdown(absl::ToChronoTime(absl::Now() + options_.shutdown_grace));
  grpc_server_->Wait();

  // The HTTP port goes last so /metrics can be scraped and /readyz says 503 during the drain.
  http_server_->stop();
  if (http_thread_.joinable()) http_thread_.join();

  // Readiness checks may use things (a database) that main destroys after the runtime.
  {
    absl::MutexLock lock(&readiness_->mu);
    if (!readiness_->mu.AwaitWithTimeout(
            absl::Condition(
                +[](int* running) { return *running == 0; }, &readiness_->running),
            options_.shutdown_grace)) {
      LogWarn("a readiness check is still running after shutdown");
    }
  }
  LogInfo("stopped", {{"grpc_port", std::to_string(grpc_port_.load())},
                      {"http_port", std::to_string(http_port_.load())}});
  absl::MutexLock lock(&mu_);
  state_ = State::kStopped;
}

void ServiceRuntime::Wait() {
  absl::MutexLock lock(&mu_);
  mu_.Await(absl::Condition(
      +[](State* state) { return *state == State::kNew || *state == State::kStopped; }, &state_));
}

void ServiceRuntime::RequestStop() {
  if (stop_pipe_[1] < 0) return;
  unsigned char byte = 0;
  ssize_t ignored = ::write(stop_pipe_[1], &byte, 1);
  (void)ignored;
}

absl::Status ServiceRuntime::RunUntilSignal() {
  if (stop_pipe_[0] < 0) return absl::InternalError("no stop pipe; cannot wait for signals");

  // Handlers go in before Start so that a SIGTERM arriving right after the ports open (an
  // orchestrator stopping a fresh pod) still drains instead of killing the process.
  struct sigaction action {};
  action.sa_handler = HandleStopSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  struct sigaction old_term {};
  struct sigaction old_int {};
  g_signal_fd.store(stop_pipe_[1]);
  ::sigaction(SIGTERM, &action, &old_term);
  ::sigaction(SIGINT, &action, &old_int);
  auto restore_handlers = [&] {
    ::sigaction(SIGTERM, &old_term, nullptr);
    ::sigaction(SIGINT, &old_int, nullptr);
    g_signal_fd.store(-1);
  };

  bool running;
  {
    absl::MutexLock lock(&mu_);
    running = state_ == State::kRunning;
  }
  if (!running) {
    absl::Status status = Start();
    if (!status.ok()) {
      restore_handlers();
      return status;
    }
  }

  unsigned char byte = 0;
  for (;;) {
    pollfd pfd{stop_pipe_[0], POLLIN, 0};
    int rc = ::poll(&pfd, 1, -1);
    if (rc < 0 && errno == EINTR) continue;
    if (rc < 0) break;
    ssize_t n = ::read(stop_pipe_[0], &byte, 1);
    if (n == 1) break;
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
  }

  restore_handlers();
  LogInfo("stop requested", {{"signal", byte == SIGTERM  ? "SIGTERM"
                                        : byte == SIGINT ? "SIGINT"
                                                         : "none (RequestStop)"}});
  Shutdown();
  return absl::OkStatus();
}

}  // namespace swv
