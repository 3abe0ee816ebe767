#include "services/kernel/school_kind.h"

namespace swv {

absl::string_view SchoolKindName(SchoolKind kind) {
  switch (kind) {
    case SchoolKind::kUnspecified:
      return "unspecified";
    case SchoolKind::kRegular:
      return "regular";
    case SchoolKind::kSbo:
      return "sbo";
    case SchoolKind::kSo:
      return "so";
    case SchoolKind::kOpdc:
      return "opdc";
    case SchoolKind::kMdo:
      return "mdo";
  }
  return "unknown";
}

absl::optional<SchoolKind> SchoolKindFromName(absl::string_view name) {
  for (SchoolKind kind : {SchoolKind::kRegular, SchoolKind::kSbo, SchoolKind::kSo,
                          SchoolKind::kOpdc, SchoolKind::kMdo}) {
    if (SchoolKindName(kind) == name) return kind;
  }
  return absl::nullopt;
}

}  // namespace swv
