// Escalations over gRPC on SQLite and MariaDB: opening for a case or a child without a place, the
// steps up to doorzettingsmacht, the overdue flags by the clock, who may see and do what, the
// history and the register statistics.
#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "services/kernel/errors.h"
#include "swv/v1/escalations.grpc.pb.h"
#include "tests/services/registrations/registrations_server_fixture.h"

namespace swv::registrations {
namespace {

namespace pb = ::swv::v1;
using ::testing::ElementsAre;

class EscalationServerTest : public RegistrationsServerTest {
 protected:
  void SetUp() override {
    RegistrationsServerTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    escalations_ = pb::Escalations::NewStub(channel_);
  }

  static std::unique_ptr<grpc::ClientContext> Office() {
    return ContextAs(PrincipalKind::kOffice, {});
  }

  std::string ReportCase() {
    pb::ThuiszitterCase reply;
    grpc::Status status = stub_->ReportThuiszitter(Context().get(), ValidReport(), &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return reply.name();
  }

  // An escalation opened 2026-11-02 at the SWV level, deadline 2026-11-20.
  static pb::OpenEscalationRequest OpenRequest(const std::string& thuiszitter) {
    pb::OpenEscalationRequest request;
    request.set_parent("swvs/PO2203");
    request.set_request_id("open-1");
    pb::Escalation* e = request.mutable_escalation();
    e->set_thuiszitter(thuiszitter);
    if (thuiszitter.empty()) e->set_residence_municipality("GM0622");
    e->set_reason("No school offers a place with the care this child needs.");
    e->set_opened_on("2026-11-02");
    pb::EscalationStep* step = e->add_steps();
    step->set_level(pb::ESCALATION_LEVEL_SWV);
    step->set_holder("consulent SWV");
    step->set_started_on("2026-11-02");
    step->set_deadline("2026-11-20");
    return request;
  }

  pb::Escalation Open(const pb::OpenEscalationRequest& request) {
    pb::Escalation reply;
    grpc::Status status = escalations_->OpenEscalation(Office().get(), request, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return reply;
  }

  grpc::Status AddStep(const std::string& name, pb::EscalationLevel level,
                       const std::string& started, const std::string& deadline,
                       pb::Escalation* reply) {
    pb::AddEscalationStepRequest request;
    request.set_name(name);
    request.mutable_step()->set_level(level);
    request.mutable_step()->set_holder("directeur-bestuurder SWV");
    request.mutable_step()->set_started_on(started);
    request.mutable_step()->set_deadline(deadline);
    return escalations_->AddEscalationStep(Office().get(), request, reply);
  }

  pb::EscalationCounts Counts(const std::string& from, const std::string& to) {
    pb::GetRegisterStatisticsRequest request;
    request.set_parent("swvs/PO2203");
    request.set_from(from);
    request.set_to(to);
    pb::RegisterStatistics reply;
    grpc::Status status = stub_->GetRegisterStatistics(Office().get(), request, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return reply.groups_size() == 1 ? reply.groups(0).escalations() : pb::EscalationCounts();
  }

  std::unique_ptr<pb::Escalations::Stub> escalations_;
};

TEST_P(EscalationServerTest, AnEscalatedCaseNamesItsChildAndClimbsToABindingDecision) {
  const std::string case_name = ReportCase();
  pb::Escalation opened = Open(OpenRequest(case_name));
  EXPECT_EQ(opened.thuiszitter(), case_name);
  EXPECT_EQ(opened.school(), "12AB00");
  EXPECT_EQ(opened.residence_municipality(), "GM0606");
  EXPECT_EQ(opened.current_level(), pb::ESCALATION_LEVEL_SWV);
  EXPECT_EQ(opened.status(), pb::CASE_STATUS_OPEN);
  EXPECT_FALSE(opened.overdue());
  // The same request id returns the first record.
  EXPECT_EQ(Open(OpenRequest(case_name)).name(), opened.name());

  pb::Escalation reply;
  ASSERT_TRUE(AddStep(opened.name(), pb::ESCALATION_LEVEL_DOORZETTINGSMACHT, "2026-11-10",
                      "2026-11-24", &reply)
                  .ok());
  ASSERT_EQ(reply.steps_size(), 2);
  EXPECT_EQ(reply.steps(0).ended_on(), "2026-11-10");
  EXPECT_EQ(reply.current_level(), pb::ESCALATION_LEVEL_DOORZETTINGSMACHT);

  pb::DecideEscalationBindingRequest decide;
  decide.set_name(opened.name());
  decide.set_expected_version(reply.version());
  pb::EscalationBindingDecision* b = decide.mutable_binding_decision();
  b->set_designated_party("commissie doorzettingsmacht");
  b->set_obliged_party("Stichting Primo");
  b->set_obliged_school("13AB00");
  b->set_decision("13AB00 offers a place with a classroom assistant.");
  b->set_decided_on("2026-11-16");
  b->set_place_by("2026-12-01");
  ASSERT_TRUE(escalations_->DecideEscalationBinding(Office().get(), decide, &reply).ok());
  EXPECT_EQ(reply.binding_decision().obliged_school(), "13AB00");
  EXPECT_EQ(reply.steps(1).ended_on(), "2026-11-16");

  pb::ListRecordHistoryRequest history;
  history.set_name(opened.name());
  pb::ListThuiszitterHistoryResponse changes;
  ASSERT_TRUE(escalations_->ListEscalationHistory(Office().get(), history, &changes).ok());
  std::vector<std::string> actions;
  for (const auto& c : changes.changes()) actions.push_back(c.action());
  EXPECT_THAT(actions, ElementsAre("opened", "escalated", "binding_decided"));
}

TEST_P(EscalationServerTest, TheCaseMustBeOneOfThisSwvAndNamesTheChildAlone) {
  const std::string case_name = ReportCase();
  struct Case {
    std::string thuiszitter;
    std::string school;
    const char* reason;
    const char* field;
  };
  for (const Case& c :
       {Case{"swvs/PO2204/thuiszitters/tz-1", "", "OTHER_SWV", "escalation.thuiszitter"},
        Case{"swvs/PO2203/thuiszitters/tz-unknown", "", "CASE_NOT_FOUND", "escalation.thuiszitter"},
        Case{"thuiszitters/tz-1", "", "MALFORMED_NAME", "escalation.thuiszitter"},
        Case{case_name, "12AB00", "SET_BY_CASE", "escalation.school"}}) {
    pb::OpenEscalationRequest request = OpenRequest(c.thuiszitter);
    request.mutable_escalation()->set_school(c.school);
    pb::Escalation reply;
    const absl::Status status =
        FromGrpcStatus(escalations_->OpenEscalation(Office().get(), request, &reply));
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
    EXPECT_EQ(ReasonOf(status), c.reason) << status;
    ASSERT_FALSE(FieldViolationsOf(status).empty()) << status;
    EXPECT_EQ(FieldViolationsOf(status)[0].field, c.field);
  }
  pb::CloseThuiszitterRequest close;
  close.set_name(case_name);
  close.set_closed_on("2026-11-12");
  close.set_reason("back at school");
  pb::ThuiszitterCase closed;
  ASSERT_TRUE(stub_->CloseThuiszitter(Office().get(), close, &closed).ok());
  pb::Escalation refused;
  const absl::Status of_closed = FromGrpcStatus(
      escalations_->OpenEscalation(Office().get(), OpenRequest(case_name), &refused));
  EXPECT_EQ(of_closed.code(), absl::StatusCode::kFailedPrecondition) << of_closed;
  EXPECT_EQ(ReasonOf(of_closed), "CASE_ALREADY_CLOSED");

  pb::OpenEscalationRequest two_steps = OpenRequest("");
  *two_steps.mutable_escalation()->add_steps() = two_steps.escalation().steps(0);
  pb::Escalation reply;
  EXPECT_EQ(
      ReasonOf(FromGrpcStatus(escalations_->OpenEscalation(Office().get(), two_steps, &reply))),
      "ONE_FIRST_STEP");
}

TEST_P(EscalationServerTest, OverdueFollowsTheClock) {
  pb::Escalation opened = Open(OpenRequest(""));  // deadline 2026-11-20
  pb::GetEscalationRequest get;
  get.set_name(opened.name());
  pb::Escalation reply;
  clock_.Set(absl::FromCivil(absl::CivilSecond(2026, 11, 20, 12, 0, 0), DutchTimeZone()));
  ASSERT_TRUE(escalations_->GetEscalation(Office().get(), get, &reply).ok());
  EXPECT_FALSE(reply.overdue());
  clock_.Set(absl::FromCivil(absl::CivilSecond(2026, 11, 21, 12, 0, 0), DutchTimeZone()));
  ASSERT_TRUE(escalations_->GetEscalation(Office().get(), get, &reply).ok());
  EXPECT_TRUE(reply.overdue());
  EXPECT_TRUE(reply.steps(0).overdue());
  EXPECT_EQ(Counts("2026-11-01", "2026-11-21").overdue_at_end(), 1);
  EXPECT_EQ(Counts("2026-11-01", "2026-11-20").overdue_at_end(), 0);
}

TEST_P(EscalationServerTest, OnlyTheOfficeEscalatesSchoolsAndLeerplichtReadTheirOwn) {
  const std::string case_name = ReportCase();  // 12AB00, GM0606
  pb::Escalation opened = Open(OpenRequest(case_name));
  pb::OpenEscalationRequest request = OpenRequest("");
  request.set_request_id("by-school");
  pb::Escalation reply;
  EXPECT_EQ(
      escalations_
          ->OpenEscalation(ContextAs(PrincipalKind::kSchool, {"12AB00"}).get(), request, &reply)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(AddStep(opened.name(), pb::ESCALATION_LEVEL_SWV, "2026-11-10", "2026-11-30", &reply)
                .error_code(),
            grpc::StatusCode::OK);
  pb::AddEscalationStepRequest step;
  step.set_name(opened.name());
  EXPECT_EQ(
      escalations_
          ->AddEscalationStep(ContextAs(PrincipalKind::kSchool, {"12AB00"}).get(), step, &reply)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);

  pb::GetEscalationRequest get;
  get.set_name(opened.name());
  EXPECT_TRUE(
      escalations_->GetEscalation(ContextAs(PrincipalKind::kSchool, {"12AB00"}).get(), get, &reply)
          .ok());
  EXPECT_EQ(
      escalations_->GetEscalation(ContextAs(PrincipalKind::kSchool, {"13AB00"}).get(), get, &reply)
          .error_code(),
      grpc::StatusCode::NOT_FOUND);
  auto partner = [](const char* municipality) {
    return ContextAs(PrincipalKind::kPartner, {municipality});
  };
  EXPECT_TRUE(escalations_->GetEscalation(partner("GM0606").get(), get, &reply).ok());
  EXPECT_EQ(escalations_->GetEscalation(partner("GM0622").get(), get, &reply).error_code(),
            grpc::StatusCode::NOT_FOUND);

  pb::OpenEscalationRequest without_case = OpenRequest("");  // a child of GM0622, no school
  without_case.set_request_id("open-2");
  Open(without_case);
  pb::ListEscalationsRequest list;
  list.set_parent("swvs/PO2203");
  pb::ListEscalationsResponse listed;
  ASSERT_TRUE(escalations_->ListEscalations(partner("GM0622").get(), list, &listed).ok());
  ASSERT_EQ(listed.escalations_size(), 1);
  EXPECT_EQ(listed.escalations(0).residence_municipality(), "GM0622");
  ASSERT_TRUE(
      escalations_
          ->ListEscalations(ContextAs(PrincipalKind::kSchool, {"12AB00"}).get(), list, &listed)
          .ok());
  ASSERT_EQ(listed.escalations_size(), 1);
  EXPECT_EQ(listed.escalations(0).name(), opened.name());
  ASSERT_TRUE(escalations_->ListEscalations(Office().get(), list, &listed).ok());
  EXPECT_EQ(listed.escalations_size(), 2);

  pb::ListRecordHistoryRequest history;
  history.set_name(opened.name());
  pb::ListThuiszitterHistoryResponse changes;
  EXPECT_NE(
      escalations_->ListEscalationHistory(partner("GM0606").get(), history, &changes).error_code(),
      grpc::StatusCode::OK);
}

TEST_P(EscalationServerTest, TheRegisterCountsEscalationsByLevelAndDecision) {
  pb::Escalation first = Open(OpenRequest(""));
  pb::OpenEscalationRequest second_request = OpenRequest("");
  second_request.set_request_id("open-2");
  pb::Escalation second = Open(second_request);
  pb::Escalation reply;
  ASSERT_TRUE(AddStep(second.name(), pb::ESCALATION_LEVEL_DOORZETTINGSMACHT, "2026-11-05",
                      "2026-11-30", &reply)
                  .ok());
  pb::CloseEscalationRequest close;
  close.set_name(first.name());
  close.set_closed_on("2026-11-12");
  close.set_reason("placed at 13AB00");
  ASSERT_TRUE(escalations_->CloseEscalation(Office().get(), close, &reply).ok());
  EXPECT_EQ(reply.status(), pb::CASE_STATUS_CLOSED);

  pb::EscalationCounts counts = Counts("2026-11-01", "2026-11-16");
  EXPECT_EQ(counts.opened(), 2);
  EXPECT_EQ(counts.open_at_end(), 1);
  EXPECT_EQ(counts.open_at_end_doorzettingsmacht(), 1);
  EXPECT_EQ(counts.open_at_end_swv(), 0);
  counts = Counts("2026-11-01", "2026-11-04");
  EXPECT_EQ(counts.open_at_end(), 2);
  EXPECT_EQ(counts.open_at_end_swv(), 2);
}

INSTANTIATE_TEST_SUITE_P(Databases, EscalationServerTest,
                         ::testing::Values(storage::Dialect::kSqlite, storage::Dialect::kMysql),
                         [](const auto& test_param) {
                           return swv::testing::DialectName(test_param.param);
                         });

}  // namespace
}  // namespace swv::registrations
