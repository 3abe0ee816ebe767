// End to end over gRPC, on SQLite and MariaDB: the register statistics and the Inspectie export,
// checked against a seeded data set whose expected numbers are worked out by hand below. The
// RegisterServerTest suite, instantiated in register_server_test.cc.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "services/kernel/errors.h"
#include "swv/v1/directory.grpc.pb.h"
#include "tests/services/registrations/register/register_server_fixture.h"
#include "tests/services/registrations/registrations_server_fixture.h"
#include "tests/testing/test_identity.h"

namespace swv::registrations {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

TEST_P(RegisterServerTest, StatisticsForThirdQuarterMatchTheHandCount) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  const pb::RegisterStatistics stats =
      Statistics("2026-07-01", "2026-09-30", pb::REGISTER_GROUPING_UNSPECIFIED);
  EXPECT_EQ(stats.as_of(), "2026-09-30");
  ASSERT_EQ(stats.groups_size(), 1);
  const pb::RegisterCounts& g = stats.groups(0);
  EXPECT_EQ(g.key(), "");
  // Open on 30 Sep: only B (A closed 20 Aug, C and E reported in October, D closed in June).
  EXPECT_EQ(g.thuiszitters_open_at_end().total(), 1);
  EXPECT_EQ(g.thuiszitters_open_at_end().absolute(), 1);
  EXPECT_EQ(g.thuiszitters_open_at_end().relative_4w_3m(), 0);
  EXPECT_THAT(Causes(g.thuiszitters_open_at_end()), ElementsAre(0, 1, 0, 0, 0, 0, 0, 0));
  // B reported 1 Sep: one month passes on 1 Oct, after the end.
  EXPECT_EQ(g.thuiszitters_open_past_one_month(), 0);
  EXPECT_EQ(g.thuiszitters_open_past_three_months(), 0);
  // Reported in Q3: A (relative, closed before its 3-month day 1 Sep) and B (absolute).
  EXPECT_EQ(g.thuiszitters_reported().total(), 2);
  EXPECT_EQ(g.thuiszitters_reported().relative_4w_3m(), 1);
  EXPECT_EQ(g.thuiszitters_reported().absolute(), 1);
  EXPECT_THAT(Causes(g.thuiszitters_reported()), ElementsAre(1, 1, 0, 0, 0, 0, 0, 0));
  // Open at any time in Q3: the same two (D closed in June, C and E reported in October).
  EXPECT_EQ(g.thuiszitters_open_in_period().total(), 2);
  // A: 1 Jun -> 20 Aug = 80 days; B: 1 Aug -> 30 Sep = 60 days; average 70.
  EXPECT_EQ(g.thuiszitter_duration_days_total(), 140);
  EXPECT_DOUBLE_EQ(g.thuiszitter_average_duration_days(), 70.0);
  // X1 and X2 in force (X3 ended 30 Jun).
  EXPECT_EQ(g.exemptions(), 2);
  EXPECT_EQ(g.exemptions_with_swv_involvement(), 1);
  EXPECT_EQ(g.exemptions_without_swv_involvement(), 1);
  // M1 only (M2 registered in October).
  EXPECT_EQ(g.monitorkinderen(), 1);
  EXPECT_THAT(Reasons(g), ElementsAre(1, 0, 0, 0));
  EXPECT_EQ(g.monitorkinderen_open_at_end(), 1);
}

