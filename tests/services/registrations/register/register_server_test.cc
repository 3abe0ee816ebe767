// End to end over gRPC, on SQLite and MariaDB: the thuiszitter plan and flags, exemptions,
// monitorkinderen, the register statistics and the Inspectie export. The statistics and the export
// are checked against a seeded data set whose expected numbers are worked out by hand below.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "services/kernel/errors.h"
#include "swv/v1/directory.grpc.pb.h"
#include "tests/services/registrations/registrations_server_fixture.h"
#include "tests/testing/test_identity.h"

namespace swv::registrations {
namespace {

namespace pb = ::swv::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

std::vector<std::string> FieldsOf(const grpc::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(FromGrpcStatus(status))) {
    fields.push_back(v.field);
  }
  return fields;
}

class RegisterServerTest : public RegistrationsServerTest {
 protected:
  // Reports a case (today is 2026-11-16) and returns its name.
  std::string Report(const std::string& school, const std::string& pupil,
                     const std::string& municipality, pb::AbsenceKind kind,
                     const std::string& absence_start, const std::string& reported_on,
                     pb::ThuiszitterCause cause) {
    pb::ReportThuiszitterRequest request;
    request.set_parent("swvs/PO2203");
    pb::ThuiszitterCase* c = request.mutable_thuiszitter();
    c->set_school(school);
    c->set_lvs_pupil_number(pupil);
    c->set_residence_municipality(municipality);
    c->set_absence_kind(kind);
    c->set_absence_start(absence_start);
    c->set_reported_on(reported_on);
    c->set_cause(cause);
    pb::ThuiszitterCase reply;
    grpc::Status status = stub_->ReportThuiszitter(Context().get(), request, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return reply.name();
  }

  grpc::Status SetPlan(const std::string& name, const std::string& agreed_on,
                       pb::ThuiszitterCase* reply) {
    pb::SetThuiszitterPlanRequest request;
    request.set_name(name);
    pb::ThuiszitterPlan* plan = request.mutable_plan();
    plan->set_description("Two mornings a week at school, building up");
    plan->set_agreed_on(agreed_on);
    plan->set_responsible_name("J. de Vries");
    plan->set_responsible_role("intern begeleider");
    plan->set_responsible_organisation("OBS De Linde");
    plan->set_parents_involved(true);
    plan->set_expected_resumption("2027-01-05");
    return stub_->SetThuiszitterPlan(Context("office:PO2203").get(), request, reply);
  }

  void Close(const std::string& name, const std::string& closed_on) {
    pb::CloseThuiszitterRequest request;
    request.set_name(name);
    request.set_closed_on(closed_on);
    request.set_reason("school resumed");
    pb::ThuiszitterCase reply;
    grpc::Status status = stub_->CloseThuiszitter(Context("office:PO2203").get(), request, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }

  void Exemption(const std::string& municipality, const std::string& school,
                 const std::string& start, const std::string& end, bool involved) {
    pb::RecordExemptionRequest request;
    request.set_parent("swvs/PO2203");
    pb::Exemption* e = request.mutable_exemption();
    e->set_residence_municipality(municipality);
    e->set_school(school);
    e->set_start_date(start);
    e->set_end_date(end);
    e->set_swv_involved(involved);
    pb::Exemption reply;
    grpc::Status status = stub_->RecordExemption(Context("office:PO2203").get(), request, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }

  std::string Monitorkind(const std::string& school, const std::string& pupil,
                          const std::string& municipality, pb::MonitorkindReason reason,
                          const std::string& since, const std::string& registered_on) {
    pb::RegisterMonitorkindRequest request;
    request.set_parent("swvs/PO2203");
    pb::Monitorkind* m = request.mutable_monitorkind();
    m->set_school(school);
    m->set_lvs_pupil_number(pupil);
    m->set_residence_municipality(municipality);
    m->set_reason(reason);
    m->set_at_home_since(since);
    m->set_registered_on(registered_on);
    pb::Monitorkind reply;
    grpc::Status status =
        stub_->RegisterMonitorkind(Context("office:PO2203").get(), request, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return reply.name();
  }

  // The data set of the statistics and export tests (today 2026-11-16):
  //   A 12AB00 GM0606 relative  absence 2026-06-01 reported 2026-07-01 no suitable place,
  //     plan agreed 2026-07-10, closed 2026-08-20
  //   B 12AB00 GM0622 absolute  absence 2026-08-01 reported 2026-09-01 waiting for care, open
  //   C 34CD00 GM0606 relative  absence 2026-09-01 reported 2026-10-05 school refusal, open,
  //     plan agreed 2026-10-10
  //   D 34CD00 GM0556 relative  absence 2026-03-01 reported 2026-04-01 no suitable place,
  //     closed 2026-06-15
  //   E 12AB00 GM0606 relative  absence 2026-09-10 reported 2026-10-20 other, closed 2026-11-10
  //   exemptions X1 GM0606 12AB00 2026-08-01..2027-07-31 involved; X2 GM0622 2026-09-15.. not
  //     involved; X3 GM0606 2026-02-01..2026-06-30 involved
  //   monitorkinderen M1 12AB00 GM0606 long-term sick registered 2026-09-01 open;
  //     M2 34CD00 GM0622 waiting for a place registered 2026-10-02, closed 2026-11-01
  void Seed() {
    const std::string a =
        Report("12AB00", "LVS-A", "GM0606", pb::ABSENCE_KIND_RELATIVE, "2026-06-01", "2026-07-01",
               pb::THUISZITTER_CAUSE_NO_SUITABLE_SCHOOL_PLACE);
    pb::ThuiszitterCase reply;
    ASSERT_TRUE(SetPlan(a, "2026-07-10", &reply).ok());
    Close(a, "2026-08-20");
    Report("12AB00", "LVS-B", "GM0622", pb::ABSENCE_KIND_ABSOLUTE, "2026-08-01", "2026-09-01",
           pb::THUISZITTER_CAUSE_WAITING_FOR_CARE);
    const std::string c = Report("34CD00", "LVS-C", "GM0606", pb::ABSENCE_KIND_RELATIVE,
                                 "2026-09-01", "2026-10-05", pb::THUISZITTER_CAUSE_SCHOOL_REFUSAL);
    ASSERT_TRUE(SetPlan(c, "2026-10-10", &reply).ok());
    const std::string d =
        Report("34CD00", "LVS-D", "GM0556", pb::ABSENCE_KIND_RELATIVE, "2026-03-01", "2026-04-01",
               pb::THUISZITTER_CAUSE_NO_SUITABLE_SCHOOL_PLACE);
    Close(d, "2026-06-15");
    const std::string e = Report("12AB00", "LVS-E", "GM0606", pb::ABSENCE_KIND_RELATIVE,
                                 "2026-09-10", "2026-10-20", pb::THUISZITTER_CAUSE_OTHER);
    Close(e, "2026-11-10");
    Exemption("GM0606", "12AB00", "2026-08-01", "2027-07-31", true);
    Exemption("GM0622", "", "2026-09-15", "", false);
    Exemption("GM0606", "", "2026-02-01", "2026-06-30", true);
    Monitorkind("12AB00", "LVS-M1", "GM0606", pb::MONITORKIND_REASON_LONG_TERM_SICK, "2026-08-15",
                "2026-09-01");
    const std::string m2 =
        Monitorkind("34CD00", "LVS-M2", "GM0622", pb::MONITORKIND_REASON_WAITING_FOR_PLACE,
                    "2026-10-01", "2026-10-02");
    pb::CloseMonitorkindRequest close;
    close.set_name(m2);
    close.set_closed_on("2026-11-01");
    close.set_reason("placed at 56EF00");
    pb::Monitorkind closed;
    ASSERT_TRUE(stub_->CloseMonitorkind(Context("office:PO2203").get(), close, &closed).ok());
  }

  pb::RegisterStatistics Statistics(const std::string& from, const std::string& to,
                                    pb::RegisterGrouping group_by) {
    pb::GetRegisterStatisticsRequest request;
    request.set_parent("swvs/PO2203");
    request.set_from(from);
    request.set_to(to);
    request.set_group_by(group_by);
    pb::RegisterStatistics reply;
    grpc::Status status = stub_->GetRegisterStatistics(Context().get(), request, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return reply;
  }
};

// Counts per cause in enum order: no suitable place, waiting for care, behaviour, school refusal,
// health, conflict, home situation, other.
std::vector<int> Causes(const pb::ThuiszitterCounts& counts) {
  std::vector<int> out;
  for (const pb::CauseCount& c : counts.by_cause()) out.push_back(c.count());
  return out;
}

std::vector<int> Reasons(const pb::RegisterCounts& counts) {
  std::vector<int> out;
  for (const pb::MonitorkindReasonCount& r : counts.monitorkinderen_by_reason()) {
    out.push_back(r.count());
  }
  return out;
}

TEST_P(RegisterServerTest, PlanIsVersionedAndFlagsFollowTheClock) {
  const std::string name = Report("12AB00", "LVS-1", "GM0606", pb::ABSENCE_KIND_RELATIVE,
                                  "2026-09-01", "2026-10-05", pb::THUISZITTER_CAUSE_SCHOOL_REFUSAL);
  pb::GetThuiszitterRequest get;
  get.set_name(name);
  pb::ThuiszitterCase got;
  ASSERT_TRUE(stub_->GetThuiszitter(Context().get(), get, &got).ok());
  EXPECT_FALSE(got.has_plan());
  // Reported 5 Oct: one month passed on 5 Nov, so flagged on 16 Nov; three months not yet.
  EXPECT_TRUE(got.past_one_month());
  EXPECT_FALSE(got.past_three_months());

  pb::ThuiszitterCase planned;
  ASSERT_TRUE(SetPlan(name, "2026-10-10", &planned).ok());
  EXPECT_EQ(planned.plan().plan_version(), 1);
  EXPECT_EQ(planned.plan().responsible_name(), "J. de Vries");
  EXPECT_TRUE(planned.plan().parents_involved());
  EXPECT_EQ(planned.plan().expected_resumption(), "2027-01-05");
  ASSERT_TRUE(SetPlan(name, "2026-11-01", &planned).ok());
  EXPECT_EQ(planned.plan().plan_version(), 2);
  EXPECT_EQ(planned.version(), 3);

  // A plan before the absence began: the field and the rule are named.
  pb::ThuiszitterCase rejected;
  grpc::Status status = SetPlan(name, "2026-08-01", &rejected);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(FieldsOf(status), ElementsAre("plan.agreed_on"));
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "PLAN_BEFORE_ABSENCE");

  pb::ListThuiszitterHistoryRequest history_request;
  history_request.set_name(name);
  pb::ListThuiszitterHistoryResponse history;
  ASSERT_TRUE(stub_->ListThuiszitterHistory(Context().get(), history_request, &history).ok());
  ASSERT_EQ(history.changes_size(), 3);
  EXPECT_EQ(history.changes(1).action(), "plan_set");
  EXPECT_EQ(history.changes(1).actor(), "office:PO2203");
  EXPECT_THAT(history.changes(1).snapshot_json(), HasSubstr("\"agreedOn\":\"2026-10-10\""));
  EXPECT_THAT(history.changes(2).snapshot_json(), HasSubstr("\"planVersion\":2"));

  clock_.Set(absl::FromCivil(absl::CivilSecond(2027, 1, 6, 10, 0, 0), DutchTimeZone()));
  ASSERT_TRUE(stub_->GetThuiszitter(Context().get(), get, &got).ok());
  EXPECT_TRUE(got.past_three_months());  // 5 Oct + 3 months = 5 Jan
}

TEST_P(RegisterServerTest, ExemptionsAndMonitorkinderenAreTheirOwnKinds) {
  pb::RecordExemptionRequest exemption;
  exemption.set_parent("swvs/PO2203");
  exemption.set_request_id("vr-1");
  exemption.mutable_exemption()->set_residence_municipality("GM0606");
  exemption.mutable_exemption()->set_start_date("2026-08-01");
  pb::Exemption recorded;
  grpc::Status status = stub_->RecordExemption(Context().get(), exemption, &recorded);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(FieldsOf(status), ElementsAre("exemption.swv_involved"));
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "REQUIRED");

  exemption.mutable_exemption()->set_swv_involved(false);
  ASSERT_TRUE(stub_->RecordExemption(Context().get(), exemption, &recorded).ok());
  EXPECT_THAT(recorded.name(), ::testing::StartsWith("swvs/PO2203/exemptions/vr-"));
  EXPECT_TRUE(recorded.has_swv_involved());
  EXPECT_FALSE(recorded.swv_involved());
  pb::Exemption again;
  ASSERT_TRUE(stub_->RecordExemption(Context().get(), exemption, &again).ok());
  EXPECT_EQ(again.name(), recorded.name());  // idempotent on request_id

  const std::string m =
      Monitorkind("12AB00", "LVS-M", "GM0606", pb::MONITORKIND_REASON_NEEDS_EDUCATION_AND_CARE,
                  "2026-11-10", "");
  EXPECT_THAT(m, ::testing::StartsWith("swvs/PO2203/monitorkinderen/mk-"));
  pb::GetMonitorkindRequest get;
  get.set_name(m);
  pb::Monitorkind got;
  ASSERT_TRUE(stub_->GetMonitorkind(Context().get(), get, &got).ok());
  EXPECT_EQ(got.registered_on(), "2026-11-16");
  EXPECT_EQ(got.reason(), pb::MONITORKIND_REASON_NEEDS_EDUCATION_AND_CARE);
  EXPECT_EQ(got.status(), pb::CASE_STATUS_OPEN);

  // Not mixed into the thuiszitter list.
  pb::ListThuiszittersRequest list;
  list.set_parent("swvs/PO2203");
  pb::ListThuiszittersResponse listed;
  ASSERT_TRUE(stub_->ListThuiszitters(Context().get(), list, &listed).ok());
  EXPECT_EQ(listed.thuiszitters_size(), 0);
  pb::ListMonitorkinderenRequest list_m;
  list_m.set_parent("swvs/PO2203");
  pb::ListMonitorkinderenResponse listed_m;
  ASSERT_TRUE(stub_->ListMonitorkinderen(Context().get(), list_m, &listed_m).ok());
  EXPECT_EQ(listed_m.monitorkinderen_size(), 1);
  pb::ListExemptionsRequest list_e;
  list_e.set_parent("swvs/PO2203");
  pb::ListExemptionsResponse listed_e;
  ASSERT_TRUE(stub_->ListExemptions(Context().get(), list_e, &listed_e).ok());
  EXPECT_EQ(listed_e.exemptions_size(), 1);

  pb::CloseMonitorkindRequest close;
  close.set_name(m);
  close.set_closed_on("2026-11-09");
  close.set_reason("placed");
  pb::Monitorkind closed;
  status = stub_->CloseMonitorkind(Context().get(), close, &closed);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(FieldsOf(status), ElementsAre("closed_on"));
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "CLOSE_BEFORE_START");
  close.set_closed_on("2026-11-16");
  ASSERT_TRUE(stub_->CloseMonitorkind(Context("office:PO2203").get(), close, &closed).ok());
  EXPECT_EQ(closed.status(), pb::CASE_STATUS_CLOSED);
  status = stub_->CloseMonitorkind(Context().get(), close, &closed);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "RECORD_ALREADY_CLOSED");

  pb::ListRecordHistoryRequest history_request;
  history_request.set_name(m);
  pb::ListThuiszitterHistoryResponse history;
  ASSERT_TRUE(stub_->ListMonitorkindHistory(Context().get(), history_request, &history).ok());
  ASSERT_EQ(history.changes_size(), 2);
  EXPECT_EQ(history.changes(0).action(), "registered");
  EXPECT_EQ(history.changes(1).action(), "closed");
  EXPECT_EQ(history.changes(1).actor(), "office:PO2203");
  history_request.set_name(recorded.name());
  ASSERT_TRUE(stub_->ListExemptionHistory(Context().get(), history_request, &history).ok());
  EXPECT_EQ(history.changes(0).action(), "recorded");
}

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
  // B reported 1 Sep (+1 month 1 Oct), C 5 Oct (+1 month 5 Nov): both past; 3 months: neither.
  EXPECT_EQ(g.thuiszitters_open_past_one_month(), 2);
  EXPECT_EQ(g.thuiszitters_open_past_three_months(), 0);
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
  // A and B (D closed before 1 Jul; C and E reported after 30 Sep); X1 and X2 (X3 ended 30 Jun).
  EXPECT_EQ(exported.row_count(), 4);
  EXPECT_EQ(exported.csv(),
            "row,kind,category,school,residence_municipality,start_date,reported_on,end_date,"
            "status_at_period_end,days_at_home,cause,plan_present,swv_involved\r\n"
            "1,thuiszitter,relative_4w_3m,12AB00,GM0606,2026-06-01,2026-07-01,2026-08-20,closed,"
            "80,no_suitable_school_place,yes,\r\n"
            "2,thuiszitter,absolute,12AB00,GM0622,2026-08-01,2026-09-01,,open,60,"
            "waiting_for_care,no,\r\n"
            "3,exemption,exemption,12AB00,GM0606,2026-08-01,,2027-07-31,open,,,,yes\r\n"
            "4,exemption,exemption,,GM0622,2026-09-15,,,open,,,,no\r\n");
  // Anonymised: no LVS numbers, pupil ids or case ids.
  EXPECT_THAT(exported.csv(), Not(HasSubstr("LVS-")));
  EXPECT_THAT(exported.csv(), Not(HasSubstr("pl-")));
  EXPECT_THAT(exported.csv(), Not(HasSubstr("tz-")));

