// End to end over gRPC, on SQLite and MariaDB: school support profiles (one per school and school
// year, read by every member of the SWV, written by the school's own principals), their derived
// overdue flags, history and the wijk overview; and the profile counts of the support statistics.
#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "services/kernel/errors.h"
#include "swv/v1/support.grpc.pb.h"
#include "tests/services/registrations/support/support_server_fixture.h"

namespace swv::registrations {
namespace {

using ::testing::ElementsAre;

class ProfileServerTest : public SupportServerTest {
 protected:
  static pb::SchoolProfile Profile(const std::string& school, int level,
                                   const std::vector<std::string>& offers,
                                   const std::string& updated_on = "2026-10-05") {
    pb::SchoolProfile p;
    p.set_school(school);
    p.set_school_year("2026-2027");
    p.set_support_level(level);
    for (const std::string& o : offers) p.add_offers(o);
    p.set_adopted_by_mr_on("2023-06-01");
    p.set_updated_on(updated_on);
    p.set_published(true);
    return p;
  }

  grpc::Status Create(const std::string& principal, const pb::SchoolProfile& profile,
                      pb::SchoolProfile* reply, const std::string& request_id = "") {
    pb::CreateSchoolProfileRequest request;
    request.set_parent("swvs/PO2203");
    *request.mutable_profile() = profile;
    request.set_request_id(request_id);
    return support_->CreateSchoolProfile(As(principal).get(), request, reply);
  }
};

TEST_P(ProfileServerTest, AProfileIsRecordedOncePerSchoolYearAndUpdated) {
  pb::SchoolProfile created;
  ASSERT_TRUE(Create("school:12AB00", Profile("12AB00", 3, {"dyslexie"}), &created, "sop-1").ok());
  EXPECT_EQ(created.next_update_due(), "2027-10-31");
  EXPECT_FALSE(created.update_overdue());
  EXPECT_EQ(created.adoption_due(), "2027-06-01");
  pb::SchoolProfile again;
  ASSERT_TRUE(Create("school:12AB00", Profile("12AB00", 3, {"dyslexie"}), &again, "sop-1").ok());
  EXPECT_EQ(again.name(), created.name());  // idempotent
  grpc::Status second = Create("school:12AB00", Profile("12AB00", 2, {}), &again);
  EXPECT_EQ(second.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(second)), "SCHOOL_PROFILE_EXISTS");
  grpc::Status invalid = Create("school:12AB00", Profile("12AB00", 7, {}), &again);
  EXPECT_EQ(invalid.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(invalid)), "SUPPORT_LEVEL_OUT_OF_RANGE");

  pb::UpdateSchoolProfileRequest update;
  update.set_name(created.name());
  *update.mutable_profile() = Profile("", 4, {"dyslexie", "hoogbegaafdheid"}, "2026-11-01");
  update.mutable_profile()->set_school_year("");
  update.set_expected_version(1);
  pb::SchoolProfile updated;
  grpc::Status status = support_->UpdateSchoolProfile(Context().get(), update, &updated);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(updated.support_level(), 4);
  EXPECT_THAT(updated.offers(), ElementsAre("dyslexie", "hoogbegaafdheid"));
  EXPECT_EQ(updated.version(), 2);
  EXPECT_EQ(support_->UpdateSchoolProfile(Context().get(), update, &updated).error_code(),
            grpc::StatusCode::ABORTED);

  pb::ListSupportHistoryRequest history_request;
  history_request.set_name(created.name());
  pb::ListThuiszitterHistoryResponse history;
  ASSERT_TRUE(support_->ListSchoolProfileHistory(Context().get(), history_request, &history).ok());
  ASSERT_EQ(history.changes_size(), 2);
  EXPECT_EQ(history.changes(1).action(), "updated");
  EXPECT_THAT(history.changes(1).snapshot_json(), ::testing::HasSubstr("\"supportLevel\":4"));
}

TEST_P(ProfileServerTest, OverdueUpdatesAndAdoptionsAreFlagged) {
  pb::SchoolProfile p = Profile("12AB00", 3, {}, "2025-10-01");
  p.set_adopted_by_mr_on("2022-11-01");
  pb::SchoolProfile created;
  ASSERT_TRUE(Create("office:PO2203", p, &created).ok());
  EXPECT_EQ(created.next_update_due(), "2026-10-31");
  EXPECT_TRUE(created.update_overdue());  // today is 2026-11-16
  EXPECT_EQ(created.adoption_due(), "2026-11-01");
  EXPECT_TRUE(created.adoption_overdue());
}

