// The process layer of the fault harness: fork/exec of children (environment without SWV_*,
// PR_SET_PDEATHSIG), RunAndCapture, the file helpers and Process (signal, wait, read its log).
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "tests/faults/fault_harness.h"
#include "tests/faults/fault_process_internal.h"

#ifndef SWV_BINARY_DIR
#error "SWV_BINARY_DIR must name the build directory"
#endif
#ifndef SWV_SOURCE_DIR
#error "SWV_SOURCE_DIR must name the source directory"
#endif

extern char** environ;

namespace swv::faults {
namespace {

// The environment for children: ours without SWV_* (a caller's SWV_DATABASE_URL must not reach
// every process at once; each gets its configuration as flags).
std::vector<std::string> ChildEnvironment() {
  std::vector<std::string> out;
  for (char** e = environ; *e != nullptr; ++e) {
    if (!absl::StartsWith(*e, "SWV_")) out.emplace_back(*e);
  }
  return out;
}

std::vector<char*> CStrings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

namespace internal {

absl::StatusOr<pid_t> ForkExec(std::vector<std::string> argv, int in_fd, int out_fd, int err_fd,
                               bool die_with_parent, bool own_session) {
  if (argv.empty()) return absl::InvalidArgumentError("empty argv");
  std::vector<std::string> env = ChildEnvironment();
  std::vector<char*> c_argv = CStrings(argv);
  std::vector<char*> c_env = CStrings(env);
  const pid_t parent = ::getpid();
  long max_fd = ::sysconf(_SC_OPEN_MAX);
  if (max_fd < 0 || max_fd > 65536) max_fd = 65536;
  const pid_t pid = ::fork();
  if (pid < 0) return absl::InternalError(absl::StrCat("fork: ", std::strerror(errno)));
  if (pid == 0) {
    // Only async-signal-safe calls from here to exec.
    if (die_with_parent) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != parent) ::_exit(127);
    }
    if (own_session) ::setsid();
    int null_fd = ::open("/dev/null", O_RDWR);
    ::dup2(in_fd >= 0 ? in_fd : null_fd, 0);
    ::dup2(out_fd >= 0 ? out_fd : null_fd, 1);
    ::dup2(err_fd >= 0 ? err_fd : null_fd, 2);
    for (long fd = 3; fd < max_fd; ++fd) ::close(static_cast<int>(fd));
    ::execvpe(c_argv[0], c_argv.data(), c_env.data());
    ::_exit(127);
  }
  return pid;
}

std::string ReadFile(const std::string& path, size_t offset) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0 || static_cast<size_t>(size) <= offset) return "";
  in.seekg(static_cast<std::streamoff>(offset));
  std::string out(static_cast<size_t>(size) - offset, '\0');
  in.read(out.data(), static_cast<std::streamsize>(out.size()));
  out.resize(static_cast<size_t>(in.gcount()));
  return out;
}

size_t FileSize(const std::string& path) {
  std::error_code error;
  const uintmax_t size = std::filesystem::file_size(path, error);
  return error ? 0 : static_cast<size_t>(size);
}

std::string Tail(const std::string& text, int lines) {
  std::vector<absl::string_view> all = absl::StrSplit(text, '\n', absl::SkipEmpty());
  const size_t from = all.size() > static_cast<size_t>(lines) ? all.size() - lines : 0;
  return absl::StrJoin(all.begin() + static_cast<std::ptrdiff_t>(from), all.end(), "\n");
}

}  // namespace internal

using internal::ForkExec;
using internal::ReadFile;
using internal::Tail;

std::string BuiltBinary(absl::string_view relative) {
  return absl::StrCat(SWV_BINARY_DIR, "/", relative);
}
std::string SourceFile(absl::string_view relative) {
  return absl::StrCat(SWV_SOURCE_DIR, "/", relative);
}

bool MariaDbInstalled() {
  return RunAndCapture({"bash", "-c",
                        "(command -v mariadbd || test -x /usr/sbin/mariadbd) && command -v "
                        "mariadb-install-db"})
      .ok();
}

bool GaleraInstalled() {
  return MariaDbInstalled() &&
         RunAndCapture(
             {"bash", "-c", "test -f /usr/lib/galera/libgalera_smm.so && command -v rsync"})
             .ok();
}

absl::StatusOr<std::string> RunAndCapture(const std::vector<std::string>& argv,
                                          const std::string& log_path) {
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) return absl::InternalError("pipe2");
  int err_fd = -1;
  if (!log_path.empty()) {
    err_fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  } else {
    err_fd = ::dup(2);
  }
  absl::StatusOr<pid_t> pid = ForkExec(argv, -1, out[1], err_fd, /*die_with_parent=*/true, false);
  ::close(out[1]);
  if (err_fd >= 0) ::close(err_fd);
  if (!pid.ok()) {
    ::close(out[0]);
    return pid.status();
  }
  std::string output;
  char buffer[4096];
  while (true) {
    ssize_t n = ::read(out[0], buffer, sizeof(buffer));
    if (n > 0) {
      output.append(buffer, static_cast<size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  ::close(out[0]);
  int status = 0;
  while (::waitpid(*pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return absl::InternalError(absl::StrCat(absl::StrJoin(argv, " ").substr(0, 300),
                                            " failed (wait status ", status,
                                            "): ", Tail(output, 10)));
  }
  return output;
}

// ---------------------------------------------------------------------------------------------
// Process

Process::~Process() {
  if (reaped_) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
}

bool Process::Running() {
  if (reaped_) return false;
  int status = 0;
  pid_t done = ::waitpid(pid_, &status, WNOHANG);
  if (done == pid_) {
    reaped_ = true;
    wait_status_ = status;
    return false;
  }
  return true;
}

void Process::Signal(int signal) {
  if (!reaped_) ::kill(pid_, signal);
}

absl::StatusOr<int> Process::WaitExit(absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (Running()) {
    if (absl::Now() > deadline) {
      return absl::DeadlineExceededError(
          absl::StrCat("pid ", pid_, " still running after ", absl::FormatDuration(timeout)));
    }
    absl::SleepFor(absl::Milliseconds(10));
  }
  return wait_status_;
}

absl::StatusOr<std::string> Process::WaitForLogLine(absl::string_view needle,
                                                    absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (true) {
    const std::string text = ReadFile(log_path_, log_offset_);
    for (absl::string_view line : absl::StrSplit(text, '\n')) {
      if (absl::StrContains(line, needle)) return std::string(line);
    }
    if (!Running()) {
      return absl::FailedPreconditionError(absl::StrCat("pid ", pid_, " exited (wait status ",
                                                        wait_status_, ") before logging ", needle,
                                                        "; log:\n", Tail(text, 15)));
    }
    if (absl::Now() > deadline) {
      return absl::DeadlineExceededError(absl::StrCat("no log line with ", needle, " after ",
                                                      absl::FormatDuration(timeout), "; log:\n",
                                                      Tail(text, 15)));
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
}

}  // namespace swv::faults
