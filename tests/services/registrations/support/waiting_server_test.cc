// End to end over gRPC, on SQLite and MariaDB: waiting-list entries (an SO/SBO entry names a TLV
// of the SWV of its kind; youth care names the organisation), their end, scope and history; and
// the waiting counts of the support statistics (a pupil placed before the period's end counts).
#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "services/kernel/errors.h"
#include "swv/v1/support.grpc.pb.h"
#include "swv/v1/tlv.grpc.pb.h"
#include "tests/services/registrations/support/support_server_fixture.h"

namespace swv::registrations {
namespace {

class WaitingServerTest : public SupportServerTest {
 protected:
  void SetUp() override {
    SupportServerTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    tlvs_ = pb::Tlvs::NewStub(channel_);
    SeedDirectory();
  }

  std::string Tlv(pb::TlvKind kind, const std::string& receiving) {
    pb::CreateTlvRequest request;
    request.set_parent("swvs/PO2203");
    pb::Tlv* tlv = request.mutable_tlv();
    tlv->set_referring_school("12AB00");
    tlv->set_lvs_pupil_number("LVS-1");
    tlv->set_receiving_school(receiving);
    tlv->set_kind(kind);
    tlv->set_so_category(kind == pb::TLV_KIND_SO ? pb::SO_CATEGORY_LAAG
                                                 : pb::SO_CATEGORY_UNSPECIFIED);
    tlv->set_received_on("2026-09-01");
    pb::Tlv reply;
    grpc::Status status = tlvs_->CreateTlv(Context("office:PO2203").get(), request, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return reply.name();
  }

  grpc::Status Wait(const std::string& principal, pb::WaitingKind kind, const std::string& pupil,
                    const std::string& tlv, const std::string& since, pb::WaitingEntry* reply) {
    pb::CreateWaitingEntryRequest request;
    request.set_parent("swvs/PO2203");
    pb::WaitingEntry* e = request.mutable_waiting_entry();
    e->set_kind(kind);
    e->set_school("12AB00");
    e->set_lvs_pupil_number(pupil);
    if (kind == pb::WAITING_KIND_YOUTH_CARE) {
      e->set_organisation("MEVIS");
    } else {
      e->set_tlv(tlv);
      e->set_receiving_school(kind == pb::WAITING_KIND_SO ? "78GH00" : "34CD00");
    }
    e->set_waiting_since(since);
    return support_->CreateWaitingEntry(As(principal).get(), request, reply);
  }

  grpc::Status End(const std::string& name, const std::string& on, pb::WaitingEntry* reply) {
    pb::EndWaitingEntryRequest request;
    request.set_name(name);
    request.set_ended_on(on);
    request.set_outcome(pb::WAITING_OUTCOME_PLACED);
    return support_->EndWaitingEntry(Context().get(), request, reply);
  }

  std::unique_ptr<pb::Tlvs::Stub> tlvs_;
};

TEST_P(WaitingServerTest, AnSoEntryNamesAnSoTlvOfTheSwv) {
  const std::string so = Tlv(pb::TLV_KIND_SO, "78GH00");
  const std::string sbo = Tlv(pb::TLV_KIND_SBO, "34CD00");
  pb::WaitingEntry entry;
  grpc::Status mismatch =
      Wait("school:12AB00", pb::WAITING_KIND_SO, "LVS-1", sbo, "2026-10-01", &entry);
  EXPECT_EQ(mismatch.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(mismatch)), "TLV_KIND_MISMATCH");
  grpc::Status missing = Wait("school:12AB00", pb::WAITING_KIND_SO, "LVS-1",
                              "swvs/PO2203/tlvs/tlv-0000", "2026-10-01", &entry);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(missing)), "TLV_NOT_FOUND");
  grpc::Status status =
      Wait("school:12AB00", pb::WAITING_KIND_SO, "LVS-1", so, "2026-10-01", &entry);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(entry.tlv(), so);
  EXPECT_EQ(entry.status(), pb::WAITING_STATUS_WAITING);
  EXPECT_EQ(entry.days_waiting(), 46);  // 1 Oct - 16 Nov
  EXPECT_FALSE(entry.pupil_id().empty());

  pb::WaitingEntry care;
  ASSERT_TRUE(
      Wait("school:12AB00", pb::WAITING_KIND_YOUTH_CARE, "LVS-2", "", "2026-09-01", &care).ok());
  EXPECT_EQ(care.organisation(), "MEVIS");
}

