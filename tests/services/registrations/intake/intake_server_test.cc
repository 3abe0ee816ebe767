// End to end over gRPC, on SQLite and on MariaDB: an OSO SWV dossier posted by a school becomes the
// pupil, the OPP with the parents' answer and the TLV or arrangement application, once per
// request_id; a refused dossier, or one whose application is refused after its OPP was made,
// leaves nothing stored.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "services/kernel/errors.h"
#include "swv/v1/support.grpc.pb.h"
#include "swv/v1/tlv.grpc.pb.h"
#include "tests/services/registrations/intake/oso_test_dossiers.h"
#include "tests/services/registrations/registrations_server_fixture.h"
#include "tests/services/registrations/tlvs/tlv_server_fixture.h"

namespace swv::registrations {
namespace {

using ::swv::registrations::testing::PoSwvDossier;
using ::swv::registrations::testing::Replaced;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class IntakeServerTest : public TlvServerTest {
 protected:
  static pb::ImportOsoDossierRequest TlvRequest(const std::string& xml,
                                                const std::string& request_id = "") {
    pb::ImportOsoDossierRequest request;
    request.set_parent("swvs/PO2203");
    request.set_school("12AB00");
    request.set_dossier_xml(xml);
    request.set_application(pb::OSO_APPLICATION_TLV);
    request.set_tlv_kind(pb::TLV_KIND_SBO);
    request.set_receiving_school("34CD00");
    request.set_request_id(request_id);
    return request;
  }

  grpc::Status Import(const pb::ImportOsoDossierRequest& request, pb::OsoDossier* reply) {
    return tlvs_->ImportOsoDossier(ContextAs(PrincipalKind::kSchool, {"12AB00"}).get(), request,
                                   reply);
  }

  // How many OPPs and TLVs the office sees.
  int OppCount() {
    pb::ListOppsRequest list;
    list.set_parent("swvs/PO2203");
    pb::ListOppsResponse reply;
    EXPECT_TRUE(tlvs_->ListOpps(Context("office:PO2203").get(), list, &reply).ok());
    return reply.opps_size();
  }
  int TlvCount() {
    pb::ListTlvsRequest list;
    list.set_parent("swvs/PO2203");
    pb::ListTlvsResponse reply;
    EXPECT_TRUE(tlvs_->ListTlvs(Context("office:PO2203").get(), list, &reply).ok());
    return reply.tlvs_size();
  }

  // The one violation of a refusal: its field and description.
  static FieldViolation OnlyViolation(const grpc::Status& status) {
    std::vector<FieldViolation> violations = FieldViolationsOf(FromGrpcStatus(status));
    EXPECT_EQ(violations.size(), 1u) << status.error_message();
    return violations.empty() ? FieldViolation{} : violations[0];
  }
};

TEST_P(IntakeServerTest, ADossierBecomesThePupilItsOppAndTheTlvApplicationOnce) {
  SeedDirectory();
  pb::OsoDossier dossier;
  grpc::Status status = Import(TlvRequest(PoSwvDossier(), "lvs-export-1"), &dossier);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_THAT(dossier.name(), HasSubstr("swvs/PO2203/oso-dossiers/oso-"));
  EXPECT_EQ(dossier.profile(), "POSWV");
  EXPECT_EQ(dossier.lvs_pupil_number(), "LVS-4711");
  EXPECT_EQ(dossier.consent(), pb::PARENTAL_CONSENT_REFUSED);
  EXPECT_EQ(dossier.parents_view_recorded_on(), "2026-11-10");
  EXPECT_EQ(dossier.parents_view_summary(), "Wij zien liever begeleiding op de eigen school.");
  EXPECT_THAT(dossier.received_by(), ::testing::StartsWith("school:"));

  pb::GetOppRequest get_opp;
  get_opp.set_name(dossier.opp());
  pb::Opp opp;
  ASSERT_TRUE(tlvs_->GetOpp(Context().get(), get_opp, &opp).ok());
  EXPECT_EQ(opp.school(), "12AB00");
  EXPECT_EQ(opp.lvs_pupil_number(), "LVS-4711");
  EXPECT_EQ(opp.start_date(), "2026-09-01");
  EXPECT_EQ(opp.consent(), pb::PARENTAL_CONSENT_REFUSED);
  EXPECT_EQ(opp.consent_date(), "2026-11-10");
  EXPECT_EQ(opp.pupil_id(), dossier.pupil_id());

  pb::GetTlvRequest get_tlv;
  get_tlv.set_name(dossier.tlv());
  pb::Tlv tlv;
  ASSERT_TRUE(tlvs_->GetTlv(Context().get(), get_tlv, &tlv).ok());
  EXPECT_EQ(tlv.referring_school(), "12AB00");
  EXPECT_EQ(tlv.receiving_school(), "34CD00");
  EXPECT_EQ(tlv.kind(), pb::TLV_KIND_SBO);
  EXPECT_EQ(tlv.status(), pb::TLV_STATUS_RECEIVED);
  EXPECT_EQ(tlv.received_on(), "2026-11-16");
  EXPECT_EQ(tlv.pupil_id(), dossier.pupil_id());

  // The dossier is kept as received, for its own school and the office; another school finds none.
  pb::GetOsoDossierRequest get_dossier;
  get_dossier.set_name(dossier.name());
  pb::OsoDossier kept;
  ASSERT_TRUE(tlvs_->GetOsoDossier(Context("office:PO2203").get(), get_dossier, &kept).ok());
  EXPECT_EQ(kept.dossier_xml(), PoSwvDossier());
  EXPECT_EQ(kept.tlv(), dossier.tlv());
  EXPECT_TRUE(dossier.dossier_xml().empty());  // the import's answer leaves it out
  EXPECT_EQ(
      tlvs_->GetOsoDossier(ContextAs(PrincipalKind::kSchool, {"13AB00"}).get(), get_dossier, &kept)
          .error_code(),
      grpc::StatusCode::NOT_FOUND);

  // Sent again with the same request_id: the same dossier, nothing new.
  pb::OsoDossier again;
  ASSERT_TRUE(Import(TlvRequest(PoSwvDossier(), "lvs-export-1"), &again).ok());
  EXPECT_EQ(again.name(), dossier.name());
  EXPECT_EQ(again.tlv(), dossier.tlv());
  EXPECT_EQ(OppCount(), 1);
  EXPECT_EQ(TlvCount(), 1);
}

TEST_P(IntakeServerTest, TheSameDossierSentAgainWithoutARequestIdIsTheSameImport) {
  SeedDirectory();
  pb::OsoDossier first, second, other;
  ASSERT_TRUE(Import(TlvRequest(PoSwvDossier()), &first).ok());
  ASSERT_TRUE(Import(TlvRequest(PoSwvDossier()), &second).ok());
  EXPECT_EQ(second.name(), first.name());
  EXPECT_EQ(OppCount(), 1);
  EXPECT_EQ(TlvCount(), 1);
  // Another application with the same dossier is another import.
  pb::ImportOsoDossierRequest so = TlvRequest(PoSwvDossier());
  so.set_tlv_kind(pb::TLV_KIND_SO);
  so.set_so_category(pb::SO_CATEGORY_LAAG);
  so.set_receiving_school("78GH00");
  ASSERT_TRUE(Import(so, &other).ok());
  EXPECT_NE(other.name(), first.name());
  EXPECT_EQ(TlvCount(), 2);
}

TEST_P(IntakeServerTest, ADossierForAnArrangementBecomesItsApplication) {
  SeedDirectory();
  pb::ImportOsoDossierRequest request =
      TlvRequest(Replaced(PoSwvDossier(), "<akkoord>Nee</akkoord>", "<akkoord>Ja</akkoord>"));
  request.set_application(pb::OSO_APPLICATION_ARRANGEMENT);
  request.clear_tlv_kind();
  request.clear_receiving_school();
  pb::OsoDossier dossier;
  // The arrangement's own rules, named by the request's field: a description is required.
  grpc::Status status = Import(request, &dossier);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(OnlyViolation(status).field, "arrangement_description");
  EXPECT_EQ(OppCount(), 0);
  request.set_arrangement_description("Begeleiding bij lezen in de eigen groep");
  status = Import(request, &dossier);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(dossier.consent(), pb::PARENTAL_CONSENT_GIVEN);
  EXPECT_TRUE(dossier.tlv().empty());
  EXPECT_TRUE(dossier.parents_view_summary().empty());
  auto support = pb::Support::NewStub(channel_);
  pb::GetArrangementRequest get;
  get.set_name(dossier.arrangement());
  pb::Arrangement arrangement;
  ASSERT_TRUE(support->GetArrangement(Context().get(), get, &arrangement).ok());
  EXPECT_EQ(arrangement.lvs_pupil_number(), "LVS-4711");
  EXPECT_EQ(arrangement.description(), "Begeleiding bij lezen in de eigen groep");
  EXPECT_EQ(TlvCount(), 0);
}

TEST_P(IntakeServerTest, ADossierWithABsnIsRefusedWholeAndNothingIsStored) {
  SeedDirectory();
  pb::OsoDossier dossier;
  grpc::Status status = Import(
      TlvRequest(Replaced(PoSwvDossier(), "<leerlingid>", "<bsn>123456782</bsn><leerlingid>")),
      &dossier);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "FORBIDDEN_IDENTIFIER");
  FieldViolation v = OnlyViolation(status);
  EXPECT_EQ(v.field, "dossier_xml");
  EXPECT_THAT(v.description, HasSubstr("/dossier/huidigeschool/leerling/bsn: "));
  EXPECT_EQ(OppCount(), 0);
  EXPECT_EQ(TlvCount(), 0);
}

TEST_P(IntakeServerTest, AMalformedDossierIsRefusedAndNothingIsStored) {
  SeedDirectory();
  pb::OsoDossier dossier;
  grpc::Status status =
      Import(TlvRequest(Replaced(PoSwvDossier(), "</leerlingid>", "</leerling>")), &dossier);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "MALFORMED_XML");
  EXPECT_THAT(OnlyViolation(status).description, HasSubstr("leerlingid"));
  EXPECT_EQ(OppCount(), 0);
}

