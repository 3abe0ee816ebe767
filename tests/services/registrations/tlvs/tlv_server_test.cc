// End to end over gRPC, on SQLite and on MariaDB: the directory (batch upserts with per-row
// results, 10,000 schools), OPP versions, a TLV's whole life with the clock moving (deadline,
// overdue flag, lead times, decision numbers, history), and the statistics of a hand-built data
// set.
#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "services/kernel/errors.h"
#include "swv/v1/directory.grpc.pb.h"
#include "swv/v1/tlv.grpc.pb.h"
#include "tests/services/registrations/registrations_server_fixture.h"
#include "tests/testing/test_identity.h"

namespace swv::registrations {
namespace {

namespace pb = ::swv::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class TlvServerTest : public RegistrationsServerTest {
 protected:
  void SetUp() override {
    RegistrationsServerTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    tlvs_ = pb::Tlvs::NewStub(channel_);
  }

  void SetToday(int year, int month, int day) {
    clock_.Set(absl::FromCivil(absl::CivilSecond(year, month, day, 10, 0, 0), DutchTimeZone()));
  }

  // An OPP with the parents' consent given, for (school, LVS number). Returns its name.
  std::string CreateOpp(const std::string& lvs, const std::string& drawn_up_on,
                        const std::string& enrolment_date = "",
                        pb::ParentalConsent consent = pb::PARENTAL_CONSENT_GIVEN,
                        const std::string& school = "12AB00") {
    pb::CreateOppRequest request;
    request.set_parent("swvs/PO2203");
    pb::Opp* opp = request.mutable_opp();
    opp->set_school(school);
    opp->set_lvs_pupil_number(lvs);
    opp->set_drawn_up_on(drawn_up_on);
    opp->set_start_date(drawn_up_on);
    opp->set_enrolment_date(enrolment_date);
    opp->set_consent(consent);
    if (consent != pb::PARENTAL_CONSENT_NOT_ASKED) opp->set_consent_date(drawn_up_on);
    pb::Opp reply;
    grpc::Status status = tlvs_->CreateOpp(Context().get(), request, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return reply.name();
  }

  pb::Tlv CreateTlv(const std::string& lvs, pb::TlvKind kind, pb::SoCategory category,
                    const std::string& receiving, const std::string& received_on,
                    const std::string& referring = "12AB00") {
    pb::CreateTlvRequest request;
    request.set_parent("swvs/PO2203");
    pb::Tlv* tlv = request.mutable_tlv();
    tlv->set_referring_school(referring);
    tlv->set_lvs_pupil_number(lvs);
    tlv->set_receiving_school(receiving);
    tlv->set_kind(kind);
    tlv->set_so_category(category);
    tlv->set_received_on(received_on);
    pb::Tlv reply;
    grpc::Status status = tlvs_->CreateTlv(Context("office:PO2203").get(), request, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return reply;
  }

  grpc::Status Complete(const pb::Tlv& tlv, const std::string& opp, const std::string& on,
                        pb::Tlv* reply, const std::string& view_on = "",
                        const std::string& view = "") {
    pb::CompleteTlvRequest request;
    request.set_name(tlv.name());
    request.set_opp(opp);
    request.set_completed_on(on);
    request.mutable_parents_view()->set_recorded_on(view_on);
    request.mutable_parents_view()->set_summary(view);
    return tlvs_->CompleteTlv(Context("office:PO2203").get(), request, reply);
  }

  static pb::DecideTlvRequest Decision(const pb::Tlv& tlv, const std::string& decided_on,
                                       pb::TlvOutcome outcome, const std::string& advised_on) {
    pb::DecideTlvRequest request;
    request.set_name(tlv.name());
    request.set_decided_on(decided_on);
    request.set_outcome(outcome);
    request.set_return_to_regular_considered(true);
    pb::ExpertAdvice* first = request.add_advices();
    first->set_expert_name("drs. A. de Vries");
    first->set_profession(pb::EXPERT_PROFESSION_ORTHOPEDAGOOG);
    first->set_advised_on(advised_on);
    pb::ExpertAdvice* second = request.add_advices();
    second->set_expert_name("B. Jansen");
    second->set_profession(pb::EXPERT_PROFESSION_MAATSCHAPPELIJK_WERKER);
    second->set_advised_on(advised_on);
    return request;
  }

  grpc::Status Decide(const pb::DecideTlvRequest& request, pb::Tlv* reply) {
    return tlvs_->DecideTlv(Context("office:PO2203").get(), request, reply);
  }

  std::unique_ptr<pb::Tlvs::Stub> tlvs_;
};

std::vector<std::string> FieldsOf(const grpc::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(FromGrpcStatus(status)))
    fields.push_back(v.field);
  return fields;
}

TEST_P(TlvServerTest, DirectoryBatchesReportPerRowAndVersionOnlyRealChanges) {
  pb::BatchUpsertBoardsRequest boards;
  boards.set_parent("swvs/PO2203");
  boards.add_boards()->set_code("41234");
  boards.mutable_boards(0)->set_display_name("Stichting Primair");
  boards.add_boards()->set_code("41 234!");
  boards.mutable_boards(1)->set_display_name("Bad code");
  pb::BatchUpsertResponse reply;
  ASSERT_TRUE(directory_->BatchUpsertBoards(Context("office:PO2203").get(), boards, &reply).ok());
  EXPECT_EQ(reply.accepted(), 1);
  EXPECT_EQ(reply.rejected(), 1);
  EXPECT_EQ(reply.results(0).outcome(), "created");
  EXPECT_EQ(reply.results(1).outcome(), "rejected");
  EXPECT_EQ(reply.results(1).code(), "INVALID_ARGUMENT");
  ASSERT_EQ(reply.results(1).field_errors_size(), 1);
  EXPECT_EQ(reply.results(1).field_errors(0).field(), "boards[1].code");

  pb::BatchUpsertSchoolsRequest schools;
  schools.set_parent("swvs/PO2203");
  *schools.add_schools() = SchoolRow("12AB00", pb::SCHOOL_KIND_REGULAR, true, "41234", "");
  *schools.add_schools() = SchoolRow("12AB01", pb::SCHOOL_KIND_REGULAR, true, "99999", "");
  *schools.add_schools() = SchoolRow("12ab00", pb::SCHOOL_KIND_SBO, true, "41234", "");
  ASSERT_TRUE(directory_->BatchUpsertSchools(Context("office:PO2203").get(), schools, &reply).ok());
  EXPECT_EQ(reply.accepted(), 1);
  EXPECT_EQ(reply.results(0).outcome(), "created");
  EXPECT_EQ(reply.results(1).outcome(), "rejected");
  EXPECT_EQ(reply.results(1).field_errors(0).field(), "schools[1].board");
  EXPECT_THAT(reply.results(1).field_errors(0).description(),
              HasSubstr("board 99999 is not in the directory"));
  EXPECT_EQ(reply.results(2).field_errors(0).field(), "schools[2].code");  // duplicate in batch
  EXPECT_THAT(reply.results(2).message(), HasSubstr("schools[0]"));

  // The same row again: unchanged, version stays 1; a real change: updated, version 2.
  schools.mutable_schools()->DeleteSubrange(1, 2);
  ASSERT_TRUE(directory_->BatchUpsertSchools(Context("office:PO2203").get(), schools, &reply).ok());
  EXPECT_EQ(reply.results(0).outcome(), "unchanged");
  pb::GetSchoolRequest get;
  get.set_name("swvs/PO2203/schools/12AB00");
  pb::School school;
  ASSERT_TRUE(directory_->GetSchool(Context().get(), get, &school).ok());
  EXPECT_EQ(school.version(), 1);
  schools.mutable_schools(0)->set_display_name("OBS De Regenboog");
  ASSERT_TRUE(directory_->BatchUpsertSchools(Context("office:PO2203").get(), schools, &reply).ok());
  EXPECT_EQ(reply.results(0).outcome(), "updated");
  ASSERT_TRUE(directory_->GetSchool(Context().get(), get, &school).ok());
  EXPECT_EQ(school.version(), 2);
  EXPECT_EQ(school.display_name(), "OBS De Regenboog");
  EXPECT_EQ(school.board(), "41234");
}

TEST_P(TlvServerTest, TenThousandSchoolsInOneBatchAndKeysetPages) {
  pb::BatchUpsertBoardsRequest boards;
  boards.set_parent("swvs/PO2203");
  boards.add_boards()->set_code("41234");
  boards.mutable_boards(0)->set_display_name("Stichting Primair");
  pb::BatchUpsertResponse reply;
  ASSERT_TRUE(directory_->BatchUpsertBoards(Context("office:PO2203").get(), boards, &reply).ok());
  pb::BatchUpsertSchoolsRequest schools;
  schools.set_parent("swvs/PO2203");
  for (int i = 0; i < 10000; ++i) {
    // BRIN "<2 digits><2 letters>" + vestiging: 100 x 100 distinct codes.
    const std::string code = absl::StrFormat("%02d%c%c%02d", i / 100, 'A' + (i / 100) % 26,
                                             'A' + (i / 100) / 26, i % 100);
    *schools.add_schools() = SchoolRow(code, pb::SCHOOL_KIND_REGULAR, true, "41234", "");
  }
  const absl::Time start = absl::Now();
  grpc::ClientContext context;
  context.AddMetadata("x-swv-principal", "office:PO2203");
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120));
  grpc::Status status = directory_->BatchUpsertSchools(&context, schools, &reply);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(reply.accepted(), 10000);
  EXPECT_EQ(reply.rejected(), 0);
  std::cout << "10000 schools upserted in " << absl::Now() - start << "\n";

