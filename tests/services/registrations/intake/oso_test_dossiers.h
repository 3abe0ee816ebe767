// OSO SWV dossiers for the tests, written for these tests from the published OSO gegevensset
// 2019.1 (element names, order and code lists; no published example is copied). The pupil and
// school are invented. Variants are made by replacing one line.
#ifndef SWV_TESTS_SERVICES_REGISTRATIONS_INTAKE_OSO_TEST_DOSSIERS_H_
#define SWV_TESTS_SERVICES_REGISTRATIONS_INTAKE_OSO_TEST_DOSSIERS_H_

#include <string>

#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"

namespace swv::registrations::testing {

// A PO SWV dossier of school 12AB00 for pupil "LVS-4711": an OPP since 2026-09-01, the parents
// saw the dossier on 2026-11-10 and did not agree with its content (their reason given), and an
// earlier arrangement.
inline std::string PoSwvDossier() {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<dossier xmlns="http://www.edustandaard.nl/oso_gegevensset/2019/dossier">
  <metadata>
    <deeldossier>LASLVS</deeldossier>
    <pakketnaam>TestLVS</pakketnaam>
    <pakketversie>2026.3</pakketversie>
    <datum>2026-11-12</datum>
    <standaardversie>2019.1</standaardversie>
    <validatieversie>2019.1.1</validatieversie>
    <categorie_uitlevering>
      <cat_metadata>VERPLICHT</cat_metadata>
      <cat_ouderinzage>OPTIONEEL</cat_ouderinzage>
      <cat_leerling>VERPLICHT</cat_leerling>
      <cat_onderwijsondersteuning>VERPLICHT</cat_onderwijsondersteuning>
      <cat_eindtoetsbo>VERBODEN</cat_eindtoetsbo>
    </categorie_uitlevering>
    <overstap>POSWV</overstap>
  </metadata>
  <overdrachtsoort>swv-dossier</overdrachtsoort>
  <inzage>
    <voorlopigdossier>false</voorlopigdossier>
    <inzage>true</inzage>
    <inzagedatum>2026-11-10</inzagedatum>
    <akkoord>Nee</akkoord>
    <redennietakkoord>Wij zien liever begeleiding op de eigen school.</redennietakkoord>
    <toestemming>Ja</toestemming>
  </inzage>
  <huidigeschool>
    <naam>Basisschool De Klimop</naam>
    <adreslijst>
      <adres>
        <soortadres>bezoek</soortadres>
        <straat>Schoolstraat</straat>
        <nummer>1</nummer>
        <postcode>7941AA</postcode>
        <plaats>Meppel</plaats>
      </adres>
    </adreslijst>
    <communicatielijst>
      <communicatie>
        <soort>telefoon</soort>
        <aanduiding>werk</aanduiding>
        <nummer>0522000000</nummer>
        <noodnummer>false</noodnummer>
      </communicatie>
    </communicatielijst>
    <brincode>12AB</brincode>
    <vestigingscode>00</vestigingscode>
    <soort>BAO</soort>
    <leerling>
      <voornaam>Sam</voornaam>
      <achternaam>Jansen</achternaam>
      <geboortedatum>2017-05-14</geboortedatum>
      <geslacht>1</geslacht>
      <adresgeheim>true</adresgeheim>
      <leerlingid>LVS-4711</leerlingid>
      <schoolloopbaanlijst>
        <schoolloopbaan>
          <schooljaar>2026-2027</schooljaar>
          <groepscode>5a</groepscode>
          <jaargroep>5</jaargroep>
          <begindatum>2026-08-24</begindatum>
          <brincode>12AB</brincode>
          <vestigingscode>00</vestigingscode>
        </schoolloopbaan>
      </schoolloopbaanlijst>
      <onderwijsondersteuning>
        <opp>
          <opp_ingangdatum>2026-09-01</opp_ingangdatum>
        </opp>
        <arrangement_pao>
          <arrangement_datum>2025-10-01</arrangement_datum>
          <arrangement_kenmerk>Leesbegeleiding</arrangement_kenmerk>
          <arrangement_beschikkingsnr>PO2203-A-17</arrangement_beschikkingsnr>
          <arrangement_einddatum>2026-07-31</arrangement_einddatum>
        </arrangement_pao>
      </onderwijsondersteuning>
    </leerling>
  </huidigeschool>
</dossier>
)";
}

// A VO SWV dossier of school 34CD01 for pupil "VO-0815": an OPP the parents agreed with on
// 2026-10-02, and a TLV issued earlier (category L).
inline std::string VoSwvDossier() {
  std::string xml = PoSwvDossier();
  absl::StrReplaceAll(
      {{"<overstap>POSWV</overstap>", "<overstap>VOSWV</overstap>"},
       {"<brincode>12AB</brincode>", "<brincode>34CD</brincode>"},
       {"<vestigingscode>00</vestigingscode>", "<vestigingscode>01</vestigingscode>"},
       {"<leerlingid>LVS-4711</leerlingid>", "<leerlingid>VO-0815</leerlingid>"},
       {"<inzagedatum>2026-11-10</inzagedatum>", "<inzagedatum>2026-10-02</inzagedatum>"},
       {"<akkoord>Nee</akkoord>", "<akkoord>Ja</akkoord>"},
       {"<redennietakkoord>Wij zien liever begeleiding op de eigen school."
        "</redennietakkoord>\n",
        ""},
       {"<opp_ingangdatum>2026-09-01</opp_ingangdatum>",
        "<opp_ingangdatum>2026-09-15</opp_ingangdatum>\n"
        "          <opp_einddatum>2027-07-31</opp_einddatum>"},
       {"        <arrangement_pao>",
        "        <tlv>\n"
        "          <tlvingangdatum>2024-08-01</tlvingangdatum>\n"
        "          <tlvswvnummer>VO2203</tlvswvnummer>\n"
        "          <tlvcategorie>L</tlvcategorie>\n"
        "          <tlvbeschikkingsnummer>VO2203-2024-0042</tlvbeschikkingsnummer>\n"
        "          <tlveinddatum>2026-07-31</tlveinddatum>\n"
        "        </tlv>\n"
        "        <arrangement_pao>"}},
      &xml);
  return xml;
}

// `xml` with `from` replaced by `to` (exactly once expected by the callers).
inline std::string Replaced(std::string xml, absl::string_view from, absl::string_view to) {
  absl::StrReplaceAll({{from, to}}, &xml);
  return xml;
}

}  // namespace swv::registrations::testing

#endif  // SWV_TESTS_SERVICES_REGISTRATIONS_INTAKE_OSO_TEST_DOSSIERS_H_
