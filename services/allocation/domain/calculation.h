// The allocation of one funding year: deterministic and explainable, to the cent.
//
//   basisondersteuning  per school of a listed kind: pupils on the count date x indexed amount per
//                       pupil; the same per eligible school for every other per-pupil amount
//                       (extra support); summed per board
//   HB money            collective share (default 1/4) stays with the SWV, rounded to the cent;
//                       the rest goes to the boards pro rata to their pupils (largest remainder)
//   wijk budgets        the pot is split over the factors by weight, each factor's part over the
//                       wijken by the factor's values (largest remainder each time); a wijk's
//                       budget is paid to its penvoerder, with each school's attributable share
//                       (pro rata to pupils, largest remainder) listed for information
//   afdrachten          SBO pupils above the year's threshold x SBO rate, deducted from
//                       light-support income (the pupils above it attributed to the SBO locations
//                       pro rata to their SBO pupils, largest remainder); SO pupils per category x
//                       category rate, deducted from heavy-support income
//   vangnet             (rules 2, when the year configures it) the growth of the SBO and SO
//                       pupils per GO board between the 1 October count and the 1 February
//                       count (peildatum), never negative, x the amount per pupil and category;
//                       SBO from light, SO from heavy (calculation_vangnet.cc)
//   light and heavy     (rules 2) two budgets: light = light income + other income - SBO
//                       afdracht - what is paid to the boards - SBO vangnet; heavy = heavy income
//                       - SO afdracht - SO vangnet. Light money is never used for heavy support
//                       (004): a heavy deficit is drawn from the reserve, and what the reserve
//                       does not cover is shown as a shortfall (not an error)
//   reserve check       signal value = max(bp of gross income, minimum); reserve above it or not
// Eligible schools (for extra amounts, HB and the pupils wijk factor) are the regular schools
// inside the region. Basisondersteuning goes to the schools inside the region of the kinds the
// year lists (YearConfig::basis_school_kinds, default regular only). Other SBO/SO/OPDC/MDO
// locations are funded otherwise and appear only in the afdrachten. A school without a wijk
// takes no part in the wijk pot.
//
// Every result line carries its inputs (count, rate, share) and the formula as text, so a board's
// controller can redo it by hand. Lines are in a fixed order, so the same inputs always render to
// the same bytes (CalculationCsv, StatementCsv).
//
// Pure functions on values; thread-safe.
#ifndef SWV_SERVICES_ALLOCATION_DOMAIN_CALCULATION_H_
#define SWV_SERVICES_ALLOCATION_DOMAIN_CALCULATION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/allocation/domain/counts.h"
#include "services/allocation/domain/year_config.h"
#include "services/common/directory_school.h"

