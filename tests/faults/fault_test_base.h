// The fixture every fault test starts from: one sandbox with its own MariaDB per test binary
// (the tests of a suite share it and its processes: a fresh MariaDB costs 5-15 s on a busy
// machine), helpers that start the services the way a deployment does (and start them again when
// an earlier test left them stopped), and the logs of every process printed when a test fails.
// Without MariaDB installed the tests are skipped, and fail in CI.
//
// Each test binary is one ctest test (tests/faults/CMakeLists.txt), so the suite's sandbox lives
// from the first test's SetUp to TearDownTestSuite. Tests of a suite must use their own keys
// (request ids, record names), since the database is shared.
#ifndef SWV_TESTS_FAULTS_FAULT_TEST_BASE_H_
#define SWV_TESTS_FAULTS_FAULT_TEST_BASE_H_

#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/faults/fault_harness.h"

namespace swv::faults {

class FaultTest : public ::testing::Test {
 protected:
  static void TearDownTestSuite();
  void TearDown() override;

  // Creates the suite's sandbox, starts MariaDB and creates `databases`, unless an earlier test
  // of the suite did.
  void UseSandbox(const std::string& name, const std::vector<std::string>& databases);
  // The same with a Galera cluster of `nodes` servers instead of one MariaDB: db() is node 1,
  // node(i) node i+1. Skipped (failed in CI) without galera-4 and rsync.
  void UseClusterSandbox(const std::string& name, const std::vector<std::string>& databases,
                         int nodes);

  // The suite's service `spec.name`: started on first use, started again (same ports) when it is
  // not running.
  absl::StatusOr<Service*> EnsureService(Service::Spec spec);
  // swv-registrations on database `database` of the sandbox's MariaDB. `extra`: more flags.
  absl::StatusOr<Service*> EnsureRegistrations(const std::string& name, const std::string& database,
                                               const std::vector<std::string>& extra = {},
                                               MariaDb* server = nullptr);  // null: db()
  // swv-allocation and swv-monitoring on `database_url`, calling the given services.
  absl::StatusOr<Service*> EnsureAllocation(const std::string& name,
                                            const std::string& database_url,
                                            Service* registrations);
  absl::StatusOr<Service*> EnsureMonitoring(const std::string& name,
                                            const std::string& database_url, Service* registrations,
                                            Service* allocation);
  // swv-gateway with its store at `store_url` in front of the given services (nullptr: none).
  absl::StatusOr<Service*> EnsureGateway(const std::string& name, const std::string& store_url,
                                         Service* registrations, Service* allocation = nullptr,
                                         Service* monitoring = nullptr);
  // Waits until a GET of the thuiszitter list through `gateway` answers 200 (its channel to the
  // service may still be backing off after a restart of the service).
  void WaitUntilGatewayServes(Service* gateway, const std::string& token);
  // A SQLite store for a gateway, in the sandbox.
  std::string SqliteStore(const std::string& name) const;

  // Waits until each writer has `n` outcomes of `kind` among its attempts started since `since`;
  // false (with a failure naming the writer and `what` it did not do) after `timeout`.
  static bool AllWritersSee(const std::vector<std::unique_ptr<SteadyWriter>>& writers,
                            WriteOutcome::Kind kind, absl::Time since, int n,
                            absl::Duration timeout, const std::string& what);

  // After an outage of the part the writers need, from `down` until `restarting` (when it was
  // being brought back; it was back at `up`): prints each writer's tally and how soon it succeeded
  // again, and expects no bad outcome, at least one refusal during the outage and no write
  // acknowledged that started and ended within it. Then counts: every acknowledged write must be
  // stored once under its id in database `database`; prints "<label>: acknowledged N, found N".
  void CheckWritesAroundOutage(const std::vector<std::unique_ptr<SteadyWriter>>& writers,
                               absl::Time down, absl::Time restarting, absl::Time up,
                               const std::string& database, const std::string& label);

  static Sandbox* sandbox() { return sandbox_.get(); }
  static MariaDb* db() { return db_; }
  static MariaDb* node(int index) { return nodes_.at(index); }

 private:
  // Creates the suite's sandbox; leaves it null when the test was skipped or failed.
  void CreateSandbox(const std::string& name, bool cluster);
  void CreateDatabases(const std::vector<std::string>& databases);

  static std::unique_ptr<Sandbox> sandbox_;
  static MariaDb* db_;
  static std::vector<MariaDb*> nodes_;
};

}  // namespace swv::faults

#endif  // SWV_TESTS_FAULTS_FAULT_TEST_BASE_H_
