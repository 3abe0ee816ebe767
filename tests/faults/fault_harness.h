// What the fault tests (tests/faults/) run the real system with: the built binaries
// (swv-registrations, swv-allocation, swv-monitoring, swv-gateway, swv-admin) as child processes,
// their own MariaDB (or Galera cluster) started with tools/mariadb-test-server.sh in a private
// temporary directory
// (never the shared test server: these tests stop it), and a steady writer that counts what was
// acknowledged.
//
// Cleanup, also when a test fails or the test process dies:
//  - every child gets PR_SET_PDEATHSIG=SIGKILL, so it dies with the thread that forked it. Only
//    the main (test) thread may therefore start processes;
//  - a watchdog process (its own session) waits on a pipe held by the test process; when the pipe
//    closes (normal end, crash, SIGKILL by a ctest timeout) it stops the MariaDB of the sandbox
//    and removes the sandbox directory;
//  - the Sandbox destructor kills what is still running, stops MariaDB, and waits for the watchdog.
// Set SWV_FAULTS_KEEP=1 to keep the directory (logs of every process) for a look afterwards.
//
// Thread-safety: Sandbox, MariaDb and Service belong to the test's main thread. SteadyWriter runs
// its own thread; its accessors are safe from any thread.
#ifndef SWV_TESTS_FAULTS_FAULT_HARNESS_H_
#define SWV_TESTS_FAULTS_FAULT_HARNESS_H_

#include <sys/types.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace swv::faults {

// Where the binaries and the sources are (compile definitions of the test targets).
std::string BuiltBinary(absl::string_view relative);  // e.g. "services/gateway/swv-gateway"
std::string SourceFile(absl::string_view relative);   // e.g. "tools/mariadb-test-server.sh"

// True when mariadbd and mariadb-install-db are installed (the tests need them).
bool MariaDbInstalled();
// True when Galera (Debian's galera-4) and rsync are installed too (the cluster test).
bool GaleraInstalled();

// Runs argv to completion (stdin /dev/null, stderr appended to `log_path` when given, else
// inherited) and returns its stdout; an error when it exits non-zero (with the output's tail).
absl::StatusOr<std::string> RunAndCapture(const std::vector<std::string>& argv,
                                          const std::string& log_path = "");

// One child process. Its stdout and stderr go to a log file (appended across restarts).
class Process {
 public:
  ~Process();  // SIGKILL and reap when still running
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }
  const std::string& log_path() const { return log_path_; }
  bool Running();
  void Signal(int signal);
  // Waits for the exit; the raw wait status, or DEADLINE_EXCEEDED.
  absl::StatusOr<int> WaitExit(absl::Duration timeout);
  // Waits until the log, from where it stood when this process started, has a line containing
  // `needle`; returns that line. FAILED_PRECONDITION when the process exits first.
  absl::StatusOr<std::string> WaitForLogLine(absl::string_view needle, absl::Duration timeout);

 private:
  friend class Sandbox;
  Process(pid_t pid, std::string log_path, size_t log_offset)
      : pid_(pid), log_path_(std::move(log_path)), log_offset_(log_offset) {}
  pid_t pid_;
  std::string log_path_;
  size_t log_offset_;
  bool reaped_ = false;
  int wait_status_ = 0;
};

class Sandbox;

// The sandbox's own MariaDB (tools/mariadb-test-server.sh in DIR/mariadb).
class MariaDb {
 public:
  int port() const { return port_; }
  // mysql://swv:swv@127.0.0.1:PORT/<database>; CreateDatabase first.
  std::string Url(absl::string_view database) const;
  absl::Status CreateDatabase(absl::string_view database);
  // Runs SQL as root over the socket; returns the rows tab-separated, one per line, no header.
  absl::StatusOr<std::string> Query(absl::string_view sql);
  // Starts `sql` in a background root client (e.g. a session holding a lock); the returned process
  // ends when the statement does.
  absl::StatusOr<std::unique_ptr<Process>> StartSession(absl::string_view name,
                                                        absl::string_view sql);
  absl::Status Stop();     // SIGTERM, wait (the script's stop)
  absl::Status Kill();     // SIGKILL, as a crash; Restart then runs InnoDB crash recovery
  absl::Status Restart();  // same datadir and port; a cluster node rejoins its cluster

 private:
  friend class Sandbox;
  explicit MariaDb(Sandbox* sandbox) : sandbox_(sandbox) {}
  absl::Status ReadLayout();  // port and socket from the script's files in dir_
  std::vector<std::string> ClientArgv() const;
  Sandbox* sandbox_;
  std::string dir_;
  std::string socket_;
  int port_ = 0;
};

// A service binary started with port-0 addresses (the ports are read from its "started" log
// line), or with the ports of its previous run on Restart.
class Service {
 public:
  struct Spec {
    std::string name;               // log file name and messages, e.g. "registrations-1"
    std::string binary;             // relative to the build dir
    std::vector<std::string> args;  // besides the addresses
    bool gateway = false;           // also has --listen-address (the public REST port)
  };

  int grpc_port() const { return grpc_port_; }
  int http_port() const { return http_port_; }
  int rest_port() const { return rest_port_; }  // gateway only
  std::string grpc_target() const;
  Process& process() { return *process_; }

