// Youth care sees a thuiszitter case only with the parents' consent to share it with its
// organisation (issue 16, point 8), over gRPC on SQLite and MariaDB: the school records the consent
// and its withdrawal, a youth-care principal of that organisation and the child's municipality
// reads and lists the case while the consent stands, nobody else through it; leerplicht keeps its
// legal-task access without consent.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "services/kernel/errors.h"
#include "tests/services/registrations/registrations_server_fixture.h"

namespace swv::registrations {
namespace {

namespace pb = ::swv::v1;

class ConsentServerTest : public RegistrationsServerTest {
 protected:
  // A case of school 12AB00, the child living in GM0606 (ValidReport).
  std::string ReportCase(const std::string& lvs) {
    pb::ReportThuiszitterRequest report = ValidReport();
    report.mutable_thuiszitter()->set_lvs_pupil_number(lvs);
    pb::ThuiszitterCase reported;
    grpc::Status status = stub_->ReportThuiszitter(Context().get(), report, &reported);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return reported.name();
  }

  grpc::Status Consent(const std::string& case_name, const std::string& organisation,
                       pb::ThuiszitterConsent* out,
                       std::unique_ptr<grpc::ClientContext> context = nullptr) {
    pb::RecordThuiszitterConsentRequest request;
    request.set_parent(case_name);
    request.mutable_consent()->set_organisation(organisation);
    request.mutable_consent()->set_given_on("2026-11-10");
    request.mutable_consent()->set_given_by("beide ouders");
    request.mutable_consent()->set_covers("status en plan van de casus");
    return stub_->RecordThuiszitterConsent(context ? context.get() : Context().get(), request, out);
  }

  grpc::StatusCode Get(const std::string& name, PrincipalKind kind,
                       const std::string& organisation = "MEVIS",
                       pb::ThuiszitterCase* out = nullptr) {
    pb::GetThuiszitterRequest get;
    get.set_name(name);
    pb::ThuiszitterCase reply;
    auto context = swv::testing::PrincipalContext(kind, {"GM0606"}, "PO2203", organisation);
    grpc::StatusCode code = stub_->GetThuiszitter(context.get(), get, &reply).error_code();
    if (out != nullptr) *out = reply;
    return code;
  }

