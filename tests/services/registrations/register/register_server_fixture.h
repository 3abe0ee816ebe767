// The fixture of the register server tests (register_server_test.cc,
// register_statistics_server_test.cc): a registrations service with the register's stubs, the
// seeded data set and helpers that read counts per cause and per reason.
#ifndef SWV_TESTS_SERVICES_REGISTRATIONS_REGISTER_REGISTER_SERVER_FIXTURE_H_
#define SWV_TESTS_SERVICES_REGISTRATIONS_REGISTER_REGISTER_SERVER_FIXTURE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "services/kernel/errors.h"
#include "swv/v1/directory.grpc.pb.h"
#include "tests/services/registrations/registrations_server_fixture.h"

namespace swv::registrations {

namespace pb = ::swv::v1;

inline std::vector<std::string> FieldsOf(const grpc::Status& status) {
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
inline std::vector<int> Causes(const pb::ThuiszitterCounts& counts) {
  std::vector<int> out;
  for (const pb::CauseCount& c : counts.by_cause()) out.push_back(c.count());
  return out;
}

inline std::vector<int> Reasons(const pb::RegisterCounts& counts) {
  std::vector<int> out;
  for (const pb::MonitorkindReasonCount& r : counts.monitorkinderen_by_reason()) {
    out.push_back(r.count());
  }
  return out;
}

}  // namespace swv::registrations

#endif  // SWV_TESTS_SERVICES_REGISTRATIONS_REGISTER_REGISTER_SERVER_FIXTURE_H_
