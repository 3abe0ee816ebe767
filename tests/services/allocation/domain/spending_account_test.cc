#include "services/allocation/domain/spending_account.h"

#include <limits>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/money.h"
#include "services/kernel/errors.h"

namespace swv::allocation {
namespace {

TEST(SpendingAccount, DeadlineIsFirstFebruaryOfTheNextYear) {
  EXPECT_EQ(SpendingAccountDeadline(2026), absl::CivilDay(2027, 2, 1));
  const absl::CivilDay today(2027, 3, 1);
  EXPECT_EQ(SpendingAccountStatusOf(2026, absl::CivilDay(2027, 1, 31), today),
            SpendingAccountStatus::kOnTime);
  EXPECT_EQ(SpendingAccountStatusOf(2026, absl::CivilDay(2027, 2, 1), today),
            SpendingAccountStatus::kLate);
  EXPECT_EQ(SpendingAccountStatusOf(2026, absl::nullopt, absl::CivilDay(2027, 1, 31)),
            SpendingAccountStatus::kOutstanding);
  EXPECT_EQ(SpendingAccountStatusOf(2026, absl::nullopt, absl::CivilDay(2027, 2, 1)),
            SpendingAccountStatus::kMissing);
  EXPECT_EQ(SpendingAccountStatusName(SpendingAccountStatus::kOnTime), "on_time");
}

TEST(SpendingAccount, ValidatesEveryField) {
  SpendingAccountInput input;
  input.board = "  ";
  input.received_on = "2027-13-01";
  input.basis_spent_cents = -1;
  auto valid = ValidateSpendingAccount(input, 2026, absl::CivilDay(2027, 3, 1));
  ASSERT_EQ(valid.status().code(), absl::StatusCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(valid.status())) fields.push_back(v.field);
  EXPECT_THAT(fields,
              ::testing::ElementsAre("spending_account.board", "spending_account.received_on",
                                     "spending_account.basis_spent_cents",
                                     "spending_account.extra_spent_cents"));
  EXPECT_EQ(ReasonOf(valid.status()), "INVALID_SPENDING_ACCOUNT");
}

TEST(SpendingAccount, DefaultsToTodayAndRejectsFutureAndTooEarly) {
  SpendingAccountInput input;
  input.board = "41234";
  input.basis_spent_cents = 100;
  input.extra_spent_cents = 0;
  auto valid = ValidateSpendingAccount(input, 2026, absl::CivilDay(2027, 1, 20));
  ASSERT_TRUE(valid.ok()) << valid.status();
  EXPECT_EQ(valid->received_on, absl::CivilDay(2027, 1, 20));
  input.received_on = "2027-01-21";
  EXPECT_EQ(ReasonOf(ValidateSpendingAccount(input, 2026, absl::CivilDay(2027, 1, 20)).status()),
            "DATE_IN_FUTURE");
  input.received_on = "2025-12-31";
  EXPECT_EQ(ReasonOf(ValidateSpendingAccount(input, 2026, absl::CivilDay(2027, 1, 20)).status()),
            "RECEIVED_BEFORE_YEAR");
}

TEST(SpendingAccount, AmountsAreBounded) {
  SpendingAccountInput input;
  input.board = "41234";
  input.basis_spent_cents = kMaxAmountCents;
  input.extra_spent_cents = std::numeric_limits<int64_t>::max();
  auto valid = ValidateSpendingAccount(input, 2026, absl::CivilDay(2027, 1, 20));
  ASSERT_EQ(valid.status().code(), absl::StatusCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(valid.status())) fields.push_back(v.field);
  EXPECT_THAT(fields, ::testing::ElementsAre("spending_account.extra_spent_cents"));
  EXPECT_EQ(ReasonOf(valid.status()), "OUT_OF_RANGE");
}

}  // namespace
}  // namespace swv::allocation
