// The calculation against amounts computed by hand (see example_year.h for the arithmetic).
#include "services/allocation/domain/calculation.h"

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/kernel/errors.h"
#include "tests/services/allocation/domain/calculation_test_util.h"
#include "tests/services/allocation/domain/example_year.h"

namespace swv::allocation {
namespace {

using ::testing::HasSubstr;

using testing::Board;
using testing::ExampleInput;
using testing::Find;

TEST(Calculation, ExampleYearMatchesTheHandComputation) {
  auto result = Calculate(ExampleInput());
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->basis_rate_cents, 14300);
  EXPECT_EQ(result->eligible_pupils, 600);  // the SBO and SO schools are not eligible

  const ResultLine& basis = Find(*result, "basis", "basisondersteuning", "22BB00");
  EXPECT_EQ(basis.board, "BB");
  EXPECT_EQ(basis.quantity, 200);
  EXPECT_EQ(basis.rate_cents, 14300);
  EXPECT_EQ(basis.amount_cents, 2'860'000);
  EXPECT_EQ(basis.formula, "200 pupils x 143.00 = 28600.00");
  EXPECT_EQ(Find(*result, "extra", "extra_support", "33CC00").amount_cents, 300'000);

  EXPECT_EQ(result->hb_collective_cents, 3'500'000);
  EXPECT_EQ(result->hb_boards_cents, 10'500'000);
  const ResultLine& hb = Find(*result, "hb", "board", "BA");
  EXPECT_EQ(hb.amount_cents, 1'750'000);
  EXPECT_EQ(hb.share_numerator, 100);
  EXPECT_EQ(hb.share_denominator, 600);
  EXPECT_EQ(hb.formula, "105000.00 x 100/600 pupils = 17500.00");

  EXPECT_EQ(Find(*result, "wijk", "part:pupils").amount_cents, 600'000);
  EXPECT_EQ(Find(*result, "wijk", "factor:social_index", "W1").amount_cents, 240'000);
  EXPECT_EQ(Find(*result, "wijk", "factor:pupils", "W2").amount_cents, 300'000);
  const ResultLine& w1 = Find(*result, "wijk", "total", "W1");
  EXPECT_EQ(w1.amount_cents, 540'000);
  EXPECT_EQ(w1.board, "BB");
  EXPECT_EQ(Find(*result, "wijk", "total", "W2").amount_cents, 460'000);
  const ResultLine& share = Find(*result, "wijk_school_share", "attributable", "11AA00");
  EXPECT_EQ(share.amount_cents, 180'000);
  EXPECT_EQ(share.board, "BB");  // listed on the penvoerder's statement

  EXPECT_EQ(Board(*result, "BA").total_cents, 3'280'000);
  EXPECT_EQ(Board(*result, "BB").wijk_cents, 540'000);
  EXPECT_EQ(Board(*result, "BB").total_cents, 7'100'000);
  EXPECT_EQ(Board(*result, "BC").total_cents, 10'300'000);
  EXPECT_EQ(Board(*result, "BC").display_name, "Stichting C");

  EXPECT_EQ(result->sbo_pupils, 40);
  EXPECT_EQ(result->sbo_transfer_cents, 26'538'080);
  EXPECT_EQ(result->so_transfer_cents[0], 12'938'340);
  EXPECT_EQ(result->so_transfer_cents[1], 10'526'615);
  EXPECT_EQ(result->so_transfer_cents[2], 6'283'906);
  EXPECT_EQ(Find(*result, "afdracht", "so_cat3", "55SO00").formula,
            "2 pupils with a TLV x 31419.53 = 62839.06");
  EXPECT_EQ(result->net_light_support_cents, 73'461'920);
  EXPECT_EQ(result->net_heavy_support_cents, 170'251'139);
  EXPECT_EQ(result->paid_to_boards_cents, 20'680'000);
  EXPECT_EQ(result->swv_remaining_cents, 223'033'059);
  EXPECT_EQ(result->gross_income_cents, 300'000'000);
  EXPECT_EQ(result->reserve_signal_cents, 25'000'000);  // the minimum beats 3.5% (105000.00)
  EXPECT_TRUE(result->reserve_above_signal);
}

TEST(Calculation, PupilsPerSchoolAddUpToTheCalculation) {
  const CalculationInput input = ExampleInput();
  // Regular schools inside the region carry their pupils; the SBO school 44SB00 (50 pupils, 40
  // with a TLV) only its TLV column, the SO school outside the region only its categories.
  const std::vector<SchoolPupils> pupils = PupilsPerSchool(input.counts, input.schools);
  ASSERT_EQ(pupils.size(), 5u);
  EXPECT_EQ(pupils[0].school, "11AA00");
  EXPECT_EQ(pupils[0].regular, 100);
  EXPECT_EQ(pupils[3].school, "44SB00");
  EXPECT_EQ(pupils[3].regular, 0);
  EXPECT_EQ(pupils[3].sbo, 40);
  EXPECT_EQ(pupils[4].so[0] + pupils[4].so[1] + pupils[4].so[2], 17);
  auto result = Calculate(input);
  ASSERT_TRUE(result.ok()) << result.status();
  int64_t regular = 0, sbo = 0, so[3] = {0, 0, 0};
  for (const SchoolPupils& p : pupils) {
    regular += p.regular;
    sbo += p.sbo;
    for (int k = 0; k < 3; ++k) so[k] += p.so[k];
  }
  EXPECT_EQ(regular, result->eligible_pupils);
  EXPECT_EQ(sbo, result->sbo_pupils);
  for (int k = 0; k < 3; ++k) EXPECT_EQ(so[k], result->so_pupils[k]) << k;
  // A school the directory does not know counts no regular pupils.
  EXPECT_EQ(PupilsPerSchool(input.counts, {})[0].regular, 0);
}

bool HasLineForSchool(const CalculationResult& result, const std::string& section,
                      const std::string& school) {
  for (const ResultLine& line : result.lines) {
    if (line.section == section && line.school == school) return true;
  }
  return false;
}

TEST(Calculation, BasisGoesToTheListedSchoolKindsOnly) {
  // Default: regular only. The SBO school 44SB00 (board BA, 50 pupils) gets no basis.
  CalculationInput input = ExampleInput();
  EXPECT_THAT(input.config.basis_school_kinds, ::testing::ElementsAre("regular"));
  auto result = Calculate(input);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_FALSE(HasLineForSchool(*result, "basis", "44SB00"));
  EXPECT_EQ(Board(*result, "BA").basis_cents, 1'430'000);

  // Seed 003: BAO and SBO schools. 44SB00 gets 50 x 143.00 = 7150.00 for its board BA, but no
  // extra support, no HB share and no part in the pupils wijk factor (those stay regular).
  YearConfig config = testing::ExampleConfig();
  config.basis_school_kinds = {"sbo", "regular"};
  input.config = *ValidateYearConfig(config);
  result = Calculate(input);
  ASSERT_TRUE(result.ok()) << result.status();
  const ResultLine& sbo = Find(*result, "basis", "basisondersteuning", "44SB00");
  EXPECT_EQ(sbo.board, "BA");
  EXPECT_EQ(sbo.quantity, 50);
  EXPECT_EQ(sbo.amount_cents, 715'000);
  EXPECT_EQ(sbo.formula, "50 pupils x 143.00 = 7150.00");
  EXPECT_FALSE(HasLineForSchool(*result, "extra", "44SB00"));
  EXPECT_EQ(Board(*result, "BA").basis_cents, 1'430'000 + 715'000);
  EXPECT_EQ(Board(*result, "BA").pupils, 100);
  EXPECT_EQ(Board(*result, "BA").hb_cents, 1'750'000);
  EXPECT_EQ(Board(*result, "BA").total_cents, 3'280'000 + 715'000);
  EXPECT_EQ(result->eligible_pupils, 600);
  EXPECT_EQ(Find(*result, "wijk", "factor:pupils", "W2").quantity, 300);
  EXPECT_EQ(result->paid_to_boards_cents, 20'680'000 + 715'000);

  // Seed 002 also lists SO; the SO school 55SO00 lies outside the region, so it still gets none.
  config.basis_school_kinds = {"regular", "sbo", "so"};
  input.config = *ValidateYearConfig(config);
  result = Calculate(input);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_FALSE(HasLineForSchool(*result, "basis", "55SO00"));
  // Inside the region it needs a board like any school paid per pupil, and then gets its basis.
  input.schools[4].inside_region = true;
  EXPECT_EQ(ReasonOf(Calculate(input).status()), "SCHOOL_WITHOUT_BOARD");
  input.schools[4].board = "BC";
  result = Calculate(input);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(Find(*result, "basis", "basisondersteuning", "55SO00").amount_cents, 30 * 14300);
  EXPECT_EQ(Board(*result, "BC").basis_cents, 4'290'000 + 429'000);
}

TEST(Calculation, SchoolsOfAListedKindNeedACount) {
  CalculationInput input = ExampleInput();
  input.counts.erase(input.counts.begin() + 3);  // 44SB00
  EXPECT_TRUE(EligibleSchoolsWithoutCounts(input).empty());
  YearConfig config = testing::ExampleConfig();
  config.basis_school_kinds = {"regular", "sbo"};
  input.config = *ValidateYearConfig(config);
  EXPECT_THAT(EligibleSchoolsWithoutCounts(input), ::testing::ElementsAre("44SB00"));
}

TEST(Calculation, AConfigStoredBeforeTheNewFieldsCalculatesAsBefore) {
  // A configuration version stored before basis_school_kinds existed has an empty list: regular
  // only, byte for byte the same lines as the validated default.
  CalculationInput input = ExampleInput();
  auto with_default = Calculate(input);
  input.config.basis_school_kinds.clear();
  input.config.sbo_threshold_bp.reset();
  auto stored_before = Calculate(input);
  ASSERT_TRUE(with_default.ok() && stored_before.ok());
  EXPECT_EQ(CalculationCsv(*stored_before), CalculationCsv(*with_default));
}

CalculationInput WithSboThreshold(int64_t threshold_bp, int64_t sbo_pupils_44sb00) {
  CalculationInput input = ExampleInput();
  input.config.sbo_threshold_bp = threshold_bp;
  input.counts[3].sbo_pupils = sbo_pupils_44sb00;
  return input;
}

TEST(Calculation, SboThresholdPaysOnlyThePupilsAboveIt) {
  // The SWV's pupils: regular 100 + 200 + 300 and SBO 50 = 650 (the SO school lies outside the
  // region). 6.00% of 650 = 39 exactly.
  // One pupil above the threshold: 40 SBO pupils, the SWV pays 1.
  auto result = Calculate(WithSboThreshold(600, 40));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->sbo_pupils, 40);
  EXPECT_EQ(result->sbo_threshold_pupils, 39);
  EXPECT_EQ(result->sbo_paid_pupils, 1);
  EXPECT_EQ(result->sbo_transfer_cents, 663'452);
  EXPECT_EQ(result->net_light_support_cents, 100'000'000 - 663'452);
  const ResultLine& threshold = Find(*result, "afdracht", "sbo_threshold");
  EXPECT_EQ(threshold.quantity, 39);
  EXPECT_EQ(threshold.share_numerator, 600);
  EXPECT_EQ(threshold.share_denominator, 10000);
  EXPECT_EQ(threshold.amount_cents, 0);
  EXPECT_EQ(threshold.formula,
            "floor(650 pupils of the regular and SBO schools x 6.00%) = 39 SBO pupils funded by "
            "the state; the SWV pays max(0, 40 - 39) = 1 of the 40 SBO pupils with a TLV");
  const ResultLine& sbo = Find(*result, "afdracht", "sbo", "44SB00");
  EXPECT_EQ(sbo.quantity, 1);
  EXPECT_EQ(sbo.amount_cents, 663'452);
  EXPECT_EQ(sbo.formula,
            "1 of the 1 SBO pupils above the threshold (1 x 40/40 pupils with a TLV here) x "
            "6634.52 = 6634.52");
  EXPECT_EQ(Find(*result, "summary", "afdracht_sbo").formula,
            "1 of 40 SBO pupils above the threshold of 39, see afdracht lines");

  // Exactly at the threshold: 39 SBO pupils, the SWV pays none.
  result = Calculate(WithSboThreshold(600, 39));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->sbo_paid_pupils, 0);
  EXPECT_EQ(result->sbo_transfer_cents, 0);
  EXPECT_FALSE(HasLineForSchool(*result, "afdracht", "44SB00"));
  EXPECT_EQ(result->net_light_support_cents, 100'000'000);

  // The threshold is rounded down: 6.24% of 650 = 40.56 -> 40, so 41 SBO pupils cost one.
  result = Calculate(WithSboThreshold(624, 41));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->sbo_threshold_pupils, 40);
  EXPECT_EQ(result->sbo_paid_pupils, 1);

  // The worked example of docs/allocation.md (seed 003's 2%): floor(650 x 2%) = 13, 27 paid.
  result = Calculate(WithSboThreshold(200, 40));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->sbo_paid_pupils, 27);
  EXPECT_EQ(result->sbo_transfer_cents, 17'913'204);
  EXPECT_EQ(result->net_light_support_cents, 82'086'796);
  EXPECT_EQ(result->swv_remaining_cents, 231'657'935);

  // 0 (the default) is today's rule: every SBO pupil, no threshold line.
  result = Calculate(WithSboThreshold(0, 40));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->sbo_paid_pupils, 40);
  EXPECT_EQ(result->sbo_transfer_cents, 26'538'080);
  EXPECT_EQ(Find(*result, "afdracht", "sbo", "44SB00").formula,
            "40 pupils with a TLV x 6634.52 = 265380.80");
  for (const ResultLine& line : result->lines) EXPECT_NE(line.item, "sbo_threshold");
}

TEST(Calculation, SboPupilsAboveTheThresholdAreAttributedByLargestRemainder) {
  // A second SBO location 66SB00 (board BB, 30 pupils, 20 with a TLV). Pupils 650 + 30 = 680;
  // 2.00% = 13.6 -> 13; SBO pupils 40 + 20 = 60; the SWV pays 47: 44SB00 47 x 40/60 = 31.33 -> 31,
  // 66SB00 47 x 20/60 = 15.67 -> 15 + 1 by largest remainder = 16.
  CalculationInput input = WithSboThreshold(200, 40);
  input.schools.push_back(DirectorySchool{"66SB00", "BB", "W1", SchoolKind::kSbo, true});
  input.counts.push_back(SchoolCount{"66SB00", 30, 20, 0, 0, 0});
  auto result = Calculate(input);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->sbo_threshold_pupils, 13);
  EXPECT_EQ(result->sbo_paid_pupils, 47);
  EXPECT_EQ(Find(*result, "afdracht", "sbo", "44SB00").quantity, 31);
  EXPECT_EQ(Find(*result, "afdracht", "sbo", "44SB00").amount_cents, 20'567'012);
  const ResultLine& second = Find(*result, "afdracht", "sbo", "66SB00");
  EXPECT_EQ(second.quantity, 16);
  EXPECT_EQ(second.formula,
            "16 of the 47 SBO pupils above the threshold (47 x 20/60 pupils with a TLV here, +1 by "
            "largest remainder) x 6634.52 = 106152.32");
  EXPECT_EQ(result->sbo_transfer_cents, 47 * 663'452);  // 311822.44
}

TEST(Calculation, HbSplitNeverLosesOrInventsACent) {
  CalculationInput input = ExampleInput();
  // Equal pupils for the three boards.
  for (SchoolCount& count : input.counts) {
    if (count.school == "11AA00" || count.school == "22BB00" || count.school == "33CC00") {
      count.pupils = 1;
    }
  }
  input.config.hb_budget_cents = 133;  // collective 33.25 -> 0.33; boards part 1.00 over 3 boards
  auto result = Calculate(input);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->hb_collective_cents, 33);
  EXPECT_EQ(Board(*result, "BA").hb_cents, 34);  // naive rounding: 0.33 x 3 = 0.99
  EXPECT_EQ(Board(*result, "BB").hb_cents, 33);
  EXPECT_EQ(Board(*result, "BC").hb_cents, 33);
  EXPECT_THAT(Find(*result, "hb", "board", "BA").formula,
              HasSubstr("(0.33 rounded down + 0.01 by largest remainder)"));

  input.config.hb_budget_cents = 266;  // collective 66.5 -> 0.67; boards part 1.99
  input.config.hb_collective_share = Fraction{1, 4};
  result = Calculate(input);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->hb_collective_cents, 67);
  EXPECT_EQ(
      Board(*result, "BA").hb_cents + Board(*result, "BB").hb_cents + Board(*result, "BC").hb_cents,
      199);  // naive rounding: 0.66333.. -> 0.66 x 3 = 1.98
  EXPECT_EQ(Board(*result, "BA").hb_cents, 67);
  EXPECT_EQ(Board(*result, "BC").hb_cents, 66);

  input.config.hb_budget_cents = 267;  // collective 66.75 -> 0.67; boards part 2.00
  result = Calculate(input);
  ASSERT_TRUE(result.ok());
  // naive rounding: 0.666.. -> 0.67 x 3 = 2.01, a cent invented; here 0.67 + 0.67 + 0.66.
  EXPECT_EQ(Board(*result, "BA").hb_cents, 67);
  EXPECT_EQ(Board(*result, "BB").hb_cents, 67);
  EXPECT_EQ(Board(*result, "BC").hb_cents, 66);
}

TEST(Calculation, WijkWithoutPenvoerderIsAClearError) {
  CalculationInput input = ExampleInput();
  input.config.penvoerders = {Penvoerder{"W1", "BB"}};
  auto result = Calculate(input);
  ASSERT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(result.status()), "WIJK_WITHOUT_PENVOERDER");
  EXPECT_THAT(result.status().message(), HasSubstr("W2"));
  ASSERT_EQ(FieldViolationsOf(result.status()).size(), 1u);
  EXPECT_EQ(FieldViolationsOf(result.status())[0].field, "config.penvoerders");

  // Without a pot there is nothing to pay, so no penvoerder is needed.
  input.config.wijk_pot_cents = 0;
  EXPECT_TRUE(Calculate(input).ok());
}

TEST(Calculation, DirectoryProblemsAreNamed) {
  CalculationInput input = ExampleInput();
  input.config.penvoerders[1].board = "BX";
  EXPECT_EQ(ReasonOf(Calculate(input).status()), "PENVOERDER_NOT_IN_DIRECTORY");

  input = ExampleInput();
  input.counts.push_back(SchoolCount{"99ZZ00", 5, 0, 0, 0, 0});
  auto result = Calculate(input);
  EXPECT_EQ(ReasonOf(result.status()), "SCHOOL_NOT_IN_DIRECTORY");
  EXPECT_THAT(result.status().message(), HasSubstr("99ZZ00"));

  input = ExampleInput();
  input.schools[0].board = "";
  EXPECT_EQ(ReasonOf(Calculate(input).status()), "SCHOOL_WITHOUT_BOARD");

  input = ExampleInput();
  input.config.wijk_factors[1].values = {};
  EXPECT_EQ(ReasonOf(Calculate(input).status()), "NO_BASIS_FOR_SPLIT");
}

TEST(Calculation, IndexationIsShownOnTheRateLine) {
  CalculationInput input = ExampleInput();
  input.config.basis_amount_per_pupil_cents = 13000;
  input.config.indexation_bp = 1000;
  auto result = Calculate(input);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->basis_rate_cents, 14300);
  EXPECT_EQ(Find(*result, "rate", "basisondersteuning").formula,
            "130.00 x (1 + 10.00% indexation) = 143.00 per pupil (rounded to the cent)");
  EXPECT_EQ(Find(*result, "basis", "basisondersteuning", "11AA00").amount_cents, 1'430'000);
  // The extra amount is indexed too: 10.00 x 1.1 = 11.00.
  EXPECT_EQ(Find(*result, "extra", "extra_support", "11AA00").amount_cents, 110'000);
}

TEST(Calculation, CsvIsStableAndQuotesWhereNeeded) {
  auto first = Calculate(ExampleInput());
  CalculationInput shuffled = ExampleInput();
  std::reverse(shuffled.schools.begin(), shuffled.schools.end());
  std::reverse(shuffled.counts.begin(), shuffled.counts.end());
  auto second = Calculate(shuffled);
  ASSERT_TRUE(first.ok() && second.ok());
  const std::string csv = CalculationCsv(*first);
  EXPECT_EQ(csv, CalculationCsv(*second));  // input order does not matter
  EXPECT_EQ(Fingerprint(*first), Fingerprint(*second));
  EXPECT_EQ(Fingerprint(*first).size(), 16u);
  std::vector<std::string> rows = absl::StrSplit(csv, "\r\n");
  EXPECT_EQ(rows[0], "section,item,board,wijk,school,quantity,rate_eur,share,amount_eur,formula");
  EXPECT_THAT(csv, HasSubstr("\r\nbasis,basisondersteuning,BA,W1,11AA00,100,143.00,,14300.00,"
                             "100 pupils x 143.00 = 14300.00\r\n"));
  // A formula with a comma is quoted.
  EXPECT_THAT(csv, HasSubstr(",\"max(3000000.00 x 3.50% = 105000.00, minimum 250000.00)\"\r\n"));

  auto statement = StatementFor(*first, "BB");
  ASSERT_TRUE(statement.ok());
  EXPECT_EQ(statement->totals.total_cents, 7'100'000);
  const std::string board_csv = StatementCsv(*statement);
  EXPECT_THAT(board_csv, HasSubstr("wijk_school_share,attributable,BB,W1,11AA00,100,,100/300,"
                                   "1800.00,"));
  EXPECT_THAT(board_csv,
              HasSubstr("\r\ntotal,total,BB,,,200,,,71000.00,basis + extra + hb + wijk\r\n"));
  EXPECT_THAT(board_csv, ::testing::Not(HasSubstr("33CC00")));
  EXPECT_EQ(ReasonOf(StatementFor(*first, "BZ").status()), "BOARD_NOT_IN_CALCULATION");
}

TEST(Calculation, OverflowIsReportedNotWrapped) {
  CalculationInput input = ExampleInput();
  input.counts[0].pupils = int64_t{1} << 60;
  EXPECT_EQ(ReasonOf(Calculate(input).status()), "AMOUNT_OVERFLOW");
}

}  // namespace
}  // namespace swv::allocation
