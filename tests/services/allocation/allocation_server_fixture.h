// The fixture of the allocation server tests (allocation_server_test.cc,
// allocation_spending_server_test.cc, allocation_scope_server_test.cc): the allocation service on a
// real gRPC server on port 0 over a scratch database, with an in-memory directory and helpers.
#ifndef SWV_TESTS_SERVICES_ALLOCATION_ALLOCATION_SERVER_FIXTURE_H_
#define SWV_TESTS_SERVICES_ALLOCATION_ALLOCATION_SERVER_FIXTURE_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
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

namespace pb = ::swv::v1;

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
    request.set_parent(absl::StrCat(kSwv, "/count-dates/2025-02-01"));
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

}  // namespace swv::allocation

#endif  // SWV_TESTS_SERVICES_ALLOCATION_ALLOCATION_SERVER_FIXTURE_H_
