#include "services/allocation/domain/spending_account.h"

#include <set>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/money.h"
#include "services/kernel/enum_names.h"
#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"

namespace swv::allocation {

constexpr EnumName<SpendingAccountStatus> kSpendingAccountStatusNames[] = {
    {SpendingAccountStatus::kOnTime, "on_time"},
    {SpendingAccountStatus::kLate, "late"},
    {SpendingAccountStatus::kMissing, "missing"},
    {SpendingAccountStatus::kOutstanding, "outstanding"},
};

absl::string_view SpendingAccountStatusName(SpendingAccountStatus status) {
  return NameOf(kSpendingAccountStatusNames, status);
}

absl::CivilDay SpendingAccountDeadline(int year) { return absl::CivilDay(year + 1, 2, 1); }

SpendingAccountStatus SpendingAccountStatusOf(int year, absl::optional<absl::CivilDay> received_on,
                                              absl::CivilDay today) {
  const absl::CivilDay deadline = SpendingAccountDeadline(year);
  if (received_on) {
    return *received_on < deadline ? SpendingAccountStatus::kOnTime : SpendingAccountStatus::kLate;
  }
  return today < deadline ? SpendingAccountStatus::kOutstanding : SpendingAccountStatus::kMissing;
}

absl::StatusOr<ValidSpendingAccount> ValidateSpendingAccount(const SpendingAccountInput& input,
                                                             int year, absl::CivilDay today) {
  std::vector<FieldViolation> violations;
  std::set<std::string> reasons;
  auto add = [&](absl::string_view field, absl::string_view reason, absl::string_view text) {
    reasons.insert(std::string(reason));
    violations.push_back(
        FieldViolation{absl::StrCat("spending_account.", field), std::string(text)});
  };
  ValidSpendingAccount out;
  out.board = std::string(absl::StripAsciiWhitespace(input.board));
  if (out.board.empty()) {
    add("board", "REQUIRED", "is required: the board's code");
  } else {
    bool ok = out.board.size() <= 16;
    for (char c : out.board) {
      if (!(absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-')) ok = false;
    }
    if (!ok) add("board", "MALFORMED_CODE", "must be 1-16 of A-Z, a-z, 0-9 and '-'");
  }
  out.received_on = today;
  if (!input.received_on.empty()) {
    absl::StatusOr<absl::CivilDay> day =
        ParseDate("spending_account.received_on", input.received_on);
    if (!day.ok()) {
      add("received_on", "MALFORMED_DATE", "must be a date \"YYYY-MM-DD\"");
    } else if (*day > today) {
      add("received_on", "DATE_IN_FUTURE", "must not be after today");
    } else {
      out.received_on = *day;
    }
  }
  if (out.received_on < absl::CivilDay(year, 1, 1)) {
    add("received_on", "RECEIVED_BEFORE_YEAR",
        absl::StrCat("an account for ", year, " cannot be received before 1 January ", year));
  }
  auto amount = [&](const absl::optional<int64_t>& value, absl::string_view field,
                    int64_t* target) {
    if (!value) {
      add(field, "REQUIRED", "is required (0 is a valid amount)");
    } else if (*value < 0) {
      add(field, "NEGATIVE_AMOUNT", "must not be negative");
    } else if (!WithinAmountBound(*value)) {
      add(field, kAmountOutOfRange, AmountBoundRule());
    } else {
      *target = *value;
    }
  };
  amount(input.basis_spent_cents, "basis_spent_cents", &out.basis_spent_cents);
  amount(input.extra_spent_cents, "extra_spent_cents", &out.extra_spent_cents);
  out.note = input.note;
  if (out.note.size() > 1000) add("note", "TOO_LONG", "must be at most 1000 characters");
  if (!violations.empty()) {
    return InvalidFields(reasons.size() == 1 ? *reasons.begin() : "INVALID_SPENDING_ACCOUNT",
                         violations);
  }
  return out;
}

}  // namespace swv::allocation
