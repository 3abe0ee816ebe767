#include "services/registrations/domain/directory.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/kernel/identifiers.h"
#include "services/registrations/domain/validation.h"

namespace swv::registrations {
namespace {

constexpr absl::string_view kInvalidDirectoryRow = "INVALID_DIRECTORY_ROW";
constexpr std::size_t kMaxDisplayName = 200;
constexpr std::size_t kMaxBoardCode = 16;
constexpr std::size_t kMaxWijkCode = 32;

}  // namespace

absl::StatusOr<Board> ValidateBoard(absl::string_view prefix, const BoardRow& row) {
  Violations violations(prefix);
  Board board;
  CheckCode(violations, "code", row.code, kMaxBoardCode, "MALFORMED_BOARD_CODE",
            "the board's own code, e.g. its bevoegd-gezagnummer \"41234\"", board.code);
  CheckText(violations, "display_name", row.display_name, /*required=*/true, kMaxDisplayName,
            "the board's name", board.display_name);
  if (!violations.empty()) return violations.ToStatus(kInvalidDirectoryRow);
  return board;
}

absl::StatusOr<Wijk> ValidateWijk(absl::string_view prefix, const WijkRow& row) {
  Violations violations(prefix);
  Wijk wijk;
  CheckCode(violations, "code", row.code, kMaxWijkCode, "MALFORMED_WIJK_CODE", "e.g. \"SCH-OOST\"",
            wijk.code);
  CheckText(violations, "display_name", row.display_name, /*required=*/true, kMaxDisplayName,
            "the wijk's name", wijk.display_name);
  if (!absl::StripAsciiWhitespace(row.municipality).empty()) {
    CheckMunicipality(violations, "municipality", row.municipality, wijk.municipality);
  }
  if (!violations.empty()) return violations.ToStatus(kInvalidDirectoryRow);
  return wijk;
}

absl::StatusOr<School> ValidateSchool(absl::string_view prefix, const SchoolRow& row,
                                      const KnownCodes& known) {
  Violations violations(prefix);
  School school;
  SchoolCode code;
  if (CheckSchool(violations, "code", row.code, "the BRIN + vestiging code", code)) {
    school.code = code.ToString();
  }
  CheckText(violations, "display_name", row.display_name, /*required=*/true, kMaxDisplayName,
            "the school's name", school.display_name);
  CheckMunicipality(violations, "municipality", row.municipality, school.municipality);
  CheckRequired(violations, "kind", row.kind, "regular, SBO, SO, OPDC or MDO", school.kind);
  school.inside_region = row.inside_region;
  const bool board_given = !absl::StripAsciiWhitespace(row.board).empty();
  if (row.inside_region || board_given) {
    std::string board;
    if (CheckCode(violations, "board", row.board, kMaxBoardCode, "MALFORMED_BOARD_CODE",
                  "the code of the school's board; required for a school inside the region",
                  board)) {
      if (row.inside_region && known.boards.count(board) == 0) {
        violations.Add(
            "board", "UNKNOWN_BOARD",
            absl::StrCat("board ", board, " is not in the directory; upsert the board first"));
      } else {
        school.board = board;
      }
    }
  }
  if (!absl::StripAsciiWhitespace(row.wijk).empty()) {
    std::string wijk;
    if (CheckCode(violations, "wijk", row.wijk, kMaxWijkCode, "MALFORMED_WIJK_CODE",
                  "the code of the school's wijk", wijk)) {
      if (known.wijken.count(wijk) == 0) {
        violations.Add(
            "wijk", "UNKNOWN_WIJK",
            absl::StrCat("wijk ", wijk, " is not in the directory; upsert the wijk first"));
      } else {
        school.wijk = wijk;
      }
    }
  }
  if (!violations.empty()) return violations.ToStatus(kInvalidDirectoryRow);
  return school;
}

std::vector<FieldViolation> KeepOfficeDecidedFields(absl::string_view prefix, const School* stored,
                                                    SchoolRow& row) {
  if (stored == nullptr) {
    return {{absl::StrCat(prefix, "code"),
             "a school location the directory does not hold yet is added by the SWV office"}};
  }
  std::vector<FieldViolation> violations;
  auto keep = [&](absl::string_view field, std::string& value, const std::string& kept) {
    std::string wanted = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(value));
    if (!wanted.empty() && wanted != kept) {
      violations.push_back({absl::StrCat(prefix, field),
                            absl::StrCat("is ", kept.empty() ? "empty" : kept,
                                         " in the directory; only the SWV office changes it")});
    }
    value = kept;
  };
  keep("board", row.board, stored->board);
  keep("wijk", row.wijk, stored->wijk);
  if (row.kind.has_value() && *row.kind != stored->kind) {
    violations.push_back({absl::StrCat(prefix, "kind"),
                          absl::StrCat("is ", SchoolKindName(stored->kind),
                                       " in the directory; only the SWV office changes it")});
  }
  row.kind = stored->kind;
  if (row.inside_region && !stored->inside_region) {
    violations.push_back({absl::StrCat(prefix, "inside_region"),
                          "the location lies outside the region in the directory; only the SWV "
                          "office changes it"});
  }
  row.inside_region = stored->inside_region;
  return violations;
}

}  // namespace swv::registrations
