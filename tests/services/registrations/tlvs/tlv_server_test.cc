// End to end over gRPC, on SQLite and on MariaDB: the directory (batch upserts with per-row
// results, 10,000 schools), OPP versions, a TLV's whole life with the clock moving (deadline,
// overdue flag, lead times, decision numbers, history). Statistics: tlv_statistics_server_test.cc;
// scope: tlv_scope_server_test.cc; the fixture: tlv_server_fixture.h.
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
#include "tests/services/registrations/tlvs/tlv_server_fixture.h"
#include "tests/testing/test_identity.h"

namespace swv::registrations {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

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

INSTANTIATE_TEST_SUITE_P(Databases, TlvServerTest,
                         ::testing::Values(storage::Dialect::kSqlite, storage::Dialect::kMysql),
                         [](const auto& test_param) {
                           return swv::testing::DialectName(test_param.param);
                         });

}  // namespace
}  // namespace swv::registrations
