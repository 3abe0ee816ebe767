// An OSO SWV dossier (the OSO gegevensset 2019.1 of Edustandaard, profiles POSWV and VOSWV: the
// dossier a school's LVS exports for a samenwerkingsverband) read into values, and checked
// against the gegevensset and the SWV profile's business rules (PaO.*) for the parts the SWV
// uses, the identifiers it forbids and the code lists of those parts. docs/oso-intake.md lists
// every rule.
//
// Pure: XML text in, values or an error out; no gRPC, SQL or HTTP, "today" is not needed. The
// XML is parsed with libxml2 without network access, without loading or expanding entities, and
// a document with a DTD is refused (no XXE, no entity expansion); the text is capped at
// kMaxOsoDossierBytes. Thread-safe.
//
// Errors: INVALID_ARGUMENT with one field violation per broken rule, all on the request field
// "dossier_xml"; each description starts with the element path as the client wrote it (local
// names, e.g. "/dossier/huidigeschool/leerling/bsn") and says the rule. Reasons: "REQUIRED",
// "TOO_LARGE", "MALFORMED_XML", "DTD_NOT_ALLOWED", "NOT_AN_OSO_DOSSIER", "MISSING_ELEMENT",
// "FORBIDDEN_ELEMENT", "FORBIDDEN_IDENTIFIER" (a BSN or onderwijsnummer anywhere),
// "NOT_IN_CODE_LIST", "MALFORMED_VALUE", "TOO_MANY"; mixed rules give "INVALID_OSO_DOSSIER".
#ifndef SWV_SERVICES_REGISTRATIONS_INTAKE_OSO_DOSSIER_H_
#define SWV_SERVICES_REGISTRATIONS_INTAKE_OSO_DOSSIER_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/optional.h"
#include "services/kernel/identifiers.h"

namespace swv::registrations {

// The namespace of the gegevensset 2019.1 ("OSO dossier") every element is in.
inline constexpr absl::string_view kOsoNamespace =
    "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";
// Below the gRPC message limit (4 MiB) with room for the rest of the request.
inline constexpr size_t kMaxOsoDossierBytes = 3 << 20;

// metadata/overstap: the SWV profile.
enum class OsoProfile { kPoSwv, kVoSwv };
absl::string_view OsoProfileName(OsoProfile profile);  // "POSWV", "VOSWV"

// Code list 37 "Akkoord".
enum class OsoAnswer { kJa, kNee, kOnbekend };

// /dossier/inzage: what the parents saw and said.
struct OsoInzage {
  bool voorlopig_dossier = false;
  absl::optional<bool> inzage;                 // the parents saw the dossier
  absl::optional<absl::CivilDay> inzagedatum;  // when
  absl::optional<OsoAnswer> akkoord;           // agree with the content
  std::string reden_niet_akkoord;              // why not
  absl::optional<OsoAnswer> toestemming;       // consent to hand the dossier over
};

// .../onderwijsondersteuning/opp
struct OsoOpp {
  absl::CivilDay ingangdatum;
  absl::optional<absl::CivilDay> einddatum;
};

// .../onderwijsondersteuning/tlv: a TLV issued earlier.
struct OsoTlv {
  absl::CivilDay ingangdatum;
  std::string swv_nummer;
  std::string categorie;  // code list 31: "H", "M", "L", "Nvt"
  std::string beschikkingsnummer;
  absl::optional<absl::CivilDay> einddatum;
};

// .../onderwijsondersteuning/arrangement_pao: an arrangement granted earlier.
struct OsoArrangement {
  absl::CivilDay datum;
  std::string kenmerk;
  std::string beschikkingsnummer;
  absl::optional<absl::CivilDay> einddatum;
};

// What the SWV reads from a dossier. Names, addresses and the rest stay in the XML.
struct OsoDossier {
  OsoProfile profile = OsoProfile::kPoSwv;
  std::string deeldossier;  // code list 33: "LAS" or "LASLVS" (PaO.MD01)
  absl::CivilDay export_date;
  std::string package;  // pakketnaam and pakketversie, e.g. "ParnasSys 2026.3"
  absl::optional<OsoInzage> inzage;
  SchoolCode school;       // huidigeschool brincode + vestigingscode
  std::string leerlingid;  // the pupil's LVS number
  absl::CivilDay geboortedatum;
  absl::optional<OsoOpp> opp;
  std::vector<OsoTlv> tlvs;
  std::vector<OsoArrangement> arrangements;
};

absl::StatusOr<OsoDossier> ParseOsoDossier(absl::string_view xml);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_INTAKE_OSO_DOSSIER_H_
