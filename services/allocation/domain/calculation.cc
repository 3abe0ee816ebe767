#include "services/allocation/domain/calculation.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "services/allocation/domain/money.h"
#include "services/kernel/errors.h"
#include "services/kernel/status_macros.h"

namespace swv::allocation {
namespace {

constexpr size_t kMaxNamedCodes = 10;

absl::Status Precondition(absl::string_view reason, absl::string_view what,
                          const std::vector<std::string>& codes, absl::string_view field = "") {
  std::vector<std::string> named(codes.begin(),
                                 codes.begin() + std::min(codes.size(), kMaxNamedCodes));
  std::string list = absl::StrJoin(named, ", ");
  if (codes.size() > named.size())
    absl::StrAppend(&list, " and ", codes.size() - named.size(), " more");
  return ErrorWithReason(absl::StatusCode::kFailedPrecondition, reason,
                         absl::StrCat(what, ": ", list), field);
}

// "X x w/W<unit> = Y", noting a largest-remainder cent.
std::string SplitFormula(int64_t total, const SplitPart& part, int64_t total_weight,
                         absl::string_view unit) {
  std::string formula = absl::StrCat(FormatEuro(total), " x ", part.weight, "/", total_weight, unit,
                                     " = ", FormatEuro(part.amount));
  if (part.remainder_cent) {
    absl::StrAppend(&formula, " (", FormatEuro(part.amount - 1),
                    " rounded down + 0.01 by largest remainder)");
  }
  return formula;
}

ResultLine Line(absl::string_view section, absl::string_view item) {
  ResultLine line;
  line.section = std::string(section);
  line.item = std::string(item);
  return line;
}

ResultLine Summary(absl::string_view item, int64_t amount, std::string formula) {
  ResultLine line = Line("summary", item);
  line.amount_cents = amount;
  line.formula = std::move(formula);
  return line;
}

int64_t SumWeights(const std::vector<Weighted>& parts) {
  int64_t sum = 0;
  for (const Weighted& part : parts) sum += part.weight;
  return sum;
}

}  // namespace

absl::string_view SchoolKindName(SchoolKind kind) {
  switch (kind) {
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
    case SchoolKind::kUnspecified:
      return "unspecified";
  }
  return "unspecified";
}

SchoolKind SchoolKindFromName(absl::string_view name) {
  for (SchoolKind kind : {SchoolKind::kRegular, SchoolKind::kSbo, SchoolKind::kSo,
                          SchoolKind::kOpdc, SchoolKind::kMdo}) {
    if (SchoolKindName(kind) == name) return kind;
  }
  return SchoolKind::kUnspecified;
}

absl::StatusOr<CalculationResult> Calculate(const CalculationInput& input) {
  const YearConfig& config = input.config;
  CalculationResult result;
  result.year = config.year;
  result.count_date = config.count_date;

  absl::flat_hash_map<std::string, const DirectorySchool*> schools_by_code;
  for (const DirectorySchool& school : input.schools) schools_by_code[school.code] = &school;
  std::map<std::string, std::string> board_names;
  for (const DirectoryBoard& board : input.boards) board_names[board.code] = board.display_name;

  // Counts per school; every counted school must be known with a kind.
  absl::flat_hash_map<std::string, const SchoolCount*> counts_by_school;
  std::vector<std::string> unknown_schools, unknown_kind;
  for (const SchoolCount& count : input.counts) {
    counts_by_school[count.school] = &count;
    auto it = schools_by_code.find(count.school);
    if (it == schools_by_code.end()) {
      unknown_schools.push_back(count.school);
    } else if (it->second->kind == SchoolKind::kUnspecified) {
      unknown_kind.push_back(count.school);
    }
  }
  std::sort(unknown_schools.begin(), unknown_schools.end());
  std::sort(unknown_kind.begin(), unknown_kind.end());
  if (!unknown_schools.empty()) {
    return Precondition("SCHOOL_NOT_IN_DIRECTORY",
                        "the pupil counts name schools the directory does not know; add them to "
                        "the directory (with kind and board) first",
                        unknown_schools);
  }
  if (!unknown_kind.empty()) {
    return Precondition("SCHOOL_KIND_UNKNOWN",
                        "the directory gives no kind (regular, SBO, SO, ...) for counted schools",
                        unknown_kind);
  }

  // Eligible schools, ordered by (board, school).
  std::vector<const DirectorySchool*> eligible;
  std::vector<std::string> without_board, unknown_board;
  for (const DirectorySchool& school : input.schools) {
    if (school.kind != SchoolKind::kRegular || !school.inside_region) continue;
    if (school.board.empty()) {
      without_board.push_back(school.code);
    } else if (board_names.count(school.board) == 0) {
      unknown_board.push_back(absl::StrCat(school.code, " (board ", school.board, ")"));
    }
    eligible.push_back(&school);
  }
  std::sort(without_board.begin(), without_board.end());
  std::sort(unknown_board.begin(), unknown_board.end());
  if (!without_board.empty()) {
    return Precondition("SCHOOL_WITHOUT_BOARD",
                        "regular schools inside the region must belong to a board", without_board);
  }
  if (!unknown_board.empty()) {
    return Precondition("BOARD_NOT_IN_DIRECTORY", "schools name boards the directory does not know",
                        unknown_board);
  }
  std::sort(eligible.begin(), eligible.end(),
            [](const DirectorySchool* a, const DirectorySchool* b) {
              return a->board != b->board ? a->board < b->board : a->code < b->code;
            });
  auto pupils_of = [&](const std::string& school) -> int64_t {
    auto it = counts_by_school.find(school);
    return it == counts_by_school.end() ? 0 : it->second->pupils;
  };

  std::map<std::string, BoardTotal> boards;
  auto board_total = [&](const std::string& code) -> BoardTotal& {
    BoardTotal& total = boards[code];
    if (total.board.empty()) {
      total.board = code;
      total.display_name = board_names[code];
    }
    return total;
  };

  // Rates after indexation.
  const int64_t indexation = *config.indexation_bp;
  auto rate_line = [&](absl::string_view item, int64_t base, int64_t indexed) {
    ResultLine line = Line("rate", item);
    line.has_rate = true;
    line.rate_cents = indexed;
    line.amount_cents = indexed;
    line.formula = indexation == 0
                       ? absl::StrCat(FormatEuro(base), " per pupil (no indexation)")
                       : absl::StrCat(FormatEuro(base), " x (1 + ", FormatBasisPoints(indexation),
                                      " indexation) = ", FormatEuro(indexed),
                                      " per pupil (rounded to the cent)");
    result.lines.push_back(std::move(line));
  };
  SWV_ASSIGN_OR_RETURN(result.basis_rate_cents,
                       IndexedAmount(*config.basis_amount_per_pupil_cents, indexation));
  rate_line("basisondersteuning", *config.basis_amount_per_pupil_cents, result.basis_rate_cents);
  std::vector<int64_t> extra_rates;
  for (const PerPupilAmount& extra : config.extra_per_pupil_amounts) {
    SWV_ASSIGN_OR_RETURN(int64_t rate, IndexedAmount(*extra.amount_cents, indexation));
    extra_rates.push_back(rate);
    rate_line(absl::StrCat("extra:", extra.code), *extra.amount_cents, rate);
  }

  // Basisondersteuning and the other per-pupil amounts, per school.
  for (const DirectorySchool* school : eligible) {
    const int64_t pupils = pupils_of(school->code);
    BoardTotal& total = board_total(school->board);
    SWV_ASSIGN_OR_RETURN(total.pupils, CheckedAdd(total.pupils, pupils, "pupils of a board"));
    SWV_ASSIGN_OR_RETURN(result.eligible_pupils,
                         CheckedAdd(result.eligible_pupils, pupils, "pupils of the SWV"));
    auto per_pupil = [&](absl::string_view section, absl::string_view item,
                         int64_t rate) -> absl::StatusOr<int64_t> {
      SWV_ASSIGN_OR_RETURN(int64_t amount, CheckedMul(pupils, rate, "a per-pupil amount"));
      ResultLine line = Line(section, item);
      line.board = school->board;
      line.wijk = school->wijk;
      line.school = school->code;
      line.quantity = pupils;
      line.has_rate = true;
      line.rate_cents = rate;
      line.amount_cents = amount;
      line.formula =
          absl::StrCat(pupils, " pupils x ", FormatEuro(rate), " = ", FormatEuro(amount));
      result.lines.push_back(std::move(line));
      return amount;
    };
    SWV_ASSIGN_OR_RETURN(int64_t basis,
                         per_pupil("basis", "basisondersteuning", result.basis_rate_cents));
    SWV_ASSIGN_OR_RETURN(total.basis_cents,
                         CheckedAdd(total.basis_cents, basis, "basis of a board"));
    for (size_t i = 0; i < config.extra_per_pupil_amounts.size(); ++i) {
      SWV_ASSIGN_OR_RETURN(int64_t extra, per_pupil("extra", config.extra_per_pupil_amounts[i].code,
                                                    extra_rates[i]));
      SWV_ASSIGN_OR_RETURN(total.extra_cents,
                           CheckedAdd(total.extra_cents, extra, "extra of a board"));
    }
  }

  // HB: the collective share stays with the SWV, the rest goes to the boards by pupils.
  {
    const int64_t budget = *config.hb_budget_cents;
    const Fraction share = *config.hb_collective_share;
    SWV_ASSIGN_OR_RETURN(
        result.hb_collective_cents,
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
      ResultLine line = Line("hb", "board");
      line.board = part.key;
      line.quantity = part.weight;
      line.has_share = true;
      line.share_numerator = part.weight;
      line.share_denominator = result.eligible_pupils;
      line.amount_cents = part.amount;
      line.formula = SplitFormula(result.hb_boards_cents, part, result.eligible_pupils, " pupils");
      result.lines.push_back(std::move(line));
      boards[part.key].hb_cents = part.amount;
    }
  }

  // Wijk budgets.
  {
    const int64_t pot = *config.wijk_pot_cents;
    // Pupils and schools per wijk (eligible schools with a wijk).
    std::map<std::string, int64_t> wijk_pupils;
    std::map<std::string, std::vector<const DirectorySchool*>> wijk_schools;
    for (const DirectorySchool* school : eligible) {
      if (school->wijk.empty()) continue;
      wijk_pupils[school->wijk] += pupils_of(school->code);
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
        ResultLine line = Line("wijk", absl::StrCat("factor:", factor.code));
        line.wijk = part.key;
        line.quantity = part.weight;
        line.has_share = true;
        line.share_numerator = part.weight;
        line.share_denominator = total_value;
        line.amount_cents = part.amount;
        line.formula = SplitFormula(factor_part.amount, part, total_value,
                                    factor.code == kPupilsFactor ? " pupils" : " points");
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
      line.formula =
          total.penvoerder.empty()
              ? "sum of the factor lines of this wijk; no penvoerder, nothing paid"
              : absl::StrCat("sum of the factor lines of this wijk = ", FormatEuro(amount),
                             ", paid to penvoerder ", total.penvoerder);
      result.lines.push_back(std::move(line));
      if (!total.penvoerder.empty()) {
        BoardTotal& board = board_total(total.penvoerder);
        SWV_ASSIGN_OR_RETURN(board.wijk_cents, CheckedAdd(board.wijk_cents, amount, "wijk money"));
      }
      // What each school of the wijk can attribute to itself, for information.
      std::vector<Weighted> school_weights;
      for (const DirectorySchool* school : wijk_schools[wijk]) {
        school_weights.push_back(Weighted{school->code, pupils_of(school->code)});
      }
      if (SumWeights(school_weights) > 0) {
        SWV_ASSIGN_OR_RETURN(std::vector<SplitPart> shares,
                             SplitLargestRemainder(amount, school_weights));
        for (const SplitPart& share : shares) {
          ResultLine share_line = Line("wijk_school_share", "attributable");
          share_line.board = total.penvoerder;
          share_line.wijk = wijk;
          share_line.school = share.key;
          share_line.quantity = share.weight;
          share_line.has_share = true;
          share_line.share_numerator = share.weight;
          share_line.share_denominator = total.pupils;
          share_line.amount_cents = share.amount;
          share_line.formula = absl::StrCat(SplitFormula(amount, share, total.pupils, " pupils"),
                                            "; part of the wijk total, not paid separately");
          result.lines.push_back(std::move(share_line));
        }
      }
      result.wijken.push_back(std::move(total));
    }
  }

  // Afdrachten: SBO and SO pupils with a TLV on the count date, at every counted location.
  {
    const int64_t rates[4] = {*config.sbo_rate_cents, *config.so_cat1_rate_cents,
                              *config.so_cat2_rate_cents, *config.so_cat3_rate_cents};
    const char* const items[4] = {"sbo", "so_cat1", "so_cat2", "so_cat3"};
    int64_t totals[4] = {0, 0, 0, 0};
    int64_t pupils_total[4] = {0, 0, 0, 0};
    std::vector<const SchoolCount*> counted;
    for (const SchoolCount& count : input.counts) counted.push_back(&count);
    std::sort(counted.begin(), counted.end(),
              [](const SchoolCount* a, const SchoolCount* b) { return a->school < b->school; });
    for (int k = 0; k < 4; ++k) {
      for (const SchoolCount* count : counted) {
        const int64_t pupils = k == 0   ? count->sbo_pupils
                               : k == 1 ? count->so_cat1_pupils
                               : k == 2 ? count->so_cat2_pupils
                                        : count->so_cat3_pupils;
        if (pupils == 0) continue;
        SWV_ASSIGN_OR_RETURN(int64_t amount, CheckedMul(pupils, rates[k], "an afdracht"));
        ResultLine line = Line("afdracht", items[k]);
        line.school = count->school;
        line.wijk = schools_by_code[count->school]->wijk;
        line.quantity = pupils;
        line.has_rate = true;
        line.rate_cents = rates[k];
        line.amount_cents = amount;
        line.formula = absl::StrCat(pupils, " pupils with a TLV x ", FormatEuro(rates[k]), " = ",
                                    FormatEuro(amount));
        result.lines.push_back(std::move(line));
        SWV_ASSIGN_OR_RETURN(totals[k], CheckedAdd(totals[k], amount, "afdrachten"));
        pupils_total[k] += pupils;
      }
    }
    result.sbo_pupils = pupils_total[0];
    result.sbo_transfer_cents = totals[0];
    for (int k = 0; k < 3; ++k) {
      result.so_pupils[k] = pupils_total[k + 1];
      result.so_transfer_cents[k] = totals[k + 1];
    }
  }

  // Income, what is paid out, and the reserve check.
  {
    const int64_t light = *config.light_support_income_cents;
    const int64_t heavy = *config.heavy_support_income_cents;
    const int64_t other = *config.other_income_cents;
    int64_t so_total = 0;
    for (int64_t amount : result.so_transfer_cents) {
      SWV_ASSIGN_OR_RETURN(so_total, CheckedAdd(so_total, amount, "SO afdrachten"));
    }
    SWV_ASSIGN_OR_RETURN(result.net_light_support_cents,
                         CheckedSub(light, result.sbo_transfer_cents, "net light support"));
    SWV_ASSIGN_OR_RETURN(result.net_heavy_support_cents,
                         CheckedSub(heavy, so_total, "net heavy support"));
    SWV_ASSIGN_OR_RETURN(int64_t gross, CheckedAdd(light, heavy, "gross income"));
    SWV_ASSIGN_OR_RETURN(result.gross_income_cents, CheckedAdd(gross, other, "gross income"));
    SWV_ASSIGN_OR_RETURN(int64_t paid,
                         CheckedAdd(*config.wijk_pot_cents, result.hb_boards_cents, "paid"));
    for (auto& [code, board] : boards) {
      SWV_ASSIGN_OR_RETURN(int64_t own, CheckedAdd(board.basis_cents, board.extra_cents,
                                                   "a board's basis and extra"));
      SWV_ASSIGN_OR_RETURN(int64_t shared,
                           CheckedAdd(board.hb_cents, board.wijk_cents, "a board's HB and wijk"));
      SWV_ASSIGN_OR_RETURN(board.total_cents, CheckedAdd(own, shared, "a board total"));
      SWV_ASSIGN_OR_RETURN(paid, CheckedAdd(paid, own, "paid"));
    }
    result.paid_to_boards_cents = paid;
    SWV_ASSIGN_OR_RETURN(int64_t net, CheckedAdd(result.net_light_support_cents,
                                                 result.net_heavy_support_cents, "net income"));
    SWV_ASSIGN_OR_RETURN(int64_t available, CheckedAdd(net, other, "net income"));
    SWV_ASSIGN_OR_RETURN(result.swv_remaining_cents,
                         CheckedSub(available, paid, "what remains with the SWV"));
    result.reserve_cents = *config.reserve_cents;
    SWV_ASSIGN_OR_RETURN(int64_t percentage,
                         MulDivRounded(result.gross_income_cents, *config.reserve_signal_bp, 10000,
                                       "reserve signal value"));
    result.reserve_signal_cents = std::max(percentage, *config.reserve_signal_minimum_cents);
    result.reserve_above_signal = result.reserve_cents > result.reserve_signal_cents;

    result.lines.push_back(
        Summary("light_support_gross", light, "income for light support (input)"));
    result.lines.push_back(
        Summary("afdracht_sbo", -result.sbo_transfer_cents,
                absl::StrCat(result.sbo_pupils, " SBO pupils, see afdracht lines")));
    result.lines.push_back(
        Summary("light_support_net", result.net_light_support_cents,
                absl::StrCat(FormatEuro(light), " - ", FormatEuro(result.sbo_transfer_cents))));
    result.lines.push_back(
        Summary("heavy_support_gross", heavy, "income for heavy support (input)"));
    result.lines.push_back(Summary(
        "afdracht_so", -so_total,
        absl::StrCat(result.so_pupils[0], "/", result.so_pupils[1], "/", result.so_pupils[2],
                     " SO pupils in category 1/2/3, see afdracht lines")));
    result.lines.push_back(Summary("heavy_support_net", result.net_heavy_support_cents,
                                   absl::StrCat(FormatEuro(heavy), " - ", FormatEuro(so_total))));
    result.lines.push_back(Summary("other_income", other, "other income (input)"));
    result.lines.push_back(Summary(
        "gross_income", result.gross_income_cents,
        absl::StrCat(FormatEuro(light), " + ", FormatEuro(heavy), " + ", FormatEuro(other))));
    result.lines.push_back(Summary("paid_to_boards", paid,
                                   "basis + extra per-pupil amounts + HB to boards + wijk pot"));
    result.lines.push_back(
        Summary("hb_collective", result.hb_collective_cents, "HB share kept by the SWV"));
    result.lines.push_back(Summary(
        "swv_remaining", result.swv_remaining_cents,
        absl::StrCat("net light ", FormatEuro(result.net_light_support_cents), " + net heavy ",
                     FormatEuro(result.net_heavy_support_cents), " + other ", FormatEuro(other),
                     " - paid to boards ", FormatEuro(paid))));
    ResultLine signal = Summary(
        "reserve_signal_value", result.reserve_signal_cents,
        absl::StrCat("max(", FormatEuro(result.gross_income_cents), " x ",
                     FormatBasisPoints(*config.reserve_signal_bp), " = ", FormatEuro(percentage),
                     ", minimum ", FormatEuro(*config.reserve_signal_minimum_cents), ")"));
    signal.has_share = true;
    signal.share_numerator = *config.reserve_signal_bp;
    signal.share_denominator = 10000;
    result.lines.push_back(std::move(signal));
    ResultLine reserve =
        Summary("reserve", result.reserve_cents,
                absl::StrCat("reserve ", FormatEuro(result.reserve_cents),
                             result.reserve_above_signal ? " is above " : " is not above ",
                             "the signal value ", FormatEuro(result.reserve_signal_cents)));
    reserve.quantity = result.reserve_above_signal ? 1 : 0;
    result.lines.push_back(std::move(reserve));
  }
  for (auto& [code, board] : boards) result.boards.push_back(board);
  return result;
}

namespace {

void AppendCsvField(std::string* out, absl::string_view field) {
  if (field.find_first_of(",\"\r\n") == absl::string_view::npos) {
    out->append(field.data(), field.size());
    return;
  }
  out->push_back('"');
  for (char c : field) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

constexpr absl::string_view kCsvHeader =
    "section,item,board,wijk,school,quantity,rate_eur,share,amount_eur,formula\r\n";

void AppendCsvLine(std::string* out, const ResultLine& line) {
  const std::string fields[] = {
      line.section,
      line.item,
      line.board,
      line.wijk,
      line.school,
      absl::StrCat(line.quantity),
      line.has_rate ? FormatEuro(line.rate_cents) : "",
      line.has_share ? absl::StrCat(line.share_numerator, "/", line.share_denominator) : "",
      FormatEuro(line.amount_cents),
      line.formula};
  for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); ++i) {
    if (i > 0) out->push_back(',');
    AppendCsvField(out, fields[i]);
  }
  out->append("\r\n");
}

}  // namespace

