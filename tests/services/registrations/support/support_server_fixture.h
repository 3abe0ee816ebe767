// The fixture of the support server tests (support_server_test.cc, support_scope_server_test.cc):
// a registrations service on SQLite or MariaDB with a Support stub, and helpers that apply,
// decide, place, extend and end, and seed the hand-counted statistics data set.
#ifndef SWV_TESTS_SERVICES_REGISTRATIONS_SUPPORT_SUPPORT_SERVER_FIXTURE_H_
#define SWV_TESTS_SERVICES_REGISTRATIONS_SUPPORT_SUPPORT_SERVER_FIXTURE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "swv/v1/support.grpc.pb.h"
#include "tests/services/registrations/registrations_server_fixture.h"
#include "tests/testing/test_identity.h"

namespace swv::registrations {

namespace pb = ::swv::v1;

class SupportServerTest : public RegistrationsServerTest {
 protected:
  void SetUp() override {
    RegistrationsServerTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    support_ = pb::Support::NewStub(
        swv::testing::TestChannel(absl::StrCat("127.0.0.1:", runtime_->grpc_port())));
  }

  std::string Apply(pb::ArrangementTarget target, const std::string& school,
                    const std::string& pupil, const std::string& wijk,
                    const std::string& applied_on, const std::string& request_id = "") {
    pb::CreateArrangementRequest request;
    request.set_parent("swvs/PO2203");
    request.set_request_id(request_id);
    pb::Arrangement* a = request.mutable_arrangement();
    a->set_target(target);
    a->set_school(school);
    a->set_lvs_pupil_number(pupil);
    a->set_wijk(wijk);
    a->set_description("Extra support");
    a->set_applied_on(applied_on);
    pb::Arrangement reply;
    grpc::Status status = support_->CreateArrangement(Context().get(), request, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return reply.name();
  }

  grpc::Status Decide(const std::string& name, pb::ArrangementOutcome outcome,
                      const std::string& decided_on, int64_t amount_cents, const std::string& start,
                      const std::string& end, pb::Arrangement* reply) {
    pb::DecideArrangementRequest request;
    request.set_name(name);
    request.set_outcome(outcome);
    request.set_decided_on(decided_on);
    request.set_amount_cents(amount_cents);
    request.set_period_start(start);
    request.set_period_end(end);
    return support_->DecideArrangement(Context("office:PO2203").get(), request, reply);
  }

  std::string Place(const std::string& school, const std::string& pupil, const std::string& start,
                    const std::string& planned_end) {
    pb::CreateOpdcPlacementRequest request;
    request.set_parent("swvs/PO2203");
    pb::OpdcPlacement* p = request.mutable_placement();
    p->set_school(school);
    p->set_lvs_pupil_number(pupil);
    p->set_opdc("99ZZ00");
    p->set_start_date(start);
    p->set_planned_end(planned_end);
    pb::OpdcPlacement reply;
    grpc::Status status = support_->CreateOpdcPlacement(Context().get(), request, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return reply.name();
  }

  grpc::Status Extend(const std::string& name, const std::string& new_end,
                      const std::string& extended_on, pb::OpdcPlacement* reply) {
    pb::ExtendOpdcPlacementRequest request;
    request.set_name(name);
    request.set_new_end(new_end);
    request.set_extended_on(extended_on);
    request.set_reason("needs more time before returning");
    return support_->ExtendOpdcPlacement(Context("office:PO2203").get(), request, reply);
  }

  grpc::Status End(const std::string& name, const std::string& ended_on, pb::OpdcPlacement* reply) {
    pb::EndOpdcPlacementRequest request;
    request.set_name(name);
    request.set_ended_on(ended_on);
    request.set_reason("back at own school");
    return support_->EndOpdcPlacement(Context("office:PO2203").get(), request, reply);
  }

  // Today is 2026-11-16.
  //   R1 pupil   12AB00 applied 2026-07-01, granted 2026-08-15 (45 days) EUR 1,500.00
  //   R2 group   12AB00 applied 2026-07-10, refused 2026-09-20 (72 days: late)
  //   R3 teacher 34CD00 applied 2026-08-01, pending (due 2026-09-26)
  //   R4 wijk    SCH-OOST applied 2026-09-01, granted 2026-10-15 (44 days) EUR 25,000.00
  //   R5 pupil   34CD00 applied 2026-10-01, pending (due 2026-11-26)
  //   P1 12AB00 start 2026-07-01 end 2027-01-01, extended 2026-09-15 to 2027-06-30
  //   P2 34CD00 start 2026-08-01 end 2026-12-31, ended 2026-09-30
  //   P3 12AB00 start 2026-09-01 end 2027-02-28
  //   P5 56EF00 start 2026-09-15 end 2027-03-15
  //   P4 34CD00 start 2026-10-01 end 2027-03-31, extended 2026-11-10 to 2027-07-31
  void Seed() {
    pb::Arrangement a;
    ASSERT_TRUE(Decide(Apply(pb::ARRANGEMENT_TARGET_PUPIL, "12AB00", "LVS-1", "", "2026-07-01"),
                       pb::ARRANGEMENT_OUTCOME_GRANTED, "2026-08-15", 150000, "2026-09-01",
                       "2027-07-31", &a)
                    .ok());
    ASSERT_TRUE(Decide(Apply(pb::ARRANGEMENT_TARGET_GROUP, "12AB00", "", "", "2026-07-10"),
                       pb::ARRANGEMENT_OUTCOME_REFUSED, "2026-09-20", 0, "", "", &a)
                    .ok());
    EXPECT_TRUE(a.decided_late());
    Apply(pb::ARRANGEMENT_TARGET_TEACHER, "34CD00", "", "", "2026-08-01");
    ASSERT_TRUE(Decide(Apply(pb::ARRANGEMENT_TARGET_WIJK, "", "", "SCH-OOST", "2026-09-01"),
                       pb::ARRANGEMENT_OUTCOME_GRANTED, "2026-10-15", 2500000, "2026-11-01",
                       "2027-07-31", &a)
                    .ok());
    Apply(pb::ARRANGEMENT_TARGET_PUPIL, "34CD00", "LVS-2", "", "2026-10-01");

    pb::OpdcPlacement p;
    ASSERT_TRUE(
        Extend(Place("12AB00", "LVS-1", "2026-07-01", "2027-01-01"), "2027-06-30", "2026-09-15", &p)
            .ok());
    ASSERT_TRUE(End(Place("34CD00", "LVS-3", "2026-08-01", "2026-12-31"), "2026-09-30", &p).ok());
    Place("12AB00", "LVS-4", "2026-09-01", "2027-02-28");
    Place("56EF00", "LVS-6", "2026-09-15", "2027-03-15");
    ASSERT_TRUE(
        Extend(Place("34CD00", "LVS-5", "2026-10-01", "2027-03-31"), "2027-07-31", "2026-11-10", &p)
            .ok());
  }

  pb::SupportStatistics Statistics(const std::string& from, const std::string& to,
                                   pb::SupportGrouping group_by) {
    pb::GetSupportStatisticsRequest request;
    request.set_parent("swvs/PO2203");
    request.set_from(from);
    request.set_to(to);
    request.set_group_by(group_by);
    pb::SupportStatistics reply;
    grpc::Status status = support_->GetSupportStatistics(Context().get(), request, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return reply;
  }

  // "school:12AB00" and "board:B1" as scoped principals (the gateway's), anything else as
  // Context() sends it (a bare principal id is trusted staff).
  std::unique_ptr<grpc::ClientContext> As(const std::string& who) {
    if (absl::StartsWith(who, "school:")) return ContextAs(PrincipalKind::kSchool, {who.substr(7)});
    if (absl::StartsWith(who, "board:")) return ContextAs(PrincipalKind::kBoard, {who.substr(6)});
    return Context(who);
  }

  std::unique_ptr<pb::Support::Stub> support_;
};

}  // namespace swv::registrations

#endif  // SWV_TESTS_SERVICES_REGISTRATIONS_SUPPORT_SUPPORT_SERVER_FIXTURE_H_