TEST_P(RegisterServerTest, StatisticsUpToTodayAndBySchoolMatchTheHandCount) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  pb::RegisterStatistics stats =
      Statistics("2026-10-01", "2026-11-30", pb::REGISTER_GROUPING_UNSPECIFIED);
  EXPECT_EQ(stats.as_of(), "2026-11-16");  // the period runs past today
  ASSERT_EQ(stats.groups_size(), 1);
  const pb::RegisterCounts& g = stats.groups(0);
  // Open on 16 Nov: B (absolute) and C (relative; 1 Sep + 3 months = 1 Dec, so 4w-3m).
  EXPECT_EQ(g.thuiszitters_open_at_end().total(), 2);
  EXPECT_EQ(g.thuiszitters_open_at_end().absolute(), 1);
  EXPECT_EQ(g.thuiszitters_open_at_end().relative_4w_3m(), 1);
  EXPECT_THAT(Causes(g.thuiszitters_open_at_end()), ElementsAre(0, 1, 0, 1, 0, 0, 0, 0));
  // B reported 1 Sep (+1 month 1 Oct), C 5 Oct (+1 month 5 Nov): both past. Three months at
  // home: B (at home since 1 Aug, so since 2 Nov), not C (1 Sep + 3 months = 1 Dec).
  EXPECT_EQ(g.thuiszitters_open_past_one_month(), 2);
  EXPECT_EQ(g.thuiszitters_open_past_three_months(), 1);
  // Open at any time in Oct-Nov: B (reported in Q3), C and E.
  EXPECT_EQ(g.thuiszitters_open_in_period().total(), 3);
  EXPECT_THAT(Causes(g.thuiszitters_open_in_period()), ElementsAre(0, 1, 0, 1, 0, 0, 0, 1));
  // Reported Oct-Nov: C and E, both relative 4w-3m.
  EXPECT_EQ(g.thuiszitters_reported().total(), 2);
  EXPECT_EQ(g.thuiszitters_reported().relative_4w_3m(), 2);
  EXPECT_THAT(Causes(g.thuiszitters_reported()), ElementsAre(0, 0, 0, 1, 0, 0, 0, 1));
  // C: 1 Sep -> 16 Nov = 76 days; E: 10 Sep -> 10 Nov = 61 days; average 68.5.
  EXPECT_EQ(g.thuiszitter_duration_days_total(), 137);
  EXPECT_DOUBLE_EQ(g.thuiszitter_average_duration_days(), 68.5);
  EXPECT_EQ(g.exemptions(), 2);
  // M1 and M2 (closed 1 Nov, inside the period); open on 16 Nov: M1.
  EXPECT_EQ(g.monitorkinderen(), 2);
  EXPECT_THAT(Reasons(g), ElementsAre(1, 0, 1, 0));
  EXPECT_EQ(g.monitorkinderen_open_at_end(), 1);

  stats = Statistics("2026-10-01", "2026-11-30", pb::REGISTER_GROUPING_SCHOOL);
  ASSERT_EQ(stats.groups_size(), 3);
  // "": X2, the exemption without a school.
  EXPECT_EQ(stats.groups(0).key(), "");
  EXPECT_EQ(stats.groups(0).exemptions_without_swv_involvement(), 1);
  EXPECT_EQ(stats.groups(0).thuiszitters_open_at_end().total(), 0);
  // 12AB00: B open (absolute, past one month), E reported (61 days), X1, M1.
  const pb::RegisterCounts& ab = stats.groups(1);
  EXPECT_EQ(ab.key(), "12AB00");
  EXPECT_EQ(ab.thuiszitters_open_at_end().absolute(), 1);
  EXPECT_EQ(ab.thuiszitters_open_at_end().total(), 1);
  EXPECT_EQ(ab.thuiszitters_open_past_one_month(), 1);
  EXPECT_EQ(ab.thuiszitters_reported().total(), 1);
  EXPECT_EQ(ab.thuiszitter_duration_days_total(), 61);
  EXPECT_EQ(ab.exemptions_with_swv_involvement(), 1);
  EXPECT_EQ(ab.monitorkinderen(), 1);
  // 34CD00: C open and reported (76 days), M2.
  const pb::RegisterCounts& cd = stats.groups(2);
  EXPECT_EQ(cd.key(), "34CD00");
  EXPECT_EQ(cd.thuiszitters_open_at_end().relative_4w_3m(), 1);
  EXPECT_EQ(cd.thuiszitters_reported().total(), 1);
  EXPECT_EQ(cd.thuiszitter_duration_days_total(), 76);
  EXPECT_EQ(cd.exemptions(), 0);
  EXPECT_THAT(Reasons(cd), ElementsAre(0, 0, 1, 0));

  stats = Statistics("2026-10-01", "2026-11-30", pb::REGISTER_GROUPING_MUNICIPALITY);
  std::vector<std::string> keys;
  for (const pb::RegisterCounts& group : stats.groups()) keys.push_back(group.key());
  // GM0606: C, E, X1, M1. GM0622: B, X2, M2. (A's and D's municipalities count nowhere.)
  EXPECT_THAT(keys, ElementsAre("GM0606", "GM0622"));
  EXPECT_EQ(stats.groups(0).thuiszitters_reported().total(), 2);
  EXPECT_EQ(stats.groups(1).thuiszitters_open_at_end().absolute(), 1);
}

