// School support profiles and waiting entries over REST, through the real gateway core and the
// real services: a school records its own profile, every member of the SWV reads every profile
// and the wijk overview, a partner none; a waiting entry is registered and ended; the support
// statistics carry the profile and waiting counts.
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/gateway/gateway_core.h"
#include "tests/services/gateway/access_matrix_fixture.h"
#include "tests/services/gateway/gateway_test_support.h"

namespace swv::gateway {
namespace {

using testing::AccessMatrixTest;
using testing::kOtherSchool;

class SupportProfilesRestTest : public AccessMatrixTest {
 protected:
  HttpResponse Send(const std::string& method, const std::string& path, PrincipalKind kind,
                    const std::string& body = "",
                    std::vector<std::pair<std::string, std::string>> query = {}) {
    HttpRequest request;
    request.method = method;
    request.path = path;
    request.query = std::move(query);
    request.headers = {{"Authorization", "Bearer " + secrets_[kind]}};
    if (!body.empty()) {
      request.headers.push_back({"Content-Type", "application/json"});
      request.body = body;
    }
    return core_->Handle(request);
  }
};

TEST_F(SupportProfilesRestTest, ProfilesAreWrittenByTheSchoolAndReadByEveryMember) {
  SeedRecords();  // profiles of 12AB00 (level 3) and 34CD00 (level 4), both in wijk W1
  const std::string other = seeded_["school-profiles"].other;
  HttpResponse read = Send("GET", absl::StrCat("/api/v1/", other), PrincipalKind::kSchool);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(testing::JsonField(read.body, "school"), kOtherSchool);
  EXPECT_TRUE(absl::StrContains(read.body, R"("nextUpdateDue":"2027-10-31")")) << read.body;
  EXPECT_FALSE(absl::StrContains(read.body, R"("updateOverdue":true)")) << read.body;
  EXPECT_EQ(Send("GET", absl::StrCat("/api/v1/", other), PrincipalKind::kPartner).status, 403);

  HttpResponse list = Send("GET", "/api/v1/swvs/PO2203/school-profiles", PrincipalKind::kBoard);
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_TRUE(absl::StrContains(list.body, seeded_["school-profiles"].own)) << list.body;
  EXPECT_TRUE(absl::StrContains(list.body, other)) << list.body;

  // The school may not change another school's profile; its own it may, at the version read.
  const std::string update =
      R"({"profile":{"supportLevel":4,"offers":["gedrag"],"adoptedByMrOn":"2024-06-01",)"
      R"("updatedOn":"2026-11-02","published":true},"expectedVersion":1})";
  EXPECT_EQ(Send("PUT", absl::StrCat("/api/v1/", other), PrincipalKind::kSchool, update).status,
            404);
  HttpResponse updated = Send("PUT", absl::StrCat("/api/v1/", seeded_["school-profiles"].own),
                              PrincipalKind::kSchool, update);
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_TRUE(absl::StrContains(updated.body, R"("supportLevel":4)")) << updated.body;

  HttpResponse bad = Send("POST", "/api/v1/swvs/PO2203/school-profiles", PrincipalKind::kSchool,
                          R"({"school":"12AB00","schoolYear":"2027-2029","supportLevel":3,)"
                          R"("adoptedByMrOn":"2024-06-01","updatedOn":"2026-10-01"})");
  EXPECT_EQ(bad.status, 400) << bad.body;
  // Every broken rule at once, named as the client wrote the body (profile.school_year).
  EXPECT_TRUE(absl::StrContains(bad.body, R"({"name":"schoolYear")")) << bad.body;
  EXPECT_TRUE(absl::StrContains(bad.body, R"({"name":"published")")) << bad.body;

  HttpResponse overview = Send("GET", "/api/v1/swvs/PO2203/wijk-support-overview",
                               PrincipalKind::kSchool, "", {{"schoolYear", "2026-2027"}});
  ASSERT_EQ(overview.status, 200) << overview.body;
  EXPECT_TRUE(absl::StrContains(overview.body, R"("wijk":"W1")")) << overview.body;
  EXPECT_TRUE(
      absl::StrContains(overview.body, absl::StrCat(R"({"offer":"gedrag","schools":["12AB00",")",
                                                    kOtherSchool, R"("],"highestLevel":4})")))
      << overview.body;
  EXPECT_EQ(
      Send("GET", "/api/v1/swvs/PO2203/wijk-support-overview", PrincipalKind::kYouthCare).status,
      403);
}

TEST_F(SupportProfilesRestTest, AWaitingEntryIsRegisteredEndedAndCounted) {
  SeedRecords();
  HttpResponse created =
      Send("POST", "/api/v1/swvs/PO2203/waiting-entries", PrincipalKind::kSchool,
           R"({"kind":"WAITING_KIND_YOUTH_CARE","school":"12AB00","lvsPupilNumber":"LVS-W1",)"
           R"("organisation":"mevis","waitingSince":"2026-03-02"})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(testing::JsonField(created.body, "organisation"), "MEVIS");
  const std::string name = testing::JsonField(created.body, "name");
  HttpResponse ended =
      Send("POST", absl::StrCat("/api/v1/", name, "/ending"), PrincipalKind::kSchool,
           R"({"endedOn":"2026-05-11","outcome":"WAITING_OUTCOME_PLACED"})");
  ASSERT_EQ(ended.status, 200) << ended.body;
  EXPECT_TRUE(absl::StrContains(ended.body, R"("status":"WAITING_STATUS_ENDED")")) << ended.body;
  HttpResponse refused =
      Send("POST", "/api/v1/swvs/PO2203/waiting-entries", PrincipalKind::kSchool,
           R"({"kind":"WAITING_KIND_SO","school":"12AB00","lvsPupilNumber":"LVS-W2",)"
           R"("waitingSince":"2026-03-02"})");
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_TRUE(absl::StrContains(refused.body, R"({"name":"tlv")")) << refused.body;
  EXPECT_TRUE(absl::StrContains(refused.body, R"({"name":"receivingSchool")")) << refused.body;

  HttpResponse stats = Send("GET", "/api/v1/swvs/PO2203/support-statistics", PrincipalKind::kOffice,
                            "", {{"from", "2026-01-01"}, {"to", "2026-06-30"}});
  ASSERT_EQ(stats.status, 200) << stats.body;
  EXPECT_TRUE(absl::StrContains(stats.body, R"("pupilsWaitingForYouthCare":1)")) << stats.body;
  // The 2026-2027 profiles are not yet in force on 30 June 2026; the directory's three schools
  // (two regular, one SBO) are counted.
  EXPECT_TRUE(absl::StrContains(stats.body, R"("schoolsCounted":3)")) << stats.body;
}

}  // namespace
}  // namespace swv::gateway
