// Two replicas of every service on one MariaDB, and conflicting writes through different replicas
// (issue 8, fault test 3).
//
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
#include <httplib.h>

#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/barrier.h"
#include "absl/time/clock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "swv/v1/registrations.grpc.pb.h"
#include "tests/faults/fault_harness.h"
#include "tests/faults/fault_test_base.h"
#include "tests/faults/thuiszitter_writes.h"
#include "tests/testing/test_identity.h"

namespace swv::faults {
namespace {

namespace pb = ::swv::v1;
using google::protobuf::Struct;

constexpr int kRounds = 12;

struct Reply {
  int status = 0;  // 0: no HTTP answer
  Struct body;
  std::string raw;
};

std::string Today() { return absl::FormatTime("%Y-%m-%d", absl::Now(), absl::LocalTimeZone()); }

// An int64 field of a JSON object (proto3 JSON writes int64 as a string); -1 when absent.
int64_t IntField(const Struct& body, const std::string& field) {
  auto it = body.fields().find(field);
  if (it == body.fields().end()) return -1;
  if (it->second.has_number_value()) return static_cast<int64_t>(it->second.number_value());
  int64_t out = -1;
  return absl::SimpleAtoi(it->second.string_value(), &out) ? out : -1;
}

std::string StringField(const Struct& body, const std::string& field) {
  auto it = body.fields().find(field);
  return it == body.fields().end() ? "" : it->second.string_value();
}

// Runs the calls at the same moment, each on its own thread.
void Together(const std::vector<std::function<void()>>& calls) {
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
      absl::StatusOr<Service*> allocation = EnsureService(
          {absl::StrCat("allocation-", k + 1),
           "services/allocation/swv-allocation",
           {absl::StrCat("--database-url=", db()->Url("swv_alloc")),
            absl::StrCat("--registrations-target=", registrations_[k]->grpc_target())}});
      ASSERT_TRUE(allocation.ok()) << allocation.status();
      allocation_[k] = *allocation;
      absl::StatusOr<Service*> monitoring =
          EnsureService({absl::StrCat("monitoring-", k + 1),
                         "services/monitoring/swv-monitoring",
                         {absl::StrCat("--database-url=", db()->Url("swv_mon")),
                          absl::StrCat("--registrations-target=", registrations_[k]->grpc_target()),
                          absl::StrCat("--allocation-target=", allocation_[k]->grpc_target()),
                          absl::StrCat("--national-figures=",
                                       SourceFile("data/goals/national-participation.goals"))}});
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
    httplib::Result result = method == "GET" ? client.Get(path.c_str(), headers)
                             : method == "PATCH"
                                 ? client.Patch(path.c_str(), headers, body, "application/json")
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

TEST_F(ReplicaConflictTest, StaleCaseUpdatesAreRejectedAndNoAcceptedUpdateIsLost) {
  const std::string path = absl::StrCat("/api/v1/swvs/", kSwv, "/thuiszitters");
  Reply created = Call(0, "POST", path, ReportJson("P-replica-plan"), "replica-plan-case");
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string name = StringField(created.body, "name");

  std::map<int64_t, std::string> accepted;  // plan version -> description
  int rejected = 0;
  for (int round = 1; round <= kRounds; ++round) {
    Reply current = Call(round % 2, "GET", absl::StrCat("/api/v1/", name));
    ASSERT_EQ(current.status, 200) << current.raw;
    const int64_t version = IntField(current.body, "version");
    std::string descriptions[2];
    int codes[2] = {0, 0};
    int64_t plan_versions[2] = {0, 0};
    if (round % 3 != 0) {  // through the two gateways
      Reply replies[2];
      std::vector<std::function<void()>> calls;
      for (int k = 0; k < 2; ++k) {
        descriptions[k] = absl::StrCat("round ", round, " via gateway ", k + 1);
        calls.push_back([&, k] {
          replies[k] = Call(k, "POST", absl::StrCat("/api/v1/", name, ":setPlan"),
                            PlanJson(descriptions[k], version));
        });
      }
      Together(calls);
      for (int k = 0; k < 2; ++k) {
        codes[k] = replies[k].status == 200 ? 0 : replies[k].status;
        if (replies[k].status == 200) {
          plan_versions[k] =
              IntField(replies[k].body.fields().at("plan").struct_value(), "planVersion");
        }
        EXPECT_TRUE(replies[k].status == 200 || replies[k].status == 409)
            << replies[k].status << " " << replies[k].raw;
        if (replies[k].status == 409) {
          EXPECT_EQ(StringField(replies[k].body, "code"), "ABORTED") << replies[k].raw;
        }
      }
    } else {  // over gRPC, straight to the two registrations replicas
      std::vector<std::function<void()>> calls;
      pb::ThuiszitterCase replies[2];
      for (int k = 0; k < 2; ++k) {
        descriptions[k] = absl::StrCat("round ", round, " via registrations-", k + 1);
        calls.push_back([&, k] {
          auto stub = RegistrationsStub(k);
          grpc::ClientContext context;
          AddOfficeMetadata(context);
          pb::SetThuiszitterPlanRequest request;
          request.set_name(name);
          request.set_expected_version(version);
          pb::ThuiszitterPlan* plan = request.mutable_plan();
          plan->set_description(descriptions[k]);
          plan->set_agreed_on(Today());
          plan->set_responsible_name("J. de Vries");
          plan->set_responsible_role("trajectbegeleider");
          plan->set_responsible_organisation("SWV PO 22.03");
          grpc::Status status = stub->SetThuiszitterPlan(&context, request, &replies[k]);
          codes[k] = status.error_code();
        });
      }
      Together(calls);
      for (int k = 0; k < 2; ++k) {
        EXPECT_TRUE(codes[k] == grpc::StatusCode::OK || codes[k] == grpc::StatusCode::ABORTED)
            << codes[k];
        if (codes[k] == grpc::StatusCode::OK) plan_versions[k] = replies[k].plan().plan_version();
      }
    }
    int winners = 0;
    for (int k = 0; k < 2; ++k) {
      if (codes[k] == 0) {
        ++winners;
        accepted[plan_versions[k]] = descriptions[k];
      } else {
        ++rejected;
      }
    }
    EXPECT_EQ(winners, 1) << "round " << round << ": both updates read version " << version;
  }

  // Updates without a version check, ten per replica at once: none may overwrite another.
  const int64_t before = static_cast<int64_t>(accepted.size());
  std::vector<std::function<void()>> calls;
  absl::Mutex mu;
  int unconditional_rejected = 0;
  for (int k = 0; k < 2; ++k) {
    calls.push_back([&, k] {
      for (int i = 0; i < 10; ++i) {
        const std::string description = absl::StrCat("unconditional ", i, " via gateway ", k + 1);
        Reply reply =
            Call(k, "POST", absl::StrCat("/api/v1/", name, ":setPlan"), PlanJson(description, 0));
        absl::MutexLock lock(&mu);
        if (reply.status == 200) {
          const int64_t plan_version =
              IntField(reply.body.fields().at("plan").struct_value(), "planVersion");
          EXPECT_EQ(accepted.count(plan_version), 0u)
              << "two accepted updates got plan version " << plan_version;
          accepted[plan_version] = description;
        } else {
          EXPECT_EQ(reply.status, 409) << reply.raw;
          ++unconditional_rejected;
        }
      }
    });
  }
  Together(calls);

  // The final state is exactly the accepted updates.
  Reply final_state = Call(1, "GET", absl::StrCat("/api/v1/", name));
  ASSERT_EQ(final_state.status, 200);
  const int64_t n = static_cast<int64_t>(accepted.size());
  EXPECT_EQ(IntField(final_state.body, "version"), 1 + n);
  const Struct& plan = final_state.body.fields().at("plan").struct_value();
  EXPECT_EQ(IntField(plan, "planVersion"), n);
  EXPECT_EQ(StringField(plan, "description"), accepted.rbegin()->second);
  EXPECT_EQ(PlanHistory(name), accepted) << "the history is not exactly the accepted updates";
  std::printf(
      "stale case updates: %d rounds, %d accepted, %d rejected as stale; unconditional: %d "
      "accepted, %d "
      "rejected; final version %lld, plan version %lld\n",
      kRounds, static_cast<int>(before), rejected, static_cast<int>(n - before),
      unconditional_rejected, static_cast<long long>(IntField(final_state.body, "version")),
      static_cast<long long>(IntField(plan, "planVersion")));
  EXPECT_EQ(before, kRounds);
  EXPECT_EQ(rejected, kRounds);
}

TEST_F(ReplicaConflictTest, RetriedCreatesOnDifferentReplicasMakeOneRecord) {
  constexpr int kCreates = 10;
  const std::string cases = absl::StrCat("/api/v1/swvs/", kSwv, "/thuiszitters");
  const std::string monitorkinderen = absl::StrCat("/api/v1/swvs/", kSwv, "/monitorkinderen");
  for (int i = 0; i < kCreates; ++i) {
    const std::string key = absl::StrCat("retry-", i);
    const std::string pupil = absl::StrCat("P-retry-", i);
    Reply rest[2];
    Together({[&] { rest[0] = Call(0, "POST", cases, ReportJson(pupil), key); },
              [&] { rest[1] = Call(1, "POST", cases, ReportJson(pupil), key); }});
    Reply later = Call(1, "POST", cases, ReportJson(pupil), key);
    // The same request id from another principal (a staff tool, straight at a replica) gets
    // nothing of the record: ALREADY_EXISTS.
    {
      auto stub = RegistrationsStub(1);
      grpc::ClientContext context;
      AddOfficeMetadata(context);
      pb::ThuiszitterCase grpc_reply;
      grpc::Status grpc_status =
          stub->ReportThuiszitter(&context, ReportRequest(pupil, key), &grpc_reply);
      EXPECT_EQ(grpc_status.error_code(), grpc::StatusCode::ALREADY_EXISTS)
          << grpc_status.error_message();
      EXPECT_TRUE(grpc_reply.name().empty());
    }
    std::set<std::string> names;
    for (const Reply& r : {rest[0], rest[1], later}) {
      EXPECT_TRUE(r.status == 200 || r.status == 201) << r.status << " " << r.raw;
      names.insert(StringField(r.body, "name"));
    }
    EXPECT_EQ(names.size(), 1u) << key << ": " << absl::StrJoin(names, ", ");

    const std::string monitorkind = absl::StrCat(
        R"({"school":")", kSchool, R"(","lvsPupilNumber":"M-retry-)", i,
        R"(","residenceMunicipality":")", kMunicipality,
        R"(","reason":"MONITORKIND_REASON_WAITING_FOR_CARE","atHomeSince":")", Today(), R"("})");
    Reply kinds[2];
    Together({[&] { kinds[0] = Call(0, "POST", monitorkinderen, monitorkind, "mk-" + key); },
              [&] { kinds[1] = Call(1, "POST", monitorkinderen, monitorkind, "mk-" + key); }});
    for (const Reply& r : kinds)
      EXPECT_TRUE(r.status == 200 || r.status == 201) << r.status << " " << r.raw;
    EXPECT_EQ(StringField(kinds[0].body, "name"), StringField(kinds[1].body, "name"));
  }
  absl::StatusOr<std::string> counted = db()->Query(
      "SELECT (SELECT COUNT(*) FROM swv_reg.thuiszitter_cases WHERE request_id LIKE 'retry-%'), "
      "(SELECT COUNT(DISTINCT request_id) FROM swv_reg.thuiszitter_cases WHERE request_id LIKE "
      "'retry-%'), "
      "(SELECT COUNT(*) FROM swv_reg.pupil_school_numbers WHERE lvs_pupil_number LIKE "
      "'P-retry-%'), "
      "(SELECT COUNT(*) FROM swv_reg.monitorkinderen WHERE request_id LIKE 'mk-retry-%')");
  ASSERT_TRUE(counted.ok()) << counted.status();
  EXPECT_EQ(std::string(absl::StripAsciiWhitespace(*counted)),
            absl::StrCat(kCreates, "\t", kCreates, "\t", kCreates, "\t", kCreates))
      << "cases, distinct request ids, pupils, monitorkinderen";

