// Fuzzes the validators and money rules of the allocation domain (services/allocation/domain).
// The first line names the part, the following lines are its fields (seeds in
// allocation_domain/corpus). Numbers that do not parse are "absent" (nullopt).
//
// Invariants checked beyond "no crash, no UB": refusals have the documented shape (request
// validators name a field; the money rules give a reason); a valid year configuration validates to
// itself again (normalisation is idempotent); a largest-remainder split adds up to the total
// exactly with every part within one cent of its exact share.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/numeric/int128.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "services/allocation/domain/counts.h"
#include "services/allocation/domain/money.h"
#include "services/allocation/domain/spending_account.h"
#include "services/allocation/domain/year_config.h"
#include "tests/fuzz/fuzz_input.h"

namespace swv::allocation {
namespace {

using fuzz::CheckRefusal;
using fuzz::CheckRuleRefusal;
using fuzz::FuzzLines;

const absl::CivilDay kToday(2026, 11, 20);

// Lines: per row school, line, pupils, sbo, so1, so2, so3; until the input ends (at most 64 rows).
void Counts(FuzzLines& in) {
  const int64_t first_index = in.NextIntOr(0);
  std::vector<CountRow> rows;
  while (!in.done() && rows.size() < 64) {
    CountRow row;
    row.school = in.Next();
    row.line = in.Next();
    row.pupils = in.NextInt();
    row.sbo_pupils = in.NextIntOr(0);
    row.so_cat1_pupils = in.NextIntOr(0);
    row.so_cat2_pupils = in.NextIntOr(0);
    row.so_cat3_pupils = in.NextIntOr(0);
    rows.push_back(row);
  }
  absl::StatusOr<std::vector<ValidCountRow>> valid = ValidateCountRows(rows, first_index);
  if (!valid.ok()) return CheckRefusal(valid.status(), "ValidateCountRows");
  SWV_FUZZ_CHECK(valid->size() == rows.size(), "a valid batch lost or gained rows");
  for (const ValidCountRow& row : *valid) {
    SWV_FUZZ_CHECK(row.pupils >= 0 && row.pupils <= kMaxPupilsPerRow,
                   "accepted an impossible count");
    SWV_FUZZ_CHECK(
        row.sbo_pupils + row.so_cat1_pupils + row.so_cat2_pupils + row.so_cat3_pupils <= row.pupils,
        "accepted more TLV pupils than pupils");
  }
}

void YearConfigPart(FuzzLines& in) {
  YearConfig config;
  config.year = static_cast<int>(in.NextIntOr(0));
  config.count_date = in.Next();
  config.basis_amount_per_pupil_cents = in.NextInt();
  config.indexation_bp = in.NextInt();
  config.hb_budget_cents = in.NextInt();
  const absl::optional<int64_t> numerator = in.NextInt();
  const absl::optional<int64_t> denominator = in.NextInt();
  if (numerator && denominator) config.hb_collective_share = Fraction{*numerator, *denominator};
  config.wijk_pot_cents = in.NextInt();
  config.sbo_rate_cents = in.NextInt();
  config.so_cat1_rate_cents = in.NextInt();
  config.so_cat2_rate_cents = in.NextInt();
  config.so_cat3_rate_cents = in.NextInt();
  config.light_support_income_cents = in.NextInt();
  config.heavy_support_income_cents = in.NextInt();
  config.other_income_cents = in.NextInt();
  config.reserve_cents = in.NextInt();
  config.reserve_signal_bp = in.NextInt();
  config.reserve_signal_minimum_cents = in.NextInt();
  // Then lists, each line "extra CODE AMOUNT DESCRIPTION", "factor CODE WEIGHT",
  // "value WIJK VALUE" (for the last factor), "penvoerder WIJK BOARD", "basis_kind KIND",
  // "sbo_threshold_bp BP".
  while (!in.done()) {
    const std::string line = in.Next();
    std::vector<std::string> parts = absl::StrSplit(line, absl::MaxSplits(' ', 3));
    parts.resize(4);
    int64_t number = 0;
    const bool has_number = absl::SimpleAtoi(parts[2], &number);
    if (parts[0] == "extra") {
      PerPupilAmount extra{parts[1], parts[3], absl::nullopt};
      if (has_number) extra.amount_cents = number;
      config.extra_per_pupil_amounts.push_back(extra);
    } else if (parts[0] == "factor") {
      config.wijk_factors.push_back(WijkFactor{parts[1], number, {}});
    } else if (parts[0] == "value" && !config.wijk_factors.empty()) {
      config.wijk_factors.back().values.push_back(WijkFactorValue{parts[1], number});
    } else if (parts[0] == "penvoerder") {
      config.penvoerders.push_back(Penvoerder{parts[1], parts[2]});
    } else if (parts[0] == "basis_kind") {
      config.basis_school_kinds.push_back(parts[1]);
    } else if (parts[0] == "sbo_threshold_bp" && absl::SimpleAtoi(parts[1], &number)) {
      config.sbo_threshold_bp = number;
    }
  }
  absl::StatusOr<YearConfig> valid = ValidateYearConfig(config);
  if (!valid.ok()) return CheckRefusal(valid.status(), "ValidateYearConfig");
  absl::StatusOr<YearConfig> again = ValidateYearConfig(*valid);
  SWV_FUZZ_CHECK(again.ok() && *again == *valid,
                 "a normalised year configuration does not validate to itself");
  if (valid->basis_amount_per_pupil_cents && valid->indexation_bp) {
    CheckRuleRefusal(
        IndexedAmount(*valid->basis_amount_per_pupil_cents, *valid->indexation_bp).status(),
        "IndexedAmount");
  }
}

void SpendingAccount(FuzzLines& in) {
  const int year = static_cast<int>(in.NextIntOr(2025) % 100000);
  SpendingAccountInput input;
  input.board = in.Next();
  input.received_on = in.Next();
  input.basis_spent_cents = in.NextInt();
  input.extra_spent_cents = in.NextInt();
  input.note = in.Rest();
  absl::StatusOr<ValidSpendingAccount> valid = ValidateSpendingAccount(input, year, kToday);
  if (!valid.ok()) return CheckRefusal(valid.status(), "ValidateSpendingAccount");
  SpendingAccountStatusOf(year, valid->received_on, kToday);
}

// "total", then per line "KEY WEIGHT".
void Split(FuzzLines& in) {
  const int64_t total = in.NextIntOr(0);
  std::vector<Weighted> parts;
  while (!in.done() && parts.size() < 64) {
    const std::string line = in.Next();
    std::vector<std::string> fields = absl::StrSplit(line, absl::MaxSplits(' ', 1));
    fields.resize(2);
    int64_t weight = 0;
    if (!absl::SimpleAtoi(fields[1], &weight)) weight = 0;
    parts.push_back(Weighted{fields[0], weight});
  }
  absl::StatusOr<std::vector<SplitPart>> split = SplitLargestRemainder(total, parts);
  if (!split.ok()) return CheckRuleRefusal(split.status(), "SplitLargestRemainder");
  absl::int128 sum = 0;
  absl::int128 weights = 0;
  for (const SplitPart& part : *split) weights += part.weight;
  for (const SplitPart& part : *split) {
    sum += part.amount;
    // |amount * W - total * weight| < W: within one cent of the exact share.
    const absl::int128 error =
        absl::int128(part.amount) * weights - absl::int128(total) * part.weight;
    SWV_FUZZ_CHECK(weights == 0 ? part.amount == 0 : (error > -weights && error < weights),
                   "a part is more than a cent off its share");
  }
  SWV_FUZZ_CHECK(sum == total, "the parts do not add up to the total");
  SWV_FUZZ_CHECK(split->size() == parts.size(), "a split lost or gained parts");
}

void Arithmetic(FuzzLines& in) {
  const int64_t a = in.NextIntOr(0);
  const int64_t b = in.NextIntOr(0);
  const int64_t c = in.NextIntOr(1);
  CheckRuleRefusal(CheckedAdd(a, b, "sum").status(), "CheckedAdd");
  CheckRuleRefusal(CheckedMul(a, b, "product").status(), "CheckedMul");
  absl::StatusOr<int64_t> scaled = MulDivRounded(a, b, c, "share");
  if (c > 0) CheckRuleRefusal(scaled.status(), "MulDivRounded");
  FormatEuro(a);
  FormatBasisPoints(b);
}

}  // namespace
}  // namespace swv::allocation

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace swv::allocation;
  swv::fuzz::FuzzLines in(data, size);
  const std::string selector = in.Next();
  if (selector == "counts")
    Counts(in);
  else if (selector == "year_config")
    YearConfigPart(in);
  else if (selector == "spending_account")
    SpendingAccount(in);
  else if (selector == "split")
    Split(in);
  else if (selector == "arithmetic")
    Arithmetic(in);
  return 0;
}