namespace swv::allocation {

// What the organisation directory (owned by registrations) says about a school and a board: the
// one definition every service reads (services/common/directory_school.h).
using ::swv::DirectoryBoard;
using ::swv::DirectorySchool;
using ::swv::SchoolKind;

// "regular", "sbo", "so", "opdc", "mdo", "unspecified" (stored; never change). Also the names of
// YearConfig::basis_school_kinds.
using ::swv::SchoolKindFromName;
using ::swv::SchoolKindName;

// Which rules a calculation ran under. A calculation stores its rules version, so one made
// before December 2026 (rules 1: no light/heavy budgets, no vangnet) recomputes byte for byte.
inline constexpr int kRulesBeforeBudgets = 1;
inline constexpr int kCurrentRules = 2;

// The two count sets of the vangnet (YearConfig::vangnet_*_date): a date whose set is missing
// (no accepted count set yet) makes the vangnet 0 with a note, never an error.
struct VangnetCounts {
  bool has_october = false;
  std::vector<SchoolCount> october;  // one per school
  bool has_february = false;
  std::vector<SchoolCount> february;
};

struct CalculationInput {
  YearConfig config;                // validated (ValidateYearConfig)
  std::vector<SchoolCount> counts;  // one per school, from one count-set version
  std::vector<DirectorySchool> schools;
  std::vector<DirectoryBoard> boards;
  int rules = kCurrentRules;
  VangnetCounts vangnet;  // used under rules 2 when the year configures the vangnet
};

// The schools paid per pupil (inside the region, regular or of a kind that receives
// basisondersteuning) of the input's directory that have no count in the input, in code order.
// A calculation must not run while any is missing.
std::vector<std::string> EligibleSchoolsWithoutCounts(const CalculationInput& input);

// One explainable line. `board` is who receives the money ("" = the SWV itself).
struct ResultLine {
  std::string section;  // rate, basis, extra, hb, wijk, wijk_school_share, afdracht, summary, total
  std::string item;     // what within the section, e.g. "basisondersteuning", "factor:pupils"
  std::string board;
  std::string wijk;
  std::string school;
  int64_t quantity = 0;  // pupils, or a factor value
  bool has_rate = false;
  int64_t rate_cents = 0;
  bool has_share = false;
  int64_t share_numerator = 0;
  int64_t share_denominator = 0;
  int64_t amount_cents = 0;
  std::string formula;
};

struct BoardTotal {
  std::string board;
  std::string display_name;
  int64_t pupils = 0;  // pupils of the board's eligible schools
  int64_t basis_cents = 0;
  int64_t extra_cents = 0;
  int64_t hb_cents = 0;
  int64_t wijk_cents = 0;     // as penvoerder, for all schools of its wijken
  int64_t vangnet_cents = 0;  // as GO board: growth of its SBO/SO pupils (rules 2)
  int64_t total_cents = 0;    // basis + extra + hb + wijk + vangnet
};

// Index of the vangnet categories: SBO, SO category 1 (laag), 2 (midden), 3 (hoog).
inline constexpr int kVangnetCategories = 4;

struct WijkTotal {
  std::string wijk;
  std::string penvoerder;  // "" only when the wijk's amount is 0
  int64_t pupils = 0;
  int64_t amount_cents = 0;
};

struct CalculationResult {
  int year = 0;
  std::string count_date;
  int64_t basis_rate_cents = 0;  // after indexation
  int64_t eligible_pupils = 0;
  int64_t hb_collective_cents = 0;
  int64_t hb_boards_cents = 0;
  int64_t sbo_pupils = 0;            // with an SBO TLV, at every counted location
  int64_t sbo_threshold_pupils = 0;  // funded by the state: floor(pupils x threshold bp / 10000)
  int64_t sbo_paid_pupils = 0;       // the SWV pays for: max(0, sbo_pupils - threshold pupils)
  int64_t so_pupils[3] = {0, 0, 0};
  int64_t sbo_transfer_cents = 0;
  int64_t so_transfer_cents[3] = {0, 0, 0};
  int64_t net_light_support_cents = 0;
  int64_t net_heavy_support_cents = 0;
  int64_t gross_income_cents = 0;
  int64_t paid_to_boards_cents = 0;  // basis + extra + HB to boards + wijk pot
  // net income - paid to boards - vangnet (may be negative); under rules 2 it equals light
  // balance + heavy balance, but the light part is not available for heavy support
  int64_t swv_remaining_cents = 0;
  int64_t reserve_cents = 0;
  int64_t reserve_signal_cents = 0;
  bool reserve_above_signal = false;

  int rules = kCurrentRules;
  // The vangnet (rules 2; all 0 when the year does not configure it or a count set is missing).
  bool vangnet_configured = false;
  std::string vangnet_note;  // why it is 0, or which GO locations it left out ("" when neither)
  bool vangnet_counts_missing = false;  // 0 for want of a count set (the note says which)
  int64_t vangnet_growth_pupils[kVangnetCategories] = {0, 0, 0, 0};  // summed over the boards
  int64_t vangnet_sbo_cents = 0;                                     // from light
  int64_t vangnet_so_cents = 0;                                      // from heavy
  // Light and heavy kept apart (rules 2). Spent = afdracht + (light: paid to boards) + vangnet.
  int64_t light_spent_cents = 0;
  int64_t light_balance_cents = 0;  // light + other income - light spent; a surplus stays light
  int64_t heavy_spent_cents = 0;
  int64_t heavy_balance_cents = 0;  // heavy income - heavy spent
  int64_t heavy_deficit_cents = 0;  // max(0, -heavy balance): never covered by light money
  int64_t reserve_draw_cents = 0;   // min(heavy deficit, max(0, reserve))
  int64_t reserve_after_draw_cents = 0;
  int64_t reserve_shortfall_cents = 0;  // heavy deficit - draw: the reserve does not cover it
  bool reserve_insufficient = false;    // shortfall > 0