  pb::ListSchoolsRequest list;
  list.set_parent("swvs/PO2203");
  list.set_page_size(1000);
  int seen = 0;
  std::string last;
  do {
    pb::ListSchoolsResponse page;
    ASSERT_TRUE(directory_->ListSchools(Context().get(), list, &page).ok());
    for (const pb::School& s : page.schools()) {
      EXPECT_GT(s.code(), last);  // strictly increasing: no repeats, no gaps
      last = s.code();
      ++seen;
    }
    list.set_page_token(page.next_page_token());
  } while (!list.page_token().empty());
  EXPECT_EQ(seen, 10000);
}

TEST_P(TlvServerTest, OppVersionsAreKeptAndEvaluationOverdueFollowsTheClock) {
  SeedDirectory();
  const std::string name =
      CreateOpp("LVS-7", "2025-11-01", "2025-09-01", pb::PARENTAL_CONSENT_NOT_ASKED);
  pb::GetOppRequest get;
  get.set_name(name);
  pb::Opp opp;
  ASSERT_TRUE(tlvs_->GetOpp(Context().get(), get, &opp).ok());
  EXPECT_TRUE(opp.drawn_up_late());  // 2 months after enrolment
  EXPECT_EQ(opp.evaluation_due(), "2026-11-01");
  EXPECT_TRUE(opp.evaluation_overdue());  // today 2026-11-16

  pb::UpdateOppRequest update;
  *update.mutable_opp() = opp;
  update.mutable_opp()->set_consent(pb::PARENTAL_CONSENT_GIVEN);
  update.mutable_opp()->set_consent_date("2026-11-10");
  update.mutable_opp()->set_last_evaluated_on("2026-11-10");
  grpc::Status status = tlvs_->UpdateOpp(Context().get(), update, &opp);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);  // no reason given
  EXPECT_THAT(FieldsOf(status), ElementsAre("reason"));
  update.set_reason("yearly evaluation; parents consented");
  ASSERT_TRUE(tlvs_->UpdateOpp(Context().get(), update, &opp).ok());
  EXPECT_EQ(opp.version(), 2);
  EXPECT_FALSE(opp.evaluation_overdue());
  EXPECT_EQ(opp.evaluation_due(), "2027-11-10");
  // Stale version: ABORTED, nothing written.
  status = tlvs_->UpdateOpp(Context().get(), update, &opp);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  update.mutable_opp()->set_school("13AB00");
  update.mutable_opp()->set_version(0);
  status = tlvs_->UpdateOpp(Context().get(), update, &opp);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "IMMUTABLE_FIELD");

  pb::ListOppVersionsRequest versions_request;
  versions_request.set_name(name);
  pb::ListOppVersionsResponse versions;
  ASSERT_TRUE(tlvs_->ListOppVersions(Context().get(), versions_request, &versions).ok());
  ASSERT_EQ(versions.versions_size(), 2);
  EXPECT_EQ(versions.versions(0).action(), "created");
  EXPECT_THAT(versions.versions(0).snapshot_json(), HasSubstr("\"consent\":\"not_asked\""));
  EXPECT_EQ(versions.versions(1).reason(), "yearly evaluation; parents consented");
  EXPECT_THAT(versions.versions(1).snapshot_json(), HasSubstr("\"consent\":\"given\""));
}

