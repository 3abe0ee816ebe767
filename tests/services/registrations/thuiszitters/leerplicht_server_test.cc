// Absence in full (issue 16, point 1) over gRPC on SQLite and MariaDB: leerplicht reports the
// children of its municipalities (an absolute absentee without a school, a potential thuiszitter),
// records its own actions and case reference, and records exemptions (5a/5b) with the SWV's
// advice; another municipality's children stay out of its reach; the register counts every
// category of absence, a potential case apart until the 4-week mark.
#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "services/kernel/errors.h"
#include "tests/services/registrations/registrations_server_fixture.h"

namespace swv::registrations {
namespace {

namespace pb = ::swv::v1;

class LeerplichtServerTest : public RegistrationsServerTest {
 protected:
  static std::unique_ptr<grpc::ClientContext> Leerplicht(const char* municipality = "GM0606") {
    return ContextAs(PrincipalKind::kPartner, {municipality});
  }
  static std::unique_ptr<grpc::ClientContext> School() {
    return ContextAs(PrincipalKind::kSchool, {"12AB00"});
  }

  // A child of GM0606 enrolled nowhere, absent since 2026-10-01.
  static pb::ReportThuiszitterRequest AbsoluteReport(const std::string& request_id) {
    pb::ReportThuiszitterRequest request;
    request.set_parent("swvs/PO2203");
    request.set_request_id(request_id);
    pb::ThuiszitterCase* c = request.mutable_thuiszitter();
    c->set_residence_municipality("GM0606");
    c->set_absence_kind(pb::ABSENCE_KIND_ABSOLUTE);
    c->set_absence_start("2026-10-01");
    c->set_cause(pb::THUISZITTER_CAUSE_NO_SUITABLE_SCHOOL_PLACE);
    c->set_municipality_case_ref("LP-2026-114");
    return request;
  }

