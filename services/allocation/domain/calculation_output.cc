// What comes out of an allocation calculation: its summary lines (income, what is paid out, the
// reserve check), the CSV, the board statements, the fingerprint and the pupils per school.
#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/allocation/domain/calculation.h"
#include "services/allocation/domain/calculation_internal.h"
#include "services/allocation/domain/money.h"
#include "services/kernel/csv.h"
#include "services/kernel/errors.h"
#include "services/kernel/status_macros.h"

namespace swv::allocation {
namespace calculation_internal {

// Income, what is paid out, and the reserve check.
absl::Status AddIncomeAndReserve(CalculationState& state) {
  const YearConfig& config = state.config;
  CalculationResult& result = state.result;
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
  for (auto& [code, board] : state.boards) {
    SWV_ASSIGN_OR_RETURN(
        int64_t own, CheckedAdd(board.basis_cents, board.extra_cents, "a board's basis and extra"));
    SWV_ASSIGN_OR_RETURN(int64_t shared,
                         CheckedAdd(board.hb_cents, board.wijk_cents, "a board's HB and wijk"));
    SWV_ASSIGN_OR_RETURN(shared, CheckedAdd(shared, board.vangnet_cents, "a board's vangnet"));
    SWV_ASSIGN_OR_RETURN(board.total_cents, CheckedAdd(own, shared, "a board total"));
    SWV_ASSIGN_OR_RETURN(paid, CheckedAdd(paid, own, "paid"));
  }
  result.paid_to_boards_cents = paid;
  SWV_ASSIGN_OR_RETURN(int64_t net, CheckedAdd(result.net_light_support_cents,
                                               result.net_heavy_support_cents, "net income"));
  SWV_ASSIGN_OR_RETURN(int64_t available, CheckedAdd(net, other, "net income"));
  SWV_ASSIGN_OR_RETURN(result.swv_remaining_cents,
                       CheckedSub(available, paid, "what remains with the SWV"));
  SWV_ASSIGN_OR_RETURN(const int64_t vangnet,
                       CheckedAdd(result.vangnet_sbo_cents, result.vangnet_so_cents, "vangnet"));
  SWV_ASSIGN_OR_RETURN(result.swv_remaining_cents, CheckedSub(result.swv_remaining_cents, vangnet,
                                                              "what remains with the SWV"));
  result.reserve_cents = *config.reserve_cents;
  SWV_ASSIGN_OR_RETURN(int64_t percentage,
                       MulDivRounded(result.gross_income_cents, *config.reserve_signal_bp, 10000,
                                     "reserve signal value"));
  result.reserve_signal_cents = std::max(percentage, *config.reserve_signal_minimum_cents);
  result.reserve_above_signal = result.reserve_cents > result.reserve_signal_cents;

  result.lines.push_back(Summary("light_support_gross", light, "income for light support (input)"));
  result.lines.push_back(
      Summary("afdracht_sbo", -result.sbo_transfer_cents,
              config.sbo_threshold_bp.value_or(0) == 0
                  ? absl::StrCat(result.sbo_pupils, " SBO pupils, see afdracht lines")
                  : absl::StrCat(result.sbo_paid_pupils, " of ", result.sbo_pupils,
                                 " SBO pupils above the threshold of ", result.sbo_threshold_pupils,
                                 ", see afdracht lines")));
  result.lines.push_back(
      Summary("light_support_net", result.net_light_support_cents,
              absl::StrCat(FormatEuro(light), " - ", FormatEuro(result.sbo_transfer_cents))));
  result.lines.push_back(Summary("heavy_support_gross", heavy, "income for heavy support (input)"));
  result.lines.push_back(
      Summary("afdracht_so", -so_total,
              absl::StrCat(result.so_pupils[0], "/", result.so_pupils[1], "/", result.so_pupils[2],
                           " SO pupils in category 1/2/3, see afdracht lines")));
  result.lines.push_back(Summary("heavy_support_net", result.net_heavy_support_cents,
                                 absl::StrCat(FormatEuro(heavy), " - ", FormatEuro(so_total))));
  result.lines.push_back(Summary("other_income", other, "other income (input)"));
  result.lines.push_back(
      Summary("gross_income", result.gross_income_cents,
              absl::StrCat(FormatEuro(light), " + ", FormatEuro(heavy), " + ", FormatEuro(other))));
  result.lines.push_back(
      Summary("paid_to_boards", paid, "basis + extra per-pupil amounts + HB to boards + wijk pot"));
  result.lines.push_back(
      Summary("hb_collective", result.hb_collective_cents, "HB share kept by the SWV"));
  result.lines.push_back(
      Summary("swv_remaining", result.swv_remaining_cents,
              absl::StrCat("net light ", FormatEuro(result.net_light_support_cents),
                           " + net heavy ", FormatEuro(result.net_heavy_support_cents), " + other ",
                           FormatEuro(other), " - paid to boards ", FormatEuro(paid),
                           vangnet == 0 ? "" : absl::StrCat(" - vangnet ", FormatEuro(vangnet)))));
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
  return AddLightAndHeavy(state, so_total);
}

}  // namespace calculation_internal

using calculation_internal::Line;

namespace {

constexpr absl::string_view kCsvHeader =
    "section,item,board,wijk,school,quantity,rate_eur,share,amount_eur,formula\r\n";

void AppendCsvLine(std::string* out, const ResultLine& line) {
  // The numbers are formatted here; the text fields are appended from the line itself.
  const std::string quantity = absl::StrCat(line.quantity);
  const std::string rate = line.has_rate ? FormatEuro(line.rate_cents) : "";
  const std::string share =
      line.has_share ? absl::StrCat(line.share_numerator, "/", line.share_denominator) : "";
  const std::string amount = FormatEuro(line.amount_cents);
  const absl::string_view fields[] = {line.section, line.item, line.board, line.wijk, line.school,
                                      quantity,     rate,      share,      amount,    line.formula};
  AppendCsvRow(out, fields);
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
  statement.vangnet_configured = result.vangnet_configured;
  statement.vangnet_note = result.vangnet_note;
  statement.totals = *it;
  for (const ResultLine& line : result.lines) {
    if (line.board == board) statement.lines.push_back(line);
  }
  // The vangnet total only where the year has a vangnet: older statements keep their bytes.
  std::vector<std::pair<const char*, int64_t>> totals = {{"basis", it->basis_cents},
                                                         {"extra", it->extra_cents},
                                                         {"hb", it->hb_cents},
                                                         {"wijk", it->wijk_cents}};
  if (result.vangnet_configured) totals.emplace_back("vangnet", it->vangnet_cents);
  totals.emplace_back("total", it->total_cents);
  for (const auto& [item, amount] : totals) {
    ResultLine line = Line("total", item);
    line.board = it->board;
    line.amount_cents = amount;
    line.quantity = it->pupils;
    line.formula = std::string(item) == "total"
                       ? (result.vangnet_configured ? "basis + extra + hb + wijk + vangnet"
                                                    : "basis + extra + hb + wijk")
                       : absl::StrCat("sum of this board's ", item, " lines");
    // The CSV carries why a vangnet is 0 (no count set yet) where the statement shows it.
    if (std::string(item) == "vangnet" && result.vangnet_counts_missing) {
      absl::StrAppend(&line.formula, "; ", result.vangnet_note);
    }
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
    if (calculation_internal::PaidPerPupil(input.config, school) &&
        counted.count(school.code) == 0) {
      missing.push_back(school.code);
    }
  }
  std::sort(missing.begin(), missing.end());
  return missing;
}

}  // namespace swv::allocation