TEST_P(TlvServerTest, TlvWholeLifeWithDeadlineOverdueAndLeadTimes) {
  SeedDirectory();
  SetToday(2026, 9, 15);
  const std::string opp = CreateOpp("LVS-1", "2026-09-01", "", pb::PARENTAL_CONSENT_REFUSED);
  pb::Tlv tlv = CreateTlv("LVS-1", pb::TLV_KIND_SO, pb::SO_CATEGORY_MIDDEN, "56EF00", "2026-09-15");
  EXPECT_EQ(tlv.status(), pb::TLV_STATUS_RECEIVED);
  EXPECT_FALSE(tlv.receiving_school_inside_region());
  EXPECT_EQ(tlv.days_to_complete(), -1);
  EXPECT_EQ(tlv.decision_deadline(), "");

  // Decided before complete: refused with the state's reason.
  pb::Tlv reply;
  grpc::Status status =
      Decide(Decision(tlv, "2026-09-15", pb::TLV_OUTCOME_GRANTED, "2026-09-15"), &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "TLV_NOT_COMPLETE");

  SetToday(2026, 9, 29);
  // The parents refused consent on the OPP: their view must be recorded first.
  status = Complete(tlv, opp, "2026-09-29", &reply);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(FieldsOf(status), ElementsAre("parents_view"));
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "PARENTS_VIEW_REQUIRED");
  status = Complete(tlv, "", "2026-09-29", &reply);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "OPP_REQUIRED");
  const std::string other_pupils_opp = CreateOpp("LVS-2", "2026-09-01");
  status = Complete(tlv, other_pupils_opp, "2026-09-29", &reply);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "OPP_OF_OTHER_PUPIL");
  status = Complete(tlv, opp, "2026-09-29", &reply, "2026-09-28",
                    "Parents fear the long taxi ride; they would prefer SBO.");
  ASSERT_TRUE(status.ok()) << status.error_message();
  tlv = reply;
  EXPECT_EQ(tlv.status(), pb::TLV_STATUS_COMPLETE);
  EXPECT_EQ(tlv.opp(), opp);
  EXPECT_FALSE(tlv.opp_consent_given());
  EXPECT_EQ(tlv.days_to_complete(), 14);
  EXPECT_EQ(tlv.decision_deadline(), "2026-11-10");  // 6 weeks

  SetToday(2026, 11, 5);
  pb::ExtendTlvRequest extend;
  extend.set_name(tlv.name());
  extend.set_extended_on("2026-11-05");
  extend.set_reason("the second expert needs an observation at school");
  extend.set_expected_version(tlv.version());
  ASSERT_TRUE(tlvs_->ExtendTlv(Context("office:PO2203").get(), extend, &tlv).ok());
  EXPECT_EQ(tlv.decision_deadline(), "2026-12-08");  // + 4 weeks
  extend.set_expected_version(0);
  status = tlvs_->ExtendTlv(Context("office:PO2203").get(), extend, &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "ALREADY_EXTENDED");

  // The deadline day itself is on time; the day after, the application is overdue.
  SetToday(2026, 12, 8);
  pb::GetTlvRequest get;
  get.set_name(tlv.name());
  ASSERT_TRUE(tlvs_->GetTlv(Context().get(), get, &reply).ok());
  EXPECT_FALSE(reply.overdue());
  SetToday(2026, 12, 9);
  ASSERT_TRUE(tlvs_->GetTlv(Context().get(), get, &reply).ok());
  EXPECT_TRUE(reply.overdue());
  pb::ListTlvsRequest list;
  list.set_parent("swvs/PO2203");
  list.set_overdue_only(true);
  pb::ListTlvsResponse listed;
  ASSERT_TRUE(tlvs_->ListTlvs(Context().get(), list, &listed).ok());
  ASSERT_EQ(listed.tlvs_size(), 1);
  EXPECT_EQ(listed.tlvs(0).name(), tlv.name());

  // An expert linked to the receiving school is refused; then a proper decision.
  pb::DecideTlvRequest decide = Decision(tlv, "2026-12-09", pb::TLV_OUTCOME_GRANTED, "2026-11-25");
  decide.mutable_advices(1)->set_affiliated_school("56EF00");
  status = Decide(decide, &reply);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(FieldsOf(status), ElementsAre("advices[1].affiliated_school"));
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "EXPERT_LINKED_TO_SCHOOL");
  decide.mutable_advices(1)->clear_affiliated_school();
  status = Decide(decide, &tlv);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(tlv.status(), pb::TLV_STATUS_GRANTED);
  EXPECT_EQ(tlv.decision_number(), "PO2203-2026-0001");
  EXPECT_TRUE(tlv.decided_late());  // one day past the extended deadline
  EXPECT_FALSE(tlv.overdue());
  EXPECT_EQ(tlv.days_to_decision(), 71);  // 29 Sep -> 9 Dec
  EXPECT_EQ(tlv.valid_from(), "2026-12-09");
  EXPECT_EQ(tlv.valid_until(), "2028-07-31");  // school years 2026-27 and 2027-28
  ASSERT_EQ(tlv.advices_size(), 2);
  EXPECT_EQ(tlv.advices(0).profession(), pb::EXPERT_PROFESSION_ORTHOPEDAGOOG);

  SetToday(2026, 12, 15);
  pb::RecordTlvObjectionRequest objection;
  objection.set_name(tlv.name());
  objection.set_filed_on("2026-12-14");
  objection.set_note("parents object to the category");
  ASSERT_TRUE(tlvs_->RecordTlvObjection(Context("office:PO2203").get(), objection, &tlv).ok());
  EXPECT_EQ(tlv.objection_filed_on(), "2026-12-14");

  // Numbers count up per tenant and year.
  const std::string opp2 = CreateOpp("LVS-3", "2026-12-01");
  pb::Tlv second =
      CreateTlv("LVS-3", pb::TLV_KIND_SBO, pb::SO_CATEGORY_UNSPECIFIED, "34CD00", "2026-12-01");
  ASSERT_TRUE(Complete(second, opp2, "2026-12-02", &second).ok());
  ASSERT_TRUE(
      Decide(Decision(second, "2026-12-15", pb::TLV_OUTCOME_REFUSED, "2026-12-10"), &second).ok());
  EXPECT_EQ(second.decision_number(), "PO2203-2026-0002");
  EXPECT_EQ(second.status(), pb::TLV_STATUS_REFUSED);
  EXPECT_EQ(second.valid_until(), "");

  pb::ListTlvHistoryRequest history_request;
  history_request.set_name(tlv.name());
  pb::ListTlvHistoryResponse history;
  ASSERT_TRUE(tlvs_->ListTlvHistory(Context().get(), history_request, &history).ok());
  std::vector<std::string> actions;
  for (const pb::TlvChange& change : history.changes()) actions.push_back(change.action());
  EXPECT_THAT(actions,
              ElementsAre("received", "completed", "extended", "decided", "objection_recorded"));
  EXPECT_EQ(history.changes(3).actor(), "office:PO2203");
  EXPECT_THAT(history.changes(3).snapshot_json(),
              HasSubstr("\"decisionNumber\":\"PO2203-2026-0001\""));
}

TEST_P(TlvServerTest, RenewalBeforeExpiryLinksBothAndIsIdempotent) {
  SeedDirectory();
  SetToday(2026, 10, 1);
  const std::string opp = CreateOpp("LVS-1", "2026-09-01");
  pb::Tlv tlv =
      CreateTlv("LVS-1", pb::TLV_KIND_SBO, pb::SO_CATEGORY_UNSPECIFIED, "34CD00", "2026-09-02");
  ASSERT_TRUE(Complete(tlv, opp, "2026-09-03", &tlv).ok());
  pb::DecideTlvRequest decide = Decision(tlv, "2026-09-20", pb::TLV_OUTCOME_GRANTED, "2026-09-10");
  decide.set_valid_until("2026-09-30");
  ASSERT_TRUE(Decide(decide, &tlv).ok());

  pb::RenewTlvRequest renew;
  renew.set_name(tlv.name());
  renew.set_received_on("2026-10-01");  // the day after expiry
  renew.set_request_id("renew-1");
  pb::Tlv renewal;
  grpc::Status status = tlvs_->RenewTlv(Context("office:PO2203").get(), renew, &renewal);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "RENEWAL_AFTER_EXPIRY");
  renew.set_received_on("2026-09-30");
  status = tlvs_->RenewTlv(Context("office:PO2203").get(), renew, &renewal);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(renewal.renews(), tlv.name());
  EXPECT_EQ(renewal.status(), pb::TLV_STATUS_RECEIVED);
  EXPECT_EQ(renewal.pupil_id(), tlv.pupil_id());
  pb::Tlv again;
  ASSERT_TRUE(tlvs_->RenewTlv(Context("office:PO2203").get(), renew, &again).ok());
  EXPECT_EQ(again.name(), renewal.name());
  renew.set_request_id("renew-2");
  status = tlvs_->RenewTlv(Context("office:PO2203").get(), renew, &again);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "ALREADY_RENEWED");
  pb::GetTlvRequest get;
  get.set_name(tlv.name());
  ASSERT_TRUE(tlvs_->GetTlv(Context().get(), get, &tlv).ok());
  EXPECT_EQ(tlv.renewed_by(), renewal.name());
}

