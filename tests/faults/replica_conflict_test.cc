// Conflicting writes through two replicas of every service (issue 8, fault test 3): stale
// thuiszitter updates lose nothing accepted, and retried creates make one record.
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "google/protobuf/struct.pb.h"
#include "gtest/gtest.h"
#include "swv/v1/registrations.grpc.pb.h"
#include "tests/faults/fault_harness.h"
#include "tests/faults/replica_conflict_fixture.h"
#include "tests/faults/thuiszitter_writes.h"

namespace swv::faults {
namespace {

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
          replies[k] = Call(k, "PUT", absl::StrCat("/api/v1/", name, "/plan"),
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
            Call(k, "PUT", absl::StrCat("/api/v1/", name, "/plan"), PlanJson(description, 0));
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

  // A count import sent at once to both allocation replicas, and a goal created twice. Count
  // rows name schools of the directory: put them there first.
  Reply schools =
      Call(0, "POST", absl::StrCat("/api/v1/swvs/", kSwv, "/schools/_batch"),
           R"({"schools":[{"code":"11AA00","displayName":"Fault test A","municipality":"GM0606",)"
           R"("kind":"SCHOOL_KIND_REGULAR"},{"code":"22BB00","displayName":"Fault test B",)"
           R"("municipality":"GM0606","kind":"SCHOOL_KIND_REGULAR"}]})");
  ASSERT_EQ(schools.status, 200) << schools.raw;
  ASSERT_EQ(schools.body.fields().at("accepted").number_value(), 2) << schools.raw;
  const std::string counts =
      R"({"source":"DUO telling 1-2-2025","counts":[{"school":"11AA00","pupils":"100"},)"
      R"({"school":"22BB00","pupils":"200"}]})";
  Reply imports[2];
  const std::string import_path =
      absl::StrCat("/api/v1/swvs/", kSwv, "/count-dates/2025-02-01/counts/_import");
  Together({[&] { imports[0] = Call(0, "POST", import_path, counts, "import-1"); },
            [&] { imports[1] = Call(1, "POST", import_path, counts, "import-1"); }});
  for (const Reply& r : imports) ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(StringField(imports[0].body, "name"), StringField(imports[1].body, "name"));
  Reply sets =
      Call(1, "GET", absl::StrCat("/api/v1/swvs/", kSwv, "/count-dates/2025-02-01/counts"));
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

}  // namespace
}  // namespace swv::faults
