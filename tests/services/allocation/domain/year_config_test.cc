#include "services/allocation/domain/year_config.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/kernel/errors.h"
#include "tests/services/allocation/domain/example_year.h"
#include "tests/testing/field_violations.h"

namespace swv::allocation {
namespace {

using ::testing::Contains;
using ::testing::Field;

using ::swv::testing::FieldsOf;

TEST(YearConfig, FillsDefaultsAndSorts) {
  YearConfig config = testing::ExampleConfig();
  config.hb_collective_share.reset();
  config.wijk_factors.clear();
  config.penvoerders = {Penvoerder{" W2 ", "BC"}, Penvoerder{"W1", "BB"}};
  auto valid = ValidateYearConfig(config);
  ASSERT_TRUE(valid.ok()) << valid.status();
  EXPECT_EQ(*valid->hb_collective_share, (Fraction{1, 4}));
  ASSERT_EQ(valid->wijk_factors.size(), 1u);
  EXPECT_EQ(valid->wijk_factors[0].code, "pupils");
  EXPECT_EQ(valid->wijk_factors[0].weight_bp, 10000);
  EXPECT_EQ(*valid->reserve_signal_bp, 350);
  EXPECT_EQ(*valid->reserve_signal_minimum_cents, 25'000'000);
  EXPECT_EQ(*valid->indexation_bp, 0);
  EXPECT_EQ(*valid->other_income_cents, 0);
  EXPECT_EQ(valid->penvoerders[0].wijk, "W1");
  EXPECT_EQ(valid->penvoerders[1].wijk, "W2");
  // Validating the normalised form again changes nothing.
  EXPECT_TRUE(*ValidateYearConfig(*valid) == *valid);
}

TEST(YearConfig, MissingAndNegativeInputsAreNamed) {
  YearConfig config = testing::ExampleConfig();
  config.hb_budget_cents.reset();
  config.sbo_rate_cents = -1;
  config.count_date = "";
  auto valid = ValidateYearConfig(config);
  ASSERT_EQ(valid.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(FieldsOf(valid.status()),
              ::testing::ElementsAre("config.count_date", "config.hb_budget_cents",
                                     "config.sbo_rate_cents"));
  EXPECT_EQ(ReasonOf(valid.status()), "INVALID_YEAR_CONFIG");

  config = testing::ExampleConfig();
  config.hb_budget_cents.reset();
  EXPECT_EQ(ReasonOf(ValidateYearConfig(config).status()), "REQUIRED");
  config = testing::ExampleConfig();
  config.wijk_pot_cents = -100;
  EXPECT_EQ(ReasonOf(ValidateYearConfig(config).status()), "NEGATIVE_AMOUNT");
}

TEST(YearConfig, RulesOnSharesFactorsAndDates) {
  YearConfig config = testing::ExampleConfig();
  config.count_date = "2023-02-01";
  EXPECT_EQ(ReasonOf(ValidateYearConfig(config).status()), "COUNT_DATE_OUT_OF_RANGE");
  config = testing::ExampleConfig();
  config.count_date = "2025-02-30";
  EXPECT_EQ(ReasonOf(ValidateYearConfig(config).status()), "MALFORMED_DATE");
  config = testing::ExampleConfig();
  config.hb_collective_share = Fraction{5, 4};
  EXPECT_EQ(ReasonOf(ValidateYearConfig(config).status()), "INVALID_SHARE");
  config = testing::ExampleConfig();
  config.wijk_factors[1].weight_bp = 3000;
  EXPECT_EQ(ReasonOf(ValidateYearConfig(config).status()), "WEIGHTS_NOT_100_PERCENT");
  config = testing::ExampleConfig();
  config.wijk_factors[0].values = {{"W1", 3}};
  EXPECT_EQ(ReasonOf(ValidateYearConfig(config).status()), "VALUES_NOT_ALLOWED");
  config = testing::ExampleConfig();
  config.penvoerders.push_back(Penvoerder{"W1", "BA"});
  EXPECT_EQ(ReasonOf(ValidateYearConfig(config).status()), "DUPLICATE");
  config = testing::ExampleConfig();
  config.extra_per_pupil_amounts[0].code = "Extra Support";
  EXPECT_THAT(FieldsOf(ValidateYearConfig(config).status()),
              Contains("config.extra_per_pupil_amounts[0].code"));
  config = testing::ExampleConfig();
  config.reserve_cents = -5;  // a deficit is a legitimate reserve
  EXPECT_TRUE(ValidateYearConfig(config).ok());
}

TEST(YearConfig, BasisSchoolKindsAreTheDirectorysKinds) {
  YearConfig config = testing::ExampleConfig();
  auto valid = ValidateYearConfig(config);
  ASSERT_TRUE(valid.ok()) << valid.status();
  EXPECT_THAT(valid->basis_school_kinds, ::testing::ElementsAre("regular"));  // the default

  config.basis_school_kinds = {" so", "sbo", "regular "};
  valid = ValidateYearConfig(config);
  ASSERT_TRUE(valid.ok()) << valid.status();
  EXPECT_THAT(valid->basis_school_kinds, ::testing::ElementsAre("regular", "sbo", "so"));
  EXPECT_TRUE(*ValidateYearConfig(*valid) == *valid);
  EXPECT_TRUE(ReceivesBasis(*valid, SchoolKind::kSo));
  EXPECT_FALSE(ReceivesBasis(*valid, SchoolKind::kOpdc));

  config.basis_school_kinds = {"regular", "BAO", "unspecified"};
  absl::Status status = ValidateYearConfig(config).status();
  EXPECT_EQ(ReasonOf(status), "UNKNOWN_SCHOOL_KIND");
  ASSERT_EQ(FieldViolationsOf(status).size(), 2u);
  EXPECT_EQ(FieldViolationsOf(status)[0].field, "config.basis_school_kinds[1]");
  EXPECT_THAT(FieldViolationsOf(status)[0].description,
              ::testing::HasSubstr("\"BAO\" is not a school kind of the directory"));
  EXPECT_EQ(FieldViolationsOf(status)[1].field, "config.basis_school_kinds[2]");

  config.basis_school_kinds = {"sbo", "regular", " sbo"};
  status = ValidateYearConfig(config).status();
  EXPECT_EQ(ReasonOf(status), "DUPLICATE");
  EXPECT_THAT(FieldsOf(status), ::testing::ElementsAre("config.basis_school_kinds[2]"));
}

TEST(YearConfig, SboThresholdIsBasisPointsOfPupils) {
  YearConfig config = testing::ExampleConfig();
  EXPECT_EQ(*ValidateYearConfig(config)->sbo_threshold_bp, 0);  // the default: every SBO pupil
  config.sbo_threshold_bp = 200;
  EXPECT_EQ(*ValidateYearConfig(config)->sbo_threshold_bp, 200);
  config.sbo_threshold_bp = 10001;
  absl::Status status = ValidateYearConfig(config).status();
  EXPECT_EQ(ReasonOf(status), "OUT_OF_RANGE");
  EXPECT_THAT(FieldsOf(status), ::testing::ElementsAre("config.sbo_threshold_bp"));
  config.sbo_threshold_bp = -1;
  EXPECT_EQ(ReasonOf(ValidateYearConfig(config).status()), "OUT_OF_RANGE");
}

TEST(YearConfig, IndexationRoundsToTheCent) {
  EXPECT_EQ(*IndexedAmount(13000, 1000), 14300);  // EUR 130 + 10%
  EXPECT_EQ(*IndexedAmount(14300, 275), 14693);   // 146.9325 -> 146.93
  EXPECT_EQ(*IndexedAmount(14300, 0), 14300);
}

}  // namespace
}  // namespace swv::allocation