TEST_P(TlvServerTest, ValiditySettingIsPerSwv) {
  SeedDirectory();
  pb::GetSwvSettingsRequest get;
  get.set_name("swvs/PO2203/settings");
  pb::SwvSettings settings;
  ASSERT_TRUE(stub_->GetSwvSettings(Context().get(), get, &settings).ok());
  EXPECT_EQ(settings.tlv_validity_school_years(), 2);
  pb::UpdateSwvSettingsRequest update;
  update.mutable_settings()->set_name("swvs/PO2203/settings");
  update.mutable_settings()->set_thuiszitter_report_within_days(2);
  update.mutable_settings()->set_tlv_validity_school_years(9);
  grpc::Status status = stub_->UpdateSwvSettings(Context("office:PO2203").get(), update, &settings);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(FieldsOf(status), ElementsAre("settings.tlv_validity_school_years"));
  update.mutable_settings()->set_tlv_validity_school_years(3);
  ASSERT_TRUE(stub_->UpdateSwvSettings(Context("office:PO2203").get(), update, &settings).ok());
  EXPECT_EQ(settings.tlv_validity_school_years(), 3);

  const std::string opp = CreateOpp("LVS-1", "2026-09-01");
  pb::Tlv tlv =
      CreateTlv("LVS-1", pb::TLV_KIND_SBO, pb::SO_CATEGORY_UNSPECIFIED, "34CD00", "2026-09-02");
  ASSERT_TRUE(Complete(tlv, opp, "2026-09-03", &tlv).ok());
  ASSERT_TRUE(
      Decide(Decision(tlv, "2026-09-20", pb::TLV_OUTCOME_GRANTED, "2026-09-10"), &tlv).ok());
  EXPECT_EQ(tlv.valid_until(), "2029-07-31");
}

// Decision numbers come from a counter row updated in the deciding transaction: decisions made at
// the same moment (here: 8 threads, as if on 8 replicas sharing the database) get distinct,
// consecutive numbers.
TEST_P(TlvServerTest, ConcurrentDecisionsGetDistinctConsecutiveNumbers) {
  SeedDirectory();
  constexpr int kApplications = 8;
  std::vector<pb::Tlv> tlvs;
  for (int i = 0; i < kApplications; ++i) {
    const std::string lvs = absl::StrCat("LVS-", i);
    const std::string opp = CreateOpp(lvs, "2026-09-01");
    pb::Tlv tlv =
        CreateTlv(lvs, pb::TLV_KIND_SBO, pb::SO_CATEGORY_UNSPECIFIED, "34CD00", "2026-09-02");
    ASSERT_TRUE(Complete(tlv, opp, "2026-09-03", &tlv).ok());
    tlvs.push_back(tlv);
  }
  std::vector<pb::Tlv> decided(kApplications);
  std::vector<grpc::Status> statuses(kApplications);
  std::vector<std::thread> threads;
  for (int i = 0; i < kApplications; ++i) {
    threads.emplace_back([&, i] {
      statuses[i] = Decide(Decision(tlvs[i], "2026-10-01", pb::TLV_OUTCOME_GRANTED, "2026-09-20"),
                           &decided[i]);
    });
  }
  for (std::thread& t : threads) t.join();
  std::set<std::string> numbers;
  for (int i = 0; i < kApplications; ++i) {
    ASSERT_TRUE(statuses[i].ok()) << statuses[i].error_message();
    numbers.insert(decided[i].decision_number());
  }
  std::set<std::string> expected;
  for (int i = 1; i <= kApplications; ++i) expected.insert(absl::StrFormat("PO2203-2026-%04d", i));
  EXPECT_EQ(numbers, expected);
}

