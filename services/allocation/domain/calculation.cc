// The allocation calculation's entry point (Calculate): the checks of its input, the indexed rates,
// the per-pupil amounts and the afdrachten; the shared budgets are in calculation_budgets.cc, the
// summary and the renderings (CSV, statements) in calculation_output.cc.
#include "services/allocation/domain/calculation.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/allocation/domain/calculation_internal.h"
#include "services/allocation/domain/money.h"
#include "services/kernel/errors.h"
#include "services/kernel/status_macros.h"

namespace swv::allocation {
namespace calculation_internal {
namespace {

constexpr size_t kMaxNamedCodes = 10;

}  // namespace

absl::Status Precondition(absl::string_view reason, absl::string_view what,
                          const std::vector<std::string>& codes, absl::string_view field) {
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

bool PaidPerPupil(const YearConfig& config, const DirectorySchool& school) {
  return school.inside_region &&
         (school.kind == SchoolKind::kRegular || ReceivesBasis(config, school.kind));
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

int64_t CalculationState::PupilsOf(const std::string& school) const {
  auto it = counts_by_school.find(school);
  return it == counts_by_school.end() ? 0 : it->second->pupils;
}

BoardTotal& CalculationState::BoardTotalOf(const std::string& code) {
  BoardTotal& total = boards[code];
  if (total.board.empty()) {
    total.board = code;
    total.display_name = board_names[code];
  }
  return total;
}

}  // namespace calculation_internal

namespace {

// The SBO threshold (YearConfig::sbo_threshold_bp): adds the line that derives how many SBO pupils
// the SWV pays for, and returns that number attributed to the counted locations (by school code)
// pro rata to their SBO pupils by largest remainder, so the parts add up to it exactly.
absl::StatusOr<std::vector<SplitPart>> SboPupilsAboveThreshold(
    calculation_internal::CalculationState& state, const std::vector<const SchoolCount*>& counted) {
  CalculationResult& result = state.result;
  const int64_t threshold_bp = state.config.sbo_threshold_bp.value_or(0);
  int64_t pupils = 0, sbo = 0;
  std::vector<Weighted> weights;
  for (const SchoolCount* count : counted) {
    const DirectorySchool* school = state.schools_by_code.at(count->school);
    if (school->inside_region &&
        (school->kind == SchoolKind::kRegular || school->kind == SchoolKind::kSbo)) {
      SWV_ASSIGN_OR_RETURN(pupils, CheckedAdd(pupils, count->pupils, "pupils of the SWV"));
    }
    SWV_ASSIGN_OR_RETURN(sbo, CheckedAdd(sbo, count->sbo_pupils, "SBO pupils"));
    if (count->sbo_pupils > 0) weights.push_back(Weighted{count->school, count->sbo_pupils});
  }
  SWV_ASSIGN_OR_RETURN(int64_t product, CheckedMul(pupils, threshold_bp, "the SBO threshold"));
  result.sbo_pupils = sbo;
  result.sbo_threshold_pupils = product / 10000;  // floor: both are >= 0
  result.sbo_paid_pupils = std::max<int64_t>(0, sbo - result.sbo_threshold_pupils);
  ResultLine line = calculation_internal::Line("afdracht", "sbo_threshold");
  line.quantity = result.sbo_threshold_pupils;
  line.has_share = true;
  line.share_numerator = threshold_bp;
  line.share_denominator = 10000;
  line.formula = absl::StrCat("floor(", pupils, " pupils of the regular and SBO schools x ",
                              FormatBasisPoints(threshold_bp), ") = ", result.sbo_threshold_pupils,
                              " SBO pupils funded by the state; the SWV pays max(0, ", sbo, " - ",
                              result.sbo_threshold_pupils, ") = ", result.sbo_paid_pupils,
                              " of the ", sbo, " SBO pupils with a TLV");
  result.lines.push_back(std::move(line));
  return SplitLargestRemainder(result.sbo_paid_pupils, std::move(weights));
}

}  // namespace

using calculation_internal::CalculationState;
using calculation_internal::Line;
using calculation_internal::PaidPerPupil;
using calculation_internal::Precondition;

absl::StatusOr<CalculationResult> Calculate(const CalculationInput& input) {
  const YearConfig& config = input.config;
  CalculationResult result;
  result.year = config.year;
  result.rules = input.rules;
  result.count_date = config.count_date;
  // About two lines per counted school and a few per board and wijk: reserved, so that tens of
  // thousands of lines are not moved again and again as the vector grows.
  result.lines.reserve(2 * input.counts.size() + 4 * input.boards.size() + 64);

  CalculationState state(input, result);
  auto& schools_by_code = state.schools_by_code;
  for (const DirectorySchool& school : input.schools) schools_by_code[school.code] = &school;
  auto& board_names = state.board_names;
  for (const DirectoryBoard& board : input.boards) board_names[board.code] = board.display_name;

  // Counts per school; every counted school must be known with a kind.
  auto& counts_by_school = state.counts_by_school;
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

  // Schools paid per pupil: the eligible (regular) ones and those of a kind that receives
  // basisondersteuning; each ordered by (board, school).
  auto& eligible = state.eligible;
  std::vector<const DirectorySchool*> paid_per_pupil;
  std::vector<std::string> without_board, unknown_board;
  for (const DirectorySchool& school : input.schools) {
    if (!PaidPerPupil(config, school)) continue;
    if (school.board.empty()) {
      without_board.push_back(school.code);
    } else if (board_names.count(school.board) == 0) {
      unknown_board.push_back(absl::StrCat(school.code, " (board ", school.board, ")"));
    }
    if (school.kind == SchoolKind::kRegular) eligible.push_back(&school);
    paid_per_pupil.push_back(&school);
  }
  std::sort(without_board.begin(), without_board.end());
  std::sort(unknown_board.begin(), unknown_board.end());
  if (!without_board.empty()) {
    return Precondition("SCHOOL_WITHOUT_BOARD",
                        "schools inside the region that are paid per pupil must belong to a board",
                        without_board);
  }
  if (!unknown_board.empty()) {
    return Precondition("BOARD_NOT_IN_DIRECTORY", "schools name boards the directory does not know",
                        unknown_board);
  }
  auto by_board_and_code = [](const DirectorySchool* a, const DirectorySchool* b) {
    return a->board != b->board ? a->board < b->board : a->code < b->code;
  };
  std::sort(eligible.begin(), eligible.end(), by_board_and_code);
  std::sort(paid_per_pupil.begin(), paid_per_pupil.end(), by_board_and_code);

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

  // Basisondersteuning (schools of the listed kinds) and the other per-pupil amounts (eligible
  // schools), per school.
  for (const DirectorySchool* school : paid_per_pupil) {
    const int64_t pupils = state.PupilsOf(school->code);
    const bool is_eligible = school->kind == SchoolKind::kRegular;
    BoardTotal& total = state.BoardTotalOf(school->board);
    if (is_eligible) {
      SWV_ASSIGN_OR_RETURN(total.pupils, CheckedAdd(total.pupils, pupils, "pupils of a board"));
      SWV_ASSIGN_OR_RETURN(result.eligible_pupils,
                           CheckedAdd(result.eligible_pupils, pupils, "pupils of the SWV"));
    }
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
    if (ReceivesBasis(config, school->kind)) {
      SWV_ASSIGN_OR_RETURN(int64_t basis,
                           per_pupil("basis", "basisondersteuning", result.basis_rate_cents));
      SWV_ASSIGN_OR_RETURN(total.basis_cents,
                           CheckedAdd(total.basis_cents, basis, "basis of a board"));
    }
    for (size_t i = 0; is_eligible && i < config.extra_per_pupil_amounts.size(); ++i) {
      SWV_ASSIGN_OR_RETURN(int64_t extra, per_pupil("extra", config.extra_per_pupil_amounts[i].code,
                                                    extra_rates[i]));
      SWV_ASSIGN_OR_RETURN(total.extra_cents,
                           CheckedAdd(total.extra_cents, extra, "extra of a board"));
    }
  }

  SWV_RETURN_IF_ERROR(AddHbLines(state));
  SWV_RETURN_IF_ERROR(AddWijkLines(state));

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
    // Without a threshold (0, or a configuration stored before it existed) every SBO pupil is
    // paid, with the lines as before the threshold.
    const bool sbo_threshold = config.sbo_threshold_bp.value_or(0) > 0;
    std::map<std::string, SplitPart> sbo_paid;
    if (sbo_threshold) {
      SWV_ASSIGN_OR_RETURN(std::vector<SplitPart> parts, SboPupilsAboveThreshold(state, counted));
      for (SplitPart& part : parts) sbo_paid[part.key] = std::move(part);
    }
    for (int k = 0; k < 4; ++k) {
      for (const SchoolCount* count : counted) {
        const SplitPart* paid = nullptr;
        if (k == 0 && sbo_threshold) {
          auto it = sbo_paid.find(count->school);
          if (it == sbo_paid.end()) continue;
          paid = &it->second;
        }
        const int64_t pupils = paid != nullptr ? paid->amount
                               : k == 0        ? count->sbo_pupils
                               : k == 1        ? count->so_cat1_pupils
                               : k == 2        ? count->so_cat2_pupils
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
        if (paid != nullptr) {
          line.formula = absl::StrCat(
              pupils, " of the ", result.sbo_paid_pupils, " SBO pupils above the threshold (",
              result.sbo_paid_pupils, " x ", paid->weight, "/", result.sbo_pupils,
              " pupils with a TLV here", paid->remainder_cent ? ", +1 by largest remainder" : "",
              ") x ", FormatEuro(rates[k]), " = ", FormatEuro(amount));
        } else {
          line.formula = absl::StrCat(pupils, " pupils with a TLV x ", FormatEuro(rates[k]), " = ",
                                      FormatEuro(amount));
        }
        result.lines.push_back(std::move(line));
        SWV_ASSIGN_OR_RETURN(totals[k], CheckedAdd(totals[k], amount, "afdrachten"));
        pupils_total[k] += pupils;
      }
    }
    if (!sbo_threshold) {
      result.sbo_pupils = pupils_total[0];
      result.sbo_paid_pupils = pupils_total[0];
    }
    result.sbo_transfer_cents = totals[0];
    for (int k = 0; k < 3; ++k) {
      result.so_pupils[k] = pupils_total[k + 1];
      result.so_transfer_cents[k] = totals[k + 1];
    }
  }

  SWV_RETURN_IF_ERROR(AddVangnetLines(state));
  SWV_RETURN_IF_ERROR(AddIncomeAndReserve(state));
  for (auto& [code, board] : state.boards) result.boards.push_back(board);
  return result;
}

}  // namespace swv::allocation