  // Starts the binary again on the same ports (after it was killed or stopped) and waits until
  // /readyz answers 200.
  absl::Status Restart();
  // SIGTERM, then the exit status (raw wait status).
  absl::StatusOr<int> Terminate(absl::Duration timeout);

 private:
  friend class Sandbox;
  Service(Sandbox* sandbox, Spec spec) : sandbox_(sandbox), spec_(std::move(spec)) {}
  absl::Status Launch();
  Sandbox* sandbox_;
  Spec spec_;
  std::unique_ptr<Process> process_;
  int grpc_port_ = 0;
  int http_port_ = 0;
  int rest_port_ = 0;
};

class Sandbox {
 public:
  // A fresh directory under TMPDIR and its watchdog.
  static absl::StatusOr<std::unique_ptr<Sandbox>> Create(absl::string_view name);
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  const std::string& dir() const { return dir_; }
  absl::StatusOr<MariaDb*> StartMariaDb();
  // A Galera cluster of `nodes` servers on loopback (tools/mariadb-test-server.sh start-cluster in
  // DIR/galera), node i at index i-1. Each is a MariaDb: Kill and Restart act on that node, which
  // rejoins the cluster. Databases and users created on one node exist on all.
  absl::StatusOr<std::vector<MariaDb*>> StartGaleraCluster(int nodes);
  // Spawns argv (argv[0] a path or a name found on PATH) with our environment minus SWV_*; stdout
  // and stderr to DIR/<name>.log.
  absl::StatusOr<std::unique_ptr<Process>> Spawn(absl::string_view name,
                                                 const std::vector<std::string>& argv);
  // Starts a service and waits (up to 60 s) until it listens and /readyz answers 200.
  absl::StatusOr<Service*> StartService(Service::Spec spec);
  // The service started under spec.name, or nullptr.
  Service* FindService(const std::string& name) const;
  // Issues a gateway credential with swv-admin on the gateway database `database_url`; returns
  // the secret. `args`: --kind=..., --schools=..., ...
  absl::StatusOr<std::string> IssueCredential(const std::string& database_url,
                                              const std::vector<std::string>& args);
  // The last lines of every log of the sandbox, for a failing test's output.
  std::string LogTails(int lines) const;

 private:
  Sandbox() = default;
  std::string dir_;
  int watchdog_fd_ = -1;  // write end; closing it triggers the watchdog's cleanup
  pid_t watchdog_pid_ = -1;
  std::unique_ptr<MariaDb> mariadb_;
  std::vector<std::unique_ptr<MariaDb>> cluster_;
  std::vector<std::unique_ptr<Service>> services_;
};

// GET http://127.0.0.1:port/path; the HTTP status, or 0 when no answer came.
int HttpStatus(int port, const std::string& path, absl::Duration timeout = absl::Seconds(2));

// One write attempt of a SteadyWriter, and what came of it.
struct WriteOutcome {
  enum Kind {
    kAcknowledged,  // 201 / OK: the caller was told the write is stored
    kRefused,       // 503 with a problem+json body / UNAVAILABLE: the caller knows to retry
    kBad,           // anything else: a 500, a timeout, a broken connection, a wrong body
  };
  std::string key;  // Idempotency-Key / request_id, unique per attempt
  Kind kind = kBad;
  std::string id;      // the created record's id (acknowledged only)
  std::string detail;  // status and body excerpt (refused and bad)
  absl::Time started;
  absl::Time finished;
};

// Issues one write per `interval` (back to back when a call takes longer) on its own thread until
// stopped; `write(key)` performs one attempt and classifies it. Keys are "<prefix>-<n>".
class SteadyWriter {
 public:
  using WriteFn = std::function<WriteOutcome(const std::string& key)>;
  SteadyWriter(std::string prefix, absl::Duration interval, WriteFn write);
  ~SteadyWriter();  // stops
  SteadyWriter(const SteadyWriter&) = delete;
  SteadyWriter& operator=(const SteadyWriter&) = delete;

  const std::string& prefix() const { return prefix_; }
  void Stop();
  std::vector<WriteOutcome> Outcomes() const;
  // Attempts that started at or after `since` and ended with `kind`.
  int CountSince(WriteOutcome::Kind kind, absl::Time since) const;
  // Waits until CountSince(kind, since) >= n; false on timeout.
  bool WaitFor(WriteOutcome::Kind kind, absl::Time since, int n, absl::Duration timeout) const;

 private:
  void Run();
  const std::string prefix_;
  const absl::Duration interval_;
  const WriteFn write_;
  std::atomic<bool> stop_{false};
  mutable absl::Mutex mu_;
  std::vector<WriteOutcome> outcomes_ ABSL_GUARDED_BY(mu_);
  std::thread thread_;
};

// Summary of writers' outcomes, for the test's output.
struct WriteTally {
  int acknowledged = 0;
  int refused = 0;
  int bad = 0;
  absl::Duration median_acknowledged = absl::ZeroDuration();  // latency of the acknowledged
  absl::Duration max_refused = absl::ZeroDuration();          // slowest refusal
  std::vector<std::string> bad_details;                       // the first few
};
WriteTally Tally(const std::vector<WriteOutcome>& outcomes);

}  // namespace swv::faults

#endif  // SWV_TESTS_FAULTS_FAULT_HARNESS_H_
