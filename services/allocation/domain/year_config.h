// The configuration of one SWV for one funding year: every amount, rate, share and weight the
// allocation uses. Data, never constants in code (issue 4); examples from the seeds are in
// docs/allocation.md.
//
// Funding runs per calendar year since 2023, on the pupil count of 1 February of the previous
// year (2023 on the count of 1 February 2022). All money is integer cents; shares are integer
// fractions; percentages are basis points (1/100 of a percent, 350 = 3.50%).
//
// Pure values and validation; thread-safe.
#ifndef SWV_SERVICES_ALLOCATION_DOMAIN_YEAR_CONFIG_H_
#define SWV_SERVICES_ALLOCATION_DOMAIN_YEAR_CONFIG_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/optional.h"
#include "services/common/directory_school.h"

namespace swv::allocation {

// A share such as 1/4 (numerator 1, denominator 4).
struct Fraction {
  int64_t numerator = 0;
  int64_t denominator = 1;
  bool operator==(const Fraction& other) const {
    return numerator == other.numerator && denominator == other.denominator;
  }
};

// Another per-pupil amount besides basisondersteuning, e.g. "extra ondersteuning" paid to every
// school per pupil. `code` names it in results ("extra_support").
struct PerPupilAmount {
  std::string code;         // 1-32 of [a-z0-9_-]
  std::string description;  // free text, at most 200 characters, no control characters
  absl::optional<int64_t> amount_cents;
};

struct WijkFactorValue {
  std::string wijk;   // wijk code as in the directory
  int64_t value = 0;  // e.g. a social wijk index in points; >= 0
};

// One factor by which the wijk pot is spread: the factor gets weight_bp / 10000 of the pot, and
// spreads its part over the wijken pro rata to each wijk's value. The factor "pupils" takes its
// values from the pupil counts (pupils of the regular schools in the wijk) and must not list
// values; any other factor (e.g. "social_index") lists its values per wijk (missing wijk = 0).
struct WijkFactor {
  std::string code;  // 1-32 of [a-z0-9_-]; "pupils" is the built-in one
  int64_t weight_bp = 0;
  std::vector<WijkFactorValue> values;
};

inline constexpr absl::string_view kPupilsFactor = "pupils";

using ::swv::SchoolKind;

// The penvoerder: the board that receives and administers a wijk's budget for all schools there.
struct Penvoerder {
  std::string wijk;
  std::string board;
};

// As received (optional = may be missing) and, after ValidateYearConfig, normalised: defaults
// filled in, lists sorted by code, count_date canonical.
struct YearConfig {
  int year = 0;
  std::string count_date;  // "YYYY-MM-DD", e.g. "2025-02-01" for year 2026
  // Basisondersteuning per pupil, before indexation (004: EUR 143 for 2026; 003: EUR 130 in
  // 2019-2020).
  absl::optional<int64_t> basis_amount_per_pupil_cents;
  // The school kinds (SchoolKindName, services/kernel/school_kind.h) whose locations inside the
  // region receive basisondersteuning; the SWV's choice per year (002: regular, sbo, so; 003:
  // regular, sbo). Default: regular only. The other per-pupil amounts, HB and the wijk pot stay
  // with the regular schools (002: "De basisscholen ontvangen daarnaast gelden voor
  // arrangementen").
  std::vector<std::string> basis_school_kinds;
  std::vector<PerPupilAmount> extra_per_pupil_amounts;
  // Indexation applied to every per-pupil amount: amount x (10000 + bp) / 10000, rounded to the
  // cent (halves away from zero). Default 0.
  absl::optional<int64_t> indexation_bp;
  // Hoogbegaafdheid money and the share that stays with the SWV (default 1/4, seed 004).
  absl::optional<int64_t> hb_budget_cents;
  absl::optional<Fraction> hb_collective_share;
  // The wijk pot and how it is spread (default: 100% by pupils).
  absl::optional<int64_t> wijk_pot_cents;
  std::vector<WijkFactor> wijk_factors;
  std::vector<Penvoerder> penvoerders;
  // Mandatory transfers (afdrachten) per pupil with a TLV on the count date: SBO, and SO per
  // funding category 1 (laag), 2 (midden), 3 (hoog). 2024: 663452, 1293834, 2105323, 3141953.
  absl::optional<int64_t> sbo_rate_cents;
  // The SBO threshold (003): the state funds SBO pupils up to this share of the SWV's pupils (the
  // pupils of its regular and SBO schools inside the region on the count date), in basis points
  // (200 = 2%); the SWV pays the SBO afdracht only for the pupils above floor(pupils x bp /
  // 10000). Default 0: the SWV pays every SBO pupil.
  absl::optional<int64_t> sbo_threshold_bp;
  absl::optional<int64_t> so_cat1_rate_cents;
  absl::optional<int64_t> so_cat2_rate_cents;
  absl::optional<int64_t> so_cat3_rate_cents;
  // The SWV's gross income for the year (before the afdrachten), and its reserve on the balance
  // sheet, for the reserve check.
  absl::optional<int64_t> light_support_income_cents;
  absl::optional<int64_t> heavy_support_income_cents;
  absl::optional<int64_t> other_income_cents;  // default 0
  absl::optional<int64_t> reserve_cents;
  // Signal value for excessive reserves: max(bp of gross income, minimum). Defaults 350 (3.5%)
  // and 25,000,000 cents (EUR 250,000).
  absl::optional<int64_t> reserve_signal_bp;
  absl::optional<int64_t> reserve_signal_minimum_cents;
  // The vangnet (safety net, 002 section 7.2 and 004 "De vangnetregeling is ingevoegd ... als
  // vervanging voor de groeiregeling SO-SBO"; "In oktober ontvangen GO besturen de bekostiging van
  // de groeiregeling"): the growth of each GO board's SBO and SO pupils between the count of
  // `vangnet_october_date` and the count of `vangnet_february_date` (the peildatum 1 February),
  // times the amount per extra pupil of its category. Not indexed (decided per year). Off when
  // both dates are empty; once either date or amount is given, both dates and all four amounts
  // are required, the October date lies before the February date and the February date in the
  // year before the funding year or the funding year itself.
  std::string vangnet_october_date;   // e.g. "2025-10-01" for year 2026
  std::string vangnet_february_date;  // e.g. "2026-02-01" for year 2026
  absl::optional<int64_t> vangnet_sbo_amount_cents;
  absl::optional<int64_t> vangnet_so_cat1_amount_cents;
  absl::optional<int64_t> vangnet_so_cat2_amount_cents;
  absl::optional<int64_t> vangnet_so_cat3_amount_cents;

