#include "services/registrations/intake/oso_dossier.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/kernel/errors.h"
#include "tests/services/registrations/intake/oso_test_dossiers.h"

namespace swv::registrations {
namespace {

using ::swv::registrations::testing::PoSwvDossier;
using ::swv::registrations::testing::Replaced;
using ::swv::registrations::testing::VoSwvDossier;
using ::testing::HasSubstr;

// The refusal's reason and its one description (all on the field dossier_xml).
struct Refusal {
  std::string reason;
  std::string description;
};

Refusal RefusalOf(const absl::StatusOr<OsoDossier>& parsed) {
  EXPECT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  std::vector<FieldViolation> violations = FieldViolationsOf(parsed.status());
  EXPECT_EQ(violations.size(), 1u) << parsed.status();
  if (violations.empty()) return {ReasonOf(parsed.status()), ""};
  EXPECT_EQ(violations[0].field, "dossier_xml");
  return {ReasonOf(parsed.status()), violations[0].description};
}

constexpr absl::string_view kLeerling = "/dossier/huidigeschool/leerling";

TEST(OsoDossierTest, ReadsAPoSwvDossier) {
  absl::StatusOr<OsoDossier> d = ParseOsoDossier(PoSwvDossier());
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->profile, OsoProfile::kPoSwv);
  EXPECT_EQ(d->school.ToString(), "12AB00");
  EXPECT_EQ(d->leerlingid, "LVS-4711");
  EXPECT_EQ(d->geboortedatum, absl::CivilDay(2017, 5, 14));
  EXPECT_EQ(d->export_date, absl::CivilDay(2026, 11, 12));
  EXPECT_EQ(d->package, "TestLVS 2026.3");
  ASSERT_TRUE(d->inzage.has_value());
  EXPECT_EQ(d->inzage->akkoord, OsoAnswer::kNee);
  EXPECT_EQ(d->inzage->inzagedatum, absl::CivilDay(2026, 11, 10));
  EXPECT_EQ(d->inzage->reden_niet_akkoord, "Wij zien liever begeleiding op de eigen school.");
  EXPECT_EQ(d->inzage->toestemming, OsoAnswer::kJa);
  ASSERT_TRUE(d->opp.has_value());
  EXPECT_EQ(d->opp->ingangdatum, absl::CivilDay(2026, 9, 1));
  EXPECT_FALSE(d->opp->einddatum.has_value());
  ASSERT_EQ(d->arrangements.size(), 1u);
  EXPECT_EQ(d->arrangements[0].beschikkingsnummer, "PO2203-A-17");
  EXPECT_TRUE(d->tlvs.empty());
}

TEST(OsoDossierTest, ReadsAVoSwvDossier) {
  absl::StatusOr<OsoDossier> d = ParseOsoDossier(VoSwvDossier());
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->profile, OsoProfile::kVoSwv);
  EXPECT_EQ(d->school.ToString(), "34CD01");
  EXPECT_EQ(d->leerlingid, "VO-0815");
  EXPECT_EQ(d->inzage->akkoord, OsoAnswer::kJa);
  ASSERT_TRUE(d->opp.has_value());
  EXPECT_EQ(d->opp->einddatum, absl::CivilDay(2027, 7, 31));
  ASSERT_EQ(d->tlvs.size(), 1u);
  EXPECT_EQ(d->tlvs[0].categorie, "L");
  EXPECT_EQ(d->tlvs[0].swv_nummer, "VO2203");
}

TEST(OsoDossierTest, RefusesABsnAndNamesTheElement) {
  Refusal r = RefusalOf(ParseOsoDossier(
      Replaced(PoSwvDossier(), "<leerlingid>", "<bsn>123456782</bsn>\n      <leerlingid>")));
  EXPECT_EQ(r.reason, "FORBIDDEN_IDENTIFIER");
  EXPECT_THAT(r.description, HasSubstr(absl::StrCat(kLeerling, "/bsn: ")));
  EXPECT_THAT(r.description, ::testing::Not(HasSubstr("123456782")));
}

TEST(OsoDossierTest, RefusesAnOnderwijsnummer) {
  Refusal r = RefusalOf(ParseOsoDossier(Replaced(
      VoSwvDossier(), "<leerlingid>", "<onderwijsnummer>100000009</onderwijsnummer><leerlingid>")));
  EXPECT_EQ(r.reason, "FORBIDDEN_IDENTIFIER");
  EXPECT_THAT(r.description, HasSubstr(absl::StrCat(kLeerling, "/onderwijsnummer: ")));
}

TEST(OsoDossierTest, RefusesAPersonNumberAnywhere) {
  // Not where the gegevensset puts it, and in another namespace: still a person number.
  Refusal r = RefusalOf(ParseOsoDossier(
      Replaced(PoSwvDossier(), "<naam>Basisschool De Klimop</naam>",
               "<naam>Basisschool De Klimop</naam><x:BSN xmlns:x=\"urn:x\">123456782</x:BSN>")));
  EXPECT_EQ(r.reason, "FORBIDDEN_IDENTIFIER");
  EXPECT_THAT(r.description, HasSubstr("/dossier/huidigeschool/BSN: "));
}

TEST(OsoDossierTest, RefusesMalformedXmlWithItsLine) {
  Refusal r =
      RefusalOf(ParseOsoDossier(Replaced(PoSwvDossier(), "</geboortedatum>", "</geboortedatun>")));
  EXPECT_EQ(r.reason, "MALFORMED_XML");
  EXPECT_THAT(r.description, HasSubstr("line 53"));
}

