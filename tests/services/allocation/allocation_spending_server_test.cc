// End to end over gRPC, on SQLite and on MariaDB: spending accounts (on time, late, missing, a
// board's own, versions). The AllocationServerTest suite, instantiated in
// allocation_server_test.cc.
#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/allocation/allocation_app.h"
#include "services/common/clock.h"
#include "services/common/grpc_status.h"
#include "services/common/principal.h"
#include "services/common/server.h"
#include "services/kernel/errors.h"
#include "swv/v1/allocation.grpc.pb.h"
#include "tests/services/allocation/allocation_server_fixture.h"
#include "tests/services/allocation/domain/example_year.h"
#include "tests/testing/principal_context.h"
#include "tests/testing/scratch_database.h"
#include "tests/testing/test_identity.h"

namespace swv::allocation {
namespace {

TEST_P(AllocationServerTest, SpendingAccountsOnTimeLateMissing) {
  auto submit = [&](const std::string& board, const std::string& received_on) {
    pb::SubmitSpendingAccountRequest request;
    request.set_parent(absl::StrCat(kSwv, "/years/2026"));
    pb::SpendingAccount* account = request.mutable_spending_account();
    account->set_board(board);
    account->set_received_on(received_on);
    account->set_basis_spent_cents(1'000'000);
    account->set_extra_spent_cents(250'000);
    pb::SpendingAccount stored;
    grpc::Status status = stub_->SubmitSpendingAccount(Context().get(), request, &stored);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return stored;
  };
  EXPECT_EQ(submit("BA", "2027-01-31").status(), pb::SPENDING_ACCOUNT_STATUS_ON_TIME);
  pb::SpendingAccount late = submit("BB", "2027-02-01");
  EXPECT_EQ(late.status(), pb::SPENDING_ACCOUNT_STATUS_LATE);
  EXPECT_EQ(late.due_before(), "2027-02-01");
  EXPECT_EQ(submit("BB", "2027-02-10").version(), 2);  // a resubmission replaces

  pb::ListSpendingAccountsRequest list;
  list.set_parent(absl::StrCat(kSwv, "/years/2026"));
  pb::ListSpendingAccountsResponse listed;
  ASSERT_TRUE(stub_->ListSpendingAccounts(Context().get(), list, &listed).ok());
  ASSERT_EQ(listed.spending_accounts_size(), 3);
  EXPECT_EQ(listed.spending_accounts(0).status(), pb::SPENDING_ACCOUNT_STATUS_ON_TIME);
  EXPECT_EQ(listed.spending_accounts(1).status(), pb::SPENDING_ACCOUNT_STATUS_LATE);
  EXPECT_EQ(listed.spending_accounts(1).received_on(), "2027-02-10");
  EXPECT_EQ(listed.spending_accounts(2).board(), "BC");
  EXPECT_EQ(listed.spending_accounts(2).status(), pb::SPENDING_ACCOUNT_STATUS_MISSING);

  // For 2027 nothing is due yet on 1 March 2027.
  list.set_parent(absl::StrCat(kSwv, "/years/2027"));
  ASSERT_TRUE(stub_->ListSpendingAccounts(Context().get(), list, &listed).ok());
  EXPECT_EQ(listed.spending_accounts(0).status(), pb::SPENDING_ACCOUNT_STATUS_OUTSTANDING);

  pb::SubmitSpendingAccountRequest unknown;
  unknown.set_parent(absl::StrCat(kSwv, "/years/2026"));
  unknown.mutable_spending_account()->set_board("BZ");
  unknown.mutable_spending_account()->set_basis_spent_cents(1);
  unknown.mutable_spending_account()->set_extra_spent_cents(1);
  pb::SpendingAccount stored;
  EXPECT_EQ(
      ReasonOf(FromGrpcStatus(stub_->SubmitSpendingAccount(Context().get(), unknown, &stored))),
      "BOARD_NOT_IN_DIRECTORY");
}

// The report: a resubmitted account replaced the first, which was gone. Each submission is a
// version; the list shows the newest, and every earlier one stays readable.
// A board accounts for its own spending (docs/access.md: own board); another board's account is
// not there for it, and the list shows it only its own row.
TEST_P(AllocationServerTest, ABoardSubmitsAndReadsOnlyItsOwnSpendingAccount) {
  auto submit_as = [&](const std::string& board_credential, const std::string& board) {
    pb::SubmitSpendingAccountRequest request;
    request.set_parent(absl::StrCat(kSwv, "/years/2026"));
    pb::SpendingAccount* account = request.mutable_spending_account();
    account->set_board(board);
    account->set_received_on("2027-01-20");
    account->set_basis_spent_cents(1'000);
    account->set_extra_spent_cents(0);
    pb::SpendingAccount stored;
    return stub_->SubmitSpendingAccount(
        swv::testing::PrincipalContext(PrincipalKind::kBoard, {board_credential}).get(), request,
        &stored);
  };
  grpc::Status own = submit_as("BB", "BB");
  EXPECT_TRUE(own.ok()) << own.error_message();
  EXPECT_EQ(submit_as("BB", "BC").error_code(), grpc::StatusCode::NOT_FOUND);
  pb::ListSpendingAccountsRequest list;
  list.set_parent(absl::StrCat(kSwv, "/years/2026"));
  pb::ListSpendingAccountsResponse accounts;
  ASSERT_TRUE(
      stub_
          ->ListSpendingAccounts(
              swv::testing::PrincipalContext(PrincipalKind::kBoard, {"BB"}).get(), list, &accounts)
          .ok());
  ASSERT_EQ(accounts.spending_accounts_size(), 1);
  EXPECT_EQ(accounts.spending_accounts(0).board(), "BB");
  ASSERT_TRUE(stub_->ListSpendingAccounts(Context().get(), list, &accounts).ok());
  EXPECT_GT(accounts.spending_accounts_size(), 1);
}

TEST_P(AllocationServerTest, ResubmittedSpendingAccountKeepsEarlierVersions) {
  auto submit = [&](const std::string& received_on, int64_t basis) {
    pb::SubmitSpendingAccountRequest request;
    request.set_parent(absl::StrCat(kSwv, "/years/2026"));
    pb::SpendingAccount* account = request.mutable_spending_account();
    account->set_board("BB");
    account->set_received_on(received_on);
    account->set_basis_spent_cents(basis);
    account->set_extra_spent_cents(0);
    account->set_note(absl::StrCat("submitted ", received_on));
    pb::SpendingAccount stored;
    grpc::Status status = stub_->SubmitSpendingAccount(Context().get(), request, &stored);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return stored.version();
  };
  EXPECT_EQ(submit("2027-01-20", 1'000'000), 1);
  EXPECT_EQ(submit("2027-02-10", 2'000'000), 2);

  pb::ListSpendingAccountVersionsRequest request;
  request.set_parent(absl::StrCat(kSwv, "/years/2026/spending-accounts/BB"));
  pb::ListSpendingAccountVersionsResponse versions;
  grpc::Status status = stub_->ListSpendingAccountVersions(Context().get(), request, &versions);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(versions.spending_accounts_size(), 2);
  const pb::SpendingAccount& newest = versions.spending_accounts(0);
  const pb::SpendingAccount& first = versions.spending_accounts(1);
  EXPECT_EQ(newest.version(), 2);
  EXPECT_EQ(newest.basis_spent_cents(), 2'000'000);
  EXPECT_EQ(newest.status(), pb::SPENDING_ACCOUNT_STATUS_LATE);
  EXPECT_EQ(first.version(), 1);
  EXPECT_EQ(first.received_on(), "2027-01-20");
  EXPECT_EQ(first.basis_spent_cents(), 1'000'000);
  EXPECT_EQ(first.note(), "submitted 2027-01-20");
  EXPECT_EQ(first.status(), pb::SPENDING_ACCOUNT_STATUS_ON_TIME);
  EXPECT_EQ(first.updated_by(), "office:PO2203");

  request.set_parent(absl::StrCat(kSwv, "/years/2026/spending-accounts/BC"));
  EXPECT_EQ(stub_->ListSpendingAccountVersions(Context().get(), request, &versions).error_code(),
            grpc::StatusCode::NOT_FOUND);
  // A board reads its own versions; another board's are not there for it; a school's never.
  request.set_parent(absl::StrCat(kSwv, "/years/2026/spending-accounts/BB"));
  EXPECT_TRUE(stub_
                  ->ListSpendingAccountVersions(
                      swv::testing::PrincipalContext(PrincipalKind::kBoard, {"BB"}).get(), request,
                      &versions)
                  .ok());
  EXPECT_EQ(versions.spending_accounts_size(), 2);
  EXPECT_EQ(stub_
                ->ListSpendingAccountVersions(
                    swv::testing::PrincipalContext(PrincipalKind::kBoard, {"BC"}).get(), request,
                    &versions)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(stub_
                ->ListSpendingAccountVersions(
                    swv::testing::PrincipalContext(PrincipalKind::kSchool, {"12AB00"}).get(),
                    request, &versions)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace swv::allocation
