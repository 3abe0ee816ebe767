// The fault harness's sandbox: its private MariaDB (tools/mariadb-test-server.sh), the service
// binaries started on port 0 and restarted on their ports, the watchdog and swv-admin credentials.
#include "tests/faults/fault_harness.h"

#include <fcntl.h>
#include <httplib.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "tests/faults/fault_process_internal.h"
#include "tests/testing/test_identity.h"

namespace swv::faults {
namespace {

using internal::FileSize;
using internal::ForkExec;
using internal::ReadFile;
using internal::Tail;

constexpr absl::Duration kStartTimeout = absl::Seconds(60);

// The number after "field":" in a log line (fields are JSON strings), or 0.
int LogField(absl::string_view line, absl::string_view field) {
  const std::string key = absl::StrCat("\"", field, "\":\"");
  size_t at = line.find(key);
  if (at == absl::string_view::npos) return 0;
  absl::string_view rest = line.substr(at + key.size());
  rest = rest.substr(0, rest.find('"'));
  int value = 0;
  return absl::SimpleAtoi(rest, &value) ? value : 0;
}

bool KeepSandbox() {
  const char* keep = std::getenv("SWV_FAULTS_KEEP");
  return keep != nullptr && *keep != '\0' && std::string(keep) != "0";
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// MariaDb

std::string MariaDb::Url(absl::string_view database) const {
  return absl::StrCat("mysql://swv:swv@127.0.0.1:", port_, "/", database);
}

std::vector<std::string> MariaDb::ClientArgv() const {
  return {"mariadb",
          "--no-defaults",
          "--protocol=socket",
          absl::StrCat("--socket=", socket_),
          "-uroot",
          "-N",
          "-B"};
}

absl::Status MariaDb::ReadLayout() {
  if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(ReadFile(dir_ + "/port")), &port_)) {
    return absl::InternalError(absl::StrCat("no port file from mariadb-test-server.sh in ", dir_));
  }
  socket_ = std::string(absl::StripAsciiWhitespace(ReadFile(dir_ + "/socket")));
  return absl::OkStatus();
}

absl::Status MariaDb::CreateDatabase(absl::string_view database) {
  return Query(absl::StrCat("CREATE DATABASE IF NOT EXISTS `", database,
                            "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"))
      .status();
}

absl::StatusOr<std::string> MariaDb::Query(absl::string_view sql) {
  std::vector<std::string> argv = ClientArgv();
  argv.push_back("-e");
  argv.emplace_back(sql);
  return RunAndCapture(argv, absl::StrCat(sandbox_->dir(), "/mariadb-client.log"));
}

absl::StatusOr<std::unique_ptr<Process>> MariaDb::StartSession(absl::string_view name,
                                                               absl::string_view sql) {
  std::vector<std::string> argv = ClientArgv();
  argv.push_back("-e");
  argv.emplace_back(sql);
  return sandbox_->Spawn(name, argv);
}

absl::Status MariaDb::Stop() {
  return RunAndCapture({"bash", SourceFile("tools/mariadb-test-server.sh"), "stop", dir_},
                       absl::StrCat(sandbox_->dir(), "/mariadb-script.log"))
      .status();
}

absl::Status MariaDb::Kill() {
  int pid = 0;
  if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(ReadFile(dir_ + "/mariadbd.pid")), &pid) ||
      pid <= 0) {
    return absl::FailedPreconditionError("no mariadbd.pid");
  }
  if (::kill(pid, SIGKILL) != 0)
    return absl::InternalError(absl::StrCat("kill ", pid, ": ", std::strerror(errno)));
  // Not our child (the script started it in the background): wait until it is gone.
  const absl::Time deadline = absl::Now() + absl::Seconds(20);
  while (::kill(pid, 0) == 0) {
    if (absl::Now() > deadline)
      return absl::DeadlineExceededError(absl::StrCat("mariadbd ", pid, " survived SIGKILL"));
    absl::SleepFor(absl::Milliseconds(10));
  }
  return absl::OkStatus();
}

absl::Status MariaDb::Restart() {
  return RunAndCapture({"bash", SourceFile("tools/mariadb-test-server.sh"), "restart", dir_},
                       absl::StrCat(sandbox_->dir(), "/mariadb-script.log"))
      .status();
}

// ---------------------------------------------------------------------------------------------
// Service

std::string Service::grpc_target() const { return absl::StrCat("127.0.0.1:", grpc_port_); }

