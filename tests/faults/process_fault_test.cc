// A service process dies or is stopped under load (issue 8, fault test 2).
//
// KilledServiceIsRefusedWith503AndRecoversAfterRestart: swv-registrations on MariaDB behind a
// gateway, two writers reporting cases through the gateway at 20 per second each. The service
// gets SIGKILL; while it is gone every call on its routes must be answered 503 with a
// problem+json body (no 500, no hang, no dropped connection); it is started again on the same
// port and the gateway (never restarted) must reach it again by itself. Every acknowledged write
// must be in the database.
//
// SigtermDrains*: calls are held in flight deterministically: a MariaDB session locks the cases
// table (LOCK TABLES ... WRITE), so every report waits inside the service until the lock goes;
// the test waits until every call was sent and MariaDB shows the lock awaited, then a second
// more (concurrent creates are written together, so only some of the calls hold a database
// session; the others wait in the service's queue), checks that the service's /metrics still
// answers, sends SIGTERM, checks that new calls are refused meanwhile, then releases the lock.
// Every in-flight call must complete OK, the process must exit 0, and the reports must be stored.
// Once for swv-registrations, once for the gateway.
#include <signal.h>
#include <sys/wait.h>

#include <atomic>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/faults/fault_harness.h"
#include "tests/faults/fault_test_base.h"
#include "tests/faults/thuiszitter_writes.h"

namespace swv::faults {
namespace {

constexpr absl::Duration kInterval = absl::Milliseconds(50);

class ProcessFaultTest : public FaultTest {
 protected:
  void SetUp() override {
    UseSandbox("process", {"swv_reg"});
    if (IsSkipped() || HasFatalFailure()) return;
    // A larger pool than calls held in flight below, so /readyz still gets a connection.
    absl::StatusOr<Service*> registrations =
        EnsureRegistrations("registrations", "swv_reg", {"--db-pool-size=24"});
    ASSERT_TRUE(registrations.ok()) << registrations.status();
    registrations_ = *registrations;
    absl::StatusOr<Service*> gateway =
        EnsureGateway("gateway", SqliteStore("gateway"), registrations_);
    ASSERT_TRUE(gateway.ok()) << gateway.status();
    gateway_ = *gateway;
    while (tokens_.size() < 2) {
      absl::StatusOr<std::string> token = sandbox()->IssueCredential(
          SqliteStore("gateway"),
          {"--kind=office", absl::StrCat("--name=fault writer ", tokens_.size())});
      ASSERT_TRUE(token.ok()) << token.status();
      tokens_.push_back(*token);
    }
    WaitUntilGatewayServes(gateway_, tokens_[0]);
  }

  // How many sessions of MariaDB wait for a lock on a table right now.
  int SessionsWaitingForLock() {
    absl::StatusOr<std::string> out = db()->Query(
        "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE STATE LIKE 'Waiting for "
        "table%lock'");
    int n = 0;
    return out.ok() && absl::SimpleAtoi(absl::StripAsciiWhitespace(*out), &n) ? n : -1;
  }

  // Holds every access to thuiszitter_cases until ReleaseLock; returns once the lock is held.
  void HoldCasesTable() {
    absl::StatusOr<std::unique_ptr<Process>> session = db()->StartSession(
        "lock-session", "LOCK TABLES swv_reg.thuiszitter_cases WRITE; SELECT SLEEP(120)");
    ASSERT_TRUE(session.ok()) << session.status();
    lock_session_ = *std::move(session);
    const absl::Time deadline = absl::Now() + absl::Seconds(20);
    while (lock_connection_.empty()) {
      ASSERT_LT(absl::Now(), deadline) << "the lock session did not start";
      absl::StatusOr<std::string> id = db()->Query(
          "SELECT ID FROM information_schema.PROCESSLIST WHERE INFO = 'SELECT SLEEP(120)'");
      ASSERT_TRUE(id.ok()) << id.status();
      lock_connection_ = std::string(absl::StripAsciiWhitespace(*id));
      if (lock_connection_.empty()) absl::SleepFor(absl::Milliseconds(50));
    }
  }

