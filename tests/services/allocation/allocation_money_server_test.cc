// Light and heavy support kept apart and the vangnet, over the API on SQLite and MariaDB (the
// fixture and its instantiation are in allocation_server_fixture.h / allocation_server_test.cc).
// Figures by hand in docs/allocation.md ("Light and heavy", "Vangnet").
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/services/allocation/allocation_server_fixture.h"

namespace swv::allocation {
namespace {

using ::testing::HasSubstr;

pb::BatchImportCountsRequest GoCounts(const std::string& date, const std::string& request_id,
                                      const std::vector<std::vector<int64_t>>& rows) {
  const char* schools[] = {"44SB00", "66SO00", "77SB00"};
  pb::BatchImportCountsRequest request;
  request.set_parent(absl::StrCat(kSwv, "/count-dates/", date));
  request.set_request_id(request_id);
  request.set_source(absl::StrCat("DUO telling ", date));
  for (size_t i = 0; i < rows.size(); ++i) {
    pb::CountRow* row = request.add_counts();
    row->set_school(schools[i]);
    row->set_pupils(rows[i][0] + rows[i][1] + rows[i][2] + rows[i][3]);
    row->set_sbo_pupils(rows[i][0]);
    row->set_so_cat1_pupils(rows[i][1]);
    row->set_so_cat2_pupils(rows[i][2]);
    row->set_so_cat3_pupils(rows[i][3]);
  }
  return request;
}

const pb::BoardTotal* TotalOf(const pb::Calculation& calculation, const std::string& board) {
  for (const pb::BoardTotal& total : calculation.boards()) {
    if (total.board() == board) return &total;
  }
  return nullptr;
}

TEST_P(AllocationServerTest, HeavyDeficitIsDrawnFromTheReserveAndShown) {
  pb::YearConfig config = ExampleConfigProto();
  config.set_heavy_support_income_cents(25'000'000);  // 250000.00 < SO afdracht 297488.61
  config.set_reserve_cents(4'000'000);                // 40000.00 does not cover 47488.61
  PutConfig(config);
  Import(ExampleCounts("counts"));
  const pb::Calculation calculation = Calculate("deficit");
  EXPECT_EQ(calculation.rules_version(), 2);
  EXPECT_EQ(calculation.light_balance_cents(), 52'781'920);  // the light surplus stays light
  EXPECT_EQ(calculation.heavy_balance_cents(), -4'748'861);
  EXPECT_EQ(calculation.heavy_deficit_cents(), 4'748'861);
  EXPECT_EQ(calculation.reserve_draw_cents(), 4'000'000);
  EXPECT_EQ(calculation.reserve_after_draw_cents(), 0);
  EXPECT_EQ(calculation.reserve_shortfall_cents(), 748'861);
  EXPECT_TRUE(calculation.reserve_insufficient());

  pb::GetCalculationRequest get;
  get.set_name(calculation.name());
  pb::Calculation again;
  ASSERT_TRUE(stub_->GetCalculation(Context().get(), get, &again).ok());  // reproduces
  EXPECT_EQ(again.reserve_shortfall_cents(), 748'861);
  pb::ExportCalculationRequest export_request;
  export_request.set_name(calculation.name());
  pb::CsvDocument csv;
  ASSERT_TRUE(stub_->ExportCalculation(Context().get(), export_request, &csv).ok());
  EXPECT_THAT(csv.content(), HasSubstr("summary,heavy_deficit,,,,0,,,47488.61,"));
  EXPECT_THAT(csv.content(), HasSubstr("summary,reserve_draw,,,,0,,,-40000.00,"));
  EXPECT_THAT(csv.content(), HasSubstr("summary,reserve_shortfall,,,,1,,,7488.61,the reserve does "
                                       "not cover the heavy deficit"));
}

TEST_P(AllocationServerTest, VangnetPaysTheGrowthOnceTheFebruaryCountIsThere) {
  std::vector<DirectorySchool> schools = testing::ExampleSchools();
  schools.push_back({"66SO00", "BD", "W2", SchoolKind::kSo, true});
  schools.push_back({"77SB00", "BD", "W1", SchoolKind::kSbo, true});
  std::vector<DirectoryBoard> boards = testing::ExampleBoards();
  boards.push_back({"BD", "Stichting GO"});
  directory_.Set("PO2203", boards, schools);
  pb::YearConfig config = ExampleConfigProto();
  config.set_vangnet_october_date("2025-10-01");
  config.set_vangnet_february_date("2026-02-01");
  config.set_vangnet_sbo_amount_cents(400'000);
  config.set_vangnet_so_cat1_amount_cents(600'000);
  config.set_vangnet_so_cat2_amount_cents(900'000);
  config.set_vangnet_so_cat3_amount_cents(1'200'000);
  PutConfig(config);
  pb::GetYearConfigRequest get_config;
  get_config.set_name(absl::StrCat(kSwv, "/years/2026/config"));
  pb::YearConfig stored;
  ASSERT_TRUE(stub_->GetYearConfig(Context().get(), get_config, &stored).ok());
  EXPECT_EQ(stored.vangnet_february_date(), "2026-02-01");
  EXPECT_EQ(stored.vangnet_so_cat3_amount_cents(), 1'200'000);
  Import(ExampleCounts("counts"));

  // December: no October or February count yet: 0, with a note, not an error.
  const pb::Calculation early = Calculate("early");
  EXPECT_TRUE(early.vangnet_configured());
  EXPECT_EQ(early.vangnet_sbo_cents() + early.vangnet_so_cents(), 0);
  EXPECT_THAT(early.vangnet_note(), HasSubstr("no accepted count set for 2025-10-01 and "
                                              "2026-02-01"));

  // October: both counts are in. BA SBO 40 -> 43; BD SBO 20 -> 21, SO 10/5/2 -> 12/4/2.
  Import(GoCounts("2025-10-01", "oct", {{40, 0, 0, 0}, {0, 10, 5, 2}, {20, 0, 0, 0}}));
  Import(GoCounts("2026-02-01", "feb", {{43, 0, 0, 0}, {0, 12, 4, 2}, {21, 0, 0, 0}}));
  const pb::Calculation october = Calculate("october");
  EXPECT_EQ(october.vangnet_note(), "");
  EXPECT_EQ(october.vangnet_october_version(), 1);
  EXPECT_EQ(october.vangnet_february_version(), 1);
  EXPECT_EQ(october.vangnet_sbo_cents(), 1'600'000);
  EXPECT_EQ(october.vangnet_so_cents(), 1'200'000);
  EXPECT_THAT(october.vangnet_growth_pupils(), ::testing::ElementsAre(4, 2, 0, 0));
  ASSERT_NE(TotalOf(october, "BD"), nullptr);
  EXPECT_EQ(TotalOf(october, "BD")->vangnet_cents(), 1'600'000);
  EXPECT_EQ(TotalOf(october, "BA")->total_cents(), 4'480'000);
  EXPECT_EQ(october.swv_remaining_cents(), 220'233'059);

  pb::GetBoardStatementRequest statement_request;
  statement_request.set_name(absl::StrCat(october.name(), "/boards/BD/statement"));
  pb::BoardStatement statement;
  ASSERT_TRUE(stub_->GetBoardStatement(Context().get(), statement_request, &statement).ok());
  EXPECT_TRUE(statement.vangnet_configured());
  EXPECT_EQ(statement.totals().vangnet_cents(), 1'600'000);
  const std::string csv = StatementCsvOf(october, "BD");
  EXPECT_THAT(csv, HasSubstr("vangnet,so_cat1,BD,,,2,6000.00,,12000.00,\"max(0, 12 on 2026-02-01 "
                             "- 10 on 2025-10-01) = 2 pupils x 6000.00 = 12000.00\"\r\n"));
  EXPECT_THAT(csv, HasSubstr("total,vangnet,BD,,,0,,,16000.00,"));

  // A corrected February count is a new version: both calculations still reproduce as they were.
  Import(GoCounts("2026-02-01", "feb-2", {{50, 0, 0, 0}, {0, 12, 4, 2}, {21, 0, 0, 0}}));
  pb::GetCalculationRequest get;
  pb::Calculation again;
  get.set_name(october.name());
  ASSERT_TRUE(stub_->GetCalculation(Context().get(), get, &again).ok());
  EXPECT_EQ(again.fingerprint(), october.fingerprint());
  EXPECT_EQ(again.vangnet_sbo_cents(), 1'600'000);
  get.set_name(early.name());
  ASSERT_TRUE(stub_->GetCalculation(Context().get(), get, &again).ok());
  EXPECT_EQ(again.vangnet_sbo_cents(), 0);
  EXPECT_EQ(Calculate("corrected").vangnet_sbo_cents(), 4'400'000);  // BA 10 + BD 1 = 11 pupils
}

// A calculation stored before the rules version existed (migration 3 gives it rules 1) recomputes
// under the old rules: no light/heavy lines, the fingerprint it was stored with.
TEST_P(AllocationServerTest, ACalculationOfTheOldRulesStillReproduces) {
  PutConfig(ExampleConfigProto());
  Import(ExampleCounts("counts"));
  const pb::Calculation calculation = Calculate("old");
  CalculationInput input;
  input.config = *ValidateYearConfig(testing::ExampleConfig());
  input.counts = testing::ExampleCounts();
  input.schools = testing::ExampleSchools();
  input.boards = testing::ExampleBoards();
  input.rules = kRulesBeforeBudgets;
  absl::StatusOr<CalculationResult> old = ::swv::allocation::Calculate(input);
  ASSERT_TRUE(old.ok()) << old.status();
  const std::string id = calculation.name().substr(calculation.name().rfind('/') + 1);
  ASSERT_TRUE(scratch_->db()
                  .InTransaction([&](storage::Transaction& tx) {
                    return tx
                        .Execute(
                            "UPDATE alloc_calculations SET rules_version = 1, fingerprint = ? "
                            "WHERE calculation_id = ?",
                            {Fingerprint(*old), id})
                        .status();
                  })
                  .ok());
  pb::GetCalculationRequest get;
  get.set_name(calculation.name());
  pb::Calculation again;
  grpc::Status status = stub_->GetCalculation(Context().get(), get, &again);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(again.rules_version(), 1);
  EXPECT_EQ(again.light_balance_cents(), 0);
  EXPECT_EQ(again.swv_remaining_cents(), calculation.swv_remaining_cents());
}

TEST_P(AllocationServerTest, VangnetConfigurationErrorsNameTheField) {
  pb::YearConfig config = ExampleConfigProto();
  config.set_vangnet_october_date("2025-10-01");
  config.set_vangnet_february_date("2026-02-01");
  config.set_vangnet_sbo_amount_cents(400'000);
  config.set_vangnet_so_cat1_amount_cents(600'000);
  config.set_vangnet_so_cat2_amount_cents(-5);
  pb::UpdateYearConfigRequest update;
  *update.mutable_config() = config;
  pb::YearConfig stored;
  grpc::Status status = stub_->UpdateYearConfig(Context().get(), update, &stored);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(FromGrpcStatus(status))) {
    fields.push_back(v.field);
  }
  EXPECT_THAT(fields, ::testing::ElementsAre("config.vangnet_so_cat2_amount_cents",
                                             "config.vangnet_so_cat3_amount_cents"));
}

}  // namespace
}  // namespace swv::allocation
