// The fixture of the replica fault test (issue 8, fault test 3): two replicas of every service on
// one MariaDB, gateway k in front of the replicas k, one office credential for both gateways.
#ifndef SWV_TESTS_FAULTS_REPLICA_CONFLICT_FIXTURE_H_
#define SWV_TESTS_FAULTS_REPLICA_CONFLICT_FIXTURE_H_

#include <httplib.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"
#include "absl/time/clock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "swv/v1/registrations.grpc.pb.h"
#include "tests/faults/fault_harness.h"
#include "tests/faults/fault_test_base.h"
#include "tests/testing/test_identity.h"

namespace swv::faults {

namespace pb = ::swv::v1;
using google::protobuf::Struct;

constexpr int kRounds = 12;

struct Reply {
  int status = 0;  // 0: no HTTP answer
  Struct body;
  std::string raw;
};

inline std::string Today() {
  return absl::FormatTime("%Y-%m-%d", absl::Now(), absl::LocalTimeZone());
}

// An int64 field of a JSON object (proto3 JSON writes int64 as a string); -1 when absent.
inline int64_t IntField(const Struct& body, const std::string& field) {
  auto it = body.fields().find(field);
  if (it == body.fields().end()) return -1;
  if (it->second.has_number_value()) return static_cast<int64_t>(it->second.number_value());
  int64_t out = -1;
  return absl::SimpleAtoi(it->second.string_value(), &out) ? out : -1;
}

inline std::string StringField(const Struct& body, const std::string& field) {
  auto it = body.fields().find(field);
  return it == body.fields().end() ? "" : it->second.string_value();
}

// Runs the calls at the same moment, each on its own thread.
inline void Together(const std::vector<std::function<void()>>& calls) {
  absl::Barrier* start = new absl::Barrier(static_cast<int>(calls.size()));
  std::vector<std::thread> threads;
  for (const auto& call : calls) {
    threads.emplace_back([start, &call] {
      if (start->Block()) delete start;
      call();
    });
  }
  for (std::thread& t : threads) t.join();
}

// Two of each: swv-registrations, swv-allocation, swv-monitoring and swv-gateway, all on one
// MariaDB (one database per service, shared by its replicas); gateway k talks to the replicas k.
// One office credential, issued once, works on both gateways (they share their store).
//
//  - Stale updates: in every round both replicas get the same update of the same record with the
//    version both read before; exactly one must win (200 / OK) and the other be rejected (409 /
//    ABORTED). Thuiszitter plans (registrations, through both gateways and over gRPC), the year
//    configuration (allocation) and a goal (monitoring).
//  - Nothing lost: the record's history holds exactly the accepted updates, in order, and nothing
//    of the rejected ones; updates without a version check, sent at once to both replicas, each
//    get a distinct new version.
//  - Retried creates: the same report (one Idempotency-Key / request_id) sent at once through
//    both gateways and over gRPC, and again later, yields one record; likewise a monitorkind, a
//    count import, and a goal created twice under one id.
class ReplicaConflictTest : public FaultTest {
 protected:
  void SetUp() override {
    UseSandbox("replicas", {"swv_reg", "swv_alloc", "swv_mon", "swv_gw"});
    if (IsSkipped() || HasFatalFailure()) return;
    for (int k = 0; k < 2; ++k) {
      absl::StatusOr<Service*> registrations =
          EnsureRegistrations(absl::StrCat("registrations-", k + 1), "swv_reg");
      ASSERT_TRUE(registrations.ok()) << registrations.status();
      registrations_[k] = *registrations;
      absl::StatusOr<Service*> allocation = EnsureAllocation(
          absl::StrCat("allocation-", k + 1), db()->Url("swv_alloc"), registrations_[k]);
      ASSERT_TRUE(allocation.ok()) << allocation.status();
      allocation_[k] = *allocation;
      absl::StatusOr<Service*> monitoring =
          EnsureMonitoring(absl::StrCat("monitoring-", k + 1), db()->Url("swv_mon"),
                           registrations_[k], allocation_[k]);
      ASSERT_TRUE(monitoring.ok()) << monitoring.status();
      monitoring_[k] = *monitoring;
      absl::StatusOr<Service*> gateway =
          EnsureGateway(absl::StrCat("gateway-", k + 1), db()->Url("swv_gw"), registrations_[k],
                        allocation_[k], monitoring_[k]);
      ASSERT_TRUE(gateway.ok()) << gateway.status();
      gateways_[k] = *gateway;
    }
    if (!token_.empty()) return;
    absl::StatusOr<std::string> office = sandbox()->IssueCredential(
        db()->Url("swv_gw"), {"--kind=office", "--name=fault test office"});
    ASSERT_TRUE(office.ok()) << office.status();
    token_ = *office;
  }

