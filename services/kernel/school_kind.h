// The kinds of school location the organisation directory knows, with their stable names: one
// type for the directory that stores them (registrations) and the services that read it
// (allocation, monitoring). Pure values; thread-safe.
#ifndef SWV_SERVICES_KERNEL_SCHOOL_KIND_H_
#define SWV_SERVICES_KERNEL_SCHOOL_KIND_H_

#include "absl/strings/string_view.h"
#include "absl/types/optional.h"

namespace swv {

enum class SchoolKind {
  kUnspecified,  // not known: a directory row never has it; a reader may meet it
  kRegular,      // regulier basisonderwijs
  kSbo,          // speciaal basisonderwijs
  kSo,           // speciaal onderwijs
  kOpdc,         // orthopedagogisch-didactisch centrum
  kMdo,          // multidisciplinaire onderwijsvoorziening (education + care)
};

// Stored and sent as "regular", "sbo", "so", "opdc", "mdo"; kUnspecified is "unspecified".
absl::string_view SchoolKindName(SchoolKind kind);
// One of the five kinds by its name; nullopt for anything else, "unspecified" included.
absl::optional<SchoolKind> SchoolKindFromName(absl::string_view name);

}  // namespace swv

#endif  // SWV_SERVICES_KERNEL_SCHOOL_KIND_H_
