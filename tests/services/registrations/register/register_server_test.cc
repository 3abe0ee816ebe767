// End to end over gRPC, on SQLite and MariaDB: the thuiszitter plan and flags, exemptions,
// monitorkinderen and the scope of each principal over them. The statistics and the Inspectie
// export are in register_statistics_server_test.cc; the fixture in register_server_fixture.h.
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

TEST_P(RegisterServerTest, PlanIsVersionedAndFlagsFollowTheClock) {
  const std::string name = Report("12AB00", "LVS-1", "GM0606", pb::ABSENCE_KIND_RELATIVE,
                                  "2026-09-01", "2026-10-05", pb::THUISZITTER_CAUSE_SCHOOL_REFUSAL);
  pb::GetThuiszitterRequest get;
  get.set_name(name);
  pb::ThuiszitterCase got;
  ASSERT_TRUE(stub_->GetThuiszitter(Context().get(), get, &got).ok());
  EXPECT_FALSE(got.has_plan());
  // Reported 5 Oct: one month passed on 5 Nov, so flagged on 16 Nov; three months at home (from
  // 1 Sep) not yet.
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

  clock_.Set(absl::FromCivil(absl::CivilSecond(2026, 12, 1, 10, 0, 0), DutchTimeZone()));
  ASSERT_TRUE(stub_->GetThuiszitter(Context().get(), get, &got).ok());
  EXPECT_FALSE(got.past_three_months());  // 1 Sep + 3 months = 1 Dec: not yet over
  clock_.Set(absl::FromCivil(absl::CivilSecond(2026, 12, 2, 10, 0, 0), DutchTimeZone()));
  ASSERT_TRUE(stub_->GetThuiszitter(Context().get(), get, &got).ok());
  EXPECT_TRUE(got.past_three_months());  // over 3 months at home, a month before 5 Jan
  EXPECT_EQ(got.category(), pb::THUISZITTER_CATEGORY_RELATIVE_OVER_3M);
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

// The service checks scope again behind the gateway: a school sees its own schools' exemptions
// and monitorkinderen (an exemption without a school is the office's), leerplicht the exemptions
// of its municipalities' children and no monitorkind,
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
  pb::ListExemptionsResponse partner_exemptions;
  ASSERT_TRUE(stub_->ListExemptions(partner().get(), list_e, &partner_exemptions).ok());
  EXPECT_EQ(partner_exemptions.exemptions_size(), 2);  // both of GM0606
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
              e.residence_municipality() == "GM0606" ? grpc::StatusCode::OK
                                                     : grpc::StatusCode::NOT_FOUND);
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
