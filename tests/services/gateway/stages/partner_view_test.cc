// The partner view stage alone: the allowlist per message, recursion into nested messages, and
// the record names that become access-log rows.
#include "services/gateway/stages/partner_view.h"

#include "gtest/gtest.h"
#include "swv/v1/escalations.pb.h"
#include "swv/v1/registrations.pb.h"

namespace swv::gateway {
namespace {

namespace pb = ::swv::v1;

pb::ThuiszitterCase FullCase(const std::string& id) {
  pb::ThuiszitterCase c;
  c.set_name("swvs/PO2203/thuiszitters/" + id);
  c.set_school("12AB00");
  c.set_residence_municipality("GM0606");
  c.set_lvs_pupil_number("LVS-4711");
  c.set_pupil_id("p-1");
  c.set_cause(pb::THUISZITTER_CAUSE_WAITING_FOR_CARE);
  c.set_close_reason("moved");
  c.set_created_by("school:12AB00");
  c.mutable_plan()->set_description("private");
  c.mutable_plan()->set_agreed_on("2026-11-01");
  c.set_four_week_mark("2026-10-29");
  c.set_report_deadline("2026-10-31");
  c.set_reported_late(true);
  return c;
}

TEST(PartnerViewStageTest, OnlyTheAllowlistedFieldsRemainAtEveryDepth) {
  pb::ThuiszitterCase c = FullCase("tz-1");
  ProjectMinimalView(&c);
  EXPECT_EQ(c.name(), "swvs/PO2203/thuiszitters/tz-1");
  EXPECT_EQ(c.school(), "12AB00");
  EXPECT_EQ(c.residence_municipality(), "GM0606");
  EXPECT_TRUE(c.lvs_pupil_number().empty());
  EXPECT_TRUE(c.pupil_id().empty());
  EXPECT_EQ(c.cause(), pb::THUISZITTER_CAUSE_UNSPECIFIED);
  EXPECT_TRUE(c.close_reason().empty());
  EXPECT_TRUE(c.created_by().empty());
  EXPECT_TRUE(c.plan().description().empty());
  EXPECT_EQ(c.plan().agreed_on(), "2026-11-01");
  EXPECT_EQ(c.four_week_mark(), "2026-10-29");
  EXPECT_TRUE(c.report_deadline().empty());
  EXPECT_FALSE(c.reported_late());
}

// Leerplicht sees how far an escalation went and what binds whom, not the free text about the
// child.
TEST(PartnerViewStageTest, AnEscalationKeepsItsStepsAndDecisionButNotTheReason) {
  pb::Escalation e;
  e.set_name("swvs/PO2203/escalations/es-1");
  e.set_thuiszitter("swvs/PO2203/thuiszitters/tz-1");
  e.set_residence_municipality("GM0606");
  e.set_lvs_pupil_number("LVS-4711");
  e.set_pupil_id("p-1");
  e.set_reason("private");
  e.set_close_reason("private too");
  e.set_created_by("office:PO2203");
  e.set_current_level(pb::ESCALATION_LEVEL_DOORZETTINGSMACHT);
  e.set_overdue(true);
  e.add_steps()->set_holder("commissie doorzettingsmacht");
  e.mutable_binding_decision()->set_obliged_party("Stichting Primo");
  ProjectMinimalView(&e);
  EXPECT_EQ(e.thuiszitter(), "swvs/PO2203/thuiszitters/tz-1");
  EXPECT_EQ(e.residence_municipality(), "GM0606");
  EXPECT_EQ(e.current_level(), pb::ESCALATION_LEVEL_DOORZETTINGSMACHT);
  EXPECT_TRUE(e.overdue());
  EXPECT_EQ(e.steps(0).holder(), "commissie doorzettingsmacht");
  EXPECT_EQ(e.binding_decision().obliged_party(), "Stichting Primo");
  EXPECT_TRUE(e.lvs_pupil_number().empty());
  EXPECT_TRUE(e.pupil_id().empty());
  EXPECT_TRUE(e.reason().empty());
  EXPECT_TRUE(e.close_reason().empty());
  EXPECT_TRUE(e.created_by().empty());
}

TEST(PartnerViewStageTest, AppliedToAPartnersReplyItNamesEveryRecordForTheAudit) {
  pb::ListThuiszittersResponse list;
  *list.add_thuiszitters() = FullCase("tz-1");
  *list.add_thuiszitters() = FullCase("tz-2");
  HttpRequest http;
  Route route;
  route.http_method = "GET";
  Credential credential;
  credential.spec.kind = PrincipalKind::kPartner;
  RequestContext context(http, route, {}, credential);
  ApplyPartnerView(context, &list);  // not marked: untouched
  EXPECT_EQ(list.thuiszitters(0).lvs_pupil_number(), "LVS-4711");
  EXPECT_TRUE(context.audit_records.empty());
  context.partner_view = true;
  ApplyPartnerView(context, &list);
  EXPECT_TRUE(list.thuiszitters(1).lvs_pupil_number().empty());
  EXPECT_EQ(context.audit_records, (std::vector<std::string>{"swvs/PO2203/thuiszitters/tz-1",
                                                             "swvs/PO2203/thuiszitters/tz-2"}));
}

}  // namespace
}  // namespace swv::gateway
