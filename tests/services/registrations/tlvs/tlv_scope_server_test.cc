// End to end over gRPC, on SQLite and on MariaDB: the scope of schools, boards and partners over
// OPPs and TLVs (the TlvServerTest suite; instantiated in tlv_server_test.cc).
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

}  // namespace
}  // namespace swv::registrations
