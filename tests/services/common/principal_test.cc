// The service-side re-check of the gateway's authorization: metadata round trip and each check.
#include "services/common/principal.h"

#include "gtest/gtest.h"
#include "services/common/access_policy.h"

namespace swv {
namespace {

Principal School(std::vector<std::string> schools) {
  return Principal{"school:x:cr-1", PrincipalKind::kSchool, "PO2203", std::move(schools)};
}

TEST(PrincipalTest, MetadataRoundTripKeepsKindTenantAndScope) {
  Principal partner{
      "partner:GM0606+GM0622:cr-2", PrincipalKind::kPartner, "PO2203", {"GM0606", "GM0622"}};
  std::map<std::string, std::string> metadata = PrincipalToMetadata(partner);
  EXPECT_EQ(metadata.at("x-swv-principal-kind"), "partner");
  EXPECT_EQ(metadata.at("x-swv-scope"), "GM0606,GM0622");
  absl::StatusOr<Principal> parsed = PrincipalFromMetadata(metadata);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(*parsed, partner);
}

TEST(PrincipalTest, OnlyAPrincipalNameIsUnscopedStaff) {
  absl::StatusOr<Principal> parsed = PrincipalFromMetadata({{"x-swv-principal", "office:PO2203"}});
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->kind, PrincipalKind::kStaff);
  EXPECT_TRUE(CheckSchoolScope(*parsed, "99ZZ00").ok());
  EXPECT_TRUE(CheckTenant(*parsed, "PO9999").ok());
}

// Every kind a credential or a token can carry reads back by its name; "staff", the unscoped
// caller of logs and in-process calls, is never read from a stored or sent kind.
TEST(PrincipalTest, KindsReadBackByNameButStaffIsNeverParsed) {
  for (PrincipalKind kind : {PrincipalKind::kSchool, PrincipalKind::kBoard, PrincipalKind::kOffice,
                             PrincipalKind::kPartner, PrincipalKind::kYouthCare,
                             PrincipalKind::kOps, PrincipalKind::kService}) {
    PrincipalKind parsed = PrincipalKind::kStaff;
    EXPECT_TRUE(ParsePrincipalKind(PrincipalKindName(kind), &parsed)) << PrincipalKindName(kind);
    EXPECT_EQ(parsed, kind);
  }
  PrincipalKind untouched = PrincipalKind::kSchool;
  EXPECT_FALSE(ParsePrincipalKind("staff", &untouched));
  EXPECT_FALSE(ParsePrincipalKind("Office", &untouched));
  EXPECT_FALSE(ParsePrincipalKind("", &untouched));
  EXPECT_EQ(untouched, PrincipalKind::kSchool);
  EXPECT_STREQ(PrincipalKindName(PrincipalKind::kStaff), "staff");
}

TEST(PrincipalTest, MissingOrMalformedMetadataIsRefused) {
  EXPECT_EQ(PrincipalFromMetadata({}).status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(PrincipalFromMetadata({{"x-swv-principal", "a"}, {"x-swv-principal-kind", "root"}})
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(PrincipalFromMetadata({{"x-swv-principal", "a"}, {"x-swv-principal-kind", "school"}})
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);  // no tenant
  // "staff" cannot be claimed on the wire.
  EXPECT_EQ(
      PrincipalFromMetadata(
          {{"x-swv-principal", "a"}, {"x-swv-principal-kind", "staff"}, {"x-swv-tenant", "PO2203"}})
          .status()
          .code(),
      absl::StatusCode::kInvalidArgument);
}

TEST(PrincipalTest, TenantIsComparedInCanonicalForm) {
  Principal school = School({"12AB00"});
  EXPECT_TRUE(CheckTenant(school, "PO 22.03").ok());
  EXPECT_TRUE(CheckTenant(school, "po22-03").ok());
  EXPECT_EQ(CheckTenant(school, "PO2204").code(), absl::StatusCode::kNotFound);
}

TEST(PrincipalTest, SchoolScopeAnswersNotFoundOutsideScope) {
  Principal school = School({"12AB00", "34CD01"});
  EXPECT_TRUE(CheckSchoolScope(school, "12ab00").ok());
  EXPECT_TRUE(CheckSchoolScope(school, "34CD01").ok());
  EXPECT_EQ(CheckSchoolScope(school, "56EF00").code(), absl::StatusCode::kNotFound);

  Principal board{"board:41234:cr-3", PrincipalKind::kBoard, "PO2203", {"41234"}};
  EXPECT_TRUE(CheckSchoolScope(board, "56EF00", "41234").ok());
  EXPECT_EQ(CheckSchoolScope(board, "56EF00", "99999").code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(CheckSchoolScope(board, "56EF00").code(),
            absl::StatusCode::kNotFound);  // board unknown

  Principal office{"office:PO2203:cr-4", PrincipalKind::kOffice, "PO2203", {}};
  EXPECT_TRUE(CheckSchoolScope(office, "56EF00").ok());
  Principal partner{"partner:GM0606:cr-5", PrincipalKind::kPartner, "PO2203", {"GM0606"}};
  EXPECT_EQ(CheckSchoolScope(partner, "12AB00").code(), absl::StatusCode::kNotFound);
}

TEST(PrincipalTest, ScopeCodesMatchInAnyCaseAndAnOutsiderLooksMissing) {
  Principal school = School({"12AB00"});
  EXPECT_TRUE(InScopeOf(school, " 12ab00 "));
  EXPECT_FALSE(InScopeOf(school, "12AB01"));
  EXPECT_EQ(CheckSchoolScope(school, "12AB01"), NotVisibleError());
  EXPECT_EQ(NotVisibleError().code(), absl::StatusCode::kNotFound);
}

TEST(PrincipalTest, MunicipalityScopeAndWrites) {
  Principal partner{"partner:GM0606:cr-5", PrincipalKind::kPartner, "PO2203", {"GM0606"}};
  EXPECT_TRUE(CheckMunicipalityScope(partner, " gm0606 ").ok());
  EXPECT_EQ(CheckMunicipalityScope(partner, "GM0622").code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(CheckMayWrite(partner).code(), absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(CheckMayWrite(School({"12AB00"})).ok());
  EXPECT_EQ(CheckMunicipalityScope(School({"12AB00"}), "GM0606").code(),
            absl::StatusCode::kNotFound);
}

// Youth care: its organisation travels with it; it reads a case of its municipalities only while
// a consent names that organisation, and never writes or lists other records.
TEST(PrincipalTest, YouthCareCarriesItsOrganisationAndNeedsConsent) {
  Principal mevis{
      "youth_care:MEVIS:cr-7", PrincipalKind::kYouthCare, "PO2203", {"GM0606"}, "MEVIS"};
  absl::StatusOr<Principal> round_trip = PrincipalFromMetadata(PrincipalToMetadata(mevis));
  ASSERT_TRUE(round_trip.ok()) << round_trip.status();
  EXPECT_EQ(*round_trip, mevis);
  std::map<std::string, std::string> no_organisation = PrincipalToMetadata(mevis);
  no_organisation.erase(kOrganisationKey);
  EXPECT_EQ(PrincipalFromMetadata(no_organisation).status().code(),
            absl::StatusCode::kInvalidArgument);

  AccessPolicy access;
  EXPECT_TRUE(
      access.ReadThuiszitter(mevis, "PO2203", "12AB00", "GM0606", {"JEUGDTEAM", "MEVIS"}).ok());
  EXPECT_EQ(access.ReadThuiszitter(mevis, "PO2203", "12AB00", "GM0606", {"JEUGDTEAM"}).code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(access.ReadThuiszitter(mevis, "PO2203", "12AB00", "GM0622", {"MEVIS"}).code(),
            absl::StatusCode::kNotFound);
  EXPECT_TRUE(access.ListThuiszitters(mevis, "PO2203").ok());
  EXPECT_EQ(CheckMayWrite(mevis).code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(access.ListRecords(mevis, "PO2203").code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(access.ReadRecord(mevis, "PO2203", {"12AB00"}).code(), absl::StatusCode::kNotFound);
  // Leerplicht needs no consent.
  Principal partner{"partner:GM0606:cr-5", PrincipalKind::kPartner, "PO2203", {"GM0606"}};
  EXPECT_TRUE(access.ReadThuiszitter(partner, "PO2203", "12AB00", "GM0606", {}).ok());
}

// The service-layer rules every service applies (access_policy.h).
TEST(AccessPolicyTest, AnswersPerRoleAsTheGatewayDoes) {
  int lookups = 0;
  AccessPolicy access([&lookups](const std::string& tenant,
                                 const std::string& school) -> absl::StatusOr<std::string> {
    ++lookups;
    EXPECT_EQ(tenant, "PO2203");
    if (school == "DOWN00") return absl::UnavailableError("directory down");
    return school == "12AB00" ? "41234" : "99999";
  });
  Principal board{"board:41234:cr-3", PrincipalKind::kBoard, "PO2203", {"41234"}};
  Principal office{"office:PO2203:cr-4", PrincipalKind::kOffice, "PO2203", {}};
  Principal partner{"partner:GM0606:cr-5", PrincipalKind::kPartner, "PO2203", {"GM0606"}};
  Principal ops{"ops:cr-6", PrincipalKind::kOps, "PO2203", {}};
  Principal staff{"swvctl", PrincipalKind::kStaff, "", {}};

  // Tenant-wide data: office and staff only; another tenant NOT_FOUND before anything else.
  EXPECT_TRUE(access.TenantWide(office, "po 22.03").ok());
  EXPECT_TRUE(access.TenantWide(staff, "PO2204").ok());
  EXPECT_EQ(access.TenantWide(School({"12AB00"}), "PO2203").code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(access.TenantWide(office, "PO2204").code(), absl::StatusCode::kNotFound);

  // Records: any one of the record's schools in scope; none named: the office's.
  EXPECT_TRUE(access.ReadRecord(School({"12AB00"}), "PO2203", {"34CD01", "12ab00"}).ok());
  EXPECT_EQ(access.ReadRecord(School({"12AB00"}), "PO2203", {}).code(),
            absl::StatusCode::kNotFound);
  EXPECT_TRUE(access.ReadRecord(board, "PO2203", {"12AB00"}).ok());
  EXPECT_EQ(access.ReadRecord(board, "PO2203", {"34CD01"}).code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(access.ReadRecord(board, "PO2203", {"DOWN00"}).code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(access.ReadRecord(partner, "PO2203", {"12AB00"}).code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(access.ReadRecord(ops, "PO2203", {"12AB00"}).code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(access.WriteRecord(partner, "PO2203", {"12AB00"}).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(access.WriteRecord(School({"34CD01"}), "PO2203", {"12AB00"}).code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(access.ListRecords(partner, "PO2203").code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(access.ListRecords(board, "PO2204").code(), absl::StatusCode::kNotFound);

  // Thuiszitter cases: partners by residence municipality.
  EXPECT_TRUE(access.ReadThuiszitter(partner, "PO2203", "34CD01", "GM0606").ok());
  EXPECT_EQ(access.ReadThuiszitter(partner, "PO2203", "12AB00", "GM0622").code(),
            absl::StatusCode::kNotFound);
  EXPECT_TRUE(access.ListThuiszitters(partner, "PO2203").ok());
  EXPECT_EQ(access.ListThuiszitters(ops, "PO2203").code(), absl::StatusCode::kPermissionDenied);

  // Without a board lookup a board owns nothing; WithBoards answers from a fixed map.
  EXPECT_EQ(AccessPolicy().ReadRecord(board, "PO2203", {"12AB00"}).code(),
            absl::StatusCode::kNotFound);
  AccessPolicy fixed = AccessPolicy::WithBoards({{"12AB00", "41234"}});
  EXPECT_TRUE(*fixed.OwnsSchool(board, "PO2203", "12AB00"));
  EXPECT_FALSE(*fixed.OwnsSchool(board, "PO2203", "34CD01"));
  EXPECT_GT(lookups, 0);
}

}  // namespace
}  // namespace swv