TEST_P(IntakeServerTest, AnApplicationRefusedAfterItsOppWasMadeLeavesNoOpp) {
  SeedDirectory();
  pb::ImportOsoDossierRequest request = TlvRequest(PoSwvDossier(), "lvs-export-2");
  request.set_receiving_school("78GH00");  // an SO school for an SBO TLV
  pb::OsoDossier dossier;
  grpc::Status status = Import(request, &dossier);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(OnlyViolation(status).field, "receiving_school");
  EXPECT_EQ(OppCount(), 0);
  EXPECT_EQ(TlvCount(), 0);
  // Corrected, the same request_id goes through.
  request.set_receiving_school("34CD00");
  ASSERT_TRUE(Import(request, &dossier).ok());
  EXPECT_EQ(OppCount(), 1);
}

TEST_P(IntakeServerTest, OnlyTheDossiersOwnSchoolSendsIt) {
  SeedDirectory();
  pb::ImportOsoDossierRequest request = TlvRequest(PoSwvDossier());
  request.set_school("13AB00");
  pb::OsoDossier dossier;
  // Another school's: out of the sender's reach.
  EXPECT_EQ(Import(request, &dossier).error_code(), grpc::StatusCode::NOT_FOUND);
  // The office, naming another school than the dossier's.
  grpc::Status status = tlvs_->ImportOsoDossier(Context("office:PO2203").get(), request, &dossier);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "SCHOOL_MISMATCH");
  EXPECT_THAT(OnlyViolation(status).description, HasSubstr("/dossier/huidigeschool/brincode: "));
  // A partner never.
  EXPECT_EQ(tlvs_
                ->ImportOsoDossier(ContextAs(PrincipalKind::kPartner, {"GM0606"}).get(),
                                   TlvRequest(PoSwvDossier()), &dossier)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(OppCount(), 0);
}

INSTANTIATE_TEST_SUITE_P(Databases, IntakeServerTest,
                         ::testing::Values(storage::Dialect::kSqlite, storage::Dialect::kMysql),
                         [](const auto& test_param) {
                           return swv::testing::DialectName(test_param.param);
                         });

}  // namespace
}  // namespace swv::registrations
