// SqlAllocationRepository: The boards' spending accounts (alloc_spending_accounts, every version in
// alloc_spending_account_versions).
#include <algorithm>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "services/allocation/allocation_repository.h"
#include "services/allocation/sql_allocation_repository_internal.h"
#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/status_macros.h"
#include "services/kernel/time_format.h"

namespace swv::allocation::sql_internal {
namespace {

constexpr absl::string_view kSpendingAccountColumns =
    "board, received_on, basis_spent_cents, extra_spent_cents, note, version, update_time_us, "
    "updated_by";

}  // namespace

absl::StatusOr<SpendingAccountRecord> SqlAllocationRepository::PutSpendingAccount(
    const SpendingAccountRecord& record) {
  SpendingAccountRecord stored = record;
  // A concurrent first submission or update: the next run reads it and applies on top.
  absl::Status status =
      storage::InTransactionAgainOnConflict(*db_, 3, [&](Transaction& tx) -> absl::Status {
        const ValidSpendingAccount& a = stored.account;
        SWV_ASSIGN_OR_RETURN(
            std::vector<Row> rows,
            tx.Query("SELECT version FROM alloc_spending_accounts WHERE tenant = ? AND year = ? "
                     "AND board = ?",
                     {stored.tenant, int64_t{stored.year}, a.board}));
        const std::string received = FormatDate(a.received_on);
        // The version row first: it is keyed by version, so of two concurrent submissions with
        // the same next version one fails here and retries on top of the other.
        auto keep_version = [&]() {
          return tx
              .Execute(
                  "INSERT INTO alloc_spending_account_versions (tenant, year, board, version, "
                  "received_on, basis_spent_cents, extra_spent_cents, note, update_time_us, "
                  "updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  {stored.tenant, int64_t{stored.year}, a.board, stored.version, received,
                   a.basis_spent_cents, a.extra_spent_cents, a.note, ToMicros(stored.update_time),
                   stored.updated_by})
              .status();
        };
        if (rows.empty()) {
          stored.version = 1;
          SWV_RETURN_IF_ERROR(keep_version());
          return tx
              .Execute(
                  "INSERT INTO alloc_spending_accounts (tenant, year, board, received_on, "
                  "basis_spent_cents, extra_spent_cents, note, version, update_time_us, "
                  "updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  {stored.tenant, int64_t{stored.year}, a.board, received, a.basis_spent_cents,
                   a.extra_spent_cents, a.note, stored.version, ToMicros(stored.update_time),
                   stored.updated_by})
              .status();
        }
        const int64_t current = rows[0].GetInt(0);
        stored.version = current + 1;
        SWV_RETURN_IF_ERROR(keep_version());
        SWV_ASSIGN_OR_RETURN(
            int64_t changed,
            tx.Execute("UPDATE alloc_spending_accounts SET received_on = ?, basis_spent_cents = ?, "
                       "extra_spent_cents = ?, note = ?, version = ?, update_time_us = ?, "
                       "updated_by = ? WHERE tenant = ? AND year = ? AND board = ? AND version = ?",
                       {received, a.basis_spent_cents, a.extra_spent_cents, a.note, stored.version,
                        ToMicros(stored.update_time), stored.updated_by, stored.tenant,
                        int64_t{stored.year}, a.board, current}));
        if (changed != 1) return absl::AlreadyExistsError("concurrent submission");
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  return stored;
}

absl::StatusOr<std::vector<SpendingAccountRecord>> SqlAllocationRepository::ListSpendingAccounts(
    absl::string_view tenant, int year) {
  return QuerySpendingAccounts(tenant, year,
                               absl::StrCat("SELECT ", kSpendingAccountColumns,
                                            " FROM alloc_spending_accounts WHERE tenant = ? AND "
                                            "year = ? ORDER BY board"),
                               {std::string(tenant), int64_t{year}});
}

absl::StatusOr<std::vector<SpendingAccountRecord>>
SqlAllocationRepository::ListSpendingAccountVersions(absl::string_view tenant, int year,
                                                     absl::string_view board) {
  return QuerySpendingAccounts(
      tenant, year,
      absl::StrCat("SELECT ", kSpendingAccountColumns,
                   " FROM alloc_spending_account_versions WHERE tenant = ? AND year = ? AND "
                   "board = ? ORDER BY version DESC"),
      {std::string(tenant), int64_t{year}, std::string(board)});
}

absl::StatusOr<std::vector<SpendingAccountRecord>> SqlAllocationRepository::QuerySpendingAccounts(
    absl::string_view tenant, int year, const std::string& sql, std::vector<Value> params) {
  return storage::ReadAll<SpendingAccountRecord>(
      *db_, sql, params, [&](const Row& row) -> absl::StatusOr<SpendingAccountRecord> {
        SpendingAccountRecord r;
        r.tenant = std::string(tenant);
        r.year = year;
        r.account.board = row.GetString(0);
        absl::StatusOr<absl::CivilDay> day = ParseDate("received_on", row.GetString(1));
        if (!day.ok()) return Corrupt("spending account received_on");
        r.account.received_on = *day;
        r.account.basis_spent_cents = row.GetInt(2);
        r.account.extra_spent_cents = row.GetInt(3);
        r.account.note = row.GetString(4);
        r.version = row.GetInt(5);
        r.update_time = FromMicros(row.GetInt(6));
        r.updated_by = row.GetString(7);
        return r;
      });
}

}  // namespace swv::allocation::sql_internal