TEST_P(RegisterServerTest, StatisticsByWijkAndBoardUseTheDirectory) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  auto directory = pb::Directory::NewStub(
      swv::testing::TestChannel(absl::StrCat("127.0.0.1:", runtime_->grpc_port())));
  pb::BatchUpsertBoardsRequest boards;
  boards.set_parent("swvs/PO2203");
  pb::Board* board = boards.add_boards();
  board->set_code("41234");
  board->set_display_name("Stichting Openbaar Onderwijs");
  pb::BatchUpsertWijkenRequest wijken;
  wijken.set_parent("swvs/PO2203");
  pb::Wijk* wijk = wijken.add_wijken();
  wijk->set_code("SCH-OOST");
  wijk->set_display_name("Schiedam-Oost");
  wijk->set_municipality("GM0606");
  pb::BatchUpsertSchoolsRequest schools;
  schools.set_parent("swvs/PO2203");
  pb::School* school = schools.add_schools();  // 34CD00 stays unknown to the directory
  school->set_code("12AB00");
  school->set_display_name("OBS De Linde");
  school->set_board("41234");
  school->set_wijk("SCH-OOST");
  school->set_municipality("GM0606");
  school->set_kind(pb::SCHOOL_KIND_REGULAR);
  school->set_inside_region(true);
  pb::BatchUpsertResponse upserted;
  ASSERT_TRUE(directory->BatchUpsertBoards(Context("office:PO2203").get(), boards, &upserted).ok());
  ASSERT_EQ(upserted.results(0).outcome(), "created") << upserted.results(0).DebugString();
  ASSERT_TRUE(directory->BatchUpsertWijken(Context("office:PO2203").get(), wijken, &upserted).ok());
  ASSERT_EQ(upserted.results(0).outcome(), "created") << upserted.results(0).DebugString();
  grpc::Status status =
      directory->BatchUpsertSchools(Context("office:PO2203").get(), schools, &upserted);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(upserted.results_size(), 1);
  ASSERT_EQ(upserted.results(0).outcome(), "created") << upserted.results(0).DebugString();

  pb::RegisterStatistics stats = Statistics("2026-10-01", "2026-11-30", pb::REGISTER_GROUPING_WIJK);
  std::vector<std::string> keys;
  for (const pb::RegisterCounts& group : stats.groups()) keys.push_back(group.key());
  // "": 34CD00 (C, M2) and X2 without a school; SCH-OOST: 12AB00 (B, E, X1, M1).
  EXPECT_THAT(keys, ElementsAre("", "SCH-OOST"));
  EXPECT_EQ(stats.groups(1).thuiszitters_open_at_end().absolute(), 1);
  EXPECT_EQ(stats.groups(1).thuiszitters_reported().total(), 1);
  EXPECT_EQ(stats.groups(1).exemptions(), 1);
  EXPECT_EQ(stats.groups(0).thuiszitters_reported().total(), 1);
  EXPECT_EQ(stats.groups(0).exemptions(), 1);

  stats = Statistics("2026-10-01", "2026-11-30", pb::REGISTER_GROUPING_BOARD);
  ASSERT_EQ(stats.groups_size(), 2);
  EXPECT_EQ(stats.groups(1).key(), "41234");
  EXPECT_EQ(stats.groups(1).monitorkinderen(), 1);  // M1
}

TEST_P(RegisterServerTest, StatisticsRefuseABadPeriod) {
  pb::GetRegisterStatisticsRequest request;
  request.set_parent("swvs/PO2203");
  request.set_from("2026-10-01");
  request.set_to("2026-09-30");
  pb::RegisterStatistics reply;
  grpc::Status status = stub_->GetRegisterStatistics(Context().get(), request, &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(FieldsOf(status), ElementsAre("to"));
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "PERIOD_REVERSED");
}

TEST_P(RegisterServerTest, InspectieRegisterForTheThirdQuarter) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  pb::ExportInspectieRegisterRequest request;
  request.set_parent("swvs/PO2203");
  request.set_quarter("2026-Q3");
  pb::InspectieRegisterExport exported;
  grpc::Status status = stub_->ExportInspectieRegister(Context().get(), request, &exported);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(exported.period_start(), "2026-07-01");
  EXPECT_EQ(exported.period_end(), "2026-09-30");
  // A and B (D closed before 1 Jul; C and E reported after 30 Sep); X1 and X2 (X3 ended 30 Jun);
  // monitorkind M1 (M2 registered in October).
  EXPECT_EQ(exported.row_count(), 5);
  EXPECT_EQ(exported.csv(),
            "row,kind,category,school,residence_municipality,start_date,reported_on,end_date,"
            "status_at_period_end,days_at_home,cause,plan_present,swv_involved\r\n"
            "1,thuiszitter,relative_4w_3m,12AB00,GM0606,2026-06-01,2026-07-01,2026-08-20,closed,"
            "80,no_suitable_school_place,yes,\r\n"
            "2,thuiszitter,absolute,12AB00,GM0622,2026-08-01,2026-09-01,,open,60,"
            "waiting_for_care,no,\r\n"
            "3,exemption,exemption,12AB00,GM0606,2026-08-01,,2027-07-31,open,,,,yes\r\n"
            "4,exemption,exemption,,GM0622,2026-09-15,,,open,,,,no\r\n"
            "5,monitorkind,monitorkind,12AB00,GM0606,2026-08-15,2026-09-01,,open,46,"
            "long_term_sick,,\r\n");
  // Anonymised: no LVS numbers, pupil ids or case ids.
  EXPECT_THAT(exported.csv(), Not(HasSubstr("LVS-")));
  EXPECT_THAT(exported.csv(), Not(HasSubstr("pl-")));
  EXPECT_THAT(exported.csv(), Not(HasSubstr("tz-")));

  // Q4 so far (as of 16 Nov): B, C, E, X1, X2 and M1, M2.
  request.set_quarter("2026-Q4");
  ASSERT_TRUE(stub_->ExportInspectieRegister(Context().get(), request, &exported).ok());
  EXPECT_EQ(exported.row_count(), 7);

  request.set_quarter("2027-Q1");
  status = stub_->ExportInspectieRegister(Context().get(), request, &exported);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(FieldsOf(status), ElementsAre("quarter"));
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "QUARTER_IN_FUTURE");
}

}  // namespace
}  // namespace swv::registrations