  // One REST call through gateway k (0 or 1).
  Reply Call(int k, const std::string& method, const std::string& path,
             const std::string& body = "", const std::string& idempotency_key = "") {
    httplib::Client client("127.0.0.1", gateways_[k]->rest_port());
    client.set_read_timeout(std::chrono::seconds(30));
    httplib::Headers headers = {{"Authorization", "Bearer " + token_}};
    if (!idempotency_key.empty()) headers.emplace("Idempotency-Key", idempotency_key);
    httplib::Result result =
        method == "GET"     ? client.Get(path.c_str(), headers)
        : method == "PATCH" ? client.Patch(path.c_str(), headers, body, "application/json")
        : method == "PUT"   ? client.Put(path.c_str(), headers, body, "application/json")
                            : client.Post(path.c_str(), headers, body, "application/json");
    Reply reply;
    if (!result) return reply;
    reply.status = result->status;
    reply.raw = result->body;
    (void)google::protobuf::util::JsonStringToMessage(result->body, &reply.body);
    return reply;
  }

  std::unique_ptr<pb::Registrations::Stub> RegistrationsStub(int k) {
    return pb::Registrations::NewStub(
        swv::testing::TestChannel(registrations_[k]->grpc_target(), /*tls=*/true));
  }

  static std::string PlanJson(const std::string& description, int64_t expected_version) {
    return absl::StrCat(
        R"({"plan":{"description":")", description, R"(","agreedOn":")", Today(),
        R"(","responsibleName":"J. de Vries","responsibleRole":"trajectbegeleider",)",
        R"("responsibleOrganisation":"SWV PO 22.03","parentsInvolved":true})",
        expected_version > 0 ? absl::StrCat(R"(,"expectedVersion":")", expected_version, "\"") : "",
        "}");
  }

  // The description of every plan in the case's history, by plan version.
  std::map<int64_t, std::string> PlanHistory(const std::string& name) {
    std::map<int64_t, std::string> out;
    Reply history = Call(0, "GET", absl::StrCat("/api/v1/", name, "/history"));
    EXPECT_EQ(history.status, 200) << history.raw;
    auto changes = history.body.fields().find("changes");
    if (changes == history.body.fields().end()) return out;
    for (const auto& change : changes->second.list_value().values()) {
      const Struct& fields = change.struct_value();
      if (StringField(fields, "action") != "plan_set") continue;
      Struct snapshot;
      EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(StringField(fields, "snapshotJson"),
                                                              &snapshot)
                      .ok());
      const Struct& plan = snapshot.fields().at("plan").struct_value();
      const int64_t plan_version = IntField(plan, "planVersion");
      EXPECT_EQ(out.count(plan_version), 0u) << "plan version " << plan_version << " stored twice";
      out[plan_version] = StringField(plan, "description");
    }
    return out;
  }

  Service* registrations_[2] = {};
  Service* allocation_[2] = {};
  Service* monitoring_[2] = {};
  Service* gateways_[2] = {};
  static inline std::string token_;
};

}  // namespace swv::faults

#endif  // SWV_TESTS_FAULTS_REPLICA_CONFLICT_FIXTURE_H_
