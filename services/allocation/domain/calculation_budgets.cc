// The shared budgets of the allocation calculation: the HB money split between the SWV and the
// boards, and the wijk pot split over factors and wijken (each by largest remainder).
#include <map>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/allocation/domain/calculation_internal.h"
#include "services/allocation/domain/money.h"
#include "services/kernel/status_macros.h"

namespace swv::allocation::calculation_internal {
namespace {

// The line of one part of a largest-remainder split of `total`: the part's weight as its quantity
// and its share of `total_weight`, its amount, and the formula.
ResultLine SplitLine(absl::string_view section, absl::string_view item, int64_t total,
                     const SplitPart& part, int64_t total_weight, absl::string_view unit) {
  ResultLine line = Line(section, item);
  line.quantity = part.weight;
  line.has_share = true;
  line.share_numerator = part.weight;
  line.share_denominator = total_weight;
  line.amount_cents = part.amount;
  line.formula = SplitFormula(total, part, total_weight, unit);
  return line;
}

}  // namespace

// HB: the collective share stays with the SWV, the rest goes to the boards by pupils.
absl::Status AddHbLines(CalculationState& state) {
  const YearConfig& config = state.config;
  CalculationResult& result = state.result;
  std::map<std::string, BoardTotal>& boards = state.boards;
  const int64_t budget = *config.hb_budget_cents;
  const Fraction share = *config.hb_collective_share;
  SWV_ASSIGN_OR_RETURN(result.hb_collective_cents,
                       MulDivRounded(budget, share.numerator, share.denominator, "HB collective"));
  result.hb_boards_cents = budget - result.hb_collective_cents;
  ResultLine collective = Line("hb", "collective");
  collective.has_share = true;
  collective.share_numerator = share.numerator;
  collective.share_denominator = share.denominator;
  collective.amount_cents = result.hb_collective_cents;
  collective.formula = absl::StrCat(
      FormatEuro(budget), " x ", share.numerator, "/", share.denominator, " = ",
      FormatEuro(result.hb_collective_cents), " stays with the SWV (rounded to the cent)");
  result.lines.push_back(std::move(collective));
  ResultLine to_boards = Line("hb", "boards_part");
  to_boards.amount_cents = result.hb_boards_cents;
  to_boards.formula =
      absl::StrCat(FormatEuro(budget), " - ", FormatEuro(result.hb_collective_cents), " = ",
                   FormatEuro(result.hb_boards_cents), " to the boards pro rata to pupils");
  result.lines.push_back(std::move(to_boards));
  std::vector<Weighted> weights;
  for (const auto& [code, total] : boards) weights.push_back(Weighted{code, total.pupils});
  if (result.hb_boards_cents > 0 && SumWeights(weights) == 0) {
    return Precondition("NO_BASIS_FOR_SPLIT",
                        "HB money is to go to the boards pro rata to pupils, but no eligible "
                        "school has pupils on the count date",
                        {config.count_date});
  }
  SWV_ASSIGN_OR_RETURN(std::vector<SplitPart> parts,
                       SplitLargestRemainder(result.hb_boards_cents, weights));
  for (const SplitPart& part : parts) {
    ResultLine line =
        SplitLine("hb", "board", result.hb_boards_cents, part, result.eligible_pupils, " pupils");
    line.board = part.key;
    result.lines.push_back(std::move(line));
    boards[part.key].hb_cents = part.amount;
  }
  return absl::OkStatus();
}

// Wijk budgets.
absl::Status AddWijkLines(CalculationState& state) {
  const YearConfig& config = state.config;
  CalculationResult& result = state.result;
  const std::vector<const DirectorySchool*>& eligible = state.eligible;
  std::map<std::string, std::string>& board_names = state.board_names;
  const int64_t pot = *config.wijk_pot_cents;
  // Pupils and schools per wijk (eligible schools with a wijk).
  std::map<std::string, int64_t> wijk_pupils;
  std::map<std::string, std::vector<const DirectorySchool*>> wijk_schools;
  for (const DirectorySchool* school : eligible) {
    if (school->wijk.empty()) continue;
    wijk_pupils[school->wijk] += state.PupilsOf(school->code);
    wijk_schools[school->wijk].push_back(school);
  }
  std::set<std::string> wijken;
  for (const auto& [wijk, pupils] : wijk_pupils) wijken.insert(wijk);
  for (const WijkFactor& factor : config.wijk_factors) {
    for (const WijkFactorValue& value : factor.values) wijken.insert(value.wijk);
  }
  std::vector<Weighted> factor_weights;
  for (const WijkFactor& factor : config.wijk_factors) {
    factor_weights.push_back(Weighted{factor.code, factor.weight_bp});
  }
  SWV_ASSIGN_OR_RETURN(std::vector<SplitPart> factor_parts,
                       SplitLargestRemainder(pot, factor_weights));
  std::map<std::string, int64_t> wijk_amount;
  for (const std::string& wijk : wijken) wijk_amount[wijk] = 0;
  std::vector<ResultLine> factor_lines;
  for (size_t f = 0; f < config.wijk_factors.size(); ++f) {
    const WijkFactor& factor = config.wijk_factors[f];
    const SplitPart& factor_part = factor_parts[f];  // both sorted by code
    ResultLine part_line = Line("wijk", absl::StrCat("part:", factor.code));
    part_line.has_share = true;
    part_line.share_numerator = factor.weight_bp;
    part_line.share_denominator = 10000;
    part_line.amount_cents = factor_part.amount;
    part_line.formula = SplitFormula(pot, factor_part, 10000, " basis points");
    result.lines.push_back(std::move(part_line));
    std::vector<Weighted> values;
    if (factor.code == kPupilsFactor) {
      for (const std::string& wijk : wijken) {
        auto it = wijk_pupils.find(wijk);
        values.push_back(Weighted{wijk, it == wijk_pupils.end() ? 0 : it->second});
      }
    } else {
      std::map<std::string, int64_t> given;
      for (const WijkFactorValue& value : factor.values) given[value.wijk] = value.value;
      for (const std::string& wijk : wijken) values.push_back(Weighted{wijk, given[wijk]});
    }
    const int64_t total_value = SumWeights(values);
    if (factor_part.amount > 0 && total_value == 0) {
      return Precondition("NO_BASIS_FOR_SPLIT",
                          "a wijk factor has a share of the pot but every wijk has value 0",
                          {factor.code}, "config.wijk_factors");
    }
    SWV_ASSIGN_OR_RETURN(std::vector<SplitPart> parts,
                         SplitLargestRemainder(factor_part.amount, values));
    for (const SplitPart& part : parts) {
      ResultLine line =
          SplitLine("wijk", absl::StrCat("factor:", factor.code), factor_part.amount, part,
                    total_value, factor.code == kPupilsFactor ? " pupils" : " points");
      line.wijk = part.key;
      factor_lines.push_back(std::move(line));
      wijk_amount[part.key] += part.amount;
    }
  }
  std::map<std::string, std::string> penvoerders;
  for (const Penvoerder& penvoerder : config.penvoerders) {
    penvoerders[penvoerder.wijk] = penvoerder.board;
  }
  std::vector<std::string> without_penvoerder, unknown_penvoerder;
  for (const auto& [wijk, amount] : wijk_amount) {
    auto it = penvoerders.find(wijk);
    if (amount > 0 && it == penvoerders.end()) without_penvoerder.push_back(wijk);
    if (it != penvoerders.end() && board_names.count(it->second) == 0) {
      unknown_penvoerder.push_back(absl::StrCat(wijk, " (board ", it->second, ")"));
    }
  }
  if (!without_penvoerder.empty()) {
    return Precondition("WIJK_WITHOUT_PENVOERDER",
                        absl::StrCat("these wijken have a budget for ", config.year,
                                     " but no penvoerder to pay it to; set one in the year "
                                     "configuration"),
                        without_penvoerder, "config.penvoerders");
  }
  if (!unknown_penvoerder.empty()) {
    return Precondition("PENVOERDER_NOT_IN_DIRECTORY",
                        "the penvoerder of these wijken is not a board in the directory",
                        unknown_penvoerder, "config.penvoerders");
  }
  // Factor lines carry the penvoerder as recipient, so they appear in its statement.
  for (ResultLine& line : factor_lines) {
    auto it = penvoerders.find(line.wijk);
    if (it != penvoerders.end()) line.board = it->second;
  }
  std::stable_sort(factor_lines.begin(), factor_lines.end(),
                   [](const ResultLine& a, const ResultLine& b) { return a.wijk < b.wijk; });
  for (ResultLine& line : factor_lines) result.lines.push_back(std::move(line));
  for (const auto& [wijk, amount] : wijk_amount) {
    WijkTotal total;
    total.wijk = wijk;
    auto penvoerder = penvoerders.find(wijk);
    if (penvoerder != penvoerders.end()) total.penvoerder = penvoerder->second;
    auto pupils = wijk_pupils.find(wijk);
    total.pupils = pupils == wijk_pupils.end() ? 0 : pupils->second;
    total.amount_cents = amount;
    ResultLine line = Line("wijk", "total");
    line.board = total.penvoerder;
    line.wijk = wijk;
    line.quantity = total.pupils;
    line.amount_cents = amount;
    line.formula = total.penvoerder.empty()
                       ? "sum of the factor lines of this wijk; no penvoerder, nothing paid"
                       : absl::StrCat("sum of the factor lines of this wijk = ", FormatEuro(amount),
                                      ", paid to penvoerder ", total.penvoerder);
    result.lines.push_back(std::move(line));
    if (!total.penvoerder.empty()) {
      BoardTotal& board = state.BoardTotalOf(total.penvoerder);
      SWV_ASSIGN_OR_RETURN(board.wijk_cents, CheckedAdd(board.wijk_cents, amount, "wijk money"));
    }
    // What each school of the wijk can attribute to itself, for information.
    std::vector<Weighted> school_weights;
    for (const DirectorySchool* school : wijk_schools[wijk]) {
      school_weights.push_back(Weighted{school->code, state.PupilsOf(school->code)});
    }
    if (SumWeights(school_weights) > 0) {
      SWV_ASSIGN_OR_RETURN(std::vector<SplitPart> shares,
                           SplitLargestRemainder(amount, school_weights));
      for (const SplitPart& share : shares) {
        ResultLine share_line =
            SplitLine("wijk_school_share", "attributable", amount, share, total.pupils, " pupils");
        share_line.board = total.penvoerder;
        share_line.wijk = wijk;
        share_line.school = share.key;
        absl::StrAppend(&share_line.formula, "; part of the wijk total, not paid separately");
        result.lines.push_back(std::move(share_line));
      }
    }
    result.wijken.push_back(std::move(total));
  }
  return absl::OkStatus();
}

}  // namespace swv::allocation::calculation_internal
