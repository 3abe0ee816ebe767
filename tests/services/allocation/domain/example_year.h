// The hand-computed example year used by the domain and server tests (and docs/allocation.md).
//
// Boards BA, BB, BC. Schools (all inside the region unless said):
//   11AA00 regular, board BA, wijk W1, 100 pupils
//   22BB00 regular, board BB, wijk W1, 200 pupils
//   33CC00 regular, board BC, wijk W2, 300 pupils
//   44SB00 SBO,     board BA, wijk W2,  50 pupils, 40 with an SBO TLV
//   55SO00 SO outside the region, no board, 30 pupils, TLV category 1/2/3: 10/5/2
// Year 2026, count date 2025-02-01; basisondersteuning EUR 143 (seed 004), extra support EUR 10;
// HB EUR 140,000 of which 1/4 = EUR 35,000 collective (seed 004's 2027 figure); wijk pot
// EUR 10,000, 60% by pupils and 40% by a social index (W1 120, W2 80); penvoerders W1 -> BB,
// W2 -> BC; 2024 afdracht rates; light income EUR 1,000,000, heavy EUR 2,000,000; reserve
// EUR 300,000.
//
// By hand:
//   basis   11AA00 100 x 143.00 = 14300.00; 22BB00 28600.00; 33CC00 42900.00
//   extra   1000.00; 2000.00; 3000.00
//   HB      collective 35000.00; boards 105000.00 x 100/600, 200/600, 300/600 =
//           17500.00, 35000.00, 52500.00
//   wijk    pupils part 6000.00: W1 300/600 = 3000.00, W2 3000.00
//           social part 4000.00: W1 120/200 = 2400.00, W2 1600.00
//           W1 = 5400.00 to BB (shares 11AA00 1800.00, 22BB00 3600.00); W2 = 4600.00 to BC
//   board   BA 14300 + 1000 + 17500 = 32800.00; BB 28600 + 2000 + 35000 + 5400 = 71000.00;
//           BC 42900 + 3000 + 52500 + 4600 = 103000.00
//   afdracht SBO 40 x 6634.52 = 265380.80; SO 10 x 12938.34 = 129383.40, 5 x 21053.23 =
//           105266.15, 2 x 31419.53 = 62839.06 (SO total 297488.61)
//   net     light 1000000.00 - 265380.80 = 734619.20; heavy 2000000.00 - 297488.61 = 1702511.39
//   reserve signal max(3000000.00 x 3.5% = 105000.00, 250000.00) = 250000.00; 300000.00 above it
//   paid to boards 206800.00; SWV remaining 734619.20 + 1702511.39 - 206800.00 = 2230330.59
#ifndef SWV_TESTS_SERVICES_ALLOCATION_DOMAIN_EXAMPLE_YEAR_H_
#define SWV_TESTS_SERVICES_ALLOCATION_DOMAIN_EXAMPLE_YEAR_H_

#include <vector>

#include "services/allocation/domain/calculation.h"
#include "services/allocation/domain/counts.h"
#include "services/allocation/domain/year_config.h"

namespace swv::allocation::testing {

inline YearConfig ExampleConfig() {
  YearConfig config;
  config.year = 2026;
  config.count_date = "2025-02-01";
  config.basis_amount_per_pupil_cents = 14300;
  config.extra_per_pupil_amounts = {PerPupilAmount{"extra_support", "extra ondersteuning", 1000}};
  config.hb_budget_cents = 14'000'000;
  config.hb_collective_share = Fraction{1, 4};
  config.wijk_pot_cents = 1'000'000;
  config.wijk_factors = {WijkFactor{"pupils", 6000, {}},
                         WijkFactor{"social_index", 4000, {{"W1", 120}, {"W2", 80}}}};
  config.penvoerders = {Penvoerder{"W1", "BB"}, Penvoerder{"W2", "BC"}};
  config.sbo_rate_cents = 663452;
  config.so_cat1_rate_cents = 1293834;
  config.so_cat2_rate_cents = 2105323;
  config.so_cat3_rate_cents = 3141953;
  config.light_support_income_cents = 100'000'000;
  config.heavy_support_income_cents = 200'000'000;
  config.reserve_cents = 30'000'000;
  return config;
}

inline std::vector<DirectoryBoard> ExampleBoards() {
  return {{"BA", "Stichting A"}, {"BB", "Stichting B"}, {"BC", "Stichting C"}};
}

inline std::vector<DirectorySchool> ExampleSchools() {
  return {{"11AA00", "BA", "W1", SchoolKind::kRegular, true},
          {"22BB00", "BB", "W1", SchoolKind::kRegular, true},
          {"33CC00", "BC", "W2", SchoolKind::kRegular, true},
          {"44SB00", "BA", "W2", SchoolKind::kSbo, true},
          {"55SO00", "", "", SchoolKind::kSo, false}};
}

inline std::vector<CountRow> ExampleCountRows() {
  std::vector<CountRow> rows(5);
  rows[0].school = "11AA00";
  rows[0].pupils = 100;
  rows[1].school = "22BB00";
  rows[1].pupils = 200;
  rows[2].school = "33CC00";
  rows[2].pupils = 300;
  rows[3].school = "44SB00";
  rows[3].pupils = 50;
  rows[3].sbo_pupils = 40;
  rows[4].school = "55SO00";
  rows[4].pupils = 30;
  rows[4].so_cat1_pupils = 10;
  rows[4].so_cat2_pupils = 5;
  rows[4].so_cat3_pupils = 2;
  return rows;
}

inline std::vector<SchoolCount> ExampleCounts() {
  std::vector<SchoolCount> counts;
  for (const CountRow& row : ExampleCountRows()) {
    counts.push_back(SchoolCount{row.school, *row.pupils, row.sbo_pupils, row.so_cat1_pupils,
                                 row.so_cat2_pupils, row.so_cat3_pupils});
  }
  return counts;
}

}  // namespace swv::allocation::testing

#endif  // SWV_TESTS_SERVICES_ALLOCATION_DOMAIN_EXAMPLE_YEAR_H_
