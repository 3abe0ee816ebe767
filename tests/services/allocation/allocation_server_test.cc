// End to end: the allocation service on a real gRPC server on port 0, on SQLite and on MariaDB,
// with an in-memory stand-in for the registrations directory. Amounts are the hand-computed ones
// of tests/services/allocation/domain/example_year.h. Configuration, counts, calculations and
// statements here; spending accounts and scope in the other allocation_*_server_test.cc files.
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

TEST_P(AllocationServerTest, ConfigCountsCalculationAndStatements) {
  PutConfig(ExampleConfigProto());
  pb::GetYearConfigRequest get;
  get.set_name(absl::StrCat(kSwv, "/years/2026/config"));
  pb::YearConfig config;
  ASSERT_TRUE(stub_->GetYearConfig(Context().get(), get, &config).ok());
  EXPECT_EQ(config.version(), 1);
  EXPECT_EQ(config.hb_collective_share().denominator(), 4);  // the default, filled in
  EXPECT_EQ(config.reserve_signal_minimum_cents(), 25'000'000);

  pb::CountSet set = Import(ExampleCounts("import-1"));
  EXPECT_EQ(set.version(), 1);
  EXPECT_EQ(set.row_count(), 5);
  EXPECT_EQ(set.total_pupils(), 680);
  // A retried import with the same request_id returns the same set and stores nothing new.
  EXPECT_EQ(Import(ExampleCounts("import-1")).version(), 1);

  pb::Calculation calculation = Calculate("calc-1");
  EXPECT_EQ(calculation.config_version(), 1);
  EXPECT_EQ(calculation.count_version(), 1);
  EXPECT_EQ(BoardTotalOf(calculation, "BA"), 3'280'000);
  EXPECT_EQ(BoardTotalOf(calculation, "BB"), 7'100'000);
  EXPECT_EQ(BoardTotalOf(calculation, "BC"), 10'300'000);
  EXPECT_EQ(calculation.hb_collective_cents(), 3'500'000);
  EXPECT_EQ(calculation.sbo_transfer_cents(), 26'538'080);
  EXPECT_EQ(calculation.net_heavy_support_cents(), 170'251'139);
  EXPECT_EQ(calculation.reserve_signal_cents(), 25'000'000);
  EXPECT_TRUE(calculation.reserve_above_signal());
  EXPECT_EQ(Calculate("calc-1").name(), calculation.name());  // idempotent

  pb::GetBoardStatementRequest statement_request;
  statement_request.set_name(absl::StrCat(calculation.name(), "/boards/BB/statement"));
  pb::BoardStatement statement;
  ASSERT_TRUE(stub_->GetBoardStatement(Context().get(), statement_request, &statement).ok());
  EXPECT_EQ(statement.totals().wijk_cents(), 540'000);
  bool saw_share = false;
  for (const pb::ResultLine& line : statement.lines()) {
    if (line.section() == "wijk_school_share" && line.school() == "11AA00") {
      saw_share = true;
      EXPECT_EQ(line.amount_cents(), 180'000);
      EXPECT_EQ(line.share().numerator(), 100);
      EXPECT_EQ(line.share().denominator(), 300);
    }
  }
  EXPECT_TRUE(saw_share);

  // Recomputing with unchanged inputs gives byte-identical output.
  const std::string csv = StatementCsvOf(calculation, "BB");
  EXPECT_THAT(csv, HasSubstr("total,total,BB,,,200,,,71000.00,basis + extra + hb + wijk\r\n"));
  EXPECT_EQ(StatementCsvOf(calculation, "BB"), csv);
  pb::Calculation again = Calculate();
  EXPECT_NE(again.name(), calculation.name());
  EXPECT_EQ(again.fingerprint(), calculation.fingerprint());
  EXPECT_EQ(StatementCsvOf(again, "BB"), csv);

  pb::ListCalculationsRequest list;
  list.set_parent(absl::StrCat(kSwv, "/years/2026"));
  pb::ListCalculationsResponse listed;
  ASSERT_TRUE(stub_->ListCalculations(Context().get(), list, &listed).ok());
  EXPECT_EQ(listed.calculations_size(), 2);
}

TEST_P(AllocationServerTest, SchoolPupilCountsOfTheNewestCalculation) {
  pb::GetSchoolPupilCountsRequest request;
  request.set_parent(absl::StrCat(kSwv, "/years/2026"));
  pb::SchoolPupilCounts empty;
  ASSERT_TRUE(stub_->GetSchoolPupilCounts(Context().get(), request, &empty).ok());
  EXPECT_EQ(empty.calculation(), "");  // no calculation yet: no counts, not an error
  EXPECT_EQ(empty.schools_size(), 0);

  PutConfig(ExampleConfigProto());
  Import(ExampleCounts("original"));
  Calculate("first");
  // A correction: 11AA00 has 110 pupils. The newest calculation uses it.
  pb::BatchImportCountsRequest corrected = ExampleCounts("correction");
  corrected.mutable_counts(0)->set_pupils(110);
  Import(corrected);
  clock_.Advance(absl::Minutes(1));  // "newest" is by creation time
  pb::Calculation newest = Calculate("second");

  pb::SchoolPupilCounts counts;
  ASSERT_TRUE(stub_->GetSchoolPupilCounts(Context().get(), request, &counts).ok());
  EXPECT_EQ(counts.calculation(), newest.name());
  EXPECT_EQ(counts.count_date(), "2025-02-01");
  EXPECT_EQ(counts.count_version(), 2);
  ASSERT_EQ(counts.schools_size(), 5);
  // Regular schools inside the region carry their pupils; the SBO and SO locations only their
  // TLV columns (the SO school lies outside the region).
  const std::vector<std::vector<int64_t>> expected = {
      {110, 0, 0, 0, 0}, {200, 0, 0, 0, 0}, {300, 0, 0, 0, 0}, {0, 40, 0, 0, 0}, {0, 0, 10, 5, 2}};
  const std::vector<std::string> codes = {"11AA00", "22BB00", "33CC00", "44SB00", "55SO00"};
  int64_t regular = 0;
  for (int i = 0; i < counts.schools_size(); ++i) {
    const pb::SchoolPupilCount& school = counts.schools(i);
    EXPECT_EQ(school.school(), codes[i]);
    EXPECT_EQ(
        (std::vector<int64_t>{school.regular_pupils(), school.sbo_pupils(), school.so_cat1_pupils(),
                              school.so_cat2_pupils(), school.so_cat3_pupils()}),
        expected[i])
        << school.school();
    regular += school.regular_pupils();
  }
  EXPECT_EQ(regular, newest.eligible_pupils());

  request.set_parent(absl::StrCat(kSwv, "/years/1999"));
  grpc::Status bad = stub_->GetSchoolPupilCounts(Context().get(), request, &counts);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad.error_message();
}

TEST_P(AllocationServerTest, CountCorrectionKeepsOldStatementsReproducible) {
  PutConfig(ExampleConfigProto());
  Import(ExampleCounts("original"));
  pb::Calculation before = Calculate();
  const std::string old_csv = StatementCsvOf(before, "BB");

  pb::BatchImportCountsRequest corrected = ExampleCounts("correction-1");
  corrected.mutable_counts(1)->set_pupils(210);  // DUO corrects 22BB00: 200 -> 210
  pb::CountSet set = Import(corrected);
  EXPECT_EQ(set.version(), 2);
  // The directory changes too: a school moves to another board. Old calculations keep the
  // snapshot they used.
  std::vector<DirectorySchool> schools = testing::ExampleSchools();
  schools[0].board = "BB";
  directory_.Set("PO2203", testing::ExampleBoards(), schools);

  pb::Calculation after = Calculate();
  EXPECT_EQ(after.count_version(), 2);
  EXPECT_NE(after.fingerprint(), before.fingerprint());
  EXPECT_NE(StatementCsvOf(after, "BB"), old_csv);
  // BB now has 11AA00 too: 310 pupils x 143.00 basis.
  pb::GetBoardStatementRequest request;
  request.set_name(absl::StrCat(after.name(), "/boards/BB/statement"));
  pb::BoardStatement statement;
  ASSERT_TRUE(stub_->GetBoardStatement(Context().get(), request, &statement).ok());
  EXPECT_EQ(statement.totals().basis_cents(), 310 * 14300);

  // The earlier calculation still gives exactly the same bytes.
  EXPECT_EQ(StatementCsvOf(before, "BB"), old_csv);
  pb::GetCalculationRequest get;
  get.set_name(before.name());
  pb::Calculation reread;
  ASSERT_TRUE(stub_->GetCalculation(Context().get(), get, &reread).ok());
  EXPECT_EQ(reread.fingerprint(), before.fingerprint());
  EXPECT_EQ(reread.count_version(), 1);

  pb::ListCountSetsRequest list;
  list.set_parent(absl::StrCat(kSwv, "/count-dates/2025-02-01"));
  pb::ListCountSetsResponse sets;
  ASSERT_TRUE(stub_->ListCountSets(Context().get(), list, &sets).ok());
  ASSERT_EQ(sets.count_sets_size(), 2);
  EXPECT_EQ(sets.count_sets(0).version(), 2);
  EXPECT_EQ(sets.count_sets(0).total_pupils(), 690);
}

TEST_P(AllocationServerTest, ACalculationReadsTheStoredTotalsNotTheRows) {
  PutConfig(ExampleConfigProto());
  Import(ExampleCounts("original"));
  pb::Calculation from_import = Calculate();
  // The per-school totals were stored with the set; a calculation never reads the rows again.
  absl::Status deleted = scratch_->db().InTransaction(
      [](storage::Transaction& tx) { return tx.Execute("DELETE FROM alloc_count_rows").status(); });
  ASSERT_TRUE(deleted.ok()) << deleted;

  pb::Calculation without_rows = Calculate();
  EXPECT_EQ(without_rows.count_version(), from_import.count_version());
  EXPECT_EQ(without_rows.fingerprint(), from_import.fingerprint());
  EXPECT_EQ(without_rows.paid_to_boards_cents(), from_import.paid_to_boards_cents());
  EXPECT_EQ(StatementCsvOf(without_rows, "BB"), StatementCsvOf(from_import, "BB"));
}

TEST_P(AllocationServerTest, StreamedImportIsBatchedAndAllOrNothing) {
  // 3 chunks of 700 rows: per school several lines; a school's count is the sum of its lines.
  auto stream = [&](const std::string& request_id, int bad_row) {
    pb::CountSet set;
    auto context = Context();
    auto writer = stub_->StreamImportCounts(context.get(), &set);
    int row = 0;
    for (int chunk = 0; chunk < 3; ++chunk) {
      pb::ImportCountsChunk message;
      if (chunk == 0) {
        message.set_parent(absl::StrCat(kSwv, "/count-dates/2025-02-01"));
        message.set_request_id(request_id);
      }
      for (int i = 0; i < 700; ++i, ++row) {
        pb::CountRow* r = message.add_counts();
        r->set_school(row % 2 == 0 ? "11AA00" : "22BB00");
        r->set_line(absl::StrCat("r", row));
        r->set_pupils(row == bad_row ? -1 : 1);
      }
      if (!writer->Write(message)) break;
    }
    writer->WritesDone();
    grpc::Status status = writer->Finish();
    return std::make_pair(status, set);
  };
  auto [failed, unused] = stream("bad", 1500);
  ASSERT_EQ(failed.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  absl::Status detail = FromGrpcStatus(failed);
  ASSERT_EQ(FieldViolationsOf(detail).size(), 1u);
  EXPECT_EQ(FieldViolationsOf(detail)[0].field, "counts[1500].pupils");
  pb::ListCountSetsRequest list;
  list.set_parent(absl::StrCat(kSwv, "/count-dates/2025-02-01"));
  pb::ListCountSetsResponse sets;
  ASSERT_TRUE(stub_->ListCountSets(Context().get(), list, &sets).ok());
  EXPECT_EQ(sets.count_sets_size(), 0);  // nothing stored

  auto [ok, set] = stream("good", -1);
  ASSERT_TRUE(ok.ok()) << ok.error_message();
  EXPECT_EQ(set.version(), 1);
  EXPECT_EQ(set.row_count(), 2100);
  EXPECT_EQ(set.school_count(), 2);
  EXPECT_EQ(set.total_pupils(), 2100);
  auto [retried, same] = stream("good", -1);
  ASSERT_TRUE(retried.ok());
  EXPECT_EQ(same.name(), set.name());
}

TEST_P(AllocationServerTest, BadInputsGiveClearErrorsAndStoreNothing) {
  pb::YearConfig config = ExampleConfigProto();
  config.clear_hb_budget_cents();
  config.set_sbo_rate_cents(-5);
  pb::UpdateYearConfigRequest update;
  *update.mutable_config() = config;
  pb::YearConfig stored;
  grpc::Status status = stub_->UpdateYearConfig(Context().get(), update, &stored);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(FromGrpcStatus(status)))
    fields.push_back(v.field);
  EXPECT_THAT(fields, ::testing::ElementsAre("config.hb_budget_cents", "config.sbo_rate_cents"));
  pb::GetYearConfigRequest get;
  get.set_name(absl::StrCat(kSwv, "/years/2026/config"));
  EXPECT_EQ(stub_->GetYearConfig(Context().get(), get, &stored).error_code(),
            grpc::StatusCode::NOT_FOUND);

  // A penvoerder the directory does not know.
  config = ExampleConfigProto();
  config.mutable_penvoerders(1)->set_board("BX");
  *update.mutable_config() = config;
  status = stub_->UpdateYearConfig(Context().get(), update, &stored);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "PENVOERDER_NOT_IN_DIRECTORY");

  pb::BatchImportCountsRequest counts = ExampleCounts("bad-counts");
  counts.mutable_counts(1)->clear_pupils();
  counts.mutable_counts(3)->set_sbo_pupils(-1);
  pb::CountSet set;
  status = stub_->BatchImportCounts(Context().get(), counts, &set);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  fields.clear();
  for (const FieldViolation& v : FieldViolationsOf(FromGrpcStatus(status)))
    fields.push_back(v.field);
  EXPECT_THAT(fields, ::testing::ElementsAre("counts[1].pupils", "counts[3].sbo_pupils"));
  pb::ListCountSetsRequest list;
  list.set_parent(absl::StrCat(kSwv, "/count-dates/2025-02-01"));
  pb::ListCountSetsResponse sets;
  ASSERT_TRUE(stub_->ListCountSets(Context().get(), list, &sets).ok());
  EXPECT_EQ(sets.count_sets_size(), 0);

  // Schools the directory does not know are refused at import, each row named, nothing stored
  // (the calculation would otherwise refuse the whole set later).
  counts = ExampleCounts("unknown-schools");
  counts.mutable_counts(0)->set_school("99ZZ00");
  counts.mutable_counts(2)->set_school("99zz 01");
  status = stub_->BatchImportCounts(Context().get(), counts, &set);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "SCHOOL_NOT_IN_DIRECTORY");
  fields.clear();
  for (const FieldViolation& v : FieldViolationsOf(FromGrpcStatus(status)))
    fields.push_back(v.field);
  EXPECT_THAT(fields, ::testing::ElementsAre("counts[0].school", "counts[2].school"));
  EXPECT_THAT(status.error_message(), ::testing::HasSubstr("99ZZ01"));
  ASSERT_TRUE(stub_->ListCountSets(Context().get(), list, &sets).ok());
  EXPECT_EQ(sets.count_sets_size(), 0);

  // No configuration yet: the calculation says what is missing.
  pb::CreateCalculationRequest create;
  create.set_parent(absl::StrCat(kSwv, "/years/2026"));
  pb::Calculation calculation;
  status = stub_->CreateCalculation(Context().get(), create, &calculation);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "NO_YEAR_CONFIG");
  // Unauthenticated writes are refused.
  grpc::ClientContext anonymous;
  EXPECT_EQ(stub_->CreateCalculation(&anonymous, create, &calculation).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_P(AllocationServerTest, WijkWithoutPenvoerderFailsTheCalculation) {
  pb::YearConfig config = ExampleConfigProto();
  config.mutable_penvoerders()->RemoveLast();  // W2 has no penvoerder
  PutConfig(config);
  Import(ExampleCounts("c"));
  pb::CreateCalculationRequest create;
  create.set_parent(absl::StrCat(kSwv, "/years/2026"));
  pb::Calculation calculation;
  grpc::Status status = stub_->CreateCalculation(Context().get(), create, &calculation);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  absl::Status detail = FromGrpcStatus(status);
  EXPECT_EQ(ReasonOf(detail), "WIJK_WITHOUT_PENVOERDER");
  EXPECT_THAT(std::string(detail.message()), HasSubstr("W2"));
  pb::ListCalculationsRequest list;
  list.set_parent(absl::StrCat(kSwv, "/years/2026"));
  pb::ListCalculationsResponse listed;
  ASSERT_TRUE(stub_->ListCalculations(Context().get(), list, &listed).ok());
  EXPECT_EQ(listed.calculations_size(), 0);
}

// The SWV's own funding rules (issue 16) go through the API and the stored configuration text
// and back, and the calculation applies them.
TEST_P(AllocationServerTest, SwvFundingRulesRoundTripAndApply) {
  pb::YearConfig config = ExampleConfigProto();
  pb::GetYearConfigRequest get;
  get.set_name(absl::StrCat(kSwv, "/years/2026/config"));
  PutConfig(config);
  pb::YearConfig stored;
  ASSERT_TRUE(stub_->GetYearConfig(Context().get(), get, &stored).ok());
  EXPECT_THAT(stored.basis_school_kinds(), ::testing::ElementsAre("regular"));  // the default
  EXPECT_EQ(stored.sbo_threshold_bp(), 0);                                      // the default

  config.add_basis_school_kinds(" sbo");
  config.add_basis_school_kinds("regular");
  config.set_sbo_threshold_bp(200);
  PutConfig(config);
  ASSERT_TRUE(stub_->GetYearConfig(Context().get(), get, &stored).ok());
  EXPECT_EQ(stored.version(), 2);
  EXPECT_THAT(stored.basis_school_kinds(), ::testing::ElementsAre("regular", "sbo"));
  Import(ExampleCounts("counts"));
  // 44SB00 (board BA, 50 pupils) now gets 50 x 143.00 = 7150.00 basisondersteuning.
  // With the 2% threshold: floor(650 x 2%) = 13 of the 40 SBO pupils are funded by the state;
  // the SWV pays 27 x 6634.52 = 179132.04.
  const pb::Calculation calculation = Calculate("with-sbo");
  EXPECT_EQ(BoardTotalOf(calculation, "BA"), 3'280'000 + 715'000);
  EXPECT_EQ(calculation.sbo_transfer_cents(), 17'913'204);
  EXPECT_EQ(stored.sbo_threshold_bp(), 200);

  config.add_basis_school_kinds("speciaal");
  pb::UpdateYearConfigRequest update;
  *update.mutable_config() = config;
  grpc::Status status = stub_->UpdateYearConfig(Context().get(), update, &stored);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOf(FromGrpcStatus(status)), "UNKNOWN_SCHOOL_KIND");
  ASSERT_EQ(FieldViolationsOf(FromGrpcStatus(status)).size(), 1u);
  EXPECT_EQ(FieldViolationsOf(FromGrpcStatus(status))[0].field, "config.basis_school_kinds[2]");
}

INSTANTIATE_TEST_SUITE_P(Dialects, AllocationServerTest,
                         ::testing::Values(storage::Dialect::kSqlite, storage::Dialect::kMysql),
                         [](const ::testing::TestParamInfo<storage::Dialect>& test_param) {
                           return swv::testing::DialectName(test_param.param);
                         });

}  // namespace
}  // namespace swv::allocation