TEST(OsoDossierTest, RefusesAMissingRequiredElement) {
  Refusal r = RefusalOf(
      ParseOsoDossier(Replaced(PoSwvDossier(), "<geboortedatum>2017-05-14</geboortedatum>", "")));
  EXPECT_EQ(r.reason, "MISSING_ELEMENT");
  EXPECT_THAT(r.description, HasSubstr(absl::StrCat(kLeerling, "/geboortedatum: missing")));
}

TEST(OsoDossierTest, RefusesAValueOutsideItsCodeList) {
  Refusal r = RefusalOf(ParseOsoDossier(
      Replaced(PoSwvDossier(), "<akkoord>Nee</akkoord>", "<akkoord>nee</akkoord>")));
  EXPECT_EQ(r.reason, "NOT_IN_CODE_LIST");
  EXPECT_THAT(r.description, HasSubstr("/dossier/inzage/akkoord: "));
  EXPECT_THAT(r.description, HasSubstr("code list 37"));

  Refusal tlv = RefusalOf(ParseOsoDossier(Replaced(VoSwvDossier(), "<tlvcategorie>L</tlvcategorie>",
                                                   "<tlvcategorie>3</tlvcategorie>")));
  EXPECT_EQ(tlv.reason, "NOT_IN_CODE_LIST");
  EXPECT_THAT(tlv.description,
              HasSubstr(absl::StrCat(kLeerling, "/onderwijsondersteuning/tlv/tlvcategorie: ")));
}

TEST(OsoDossierTest, RefusesAnotherProfileOrTransfer) {
  Refusal r = RefusalOf(ParseOsoDossier(
      Replaced(PoSwvDossier(), "<overstap>POSWV</overstap>", "<overstap>POVO</overstap>")));
  EXPECT_EQ(r.reason, "NOT_IN_CODE_LIST");
  EXPECT_THAT(r.description, HasSubstr("/dossier/metadata/overstap: "));
  Refusal kind = RefusalOf(ParseOsoDossier(Replaced(PoSwvDossier(), "<overdrachtsoort>swv-dossier<",
                                                    "<overdrachtsoort>overstapdossier<")));
  EXPECT_THAT(kind.description, HasSubstr("/dossier/overdrachtsoort: "));
}

TEST(OsoDossierTest, RefusesWhatTheSwvProfileForbids) {
  Refusal r = RefusalOf(ParseOsoDossier(Replaced(
      PoSwvDossier(), "<leerlingid>", "<geboorteplaats>Meppel</geboorteplaats><leerlingid>")));
  EXPECT_EQ(r.reason, "FORBIDDEN_ELEMENT");
  EXPECT_THAT(r.description, HasSubstr(absl::StrCat(kLeerling, "/geboorteplaats: ")));
}

TEST(OsoDossierTest, RefusesAMalformedDateAndBrin) {
  Refusal date = RefusalOf(ParseOsoDossier(
      Replaced(PoSwvDossier(), "<opp_ingangdatum>2026-09-01<", "<opp_ingangdatum>01-09-2026<")));
  EXPECT_EQ(date.reason, "MALFORMED_VALUE");
  EXPECT_THAT(date.description, HasSubstr("/onderwijsondersteuning/opp/opp_ingangdatum: "));
  Refusal brin = RefusalOf(ParseOsoDossier(
      Replaced(PoSwvDossier(), "    <brincode>12AB</brincode>\n    <vestigingscode>",
               "    <brincode>12ab</brincode>\n    <vestigingscode>")));
  EXPECT_THAT(brin.description, HasSubstr("/dossier/huidigeschool/brincode: "));
}

TEST(OsoDossierTest, RefusesAnOversizedDossier) {
  std::string big =
      Replaced(PoSwvDossier(), "<achternaam>",
               absl::StrCat("<!--", std::string(kMaxOsoDossierBytes, 'x'), "--><achternaam>"));
  Refusal r = RefusalOf(ParseOsoDossier(big));
  EXPECT_EQ(r.reason, "TOO_LARGE");
}

TEST(OsoDossierTest, RefusesAnExternalEntityWithoutReadingIt) {
  std::string xxe = Replaced(PoSwvDossier(), "<dossier xmlns",
                             "<!DOCTYPE dossier [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                             "<dossier xmlns");
  xxe = Replaced(xxe, "<achternaam>Jansen<", "<achternaam>&x;<");
  Refusal r = RefusalOf(ParseOsoDossier(xxe));
  EXPECT_EQ(r.reason, "DTD_NOT_ALLOWED");
  EXPECT_THAT(r.description, ::testing::Not(HasSubstr("root:")));
}

TEST(OsoDossierTest, RefusesAnEmptyOrForeignDocument) {
  EXPECT_EQ(RefusalOf(ParseOsoDossier("  ")).reason, "REQUIRED");
  Refusal r = RefusalOf(ParseOsoDossier("<dossier><metadata/></dossier>"));
  EXPECT_EQ(r.reason, "NOT_AN_OSO_DOSSIER");
  EXPECT_THAT(r.description, HasSubstr("/dossier: "));
}

TEST(OsoDossierTest, NamesEveryBrokenRule) {
  absl::StatusOr<OsoDossier> d = ParseOsoDossier(
      Replaced(Replaced(PoSwvDossier(), "<geboortedatum>2017-05-14</geboortedatum>", ""),
               "<leerlingid>", "<bsn>123456782</bsn><leerlingid>"));
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(ReasonOf(d.status()), "INVALID_OSO_DOSSIER");
  EXPECT_EQ(FieldViolationsOf(d.status()).size(), 2u);
}

}  // namespace
}  // namespace swv::registrations