// The data set, with the hand-computed expectations next to each application. Period: 2026;
// today: 2027-01-10. Lead days: received->complete, complete->decision.
TEST_P(TlvServerTest, StatisticsOfAHandBuiltDataSet) {
  SeedDirectory();
  SetToday(2027, 1, 10);
  pb::Tlv reply;
  // A: SBO, 34CD00 inside; 10 days, decided granted after 21 days (on time). OPP drawn up late:
  // enrolled 2025-12-01, drawn up 2026-01-20 (more than 42 days).
  const std::string opp_a = CreateOpp("LVS-A", "2026-01-20", "2025-12-01");
  pb::Tlv a =
      CreateTlv("LVS-A", pb::TLV_KIND_SBO, pb::SO_CATEGORY_UNSPECIFIED, "34CD00", "2026-02-02");
  ASSERT_TRUE(Complete(a, opp_a, "2026-02-12", &a).ok());
  ASSERT_TRUE(Decide(Decision(a, "2026-03-05", pb::TLV_OUTCOME_GRANTED, "2026-03-01"), &a).ok());
  // B: SO laag, 78GH00 inside; 20 days, decided after 49 days without extension: late.
  const std::string opp_b = CreateOpp("LVS-B", "2026-02-20");
  pb::Tlv b = CreateTlv("LVS-B", pb::TLV_KIND_SO, pb::SO_CATEGORY_LAAG, "78GH00", "2026-03-02");
  ASSERT_TRUE(Complete(b, opp_b, "2026-03-22", &b).ok());
  ASSERT_TRUE(Decide(Decision(b, "2026-05-10", pb::TLV_OUTCOME_GRANTED, "2026-05-01"), &b).ok());
  // C: SO hoog, 56EF00 outside; 5 days, extended, decided after 49 days (deadline 70): on time.
  const std::string opp_c = CreateOpp("LVS-C", "2026-03-20");
  pb::Tlv c = CreateTlv("LVS-C", pb::TLV_KIND_SO, pb::SO_CATEGORY_HOOG, "56EF00", "2026-04-01");
  ASSERT_TRUE(Complete(c, opp_c, "2026-04-06", &c).ok());
  pb::ExtendTlvRequest extend;
  extend.set_name(c.name());
  extend.set_extended_on("2026-04-20");
  extend.set_reason("second advice pending");
  ASSERT_TRUE(tlvs_->ExtendTlv(Context("office:PO2203").get(), extend, &c).ok());
  ASSERT_TRUE(Decide(Decision(c, "2026-05-25", pb::TLV_OUTCOME_GRANTED, "2026-05-20"), &c).ok());
  // D: SBO refused; 15 days, decided after 13 days; objection filed 2026-06-10.
  const std::string opp_d = CreateOpp("LVS-D", "2026-04-20");
  pb::Tlv d =
      CreateTlv("LVS-D", pb::TLV_KIND_SBO, pb::SO_CATEGORY_UNSPECIFIED, "34CD00", "2026-05-04");
  ASSERT_TRUE(Complete(d, opp_d, "2026-05-19", &d).ok());
  ASSERT_TRUE(Decide(Decision(d, "2026-06-01", pb::TLV_OUTCOME_REFUSED, "2026-05-25"), &d).ok());
  pb::RecordTlvObjectionRequest objection;
  objection.set_name(d.name());
  objection.set_filed_on("2026-06-10");
  ASSERT_TRUE(tlvs_->RecordTlvObjection(Context("office:PO2203").get(), objection, &d).ok());
  // E: SBO, complete after 12 days on 2026-11-14, undecided; deadline 2026-12-26: overdue now.
  const std::string opp_e = CreateOpp("LVS-E", "2026-10-20");
  pb::Tlv e =
      CreateTlv("LVS-E", pb::TLV_KIND_SBO, pb::SO_CATEGORY_UNSPECIFIED, "34CD00", "2026-11-02");
  ASSERT_TRUE(Complete(e, opp_e, "2026-11-14", &e).ok());
  // F: from 13AB00 (board B2, wijk W2), only received; no OPP.
  CreateTlv("LVS-F", pb::TLV_KIND_SBO, pb::SO_CATEGORY_UNSPECIFIED, "34CD00", "2026-12-20",
            "13AB00");
  // G: received and complete in 2025, decided 2026-01-05 after 56 days: late; SO midden inside.
  // Its OPP (drawn up 2025-10-01) is due for evaluation 2026-10-01: overdue now.
  const std::string opp_g = CreateOpp("LVS-G", "2025-10-01");
  pb::Tlv g = CreateTlv("LVS-G", pb::TLV_KIND_SO, pb::SO_CATEGORY_MIDDEN, "78GH00", "2025-11-03");
  ASSERT_TRUE(Complete(g, opp_g, "2025-11-10", &g).ok());
  ASSERT_TRUE(Decide(Decision(g, "2026-01-05", pb::TLV_OUTCOME_GRANTED, "2026-01-02"), &g).ok());
  // H: renewal of A, received 2026-12-01.
  pb::RenewTlvRequest renew;
  renew.set_name(a.name());
  renew.set_received_on("2026-12-01");
  ASSERT_TRUE(tlvs_->RenewTlv(Context("office:PO2203").get(), renew, &reply).ok());

  pb::GetTlvStatisticsRequest request;
  request.set_parent("swvs/PO2203");
  request.set_from("2026-01-01");
  request.set_to("2026-12-31");
  pb::TlvStatistics stats;
  grpc::Status status = tlvs_->GetTlvStatistics(Context().get(), request, &stats);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(stats.received(), 7);                 // A B C D E F H
  EXPECT_EQ(stats.completed(), 5);                // A B C D E
  EXPECT_EQ(stats.decided(), 5);                  // A B C D G
  EXPECT_EQ(stats.granted(), 4);                  // A B C G
  EXPECT_EQ(stats.refused(), 1);                  // D
  EXPECT_EQ(stats.decided_within_deadline(), 3);  // A C D
  EXPECT_EQ(stats.decided_late(), 2);             // B G
  EXPECT_EQ(stats.open_now(), 3);                 // E F H
  EXPECT_EQ(stats.overdue_now(), 1);              // E
  // received->complete: [5 10 12 15 20]: ranks ceil(1.25)=2, ceil(2.5)=3, ceil(3.75)=4.
  EXPECT_EQ(stats.received_to_complete().count(), 5);
  EXPECT_EQ(stats.received_to_complete().p25_days(), 10);
  EXPECT_EQ(stats.received_to_complete().p50_days(), 12);
  EXPECT_EQ(stats.received_to_complete().p75_days(), 15);
  // complete->decision: [13 21 49 49 56].
  EXPECT_EQ(stats.complete_to_decision().count(), 5);
  EXPECT_EQ(stats.complete_to_decision().p25_days(), 21);
  EXPECT_EQ(stats.complete_to_decision().p50_days(), 49);
  EXPECT_EQ(stats.complete_to_decision().p75_days(), 49);
  EXPECT_EQ(stats.granted_sbo(), 1);                       // A
  EXPECT_EQ(stats.granted_so_laag(), 1);                   // B
  EXPECT_EQ(stats.granted_so_midden(), 1);                 // G
  EXPECT_EQ(stats.granted_so_hoog(), 1);                   // C
  EXPECT_EQ(stats.granted_receiving_inside_region(), 3);   // A B G
  EXPECT_EQ(stats.granted_receiving_outside_region(), 1);  // C
  EXPECT_EQ(stats.objections(), 1);                        // D
  EXPECT_EQ(stats.renewals_received(), 1);                 // H
  EXPECT_EQ(stats.opps_active_now(), 6);                   // A B C D E G
  EXPECT_EQ(stats.opps_evaluation_overdue_now(), 1);       // G
  EXPECT_EQ(stats.opps_drawn_up_late(), 1);                // A

  // Filtered on board B2: only F.
  request.set_board("B2");
  ASSERT_TRUE(tlvs_->GetTlvStatistics(Context().get(), request, &stats).ok());
  EXPECT_EQ(stats.received(), 1);
  EXPECT_EQ(stats.open_now(), 1);
  EXPECT_EQ(stats.decided(), 0);
  EXPECT_EQ(stats.opps_active_now(), 0);
  // Filtered on wijk W1 (12AB00, 34CD00): everything but F.
  request.clear_board();
  request.set_wijk("w1");
  ASSERT_TRUE(tlvs_->GetTlvStatistics(Context().get(), request, &stats).ok());
  EXPECT_EQ(stats.received(), 6);
  // The first half of 2026 only.
  request.clear_wijk();
  request.set_to("2026-06-30");
  ASSERT_TRUE(tlvs_->GetTlvStatistics(Context().get(), request, &stats).ok());
  EXPECT_EQ(stats.received(), 4);  // A B C D
  EXPECT_EQ(stats.decided(), 5);   // A B C D G

  request.set_to("2025-12-31");
  status = tlvs_->GetTlvStatistics(Context().get(), request, &stats);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "PERIOD_REVERSED");
}

