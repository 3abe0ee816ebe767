// A real cluster (issue 15, point 5): a three-node MariaDB Galera cluster on loopback, two
// replicas of every service and of the gateway, replica k (and gateway k's store) on node k, and
// a steady writer through each gateway. Midway one database node is killed and restarted (it
// rejoins by IST), then one replica of registrations and one of the gateway; a second test does
// the same to allocation and reads what one replica wrote through the other.
//
// The writers are clients behind a load balancer: a request that gets no HTTP answer at all (its
// gateway is gone) is sent again, with the same Idempotency-Key, to the other gateway.
//
// Checked: while a node or a replica is away, callers get only 201 or 503 with a problem+json
// body, never a 500, a timeout or a dropped connection; every acknowledged write is stored once
// under the id the caller was given, read on the third node, which no replica writes to; no key
// is stored twice, also when the same key went through both gateways.
#include <httplib.h>
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/faults/fault_harness.h"
#include "tests/faults/fault_test_base.h"
#include "tests/faults/thuiszitter_writes.h"

namespace swv::faults {
namespace {

constexpr absl::Duration kInterval = absl::Milliseconds(50);  // 20 writes per second per writer
constexpr absl::Duration kAway = absl::Seconds(3);

absl::Status KillService(Service* service) {
  service->process().Signal(SIGKILL);
  return service->process().WaitExit(absl::Seconds(10)).status();
}

class ClusterFaultTest : public FaultTest {
 protected:
  void SetUp() override {
    UseClusterSandbox("cluster", {"swv_reg", "swv_alloc", "swv_mon", "swv_gw"}, 3);
    if (IsSkipped() || HasFatalFailure()) return;
    // One after the other: the first replica migrates, the second finds the schema in place
    // (docs/deploy.md: on a cluster, migrations run once, before the replicas).
    for (int k = 0; k < 2; ++k) {
      absl::StatusOr<Service*> registrations =
          EnsureRegistrations(absl::StrCat("registrations-", k + 1), "swv_reg", {}, node(k));
      ASSERT_TRUE(registrations.ok()) << registrations.status();
      registrations_[k] = *registrations;
      absl::StatusOr<Service*> allocation = EnsureAllocation(
          absl::StrCat("allocation-", k + 1), node(k)->Url("swv_alloc"), registrations_[k]);
      ASSERT_TRUE(allocation.ok()) << allocation.status();
      allocation_[k] = *allocation;
      absl::StatusOr<Service*> monitoring =
          EnsureMonitoring(absl::StrCat("monitoring-", k + 1), node(k)->Url("swv_mon"),
                           registrations_[k], allocation_[k]);
      ASSERT_TRUE(monitoring.ok()) << monitoring.status();
      monitoring_[k] = *monitoring;
      absl::StatusOr<Service*> gateway =
          EnsureGateway(absl::StrCat("gateway-", k + 1), node(k)->Url("swv_gw"), registrations_[k],
                        allocation_[k], monitoring_[k]);
      ASSERT_TRUE(gateway.ok()) << gateway.status();
      gateways_[k] = *gateway;
    }
    if (!token_.empty()) return;
    // Issued on node 1, used on both gateways: the credential row is replicated.
    absl::StatusOr<std::string> office = sandbox()->IssueCredential(
        node(0)->Url("swv_gw"), {"--kind=office", "--name=cluster test office"});
    ASSERT_TRUE(office.ok()) << office.status();
    token_ = *office;
    for (Service* gateway : gateways_) {
      ASSERT_NO_FATAL_FAILURE(WaitUntilGatewayServes(gateway, token_));
    }
  }

  // Writer k: through gateway k, and through the other gateway when gateway k gives no answer.
  std::unique_ptr<SteadyWriter> Writer(int k) {
    auto primary = std::make_shared<RestReporter>(gateways_[k]->rest_port(), token_);
    auto other = std::make_shared<RestReporter>(gateways_[1 - k]->rest_port(), token_);
    return std::make_unique<SteadyWriter>(
        absl::StrCat("cluster-", k + 1), kInterval, [primary, other](const std::string& key) {
          WriteOutcome outcome = primary->Report(key);
          if (outcome.kind == WriteOutcome::kBad &&
              absl::StartsWith(outcome.detail, "no HTTP answer")) {
            outcome = other->Report(key);
          }
          return outcome;
        });
  }

