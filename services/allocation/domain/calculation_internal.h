// Internals of the allocation calculation shared by its files (calculation.cc, the budgets in
// calculation_budgets.cc, the summary and renderings in calculation_output.cc): the line helpers
// and the state one Calculate call builds up. Not for use outside the allocation domain.
#ifndef SWV_SERVICES_ALLOCATION_DOMAIN_CALCULATION_INTERNAL_H_
#define SWV_SERVICES_ALLOCATION_DOMAIN_CALCULATION_INTERNAL_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "services/allocation/domain/calculation.h"
#include "services/allocation/domain/money.h"

namespace swv::allocation::calculation_internal {

// A FAILED_PRECONDITION with the reason, naming the first codes (and how many more).
absl::Status Precondition(absl::string_view reason, absl::string_view what,
                          const std::vector<std::string>& codes, absl::string_view field = "");

// "X x w/W<unit> = Y", noting a largest-remainder cent.
std::string SplitFormula(int64_t total, const SplitPart& part, int64_t total_weight,
                         absl::string_view unit);

// Whether a school is paid per pupil: inside the region, and regular (eligible for every
// per-pupil amount, HB and the wijk pot) or of a kind that receives basisondersteuning. Such a
// school needs a count and a board.
bool PaidPerPupil(const YearConfig& config, const DirectorySchool& school);

ResultLine Line(absl::string_view section, absl::string_view item);
ResultLine Summary(absl::string_view item, int64_t amount, std::string formula);
int64_t SumWeights(const std::vector<Weighted>& parts);

// What Calculate has built up when it hands over to a step: the checked input looked up by code,
// the eligible schools and the boards' running totals.
struct CalculationState {
  CalculationState(const CalculationInput& calculation_input, CalculationResult& calculation_result)
      : input(calculation_input), config(calculation_input.config), result(calculation_result) {}

  // The pupils counted at a school (0 when it has no count).
  int64_t PupilsOf(const std::string& school) const;
  // The running total of a board, created (with its name from the directory) on first use.
  BoardTotal& BoardTotalOf(const std::string& code);

  const CalculationInput& input;
  const YearConfig& config;
  CalculationResult& result;
  absl::flat_hash_map<std::string, const DirectorySchool*> schools_by_code;
  std::map<std::string, std::string> board_names;
  absl::flat_hash_map<std::string, const SchoolCount*> counts_by_school;
  std::vector<const DirectorySchool*> eligible;  // ordered by (board, school)
  std::map<std::string, BoardTotal> boards;
};

// The steps after the per-pupil amounts, in the order Calculate runs them.
absl::Status AddHbLines(CalculationState& state);           // calculation_budgets.cc
absl::Status AddWijkLines(CalculationState& state);         // calculation_budgets.cc
absl::Status AddVangnetLines(CalculationState& state);      // calculation_vangnet.cc
absl::Status AddIncomeAndReserve(CalculationState& state);  // calculation_output.cc
// Called by AddIncomeAndReserve with the SO afdracht; rules 2 only.
absl::Status AddLightAndHeavy(CalculationState& state,
                              int64_t so_afdracht_cents);  // calculation_light_heavy.cc

}  // namespace swv::allocation::calculation_internal

#endif  // SWV_SERVICES_ALLOCATION_DOMAIN_CALCULATION_INTERNAL_H_