// GetPlacementStatistics over a hand-built data set (definitions in docs/tlv.md), including the
// SO-TLV profile of an OPP, its storage and versions. Today 2027-01-10.
TEST_P(TlvServerTest, PlacementStatisticsOfAHandBuiltDataSet) {
  SeedDirectory();
  // 14AB00 a second regular school in W1 (board B2); 90MD00 an MDO in W1; 91MD00 an MDO outside.
  pb::BatchUpsertSchoolsRequest more;
  more.set_parent("swvs/PO2203");
  *more.add_schools() = SchoolRow("14AB00", pb::SCHOOL_KIND_REGULAR, true, "B2", "W1");
  *more.add_schools() = SchoolRow("90MD00", pb::SCHOOL_KIND_MDO, true, "B1", "W1");
  *more.add_schools() = SchoolRow("91MD00", pb::SCHOOL_KIND_MDO, false, "", "");
  pb::BatchUpsertResponse upserted;
  ASSERT_TRUE(directory_->BatchUpsertSchools(Context("office:PO2203").get(), more, &upserted).ok());
  ASSERT_EQ(upserted.accepted(), 3) << upserted.DebugString();
  SetToday(2027, 1, 10);
  auto granted = [&](const std::string& lvs, const std::string& opp, pb::TlvKind kind,
                     pb::SoCategory category, const std::string& receiving,
                     const std::string& referring, const std::string& received,
                     const std::string& decided) {
    pb::Tlv tlv = CreateTlv(lvs, kind, category, receiving, received, referring);
    ASSERT_TRUE(Complete(tlv, opp, received, &tlv).ok());
    grpc::Status status = Decide(Decision(tlv, decided, pb::TLV_OUTCOME_GRANTED, received), &tlv);
    ASSERT_TRUE(status.ok()) << status.error_message();
  };
  auto with_profile = [&](const std::string& name, bool profile) {
    pb::GetOppRequest get;
    get.set_name(name);
    pb::UpdateOppRequest update;
    ASSERT_TRUE(tlvs_->GetOpp(Context().get(), get, update.mutable_opp()).ok());
    update.mutable_opp()->set_so_tlv_profile(profile);
    update.set_reason("SO-TLV profile judged by the SWV");
    pb::Opp updated;
    ASSERT_TRUE(tlvs_->UpdateOpp(Context().get(), update, &updated).ok());
    EXPECT_TRUE(updated.has_so_tlv_profile());
    EXPECT_EQ(updated.so_tlv_profile(), profile);
  };
  // P1 12AB00: an OPP only: at its first school.
  CreateOpp("LVS-1", "2026-02-01");
  // P2 12AB00 -> SBO 34CD00 (W1, as 12AB00): served in the same wijk.
  granted("LVS-2", CreateOpp("LVS-2", "2026-01-10"), pb::TLV_KIND_SBO, pb::SO_CATEGORY_UNSPECIFIED,
          "34CD00", "12AB00", "2026-02-02", "2026-03-02");
  // P3 12AB00 -> SO 78GH00 (no wijk): elsewhere; SO-TLV profile, not at an MDO.
  granted("LVS-3", CreateOpp("LVS-3", "2026-01-15"), pb::TLV_KIND_SO, pb::SO_CATEGORY_LAAG,
          "78GH00", "12AB00", "2026-02-02", "2026-03-03");
  // P4 13AB00 (W2) -> SBO 34CD00 (W1): elsewhere.
  granted("LVS-4", CreateOpp("LVS-4", "2026-02-01", "", pb::PARENTAL_CONSENT_GIVEN, "13AB00"),
          pb::TLV_KIND_SBO, pb::SO_CATEGORY_UNSPECIFIED, "34CD00", "13AB00", "2026-02-10",
          "2026-03-04");
  // P5 at the MDO 90MD00 with an SO-TLV profile (set on create): at its first school, at an MDO.
  {
    pb::CreateOppRequest request;
    request.set_parent("swvs/PO2203");
    pb::Opp* opp = request.mutable_opp();
    opp->set_school("90MD00");
    opp->set_lvs_pupil_number("LVS-5");
    opp->set_drawn_up_on("2026-03-01");
    opp->set_start_date("2026-03-01");
    opp->set_consent(pb::PARENTAL_CONSENT_GIVEN);
    opp->set_consent_date("2026-03-01");
    opp->set_so_tlv_profile(true);
    pb::Opp reply;
    ASSERT_TRUE(tlvs_->CreateOpp(Context().get(), request, &reply).ok());
    EXPECT_TRUE(reply.so_tlv_profile());
  }
  // P6 12AB00 with an SO-TLV profile (set by an update): not at an MDO.
  with_profile(CreateOpp("LVS-6", "2026-04-01"), true);
  // P7 at the MDO 91MD00 outside the region, profile set then withdrawn: no SO-TLV profile.
  const std::string p7 = CreateOpp("LVS-7", "2026-04-01", "", pb::PARENTAL_CONSENT_GIVEN, "91MD00");
  with_profile(p7, true);
  with_profile(p7, false);
  // P8 12AB00: its OPP ended in 2025: not counted in 2026.
  {
    const std::string p8 = CreateOpp("LVS-8", "2025-01-10");
    pb::GetOppRequest get;
    get.set_name(p8);
    pb::UpdateOppRequest update;
    ASSERT_TRUE(tlvs_->GetOpp(Context().get(), get, update.mutable_opp()).ok());
    update.mutable_opp()->set_end_date("2025-12-31");
    update.set_reason("plan ended");
    pb::Opp updated;
    ASSERT_TRUE(tlvs_->UpdateOpp(Context().get(), update, &updated).ok());
  }

  pb::GetPlacementStatisticsRequest request;
  request.set_parent("swvs/PO2203");
  request.set_from("2026-01-01");
  request.set_to("2026-12-31");
  pb::PlacementStatistics stats;
  grpc::Status status = tlvs_->GetPlacementStatistics(Context().get(), request, &stats);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(stats.as_of(), "2026-12-31");
  // Extra support: P1..P7 = 7. At the first school P1 P5 P6 P7; same wijk P2; elsewhere P3 P4.
  EXPECT_EQ(stats.total().extra_support_pupils(), 7);
  EXPECT_EQ(stats.total().served_at_first_school(), 4);
  EXPECT_EQ(stats.total().served_in_same_wijk(), 1);
  EXPECT_EQ(stats.total().served_elsewhere(), 2);
  // SO-TLV profile: P3 (SO TLV), P5, P6; at an MDO inside the region: P5.
  EXPECT_EQ(stats.total().so_profile_pupils(), 3);
  EXPECT_EQ(stats.total().so_profile_at_mdo_inside_region(), 1);
  ASSERT_EQ(stats.schools_size(), 4);  // 12AB00 13AB00 90MD00 91MD00
  EXPECT_EQ(stats.schools(0).key(), "12AB00");
  EXPECT_EQ(stats.schools(0).extra_support_pupils(), 4);  // P1 P2 P3 P6
  EXPECT_EQ(stats.schools(0).served_at_first_school(), 2);
  EXPECT_EQ(stats.schools(0).served_in_same_wijk(), 1);
  EXPECT_EQ(stats.schools(0).so_profile_pupils(), 2);
  EXPECT_EQ(stats.schools(1).key(), "13AB00");
  EXPECT_EQ(stats.schools(1).served_elsewhere(), 1);
  EXPECT_EQ(stats.schools(2).key(), "90MD00");
  EXPECT_EQ(stats.schools(2).so_profile_at_mdo_inside_region(), 1);
  EXPECT_EQ(stats.schools(3).key(), "91MD00");
  EXPECT_EQ(stats.schools(3).so_profile_pupils(), 0);

  // Up to 2026-02-15: the TLVs of P2..P4 are not valid yet, so everybody with an OPP by then (P1
  // P2 P3 P4) is at the first school; nobody has an SO-TLV profile yet.
  request.set_to("2026-02-15");
  ASSERT_TRUE(tlvs_->GetPlacementStatistics(Context().get(), request, &stats).ok());
  EXPECT_EQ(stats.total().extra_support_pupils(), 4);
  EXPECT_EQ(stats.total().served_at_first_school(), 4);
  EXPECT_EQ(stats.total().so_profile_pupils(), 0);

  // The profile is kept in the OPP's versions.
  pb::ListOppVersionsRequest versions_request;
  versions_request.set_name(p7);
  pb::ListOppVersionsResponse versions;
  ASSERT_TRUE(tlvs_->ListOppVersions(Context().get(), versions_request, &versions).ok());
  ASSERT_EQ(versions.versions_size(), 3);
  EXPECT_THAT(versions.versions(0).snapshot_json(), HasSubstr("\"soTlvProfile\":null"));
  EXPECT_THAT(versions.versions(1).snapshot_json(), HasSubstr("\"soTlvProfile\":true"));
  EXPECT_THAT(versions.versions(2).snapshot_json(), HasSubstr("\"soTlvProfile\":false"));

  request.set_to("2025-12-31");
  status = tlvs_->GetPlacementStatistics(Context().get(), request, &stats);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "PERIOD_REVERSED");
}