  // Q4 so far (as of 16 Nov): B, C, E and X1, X2.
  request.set_quarter("2026-Q4");
  ASSERT_TRUE(stub_->ExportInspectieRegister(Context().get(), request, &exported).ok());
  EXPECT_EQ(exported.row_count(), 5);

  request.set_quarter("2027-Q1");
  status = stub_->ExportInspectieRegister(Context().get(), request, &exported);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(FieldsOf(status), ElementsAre("quarter"));
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "QUARTER_IN_FUTURE");
}

// The service checks scope again behind the gateway: a school sees its own schools' exemptions
// and monitorkinderen (an exemption without a school is the office's), a partner none of them,
// another tenant's office nothing; statistics and the Inspectie export are the office's.
TEST_P(RegisterServerTest, ScopedPrincipalsSeeOnlyTheirSchoolsRecords) {
  Exemption("GM0606", "12AB00", "2026-08-01", "2027-07-31", true);
  Exemption("GM0622", "", "2026-09-15", "", false);
  Exemption("GM0606", "34CD00", "2026-09-15", "", false);
  const std::string own = Monitorkind("12AB00", "LVS-M1", "GM0606",
                                      pb::MONITORKIND_REASON_LONG_TERM_SICK, "2026-08-15", "");
  const std::string other = Monitorkind("34CD00", "LVS-M2", "GM0622",
                                        pb::MONITORKIND_REASON_WAITING_FOR_PLACE, "2026-09-01", "");
  auto school = [] { return ContextAs(PrincipalKind::kSchool, {"12AB00"}); };
  auto partner = [] { return ContextAs(PrincipalKind::kPartner, {"GM0606"}); };

  pb::ListExemptionsRequest list_e;
  list_e.set_parent("swvs/PO2203");
  pb::ListExemptionsResponse exemptions;
  ASSERT_TRUE(stub_->ListExemptions(school().get(), list_e, &exemptions).ok());
  ASSERT_EQ(exemptions.exemptions_size(), 1);
  EXPECT_EQ(exemptions.exemptions(0).school(), "12AB00");
  ASSERT_TRUE(
      stub_->ListExemptions(ContextAs(PrincipalKind::kOffice, {}).get(), list_e, &exemptions).ok());
  EXPECT_EQ(exemptions.exemptions_size(), 3);
  EXPECT_EQ(stub_->ListExemptions(partner().get(), list_e, &exemptions).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(stub_
                ->ListExemptions(ContextAs(PrincipalKind::kOffice, {}, "PO2204").get(), list_e,
                                 &exemptions)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  for (const pb::Exemption& e : exemptions.exemptions()) {
    pb::GetExemptionRequest get;
    get.set_name(e.name());
    pb::Exemption got;
    EXPECT_EQ(stub_->GetExemption(school().get(), get, &got).ok(), e.school() == "12AB00")
        << e.name();
    EXPECT_EQ(stub_->GetExemption(partner().get(), get, &got).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
  }

  pb::GetMonitorkindRequest get;
  pb::Monitorkind got;
  get.set_name(own);
  EXPECT_TRUE(stub_->GetMonitorkind(school().get(), get, &got).ok());
  get.set_name(other);
  EXPECT_EQ(stub_->GetMonitorkind(school().get(), get, &got).error_code(),
            grpc::StatusCode::NOT_FOUND);
  pb::ListRecordHistoryRequest history;
  history.set_name(other);
  pb::ListThuiszitterHistoryResponse changes;
  EXPECT_EQ(stub_->ListMonitorkindHistory(school().get(), history, &changes).error_code(),
            grpc::StatusCode::NOT_FOUND);
  pb::ListMonitorkinderenRequest list_m;
  list_m.set_parent("swvs/PO2203");
  pb::ListMonitorkinderenResponse monitorkinderen;
  ASSERT_TRUE(stub_->ListMonitorkinderen(school().get(), list_m, &monitorkinderen).ok());
  ASSERT_EQ(monitorkinderen.monitorkinderen_size(), 1);
  EXPECT_EQ(monitorkinderen.monitorkinderen(0).name(), own);
  pb::CloseMonitorkindRequest close;
  close.set_name(other);
  close.set_closed_on("2026-11-16");
  close.set_reason("placed");
  EXPECT_EQ(stub_->CloseMonitorkind(school().get(), close, &got).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(stub_->CloseMonitorkind(partner().get(), close, &got).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  pb::RegisterMonitorkindRequest register_other;
  register_other.set_parent("swvs/PO2203");
  register_other.mutable_monitorkind()->set_school("34CD00");
  register_other.mutable_monitorkind()->set_lvs_pupil_number("LVS-M3");
  register_other.mutable_monitorkind()->set_residence_municipality("GM0606");
  register_other.mutable_monitorkind()->set_reason(pb::MONITORKIND_REASON_LONG_TERM_SICK);
  register_other.mutable_monitorkind()->set_at_home_since("2026-11-01");
  EXPECT_EQ(stub_->RegisterMonitorkind(school().get(), register_other, &got).error_code(),
            grpc::StatusCode::NOT_FOUND);

  pb::GetRegisterStatisticsRequest statistics;
  statistics.set_parent("swvs/PO2203");
  statistics.set_from("2026-01-01");
  statistics.set_to("2026-11-16");
  pb::RegisterStatistics figures;
  EXPECT_EQ(stub_->GetRegisterStatistics(school().get(), statistics, &figures).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(
      stub_->GetRegisterStatistics(ContextAs(PrincipalKind::kOps, {}).get(), statistics, &figures)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  pb::ExportInspectieRegisterRequest export_request;
  export_request.set_parent("swvs/PO2203");
  export_request.set_quarter("2026-Q3");
  pb::InspectieRegisterExport exported;
  EXPECT_EQ(stub_->ExportInspectieRegister(partner().get(), export_request, &exported).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(stub_
                  ->ExportInspectieRegister(ContextAs(PrincipalKind::kOffice, {}).get(),
                                            export_request, &exported)
                  .ok());
}

INSTANTIATE_TEST_SUITE_P(Databases, RegisterServerTest,
                         ::testing::Values(storage::Dialect::kSqlite, storage::Dialect::kMysql),
                         [](const auto& test_param) {
                           return swv::testing::DialectName(test_param.param);
                         });

}  // namespace
}  // namespace swv::registrations
