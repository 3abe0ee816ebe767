// The database stops under a steady write load and comes back (issue 8, fault test 1).
//
// swv-registrations on the test's own MariaDB, two gateways in front of it (one with its
// credential store on SQLite, so REST callers reach the registrations service while MariaDB is
// down; one with its store on the same MariaDB, as a one-database deployment runs), and three
// writers reporting thuiszitter cases at a steady 20 per second each: a school through the first
// gateway, the office through the second, and a gRPC client straight at the service. Midway
// MariaDB is stopped (SIGTERM, as a failover or an upgrade would; in a second test SIGKILL, as a
// crash), the writers keep writing while it is down, and then it starts again on the same port.
//
// Checked: while it is down callers get 503 with a problem+json body (REST) or UNAVAILABLE
// (gRPC), never a 500, a timeout or a dropped connection, and nothing is acknowledged; no process
// crashes or is restarted; writes succeed again by themselves once MariaDB is back; and every
// acknowledged write is in the database under the id the caller was given, exactly once.
#include <signal.h>

#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "swv/v1/registrations.grpc.pb.h"
#include "tests/faults/fault_harness.h"
#include "tests/faults/fault_test_base.h"
#include "tests/faults/thuiszitter_writes.h"
#include "tests/testing/test_identity.h"

namespace swv::faults {
namespace {

namespace pb = ::swv::v1;

constexpr absl::Duration kInterval = absl::Milliseconds(50);  // 20 writes per second per writer
constexpr absl::Duration kDowntime = absl::Seconds(3);

class DatabaseOutageTest : public FaultTest {
 protected:
  void SetUp() override {
    UseSandbox("db-outage", {"swv_reg", "swv_gw"});
    if (IsSkipped() || HasFatalFailure()) return;
    absl::StatusOr<Service*> registrations = EnsureRegistrations("registrations", "swv_reg");
    ASSERT_TRUE(registrations.ok()) << registrations.status();
    registrations_ = *registrations;
    absl::StatusOr<Service*> gateway =
        EnsureGateway("gateway-sqlite-store", SqliteStore("gateway"), registrations_);
    ASSERT_TRUE(gateway.ok()) << gateway.status();
    gateway_sqlite_ = *gateway;
    gateway = EnsureGateway("gateway-mariadb-store", db()->Url("swv_gw"), registrations_);
    ASSERT_TRUE(gateway.ok()) << gateway.status();
    gateway_mariadb_ = *gateway;

    if (!school_token_.empty()) return;
    absl::StatusOr<std::string> school = sandbox()->IssueCredential(
        SqliteStore("gateway"),
        {"--kind=school", absl::StrCat("--schools=", kSchool), "--name=fault test LVS"});
    ASSERT_TRUE(school.ok()) << school.status();
    school_token_ = *school;
    absl::StatusOr<std::string> office = sandbox()->IssueCredential(
        db()->Url("swv_gw"), {"--kind=office", "--name=fault test office"});
    ASSERT_TRUE(office.ok()) << office.status();
    office_token_ = *office;
  }

  void RunOutage(const std::string& label, const std::function<absl::Status()>& take_down);