  // Kills a part with SIGKILL, waits kAway, brings it back, and waits until both writers
  // succeed again. `affected`: the writer whose path went through the part.
  void Outage(const std::string& what, const std::function<absl::Status()>& kill,
              const std::function<absl::Status()>& restart, int affected) {
    const absl::Time down = absl::Now();
    absl::Status killed = kill();
    ASSERT_TRUE(killed.ok()) << what << ": " << killed;
    if (affected >= 0) {
      EXPECT_TRUE(writers_[affected]->WaitFor(WriteOutcome::kRefused, down, 1, absl::Seconds(20)))
          << writers_[affected]->prefix() << " was never refused while " << what << " was away";
    }
    // The other path keeps working meanwhile.
    const int unaffected = affected == 0 ? 1 : 0;
    EXPECT_TRUE(
        writers_[unaffected]->WaitFor(WriteOutcome::kAcknowledged, down, 5, absl::Seconds(20)))
        << writers_[unaffected]->prefix() << " stalled while " << what << " was away";
    absl::SleepFor(kAway - (absl::Now() - down));
    absl::Status back = restart();
    ASSERT_TRUE(back.ok()) << what << ": " << back;
    const absl::Time up = absl::Now();
    AllWritersSee(writers_, WriteOutcome::kAcknowledged, up, 5, absl::Seconds(60),
                  absl::StrCat("recover after ", what));
    std::printf("%s: away %s, back %s after the restart began\n", what.c_str(),
                absl::FormatDuration(up - down).c_str(),
                absl::FormatDuration(absl::Now() - up).c_str());
  }

  // One request through gateway k as the office: the HTTP status (0: no answer) and the body.
  std::pair<int, std::string> Call(int k, const std::string& method, const std::string& path,
                                   const std::string& body = "") {
    httplib::Client client("127.0.0.1", gateways_[k]->rest_port());
    client.set_read_timeout(std::chrono::seconds(30));
    const httplib::Headers headers = {{"Authorization", "Bearer " + token_}};
    httplib::Result result = method == "GET" ? client.Get(path.c_str(), headers)
                             : method == "POST"
                                 ? client.Post(path.c_str(), headers, body, "application/json")
                                 : client.Patch(path.c_str(), headers, body, "application/json");
    if (!result) return {0, ""};
    return {result->status, result->body};
  }

