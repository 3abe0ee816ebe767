// Reading one parsed OSO dossier tree (libxml2) element by element, collecting every broken rule
// as a violation of "dossier_xml" that names the element path as the client wrote it. Used by
// oso_dossier.cc only; the tree and its nodes are borrowed for the reader's lifetime.
// Not thread-safe (one reader per parse).
#ifndef SWV_SERVICES_REGISTRATIONS_INTAKE_OSO_XML_H_
#define SWV_SERVICES_REGISTRATIONS_INTAKE_OSO_XML_H_

#include <libxml/tree.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/optional.h"
#include "services/registrations/domain/validation.h"

namespace swv::registrations::oso {

// The local name of an element in the OSO namespace; "" for anything else.
absl::string_view OsoName(const xmlNode* node);

// "/dossier/huidigeschool/leerling/tlv[2]/tlvcategorie": local names from the root, with a
// 1-based index where an element has siblings of the same name.
std::string PathOf(const xmlNode* node);

class Reader {
 public:
  explicit Reader(Violations& violations) : violations_(violations) {}

  // A violation of "dossier_xml": "<path>: <rule>".
  void Add(absl::string_view path, absl::string_view reason, absl::string_view rule);

  // The child elements of `parent` named `name`.
  static std::vector<xmlNode*> All(const xmlNode* parent, absl::string_view name);
  // At most one child `name` ("TOO_MANY"); a missing required one is "MISSING_ELEMENT" with
  // `rule` saying where the requirement comes from. nullptr when absent or repeated.
  xmlNode* One(const xmlNode* parent, absl::string_view name, bool required,
               absl::string_view rule = "required by the gegevensset");
  // A child that must not be there ("FORBIDDEN_ELEMENT", `rule` says why).
  void Forbid(const xmlNode* parent, absl::string_view name, absl::string_view rule);

  // The trimmed text of a child: non-empty (nonEmptyStringType), else "MALFORMED_VALUE".
  absl::optional<std::string> Text(const xmlNode* parent, absl::string_view name, bool required);
  // xs:date "YYYY-MM-DD".
  absl::optional<absl::CivilDay> Date(const xmlNode* parent, absl::string_view name, bool required);
  // xs:boolean: "true", "false", "1", "0".
  absl::optional<bool> Boolean(const xmlNode* parent, absl::string_view name, bool required);
  // A value of a code list ("NOT_IN_CODE_LIST" naming the list).
  absl::optional<std::string> Code(const xmlNode* parent, absl::string_view name, bool required,
                                   absl::string_view list,
                                   std::initializer_list<absl::string_view> codes);
  // A value matching `pattern`: '9' a digit, 'A' an upper-case letter, else itself.
  absl::optional<std::string> Pattern(const xmlNode* parent, absl::string_view name, bool required,
                                      absl::string_view pattern);

 private:
  Violations& violations_;
};

}  // namespace swv::registrations::oso

#endif  // SWV_SERVICES_REGISTRATIONS_INTAKE_OSO_XML_H_
