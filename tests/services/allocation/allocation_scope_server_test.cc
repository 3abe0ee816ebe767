// End to end over gRPC, on SQLite and on MariaDB: who may do what (request ids of another
// principal, a school's counts as submissions, scoped principals). The AllocationServerTest suite,
// instantiated in allocation_server_test.cc.
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

using ::testing::HasSubstr;

// The report: a school replayed the office's request_id on counts/_import and got the office's
// count set back (source, totals, author). Another principal's request_id is refused without any
// of the record; the author's own retry still gets its set.
TEST_P(AllocationServerTest, ReplayedRequestIdOfAnotherPrincipalRevealsNothing) {
  pb::CountSet office_set = Import(ExampleCounts("office-import"));
  ASSERT_EQ(office_set.version(), 1);
  pb::BatchImportCountsRequest replay = ExampleCounts("office-import");
  replay.mutable_counts()->DeleteSubrange(1, replay.counts_size() - 1);  // 11AA00 only: in scope
  pb::CountSet set;
  grpc::Status status = stub_->BatchImportCounts(
      swv::testing::PrincipalContext(PrincipalKind::kSchool, {"11AA00"}).get(), replay, &set);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS) << status.error_message();
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "REQUEST_ID_IN_USE");
  EXPECT_THAT(status.error_message(), ::testing::Not(HasSubstr("DUO")));
  EXPECT_THAT(status.error_message(), ::testing::Not(HasSubstr("office")));
  EXPECT_EQ(set.total_pupils(), 0);
  EXPECT_TRUE(set.source().empty());

  // Nothing changed, and the office's own retry is still answered with its set.
  EXPECT_EQ(Import(ExampleCounts("office-import")).version(), 1);

  // The same for a calculation's request_id.
  PutConfig(ExampleConfigProto());
  Calculate("office-calc");
  pb::CreateCalculationRequest calculate;
  calculate.set_parent(absl::StrCat(kSwv, "/years/2026"));
  calculate.set_request_id("office-calc");
  pb::Calculation calculation;
  status = stub_->CreateCalculation(
      swv::testing::PrincipalContext(PrincipalKind::kOffice, {}).get(), calculate, &calculation);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS) << status.error_message();
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "REQUEST_ID_IN_USE");
  EXPECT_TRUE(calculation.name().empty());
}

// The service checks scope again behind the gateway: configuration, calculations and spending
// accounts are the office's; a school imports counts of its own schools only; a board reads its
// own board statement, another board's answers NOT_FOUND; another tenant's office sees nothing.
// Counts a school sends are a submission: the office's calculations keep using the SWV's own
// set until the office accepts it, which makes a new version from both. A calculation never runs
// on a set that lacks a school paid per pupil; it names the school.
TEST_P(AllocationServerTest, SchoolCountsAreSubmissionsTheOfficeAccepts) {
  PutConfig(ExampleConfigProto());
  const pb::CountSet own = Import(ExampleCounts("office-1"));  // 680 pupils, 100 at 11AA00
  EXPECT_FALSE(own.submission());
  pb::BatchImportCountsRequest school_counts = ExampleCounts("school-1");
  school_counts.mutable_counts()->DeleteSubrange(1, school_counts.counts_size() - 1);  // 11AA00
  school_counts.mutable_counts(0)->set_pupils(5000);
  pb::CountSet submitted;
  ASSERT_TRUE(stub_
                  ->BatchImportCounts(
                      swv::testing::PrincipalContext(PrincipalKind::kSchool, {"11AA00"}).get(),
                      school_counts, &submitted)
                  .ok());
  EXPECT_TRUE(submitted.submission());
  EXPECT_EQ(submitted.version(), 2);
  // Not used by a calculation: the office's set still counts 100 pupils at 11AA00.
  EXPECT_EQ(Calculate("before").count_version(), 1);

  pb::AcceptCountSubmissionRequest accept;
  accept.set_name(submitted.name());
  pb::CountSet accepted;
  EXPECT_EQ(stub_
                ->AcceptCountSubmission(
                    swv::testing::PrincipalContext(PrincipalKind::kSchool, {"11AA00"}).get(),
                    accept, &accepted)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  pb::AcceptCountSubmissionRequest not_one;
  not_one.set_name(own.name());
  grpc::Status status = stub_->AcceptCountSubmission(Context().get(), not_one, &accepted);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "NOT_A_SUBMISSION");
  status = stub_->AcceptCountSubmission(Context().get(), accept, &accepted);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_FALSE(accepted.submission());
  EXPECT_EQ(accepted.version(), 3);
  EXPECT_EQ(accepted.school_count(), 5);
  EXPECT_EQ(accepted.total_pupils(), 680 - 100 + 5000);
  EXPECT_EQ(Calculate("after").count_version(), 3);

  // A set without 22BB00 (regular, inside the region): refused, naming it.
  pb::BatchImportCountsRequest partial = ExampleCounts("office-partial");
  partial.mutable_counts()->DeleteSubrange(1, 1);
  Import(partial);
  pb::CreateCalculationRequest request;
  request.set_parent(absl::StrCat(kSwv, "/years/2026"));
  pb::Calculation calculation;
  status = stub_->CreateCalculation(Context().get(), request, &calculation);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "COUNTS_INCOMPLETE");
  EXPECT_THAT(status.error_message(), ::testing::HasSubstr("22BB00"));
}