  static pb::RecordLeerplichtActionRequest Action(const std::string& name) {
    pb::RecordLeerplichtActionRequest request;
    request.set_name(name);
    request.set_kind(pb::LEERPLICHT_ACTION_KIND_CONVERSATION);
    request.set_taken_on("2026-11-10");
    request.set_note("Gesprek met ouders;\nafspraak over begeleiding.");
    return request;
  }
};

TEST_P(LeerplichtServerTest, LeerplichtReportsAChildEnrolledNowhereOfItsOwnMunicipality) {
  pb::ThuiszitterCase reply;
  ASSERT_TRUE(stub_->ReportThuiszitter(Leerplicht().get(), AbsoluteReport("lp-1"), &reply).ok());
  EXPECT_TRUE(reply.school().empty());
  EXPECT_EQ(reply.category(), pb::THUISZITTER_CATEGORY_ABSOLUTE);

  // Another municipality's child, and a school without a school on the case: refused.
  pb::ReportThuiszitterRequest other = AbsoluteReport("lp-2");
  other.mutable_thuiszitter()->set_residence_municipality("GM0622");
  EXPECT_EQ(stub_->ReportThuiszitter(Leerplicht().get(), other, &reply).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(stub_->ReportThuiszitter(School().get(), AbsoluteReport("lp-3"), &reply).error_code(),
            grpc::StatusCode::OK);

  // Leerplicht reads and lists the case; the school whose pupil it is not does not.
  pb::ListThuiszittersRequest list;
  list.set_parent("swvs/PO2203");
  pb::ListThuiszittersResponse listed;
  ASSERT_TRUE(stub_->ListThuiszitters(Leerplicht().get(), list, &listed).ok());
  EXPECT_EQ(listed.thuiszitters_size(), 1);
  ASSERT_TRUE(stub_->ListThuiszitters(School().get(), list, &listed).ok());
  EXPECT_EQ(listed.thuiszitters_size(), 0);
}

TEST_P(LeerplichtServerTest, LeerplichtRecordsItsOwnActionsOnTheCasesOfItsMunicipalities) {
  pb::ThuiszitterCase reported;
  ASSERT_TRUE(stub_->ReportThuiszitter(School().get(), ValidReport("s-1"), &reported).ok());
  pb::RecordLeerplichtActionRequest action = Action(reported.name());
  action.set_municipality_case_ref("LP-7");
  pb::ThuiszitterCase reply;
  ASSERT_TRUE(stub_->RecordLeerplichtAction(Leerplicht().get(), action, &reply).ok());
  ASSERT_EQ(reply.leerplicht_actions_size(), 1);
  EXPECT_EQ(reply.leerplicht_actions(0).kind(), pb::LEERPLICHT_ACTION_KIND_CONVERSATION);
  EXPECT_EQ(reply.leerplicht_actions(0).note(), "Gesprek met ouders;\nafspraak over begeleiding.");
  EXPECT_EQ(reply.municipality_case_ref(), "LP-7");

  // Read back as stored.
  pb::GetThuiszitterRequest get;
  get.set_name(reported.name());
  ASSERT_TRUE(stub_->GetThuiszitter(School().get(), get, &reply).ok());
  ASSERT_EQ(reply.leerplicht_actions_size(), 1);
  EXPECT_EQ(reply.leerplicht_actions(0).taken_on(), "2026-11-10");

  EXPECT_EQ(stub_->RecordLeerplichtAction(Leerplicht("GM0622").get(), action, &reply).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(stub_->RecordLeerplichtAction(School().get(), action, &reply).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  action.set_taken_on("2026-09-30");  // before the absence (2026-10-01)
  const absl::Status early =
      FromGrpcStatus(stub_->RecordLeerplichtAction(Leerplicht().get(), action, &reply));
  EXPECT_EQ(ReasonOf(early), "ACTION_BEFORE_ABSENCE") << early;
  action.set_taken_on("");
  action.clear_kind();
  EXPECT_EQ(
      ReasonOf(FromGrpcStatus(stub_->RecordLeerplichtAction(Leerplicht().get(), action, &reply))),
      "REQUIRED");
}

TEST_P(LeerplichtServerTest, LeerplichtRecordsExemptionsWithTheSwvsAdvice) {
  pb::RecordExemptionRequest request;
  request.set_parent("swvs/PO2203");
  request.set_request_id("ex-1");
  pb::Exemption* e = request.mutable_exemption();
  e->set_residence_municipality("GM0606");
  e->set_start_date("2026-11-01");
  e->set_swv_involved(true);
  e->set_article(pb::EXEMPTION_ARTICLE_5A);
  e->set_swv_advice(pb::SWV_ADVICE_POSITIVE);
  e->set_swv_advice_on("2026-10-20");
  pb::Exemption reply;
  ASSERT_TRUE(stub_->RecordExemption(Leerplicht().get(), request, &reply).ok());
  EXPECT_EQ(reply.article(), pb::EXEMPTION_ARTICLE_5A);
  EXPECT_EQ(reply.swv_advice(), pb::SWV_ADVICE_POSITIVE);
  EXPECT_EQ(reply.swv_advice_on(), "2026-10-20");

  request.set_request_id("ex-2");
  e->set_residence_municipality("GM0622");
  EXPECT_EQ(stub_->RecordExemption(Leerplicht().get(), request, &reply).error_code(),
            grpc::StatusCode::NOT_FOUND);
  ASSERT_TRUE(
      stub_->RecordExemption(ContextAs(PrincipalKind::kOffice, {}).get(), request, &reply).ok());

  pb::ListExemptionsRequest list;
  list.set_parent("swvs/PO2203");
  pb::ListExemptionsResponse listed;
  ASSERT_TRUE(stub_->ListExemptions(Leerplicht().get(), list, &listed).ok());
  ASSERT_EQ(listed.exemptions_size(), 1);
  EXPECT_EQ(listed.exemptions(0).residence_municipality(), "GM0606");
}

TEST_P(LeerplichtServerTest, ThePotentialThuiszitterCountsApartUntilTheMark) {
  pb::ReportThuiszitterRequest potential = ValidReport("p-1");
  potential.mutable_thuiszitter()->set_absence_start("2026-11-02");  // mark 2026-11-30
  potential.mutable_thuiszitter()->set_reported_on("2026-11-09");
  pb::ThuiszitterCase reply;
  ASSERT_TRUE(stub_->ReportThuiszitter(School().get(), potential, &reply).ok());
  ASSERT_TRUE(stub_->ReportThuiszitter(School().get(), ValidReport("t-1"), &reply).ok());
  pb::ReportThuiszitterRequest sick = ValidReport("t-2");
  sick.mutable_thuiszitter()->set_lvs_pupil_number("LVS-SICK");
  sick.mutable_thuiszitter()->set_cause(pb::THUISZITTER_CAUSE_HEALTH_FIT_FOR_EDUCATION);
  ASSERT_TRUE(stub_->ReportThuiszitter(School().get(), sick, &reply).ok());

  pb::GetRegisterStatisticsRequest request;
  request.set_parent("swvs/PO2203");
  request.set_from("2026-11-01");
  request.set_to("2026-11-16");
  pb::RegisterStatistics stats;
  ASSERT_TRUE(
      stub_->GetRegisterStatistics(ContextAs(PrincipalKind::kOffice, {}).get(), request, &stats)
          .ok());
  ASSERT_EQ(stats.groups_size(), 1);
  const pb::RegisterCounts& g = stats.groups(0);
  EXPECT_EQ(g.thuiszitters_open_at_end().total(), 2);
  EXPECT_EQ(g.thuiszitters_open_at_end().potential(), 1);
  EXPECT_EQ(g.absence_at_end().relative_4w_3m(), 2);
  EXPECT_EQ(g.absence_at_end().potential(), 1);
  EXPECT_EQ(g.absence_at_end().sick_fit_for_education(), 1);

  clock_.Set(absl::FromCivil(absl::CivilSecond(2026, 11, 30, 9, 0, 0), DutchTimeZone()));
  request.set_to("2026-11-30");
  ASSERT_TRUE(
      stub_->GetRegisterStatistics(ContextAs(PrincipalKind::kOffice, {}).get(), request, &stats)
          .ok());
  EXPECT_EQ(stats.groups(0).thuiszitters_open_at_end().total(), 3);
  EXPECT_EQ(stats.groups(0).absence_at_end().potential(), 0);
}

INSTANTIATE_TEST_SUITE_P(Databases, LeerplichtServerTest,
                         ::testing::Values(storage::Dialect::kSqlite, storage::Dialect::kMysql),
                         [](const auto& test_param) {
                           return swv::testing::DialectName(test_param.param);
                         });

}  // namespace
}  // namespace swv::registrations