  Service* registrations_ = nullptr;
  Service* gateway_sqlite_ = nullptr;
  Service* gateway_mariadb_ = nullptr;
  static inline std::string school_token_;
  static inline std::string office_token_;
};

// The scenario; `take_down` stops MariaDB one way or another. Writers' keys start with `label`.
void DatabaseOutageTest::RunOutage(const std::string& label,
                                   const std::function<absl::Status()>& take_down) {
  const pid_t pids[] = {registrations_->process().pid(), gateway_sqlite_->process().pid(),
                        gateway_mariadb_->process().pid()};
  auto school = std::make_shared<RestReporter>(gateway_sqlite_->rest_port(), school_token_);
  auto office = std::make_shared<RestReporter>(gateway_mariadb_->rest_port(), office_token_);
  auto grpc = std::make_shared<GrpcReporter>(registrations_->grpc_target());
  std::vector<std::unique_ptr<SteadyWriter>> writers;
  writers.push_back(std::make_unique<SteadyWriter>(
      label + "-school", kInterval,
      [school](const std::string& key) { return school->Report(key); }));
  writers.push_back(std::make_unique<SteadyWriter>(
      label + "-office", kInterval,
      [office](const std::string& key) { return office->Report(key); }));
  writers.push_back(std::make_unique<SteadyWriter>(
      label + "-grpc", kInterval, [grpc](const std::string& key) { return grpc->Report(key); }));

  const absl::Time start = absl::Now();
  ASSERT_TRUE(AllWritersSee(writers, WriteOutcome::kAcknowledged, start, 10, absl::Seconds(30),
                            "get going"));

  // Down.
  const absl::Time stopping = absl::Now();
  absl::Status stopped = take_down();
  ASSERT_TRUE(stopped.ok()) << stopped;
  const absl::Time down = absl::Now();
  AllWritersSee(writers, WriteOutcome::kRefused, down, 5, absl::Seconds(20),
                "get refused while the database was down");
  absl::SleepFor(kDowntime - (absl::Now() - down));
  EXPECT_EQ(HttpStatus(registrations_->http_port(), "/readyz"), 503)
      << "not ready while the database is down";
  EXPECT_EQ(HttpStatus(registrations_->http_port(), "/healthz"), 200)
      << "alive while the database is down";

  // Up again, on the same port; nothing else is touched.
  const absl::Time restarting = absl::Now();
  ASSERT_TRUE(db()->Restart().ok());
  const absl::Time up = absl::Now();
  AllWritersSee(writers, WriteOutcome::kAcknowledged, up, 10, absl::Seconds(60), "recover");
  absl::SleepFor(absl::Seconds(1));
  for (const auto& writer : writers) writer->Stop();
  EXPECT_EQ(HttpStatus(registrations_->http_port(), "/readyz"), 200);

  // Nobody crashed or was restarted.
  Service* services[] = {registrations_, gateway_sqlite_, gateway_mariadb_};
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(services[i]->process().Running())
        << "a process died: " << services[i]->process().log_path();
    EXPECT_EQ(services[i]->process().pid(), pids[i]);
  }

  CheckWritesAroundOutage(writers, down, restarting, up, "swv_reg", label);
  std::printf("%s timeline: stopping took %s, down for %s, restart took %s\n", label.c_str(),
              absl::FormatDuration(down - stopping).c_str(),
              absl::FormatDuration(restarting - down).c_str(),
              absl::FormatDuration(up - restarting).c_str());

  // And through the API: every acknowledged case can be read back.
  auto stub = pb::Registrations::NewStub(
      swv::testing::TestChannel(registrations_->grpc_target(), /*tls=*/true));
  int readable = 0;
  int acknowledged = 0;
  for (const auto& writer : writers) {
    for (const WriteOutcome& o : writer->Outcomes()) {
      if (o.kind != WriteOutcome::kAcknowledged) continue;
      ++acknowledged;
      grpc::ClientContext context;
      AddOfficeMetadata(context);
      pb::GetThuiszitterRequest get;
      get.set_name(absl::StrCat("swvs/", kSwv, "/thuiszitters/", o.id));
      pb::ThuiszitterCase c;
      grpc::Status status = stub->GetThuiszitter(&context, get, &c);
      if (status.ok() && c.lvs_pupil_number() == absl::StrCat("P-", o.key)) ++readable;
    }
  }
  std::printf("%s: read back through the API: %d of %d acknowledged\n", label.c_str(), readable,
              acknowledged);
  EXPECT_EQ(readable, acknowledged);
}

TEST_F(DatabaseOutageTest, AcknowledgedWritesSurviveADatabaseRestart) {
  RunOutage("database-stop", [] { return db()->Stop(); });
}

// A crash rather than a shutdown: mariadbd gets SIGKILL, so transactions are cut mid-flight and the
// restart runs InnoDB crash recovery. Acknowledged commits must survive it too (the test server
// writes the redo log at every commit, innodb_flush_log_at_trx_commit=2, which survives a crash of
// the server process though not of the machine).
TEST_F(DatabaseOutageTest, AcknowledgedWritesSurviveADatabaseCrash) {
  RunOutage("database-crash", [] { return db()->Kill(); });
}

}  // namespace
}  // namespace swv::faults