  void ReleaseLock() {
    absl::StatusOr<std::string> killed = db()->Query(absl::StrCat("KILL ", lock_connection_));
    EXPECT_TRUE(killed.ok()) << killed.status();
    EXPECT_TRUE(lock_session_->WaitExit(absl::Seconds(10)).ok());
  }

  // Starts `n` REST and `n` gRPC reports on their own threads; returns once every call was sent,
  // MariaDB shows the lock awaited, and a second more has passed. Concurrent creates are written
  // together (up to two transactions at a time), so the calls that do not hold a database session
  // wait in the service's queue behind those that do; the second lets the last ones arrive.
  void StartHeldCalls(const std::string& prefix, int n) {
    for (int i = 0; i < n; ++i) {
      const std::string rest_key = absl::StrCat(prefix, "-rest-", i);
      const std::string grpc_key = absl::StrCat(prefix, "-grpc-", i);
      held_.emplace_back([this, rest_key] {
        RestReporter reporter(gateway_->rest_port(), tokens_[0], absl::Seconds(60));
        ++calls_sent_;
        WriteOutcome outcome = reporter.Report(rest_key);
        absl::MutexLock lock(&mu_);
        held_outcomes_.push_back(std::move(outcome));
      });
      held_.emplace_back([this, grpc_key] {
        GrpcReporter reporter(registrations_->grpc_target(), absl::Seconds(60));
        ++calls_sent_;
        WriteOutcome outcome = reporter.Report(grpc_key);
        absl::MutexLock lock(&mu_);
        held_outcomes_.push_back(std::move(outcome));
      });
    }
    const absl::Time deadline = absl::Now() + absl::Seconds(30);
    while (calls_sent_ < 2 * n || SessionsWaitingForLock() < 1) {
      ASSERT_LT(absl::Now(), deadline) << calls_sent_ << " of " << 2 * n << " calls sent, "
                                       << SessionsWaitingForLock() << " sessions wait for the lock";
      absl::SleepFor(absl::Milliseconds(20));
    }
    absl::SleepFor(absl::Seconds(1));
  }

  std::vector<WriteOutcome> JoinHeldCalls() {
    for (std::thread& t : held_) t.join();
    held_.clear();
    absl::MutexLock lock(&mu_);
    return held_outcomes_;
  }

  // Runs the drain scenario with SIGTERM sent to `target`.
  void CheckDrain(Service* target) {
    ASSERT_NO_FATAL_FAILURE(HoldCasesTable());
    constexpr int kPerKind = 4;
    const std::string prefix = absl::StrCat("drain-", target == gateway_ ? "gateway" : "service");
    ASSERT_NO_FATAL_FAILURE(StartHeldCalls(prefix, kPerKind));
    // Ops can still read the service's metrics: the business gauges, which read the locked table,
    // are computed off the scrape (services/common/background_metrics.h).
    const absl::Time scrape = absl::Now();
    EXPECT_EQ(HttpStatus(registrations_->http_port(), "/metrics", absl::Seconds(5)), 200);
    EXPECT_LT(absl::Now() - scrape, absl::Seconds(3)) << "the scrape waited for the database";
    target->process().Signal(SIGTERM);
    absl::SleepFor(absl::Milliseconds(500));
    EXPECT_TRUE(target->process().Running()) << "exited without waiting for its in-flight calls";
    // New calls meanwhile are refused, not queued.
    RestReporter late(gateway_->rest_port(), tokens_[1], absl::Seconds(5));
    WriteOutcome refused = late.Report(prefix + "-late");
    if (target == gateway_) {
      EXPECT_NE(refused.kind, WriteOutcome::kAcknowledged) << refused.detail;
    } else {
      EXPECT_EQ(refused.kind, WriteOutcome::kRefused) << refused.detail;
    }
    ReleaseLock();

    std::vector<WriteOutcome> outcomes = JoinHeldCalls();
    absl::StatusOr<int> exit = target->process().WaitExit(absl::Seconds(20));
    ASSERT_TRUE(exit.ok()) << exit.status();
    EXPECT_TRUE(WIFEXITED(*exit) && WEXITSTATUS(*exit) == 0) << "wait status " << *exit;
    const WriteTally tally = Tally(outcomes);
    std::vector<std::string> failed;
    for (const WriteOutcome& o : outcomes) {
      if (o.kind != WriteOutcome::kAcknowledged)
        failed.push_back(absl::StrCat(o.key, ": ", o.detail));
    }
    EXPECT_EQ(tally.acknowledged, 2 * kPerKind) << absl::StrJoin(failed, "\n");
    absl::StatusOr<AckCheck> check =
        CheckAcknowledged(*db(), "swv_reg", {prefix + "-rest", prefix + "-grpc"}, outcomes);
    ASSERT_TRUE(check.ok()) << check.status();
    std::printf("SIGTERM drain: %d calls in flight, acknowledged %d, found %d, exit status %d\n",
                2 * kPerKind, check->acknowledged, check->found,
                WIFEXITED(*exit) ? WEXITSTATUS(*exit) : -1);
    EXPECT_EQ(check->found, check->acknowledged) << absl::StrJoin(check->missing, ", ");
  }