  // A count import sent at once to both allocation replicas, and a goal created twice.
  const std::string counts =
      R"({"source":"DUO telling 1-2-2025","counts":[{"school":"11AA00","pupils":"100"},)"
      R"({"school":"22BB00","pupils":"200"}]})";
  Reply imports[2];
  const std::string import_path =
      absl::StrCat("/api/v1/swvs/", kSwv, "/countDates/2025-02-01/counts:batchImport");
  Together({[&] { imports[0] = Call(0, "POST", import_path, counts, "import-1"); },
            [&] { imports[1] = Call(1, "POST", import_path, counts, "import-1"); }});
  for (const Reply& r : imports) ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(StringField(imports[0].body, "name"), StringField(imports[1].body, "name"));
  Reply sets = Call(1, "GET", absl::StrCat("/api/v1/swvs/", kSwv, "/countDates/2025-02-01/counts"));
  ASSERT_EQ(sets.status, 200) << sets.raw;
  EXPECT_EQ(sets.body.fields().at("countSets").list_value().values_size(), 1) << sets.raw;
  std::printf(
      "retried creates: %d reports sent 4 times each (2 gateways + gRPC, then a retry), %d "
      "monitorkinderen "
      "twice each, 1 count import twice: %s rows (cases, request ids, pupils, monitorkinderen), %d "
      "count "
      "set(s)\n",
      kCreates, kCreates,
      absl::StrReplaceAll(absl::StripAsciiWhitespace(*counted), {{"\t", ", "}}).c_str(),
      sets.body.fields().at("countSets").list_value().values_size());
}

TEST_F(ReplicaConflictTest, StaleConfigAndGoalUpdatesAreRejected) {
  // Allocation: the year configuration.
  const std::string config_path = absl::StrCat("/api/v1/swvs/", kSwv, "/years/2026/config");
  auto config = [](int64_t version, int64_t reserve) {
    return absl::StrCat(
        R"({"countDate":"2025-02-01","basisAmountPerPupilCents":"14300","hbBudgetCents":"14000000",)"
        R"("wijkPotCents":"1000000","wijkFactors":[{"code":"pupils","weightBp":"10000"}],)"
        R"("sboRateCents":"663452","soCat1RateCents":"1293834","soCat2RateCents":"2105323",)"
        R"("soCat3RateCents":"3141953","lightSupportIncomeCents":"100000000",)"
        R"("heavySupportIncomeCents":"200000000","reserveCents":")",
        reserve, R"(","version":")", version, R"("})");
  };
  Reply first = Call(0, "PATCH", config_path, config(0, 1));
  ASSERT_EQ(first.status, 200) << first.raw;
  std::map<int64_t, int64_t> accepted_configs = {{1, 1}};  // version -> reserve
  int config_rejected = 0;
  for (int round = 1; round <= kRounds; ++round) {
    const int64_t version = accepted_configs.rbegin()->first;
    Reply replies[2];
    Together(
        {[&] { replies[0] = Call(0, "PATCH", config_path, config(version, 1000 * round)); },
         [&] { replies[1] = Call(1, "PATCH", config_path, config(version, 1000 * round + 1)); }});
    int winners = 0;
    for (int k = 0; k < 2; ++k) {
      if (replies[k].status == 200) {
        ++winners;
        accepted_configs[IntField(replies[k].body, "version")] = 1000 * round + k;
      } else {
        EXPECT_EQ(replies[k].status, 409) << replies[k].raw;
        ++config_rejected;
      }
    }
    EXPECT_EQ(winners, 1) << "config round " << round;
  }
  for (const auto& [version, reserve] : accepted_configs) {
    Reply stored = Call(version % 2, "GET", absl::StrCat(config_path, "?version=", version));
    ASSERT_EQ(stored.status, 200) << stored.raw;
    EXPECT_EQ(IntField(stored.body, "reserveCents"), reserve) << "version " << version;
  }
  const int64_t next = accepted_configs.rbegin()->first + 1;
  EXPECT_EQ(Call(0, "GET", absl::StrCat(config_path, "?version=", next)).status, 404)
      << "a rejected update was stored";

  // Monitoring: a goal, created twice at once under one id, then updated from both replicas.
  const std::string goals = absl::StrCat("/api/v1/swvs/", kSwv, "/goals");
  auto goal = [](int64_t version, const std::string& note) {
    return absl::StrCat(
        R"({"kind":"GOAL_KIND_INDICATOR","theme":"Eigen doelen","indicator":"Thuiszitters zonder )",
        R"(passende plek","direction":"DIRECTION_EXACTLY","unit":"UNIT_COUNT","levels":["LEVEL_SWV"],)",
        R"("source":"computed","computedIndicator":"thuiszitters_no_suitable_school_place",)",
        R"("targets":[{"year":2026,"kind":"TARGET_KIND_VALUE","valueE4":"0"}],"note":")", note,
        R"(","version":")", version, R"("})");
  };
  Reply creates[2];
  Together({[&] {
              creates[0] =
                  Call(0, "POST", goals + "?goalId=fault-goal", goal(0, "created via gateway 1"));
            },
            [&] {
              creates[1] =
                  Call(1, "POST", goals + "?goalId=fault-goal", goal(0, "created via gateway 2"));
            }});
  int created = 0;
  std::map<int64_t, std::string> accepted_goals;  // version -> note
  for (int k = 0; k < 2; ++k) {
    if (creates[k].status == 201) {
      ++created;
      accepted_goals[1] = StringField(creates[k].body, "note");
    } else {
      EXPECT_EQ(creates[k].status, 409) << creates[k].raw;
    }
  }
  ASSERT_EQ(created, 1) << creates[0].raw << "\n" << creates[1].raw;
  int goal_rejected = 0;
  for (int round = 1; round <= kRounds; ++round) {
    const int64_t version = accepted_goals.rbegin()->first;
    Reply replies[2];
    std::string notes[2] = {absl::StrCat("round ", round, " via gateway 1"),
                            absl::StrCat("round ", round, " via gateway 2")};
    Together(
        {[&] { replies[0] = Call(0, "PATCH", goals + "/fault-goal", goal(version, notes[0])); },
         [&] { replies[1] = Call(1, "PATCH", goals + "/fault-goal", goal(version, notes[1])); }});
    int winners = 0;
    for (int k = 0; k < 2; ++k) {
      if (replies[k].status == 200) {
        ++winners;
        accepted_goals[IntField(replies[k].body, "version")] = notes[k];
      } else {
        EXPECT_EQ(replies[k].status, 409) << replies[k].raw;
        ++goal_rejected;
      }
    }
    EXPECT_EQ(winners, 1) << "goal round " << round;
  }
  Reply final_goal = Call(1, "GET", goals + "/fault-goal");
  ASSERT_EQ(final_goal.status, 200) << final_goal.raw;
  EXPECT_EQ(IntField(final_goal.body, "version"), accepted_goals.rbegin()->first);
  EXPECT_EQ(StringField(final_goal.body, "note"), accepted_goals.rbegin()->second);
  // Every stored version is an accepted one, and none is missing.
  absl::StatusOr<std::string> stored = db()->Query(
      "SELECT version, definition FROM swv_mon.mon_goals WHERE goal_id = 'fault-goal' ORDER BY "
      "version");
  ASSERT_TRUE(stored.ok()) << stored.status();
  int stored_versions = 0;
  for (absl::string_view line : absl::StrSplit(*stored, '\n', absl::SkipEmpty())) {
    std::pair<std::string, std::string> row = absl::StrSplit(line, absl::MaxSplits('\t', 1));
    int64_t version = 0;
    ASSERT_TRUE(absl::SimpleAtoi(row.first, &version)) << line;
    ASSERT_EQ(accepted_goals.count(version), 1u)
        << "stored version " << version << " was never accepted";
    EXPECT_NE(row.second.find(accepted_goals[version]), std::string::npos)
        << "version " << version << " does not hold the accepted update \""
        << accepted_goals[version] << "\"";
    ++stored_versions;
  }
  EXPECT_EQ(stored_versions, static_cast<int>(accepted_goals.size()));
  std::printf(
      "stale config updates: %d rounds, %d accepted, %d rejected; goal: created once of 2, %d "
      "rounds, %d "
      "accepted, %d rejected, %d versions stored\n",
      kRounds, static_cast<int>(accepted_configs.size()) - 1, config_rejected, kRounds,
      static_cast<int>(accepted_goals.size()) - 1, goal_rejected, stored_versions);
  EXPECT_EQ(config_rejected, kRounds);
  EXPECT_EQ(goal_rejected, kRounds);
}

}  // namespace
}  // namespace swv::faults