std::string CalculationCsv(const CalculationResult& result) {
  std::string out(kCsvHeader);
  out.reserve(result.lines.size() * 120);
  for (const ResultLine& line : result.lines) AppendCsvLine(&out, line);
  return out;
}

absl::StatusOr<BoardStatement> StatementFor(const CalculationResult& result,
                                            absl::string_view board) {
  auto it = std::lower_bound(
      result.boards.begin(), result.boards.end(), board,
      [](const BoardTotal& total, absl::string_view code) { return total.board < code; });
  if (it == result.boards.end() || it->board != board) {
    return ErrorWithReason(absl::StatusCode::kNotFound, "BOARD_NOT_IN_CALCULATION",
                           absl::StrCat("board ", board, " receives nothing in this calculation"));
  }
  BoardStatement statement;
  statement.year = result.year;
  statement.count_date = result.count_date;
  statement.totals = *it;
  for (const ResultLine& line : result.lines) {
    if (line.board == board) statement.lines.push_back(line);
  }
  const std::pair<const char*, int64_t> totals[] = {{"basis", it->basis_cents},
                                                    {"extra", it->extra_cents},
                                                    {"hb", it->hb_cents},
                                                    {"wijk", it->wijk_cents},
                                                    {"total", it->total_cents}};
  for (const auto& [item, amount] : totals) {
    ResultLine line = Line("total", item);
    line.board = it->board;
    line.amount_cents = amount;
    line.quantity = it->pupils;
    line.formula = std::string(item) == "total"
                       ? "basis + extra + hb + wijk"
                       : absl::StrCat("sum of this board's ", item, " lines");
    statement.lines.push_back(std::move(line));
  }
  return statement;
}

