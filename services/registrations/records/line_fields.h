// A list kept in one text column of a record's row (a case's consents and leerplicht actions, an
// escalation's steps): a line per item, its fields separated by tabs, so a record is still read
// with one SELECT. A field that may hold free text (line breaks, tabs) is escaped with
// EscapeLineField and read back with UnescapeLineField. Pure functions; thread-safe.
#ifndef SWV_SERVICES_REGISTRATIONS_RECORDS_LINE_FIELDS_H_
#define SWV_SERVICES_REGISTRATIONS_RECORDS_LINE_FIELDS_H_

#include <string>

#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"

namespace swv::registrations {

// Backslash, line break and tab written as "\\", "\n" and "\t".
inline std::string EscapeLineField(absl::string_view text) {
  return absl::StrReplaceAll(text, {{"\\", "\\\\"}, {"\n", "\\n"}, {"\t", "\\t"}});
}

inline std::string UnescapeLineField(absl::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      const char next = text[++i];
      out.push_back(next == 'n' ? '\n' : next == 't' ? '\t' : next);
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_RECORDS_LINE_FIELDS_H_