TEST_P(WaitingServerTest, TheWaitEndsOnceAndStaysInTheHistory) {
  pb::WaitingEntry entry;
  ASSERT_TRUE(Wait("school:12AB00", pb::WAITING_KIND_SBO, "LVS-1", Tlv(pb::TLV_KIND_SBO, "34CD00"),
                   "2026-10-01", &entry)
                  .ok());
  pb::WaitingEntry ended;
  grpc::Status early = End(entry.name(), "2026-09-30", &ended);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(early)), "END_BEFORE_START");
  ASSERT_TRUE(End(entry.name(), "2026-11-02", &ended).ok());
  EXPECT_EQ(ended.status(), pb::WAITING_STATUS_ENDED);
  EXPECT_EQ(ended.outcome(), pb::WAITING_OUTCOME_PLACED);
  EXPECT_EQ(ended.days_waiting(), 32);
  grpc::Status again = End(entry.name(), "2026-11-03", &ended);
  EXPECT_EQ(again.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(again)), "WAITING_ENTRY_ENDED");

  pb::ListSupportHistoryRequest request;
  request.set_name(entry.name());
  pb::ListThuiszitterHistoryResponse history;
  ASSERT_TRUE(support_->ListWaitingEntryHistory(Context().get(), request, &history).ok());
  ASSERT_EQ(history.changes_size(), 2);
  EXPECT_EQ(history.changes(0).action(), "registered");
  EXPECT_EQ(history.changes(1).action(), "ended");
}

TEST_P(WaitingServerTest, OnlyTheSchoolsOfThePupilSeeTheEntry) {
  pb::WaitingEntry entry;
  ASSERT_TRUE(
      Wait("school:12AB00", pb::WAITING_KIND_YOUTH_CARE, "LVS-2", "", "2026-09-01", &entry).ok());
  EXPECT_EQ(Wait("school:13AB00", pb::WAITING_KIND_YOUTH_CARE, "LVS-3", "", "2026-09-01", &entry)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  pb::GetWaitingEntryRequest get;
  get.set_name(entry.name());
  pb::WaitingEntry got;
  EXPECT_TRUE(
      support_->GetWaitingEntry(ContextAs(PrincipalKind::kBoard, {"B1"}).get(), get, &got).ok());
  EXPECT_EQ(support_->GetWaitingEntry(As("school:13AB00").get(), get, &got).error_code(),
            grpc::StatusCode::NOT_FOUND);
  pb::ListWaitingEntriesRequest list;
  list.set_parent("swvs/PO2203");
  pb::ListWaitingEntriesResponse page;
  ASSERT_TRUE(support_->ListWaitingEntries(As("school:13AB00").get(), list, &page).ok());
  EXPECT_EQ(page.entries_size(), 0);
  ASSERT_TRUE(support_->ListWaitingEntries(As("school:12AB00").get(), list, &page).ok());
  EXPECT_EQ(page.entries_size(), 1);
  list.set_status(pb::WAITING_STATUS_ENDED);
  ASSERT_TRUE(support_->ListWaitingEntries(As("school:12AB00").get(), list, &page).ok());
  EXPECT_EQ(page.entries_size(), 0);
}

TEST_P(WaitingServerTest, StatisticsCountPupilsWhoWaitedAtAnyTimeInThePeriod) {
  const std::string so = Tlv(pb::TLV_KIND_SO, "78GH00");
  pb::WaitingEntry a, b, c;
  // Waited from March, placed in May.
  ASSERT_TRUE(Wait("office:PO2203", pb::WAITING_KIND_SO, "LVS-1", so, "2026-03-02", &a).ok());
  ASSERT_TRUE(End(a.name(), "2026-05-11", &a).ok());
  ASSERT_TRUE(Wait("office:PO2203", pb::WAITING_KIND_SBO, "LVS-2", Tlv(pb::TLV_KIND_SBO, "34CD00"),
                   "2026-06-15", &b)
                  .ok());
  ASSERT_TRUE(
      Wait("office:PO2203", pb::WAITING_KIND_YOUTH_CARE, "LVS-3", "", "2026-10-01", &c).ok());
  pb::SupportStatistics first_half =
      Statistics("2026-01-01", "2026-06-30", pb::SUPPORT_GROUPING_UNSPECIFIED);
  ASSERT_EQ(first_half.groups_size(), 1);
  EXPECT_EQ(first_half.groups(0).pupils_waiting_for_so(), 1);
  EXPECT_EQ(first_half.groups(0).pupils_waiting_for_sbo(), 1);
  EXPECT_EQ(first_half.groups(0).pupils_waiting_for_youth_care(), 0);
  EXPECT_EQ(first_half.groups(0).waiting_entries_open_at_end(), 1);
  pb::SupportStatistics autumn =
      Statistics("2026-09-01", "2026-12-31", pb::SUPPORT_GROUPING_SCHOOL);
  // One group per school of the directory that should have a profile (counted for the shares).
  pb::SupportCounts at_12ab00;
  for (const pb::SupportCounts& group : autumn.groups()) {
    if (group.key() == "12AB00") at_12ab00 = group;
    if (group.key() != "12AB00") {
      EXPECT_EQ(group.pupils_waiting_for_sbo(), 0) << group.key();
    }
  }
  EXPECT_EQ(at_12ab00.pupils_waiting_for_so(), 0);
  EXPECT_EQ(at_12ab00.pupils_waiting_for_sbo(), 1);
  EXPECT_EQ(at_12ab00.pupils_waiting_for_youth_care(), 1);
}

INSTANTIATE_TEST_SUITE_P(Databases, WaitingServerTest,
                         ::testing::Values(storage::Dialect::kSqlite, storage::Dialect::kMysql),
                         [](const auto& test_param) {
                           return swv::testing::DialectName(test_param.param);
                         });

}  // namespace
}  // namespace swv::registrations
