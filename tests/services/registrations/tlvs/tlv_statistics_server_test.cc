// End to end over gRPC, on SQLite and on MariaDB: the TLV and placement statistics of hand-built
// data sets (the TlvServerTest suite; instantiated in tlv_server_test.cc).
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

using ::testing::HasSubstr;

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

  // Grouped: every group holds what the filter on its key answers, the totals stay, and a group
  // appears only with applications or OPPs.
  request.set_to("2026-12-31");
  pb::TlvStatistics totals;
  ASSERT_TRUE(tlvs_->GetTlvStatistics(Context().get(), request, &totals).ok());
  EXPECT_EQ(totals.groups_size(), 0);
  struct Grouping {
    pb::TlvGrouping group_by;
    std::vector<std::string> keys;
    void (pb::GetTlvStatisticsRequest::*filter)(const std::string&);
  };
  for (const Grouping& grouping :
       {Grouping{pb::TLV_GROUPING_BOARD, {"B1", "B2"}, &pb::GetTlvStatisticsRequest::set_board},
        Grouping{pb::TLV_GROUPING_WIJK, {"W1", "W2"}, &pb::GetTlvStatisticsRequest::set_wijk},
        Grouping{pb::TLV_GROUPING_SCHOOL,
                 {"12AB00", "13AB00"},
                 &pb::GetTlvStatisticsRequest::set_school}}) {
    SCOPED_TRACE(pb::TlvGrouping_Name(grouping.group_by));
    pb::GetTlvStatisticsRequest grouped = request;
    grouped.set_group_by(grouping.group_by);
    pb::TlvStatistics answer;
    ASSERT_TRUE(tlvs_->GetTlvStatistics(Context().get(), grouped, &answer).ok());
    std::vector<std::string> keys;
    for (const pb::TlvStatistics& group : answer.groups()) keys.push_back(group.key());
    EXPECT_EQ(keys, grouping.keys);
    EXPECT_EQ(answer.received(), totals.received());
    EXPECT_EQ(answer.opps_active_now(), totals.opps_active_now());
    for (const pb::TlvStatistics& group : answer.groups()) {
      pb::GetTlvStatisticsRequest filtered = request;
      (filtered.*grouping.filter)(group.key());
      pb::TlvStatistics expected;
      ASSERT_TRUE(tlvs_->GetTlvStatistics(Context().get(), filtered, &expected).ok());
      expected.set_key(group.key());
      EXPECT_EQ(group.DebugString(), expected.DebugString()) << group.key();
    }
  }
  // Only F's referring school 13AB00 is in board B2.
  request.set_group_by(pb::TLV_GROUPING_BOARD);
  ASSERT_TRUE(tlvs_->GetTlvStatistics(Context().get(), request, &stats).ok());
  ASSERT_EQ(stats.groups_size(), 2);
  EXPECT_EQ(stats.groups(1).received(), 1);
  EXPECT_EQ(stats.groups(1).opps_active_now(), 0);
  EXPECT_EQ(stats.groups(0).received(), 6);
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

}  // namespace
}  // namespace swv::registrations
