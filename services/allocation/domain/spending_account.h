// Spending accounts (verantwoording): each board reports how it spent the basis and extra support
// money of a year, in a fixed format, "100% before 1 February" (seed 004).
//
// Deadline, defined exactly: the account for funding year Y is due before 1 February of Y+1, so
// it is on time when received on or before 31 January Y+1, and late when received on 1 February
// Y+1 or later. Without an account the status is "outstanding" until 31 January Y+1 and "missing"
// from 1 February Y+1 on ("as of today", from the injected clock).
//
// Pure values and rules; thread-safe.
#ifndef SWV_SERVICES_ALLOCATION_DOMAIN_SPENDING_ACCOUNT_H_
#define SWV_SERVICES_ALLOCATION_DOMAIN_SPENDING_ACCOUNT_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/optional.h"

namespace swv::allocation {

enum class SpendingAccountStatus { kOnTime, kLate, kMissing, kOutstanding };

// "on_time", "late", "missing", "outstanding".
absl::string_view SpendingAccountStatusName(SpendingAccountStatus status);

// 1 February of year + 1: the first day an account for `year` is late.
absl::CivilDay SpendingAccountDeadline(int year);

SpendingAccountStatus SpendingAccountStatusOf(int year, absl::optional<absl::CivilDay> received_on,
                                              absl::CivilDay today);

// As received.
struct SpendingAccountInput {
  std::string board;
  std::string received_on;  // ISO date; empty = today
  absl::optional<int64_t> basis_spent_cents;
  absl::optional<int64_t> extra_spent_cents;
  std::string note;  // free text, at most 1000 characters
};

struct ValidSpendingAccount {
  std::string board;
  absl::CivilDay received_on;
  int64_t basis_spent_cents = 0;
  int64_t extra_spent_cents = 0;
  std::string note;
};

// INVALID_ARGUMENT with all violations, field paths "spending_account.<field>". Reasons:
// "REQUIRED" (board, amounts), "MALFORMED_CODE" (board: 1-16 of [A-Za-z0-9-]), "MALFORMED_DATE",
// "DATE_IN_FUTURE", "RECEIVED_BEFORE_YEAR" (an account for year Y cannot arrive before 1 January
// Y: there is nothing to account for yet), "NEGATIVE_AMOUNT", "OUT_OF_RANGE" (an amount above
// kMaxAmountCents, services/common/money.h), "TOO_LONG"; mixed reasons give
// "INVALID_SPENDING_ACCOUNT".
absl::StatusOr<ValidSpendingAccount> ValidateSpendingAccount(const SpendingAccountInput& input,
                                                             int year, absl::CivilDay today);

}  // namespace swv::allocation

#endif  // SWV_SERVICES_ALLOCATION_DOMAIN_SPENDING_ACCOUNT_H_