TEST_P(AllocationServerTest, ScopedPrincipalsOnlyTheirOwn) {
  auto as = [](PrincipalKind kind, std::vector<std::string> scope,
               const std::string& tenant = "PO2203") {
    return swv::testing::PrincipalContext(kind, std::move(scope), tenant);
  };
  PutConfig(ExampleConfigProto());
  pb::GetYearConfigRequest get;
  get.set_name(absl::StrCat(kSwv, "/years/2026/config"));
  pb::YearConfig config;
  EXPECT_EQ(
      stub_->GetYearConfig(as(PrincipalKind::kSchool, {"11AA00"}).get(), get, &config).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(stub_->GetYearConfig(as(PrincipalKind::kPartner, {"GM0606"}).get(), get, &config)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(stub_->GetYearConfig(as(PrincipalKind::kOffice, {}, "PO2204").get(), get, &config)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_TRUE(stub_->GetYearConfig(as(PrincipalKind::kOffice, {}).get(), get, &config).ok());

  // A school's LVS pushes its own counts; a file with another school's row stores nothing.
  pb::BatchImportCountsRequest counts = ExampleCounts("school-1");
  pb::CountSet set;
  grpc::Status refused =
      stub_->BatchImportCounts(as(PrincipalKind::kSchool, {"11AA00"}).get(), counts, &set);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(refused)), "SCHOOL_OUT_OF_SCOPE");
  pb::ListCountSetsRequest list;
  list.set_parent(absl::StrCat(kSwv, "/count-dates/2025-02-01"));
  pb::ListCountSetsResponse sets;
  ASSERT_TRUE(stub_->ListCountSets(Context().get(), list, &sets).ok());
  EXPECT_EQ(sets.count_sets_size(), 0);
  counts.mutable_counts()->DeleteSubrange(1, counts.counts_size() - 1);  // 11AA00 only
  counts.set_request_id("school-2");
  EXPECT_TRUE(
      stub_->BatchImportCounts(as(PrincipalKind::kSchool, {"11AA00"}).get(), counts, &set).ok());
  counts.set_request_id("board-0");  // a fresh id: "school-2" is the school's own
  EXPECT_EQ(
      stub_->BatchImportCounts(as(PrincipalKind::kBoard, {"BB"}).get(), counts, &set).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  counts.set_request_id("board-1");
  EXPECT_TRUE(stub_->BatchImportCounts(as(PrincipalKind::kBoard, {"BA"}).get(), counts, &set).ok());
  EXPECT_EQ(
      stub_->ListCountSets(as(PrincipalKind::kSchool, {"11AA00"}).get(), list, &sets).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);

  Import(ExampleCounts("office-1"));
  const pb::Calculation calculation = Calculate("calc-1");
  pb::GetBoardStatementRequest statement_request;
  statement_request.set_name(absl::StrCat(calculation.name(), "/boards/BB/statement"));
  pb::BoardStatement statement;
  EXPECT_TRUE(stub_
                  ->GetBoardStatement(as(PrincipalKind::kBoard, {"BB"}).get(), statement_request,
                                      &statement)
                  .ok());
  EXPECT_EQ(stub_
                ->GetBoardStatement(as(PrincipalKind::kBoard, {"BA"}).get(), statement_request,
                                    &statement)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(stub_
                ->GetBoardStatement(as(PrincipalKind::kSchool, {"22BB00"}).get(), statement_request,
                                    &statement)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  pb::GetCalculationRequest get_calculation;
  get_calculation.set_name(calculation.name());
  pb::Calculation reread;
  EXPECT_EQ(stub_->GetCalculation(as(PrincipalKind::kBoard, {"BB"}).get(), get_calculation, &reread)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  pb::ListSpendingAccountsRequest accounts;
  accounts.set_parent(absl::StrCat(kSwv, "/years/2026"));
  pb::ListSpendingAccountsResponse listed;
  EXPECT_EQ(stub_->ListSpendingAccounts(as(PrincipalKind::kOps, {}).get(), accounts, &listed)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace swv::allocation
