// The organisation directory of an SWV: boards (schoolbesturen), wijken (neighbourhoods or
// municipal networks) and school locations, pushed in bulk by an LVS or the SWV office. The rules
// of one row; the batch (per-row outcomes, chunked transactions) is the application service's.
//
// Pure functions on values; thread-safe. Field names carry the row's position in the batch, e.g.
// "schools[3].board", so an LVS can find the bad row in what it sent.
#ifndef SWV_SERVICES_REGISTRATIONS_DOMAIN_DIRECTORY_H_
#define SWV_SERVICES_REGISTRATIONS_DOMAIN_DIRECTORY_H_

#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/optional.h"
#include "services/kernel/errors.h"
#include "services/kernel/school_kind.h"

namespace swv::registrations {

// SchoolKind and its names are the kernel's (services/kernel/school_kind.h).

// Raw rows as received.
struct BoardRow {
  std::string code;
  std::string display_name;
};
struct WijkRow {
  std::string code;
  std::string display_name;
  std::string municipality;  // optional
};
struct SchoolRow {
  std::string code;  // BRIN + vestiging
  std::string display_name;
  std::string board;
  std::string wijk;  // optional
  std::string municipality;
  absl::optional<SchoolKind> kind;
  bool inside_region = false;
};

// Validated, normalised values (codes upper case). Equality decides "unchanged" on upsert.
struct Board {
  std::string code;
  std::string display_name;
  bool operator==(const Board& o) const { return code == o.code && display_name == o.display_name; }
  bool operator!=(const Board& o) const { return !(*this == o); }
};
struct Wijk {
  std::string code;
  std::string display_name;
  std::string municipality;  // "" when not given
  bool operator==(const Wijk& o) const {
    return code == o.code && display_name == o.display_name && municipality == o.municipality;
  }
  bool operator!=(const Wijk& o) const { return !(*this == o); }
};
struct School {
  std::string code;  // "12AB00"
  std::string display_name;
  std::string board;  // "" only for a school outside the region without a known board
  std::string wijk;   // "" when not given
  std::string municipality;
  SchoolKind kind = SchoolKind::kRegular;
  bool inside_region = false;
  bool operator==(const School& o) const {
    return code == o.code && display_name == o.display_name && board == o.board && wijk == o.wijk &&
           municipality == o.municipality && kind == o.kind && inside_region == o.inside_region;
  }
  bool operator!=(const School& o) const { return !(*this == o); }
};

// Codes already in the tenant's directory (or accepted earlier in the same batch).
struct KnownCodes {
  std::set<std::string> boards;
  std::set<std::string> wijken;
};

// Board: code 1-16 of [A-Za-z0-9-], stored upper case ("REQUIRED", "MALFORMED_BOARD_CODE");
// display_name 1-200 printable characters ("REQUIRED", "TOO_LONG", "INVALID_CHARACTERS").
// `prefix` is e.g. "boards[3].". Several different reasons give "INVALID_DIRECTORY_ROW".
absl::StatusOr<Board> ValidateBoard(absl::string_view prefix, const BoardRow& row);

// Wijk: code 1-32 of [A-Za-z0-9-] ("MALFORMED_WIJK_CODE"); display_name as for boards;
// municipality optional, a CBS code when given ("MALFORMED_MUNICIPALITY_CODE").
absl::StatusOr<Wijk> ValidateWijk(absl::string_view prefix, const WijkRow& row);

// School: code a school location code ("MALFORMED_SCHOOL_CODE"); display_name as for boards;
// municipality required; kind required ("REQUIRED").
// board: required for a school inside the region ("REQUIRED") and then it must be in
// `known.boards` ("UNKNOWN_BOARD": "board 41234 is not in the directory"). A school outside the
// region belongs to another SWV's board, which this directory need not hold: its board is
// optional and only checked for form.
// wijk: optional; when given it must be in `known.wijken` ("UNKNOWN_WIJK").
absl::StatusOr<School> ValidateSchool(absl::string_view prefix, const SchoolRow& row,
                                      const KnownCodes& known);

// The fields that decide money and scope (board, wijk, kind, inside_region: who holds the
// school's pupil records, which wijk budget and which kind of funding) are the SWV office's
// (proto option office_decides). For a school or board pushing its own row: an absent value
// (empty board or wijk, no kind, inside_region false) keeps the stored one, a different value is a
// violation "<prefix>board" etc., and a location the directory does not hold yet (`stored` null)
// is the office's to add ("<prefix>code"). `row` gets the stored values filled in.
std::vector<FieldViolation> KeepOfficeDecidedFields(absl::string_view prefix, const School* stored,
                                                    SchoolRow& row);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_DOMAIN_DIRECTORY_H_
