// The allocation use cases of spending accounts: a submission, the versions of one and the list
// per year.
#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "services/allocation/allocation_service.h"
#include "services/allocation/allocation_service_internal.h"
#include "services/common/access.h"
#include "services/common/idempotency.h"
#include "services/common/ids.h"
#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/status_macros.h"

namespace swv::allocation {

using service_internal::CheckYear;
using service_internal::Tenant;

absl::StatusOr<SpendingAccountView> AllocationService::SubmitSpendingAccount(
    const Principal& caller, absl::string_view swv, int year, const SpendingAccountInput& input) {
  const std::string& actor = caller.id;
  SWV_RETURN_IF_ERROR(RequireActor(actor));
  SWV_ASSIGN_OR_RETURN(std::string tenant, Tenant(swv));
  SWV_RETURN_IF_ERROR(CheckYear(year, "parent"));
  const absl::CivilDay today = Today();
  SWV_ASSIGN_OR_RETURN(ValidSpendingAccount valid, ValidateSpendingAccount(input, year, today));
  // A board accounts for its own spending; the office may record any board's account.
  SWV_RETURN_IF_ERROR(AccessPolicy().OwnBoard(caller, tenant, valid.board));
  SWV_ASSIGN_OR_RETURN(std::vector<DirectoryBoard> boards, directory_->ListBoards(tenant));
  if (std::none_of(boards.begin(), boards.end(),
                   [&](const DirectoryBoard& b) { return b.code == valid.board; })) {
    return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "BOARD_NOT_IN_DIRECTORY",
                           absl::StrCat("board ", valid.board, " is not in the directory"),
                           "spending_account.board");
  }
  SpendingAccountRecord record;
  record.tenant = tenant;
  record.year = year;
  record.account = std::move(valid);
  record.update_time = clock_->Now();
  record.updated_by = std::string(actor);
  SWV_ASSIGN_OR_RETURN(SpendingAccountRecord stored, repository_->PutSpendingAccount(record));
  SpendingAccountView view;
  view.tenant = tenant;
  view.year = year;
  view.board = stored.account.board;
  view.status = SpendingAccountStatusOf(year, stored.account.received_on, today);
  view.due_before = SpendingAccountDeadline(year);
  view.record = std::move(stored);
  return view;
}

absl::StatusOr<std::vector<SpendingAccountView>> AllocationService::ListSpendingAccountVersions(
    const Principal& caller, absl::string_view swv, int year, absl::string_view board) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, Tenant(swv));
  SWV_RETURN_IF_ERROR(AccessPolicy().OwnBoard(caller, tenant, board));
  SWV_RETURN_IF_ERROR(CheckYear(year, "parent"));
  SWV_ASSIGN_OR_RETURN(std::vector<SpendingAccountRecord> records,
                       repository_->ListSpendingAccountVersions(tenant, year, board));
  if (records.empty()) {
    return ErrorWithReason(absl::StatusCode::kNotFound, "NO_SPENDING_ACCOUNT",
                           absl::StrCat("board ", board, " submitted no account for ", year),
                           "parent");
  }
  std::vector<SpendingAccountView> views;
  for (SpendingAccountRecord& record : records) {
    SpendingAccountView view;
    view.tenant = tenant;
    view.year = year;
    view.board = record.account.board;
    view.status = SpendingAccountStatusOf(year, record.account.received_on, Today());
    view.due_before = SpendingAccountDeadline(year);
    view.record = std::move(record);
    views.push_back(std::move(view));
  }
  return views;
}

absl::StatusOr<std::vector<SpendingAccountView>> AllocationService::ListSpendingAccounts(
    const Principal& caller, absl::string_view swv, int year) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, Tenant(swv));
  // The office sees every board's row; a board only its own.
  if (caller.kind != PrincipalKind::kBoard) {
    SWV_RETURN_IF_ERROR(AccessPolicy().TenantWide(caller, tenant));
  } else {
    SWV_RETURN_IF_ERROR(CheckTenant(caller, tenant));
  }
  SWV_RETURN_IF_ERROR(CheckYear(year, "parent"));
  SWV_ASSIGN_OR_RETURN(std::vector<DirectoryBoard> boards, directory_->ListBoards(tenant));
  boards.erase(std::remove_if(boards.begin(), boards.end(),
                              [&](const DirectoryBoard& b) {
                                return !AccessPolicy().OwnBoard(caller, tenant, b.code).ok();
                              }),
               boards.end());
  SWV_ASSIGN_OR_RETURN(std::vector<SpendingAccountRecord> records,
                       repository_->ListSpendingAccounts(tenant, year));
  std::map<std::string, absl::optional<SpendingAccountRecord>> by_board;
  for (const DirectoryBoard& board : boards) by_board[board.code];
  for (SpendingAccountRecord& record : records) {
    std::string board = record.account.board;
    if (!AccessPolicy().OwnBoard(caller, tenant, board).ok()) continue;
    by_board[board] = std::move(record);
  }
  const absl::CivilDay today = Today();
  std::vector<SpendingAccountView> views;
  for (auto& [board, record] : by_board) {
    SpendingAccountView view;
    view.tenant = tenant;
    view.year = year;
    view.board = board;
    view.status = SpendingAccountStatusOf(
        year, record ? absl::optional<absl::CivilDay>(record->account.received_on) : absl::nullopt,
        today);
    view.due_before = SpendingAccountDeadline(year);
    view.record = std::move(record);
    views.push_back(std::move(view));
  }
  return views;
}

}  // namespace swv::allocation
