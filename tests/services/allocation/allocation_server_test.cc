// End to end: the allocation service on a real gRPC server on port 0, on SQLite and on MariaDB,
// with an in-memory stand-in for the registrations directory. Amounts are the hand-computed ones
// of tests/services/allocation/domain/example_year.h.
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
#include "tests/services/allocation/domain/example_year.h"
#include "tests/testing/principal_context.h"
#include "tests/testing/scratch_database.h"
#include "tests/testing/test_identity.h"

namespace swv::allocation {
namespace {

namespace pb = ::swv::v1;
using ::testing::HasSubstr;

constexpr char kSwv[] = "swvs/PO2203";

class AllocationServerTest : public ::testing::TestWithParam<storage::Dialect> {
 protected:
  // 1 March 2027: the spending accounts for 2026 were due before 1 February 2027.
  static absl::Time TestNow() {
    return absl::FromCivil(absl::CivilSecond(2027, 3, 1, 10, 0, 0), DutchTimeZone());
  }

  void SetUp() override {
    if (GetParam() == storage::Dialect::kMysql) SWV_SKIP_OR_FAIL_WITHOUT_MYSQL();
    auto scratch = swv::testing::ScratchDatabase::Create(GetParam());
    ASSERT_TRUE(scratch.ok()) << scratch.status();
    scratch_ = *std::move(scratch);
    directory_.Set("PO2203", testing::ExampleBoards(), testing::ExampleSchools());
    auto app = AllocationApp::Create(&scratch_->db(), &directory_, &clock_);
    ASSERT_TRUE(app.ok()) << app.status();
    app_ = *std::move(app);
    ServerOptions options;
    swv::testing::TrustTestIdentity(&options);
    options.service_name = "swv-allocation";
    options.grpc_address = "127.0.0.1:0";
    options.http_address = "127.0.0.1:0";
    options.shutdown_grace = absl::Seconds(2);
    runtime_ = std::make_unique<ServiceRuntime>(options);
    for (grpc::Service* service : app_->grpc_services()) runtime_->AddService(service);
    absl::Status started = runtime_->Start();
    ASSERT_TRUE(started.ok()) << started;
    stub_ = pb::Allocation::NewStub(
        swv::testing::TestChannel(absl::StrCat("127.0.0.1:", runtime_->grpc_port())));
  }

  void TearDown() override {
    if (runtime_) runtime_->Shutdown();
    runtime_.reset();
    app_.reset();
    scratch_.reset();
  }

  static std::unique_ptr<grpc::ClientContext> Context() {
    auto context = std::make_unique<grpc::ClientContext>();
    context->AddMetadata("x-swv-principal", "office:PO2203");
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    return context;
  }

  static pb::YearConfig ExampleConfigProto() {
    const YearConfig c = testing::ExampleConfig();
    pb::YearConfig out;
    out.set_name(absl::StrCat(kSwv, "/years/2026/config"));
    out.set_count_date(c.count_date);
    out.set_basis_amount_per_pupil_cents(*c.basis_amount_per_pupil_cents);
    pb::PerPupilAmount* extra = out.add_extra_per_pupil_amounts();
    extra->set_code("extra_support");
    extra->set_description("extra ondersteuning");
    extra->set_amount_cents(1000);
    out.set_hb_budget_cents(*c.hb_budget_cents);
    out.set_wijk_pot_cents(*c.wijk_pot_cents);
    pb::WijkFactor* pupils = out.add_wijk_factors();
    pupils->set_code("pupils");
    pupils->set_weight_bp(6000);
    pb::WijkFactor* social = out.add_wijk_factors();
    social->set_code("social_index");
    social->set_weight_bp(4000);
    for (const auto& [wijk, value] : {std::pair<const char*, int>{"W1", 120}, {"W2", 80}}) {
      pb::WijkFactorValue* v = social->add_values();
      v->set_wijk(wijk);
      v->set_value(value);
    }
    for (const auto& [wijk, board] :
         {std::pair<const char*, const char*>{"W1", "BB"}, {"W2", "BC"}}) {
      pb::Penvoerder* p = out.add_penvoerders();
      p->set_wijk(wijk);
      p->set_board(board);
    }
    out.set_sbo_rate_cents(*c.sbo_rate_cents);
    out.set_so_cat1_rate_cents(*c.so_cat1_rate_cents);
    out.set_so_cat2_rate_cents(*c.so_cat2_rate_cents);
    out.set_so_cat3_rate_cents(*c.so_cat3_rate_cents);
    out.set_light_support_income_cents(*c.light_support_income_cents);
    out.set_heavy_support_income_cents(*c.heavy_support_income_cents);
    out.set_reserve_cents(*c.reserve_cents);
    return out;
  }

