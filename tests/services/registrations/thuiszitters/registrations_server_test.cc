// End to end: a real gRPC server on port 0, called through the generated stub, on SQLite and on
// MariaDB. Covers the slice's promises: report/get/list/close round trip, idempotent retries,
// clear field errors, the 4-week rule, history, and the calls showing up in /metrics.
#include <cstdio>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "services/common/principal.h"
#include "services/kernel/errors.h"
#include "tests/services/registrations/registrations_server_fixture.h"

namespace swv::registrations {
namespace {

namespace pb = ::swv::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST_P(RegistrationsServerTest, ReportGetListCloseRoundTrip) {
  pb::ThuiszitterCase reported;
  grpc::Status status = stub_->ReportThuiszitter(Context().get(), ValidReport("r-1"), &reported);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_THAT(reported.name(), ::testing::StartsWith("swvs/PO2203/thuiszitters/tz-"));
  EXPECT_EQ(reported.status(), pb::CASE_STATUS_OPEN);
  EXPECT_EQ(reported.category(), pb::THUISZITTER_CATEGORY_RELATIVE_4W_3M);
  EXPECT_EQ(reported.days_absent(), 46);  // 1 Oct -> 16 Nov
  // 4-week mark 29 Oct, reported 2 Nov: more than 2 days after the mark.
  EXPECT_EQ(reported.four_week_mark(), "2026-10-29");
  EXPECT_EQ(reported.report_deadline(), "2026-10-31");
  EXPECT_TRUE(reported.reported_late());
  EXPECT_EQ(reported.created_by(), "school:12AB00");
  EXPECT_EQ(reported.version(), 1);
  EXPECT_FALSE(reported.pupil_id().empty());

  pb::GetThuiszitterRequest get;
  get.set_name(reported.name());
  pb::ThuiszitterCase got;
  ASSERT_TRUE(stub_->GetThuiszitter(Context().get(), get, &got).ok());
  EXPECT_EQ(got.SerializeAsString(), reported.SerializeAsString());

  pb::ListThuiszittersRequest list;
  list.set_parent("swvs/PO2203");
  list.set_status(pb::CASE_STATUS_OPEN);
  pb::ListThuiszittersResponse listed;
  ASSERT_TRUE(stub_->ListThuiszitters(Context().get(), list, &listed).ok());
  ASSERT_EQ(listed.thuiszitters_size(), 1);
  EXPECT_EQ(listed.thuiszitters(0).name(), reported.name());

  pb::CloseThuiszitterRequest close;
  close.set_name(reported.name());
  close.set_closed_on("2026-11-16");
  close.set_reason("school resumed at 12AB00");
  close.set_expected_version(1);
  pb::ThuiszitterCase closed;
  status = stub_->CloseThuiszitter(Context("office:PO2203").get(), close, &closed);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(closed.status(), pb::CASE_STATUS_CLOSED);
  EXPECT_EQ(closed.closed_on(), "2026-11-16");
  EXPECT_EQ(closed.updated_by(), "office:PO2203");
  EXPECT_EQ(closed.version(), 2);

  // Closed cases stay: listed under "closed", kept in the history with who and when.
  list.set_status(pb::CASE_STATUS_CLOSED);
  ASSERT_TRUE(stub_->ListThuiszitters(Context().get(), list, &listed).ok());
  EXPECT_EQ(listed.thuiszitters_size(), 1);
  pb::ListThuiszitterHistoryRequest history_request;
  history_request.set_name(reported.name());
  pb::ListThuiszitterHistoryResponse history;
  ASSERT_TRUE(stub_->ListThuiszitterHistory(Context().get(), history_request, &history).ok());
  ASSERT_EQ(history.changes_size(), 2);
  EXPECT_EQ(history.changes(0).action(), "reported");
  EXPECT_EQ(history.changes(0).actor(), "school:12AB00");
  EXPECT_EQ(history.changes(1).action(), "closed");
  EXPECT_EQ(history.changes(1).actor(), "office:PO2203");

  // Closing again is refused and changes nothing.
  status = stub_->CloseThuiszitter(Context("office:PO2203").get(), close, &closed);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);  // expected_version 1 is stale
  close.set_expected_version(0);
  status = stub_->CloseThuiszitter(Context("office:PO2203").get(), close, &closed);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "CASE_ALREADY_CLOSED");
}

