// End to end over gRPC, on SQLite and MariaDB: who sees which arrangements and OPDC placements (the
// SupportServerTest suite; instantiated in support_server_test.cc). Out of scope reads as if the
// record did not exist.
#include <algorithm>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "swv/v1/support.grpc.pb.h"
#include "tests/services/registrations/support/support_server_fixture.h"

namespace swv::registrations {
namespace {

TEST_P(SupportServerTest, ScopedPrincipalsSeeOnlyTheirSchoolsRecords) {
  const std::string own = Apply(pb::ARRANGEMENT_TARGET_PUPIL, "12AB00", "LVS-1", "", "2026-10-01");
  const std::string other =
      Apply(pb::ARRANGEMENT_TARGET_PUPIL, "34CD00", "LVS-2", "", "2026-10-01");
  const std::string wijk = Apply(pb::ARRANGEMENT_TARGET_WIJK, "", "", "SCH-OOST", "2026-10-01");
  const std::string own_placement = Place("12AB00", "LVS-1", "2026-09-01", "2027-02-28");
  const std::string other_placement = Place("34CD00", "LVS-2", "2026-09-01", "2027-02-28");
  auto school = [] { return ContextAs(PrincipalKind::kSchool, {"12AB00"}); };
  auto partner = [] { return ContextAs(PrincipalKind::kPartner, {"GM0606"}); };

  pb::GetArrangementRequest get;
  pb::Arrangement arrangement;
  get.set_name(own);
  EXPECT_TRUE(support_->GetArrangement(school().get(), get, &arrangement).ok());
  EXPECT_EQ(support_->GetArrangement(partner().get(), get, &arrangement).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(
      support_
          ->GetArrangement(ContextAs(PrincipalKind::kOffice, {}, "PO2204").get(), get, &arrangement)
          .error_code(),
      grpc::StatusCode::NOT_FOUND);
  for (const std::string& hidden : {other, wijk}) {
    get.set_name(hidden);
    EXPECT_EQ(support_->GetArrangement(school().get(), get, &arrangement).error_code(),
              grpc::StatusCode::NOT_FOUND)
        << hidden;
  }
  pb::ListArrangementsRequest list;
  list.set_parent("swvs/PO2203");
  pb::ListArrangementsResponse listed;
  ASSERT_TRUE(support_->ListArrangements(school().get(), list, &listed).ok());
  ASSERT_EQ(listed.arrangements_size(), 1);
  EXPECT_EQ(listed.arrangements(0).name(), own);
  EXPECT_EQ(support_->ListArrangements(partner().get(), list, &listed).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  pb::ListSupportHistoryRequest history;
  history.set_name(other);
  pb::ListThuiszitterHistoryResponse changes;
  EXPECT_EQ(support_->ListArrangementHistory(school().get(), history, &changes).error_code(),
            grpc::StatusCode::NOT_FOUND);
  // Deciding is the office's, whichever school the arrangement is for; a partner never writes.
  pb::DecideArrangementRequest decide;
  decide.set_name(other);
  decide.set_outcome(pb::ARRANGEMENT_OUTCOME_REFUSED);
  decide.set_decided_on("2026-11-10");
  EXPECT_EQ(support_->DecideArrangement(school().get(), decide, &arrangement).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  pb::CreateArrangementRequest create;
  create.set_parent("swvs/PO2203");
  create.mutable_arrangement()->set_target(pb::ARRANGEMENT_TARGET_GROUP);
  create.mutable_arrangement()->set_school("34CD00");
  create.mutable_arrangement()->set_description("Extra support");
  create.mutable_arrangement()->set_applied_on("2026-11-01");
  EXPECT_EQ(support_->CreateArrangement(school().get(), create, &arrangement).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(support_->CreateArrangement(partner().get(), create, &arrangement).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  create.mutable_arrangement()->set_school("12AB00");
  EXPECT_TRUE(support_->CreateArrangement(school().get(), create, &arrangement).ok());

  pb::GetOpdcPlacementRequest get_placement;
  pb::OpdcPlacement placement;
  get_placement.set_name(own_placement);
  EXPECT_TRUE(support_->GetOpdcPlacement(school().get(), get_placement, &placement).ok());
  get_placement.set_name(other_placement);
  EXPECT_EQ(support_->GetOpdcPlacement(school().get(), get_placement, &placement).error_code(),
            grpc::StatusCode::NOT_FOUND);
  pb::ListOpdcPlacementsRequest list_placements;
  list_placements.set_parent("swvs/PO2203");
  pb::ListOpdcPlacementsResponse placements;
  ASSERT_TRUE(support_->ListOpdcPlacements(school().get(), list_placements, &placements).ok());
  ASSERT_EQ(placements.placements_size(), 1);
  EXPECT_EQ(placements.placements(0).name(), own_placement);
  pb::OpdcPlacement ended;
  pb::EndOpdcPlacementRequest end;
  end.set_name(other_placement);
  end.set_ended_on("2026-11-10");
  end.set_reason("back at own school");
  EXPECT_EQ(support_->EndOpdcPlacement(school().get(), end, &ended).error_code(),
            grpc::StatusCode::NOT_FOUND);

  pb::GetSupportStatisticsRequest statistics;
  statistics.set_parent("swvs/PO2203");
  statistics.set_from("2026-01-01");
  statistics.set_to("2026-11-16");
  pb::SupportStatistics figures;
  EXPECT_EQ(support_->GetSupportStatistics(school().get(), statistics, &figures).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(
      support_
          ->GetSupportStatistics(ContextAs(PrincipalKind::kOffice, {}).get(), statistics, &figures)
          .ok());
}

// Wijk steering (002/000): a wijkarrangement is read and listed by the schools and boards with a
// school in its wijk (12AB00 and 34CD00 of B1 in W1, 13AB00 of B2 in W2), by no one else but the
// office.
TEST_P(SupportServerTest, AWijkArrangementIsReadByTheSchoolsAndBoardsOfItsWijk) {
  SeedDirectory();
  const std::string w1 = Apply(pb::ARRANGEMENT_TARGET_WIJK, "", "", "W1", "2026-10-01");
  const std::string w2 = Apply(pb::ARRANGEMENT_TARGET_WIJK, "", "", "W2", "2026-10-01");
  const std::string pupil =
      Apply(pb::ARRANGEMENT_TARGET_PUPIL, "13AB00", "LVS-9", "", "2026-10-01");
  struct Case {
    PrincipalKind kind;
    std::string scope;
    std::vector<std::string> sees;
  };
  const std::vector<Case> cases = {
      {PrincipalKind::kSchool, "12AB00", {w1}},        {PrincipalKind::kBoard, "B1", {w1}},
      {PrincipalKind::kSchool, "13AB00", {w2, pupil}}, {PrincipalKind::kBoard, "B2", {w2, pupil}},
      {PrincipalKind::kSchool, "34CD00", {w1}},  // the SBO school of W1
      {PrincipalKind::kSchool, "78GH00", {}},    // no wijk in the directory
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.scope);
    pb::ListArrangementsRequest list;
    list.set_parent("swvs/PO2203");
    pb::ListArrangementsResponse listed;
    ASSERT_TRUE(support_->ListArrangements(ContextAs(c.kind, {c.scope}).get(), list, &listed).ok());
    std::vector<std::string> names;
    for (const pb::Arrangement& a : listed.arrangements()) names.push_back(a.name());
    EXPECT_EQ(names, c.sees);
    for (const std::string& name : {w1, w2}) {
      pb::GetArrangementRequest get;
      get.set_name(name);
      pb::Arrangement arrangement;
      const bool sees = std::find(c.sees.begin(), c.sees.end(), name) != c.sees.end();
      EXPECT_EQ(support_->GetArrangement(ContextAs(c.kind, {c.scope}).get(), get, &arrangement)
                    .error_code(),
                sees ? grpc::StatusCode::OK : grpc::StatusCode::NOT_FOUND)
          << name;
    }
  }
}

}  // namespace
}  // namespace swv::registrations