  static pb::BatchImportCountsRequest ExampleCounts(const std::string& request_id) {
    pb::BatchImportCountsRequest request;
    request.set_parent(absl::StrCat(kSwv, "/countDates/2025-02-01"));
    request.set_request_id(request_id);
    request.set_source("DUO telling 1-2-2025");
    for (const CountRow& row : testing::ExampleCountRows()) {
      pb::CountRow* out = request.add_counts();
      out->set_school(row.school);
      out->set_pupils(*row.pupils);
      out->set_sbo_pupils(row.sbo_pupils);
      out->set_so_cat1_pupils(row.so_cat1_pupils);
      out->set_so_cat2_pupils(row.so_cat2_pupils);
      out->set_so_cat3_pupils(row.so_cat3_pupils);
    }
    return request;
  }

  void PutConfig(const pb::YearConfig& config) {
    pb::UpdateYearConfigRequest request;
    *request.mutable_config() = config;
    pb::YearConfig stored;
    grpc::Status status = stub_->UpdateYearConfig(Context().get(), request, &stored);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  pb::CountSet Import(const pb::BatchImportCountsRequest& request) {
    pb::CountSet set;
    grpc::Status status = stub_->BatchImportCounts(Context().get(), request, &set);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return set;
  }

  pb::Calculation Calculate(const std::string& request_id = "") {
    pb::CreateCalculationRequest request;
    request.set_parent(absl::StrCat(kSwv, "/years/2026"));
    request.set_request_id(request_id);
    pb::Calculation calculation;
    grpc::Status status = stub_->CreateCalculation(Context().get(), request, &calculation);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return calculation;
  }

  std::string StatementCsvOf(const pb::Calculation& calculation, const std::string& board) {
    pb::GetBoardStatementRequest request;
    request.set_name(absl::StrCat(calculation.name(), "/boards/", board, "/statement"));
    pb::CsvDocument csv;
    grpc::Status status = stub_->ExportBoardStatement(Context().get(), request, &csv);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return csv.content();
  }

  int64_t BoardTotalOf(const pb::Calculation& calculation, const std::string& board) {
    for (const pb::BoardTotal& total : calculation.boards()) {
      if (total.board() == board) return total.total_cents();
    }
    ADD_FAILURE() << "no board " << board;
    return -1;
  }

  FakeClock clock_{TestNow()};
  InMemoryDirectoryClient directory_;
  std::unique_ptr<swv::testing::ScratchDatabase> scratch_;
  std::unique_ptr<AllocationApp> app_;
  std::unique_ptr<ServiceRuntime> runtime_;
  std::unique_ptr<pb::Allocation::Stub> stub_;
};

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
  list.set_parent(absl::StrCat(kSwv, "/countDates/2025-02-01"));
  pb::ListCountSetsResponse sets;
  ASSERT_TRUE(stub_->ListCountSets(Context().get(), list, &sets).ok());
  ASSERT_EQ(sets.count_sets_size(), 2);
  EXPECT_EQ(sets.count_sets(0).version(), 2);
  EXPECT_EQ(sets.count_sets(0).total_pupils(), 690);
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
        message.set_parent(absl::StrCat(kSwv, "/countDates/2025-02-01"));
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
  list.set_parent(absl::StrCat(kSwv, "/countDates/2025-02-01"));
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
  list.set_parent(absl::StrCat(kSwv, "/countDates/2025-02-01"));
  pb::ListCountSetsResponse sets;
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
  request.set_parent(absl::StrCat(kSwv, "/years/2026/spendingAccounts/BB"));
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

  request.set_parent(absl::StrCat(kSwv, "/years/2026/spendingAccounts/BC"));
  EXPECT_EQ(stub_->ListSpendingAccountVersions(Context().get(), request, &versions).error_code(),
            grpc::StatusCode::NOT_FOUND);
  // A board reads its own versions; another board's are not there for it; a school's never.
  request.set_parent(absl::StrCat(kSwv, "/years/2026/spendingAccounts/BB"));
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

// The report: a school replayed the office's request_id on counts:batchImport and got the office's
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
  list.set_parent(absl::StrCat(kSwv, "/countDates/2025-02-01"));
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

INSTANTIATE_TEST_SUITE_P(Dialects, AllocationServerTest,
                         ::testing::Values(storage::Dialect::kSqlite, storage::Dialect::kMysql),
                         [](const ::testing::TestParamInfo<storage::Dialect>& test_param) {
                           return swv::testing::DialectName(test_param.param);
                         });

}  // namespace
}  // namespace swv::allocation
