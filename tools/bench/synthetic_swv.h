// Synthetic organisations for the benchmarks: codes for the i-th school location, board and wijk,
// and a valid allocation year configuration over given wijken and boards (amounts of the 2026
// seed order of magnitude). Used by allocation_bench and service_bench, so both build the same
// shapes. Pure functions; thread-safe.
#ifndef SWV_TOOLS_BENCH_SYNTHETIC_SWV_H_
#define SWV_TOOLS_BENCH_SYNTHETIC_SWV_H_

#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "services/allocation/domain/year_config.h"

namespace swv::bench {

// 4 alphanumerics (a BRIN, base 36 of i) + vestiging "00".
inline std::string SchoolCode(int i) {
  const char* digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::string brin(4, '0');
  for (int p = 3, v = i; p >= 0; --p, v /= 36) brin[p] = digits[v % 36];
  return brin + "00";
}
inline std::string BoardCode(int i) { return absl::StrFormat("B%05d", i); }
inline std::string WijkCode(int i) { return absl::StrFormat("W%04d", i); }

// Funding year `year` counted on 1 February of the year before; wijk w's penvoerder is board
// w % boards; the wijk pot is spread 70% by pupils, 30% by a social index.
inline allocation::YearConfig SyntheticYearConfig(int year, int wijken, int boards) {
  allocation::YearConfig c;
  c.year = year;
  c.count_date = absl::StrFormat("%04d-02-01", year - 1);
  c.basis_amount_per_pupil_cents = 14300;
  c.extra_per_pupil_amounts = {{"extra_support", "extra ondersteuning", 4500}};
  c.hb_budget_cents = 14'000'000'00;
  c.wijk_pot_cents = 25'000'000'00;
  allocation::WijkFactor social{"social_index", 3000, {}};
  for (int w = 0; w < wijken; ++w) social.values.push_back({WijkCode(w), 80 + (w * 37) % 60});
  c.wijk_factors = {{"pupils", 7000, {}}, social};
  for (int w = 0; w < wijken; ++w) c.penvoerders.push_back({WijkCode(w), BoardCode(w % boards)});
  c.sbo_rate_cents = 663452;
  c.so_cat1_rate_cents = 1293834;
  c.so_cat2_rate_cents = 2105323;
  c.so_cat3_rate_cents = 3141953;
  c.light_support_income_cents = 1'200'000'000'00;
  c.heavy_support_income_cents = 1'500'000'000'00;
  c.reserve_cents = 90'000'000'00;
  return c;
}

}  // namespace swv::bench

#endif  // SWV_TOOLS_BENCH_SYNTHETIC_SWV_H_