  Service* registrations_[2] = {nullptr, nullptr};
  Service* allocation_[2] = {nullptr, nullptr};
  Service* monitoring_[2] = {nullptr, nullptr};
  Service* gateways_[2] = {nullptr, nullptr};
  std::vector<std::unique_ptr<SteadyWriter>> writers_;
  static inline std::string token_;
};

TEST_F(ClusterFaultTest, AcknowledgedWritesSurviveANodeAndReplicasGoingAway) {
  writers_.push_back(Writer(0));
  writers_.push_back(Writer(1));
  const absl::Time start = absl::Now();
  ASSERT_TRUE(AllWritersSee(writers_, WriteOutcome::kAcknowledged, start, 10, absl::Seconds(30),
                            "get going"));

  // Database node 2, under replica 2 of the service and the gateway's store, crashes.
  ASSERT_NO_FATAL_FAILURE(Outage(
      "database node 2", [] { return node(1)->Kill(); }, [] { return node(1)->Restart(); }, 1));
  // Replica 1 of the service crashes; gateway 1 answers 503 until it is back.
  ASSERT_NO_FATAL_FAILURE(Outage(
      "registrations-1", [this] { return KillService(registrations_[0]); },
      [this] { return registrations_[0]->Restart(); }, 0));
  // Gateway 2 crashes; its clients go to gateway 1 (no refusal is expected).
  ASSERT_NO_FATAL_FAILURE(Outage(
      "gateway-2", [this] { return KillService(gateways_[1]); },
      [this] { return gateways_[1]->Restart(); }, -1));
  absl::SleepFor(absl::Seconds(1));
  for (const auto& writer : writers_) writer->Stop();

  std::vector<WriteOutcome> all;
  std::vector<std::string> prefixes;
  for (const auto& writer : writers_) {
    const std::vector<WriteOutcome> outcomes = writer->Outcomes();
    const WriteTally tally = Tally(outcomes);
    std::printf("%s: %d attempts, %d acknowledged (median %s), %d refused, %d bad\n",
                writer->prefix().c_str(), static_cast<int>(outcomes.size()), tally.acknowledged,
                absl::FormatDuration(tally.median_acknowledged).c_str(), tally.refused, tally.bad);
    EXPECT_EQ(tally.bad, 0) << writer->prefix() << ":\n" << absl::StrJoin(tally.bad_details, "\n");
    prefixes.push_back(writer->prefix());
    all.insert(all.end(), outcomes.begin(), outcomes.end());
  }
  // Read on node 3: no replica wrote there, so what it holds came by replication.
  absl::StatusOr<AckCheck> check = CheckAcknowledged(*node(2), "swv_reg", prefixes, all);
  ASSERT_TRUE(check.ok()) << check.status();
  std::printf("cluster: acknowledged %d, found on node 3 %d (rows of these writers: %d)\n",
              check->acknowledged, check->found, check->stored_total);
  EXPECT_GT(check->acknowledged, 0);
  EXPECT_EQ(check->found, check->acknowledged)
      << "missing: " << absl::StrJoin(check->missing, ", ");
  EXPECT_EQ(check->duplicate_keys, 0);
}

// What allocation replica 1 writes on node 1, replica 2 reads on node 2, and the other way round
// for monitoring; with allocation replica 1 away, its gateway answers 503 and nothing else.
TEST_F(ClusterFaultTest, EachServicesReplicasShareTheirDataThroughTheCluster) {
  const std::string config = absl::StrCat("/api/v1/swvs/", kSwv, "/years/2026/config");

  auto [written, written_body] = Call(0, "PATCH", config, YearConfigJson(777, 0));
  ASSERT_EQ(written, 200) << written_body;
  auto [read, read_body] = Call(1, "GET", config);
  ASSERT_EQ(read, 200) << read_body;
  EXPECT_TRUE(absl::StrContains(read_body, "\"reserveCents\":\"777\"")) << read_body;

  const std::string goals = absl::StrCat("/api/v1/swvs/", kSwv, "/goals");
  auto [created, created_body] = Call(
      1, "POST", goals + "?goalId=cluster-goal",
      R"({"kind":"GOAL_KIND_INDICATOR","theme":"Eigen doelen","indicator":"Thuiszitters zonder )"
      R"(passende plek","direction":"DIRECTION_EXACTLY","unit":"UNIT_COUNT","levels":["LEVEL_SWV"],)"
      R"("source":"computed","computedIndicator":"thuiszitters_no_suitable_school_place",)"
      R"("targets":[{"year":2026,"kind":"TARGET_KIND_VALUE","valueE4":"0"}],"note":"cluster"})");
  ASSERT_EQ(created, 201) << created_body;
  auto [listed, listed_body] = Call(0, "GET", goals + "/cluster-goal");
  EXPECT_EQ(listed, 200) << listed_body;

  ASSERT_TRUE(KillService(allocation_[0]).ok());
  auto [away, away_body] = Call(0, "GET", config);
  EXPECT_EQ(away, 503) << away_body;
  EXPECT_TRUE(absl::StrContains(away_body, "\"status\":503")) << away_body;
  ASSERT_TRUE(allocation_[0]->Restart().ok());
  int back = 0;
  for (int i = 0; i < 100 && back != 200; ++i) {
    back = Call(0, "GET", config).first;
    if (back != 200) absl::SleepFor(absl::Milliseconds(100));
  }
  EXPECT_EQ(back, 200) << "allocation replica 1 did not come back behind gateway 1";
}

}  // namespace
}  // namespace swv::faults
