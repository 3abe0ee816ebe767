#include "tests/faults/fault_test_base.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "tests/faults/thuiszitter_writes.h"
#include "tests/testing/scratch_database.h"

namespace swv::faults {

std::unique_ptr<Sandbox> FaultTest::sandbox_;
MariaDb* FaultTest::db_ = nullptr;
std::vector<MariaDb*> FaultTest::nodes_;

void FaultTest::TearDownTestSuite() {
  db_ = nullptr;
  nodes_.clear();
  sandbox_.reset();
}

void FaultTest::TearDown() {
  if (HasFailure() && sandbox_ != nullptr)
    std::fprintf(stderr, "%s", sandbox_->LogTails(30).c_str());
}

void FaultTest::CreateSandbox(const std::string& name, bool cluster) {
  if (!(cluster ? GaleraInstalled() : MariaDbInstalled())) {
    const char* what = cluster ? "mariadb-server, galera-4 and rsync" : "mariadb-server";
    if (swv::testing::RunningInCi()) {
      FAIL() << "the fault tests need " << what << " (tools/install-deps.sh --tests)";
    }
    GTEST_SKIP() << what << " not installed";
  }
  absl::StatusOr<std::unique_ptr<Sandbox>> sandbox = Sandbox::Create(name);
  ASSERT_TRUE(sandbox.ok()) << sandbox.status();
  sandbox_ = *std::move(sandbox);
}

void FaultTest::CreateDatabases(const std::vector<std::string>& databases) {
  for (const std::string& database : databases) {
    absl::Status created = db_->CreateDatabase(database);
    ASSERT_TRUE(created.ok()) << created;
  }
}

void FaultTest::UseSandbox(const std::string& name, const std::vector<std::string>& databases) {
  if (sandbox_ != nullptr) {
    ASSERT_NE(db_, nullptr) << "the suite's database did not start (see the first test)";
    return;
  }
  CreateSandbox(name, /*cluster=*/false);
  if (sandbox_ == nullptr) return;
  absl::StatusOr<MariaDb*> db = sandbox_->StartMariaDb();
  ASSERT_TRUE(db.ok()) << db.status();
  db_ = *db;
  CreateDatabases(databases);
}

void FaultTest::UseClusterSandbox(const std::string& name,
                                  const std::vector<std::string>& databases, int nodes) {
  if (sandbox_ != nullptr) {
    ASSERT_NE(db_, nullptr) << "the suite's database did not start (see the first test)";
    return;
  }
  CreateSandbox(name, /*cluster=*/true);
  if (sandbox_ == nullptr) return;
  absl::StatusOr<std::vector<MariaDb*>> cluster = sandbox_->StartGaleraCluster(nodes);
  ASSERT_TRUE(cluster.ok()) << cluster.status();
  nodes_ = *cluster;
  db_ = nodes_[0];
  CreateDatabases(databases);
}

absl::StatusOr<Service*> FaultTest::EnsureService(Service::Spec spec) {
  if (sandbox_ == nullptr) return absl::FailedPreconditionError("UseSandbox first");
  Service* service = sandbox_->FindService(spec.name);
  if (service == nullptr) return sandbox_->StartService(std::move(spec));
  if (service->process().Running()) return service;
  if (absl::Status status = service->Restart(); !status.ok()) return status;
  return service;
}

absl::StatusOr<Service*> FaultTest::EnsureRegistrations(const std::string& name,
                                                        const std::string& database,
                                                        const std::vector<std::string>& extra,
                                                        MariaDb* server) {
  std::vector<std::string> args = {
      absl::StrCat("--database-url=", (server != nullptr ? server : db_)->Url(database)),
      "--shutdown-grace=10s"};
  args.insert(args.end(), extra.begin(), extra.end());
  return EnsureService({name, "services/registrations/swv-registrations", args});
}

absl::StatusOr<Service*> FaultTest::EnsureAllocation(const std::string& name,
                                                     const std::string& database_url,
                                                     Service* registrations) {
  return EnsureService({name,
                        "services/allocation/swv-allocation",
                        {absl::StrCat("--database-url=", database_url),
                         absl::StrCat("--registrations-target=", registrations->grpc_target())}});
}

absl::StatusOr<Service*> FaultTest::EnsureMonitoring(const std::string& name,
                                                     const std::string& database_url,
                                                     Service* registrations, Service* allocation) {
  return EnsureService({name,
                        "services/monitoring/swv-monitoring",
                        {absl::StrCat("--database-url=", database_url),
                         absl::StrCat("--registrations-target=", registrations->grpc_target()),
                         absl::StrCat("--allocation-target=", allocation->grpc_target()),
                         absl::StrCat("--national-figures=",
                                      SourceFile("data/goals/national-participation.goals"))}});
}

absl::StatusOr<Service*> FaultTest::EnsureGateway(const std::string& name,
                                                  const std::string& store_url,
                                                  Service* registrations, Service* allocation,
                                                  Service* monitoring) {
  std::vector<std::string> args = {absl::StrCat("--database-url=", store_url)};
  if (registrations != nullptr)
    args.push_back(absl::StrCat("--registrations-target=", registrations->grpc_target()));
  if (allocation != nullptr)
    args.push_back(absl::StrCat("--allocation-target=", allocation->grpc_target()));
  if (monitoring != nullptr)
    args.push_back(absl::StrCat("--monitoring-target=", monitoring->grpc_target()));
  return EnsureService({name, "services/gateway/swv-gateway", args, /*gateway=*/true});
}

void FaultTest::WaitUntilGatewayServes(Service* gateway, const std::string& token) {
  httplib::Client client("127.0.0.1", gateway->rest_port());
  client.set_read_timeout(std::chrono::seconds(10));
  const std::string path = absl::StrCat("/api/v1/swvs/", kSwv, "/thuiszitters?pageSize=1");
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  int status = 0;
  while (absl::Now() < deadline) {
    httplib::Result result = client.Get(path.c_str(), {{"Authorization", "Bearer " + token}});
    status = result ? result->status : 0;
    if (status == 200) return;
    absl::SleepFor(absl::Milliseconds(100));
  }
  FAIL() << "the gateway on port " << gateway->rest_port() << " still answers " << status;
}

std::string FaultTest::SqliteStore(const std::string& name) const {
  return absl::StrCat("sqlite:", sandbox_->dir(), "/", name, ".db");
}

bool FaultTest::AllWritersSee(const std::vector<std::unique_ptr<SteadyWriter>>& writers,
                              WriteOutcome::Kind kind, absl::Time since, int n,
                              absl::Duration timeout, const std::string& what) {
  bool all = true;
  for (const auto& writer : writers) {
    if (!writer->WaitFor(kind, since, n, timeout)) {
      ADD_FAILURE() << writer->prefix() << " did not " << what << " within "
                    << absl::FormatDuration(timeout);
      all = false;
    }
  }
  return all;
}

void FaultTest::CheckWritesAroundOutage(const std::vector<std::unique_ptr<SteadyWriter>>& writers,
                                        absl::Time down, absl::Time restarting, absl::Time up,
                                        const std::string& database, const std::string& label) {
  std::vector<WriteOutcome> all;
  std::vector<std::string> prefixes;
  for (const auto& writer : writers) {
    const std::vector<WriteOutcome> outcomes = writer->Outcomes();
    const WriteTally tally = Tally(outcomes);
    int refused_during = 0;
    absl::Duration recovery = absl::InfiniteDuration();
    for (const WriteOutcome& o : outcomes) {
      // Started after the outage began and ended before the repair began: it cannot have been
      // stored, so acknowledging it would be a lie.
      EXPECT_FALSE(o.kind == WriteOutcome::kAcknowledged && o.started >= down &&
                   o.finished <= restarting)
          << o.key << " was acknowledged during the outage";
      if (o.kind == WriteOutcome::kRefused && o.started >= down && o.started < restarting)
        ++refused_during;
      if (o.kind == WriteOutcome::kAcknowledged && o.started >= up)
        recovery = std::min(recovery, o.finished - up);
    }
    std::printf(
        "%s: %d attempts, %d acknowledged (median %s), %d refused (%d during the outage, slowest "
        "%s), %d "
        "bad; first success %s after the repair\n",
        writer->prefix().c_str(), static_cast<int>(outcomes.size()), tally.acknowledged,
        absl::FormatDuration(tally.median_acknowledged).c_str(), tally.refused, refused_during,
        absl::FormatDuration(tally.max_refused).c_str(), tally.bad,
        absl::FormatDuration(recovery).c_str());
    EXPECT_EQ(tally.bad, 0) << writer->prefix() << ":\n" << absl::StrJoin(tally.bad_details, "\n");
    EXPECT_GT(refused_during, 0) << writer->prefix() << " wrote nothing during the outage";
    prefixes.push_back(writer->prefix());
    all.insert(all.end(), outcomes.begin(), outcomes.end());
  }
  absl::StatusOr<AckCheck> check = CheckAcknowledged(*db_, database, prefixes, all);
  ASSERT_TRUE(check.ok()) << check.status();
  std::printf("%s: acknowledged %d, found %d (rows stored for these writers: %d)\n", label.c_str(),
              check->acknowledged, check->found, check->stored_total);
  std::fflush(stdout);
  EXPECT_GT(check->acknowledged, 0);
  EXPECT_EQ(check->found, check->acknowledged)
      << "missing: " << absl::StrJoin(check->missing, ", ");
  EXPECT_EQ(check->duplicate_keys, 0);
}

}  // namespace swv::faults