absl::Status Service::Launch() {
  std::vector<std::string> argv = {BuiltBinary(spec_.binary)};
  argv.insert(argv.end(), spec_.args.begin(), spec_.args.end());
  // Every process with the test identity, mutual TLS on: as deployed (docs/operations.md).
  const swv::testing::TestIdentity& identity = swv::testing::Identity();
  argv.push_back(absl::StrCat("--grpc-tls-cert=", identity.tls_cert));
  argv.push_back(absl::StrCat("--grpc-tls-key=", identity.tls_key));
  argv.push_back(absl::StrCat("--grpc-tls-ca=", identity.tls_ca));
  if (spec_.gateway) {
    argv.push_back(absl::StrCat("--signing-key=", identity.gateway_key));
  } else {
    argv.push_back(absl::StrCat("--trusted-keys=", identity.trusted_keys));
    if (!absl::StrContains(spec_.binary, "registrations")) {
      argv.push_back(absl::StrCat("--signing-key=", identity.service_key));
    }
  }
  argv.push_back(absl::StrCat("--grpc-address=127.0.0.1:", grpc_port_));
  argv.push_back(absl::StrCat("--http-address=127.0.0.1:", http_port_));
  if (spec_.gateway) argv.push_back(absl::StrCat("--listen-address=127.0.0.1:", rest_port_));
  process_.reset();
  absl::StatusOr<std::unique_ptr<Process>> spawned = sandbox_->Spawn(spec_.name, argv);
  if (!spawned.ok()) return spawned.status();
  process_ = *std::move(spawned);

  absl::StatusOr<std::string> started =
      process_->WaitForLogLine("\"msg\":\"started\"", kStartTimeout);
  if (!started.ok())
    return absl::Status(started.status().code(),
                        absl::StrCat(spec_.name, ": ", started.status().message()));
  grpc_port_ = LogField(*started, "grpc_port");
  http_port_ = LogField(*started, "http_port");
  if (spec_.gateway) {
    absl::StatusOr<std::string> listening =
        process_->WaitForLogLine("\"msg\":\"gateway listening\"", kStartTimeout);
    if (!listening.ok())
      return absl::Status(listening.status().code(),
                          absl::StrCat(spec_.name, ": ", listening.status().message()));
    rest_port_ = LogField(*listening, "port");
  }
  if (grpc_port_ == 0 || http_port_ == 0 || (spec_.gateway && rest_port_ == 0)) {
    return absl::InternalError(absl::StrCat(spec_.name, ": no ports in its start log"));
  }
  const absl::Time deadline = absl::Now() + kStartTimeout;
  while (HttpStatus(http_port_, "/readyz") != 200) {
    if (!process_->Running())
      return absl::InternalError(absl::StrCat(spec_.name, " exited while starting"));
    if (absl::Now() > deadline)
      return absl::DeadlineExceededError(absl::StrCat(spec_.name, " not ready in time"));
    absl::SleepFor(absl::Milliseconds(50));
  }
  return absl::OkStatus();
}

absl::Status Service::Restart() {
  if (process_ != nullptr && process_->Running()) {
    return absl::FailedPreconditionError(absl::StrCat(spec_.name, " is still running"));
  }
  // The ports were just released; give the kernel a few tries in the unlikely case of a clash.
  absl::Status status;
  for (int attempt = 0; attempt < 5; ++attempt) {
    status = Launch();
    if (status.ok()) return status;
    absl::SleepFor(absl::Milliseconds(200));
  }
  return status;
}

absl::StatusOr<int> Service::Terminate(absl::Duration timeout) {
  process_->Signal(SIGTERM);
  return process_->WaitExit(timeout);
}

// ---------------------------------------------------------------------------------------------
// Sandbox

