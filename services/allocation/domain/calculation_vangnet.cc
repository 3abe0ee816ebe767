// The vangnet (safety net) of a calculation under rules 2: the growth of every GO board's SBO and
// SO pupils between the October count and the February count (the peildatum), paid to the board
// per extra pupil and category. 002 section 7.2: the growth schemes for SBO and SO ended with the
// new count date of 1 February, so the SWV must have a "vangnetbepaling" for "een extreme toename
// van het aantal leerlingen na de (nieuwe) teldatum van 1 februari"; 004: "In oktober ontvangen GO
// besturen de bekostiging van de groeiregeling". The SBO part is light support, the SO part heavy
// support (002: "de lichte (SBO) en/of zware (SO) ondersteuning").
//
// Growth is netted per board and category over the board's SBO and SO locations (a pupil moving
// between two locations of one board is no growth) and never negative: a board that shrank gets 0.
#include <map>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/allocation/domain/calculation.h"
#include "services/allocation/domain/calculation_internal.h"
#include "services/allocation/domain/money.h"
#include "services/kernel/status_macros.h"

namespace swv::allocation::calculation_internal {
namespace {

constexpr const char* kItems[kVangnetCategories] = {"sbo", "so_cat1", "so_cat2", "so_cat3"};

// A GO board's pupils per category on the two count dates.
struct BoardGrowth {
  int64_t october[kVangnetCategories] = {0, 0, 0, 0};
  int64_t february[kVangnetCategories] = {0, 0, 0, 0};
};

// Adds the TLV pupils of the SBO and SO locations of `counts` to their boards; locations the
// directory does not know or that have no board are named in `left_out` when they count pupils.
absl::Status AddGoPupils(const CalculationState& state, const std::vector<SchoolCount>& counts,
                         bool february, std::map<std::string, BoardGrowth>& boards,
                         std::set<std::string>& left_out) {
  for (const SchoolCount& count : counts) {
    const int64_t pupils[kVangnetCategories] = {count.sbo_pupils, count.so_cat1_pupils,
                                                count.so_cat2_pupils, count.so_cat3_pupils};
    if (pupils[0] == 0 && pupils[1] == 0 && pupils[2] == 0 && pupils[3] == 0) continue;
    auto it = state.schools_by_code.find(count.school);
    if (it != state.schools_by_code.end() && it->second->kind != SchoolKind::kSbo &&
        it->second->kind != SchoolKind::kSo) {
      continue;  // not a GO location
    }
    if (it == state.schools_by_code.end() || it->second->board.empty()) {
      left_out.insert(count.school);
      continue;
    }
    BoardGrowth& board = boards[it->second->board];
    int64_t* into = february ? board.february : board.october;
    for (int k = 0; k < kVangnetCategories; ++k) {
      SWV_ASSIGN_OR_RETURN(into[k], CheckedAdd(into[k], pupils[k], "vangnet pupils"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status AddVangnetLines(CalculationState& state) {
  const YearConfig& config = state.config;
  CalculationResult& result = state.result;
  if (state.input.rules < kCurrentRules || !HasVangnet(config)) return absl::OkStatus();
  result.vangnet_configured = true;
  const VangnetCounts& counts = state.input.vangnet;
  if (!counts.has_october || !counts.has_february) {
    std::vector<std::string> missing;
    if (!counts.has_october) missing.push_back(config.vangnet_october_date);
    if (!counts.has_february) missing.push_back(config.vangnet_february_date);
    result.vangnet_counts_missing = true;
    result.vangnet_note =
        absl::StrCat("vangnet 0: no accepted count set for ", absl::StrJoin(missing, " and "),
                     " yet; the vangnet is paid on the growth up to the count of ",
                     config.vangnet_february_date, " once it is imported (decided in October)");
    return absl::OkStatus();
  }
  const int64_t rates[kVangnetCategories] = {
      *config.vangnet_sbo_amount_cents, *config.vangnet_so_cat1_amount_cents,
      *config.vangnet_so_cat2_amount_cents, *config.vangnet_so_cat3_amount_cents};
  std::map<std::string, BoardGrowth> boards;
  std::set<std::string> left_out;
  SWV_RETURN_IF_ERROR(AddGoPupils(state, counts.october, false, boards, left_out));
  SWV_RETURN_IF_ERROR(AddGoPupils(state, counts.february, true, boards, left_out));
  for (const auto& [code, growth] : boards) {
    for (int k = 0; k < kVangnetCategories; ++k) {
      const int64_t before = growth.october[k];
      const int64_t after = growth.february[k];
      if (before == 0 && after == 0) continue;
      const int64_t grown = after > before ? after - before : 0;
      SWV_ASSIGN_OR_RETURN(int64_t amount, CheckedMul(grown, rates[k], "a vangnet amount"));
      ResultLine line = Line("vangnet", kItems[k]);
      line.board = code;
      line.quantity = grown;
      line.has_rate = true;
      line.rate_cents = rates[k];
      line.amount_cents = amount;
      line.formula = absl::StrCat("max(0, ", after, " on ", config.vangnet_february_date, " - ",
                                  before, " on ", config.vangnet_october_date, ") = ", grown,
                                  " pupils x ", FormatEuro(rates[k]), " = ", FormatEuro(amount),
                                  grown == 0 ? " (no growth: the vangnet is never negative)" : "");
      result.lines.push_back(std::move(line));
      SWV_ASSIGN_OR_RETURN(result.vangnet_growth_pupils[k],
                           CheckedAdd(result.vangnet_growth_pupils[k], grown, "vangnet pupils"));
      if (amount == 0) continue;
      BoardTotal& total = state.BoardTotalOf(code);
      SWV_ASSIGN_OR_RETURN(total.vangnet_cents,
                           CheckedAdd(total.vangnet_cents, amount, "a board's vangnet"));
      int64_t& part = k == 0 ? result.vangnet_sbo_cents : result.vangnet_so_cents;
      SWV_ASSIGN_OR_RETURN(part, CheckedAdd(part, amount, "the vangnet"));
    }
  }
  if (!left_out.empty()) {
    std::vector<std::string> named(left_out.begin(), left_out.end());
    result.vangnet_note =
        absl::StrCat("left out of the vangnet (not in the directory, or without a board to pay): ",
                     absl::StrJoin(named, ", "));
  }
  return absl::OkStatus();
}

}  // namespace swv::allocation::calculation_internal
