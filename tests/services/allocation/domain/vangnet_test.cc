// The vangnet: growth of each GO board's SBO and SO pupils between the October count and the
// February count (peildatum), paid per extra pupil and category; SBO from light, SO from heavy.
// Figures by hand in docs/allocation.md ("Vangnet").
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/allocation/domain/calculation.h"
#include "services/kernel/errors.h"
#include "tests/services/allocation/domain/calculation_test_util.h"
#include "tests/testing/field_violations.h"

namespace swv::allocation {
namespace {

using testing::Board;
using testing::ExampleInput;
using testing::Find;
using testing::HasLine;
using ::testing::HasSubstr;

using ::swv::testing::FieldsOf;

SchoolCount Go(const std::string& school, int64_t sbo, int64_t so1, int64_t so2, int64_t so3) {
  return SchoolCount{school, sbo + so1 + so2 + so3, sbo, so1, so2, so3};
}

// The example year plus a GO board BD with an SO location 66SO00 and an SBO location 77SB00
// (inside the region, no basisondersteuning), and a vangnet of EUR 4000 per extra SBO pupil and
// EUR 6000/9000/12000 per extra SO pupil of category 1/2/3.
//   October 2025-10-01: 44SB00 (BA) SBO 40; 66SO00 (BD) SO 10/5/2; 77SB00 (BD) SBO 20;
//                       55SO00 (no board) SO 10/5/2
//   February 2026-02-01: 44SB00 SBO 43; 66SO00 SO 12/4/2; 77SB00 SBO 21; 55SO00 SO 11/5/2
CalculationInput VangnetInput() {
  CalculationInput input = ExampleInput();
  YearConfig config = testing::ExampleConfig();
  config.vangnet_october_date = "2025-10-01";
  config.vangnet_february_date = "2026-02-01";
  config.vangnet_sbo_amount_cents = 400'000;
  config.vangnet_so_cat1_amount_cents = 600'000;
  config.vangnet_so_cat2_amount_cents = 900'000;
  config.vangnet_so_cat3_amount_cents = 1'200'000;
  absl::StatusOr<YearConfig> valid = ValidateYearConfig(config);
  EXPECT_TRUE(valid.ok()) << valid.status();
  input.config = *valid;
  input.schools.push_back({"66SO00", "BD", "W2", SchoolKind::kSo, true});
  input.schools.push_back({"77SB00", "BD", "W1", SchoolKind::kSbo, true});
  input.boards.push_back({"BD", "Stichting GO"});
  input.vangnet.has_october = true;
  input.vangnet.october = {Go("44SB00", 40, 0, 0, 0), Go("55SO00", 0, 10, 5, 2),
                           Go("66SO00", 0, 10, 5, 2), Go("77SB00", 20, 0, 0, 0)};
  input.vangnet.has_february = true;
  input.vangnet.february = {Go("44SB00", 43, 0, 0, 0), Go("55SO00", 0, 11, 5, 2),
                            Go("66SO00", 0, 12, 4, 2), Go("77SB00", 21, 0, 0, 0)};
  return input;
}

TEST(Vangnet, PaysTheGrowthPerGoBoardAndCategory) {
  absl::StatusOr<CalculationResult> r = Calculate(VangnetInput());
  ASSERT_TRUE(r.ok()) << r.status();
  // BA: SBO 40 -> 43 = 3 x 4000.00 = 12000.00
  const ResultLine& ba = Find(*r, "vangnet", "sbo", "BA");
  EXPECT_EQ(ba.quantity, 3);
  EXPECT_EQ(ba.amount_cents, 1'200'000);
  EXPECT_EQ(ba.formula,
            "max(0, 43 on 2026-02-01 - 40 on 2025-10-01) = 3 pupils x 4000.00 = "
            "12000.00");
  // BD, with SO and SBO: SBO 20 -> 21 = 4000.00; SO 1: 10 -> 12 = 12000.00; SO 2: 5 -> 4 is
  // a shrink (0, never negative); SO 3: 2 -> 2 no growth.
  EXPECT_EQ(Find(*r, "vangnet", "sbo", "BD").amount_cents, 400'000);
  EXPECT_EQ(Find(*r, "vangnet", "so_cat1", "BD").amount_cents, 1'200'000);
  const ResultLine& shrink = Find(*r, "vangnet", "so_cat2", "BD");
  EXPECT_EQ(shrink.quantity, 0);
  EXPECT_EQ(shrink.amount_cents, 0);
  EXPECT_THAT(shrink.formula, HasSubstr("max(0, 4 on 2026-02-01 - 5 on 2025-10-01) = 0 pupils"));
  EXPECT_EQ(Find(*r, "vangnet", "so_cat3", "BD").amount_cents, 0);
  EXPECT_EQ(Board(*r, "BD").vangnet_cents, 1'600'000);
  EXPECT_EQ(Board(*r, "BD").total_cents, 1'600'000);
  EXPECT_EQ(Board(*r, "BA").vangnet_cents, 1'200'000);
  EXPECT_EQ(Board(*r, "BA").total_cents, 3'280'000 + 1'200'000);
  // SBO 4 pupils = 16000.00 from light; SO 2 pupils = 12000.00 from heavy.
  EXPECT_EQ(r->vangnet_growth_pupils[0], 4);
  EXPECT_EQ(r->vangnet_growth_pupils[1], 2);
  EXPECT_EQ(r->vangnet_sbo_cents, 1'600'000);
  EXPECT_EQ(r->vangnet_so_cents, 1'200'000);
  EXPECT_EQ(r->light_spent_cents, 26'538'080 + 20'680'000 + 1'600'000);  // 488180.80
  EXPECT_EQ(r->light_balance_cents, 51'181'920);                         // 511819.20
  EXPECT_EQ(r->heavy_spent_cents, 29'748'861 + 1'200'000);               // 309488.61
  EXPECT_EQ(r->heavy_balance_cents, 169'051'139);                        // 1690511.39
  EXPECT_EQ(r->swv_remaining_cents, 220'233'059);                        // 2202330.59
  EXPECT_EQ(r->light_balance_cents + r->heavy_balance_cents, r->swv_remaining_cents);
  // 55SO00 grew but has no board: left out, and named.
  EXPECT_THAT(r->vangnet_note, HasSubstr("55SO00"));
}

TEST(Vangnet, TheGoBoardsStatementShowsIt) {
  absl::StatusOr<CalculationResult> r = Calculate(VangnetInput());
  ASSERT_TRUE(r.ok()) << r.status();
  absl::StatusOr<BoardStatement> statement = StatementFor(*r, "BD");
  ASSERT_TRUE(statement.ok()) << statement.status();
  EXPECT_TRUE(statement->vangnet_configured);
  EXPECT_EQ(statement->totals.vangnet_cents, 1'600'000);
  const std::string csv = StatementCsv(*statement);
  EXPECT_THAT(csv, HasSubstr("vangnet,so_cat1,BD,,,2,6000.00,,12000.00,"));
  EXPECT_THAT(csv, HasSubstr("total,vangnet,BD,,,0,,,16000.00,sum of this board's vangnet lines"));
  EXPECT_THAT(csv, HasSubstr("total,total,BD,,,0,,,16000.00,basis + extra + hb + wijk + vangnet"));
}

TEST(Vangnet, NoGrowthOrShrinkPaysNothing) {
  CalculationInput input = VangnetInput();
  input.vangnet.february = input.vangnet.october;         // no growth
  input.vangnet.february[3] = Go("77SB00", 15, 0, 0, 0);  // BD shrinks
  absl::StatusOr<CalculationResult> r = Calculate(input);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->vangnet_sbo_cents, 0);
  EXPECT_EQ(r->vangnet_so_cents, 0);
  EXPECT_EQ(Find(*r, "vangnet", "sbo", "BD").amount_cents, 0);
  // BD receives nothing at all, so it has no statement.
  EXPECT_EQ(StatementFor(*r, "BD").status().code(), absl::StatusCode::kNotFound);
}

TEST(Vangnet, WithoutAFebruaryCountSetItIsZeroWithANote) {
  CalculationInput input = VangnetInput();
  input.vangnet.has_february = false;
  input.vangnet.february.clear();
  absl::StatusOr<CalculationResult> r = Calculate(input);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(r->vangnet_configured);
  EXPECT_EQ(r->vangnet_sbo_cents + r->vangnet_so_cents, 0);
  EXPECT_FALSE(HasLine(*r, "vangnet", "sbo"));
  EXPECT_THAT(r->vangnet_note, HasSubstr("no accepted count set for 2026-02-01"));
  EXPECT_THAT(Find(*r, "summary", "vangnet_so").formula, HasSubstr("2026-02-01"));
  absl::StatusOr<BoardStatement> statement = StatementFor(*r, "BA");
  ASSERT_TRUE(statement.ok());
  EXPECT_EQ(statement->vangnet_note, r->vangnet_note);
  EXPECT_THAT(StatementCsv(*statement),
              HasSubstr("total,vangnet,BA,,,100,,,0.00,sum of this board's vangnet lines; "
                        "vangnet 0: no accepted count set for 2026-02-01 yet"));
}

TEST(Vangnet, NotConfiguredOrRulesOneMeansNoVangnet) {
  absl::StatusOr<CalculationResult> off = Calculate(ExampleInput());
  ASSERT_TRUE(off.ok());
  EXPECT_FALSE(off->vangnet_configured);
  EXPECT_FALSE(HasLine(*off, "summary", "vangnet_sbo"));
  CalculationInput old = VangnetInput();
  old.rules = kRulesBeforeBudgets;
  absl::StatusOr<CalculationResult> r = Calculate(old);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->vangnet_configured);
  EXPECT_FALSE(HasLine(*r, "vangnet", "sbo"));
  EXPECT_EQ(Board(*r, "BA").total_cents, 3'280'000);
}

TEST(Vangnet, ConfigurationIsAllOrNothingAndNamesTheField) {
  YearConfig config = testing::ExampleConfig();
  config.vangnet_october_date = "2025-10-01";
  absl::Status status = ValidateYearConfig(config).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(FieldsOf(status), ::testing::IsSupersetOf({"config.vangnet_february_date",
                                                         "config.vangnet_sbo_amount_cents",
                                                         "config.vangnet_so_cat3_amount_cents"}));

  config.vangnet_february_date = "2025-09-01";
  config.vangnet_sbo_amount_cents = 400'000;
  config.vangnet_so_cat1_amount_cents = 600'000;
  config.vangnet_so_cat2_amount_cents = 900'000;
  config.vangnet_so_cat3_amount_cents = -1;
  status = ValidateYearConfig(config).status();
  EXPECT_EQ(ReasonOf(status), "INVALID_YEAR_CONFIG");
  EXPECT_THAT(FieldsOf(status), ::testing::ElementsAre("config.vangnet_october_date",
                                                       "config.vangnet_so_cat3_amount_cents"));

  config.vangnet_february_date = "2026-02-01";
  config.vangnet_so_cat3_amount_cents = 10'000'001;
  EXPECT_EQ(ReasonOf(ValidateYearConfig(config).status()), "OUT_OF_RANGE");
  config.vangnet_so_cat3_amount_cents = 1'200'000;
  EXPECT_TRUE(ValidateYearConfig(config).ok());
}

}  // namespace
}  // namespace swv::allocation
