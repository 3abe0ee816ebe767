// The service-side re-check of the gateway's authorization: metadata round trip and each check.
#include "services/common/principal.h"

#include "gtest/gtest.h"

namespace swv {
namespace {

Principal School(std::vector<std::string> schools) {
  return Principal{"school:x:cr-1", PrincipalKind::kSchool, "PO2203", std::move(schools)};
}

TEST(PrincipalTest, MetadataRoundTripKeepsKindTenantAndScope) {
  Principal partner{"partner:GM0606+GM0622:cr-2", PrincipalKind::kPartner, "PO2203", {"GM0606", "GM0622"}};
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

TEST(PrincipalTest, MissingOrMalformedMetadataIsRefused) {
  EXPECT_EQ(PrincipalFromMetadata({}).status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(PrincipalFromMetadata({{"x-swv-principal", "a"}, {"x-swv-principal-kind", "root"}}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(PrincipalFromMetadata({{"x-swv-principal", "a"}, {"x-swv-principal-kind", "school"}}).status().code(),
            absl::StatusCode::kInvalidArgument);  // no tenant
  // "staff" cannot be claimed on the wire.
  EXPECT_EQ(PrincipalFromMetadata({{"x-swv-principal", "a"}, {"x-swv-principal-kind", "staff"},
                                   {"x-swv-tenant", "PO2203"}})
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
  EXPECT_EQ(CheckSchoolScope(board, "56EF00").code(), absl::StatusCode::kNotFound);  // board unknown

  Principal office{"office:PO2203:cr-4", PrincipalKind::kOffice, "PO2203", {}};
  EXPECT_TRUE(CheckSchoolScope(office, "56EF00").ok());
  Principal partner{"partner:GM0606:cr-5", PrincipalKind::kPartner, "PO2203", {"GM0606"}};
  EXPECT_EQ(CheckSchoolScope(partner, "12AB00").code(), absl::StatusCode::kNotFound);
}

TEST(PrincipalTest, MunicipalityScopeAndWrites) {
  Principal partner{"partner:GM0606:cr-5", PrincipalKind::kPartner, "PO2203", {"GM0606"}};
  EXPECT_TRUE(CheckMunicipalityScope(partner, " gm0606 ").ok());
  EXPECT_EQ(CheckMunicipalityScope(partner, "GM0622").code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(CheckMayWrite(partner).code(), absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(CheckMayWrite(School({"12AB00"})).ok());
  EXPECT_EQ(CheckMunicipalityScope(School({"12AB00"}), "GM0606").code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace swv