// The service checks scope again behind the gateway: a school sees its own schools' OPPs and the
// TLVs it referred, a board those of its schools (per the directory), a partner no OPP or TLV at
// all, another tenant's office nothing; TLV changes, statistics, boards and wijken are the
// office's. Out of scope reads as if the record did not exist.
// The fields that decide money and scope, and the SO-TLV judgement, are the office's: a school or
// board writing its own records leaves them as stored, and nothing is written when it tries.
TEST_P(TlvServerTest, SchoolsAndBoardsLeaveTheOfficesDecisionsAsTheyAre) {
  SeedDirectory();  // B1: 12AB00 (W1, regular), 34CD00, 78GH00; B2: 13AB00
  auto school = [] { return ContextAs(PrincipalKind::kSchool, {"12AB00"}); };
  auto board = [] { return ContextAs(PrincipalKind::kBoard, {"B1"}); };
  pb::BatchUpsertResponse reply;
  pb::GetSchoolRequest get;
  get.set_name("swvs/PO2203/schools/12AB00");
  pb::School stored;

  // Its own row, moved to another board, wijk, kind and out of the region: refused, by field.
  pb::BatchUpsertSchoolsRequest moved;
  moved.set_parent("swvs/PO2203");
  *moved.add_schools() = SchoolRow("12AB00", pb::SCHOOL_KIND_SO, true, "B2", "W2");
  grpc::Status status = directory_->BatchUpsertSchools(school().get(), moved, &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "OFFICE_DECIDES");
  EXPECT_THAT(FieldsOf(status), ::testing::UnorderedElementsAre(
                                    "schools[0].board", "schools[0].wijk", "schools[0].kind"));
  EXPECT_EQ(directory_->BatchUpsertSchools(board().get(), moved, &reply).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // A location the directory does not hold is the office's to add.
  pb::BatchUpsertSchoolsRequest added;
  added.set_parent("swvs/PO2203");
  *added.add_schools() = SchoolRow("12AB01", pb::SCHOOL_KIND_REGULAR, true, "B1", "W1");
  status = directory_->BatchUpsertSchools(ContextAs(PrincipalKind::kSchool, {"12AB01"}).get(),
                                          added, &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(FieldsOf(status), ::testing::ElementsAre("schools[0].code"));
  ASSERT_TRUE(directory_->GetSchool(Context().get(), get, &stored).ok());
  EXPECT_EQ(stored.board(), "B1");
  EXPECT_EQ(stored.kind(), pb::SCHOOL_KIND_REGULAR);
  EXPECT_EQ(stored.version(), 1);

  // Its name, with the office's fields left out: written, and those fields kept.
  pb::BatchUpsertSchoolsRequest renamed;
  renamed.set_parent("swvs/PO2203");
  *renamed.add_schools() = SchoolRow("12AB00", pb::SCHOOL_KIND_UNSPECIFIED, false, "", "");
  renamed.mutable_schools(0)->set_display_name("OBS De Regenboog");
  status = directory_->BatchUpsertSchools(school().get(), renamed, &reply);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_TRUE(directory_->GetSchool(Context().get(), get, &stored).ok());
  EXPECT_EQ(stored.display_name(), "OBS De Regenboog");
  EXPECT_EQ(stored.board(), "B1");
  EXPECT_EQ(stored.wijk(), "W1");
  EXPECT_EQ(stored.kind(), pb::SCHOOL_KIND_REGULAR);
  EXPECT_TRUE(stored.inside_region());
  // The office moves it.
  ASSERT_TRUE(directory_->BatchUpsertSchools(Context("office:PO2203").get(), moved, &reply).ok());
  ASSERT_TRUE(directory_->GetSchool(Context().get(), get, &stored).ok());
  EXPECT_EQ(stored.board(), "B2");

  // The SO-TLV judgement on an OPP: not by the school, on create or update; by the office.
  pb::CreateOppRequest create;
  create.set_parent("swvs/PO2203");
  pb::Opp* opp = create.mutable_opp();
  opp->set_school("13AB00");
  opp->set_lvs_pupil_number("LVS-J");
  opp->set_drawn_up_on("2026-10-01");
  opp->set_start_date("2026-10-01");
  opp->set_consent(pb::PARENTAL_CONSENT_GIVEN);
  opp->set_consent_date("2026-10-01");
  opp->set_so_tlv_profile(true);
  auto school13 = [] { return ContextAs(PrincipalKind::kSchool, {"13AB00"}); };
  pb::Opp created;
  status = tlvs_->CreateOpp(school13().get(), create, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(FieldsOf(status), ::testing::ElementsAre("opp.so_tlv_profile"));
  opp->clear_so_tlv_profile();
  ASSERT_TRUE(tlvs_->CreateOpp(school13().get(), create, &created).ok());
  pb::UpdateOppRequest update;
  *update.mutable_opp() = created;
  update.set_reason("judged");
  update.mutable_opp()->set_so_tlv_profile(true);
  pb::Opp updated;
  EXPECT_EQ(tlvs_->UpdateOpp(school13().get(), update, &updated).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  status = tlvs_->UpdateOpp(Context("office:PO2203").get(), update, &updated);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(updated.so_tlv_profile());
  // The school updates its plan without the judgement: the office's stays.
  *update.mutable_opp() = updated;
  update.mutable_opp()->clear_so_tlv_profile();
  update.mutable_opp()->set_last_evaluated_on("2026-11-01");
  update.set_reason("evaluated");
  status = tlvs_->UpdateOpp(school13().get(), update, &updated);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(updated.has_so_tlv_profile());
  EXPECT_TRUE(updated.so_tlv_profile());
}

TEST_P(TlvServerTest, ScopedPrincipalsSeeOnlyTheirSchoolsRecords) {
  SeedDirectory();  // B1: 12AB00, 34CD00, 78GH00; B2: 13AB00
  const std::string own_opp = CreateOpp("LVS-1", "2026-10-01");
  const std::string other_opp =
      CreateOpp("LVS-2", "2026-10-01", "", pb::PARENTAL_CONSENT_GIVEN, "13AB00");
  const pb::Tlv own_tlv =
      CreateTlv("LVS-1", pb::TLV_KIND_SBO, pb::SO_CATEGORY_UNSPECIFIED, "34CD00", "2026-10-15");
  const pb::Tlv other_tlv = CreateTlv("LVS-2", pb::TLV_KIND_SBO, pb::SO_CATEGORY_UNSPECIFIED,
                                      "34CD00", "2026-10-15", "13AB00");
  auto school = [] { return ContextAs(PrincipalKind::kSchool, {"12AB00"}); };
  auto board1 = [] { return ContextAs(PrincipalKind::kBoard, {"B1"}); };
  auto board2 = [] { return ContextAs(PrincipalKind::kBoard, {"B2"}); };
  auto partner = [] { return ContextAs(PrincipalKind::kPartner, {"GM0606"}); };
  auto other_office = [] { return ContextAs(PrincipalKind::kOffice, {}, "PO2204"); };

  // OPPs.
  pb::GetOppRequest get_opp;
  pb::Opp opp;
  get_opp.set_name(own_opp);
  EXPECT_TRUE(tlvs_->GetOpp(school().get(), get_opp, &opp).ok());
  EXPECT_TRUE(tlvs_->GetOpp(board1().get(), get_opp, &opp).ok());
  EXPECT_EQ(tlvs_->GetOpp(board2().get(), get_opp, &opp).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(tlvs_->GetOpp(partner().get(), get_opp, &opp).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(tlvs_->GetOpp(other_office().get(), get_opp, &opp).error_code(),
            grpc::StatusCode::NOT_FOUND);
  get_opp.set_name(other_opp);
  EXPECT_EQ(tlvs_->GetOpp(school().get(), get_opp, &opp).error_code(), grpc::StatusCode::NOT_FOUND);
  pb::ListOppVersionsRequest versions;
  versions.set_name(other_opp);
  pb::ListOppVersionsResponse version_list;
  EXPECT_EQ(tlvs_->ListOppVersions(school().get(), versions, &version_list).error_code(),
            grpc::StatusCode::NOT_FOUND);
  pb::ListOppsRequest list_opps;
  list_opps.set_parent("swvs/PO2203");
  pb::ListOppsResponse opps;
  ASSERT_TRUE(tlvs_->ListOpps(school().get(), list_opps, &opps).ok());
  ASSERT_EQ(opps.opps_size(), 1);
  EXPECT_EQ(opps.opps(0).name(), own_opp);
  ASSERT_TRUE(tlvs_->ListOpps(board2().get(), list_opps, &opps).ok());
  ASSERT_EQ(opps.opps_size(), 1);
  EXPECT_EQ(opps.opps(0).name(), other_opp);
  EXPECT_EQ(tlvs_->ListOpps(partner().get(), list_opps, &opps).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(tlvs_->ListOpps(other_office().get(), list_opps, &opps).error_code(),
            grpc::StatusCode::NOT_FOUND);
  // Writes: another school's OPP as if it did not exist; a partner never.
  pb::UpdateOppRequest update;
  *update.mutable_opp() = opp;
  update.mutable_opp()->set_name(other_opp);
  update.set_reason("evaluated");
  EXPECT_EQ(tlvs_->UpdateOpp(school().get(), update, &opp).error_code(),
            grpc::StatusCode::NOT_FOUND);
  pb::CreateOppRequest create_opp;
  create_opp.set_parent("swvs/PO2203");
  create_opp.mutable_opp()->set_school("13AB00");
  create_opp.mutable_opp()->set_lvs_pupil_number("LVS-9");
  create_opp.mutable_opp()->set_drawn_up_on("2026-10-01");
  create_opp.mutable_opp()->set_start_date("2026-10-01");
  create_opp.mutable_opp()->set_consent(pb::PARENTAL_CONSENT_NOT_ASKED);
  EXPECT_EQ(tlvs_->CreateOpp(school().get(), create_opp, &opp).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(tlvs_->CreateOpp(partner().get(), create_opp, &opp).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(tlvs_->CreateOpp(board2().get(), create_opp, &opp).ok());

  // TLVs belong to their referring school.
  pb::GetTlvRequest get_tlv;
  pb::Tlv tlv;
  get_tlv.set_name(own_tlv.name());
  EXPECT_TRUE(tlvs_->GetTlv(school().get(), get_tlv, &tlv).ok());
  EXPECT_TRUE(tlvs_->GetTlv(board1().get(), get_tlv, &tlv).ok());
  EXPECT_EQ(tlvs_->GetTlv(board2().get(), get_tlv, &tlv).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(tlvs_->GetTlv(partner().get(), get_tlv, &tlv).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(tlvs_->GetTlv(ContextAs(PrincipalKind::kOps, {}).get(), get_tlv, &tlv).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(tlvs_->GetTlv(other_office().get(), get_tlv, &tlv).error_code(),
            grpc::StatusCode::NOT_FOUND);
  get_tlv.set_name(other_tlv.name());
  EXPECT_EQ(tlvs_->GetTlv(school().get(), get_tlv, &tlv).error_code(), grpc::StatusCode::NOT_FOUND);
  pb::ListTlvHistoryRequest history;
  history.set_name(other_tlv.name());
  pb::ListTlvHistoryResponse changes;
  EXPECT_EQ(tlvs_->ListTlvHistory(school().get(), history, &changes).error_code(),
            grpc::StatusCode::NOT_FOUND);
  history.set_name(own_tlv.name());
  EXPECT_TRUE(tlvs_->ListTlvHistory(school().get(), history, &changes).ok());
  pb::ListTlvsRequest list_tlvs;
  list_tlvs.set_parent("swvs/PO2203");
  pb::ListTlvsResponse tlv_list;
  ASSERT_TRUE(tlvs_->ListTlvs(school().get(), list_tlvs, &tlv_list).ok());
  ASSERT_EQ(tlv_list.tlvs_size(), 1);
  EXPECT_EQ(tlv_list.tlvs(0).name(), own_tlv.name());
  ASSERT_TRUE(tlvs_->ListTlvs(board1().get(), list_tlvs, &tlv_list).ok());
  ASSERT_EQ(tlv_list.tlvs_size(), 1);
  EXPECT_EQ(tlv_list.tlvs(0).name(), own_tlv.name());
  ASSERT_TRUE(tlvs_->ListTlvs(Context("office:PO2203").get(), list_tlvs, &tlv_list).ok());
  EXPECT_EQ(tlv_list.tlvs_size(), 2);
  EXPECT_EQ(tlvs_->ListTlvs(partner().get(), list_tlvs, &tlv_list).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // Deciding, and the statistics, are the office's.
  pb::DecideTlvRequest decide =
      Decision(own_tlv, "2026-11-10", pb::TLV_OUTCOME_GRANTED, "2026-11-01");
  EXPECT_EQ(tlvs_->DecideTlv(school().get(), decide, &tlv).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(tlvs_->DecideTlv(other_office().get(), decide, &tlv).error_code(),
            grpc::StatusCode::NOT_FOUND);
  pb::GetTlvStatisticsRequest statistics;
  statistics.set_parent("swvs/PO2203");
  statistics.set_from("2026-01-01");
  statistics.set_to("2026-12-31");
  pb::TlvStatistics figures;
  EXPECT_EQ(tlvs_->GetTlvStatistics(board1().get(), statistics, &figures).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // The directory: a school's own row; boards and wijken are the office's.
  pb::GetSchoolRequest get_school;
  pb::School row;
  get_school.set_name("swvs/PO2203/schools/13AB00");
  EXPECT_EQ(directory_->GetSchool(school().get(), get_school, &row).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_TRUE(directory_->GetSchool(board2().get(), get_school, &row).ok());
  pb::ListSchoolsRequest list_schools;
  list_schools.set_parent("swvs/PO2203");
  pb::ListSchoolsResponse schools;
  ASSERT_TRUE(directory_->ListSchools(board1().get(), list_schools, &schools).ok());
  EXPECT_EQ(schools.schools_size(), 3);  // 12AB00, 34CD00, 78GH00
  pb::BatchUpsertSchoolsRequest upsert;
  upsert.set_parent("swvs/PO2203");
  *upsert.add_schools() = SchoolRow("12AB00", pb::SCHOOL_KIND_REGULAR, true, "B1", "W1");
  *upsert.add_schools() = SchoolRow("13AB00", pb::SCHOOL_KIND_REGULAR, true, "B2", "W2");
  pb::BatchUpsertResponse upserted;
  grpc::Status refused = directory_->BatchUpsertSchools(school().get(), upsert, &upserted);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(FieldsOf(refused), ElementsAre("schools[1].code"));
  upsert.mutable_schools()->RemoveLast();
  EXPECT_TRUE(directory_->BatchUpsertSchools(school().get(), upsert, &upserted).ok());
  pb::ListBoardsRequest list_boards;
  list_boards.set_parent("swvs/PO2203");
  pb::ListBoardsResponse boards;
  EXPECT_EQ(directory_->ListBoards(school().get(), list_boards, &boards).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // A board sees its schools' thuiszitter cases too.
  pb::ThuiszitterCase reported;
  ASSERT_TRUE(stub_->ReportThuiszitter(Context().get(), ValidReport(), &reported).ok());
  pb::GetThuiszitterRequest get_case;
  get_case.set_name(reported.name());
  pb::ThuiszitterCase seen;
  EXPECT_TRUE(stub_->GetThuiszitter(board1().get(), get_case, &seen).ok());
  EXPECT_EQ(stub_->GetThuiszitter(board2().get(), get_case, &seen).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

INSTANTIATE_TEST_SUITE_P(Databases, TlvServerTest,
                         ::testing::Values(storage::Dialect::kSqlite, storage::Dialect::kMysql),
                         [](const auto& test_param) {
                           return swv::testing::DialectName(test_param.param);
                         });

}  // namespace
}  // namespace swv::registrations
