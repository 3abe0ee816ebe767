// The fixture of the TLV server tests (tlv_server_test.cc, tlv_statistics_server_test.cc,
// tlv_scope_server_test.cc): a registrations service with a Tlvs stub and helpers that create
// OPPs and TLVs and complete and decide them.
#ifndef SWV_TESTS_SERVICES_REGISTRATIONS_TLVS_TLV_SERVER_FIXTURE_H_
#define SWV_TESTS_SERVICES_REGISTRATIONS_TLVS_TLV_SERVER_FIXTURE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "services/kernel/errors.h"
#include "swv/v1/tlv.grpc.pb.h"
#include "tests/services/registrations/registrations_server_fixture.h"

namespace swv::registrations {

namespace pb = ::swv::v1;

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

// The fields a refused call names.
inline std::vector<std::string> FieldsOf(const grpc::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(FromGrpcStatus(status)))
    fields.push_back(v.field);
  return fields;
}

}  // namespace swv::registrations

#endif  // SWV_TESTS_SERVICES_REGISTRATIONS_TLVS_TLV_SERVER_FIXTURE_H_