TEST_P(RegistrationsServerTest, RetriedReportWithSameRequestIdReturnsTheFirstRecord) {
  pb::ThuiszitterCase first;
  pb::ThuiszitterCase second;
  ASSERT_TRUE(stub_->ReportThuiszitter(Context().get(), ValidReport("lvs-push-42"), &first).ok());
  ASSERT_TRUE(stub_->ReportThuiszitter(Context().get(), ValidReport("lvs-push-42"), &second).ok());
  EXPECT_EQ(first.name(), second.name());
  pb::ThuiszitterCase third;
  ASSERT_TRUE(stub_->ReportThuiszitter(Context().get(), ValidReport("lvs-push-43"), &third).ok());
  EXPECT_NE(first.name(), third.name());
  EXPECT_EQ(first.pupil_id(), third.pupil_id());  // same school + LVS number: same pupil

  pb::ListThuiszittersRequest list;
  list.set_parent("swvs/PO2203");
  pb::ListThuiszittersResponse listed;
  ASSERT_TRUE(stub_->ListThuiszitters(Context().get(), list, &listed).ok());
  EXPECT_EQ(listed.thuiszitters_size(), 2);
}

TEST_P(RegistrationsServerTest, MalformedFieldsAreNamedInTheErrorDetails) {
  pb::ReportThuiszitterRequest request = ValidReport();
  request.mutable_thuiszitter()->set_school("12AB");
  request.mutable_thuiszitter()->set_residence_municipality("Schiedam");
  pb::ThuiszitterCase reply;
  grpc::Status status = stub_->ReportThuiszitter(Context().get(), request, &reply);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(FromGrpcStatus(status)))
    fields.push_back(v.field);
  EXPECT_THAT(fields, ElementsAre("thuiszitter.school", "thuiszitter.residence_municipality"));

  request = ValidReport();
  request.set_parent("swvs/Utrecht");
  status = stub_->ReportThuiszitter(Context().get(), request, &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("parent"));

  request = ValidReport();
  request.mutable_thuiszitter()->set_reported_on("2026-12-01");  // after "today"
  status = stub_->ReportThuiszitter(Context().get(), request, &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "DATE_IN_FUTURE");

  pb::ListThuiszittersRequest list;
  list.set_parent("swvs/PO2203");
  list.set_page_token("not-a-token");
  pb::ListThuiszittersResponse listed;
  status = stub_->ListThuiszitters(Context().get(), list, &listed);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("page_token"));

  // Nothing was stored by any of the rejected reports.
  list.clear_page_token();
  ASSERT_TRUE(stub_->ListThuiszitters(Context().get(), list, &listed).ok());
  EXPECT_EQ(listed.thuiszitters_size(), 0);
}

// A potential thuiszitter (absence under 4 weeks) becomes a thuiszitter on the 4-week mark by the
// clock, without a new report.
TEST_P(RegistrationsServerTest, AbsenceShorterThanFourWeeksIsAPotentialThuiszitterUntilTheMark) {
  pb::ReportThuiszitterRequest request = ValidReport();
  request.mutable_thuiszitter()->set_absence_start("2026-10-25");  // mark 2026-11-22
  request.mutable_thuiszitter()->set_reported_on("2026-11-06");    // 12 days
  pb::ThuiszitterCase reply;
  grpc::Status status = stub_->ReportThuiszitter(Context().get(), request, &reply);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(reply.category(), pb::THUISZITTER_CATEGORY_POTENTIAL);
  EXPECT_EQ(reply.four_week_mark(), "2026-11-22");
  EXPECT_FALSE(reply.reported_late());

  pb::GetThuiszitterRequest get;
  get.set_name(reply.name());
  clock_.Set(absl::FromCivil(absl::CivilSecond(2026, 11, 21, 12, 0, 0), DutchTimeZone()));
  ASSERT_TRUE(stub_->GetThuiszitter(Context().get(), get, &reply).ok());
  EXPECT_EQ(reply.category(), pb::THUISZITTER_CATEGORY_POTENTIAL);
  clock_.Set(absl::FromCivil(absl::CivilSecond(2026, 11, 22, 8, 0, 0), DutchTimeZone()));
  ASSERT_TRUE(stub_->GetThuiszitter(Context().get(), get, &reply).ok());
  EXPECT_EQ(reply.category(), pb::THUISZITTER_CATEGORY_RELATIVE_4W_3M);
}