  std::vector<BoardTotal> boards;  // by board code
  std::vector<WijkTotal> wijken;   // by wijk code
  std::vector<ResultLine> lines;   // fixed order, see CalculationCsv
};

// Runs the calculation. Errors (FAILED_PRECONDITION unless said otherwise; reason in quotes):
//  - "SCHOOL_NOT_IN_DIRECTORY": counts for a school the directory does not know;
//  - "SCHOOL_KIND_UNKNOWN": counts for a school whose kind is unspecified;
//  - "SCHOOL_WITHOUT_BOARD" / "BOARD_NOT_IN_DIRECTORY": an eligible school has no (known) board;
//  - "WIJK_WITHOUT_PENVOERDER": a wijk with a budget above 0 has no penvoerder for the year
//    (field "config.penvoerders"); "PENVOERDER_NOT_IN_DIRECTORY": the penvoerder board is unknown;
//  - "NO_BASIS_FOR_SPLIT": money to split pro rata but every weight is zero (no pupils for HB, a
//    wijk factor without values);
//  - OUT_OF_RANGE "AMOUNT_OVERFLOW" when an amount does not fit in int64.
// Messages name at most 10 offending codes.
absl::StatusOr<CalculationResult> Calculate(const CalculationInput& input);

// RFC 4180 CSV of every line: CRLF line ends, a header row, fields quoted only when they hold a
// comma, quote, CR or LF (quotes doubled). Columns, fixed:
//   section,item,board,wijk,school,quantity,rate_eur,share,amount_eur,formula
// Amounts in euros with a dot and two decimals ("1234.56", "-0.05"), no thousands separator;
// share as "numerator/denominator"; empty cells where a line has no rate or share. No timestamps
// or ids: the same inputs give the same bytes.
std::string CalculationCsv(const CalculationResult& result);

// One board's statement: its lines (schools, HB, wijk money as penvoerder with the attributable
// school shares) followed by "total" lines. NOT_FOUND (reason "BOARD_NOT_IN_CALCULATION") when the
// board receives nothing in this calculation.
struct BoardStatement {
  int year = 0;
  std::string count_date;
  bool vangnet_configured = false;
  std::string vangnet_note;  // the calculation's, when its vangnet is 0 for want of counts
  BoardTotal totals;
  std::vector<ResultLine> lines;
};
absl::StatusOr<BoardStatement> StatementFor(const CalculationResult& result,
                                            absl::string_view board);
std::string StatementCsv(const BoardStatement& statement);

// 16 lower-case hex digits: FNV-1a 64 of CalculationCsv. Stored with a calculation so a later
// recomputation from the stored inputs can prove it reproduces the same result.
std::string Fingerprint(const CalculationResult& result);

// The counts of one school location as monitoring reads them (participation per wijk, board and
// school): `regular` = its pupils when the directory (of the calculation) has it as a regular
// school inside the region, else 0 (the same rule as the calculation's eligible pupils); the TLV
// columns as counted at the location.
struct SchoolPupils {
  std::string school;
  int64_t regular = 0;
  int64_t sbo = 0;
  int64_t so[3] = {0, 0, 0};
};

// One entry per counted school, by school code. Summed over all schools, `regular`, `sbo` and
// `so` equal the calculation's eligible_pupils, sbo_pupils and so_pupils.
std::vector<SchoolPupils> PupilsPerSchool(const std::vector<SchoolCount>& counts,
                                          const std::vector<DirectorySchool>& schools);

}  // namespace swv::allocation

#endif  // SWV_SERVICES_ALLOCATION_DOMAIN_CALCULATION_H_