  std::vector<std::string> Listed(const std::string& organisation) {
    pb::ListThuiszittersRequest list;
    list.set_parent("swvs/PO2203");
    pb::ListThuiszittersResponse listed;
    auto context = swv::testing::PrincipalContext(PrincipalKind::kYouthCare, {"GM0606"}, "PO2203",
                                                  organisation);
    grpc::Status status = stub_->ListThuiszitters(context.get(), list, &listed);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::vector<std::string> names;
    for (const auto& c : listed.thuiszitters()) names.push_back(c.name());
    return names;
  }
};

TEST_P(ConsentServerTest, YouthCareSeesOnlyConsentedCasesWhileTheConsentStands) {
  const std::string consented = ReportCase("LVS-1");
  const std::string without = ReportCase("LVS-2");
  // Before any consent: leerplicht reads both (its legal task), youth care neither.
  EXPECT_EQ(Get(consented, PrincipalKind::kPartner), grpc::StatusCode::OK);
  EXPECT_EQ(Get(consented, PrincipalKind::kYouthCare), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(Listed("MEVIS"), ::testing::IsEmpty());

  pb::ThuiszitterConsent consent;
  grpc::Status status = Consent(consented, "mevis", &consent);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_THAT(consent.name(), ::testing::StartsWith(consented + "/consents/cs-"));
  EXPECT_EQ(consent.organisation(), "MEVIS");
  EXPECT_EQ(consent.recorded_by(), "school:12AB00");
  EXPECT_TRUE(consent.withdrawn_on().empty());

  pb::ThuiszitterCase read;
  EXPECT_EQ(Get(consented, PrincipalKind::kYouthCare, "MEVIS", &read), grpc::StatusCode::OK);
  EXPECT_EQ(read.consent(), consent.name());  // the ground the gateway logs
  EXPECT_EQ(Get(without, PrincipalKind::kYouthCare), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Get(consented, PrincipalKind::kYouthCare, "JEUGDTEAM"), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(Listed("MEVIS"), ::testing::ElementsAre(consented));
  EXPECT_THAT(Listed("JEUGDTEAM"), ::testing::IsEmpty());
  // Leerplicht and the school read no consent ground.
  EXPECT_EQ(Get(consented, PrincipalKind::kPartner, "", &read), grpc::StatusCode::OK);
  EXPECT_TRUE(read.consent().empty());

  // A second consent for the same organisation while one stands is refused.
  pb::ThuiszitterConsent again;
  status = Consent(consented, "MEVIS", &again);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "CONSENT_ALREADY_GIVEN");

  // The withdrawal hides the case at once, from the read and from the list.
  pb::WithdrawThuiszitterConsentRequest withdraw;
  withdraw.set_name(consent.name());
  pb::ThuiszitterConsent withdrawn;
  status = stub_->WithdrawThuiszitterConsent(Context("office:PO2203").get(), withdraw, &withdrawn);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(withdrawn.withdrawn_on(), "2026-11-16");
  EXPECT_EQ(withdrawn.withdrawn_by(), "office:PO2203");
  EXPECT_EQ(Get(consented, PrincipalKind::kYouthCare), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(Listed("MEVIS"), ::testing::IsEmpty());
  status = stub_->WithdrawThuiszitterConsent(Context().get(), withdraw, &withdrawn);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  // Kept: the consents and their history.
  pb::ListThuiszitterConsentsRequest list;
  list.set_parent(consented);
  pb::ListThuiszitterConsentsResponse consents;
  ASSERT_TRUE(stub_->ListThuiszitterConsents(Context().get(), list, &consents).ok());
  ASSERT_EQ(consents.consents_size(), 1);
  EXPECT_EQ(consents.consents(0).withdrawn_on(), "2026-11-16");
  pb::ListThuiszitterHistoryRequest history_request;
  history_request.set_name(consented);
  pb::ListThuiszitterHistoryResponse history;
  ASSERT_TRUE(stub_->ListThuiszitterHistory(Context().get(), history_request, &history).ok());
  ASSERT_EQ(history.changes_size(), 3);
  EXPECT_EQ(history.changes(1).action(), "consent_recorded");
  EXPECT_EQ(history.changes(2).action(), "consent_withdrawn");
}

TEST_P(ConsentServerTest, OnlyTheSchoolOrTheOfficeRecordsAConsentAndItIsChecked) {
  const std::string name = ReportCase("LVS-3");
  pb::ThuiszitterConsent out;
  for (PrincipalKind kind : {PrincipalKind::kYouthCare, PrincipalKind::kPartner}) {
    grpc::Status status =
        Consent(name, "MEVIS", &out, swv::testing::PrincipalContext(kind, {"GM0606"}));
    EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << PrincipalKindName(kind);
  }
  EXPECT_EQ(
      Consent(name, "MEVIS", &out, ContextAs(PrincipalKind::kSchool, {"34CD01"})).error_code(),
      grpc::StatusCode::NOT_FOUND);
  // Youth care cannot read the consents either (the schools' rule).
  pb::ListThuiszitterConsentsRequest list;
  list.set_parent(name);
  pb::ListThuiszitterConsentsResponse consents;
  auto youth_care = swv::testing::PrincipalContext(PrincipalKind::kYouthCare, {"GM0606"});
  EXPECT_EQ(stub_->ListThuiszitterConsents(youth_care.get(), list, &consents).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  pb::RecordThuiszitterConsentRequest bad;
  bad.set_parent(name);
  bad.mutable_consent()->set_organisation("Mevis & co");
  bad.mutable_consent()->set_given_on("2026-12-01");  // after today (16 Nov)
  grpc::Status status = stub_->RecordThuiszitterConsent(Context().get(), bad, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(FromGrpcStatus(status))) {
    fields.push_back(v.field);
  }
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre("consent.organisation", "consent.given_on",
                                                      "consent.given_by", "consent.covers"));
  EXPECT_TRUE(stub_->ListThuiszitterConsents(Context().get(), list, &consents).ok());
  EXPECT_EQ(consents.consents_size(), 0);  // nothing stored
}

INSTANTIATE_TEST_SUITE_P(Databases, ConsentServerTest,
                         ::testing::Values(storage::Dialect::kSqlite, storage::Dialect::kMysql),
                         [](const auto& test_param) {
                           return swv::testing::DialectName(test_param.param);
                         });

}  // namespace
}  // namespace swv::registrations
