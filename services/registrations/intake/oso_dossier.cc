#include "services/registrations/intake/oso_dossier.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <memory>
#include <mutex>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/kernel/errors.h"
#include "services/registrations/domain/validation.h"
#include "services/registrations/intake/oso_xml.h"

namespace swv::registrations {
namespace {

using oso::OsoName;
using oso::PathOf;
using oso::Reader;

constexpr absl::string_view kField = "dossier_xml";
constexpr absl::string_view kProfileRule = "required in an SWV dossier (OSO SWV profile, PaO)";

// Elements that carry a person number. The SWV dossier leaves them out (PaO.LL12: BSN or
// onderwijsnummer); the PGN is the BSN under another name.
constexpr absl::string_view kIdentifierElements[] = {"bsn", "onderwijsnummer",
                                                     "persoonsgebondennummer", "pgn"};

// Every element anywhere that carries a person number, whatever its namespace.
void ForbidIdentifiers(const xmlNode* node, Reader& reader) {
  for (; node != nullptr; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    const absl::string_view name = reinterpret_cast<const char*>(node->name);
    for (absl::string_view forbidden : kIdentifierElements) {
      if (absl::EqualsIgnoreCase(name, forbidden)) {
        reader.Add(PathOf(node), "FORBIDDEN_IDENTIFIER",
                   "a BSN or onderwijsnummer is forbidden in an SWV dossier (PaO.LL12); the "
                   "whole dossier is refused, send it without");
      }
    }
    ForbidIdentifiers(node->children, reader);
  }
}

void ReadMetadata(const xmlNode* root, Reader& r, OsoDossier& d) {
  const xmlNode* metadata = r.One(root, "metadata", true);
  if (metadata == nullptr) return;
  if (auto deel = r.Code(metadata, "deeldossier", true, "code list 33 with a LAS part (PaO.MD01)",
                         {"LAS", "LASLVS"})) {
    d.deeldossier = *deel;
  }
  auto name = r.Text(metadata, "pakketnaam", true);
  auto version = r.Text(metadata, "pakketversie", true);
  if (name && version) d.package = absl::StrCat(*name, " ", *version);
  if (auto day = r.Date(metadata, "datum", true)) d.export_date = *day;
  r.Code(metadata, "standaardversie", true, "the gegevensset version", {"2019.1"});
  r.Code(metadata, "validatieversie", true, "the validation version (PaO.MD02)", {"2019.1.1"});
  if (const xmlNode* categories = r.One(metadata, "categorie_uitlevering", true, kProfileRule)) {
    for (const xmlNode* c = categories->children; c != nullptr; c = c->next) {
      const absl::string_view category = OsoName(c);
      if (category.empty()) continue;
      r.Code(categories, category, true, "code list 48",
             {"VERPLICHT", "VERBODEN", "OPTIONEEL", "OPT-UIT"});
    }
  }
  if (auto overstap =
          r.Code(metadata, "overstap", true, "the SWV profiles (PaO.SO02)", {"POSWV", "VOSWV"})) {
    d.profile = *overstap == "POSWV" ? OsoProfile::kPoSwv : OsoProfile::kVoSwv;
  }
}

absl::optional<OsoAnswer> AnswerOf(const absl::optional<std::string>& code) {
  if (!code) return absl::nullopt;
  if (*code == "Ja") return OsoAnswer::kJa;
  if (*code == "Nee") return OsoAnswer::kNee;
  return OsoAnswer::kOnbekend;
}

void ReadInzage(const xmlNode* root, Reader& r, OsoDossier& d) {
  const xmlNode* node = r.One(root, "inzage", false);
  if (node == nullptr) return;
  OsoInzage inzage;
  inzage.voorlopig_dossier = r.Boolean(node, "voorlopigdossier", true).value_or(false);
  inzage.inzage = r.Boolean(node, "inzage", false);
  inzage.inzagedatum = r.Date(node, "inzagedatum", false);
  inzage.akkoord =
      AnswerOf(r.Code(node, "akkoord", false, "code list 37", {"Ja", "Nee", "Onbekend"}));
  inzage.reden_niet_akkoord = r.Text(node, "redennietakkoord", false).value_or("");
  inzage.toestemming =
      AnswerOf(r.Code(node, "toestemming", false, "code list 37", {"Ja", "Nee", "Onbekend"}));
  d.inzage = std::move(inzage);
}

void ReadSupport(const xmlNode* leerling, Reader& r, OsoDossier& d) {
  const xmlNode* support = r.One(leerling, "onderwijsondersteuning", false);
  if (support == nullptr) return;
  if (const xmlNode* opp = r.One(support, "opp", false)) {
    auto start = r.Date(opp, "opp_ingangdatum", true);
    auto end = r.Date(opp, "opp_einddatum", false);
    if (start) d.opp = OsoOpp{*start, end};
  }
  for (const xmlNode* tlv : Reader::All(support, "tlv")) {
    auto start = r.Date(tlv, "tlvingangdatum", true);
    auto swv = r.Text(tlv, "tlvswvnummer", true);
    auto category = r.Code(tlv, "tlvcategorie", true, "code list 31 (TLV bekostigingscategorie)",
                           {"H", "M", "L", "Nvt"});
    auto number = r.Text(tlv, "tlvbeschikkingsnummer", true);
    auto end = r.Date(tlv, "tlveinddatum", false);
    if (start && swv && category && number)
      d.tlvs.push_back({*start, *swv, *category, *number, end});
  }
  for (const xmlNode* arrangement : Reader::All(support, "arrangement_pao")) {
    auto start = r.Date(arrangement, "arrangement_datum", true);
    auto kenmerk = r.Text(arrangement, "arrangement_kenmerk", false);
    auto number = r.Text(arrangement, "arrangement_beschikkingsnr", false);
    auto end = r.Date(arrangement, "arrangement_einddatum", false);
    if (start) d.arrangements.push_back({*start, kenmerk.value_or(""), number.value_or(""), end});
  }
}

void ReadLeerling(const xmlNode* school, Reader& r, OsoDossier& d) {
  const xmlNode* leerling = r.One(school, "leerling", true);
  if (leerling == nullptr) return;
  if (Reader::All(leerling, "voornaam").empty()) {
    r.One(leerling, "voornaam", true, "at least one first name (PaO.LL01)");
  }
  if (auto born = r.Date(leerling, "geboortedatum", true)) d.geboortedatum = *born;
  r.Forbid(leerling, "geboortemaand", "forbidden in an SWV dossier (PaO.LL03)");
  r.Boolean(leerling, "adresgeheim", true);
  r.Forbid(leerling, "postcode4adres", "forbidden in an SWV dossier (PaO.LL07)");
  r.Forbid(leerling, "geboorteplaats", "forbidden in an SWV dossier (PaO.LL10)");
  r.Forbid(leerling, "nationaliteit", "forbidden in an SWV dossier (PaO.LL11)");
  if (const xmlNode* id = r.One(leerling, "leerlingid", true,
                                "the LVS pupil number is how the SWV knows the pupil")) {
    const std::string path = PathOf(id);
    std::string lvs;
    Violations checked("");
    auto text = r.Text(leerling, "leerlingid", true);
    if (text && CheckLvsPupilNumber(checked, "", *text, lvs)) {
      d.leerlingid = lvs;
    } else if (text) {
      r.Add(path, "MALFORMED_VALUE",
            "must be the LVS pupil number: at most 32 of A-Z a-z 0-9 . _ -, and not 9 digits "
            "(a BSN)");
    }
  }
  const xmlNode* history = r.One(leerling, "schoolloopbaanlijst", true, kProfileRule);
  if (history != nullptr && Reader::All(history, "schoolloopbaan").empty()) {
    r.One(history, "schoolloopbaan", true, "at least one in an SWV dossier (PaO.SL01)");
  }
  if (d.profile == OsoProfile::kVoSwv) {
    for (absl::string_view early :
         {"vanpeuterspeelzaal", "naampeuterspeelzaal", "voorschools", "vroegschools"}) {
      r.Forbid(leerling, early, "not allowed in a VO SWV dossier (PaO.VV01-04)");
    }
  } else {
    r.Forbid(leerling, "eindtoets_basisonderwijs", "not allowed in a PO SWV dossier (PaO.EB01)");
  }
  ReadSupport(leerling, r, d);
}

void ReadSchool(const xmlNode* root, Reader& r, OsoDossier& d) {
  const xmlNode* school = r.One(root, "huidigeschool", true);
  if (school == nullptr) return;
  r.Text(school, "naam", true);
  const xmlNode* addresses = r.One(school, "adreslijst", true, kProfileRule);
  if (addresses != nullptr && Reader::All(addresses, "adres").empty()) {
    r.One(addresses, "adres", true, "at least one school address (PaO.SL01)");
  }
  const xmlNode* contacts = r.One(school, "communicatielijst", true, kProfileRule);
  if (contacts != nullptr && Reader::All(contacts, "communicatie").empty()) {
    r.One(contacts, "communicatie", true, "at least one (PaO.SL02)");
  }
  auto brin = r.Pattern(school, "brincode", true, "99AA");
  auto vestiging = r.Pattern(school, "vestigingscode", true, "99");
  if (brin && vestiging) d.school = SchoolCode{*brin, *vestiging};
  ReadLeerling(school, r, d);
}

struct DocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
struct CtxtFree {
  void operator()(xmlParserCtxt* ctxt) const { xmlFreeParserCtxt(ctxt); }
};

}  // namespace

absl::string_view OsoProfileName(OsoProfile profile) {
  return profile == OsoProfile::kPoSwv ? "POSWV" : "VOSWV";
}

absl::StatusOr<OsoDossier> ParseOsoDossier(absl::string_view xml) {
  if (absl::StripAsciiWhitespace(xml).empty()) {
    return InvalidField(kField, "REQUIRED", "the dossier XML is required");
  }
  if (xml.size() > kMaxOsoDossierBytes) {
    return InvalidField(kField, "TOO_LARGE",
                        absl::StrCat("the dossier is ", xml.size(), " bytes; at most ",
                                     kMaxOsoDossierBytes, " are accepted"));
  }
  // Refused before parsing: a DTD is where external and expanding entities live.
  constexpr absl::string_view kDtdRule =
      "<!DOCTYPE>: a DTD is not allowed in a dossier (entities are never loaded or expanded)";
  if (absl::StrContains(xml, "<!DOCTYPE")) {
    return InvalidField(kField, "DTD_NOT_ALLOWED", kDtdRule);
  }
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  std::unique_ptr<xmlParserCtxt, CtxtFree> ctxt(xmlNewParserCtxt());
  if (ctxt == nullptr) return absl::ResourceExhaustedError("no memory to parse the dossier");
  // No network, no DTD loading, no entity substitution, no XInclude, no huge-document mode.
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  std::unique_ptr<xmlDoc, DocFree> doc(xmlCtxtReadMemory(
      ctxt.get(), xml.data(), static_cast<int>(xml.size()), "dossier.xml", nullptr, options));
  if (doc == nullptr || !ctxt->wellFormed) {
    const xmlError* error = xmlCtxtGetLastError(ctxt.get());
    std::string message = error != nullptr && error->message != nullptr
                              ? std::string(absl::StripAsciiWhitespace(error->message))
                              : "not well-formed";
    const int line = error != nullptr ? error->line : 0;
    return InvalidField(kField, "MALFORMED_XML",
                        absl::StrCat("line ", line, ": not well-formed XML: ", message));
  }
  if (doc->intSubset != nullptr || doc->extSubset != nullptr) {
    return InvalidField(kField, "DTD_NOT_ALLOWED", kDtdRule);
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (OsoName(root) != "dossier") {
    return InvalidField(kField, "NOT_AN_OSO_DOSSIER",
                        absl::StrCat(PathOf(root), ": the root must be <dossier> in namespace ",
                                     kOsoNamespace, " (OSO gegevensset 2019.1)"));
  }
  Violations violations("");
  Reader reader(violations);
  OsoDossier dossier;
  ForbidIdentifiers(root, reader);
  ReadMetadata(root, reader, dossier);
  reader.Code(root, "overdrachtsoort", true, "an SWV dossier (PaO.SO03)", {"swv-dossier"});
  ReadInzage(root, reader, dossier);
  ReadSchool(root, reader, dossier);
  if (!violations.empty()) return violations.ToStatus("INVALID_OSO_DOSSIER");
  return dossier;
}

}  // namespace swv::registrations