TEST_P(ProfileServerTest, EveryMemberReadsEveryProfileButWritesOnlyItsOwn) {
  pb::SchoolProfile created;
  ASSERT_TRUE(Create("school:12AB00", Profile("12AB00", 3, {}), &created).ok());
  // Another school's profile may not be written by this school.
  pb::SchoolProfile other;
  EXPECT_EQ(Create("school:12AB00", Profile("13AB00", 3, {}), &other).error_code(),
            grpc::StatusCode::NOT_FOUND);
  ASSERT_TRUE(Create("school:13AB00", Profile("13AB00", 2, {}), &other).ok());

  pb::GetSchoolProfileRequest get;
  get.set_name(other.name());
  pb::SchoolProfile got;
  EXPECT_TRUE(support_->GetSchoolProfile(As("school:12AB00").get(), get, &got).ok());
  EXPECT_TRUE(
      support_->GetSchoolProfile(ContextAs(PrincipalKind::kBoard, {"B9"}).get(), get, &got).ok());
  EXPECT_EQ(
      support_->GetSchoolProfile(ContextAs(PrincipalKind::kPartner, {"GM0606"}).get(), get, &got)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(
      support_->GetSchoolProfile(ContextAs(PrincipalKind::kOffice, {}, "PO2801").get(), get, &got)
          .error_code(),
      grpc::StatusCode::NOT_FOUND);

  pb::ListSchoolProfilesRequest list;
  list.set_parent("swvs/PO2203");
  pb::ListSchoolProfilesResponse page;
  ASSERT_TRUE(support_->ListSchoolProfiles(As("school:12AB00").get(), list, &page).ok());
  EXPECT_EQ(page.profiles_size(), 2);
  list.set_school("13AB00");
  ASSERT_TRUE(support_->ListSchoolProfiles(As("school:12AB00").get(), list, &page).ok());
  ASSERT_EQ(page.profiles_size(), 1);
  list.set_school("");
  list.set_school_year("2025-2026");
  ASSERT_TRUE(support_->ListSchoolProfiles(As("school:12AB00").get(), list, &page).ok());
  EXPECT_EQ(page.profiles_size(), 0);

  pb::UpdateSchoolProfileRequest update;
  update.set_name(other.name());
  *update.mutable_profile() = Profile("13AB00", 4, {});
  EXPECT_EQ(support_->UpdateSchoolProfile(As("school:12AB00").get(), update, &got).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_P(ProfileServerTest, TheWijkOverviewAndTheStatisticsCountEverySchool) {
  SeedDirectory();  // regular 12AB00 (W1) and 13AB00 (W2), SBO 34CD00 (W1), SO 78GH00, 56EF00
  pb::SchoolProfile p;
  ASSERT_TRUE(Create("office:PO2203", Profile("12AB00", 4, {"gedrag", "dyslexie"}), &p).ok());
  ASSERT_TRUE(Create("office:PO2203", Profile("34CD00", 3, {"gedrag"}, "2025-10-01"), &p).ok());
  pb::SchoolProfile last_year = Profile("13AB00", 3, {}, "2025-10-01");
  last_year.set_school_year("2025-2026");
  ASSERT_TRUE(Create("office:PO2203", last_year, &p).ok());

  pb::GetWijkSupportOverviewRequest request;
  request.set_parent("swvs/PO2203");
  pb::WijkSupportOverview overview;
  ASSERT_TRUE(support_->GetWijkSupportOverview(As("school:13AB00").get(), request, &overview).ok());
  EXPECT_EQ(overview.school_year(), "2026-2027");
  ASSERT_EQ(overview.wijken_size(), 3);  // "", W1, W2
  const pb::WijkSupport& w1 = overview.wijken(1);
  EXPECT_EQ(w1.wijk(), "W1");
  EXPECT_EQ(w1.display_name(), "Wijk W1");
  ASSERT_EQ(w1.offers_size(), 2);
  EXPECT_EQ(w1.offers(1).offer(), "gedrag");
  EXPECT_THAT(w1.offers(1).schools(), ElementsAre("12AB00", "34CD00"));
  EXPECT_EQ(w1.offers(1).highest_level(), 4);
  EXPECT_TRUE(w1.schools(1).update_overdue());
  EXPECT_EQ(overview.wijken(2).schools_without_profile(), 1);  // 13AB00 has only 2025-2026's

  pb::SupportStatistics stats =
      Statistics("2026-01-01", "2026-12-31", pb::SUPPORT_GROUPING_UNSPECIFIED);
  ASSERT_EQ(stats.groups_size(), 1);
  const pb::SupportCounts& g = stats.groups(0);
  EXPECT_EQ(g.schools_counted(), 3);  // the regular and SBO schools inside the region
  EXPECT_EQ(g.schools_with_profile(), 3);
  EXPECT_EQ(g.schools_at_support_level_3_or_higher(), 3);
  EXPECT_EQ(g.schools_at_support_level_4(), 1);
  EXPECT_EQ(g.profiles_update_overdue(), 2);  // 34CD00 and 13AB00's 2025-2026 profile
  // On 31 July 2026 the 2026-2027 profiles are not yet in force.
  stats = Statistics("2026-01-01", "2026-07-31", pb::SUPPORT_GROUPING_SCHOOL);
  int with_profile = 0;
  for (const pb::SupportCounts& group : stats.groups())
    with_profile += group.schools_with_profile();
  EXPECT_EQ(with_profile, 1);
}

INSTANTIATE_TEST_SUITE_P(Databases, ProfileServerTest,
                         ::testing::Values(storage::Dialect::kSqlite, storage::Dialect::kMysql),
                         [](const auto& test_param) {
                           return swv::testing::DialectName(test_param.param);
                         });

}  // namespace
}  // namespace swv::registrations