absl::StatusOr<std::unique_ptr<Sandbox>> Sandbox::Create(absl::string_view name) {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern =
      absl::StrCat(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp", "/swv-faults-", name, ".XXXXXX");
  if (::mkdtemp(pattern.data()) == nullptr) {
    return absl::InternalError(absl::StrCat("mkdtemp ", pattern, ": ", std::strerror(errno)));
  }
  std::unique_ptr<Sandbox> sandbox(new Sandbox());
  sandbox->dir_ = pattern;

  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return absl::InternalError("pipe2");
  // Waits for EOF on stdin (the test process is gone or done), then stops the sandbox's MariaDB
  // and removes the directory.
  const std::string script =
      "read -r _ || true; for d in \"$2/mariadb\" \"$2\"/galera/node*; do "
      "bash \"$1\" stop \"$d\" >/dev/null 2>&1 || true; done; "
      "if [ \"$3\" != keep ]; then rm -rf \"$2\"; fi";
  absl::StatusOr<pid_t> pid = ForkExec(
      {"bash", "-c", script, "swv-faults-watchdog", SourceFile("tools/mariadb-test-server.sh"),
       sandbox->dir_, KeepSandbox() ? "keep" : "remove"},
      fds[0], -1, -1, /*die_with_parent=*/false, /*own_session=*/true);
  ::close(fds[0]);
  if (!pid.ok()) {
    ::close(fds[1]);
    return pid.status();
  }
  sandbox->watchdog_fd_ = fds[1];
  sandbox->watchdog_pid_ = *pid;
  return sandbox;
}

Sandbox::~Sandbox() {
  services_.clear();  // SIGKILL what still runs
  if (mariadb_ != nullptr) (void)mariadb_->Stop();
  for (const auto& node : cluster_) (void)node->Stop();
  if (KeepSandbox()) std::fprintf(stderr, "fault harness: kept %s\n", dir_.c_str());
  ::close(watchdog_fd_);
  int status = 0;
  while (::waitpid(watchdog_pid_, &status, 0) < 0 && errno == EINTR) {
  }
}

absl::StatusOr<MariaDb*> Sandbox::StartMariaDb() {
  if (mariadb_ != nullptr) return absl::FailedPreconditionError("MariaDB already started");
  auto db = std::unique_ptr<MariaDb>(new MariaDb(this));
  db->dir_ = absl::StrCat(dir_, "/mariadb");
  absl::StatusOr<std::string> url =
      RunAndCapture({"bash", SourceFile("tools/mariadb-test-server.sh"), "start", db->dir_},
                    absl::StrCat(dir_, "/mariadb-script.log"));
  mariadb_ = std::move(db);  // from here on the destructor stops it
  if (!url.ok()) return url.status();
  if (absl::Status read = mariadb_->ReadLayout(); !read.ok()) return read;
  return mariadb_.get();
}

absl::StatusOr<std::vector<MariaDb*>> Sandbox::StartGaleraCluster(int nodes) {
  if (!cluster_.empty()) return absl::FailedPreconditionError("the cluster already started");
  for (int i = 1; i <= nodes; ++i) {
    cluster_.push_back(std::unique_ptr<MariaDb>(new MariaDb(this)));  // the destructor stops them
    cluster_.back()->dir_ = absl::StrCat(dir_, "/galera/node", i);
  }
  absl::StatusOr<std::string> url =
      RunAndCapture({"bash", SourceFile("tools/mariadb-test-server.sh"), "start-cluster",
                     absl::StrCat(dir_, "/galera"), absl::StrCat(nodes)},
                    absl::StrCat(dir_, "/mariadb-script.log"));
  if (!url.ok()) return url.status();
  std::vector<MariaDb*> out;
  for (const auto& node : cluster_) {
    if (absl::Status read = node->ReadLayout(); !read.ok()) return read;
    out.push_back(node.get());
  }
  return out;
}

absl::StatusOr<std::unique_ptr<Process>> Sandbox::Spawn(absl::string_view name,
                                                        const std::vector<std::string>& argv) {
  const std::string log_path = absl::StrCat(dir_, "/", name, ".log");
  int log_fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0)
    return absl::InternalError(absl::StrCat("open ", log_path, ": ", std::strerror(errno)));
  const size_t offset = FileSize(log_path);
  absl::StatusOr<pid_t> pid = ForkExec(argv, -1, log_fd, log_fd, /*die_with_parent=*/true, false);
  ::close(log_fd);
  if (!pid.ok()) return pid.status();
  return std::unique_ptr<Process>(new Process(*pid, log_path, offset));
}

absl::StatusOr<Service*> Sandbox::StartService(Service::Spec spec) {
  services_.push_back(std::unique_ptr<Service>(new Service(this, std::move(spec))));
  Service* service = services_.back().get();
  if (absl::Status status = service->Launch(); !status.ok()) return status;
  return service;
}

Service* Sandbox::FindService(const std::string& name) const {
  for (const auto& service : services_) {
    if (service->spec_.name == name) return service.get();
  }
  return nullptr;
}

absl::StatusOr<std::string> Sandbox::IssueCredential(const std::string& database_url,
                                                     const std::vector<std::string>& args) {
  std::vector<std::string> argv = {
      BuiltBinary("tools/admin/swv-admin"), absl::StrCat("--database-url=", database_url), "issue",
      "--swv=PO2203",
      absl::StrCat("--expires=", absl::FormatTime("%Y-%m-%d", absl::Now() + absl::Hours(24 * 365),
                                                  absl::UTCTimeZone()))};
  argv.insert(argv.end(), args.begin(), args.end());
  absl::StatusOr<std::string> out = RunAndCapture(argv, absl::StrCat(dir_, "/swv-admin.log"));
  if (!out.ok()) return out.status();
  std::string secret = Tail(*out, 1);
  if (!absl::StartsWith(secret, "swv_"))
    return absl::InternalError(absl::StrCat("swv-admin printed no secret: ", *out));
  return secret;
}

std::string Sandbox::LogTails(int lines) const {
  std::string out;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir_, error)) {
    if (entry.path().extension() != ".log") continue;
    absl::StrAppend(&out, "---- ", entry.path().filename().string(), " (last ", lines, " lines)\n",
                    Tail(ReadFile(entry.path().string()), lines), "\n");
  }
  return out;
}

int HttpStatus(int port, const std::string& path, absl::Duration timeout) {
  httplib::Client client("127.0.0.1", port);
  const int64_t ms = absl::ToInt64Milliseconds(timeout);
  client.set_connection_timeout(std::chrono::milliseconds(ms));
  client.set_read_timeout(std::chrono::milliseconds(ms));
  httplib::Result result = client.Get(path.c_str());
  return result ? result->status : 0;
}

}  // namespace swv::faults