  bool operator==(const YearConfig& other) const;
};

inline constexpr int64_t kDefaultReserveSignalBp = 350;
inline constexpr int64_t kDefaultReserveSignalMinimumCents = 25'000'000;
inline constexpr Fraction kDefaultHbCollectiveShare{1, 4};

// Checks everything and returns all violations at once (INVALID_ARGUMENT via InvalidFields, field
// paths "config.<field>", e.g. "config.hb_budget_cents", "config.wijk_factors[1].weight_bp").
// Reasons: "REQUIRED" (missing amount or rate), "NEGATIVE_AMOUNT", "OUT_OF_RANGE",
// "MALFORMED_DATE", "COUNT_DATE_OUT_OF_RANGE" (the count date must lie in the year before the
// funding year or in the funding year itself), "MALFORMED_CODE", "DUPLICATE", "INVALID_SHARE",
// "WEIGHTS_NOT_100_PERCENT", "VALUES_NOT_ALLOWED" (values given for "pupils"), "TOO_LONG",
// "INVALID_CHARACTERS", "UNKNOWN_SCHOOL_KIND" (a basis school kind the directory does not have),
// "VANGNET_DATES_OUT_OF_ORDER" (the October count date not before the February one).
// Mixed reasons give "INVALID_YEAR_CONFIG".
// On success returns the normalised config: defaults filled (basis school kinds "regular",
// SBO threshold 0, indexation 0, collective share 1/4, other income 0, reserve signal 350 bp / EUR
// 250,000, wijk factors "pupils" 100% when none), lists sorted by code, codes trimmed.
absl::StatusOr<YearConfig> ValidateYearConfig(const YearConfig& config);

// Whether schools of `kind` receive basisondersteuning under `config`. An empty list (a
// configuration stored before the field existed) means regular only, as validation's default.
bool ReceivesBasis(const YearConfig& config, SchoolKind kind);

// Whether the year configures the vangnet (both dates given; validation guarantees the rest).
bool HasVangnet(const YearConfig& config);

// Per-pupil amount after indexation (see YearConfig::indexation_bp).
absl::StatusOr<int64_t> IndexedAmount(int64_t amount_cents, int64_t indexation_bp);

}  // namespace swv::allocation

#endif  // SWV_SERVICES_ALLOCATION_DOMAIN_YEAR_CONFIG_H_