TEST_P(RegistrationsServerTest, CallsWithoutPrincipalAreRefused) {
  pb::ThuiszitterCase reply;
  grpc::Status status = stub_->ReportThuiszitter(Context("").get(), ValidReport(), &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_P(RegistrationsServerTest, CategoryMovesWithTheClockAndSettingsChangeLateness) {
  pb::UpdateSwvSettingsRequest update;
  update.mutable_settings()->set_name("swvs/PO2203/settings");
  update.mutable_settings()->set_thuiszitter_report_within_days(5);
  pb::SwvSettings settings;
  ASSERT_TRUE(stub_->UpdateSwvSettings(Context("office:PO2203").get(), update, &settings).ok());
  EXPECT_EQ(settings.display_code(), "PO 22.03");
  EXPECT_EQ(settings.version(), 1);

  update.mutable_settings()->set_thuiszitter_report_within_days(-1);
  grpc::Status status = stub_->UpdateSwvSettings(Context("office:PO2203").get(), update, &settings);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("settings.thuiszitter_report_within_days"));

  pb::ThuiszitterCase reported;
  ASSERT_TRUE(stub_->ReportThuiszitter(Context().get(), ValidReport(), &reported).ok());
  EXPECT_FALSE(reported.reported_late());  // 4 days after the mark, 5 allowed now
  EXPECT_EQ(reported.report_deadline(), "2026-11-03");
  EXPECT_EQ(reported.category(), pb::THUISZITTER_CATEGORY_RELATIVE_4W_3M);

  clock_.Set(absl::FromCivil(absl::CivilSecond(2027, 1, 5, 10, 0, 0), DutchTimeZone()));
  pb::GetThuiszitterRequest get;
  get.set_name(reported.name());
  pb::ThuiszitterCase later;
  ASSERT_TRUE(stub_->GetThuiszitter(Context().get(), get, &later).ok());
  EXPECT_EQ(later.category(), pb::THUISZITTER_CATEGORY_RELATIVE_OVER_3M);

  // A later settings change does not rewrite a stored case: its deadline and lateness stay.
  update.mutable_settings()->set_thuiszitter_report_within_days(0);
  update.mutable_settings()->set_version(1);
  ASSERT_TRUE(stub_->UpdateSwvSettings(Context("office:PO2203").get(), update, &settings).ok());
  ASSERT_TRUE(stub_->GetThuiszitter(Context().get(), get, &later).ok());
  EXPECT_EQ(later.report_deadline(), "2026-11-03");
  EXPECT_FALSE(later.reported_late());
}

TEST_P(RegistrationsServerTest, MetricsShowTheCallsAndPassPromtool) {
  pb::ThuiszitterCase reply;
  ASSERT_TRUE(stub_->ReportThuiszitter(Context().get(), ValidReport(), &reply).ok());
  pb::ReportThuiszitterRequest bad = ValidReport();
  bad.mutable_thuiszitter()->set_school("nonsense");
  EXPECT_FALSE(stub_->ReportThuiszitter(Context().get(), bad, &reply).ok());

  std::string body;
  ASSERT_EQ(HttpGet("/metrics", &body), 200);
  EXPECT_THAT(
      body,
      HasSubstr("grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"ReportThuiszitter\",grpc_"
                "service=\"swv.v1.Registrations\",grpc_type=\"unary\"} 1"));
  EXPECT_THAT(
      body,
      HasSubstr(
          "grpc_server_handled_total{grpc_code=\"INVALID_ARGUMENT\",grpc_method="
          "\"ReportThuiszitter\",grpc_service=\"swv.v1.Registrations\",grpc_type=\"unary\"} 1"));
  EXPECT_THAT(body,
              HasSubstr("grpc_server_handling_seconds_count{grpc_method=\"ReportThuiszitter\""));
  // Process metrics and readiness (the database answers) come with every scrape.
  EXPECT_THAT(body, HasSubstr("\nswv_ready 1"));
  EXPECT_THAT(body, HasSubstr("\nprocess_resident_memory_bytes "));
  EXPECT_THAT(body, HasSubstr("\nprocess_open_fds "));
  EXPECT_THAT(body, HasSubstr("\nprocess_start_time_seconds "));
  EXPECT_THAT(body, HasSubstr("\nprocess_cpu_seconds_total "));

  const std::string path = ::testing::TempDir() + "/registrations_metrics.txt";
  std::ofstream(path) << body;
  FILE* promtool = popen(("promtool check metrics < " + path + " 2>&1").c_str(), "r");
  ASSERT_NE(promtool, nullptr);
  std::string output;
  char buffer[512];
  while (fgets(buffer, sizeof buffer, promtool) != nullptr) output += buffer;
  EXPECT_EQ(pclose(promtool), 0) << output;

  ASSERT_EQ(HttpGet("/readyz", &body), 200);
  ASSERT_EQ(HttpGet("/healthz", &body), 200);
}

// The service checks scope again behind the gateway (defence in depth): out-of-scope records
// answer NOT_FOUND as if they did not exist; leerplicht writes only for the children of its own
// municipalities, youth care never.
TEST_P(RegistrationsServerTest, ServiceRechecksTheGatewaysScopes) {
  auto as = [](PrincipalKind kind, std::vector<std::string> scope) {
    return ContextAs(kind, std::move(scope));
  };
  pb::ThuiszitterCase in_schiedam;
  ASSERT_TRUE(stub_
                  ->ReportThuiszitter(as(PrincipalKind::kSchool, {"12AB00"}).get(), ValidReport(),
                                      &in_schiedam)
                  .ok());
  pb::ReportThuiszitterRequest other_school = ValidReport();
  other_school.mutable_thuiszitter()->set_school("34CD01");
  pb::ThuiszitterCase reply;
  EXPECT_EQ(
      stub_->ReportThuiszitter(as(PrincipalKind::kSchool, {"12AB00"}).get(), other_school, &reply)
          .error_code(),
      grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(
      stub_->ReportThuiszitter(as(PrincipalKind::kPartner, {"GM0622"}).get(), ValidReport(), &reply)
          .error_code(),
      grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(stub_
                ->ReportThuiszitter(as(PrincipalKind::kYouthCare, {"GM0606"}).get(), ValidReport(),
                                    &reply)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  pb::GetThuiszitterRequest get;
  get.set_name(in_schiedam.name());
  EXPECT_TRUE(
      stub_->GetThuiszitter(as(PrincipalKind::kPartner, {"GM0606"}).get(), get, &reply).ok());
  EXPECT_EQ(stub_->GetThuiszitter(as(PrincipalKind::kPartner, {"GM0622"}).get(), get, &reply)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(
      stub_->GetThuiszitter(as(PrincipalKind::kSchool, {"34CD01"}).get(), get, &reply).error_code(),
      grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(stub_->GetThuiszitter(as(PrincipalKind::kOps, {}).get(), get, &reply).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  pb::ListThuiszittersRequest list;
  list.set_parent("swvs/PO2203");
  pb::ListThuiszittersResponse listed;
  ASSERT_TRUE(
      stub_->ListThuiszitters(as(PrincipalKind::kPartner, {"GM0622"}).get(), list, &listed).ok());
  EXPECT_EQ(listed.thuiszitters_size(), 0);
  ASSERT_TRUE(
      stub_->ListThuiszitters(as(PrincipalKind::kPartner, {"GM0606"}).get(), list, &listed).ok());
  EXPECT_EQ(listed.thuiszitters_size(), 1);

  pb::CloseThuiszitterRequest close;
  close.set_name(in_schiedam.name());
  close.set_closed_on("2026-11-16");
  close.set_reason("school resumed");
  EXPECT_EQ(stub_->CloseThuiszitter(as(PrincipalKind::kSchool, {"34CD01"}).get(), close, &reply)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_TRUE(
      stub_->CloseThuiszitter(as(PrincipalKind::kSchool, {"12AB00"}).get(), close, &reply).ok());

  // The history holds causes and free text: never a partner's, whatever the municipality.
  pb::ListThuiszitterHistoryRequest history;
  history.set_name(in_schiedam.name());
  pb::ListThuiszitterHistoryResponse changes;
  EXPECT_EQ(
      stub_
          ->ListThuiszitterHistory(as(PrincipalKind::kPartner, {"GM0606"}).get(), history, &changes)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(
      stub_->ListThuiszitterHistory(as(PrincipalKind::kSchool, {"34CD01"}).get(), history, &changes)
          .error_code(),
      grpc::StatusCode::NOT_FOUND);
  EXPECT_TRUE(
      stub_->ListThuiszitterHistory(as(PrincipalKind::kSchool, {"12AB00"}).get(), history, &changes)
          .ok());
  EXPECT_EQ(changes.changes_size(), 2);
  // Another tenant's office: as if the case did not exist, also in lists.
  EXPECT_EQ(
      stub_->GetThuiszitter(ContextAs(PrincipalKind::kOffice, {}, "PO2204").get(), get, &reply)
          .error_code(),
      grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(
      stub_->ListThuiszitters(ContextAs(PrincipalKind::kOffice, {}, "PO2204").get(), list, &listed)
          .error_code(),
      grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(stub_->ListThuiszitters(as(PrincipalKind::kOps, {}).get(), list, &listed).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // The settings are the office's.
  pb::GetSwvSettingsRequest settings;
  settings.set_name("swvs/PO2203/settings");
  pb::SwvSettings swv_settings;
  EXPECT_EQ(
      stub_->GetSwvSettings(as(PrincipalKind::kSchool, {"12AB00"}).get(), settings, &swv_settings)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(
      stub_->GetSwvSettings(as(PrincipalKind::kOffice, {}).get(), settings, &swv_settings).ok());
  pb::UpdateSwvSettingsRequest update;
  *update.mutable_settings() = swv_settings;
  EXPECT_EQ(
      stub_->UpdateSwvSettings(as(PrincipalKind::kPartner, {"GM0606"}).get(), update, &swv_settings)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
}

INSTANTIATE_TEST_SUITE_P(Databases, RegistrationsServerTest,
                         ::testing::Values(storage::Dialect::kSqlite, storage::Dialect::kMysql),
                         [](const auto& test_param) {
                           return swv::testing::DialectName(test_param.param);
                         });

}  // namespace
}  // namespace swv::registrations
