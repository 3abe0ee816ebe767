// The access matrix on records: for every kind whose reach is its own, another school's, board's or
// municipality's record answers as a missing one, lists never hold it and creation is refused.
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gtest/gtest.h"
#include "services/common/access.h"
#include "services/gateway/gateway_core.h"
#include "tests/services/gateway/access_matrix_fixture.h"
#include "tests/services/gateway/gateway_test_support.h"

namespace swv::gateway {
namespace {

using testing::AccessMatrixTest;
using testing::kOtherSchool;
using testing::PathFor;

// "404 NOT_FOUND": what a client can tell from an answer without reading the detail text.
std::string Outcome(const HttpResponse& response) {
  if (response.status < 300) return absl::StrCat(response.status);
  return absl::StrCat(response.status, " ", testing::JsonField(response.body, "code"), " ",
                      testing::JsonField(response.body, "reason"));
}

bool Scoped(swv::v1::Reach reach) {
  return reach == swv::v1::REACH_OWN_SCHOOLS || reach == swv::v1::REACH_OWN_BOARD ||
         reach == swv::v1::REACH_OWN_MUNICIPALITIES || reach == swv::v1::REACH_CONSENTED;
}

constexpr PrincipalKind kScopedKinds[] = {PrincipalKind::kSchool, PrincipalKind::kBoard,
                                          PrincipalKind::kPartner, PrincipalKind::kYouthCare};

// Every route that names a record, school or board, for every kind whose reach is its own:
// another school's (board's, municipality's) record answers exactly as one that does not exist,
// and the caller's own record is read.
TEST_F(AccessMatrixTest, AnotherSchoolsBoardsOrMunicipalitysRecordAnswersAsAMissingOne) {
  SeedRecords();
  int compared = 0, own_reads = 0;
  for (const Route& route : core_->routes().routes()) {
    const std::string own_path = SeededPath(route, Side::kOwn);
    const std::string other_path = SeededPath(route, Side::kOther);
    if (own_path.empty() || own_path == other_path) continue;
    const swv::v1::Access access = *DeclarationOf(*route.method);
    const bool names_record = own_path != PathFor(route, "PO2203");
    for (PrincipalKind kind : kScopedKinds) {
      const swv::v1::Reach reach = ReachOf(access, kind);
      if (!Scoped(reach)) continue;
      SCOPED_TRACE(
          absl::StrCat(route.http_method, " ", other_path, " as ", PrincipalKindName(kind)));
      HttpResponse other = CallPath(route, other_path, secrets_[kind]);
      HttpResponse missing = CallPath(route, SeededPath(route, Side::kMissing), secrets_[kind]);
      EXPECT_EQ(Outcome(other), Outcome(missing)) << other.body << "\n" << missing.body;
      EXPECT_GE(other.status, 400) << other.body;
      ++compared;
      const bool partner_case =
          (kind != PrincipalKind::kPartner && kind != PrincipalKind::kYouthCare) ||
          absl::StrContains(own_path, "/thuiszitters/") ||
          (kind == PrincipalKind::kPartner && absl::StrContains(own_path, "/escalations/"));
      if (route.http_method == "GET" && names_record && partner_case) {
        HttpResponse own = CallPath(route, own_path, secrets_[kind]);
        EXPECT_EQ(own.status, 200) << own_path << " " << own.body;
        ++own_reads;
      }
    }
  }
  EXPECT_GT(compared, 40);
  EXPECT_GT(own_reads, 20);
}

// Every list of seeded records, for every kind whose reach is its own: the own record is listed,
// another's never, also when the caller asks for the other school or municipality by filter.
TEST_F(AccessMatrixTest, ListsHoldOnlyTheCallersOwnRecords) {
  SeedRecords();
  int checked = 0;
  for (const Route& route : core_->routes().routes()) {
    if (route.http_method != "GET") continue;
    const std::string path = PathFor(route, "PO2203");
    auto seeded = seeded_.find(path.substr(path.rfind('/') + 1));
    if (seeded == seeded_.end()) continue;
    const swv::v1::Access access = *DeclarationOf(*route.method);
    for (PrincipalKind kind : kScopedKinds) {
      if (!Scoped(ReachOf(access, kind))) continue;
      SCOPED_TRACE(absl::StrCat(path, " as ", PrincipalKindName(kind)));
      HttpResponse all = CallPath(route, path, secrets_[kind]);
      ASSERT_EQ(all.status, 200) << all.body;
      EXPECT_TRUE(absl::StrContains(all.body, seeded->second.own)) << all.body;
      EXPECT_FALSE(absl::StrContains(all.body, seeded->second.other)) << all.body;
      for (const auto& filter : std::vector<std::pair<std::string, std::string>>{
               {"school", kOtherSchool}, {"residenceMunicipality", "GM0599"}}) {
        if (route.method->input_type()->FindFieldByName(
                filter.first == "school" ? "school" : "residence_municipality") == nullptr) {
          continue;
        }
        HttpRequest request;
        request.method = "GET";
        request.path = path;
        request.query = {filter};
        request.headers = {{"Authorization", "Bearer " + secrets_[kind]}};
        HttpResponse filtered = core_->Handle(request);
        EXPECT_FALSE(absl::StrContains(filtered.body, seeded->second.other)) << filtered.body;
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 12);
}

// Creating a record for another school's pupil: refused for every kind whose reach is its own,
// nothing stored; for its own school's pupil: created.
TEST_F(AccessMatrixTest, RecordsAreCreatedForOwnSchoolsOnly) {
  SeedRecords();
  int checked = 0;
  const auto own = RecordBodies("12AB00", "GM0606", "LVS-NEW");
  const auto other = RecordBodies(kOtherSchool, "GM0599", "LVS-NEW");
  for (const Route& route : core_->routes().routes()) {
    if (route.http_method != "POST") continue;
    const std::string path = PathFor(route, "PO2203");
    auto body = own.find(path.substr(path.rfind('/') + 1));
    if (body == own.end()) continue;
    const swv::v1::Access access = *DeclarationOf(*route.method);
    for (PrincipalKind kind : kScopedKinds) {
      if (!Scoped(ReachOf(access, kind))) continue;
      SCOPED_TRACE(absl::StrCat(path, " as ", PrincipalKindName(kind)));
      HttpResponse refused = CallPath(route, path, secrets_[kind], other.at(body->first));
      EXPECT_TRUE(refused.status == 404 || refused.status == 403) << refused.body;
      HttpResponse created = CallPath(
          route, path, secrets_[kind],
          absl::StrReplaceAll(body->second,
                              {{"LVS-NEW", absl::StrCat("LVS-NEW-", PrincipalKindName(kind))}}));
      EXPECT_EQ(created.status, 201) << created.body;
      ++checked;
    }
  }
  EXPECT_GE(checked, 12);
}

// A bulk push naming another school's row is refused whole, naming the row, and writes nothing.
TEST_F(AccessMatrixTest, ABulkPushWithAnotherSchoolsRowIsRefusedNamingTheRow) {
  SeedRecords();
  HttpRequest request;
  request.method = "POST";
  request.path = "/api/v1/swvs/PO2203/schools/_batch";
  request.headers = {{"Authorization", "Bearer " + secrets_[PrincipalKind::kSchool]},
                     {"Content-Type", "application/json"}};
  request.body = absl::StrCat(R"({"schools":[{"code":"12AB00","displayName":"Renamed own"},)",
                              R"({"code":")", kOtherSchool, R"(","displayName":"Taken"}]})");
  HttpResponse refused = core_->Handle(request);
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(testing::JsonField(refused.body, "reason"), "SCHOOL_OUT_OF_SCOPE");
  EXPECT_TRUE(absl::StrContains(refused.body, R"("name":"schools[1].code")")) << refused.body;
  HttpRequest get;
  get.method = "GET";
  get.path = "/api/v1/swvs/PO2203/schools/12AB00";
  get.headers = {{"Authorization", "Bearer " + secrets_[PrincipalKind::kOffice]}};
  EXPECT_EQ(testing::JsonField(core_->Handle(get).body, "displayName"), "School 12AB00");
}

// Goal statuses of another school or board answer as those of one that does not exist.
TEST_F(AccessMatrixTest, GoalStatusesOfAnotherSchoolOrBoardAnswerAsMissingOnes) {
  SeedRecords();
  for (const auto& [kind, level, own, other] :
       std::vector<std::tuple<PrincipalKind, std::string, std::string, std::string>>{
           {PrincipalKind::kSchool, "LEVEL_SCHOOL", "12AB00", kOtherSchool},
           {PrincipalKind::kBoard, "LEVEL_SCHOOL", "12AB00", kOtherSchool},
           {PrincipalKind::kBoard, "LEVEL_BOARD", "B1", "B2"}}) {
    SCOPED_TRACE(absl::StrCat(PrincipalKindName(kind), " ", level, " ", other));
    auto get = [&, kind = kind, level = level](const std::string& id) {
      HttpRequest request;
      request.method = "GET";
      request.path = "/api/v1/swvs/PO2203/goal-statuses";
      request.query = {{"year", "2026"}, {"level", level}, {"levelId", id}};
      request.headers = {{"Authorization", "Bearer " + secrets_[kind]}};
      return core_->Handle(request);
    };
    EXPECT_EQ(get(own).status, 200) << get(own).body;
    HttpResponse foreign = get(other);
    EXPECT_EQ(foreign.status, 404) << foreign.body;
    EXPECT_EQ(Outcome(foreign), Outcome(get("ZZ99")));
  }
}

}  // namespace
}  // namespace swv::gateway
