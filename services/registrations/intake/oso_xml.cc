#include "services/registrations/intake/oso_xml.h"

#include <libxml/xmlmemory.h>

#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/kernel/identifiers.h"
#include "services/registrations/intake/oso_dossier.h"

namespace swv::registrations::oso {
namespace {

absl::string_view NameOf(const xmlChar* name) {
  return name == nullptr ? absl::string_view() : reinterpret_cast<const char*>(name);
}

// The trimmed text content of an element.
std::string ContentOf(const xmlNode* node) {
  std::unique_ptr<xmlChar, void (*)(void*)> content(xmlNodeGetContent(node), xmlFree);
  if (content == nullptr) return "";
  return std::string(absl::StripAsciiWhitespace(NameOf(content.get())));
}

bool MatchesPattern(absl::string_view text, absl::string_view pattern) {
  if (text.size() != pattern.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (pattern[i]) {
      case '9':
        if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
        break;
      case 'A':
        if (!absl::ascii_isupper(static_cast<unsigned char>(c))) return false;
        break;
      default:
        if (c != pattern[i]) return false;
    }
  }
  return true;
}

}  // namespace

absl::string_view OsoName(const xmlNode* node) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE || node->ns == nullptr) return "";
  if (NameOf(node->ns->href) != kOsoNamespace) return "";
  return NameOf(node->name);
}

std::string PathOf(const xmlNode* node) {
  std::vector<std::string> parts;
  for (const xmlNode* n = node; n != nullptr && n->type == XML_ELEMENT_NODE; n = n->parent) {
    const absl::string_view name = NameOf(n->name);
    int index = 0;
    int same = 0;
    if (n->parent != nullptr) {
      for (const xmlNode* s = n->parent->children; s != nullptr; s = s->next) {
        if (s->type != XML_ELEMENT_NODE || NameOf(s->name) != name) continue;
        ++same;
        if (s == n) index = same;
      }
    }
    parts.push_back(same > 1 ? absl::StrCat(name, "[", index, "]") : std::string(name));
  }
  std::string path;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) absl::StrAppend(&path, "/", *it);
  return path;
}

void Reader::Add(absl::string_view path, absl::string_view reason, absl::string_view rule) {
  violations_.Add("dossier_xml", reason, absl::StrCat(path, ": ", rule));
}

std::vector<xmlNode*> Reader::All(const xmlNode* parent, absl::string_view name) {
  std::vector<xmlNode*> found;
  if (parent == nullptr) return found;
  for (xmlNode* child = parent->children; child != nullptr; child = child->next) {
    if (OsoName(child) == name) found.push_back(child);
  }
  return found;
}

xmlNode* Reader::One(const xmlNode* parent, absl::string_view name, bool required,
                     absl::string_view rule) {
  if (parent == nullptr) return nullptr;
  std::vector<xmlNode*> found = All(parent, name);
  if (found.empty()) {
    if (required) {
      Add(absl::StrCat(PathOf(parent), "/", name), "MISSING_ELEMENT",
          absl::StrCat("missing; ", rule));
    }
    return nullptr;
  }
  if (found.size() > 1) {
    Add(PathOf(found[1]), "TOO_MANY", "may occur at most once");
    return nullptr;
  }
  return found[0];
}

void Reader::Forbid(const xmlNode* parent, absl::string_view name, absl::string_view rule) {
  for (const xmlNode* node : All(parent, name)) Add(PathOf(node), "FORBIDDEN_ELEMENT", rule);
}

absl::optional<std::string> Reader::Text(const xmlNode* parent, absl::string_view name,
                                         bool required) {
  const xmlNode* node = One(parent, name, required);
  if (node == nullptr) return absl::nullopt;
  std::string text = ContentOf(node);
  if (text.empty()) {
    Add(PathOf(node), "MALFORMED_VALUE", "must not be empty");
    return absl::nullopt;
  }
  return text;
}

absl::optional<absl::CivilDay> Reader::Date(const xmlNode* parent, absl::string_view name,
                                            bool required) {
  const xmlNode* node = One(parent, name, required);
  if (node == nullptr) return absl::nullopt;
  absl::StatusOr<absl::CivilDay> day = ParseDate(name, ContentOf(node));
  if (!day.ok()) {
    Add(PathOf(node), "MALFORMED_VALUE", "must be a date YYYY-MM-DD (xs:date)");
    return absl::nullopt;
  }
  return *day;
}

absl::optional<bool> Reader::Boolean(const xmlNode* parent, absl::string_view name, bool required) {
  const xmlNode* node = One(parent, name, required);
  if (node == nullptr) return absl::nullopt;
  const std::string text = ContentOf(node);
  if (text == "true" || text == "1") return true;
  if (text == "false" || text == "0") return false;
  Add(PathOf(node), "MALFORMED_VALUE", "must be true or false (xs:boolean)");
  return absl::nullopt;
}

absl::optional<std::string> Reader::Code(const xmlNode* parent, absl::string_view name,
                                         bool required, absl::string_view list,
                                         std::initializer_list<absl::string_view> codes) {
  const xmlNode* node = One(parent, name, required);
  if (node == nullptr) return absl::nullopt;
  std::string text = ContentOf(node);
  for (absl::string_view code : codes) {
    if (text == code) return text;
  }
  // The value itself is not repeated: an error message is no place for pupil data.
  Add(PathOf(node), "NOT_IN_CODE_LIST",
      absl::StrCat("must be a value of ", list, ": ", absl::StrJoin(codes, ", ")));
  return absl::nullopt;
}

absl::optional<std::string> Reader::Pattern(const xmlNode* parent, absl::string_view name,
                                            bool required, absl::string_view pattern) {
  const xmlNode* node = One(parent, name, required);
  if (node == nullptr) return absl::nullopt;
  std::string text = ContentOf(node);
  if (!MatchesPattern(text, pattern)) {
    Add(PathOf(node), "MALFORMED_VALUE",
        absl::StrCat("must have the form ", pattern, " (9 a digit, A an upper-case letter)"));
    return absl::nullopt;
  }
  return text;
}

}  // namespace swv::registrations::oso