  Service* registrations_ = nullptr;
  Service* gateway_ = nullptr;
  static inline std::vector<std::string> tokens_;
  std::unique_ptr<Process> lock_session_;
  std::string lock_connection_;
  std::vector<std::thread> held_;
  std::atomic<int> calls_sent_{0};
  absl::Mutex mu_;
  std::vector<WriteOutcome> held_outcomes_ ABSL_GUARDED_BY(mu_);
};

TEST_F(ProcessFaultTest, KilledServiceIsRefusedWith503AndRecoversAfterRestart) {
  const pid_t gateway_pid = gateway_->process().pid();
  std::vector<std::unique_ptr<SteadyWriter>> writers;
  for (int i = 0; i < 2; ++i) {
    auto reporter = std::make_shared<RestReporter>(gateway_->rest_port(), tokens_[i]);
    writers.push_back(std::make_unique<SteadyWriter>(
        absl::StrCat("kill-", i), kInterval,
        [reporter](const std::string& key) { return reporter->Report(key); }));
  }
  const absl::Time start = absl::Now();
  ASSERT_TRUE(AllWritersSee(writers, WriteOutcome::kAcknowledged, start, 10, absl::Seconds(30),
                            "get going"));

  registrations_->process().Signal(SIGKILL);
  ASSERT_TRUE(registrations_->process().WaitExit(absl::Seconds(10)).ok());
  const absl::Time killed = absl::Now();
  AllWritersSee(writers, WriteOutcome::kRefused, killed, 10, absl::Seconds(20),
                "get 503 while the service was dead");
  absl::SleepFor(absl::Seconds(2) - (absl::Now() - killed));

  const absl::Time restarting = absl::Now();
  ASSERT_TRUE(registrations_->Restart().ok());
  const absl::Time restarted = absl::Now();
  AllWritersSee(writers, WriteOutcome::kAcknowledged, restarted, 10, absl::Seconds(60), "recover");
  for (const auto& writer : writers) writer->Stop();
  EXPECT_TRUE(gateway_->process().Running());
  EXPECT_EQ(gateway_->process().pid(), gateway_pid) << "the gateway was restarted";

  CheckWritesAroundOutage(writers, killed, restarting, restarted, "swv_reg", "service kill");
}

TEST_F(ProcessFaultTest, SigtermDrainsInFlightCallsOfTheService) { CheckDrain(registrations_); }

TEST_F(ProcessFaultTest, SigtermDrainsInFlightCallsOfTheGateway) { CheckDrain(gateway_); }

}  // namespace
}  // namespace swv::faults
