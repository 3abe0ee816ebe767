// Light and heavy support kept apart (rules 2). 004, Financiën, goal 10: "Lichte
// ondersteuningsmiddelen worden niet aangewend voor zware ondersteuning"; 002 section 7.1: "Mocht
// de verplichte afdracht hoger zijn dan de baten die het samenwerkingsverband ontvangt voor de
// lichte (SBO) en/of zware (SO) ondersteuning dan wordt hiervoor indien mogelijk de algemene
// reserve aangesproken"; 004: "Bij onvoldoende middelen zware ondersteuning ... dragen de
// schoolbesturen volgens wettelijke regelgeving bij uit de eigen middelen lumpsum".
//
// Light (what the SWV spends on prevention, basic and extra support at the regular schools): the
// SBO afdracht, everything paid to the boards (basisondersteuning, extra per-pupil amounts such as
// light arrangements, HB to the boards, the wijk budgets) and the SBO vangnet, against light
// income plus other income. The HB share kept by the SWV stays in the light balance. Heavy: the SO
// afdracht and the SO vangnet, against heavy income. A heavy deficit is drawn from the reserve,
// never from a light surplus; what the reserve does not cover is a shortfall (the boards then
// contribute from their lumpsum by law), shown, not an error.
#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/allocation/domain/calculation.h"
#include "services/allocation/domain/calculation_internal.h"
#include "services/allocation/domain/money.h"
#include "services/kernel/status_macros.h"

namespace swv::allocation::calculation_internal {

absl::Status AddLightAndHeavy(CalculationState& state, int64_t so_afdracht_cents) {
  const YearConfig& config = state.config;
  CalculationResult& result = state.result;
  if (state.input.rules < kCurrentRules) return absl::OkStatus();
  const int64_t light = *config.light_support_income_cents;
  const int64_t other = *config.other_income_cents;
  const int64_t heavy = *config.heavy_support_income_cents;

  SWV_ASSIGN_OR_RETURN(int64_t light_spent,
                       CheckedAdd(result.sbo_transfer_cents, result.paid_to_boards_cents,
                                  "spent from light support"));
  SWV_ASSIGN_OR_RETURN(result.light_spent_cents,
                       CheckedAdd(light_spent, result.vangnet_sbo_cents, "spent from light"));
  SWV_ASSIGN_OR_RETURN(int64_t light_in, CheckedAdd(light, other, "light and other income"));
  SWV_ASSIGN_OR_RETURN(result.light_balance_cents,
                       CheckedSub(light_in, result.light_spent_cents, "the light balance"));
  SWV_ASSIGN_OR_RETURN(result.heavy_spent_cents,
                       CheckedAdd(so_afdracht_cents, result.vangnet_so_cents, "spent from heavy"));
  SWV_ASSIGN_OR_RETURN(result.heavy_balance_cents,
                       CheckedSub(heavy, result.heavy_spent_cents, "the heavy balance"));
  // Both balances lie within +-2 x kMaxAmountCents, so negating one cannot overflow.
  result.heavy_deficit_cents = std::max<int64_t>(0, -result.heavy_balance_cents);
  result.reserve_draw_cents =
      std::min(result.heavy_deficit_cents, std::max<int64_t>(0, result.reserve_cents));
  SWV_ASSIGN_OR_RETURN(result.reserve_after_draw_cents,
                       CheckedSub(result.reserve_cents, result.reserve_draw_cents, "the reserve"));
  result.reserve_shortfall_cents = result.heavy_deficit_cents - result.reserve_draw_cents;
  result.reserve_insufficient = result.reserve_shortfall_cents > 0;

  if (result.vangnet_configured) {
    std::string why = result.vangnet_note.empty() ? "" : absl::StrCat("; ", result.vangnet_note);
    result.lines.push_back(
        Summary("vangnet_sbo", -result.vangnet_sbo_cents,
                absl::StrCat("growth of ", result.vangnet_growth_pupils[0],
                             " SBO pupils, see vangnet lines; from light support", why)));
    result.lines.push_back(Summary(
        "vangnet_so", -result.vangnet_so_cents,
        absl::StrCat("growth of ", result.vangnet_growth_pupils[1], "/",
                     result.vangnet_growth_pupils[2], "/", result.vangnet_growth_pupils[3],
                     " SO pupils in category 1/2/3, see vangnet lines; from heavy support", why)));
  }
  std::string light_formula =
      absl::StrCat("afdracht SBO ", FormatEuro(result.sbo_transfer_cents), " + paid to boards ",
                   FormatEuro(result.paid_to_boards_cents));
  std::string heavy_formula = absl::StrCat("afdracht SO ", FormatEuro(so_afdracht_cents));
  if (result.vangnet_configured) {
    absl::StrAppend(&light_formula, " + vangnet SBO ", FormatEuro(result.vangnet_sbo_cents));
    absl::StrAppend(&heavy_formula, " + vangnet SO ", FormatEuro(result.vangnet_so_cents));
  }
  result.lines.push_back(Summary("light_spent", result.light_spent_cents, light_formula));
  result.lines.push_back(
      Summary("light_balance", result.light_balance_cents,
              absl::StrCat("light ", FormatEuro(light), " + other ", FormatEuro(other),
                           " - light spent ", FormatEuro(result.light_spent_cents),
                           result.light_balance_cents >= 0
                               ? "; the surplus stays light support, never used for heavy support"
                               : "; a light deficit")));
  result.lines.push_back(Summary("heavy_spent", result.heavy_spent_cents, heavy_formula));
  result.lines.push_back(Summary("heavy_balance", result.heavy_balance_cents,
                                 absl::StrCat("heavy ", FormatEuro(heavy), " - heavy spent ",
                                              FormatEuro(result.heavy_spent_cents))));
  result.lines.push_back(
      Summary("heavy_deficit", result.heavy_deficit_cents,
              absl::StrCat("max(0, -", FormatEuro(result.heavy_balance_cents),
                           "): drawn from the reserve, not from light support")));
  result.lines.push_back(Summary(
      "reserve_draw", -result.reserve_draw_cents,
      absl::StrCat("min(heavy deficit ", FormatEuro(result.heavy_deficit_cents), ", reserve ",
                   FormatEuro(std::max<int64_t>(0, result.reserve_cents)), ")")));
  result.lines.push_back(Summary("reserve_after_draw", result.reserve_after_draw_cents,
                                 absl::StrCat(FormatEuro(result.reserve_cents), " - ",
                                              FormatEuro(result.reserve_draw_cents))));
  ResultLine shortfall =
      Summary("reserve_shortfall", result.reserve_shortfall_cents,
              result.reserve_insufficient
                  ? absl::StrCat("the reserve does not cover the heavy deficit: ",
                                 FormatEuro(result.reserve_shortfall_cents),
                                 " short; the boards contribute from their own lumpsum (004)")
                  : std::string("the reserve covers the heavy deficit"));
  shortfall.quantity = result.reserve_insufficient ? 1 : 0;
  result.lines.push_back(std::move(shortfall));
  return absl::OkStatus();
}

}  // namespace swv::allocation::calculation_internal