std::string StatementCsv(const BoardStatement& statement) {
  std::string out(kCsvHeader);
  for (const ResultLine& line : statement.lines) AppendCsvLine(&out, line);
  return out;
}

std::string Fingerprint(const CalculationResult& result) {
  uint64_t hash = 14695981039346656037ull;  // FNV-1a 64 offset basis
  for (unsigned char c : CalculationCsv(result)) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return absl::StrFormat("%016x", hash);
}

std::vector<SchoolPupils> PupilsPerSchool(const std::vector<SchoolCount>& counts,
                                          const std::vector<DirectorySchool>& schools) {
  std::map<std::string, const DirectorySchool*> by_code;
  for (const DirectorySchool& school : schools) by_code[school.code] = &school;
  std::vector<SchoolPupils> out;
  for (const SchoolCount& count : counts) {
    SchoolPupils pupils;
    pupils.school = count.school;
    auto it = by_code.find(count.school);
    if (it != by_code.end() && it->second->kind == SchoolKind::kRegular &&
        it->second->inside_region) {
      pupils.regular = count.pupils;
    }
    pupils.sbo = count.sbo_pupils;
    pupils.so[0] = count.so_cat1_pupils;
    pupils.so[1] = count.so_cat2_pupils;
    pupils.so[2] = count.so_cat3_pupils;
    out.push_back(std::move(pupils));
  }
  std::sort(out.begin(), out.end(),
            [](const SchoolPupils& a, const SchoolPupils& b) { return a.school < b.school; });
  return out;
}

std::vector<std::string> EligibleSchoolsWithoutCounts(const CalculationInput& input) {
  std::set<std::string> counted;
  for (const SchoolCount& count : input.counts) counted.insert(count.school);
  std::vector<std::string> missing;
  for (const DirectorySchool& school : input.schools) {
    if (school.kind == SchoolKind::kRegular && school.inside_region &&
        counted.count(school.code) == 0) {
      missing.push_back(school.code);
    }
  }
  std::sort(missing.begin(), missing.end());
  return missing;
}

}  // namespace swv::allocation
