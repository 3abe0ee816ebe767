// Monitoring against the real registrations and allocation services: RegistrationsApp and
// AllocationApp each on their own ServiceRuntime on loopback (port 0), seeded only through their
// gRPC APIs with a small hand-built data set; monitoring reads their aggregate RPCs over gRPC
// (never their tables) and every computed indicator is checked against a value worked out by hand
// in the comments. SQLite and MariaDB.
#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <string>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/allocation/allocation_app.h"
#include "services/common/directory_client.h"
#include "services/registrations/registrations_app.h"
#include "swv/v1/allocation.grpc.pb.h"
#include "swv/v1/directory.grpc.pb.h"
#include "swv/v1/registrations.grpc.pb.h"
#include "swv/v1/support.grpc.pb.h"
#include "swv/v1/tlv.grpc.pb.h"
#include "tests/services/monitoring/monitoring_server_fixture.h"
#include "tests/testing/test_identity.h"

namespace swv::monitoring::testing {
namespace {

namespace pb = ::swv::v1;

constexpr char kParent[] = "swvs/PO2203";

#define ASSERT_RPC(call)                                          \
  do {                                                            \
    grpc::Status rpc_status_ = (call);                            \
    ASSERT_TRUE(rpc_status_.ok()) << rpc_status_.error_message(); \
  } while (0)

class MonitoringIntegrationTest : public ::testing::TestWithParam<storage::Dialect> {
 protected:
  void SetUp() override {
    if (GetParam() == storage::Dialect::kMysql) SWV_SKIP_OR_FAIL_WITHOUT_MYSQL();
    for (auto* scratch : {&registrations_db_, &allocation_db_, &monitoring_db_}) {
      auto created = swv::testing::ScratchDatabase::Create(GetParam());
      ASSERT_TRUE(created.ok()) << created.status();
      *scratch = *std::move(created);
    }
    auto registrations = registrations::RegistrationsApp::Create(&registrations_db_->db(), &clock_);
    ASSERT_TRUE(registrations.ok()) << registrations.status();
    registrations_app_ = *std::move(registrations);
    registrations_runtime_ = StartRuntime("swv-registrations", registrations_app_->grpc_services());
    const std::string registrations_target =
        absl::StrCat("127.0.0.1:", registrations_runtime_->grpc_port());
    auto registrations_channel = swv::testing::TestChannel(registrations_target);

    directory_reader_ =
        NewGrpcDirectoryClient(registrations_channel, absl::Seconds(10), "swv-allocation");
    auto allocation =
        allocation::AllocationApp::Create(&allocation_db_->db(), directory_reader_.get(), &clock_);
    ASSERT_TRUE(allocation.ok()) << allocation.status();
    allocation_app_ = *std::move(allocation);
    allocation_runtime_ = StartRuntime("swv-allocation", allocation_app_->grpc_services());
    auto allocation_channel =
        swv::testing::TestChannel(absl::StrCat("127.0.0.1:", allocation_runtime_->grpc_port()));

    // Monitoring as swv-monitoring runs it: gRPC clients of both services.
    registrations_aggregates_ =
        NewGrpcRegistrationsAggregates(registrations_channel, absl::Seconds(10));
    allocation_aggregates_ = NewGrpcAllocationAggregates(allocation_channel, absl::Seconds(10));
    MonitoringAppOptions options;
    options.status_max_age = absl::Minutes(5);
    options.national_figures = ShippedNationalFigures();
    auto monitoring = MonitoringApp::Create(&monitoring_db_->db(), registrations_aggregates_.get(),
                                            allocation_aggregates_.get(), &clock_, options);
    ASSERT_TRUE(monitoring.ok()) << monitoring.status();
    monitoring_app_ = *std::move(monitoring);
    monitoring_runtime_ = StartRuntime("swv-monitoring", monitoring_app_->grpc_services());

    directory_ = pb::Directory::NewStub(registrations_channel);
    registrations_ = pb::Registrations::NewStub(registrations_channel);
    tlvs_ = pb::Tlvs::NewStub(registrations_channel);
    support_ = pb::Support::NewStub(registrations_channel);
    allocation_ = pb::Allocation::NewStub(allocation_channel);
    monitoring_ = pb::Monitoring::NewStub(
        swv::testing::TestChannel(absl::StrCat("127.0.0.1:", monitoring_runtime_->grpc_port())));
  }

  void TearDown() override {
    for (auto* runtime : {&monitoring_runtime_, &allocation_runtime_, &registrations_runtime_}) {
      if (*runtime) (*runtime)->Shutdown();
    }
  }

  // Boards B1, B2; wijken W1, W2; regular 12AB00 (B1, W1) and 13AB00 (B2, W2); SBO 34CD00 (B1, W1);
  // OPDC 99ZZ00 (B1, W1); MDO 90MD00 (B1, W1); SO 56EF00 outside the region.
  void SeedDirectory() {
    pb::BatchUpsertResponse reply;
    pb::BatchUpsertBoardsRequest boards;
    boards.set_parent(kParent);
    for (const char* code : {"B1", "B2"}) {
      pb::Board* b = boards.add_boards();
      b->set_code(code);
      b->set_display_name(absl::StrCat("Stichting ", code));
    }
    ASSERT_RPC(directory_->BatchUpsertBoards(Context().get(), boards, &reply));
    ASSERT_EQ(reply.rejected(), 0) << reply.DebugString();
    pb::BatchUpsertWijkenRequest wijken;
    wijken.set_parent(kParent);
    for (const char* code : {"W1", "W2"}) {
      pb::Wijk* w = wijken.add_wijken();
      w->set_code(code);
      w->set_display_name(absl::StrCat("Wijk ", code));
    }
    ASSERT_RPC(directory_->BatchUpsertWijken(Context().get(), wijken, &reply));
    ASSERT_EQ(reply.rejected(), 0) << reply.DebugString();
    pb::BatchUpsertSchoolsRequest schools;
    schools.set_parent(kParent);
    auto school = [&](const char* code, pb::SchoolKind kind, bool inside, const char* board,
                      const char* wijk) {
      pb::School* s = schools.add_schools();
      s->set_code(code);
      s->set_display_name(absl::StrCat("School ", code));
      s->set_board(board);
      s->set_wijk(wijk);
      s->set_municipality("GM0606");
      s->set_kind(kind);
      s->set_inside_region(inside);
    };
    school("12AB00", pb::SCHOOL_KIND_REGULAR, true, "B1", "W1");
    school("13AB00", pb::SCHOOL_KIND_REGULAR, true, "B2", "W2");
    school("34CD00", pb::SCHOOL_KIND_SBO, true, "B1", "W1");
    school("99ZZ00", pb::SCHOOL_KIND_OPDC, true, "B1", "W1");
    school("90MD00", pb::SCHOOL_KIND_MDO, true, "B1", "W1");
    school("56EF00", pb::SCHOOL_KIND_SO, false, "", "");
    ASSERT_RPC(directory_->BatchUpsertSchools(Context().get(), schools, &reply));
    ASSERT_EQ(reply.rejected(), 0) << reply.DebugString();
  }

  // Thuiszitters reported in 2026 (today 2026-11-16):
  //   T1 12AB00 no suitable school place, absent since 03-02, reported 04-01, open:   259 days
  //   T2 13AB00 waiting for care,         absent since 09-01, reported 10-01, open:    76 days
  //   T3 12AB00 school refusal,           absent since 01-05, reported 02-02, closed 02-20: 46 days
  // Exemptions in force in 2026: one with SWV involvement, one without.
  void SeedRegister() {
    auto report = [&](const char* school, const char* pupil, pb::ThuiszitterCause cause,
                      const char* start, const char* reported) {
      pb::ReportThuiszitterRequest request;
      request.set_parent(kParent);
      pb::ThuiszitterCase* c = request.mutable_thuiszitter();
      c->set_school(school);
      c->set_lvs_pupil_number(pupil);
      c->set_residence_municipality("GM0606");
      c->set_absence_kind(pb::ABSENCE_KIND_RELATIVE);
      c->set_absence_start(start);
      c->set_reported_on(reported);
      c->set_cause(cause);
      pb::ThuiszitterCase reply;
      grpc::Status status = registrations_->ReportThuiszitter(Context().get(), request, &reply);
      EXPECT_TRUE(status.ok()) << status.error_message();
      return reply.name();
    };
    report("12AB00", "LVS-T1", pb::THUISZITTER_CAUSE_NO_SUITABLE_SCHOOL_PLACE, "2026-03-02",
           "2026-04-01");
    report("13AB00", "LVS-T2", pb::THUISZITTER_CAUSE_WAITING_FOR_CARE, "2026-09-01", "2026-10-01");
    const std::string t3 = report("12AB00", "LVS-T3", pb::THUISZITTER_CAUSE_SCHOOL_REFUSAL,
                                  "2026-01-05", "2026-02-02");
    pb::CloseThuiszitterRequest close;
    close.set_name(t3);
    close.set_closed_on("2026-02-20");
    close.set_reason("school resumed");
    pb::ThuiszitterCase closed;
    ASSERT_RPC(registrations_->CloseThuiszitter(Context().get(), close, &closed));
    for (bool involved : {true, false}) {
      pb::RecordExemptionRequest request;
      request.set_parent(kParent);
      pb::Exemption* e = request.mutable_exemption();
      e->set_residence_municipality("GM0606");
      e->set_start_date("2026-03-01");
      e->set_swv_involved(involved);
      pb::Exemption reply;
      ASSERT_RPC(registrations_->RecordExemption(Context().get(), request, &reply));
    }
  }

  // TLVs, all received/completed/decided in 2026:
  //   A 12AB00 -> SBO 34CD00 (inside): received 02-02, complete 02-09 (7 d), granted 03-02 (21 d,
  //   on time) B 12AB00 -> SO 56EF00 (outside): received 03-02, complete 03-16 (14 d), granted
  //   05-11 (56 d, late:
  //     the deadline was 03-16 + 6 weeks = 04-27)
  //   C 13AB00 -> SBO 34CD00: received 04-01, complete 04-04 (3 d), refused 04-25 (21 d, on time)
  void SeedTlvs() {
    struct Case {
      const char* referring;
      const char* pupil;
      const char* receiving;
      pb::TlvKind kind;
      pb::SoCategory category;
      const char* received;
      const char* completed;
      const char* decided;
      pb::TlvOutcome outcome;
    };
    for (const Case& c :
         {Case{"12AB00", "LVS-A", "34CD00", pb::TLV_KIND_SBO, pb::SO_CATEGORY_UNSPECIFIED,
               "2026-02-02", "2026-02-09", "2026-03-02", pb::TLV_OUTCOME_GRANTED},
          Case{"12AB00", "LVS-B", "56EF00", pb::TLV_KIND_SO, pb::SO_CATEGORY_LAAG, "2026-03-02",
               "2026-03-16", "2026-05-11", pb::TLV_OUTCOME_GRANTED},
          Case{"13AB00", "LVS-C", "34CD00", pb::TLV_KIND_SBO, pb::SO_CATEGORY_UNSPECIFIED,
               "2026-04-01", "2026-04-04", "2026-04-25", pb::TLV_OUTCOME_REFUSED}}) {
      pb::CreateOppRequest opp_request;
      opp_request.set_parent(kParent);
      pb::Opp* opp = opp_request.mutable_opp();
      opp->set_school(c.referring);
      opp->set_lvs_pupil_number(c.pupil);
      opp->set_drawn_up_on("2026-01-15");
      opp->set_start_date("2026-01-15");
      opp->set_consent(pb::PARENTAL_CONSENT_GIVEN);
      opp->set_consent_date("2026-01-15");
      pb::Opp stored_opp;
      ASSERT_RPC(tlvs_->CreateOpp(Context().get(), opp_request, &stored_opp));
      pb::CreateTlvRequest create;
      create.set_parent(kParent);
      pb::Tlv* tlv = create.mutable_tlv();
      tlv->set_referring_school(c.referring);
      tlv->set_lvs_pupil_number(c.pupil);
      tlv->set_receiving_school(c.receiving);
      tlv->set_kind(c.kind);
      tlv->set_so_category(c.category);
      tlv->set_received_on(c.received);
      pb::Tlv created;
      ASSERT_RPC(tlvs_->CreateTlv(Context().get(), create, &created));
      pb::CompleteTlvRequest complete;
      complete.set_name(created.name());
      complete.set_opp(stored_opp.name());
      complete.set_completed_on(c.completed);
      pb::Tlv completed;
      ASSERT_RPC(tlvs_->CompleteTlv(Context().get(), complete, &completed));
      pb::DecideTlvRequest decide;
      decide.set_name(created.name());
      decide.set_decided_on(c.decided);
      decide.set_outcome(c.outcome);
      decide.set_return_to_regular_considered(true);
      pb::ExpertAdvice* first = decide.add_advices();
      first->set_expert_name("drs. A. de Vries");
      first->set_profession(pb::EXPERT_PROFESSION_ORTHOPEDAGOOG);
      first->set_advised_on(c.completed);
      pb::ExpertAdvice* second = decide.add_advices();
      second->set_expert_name("B. Jansen");
      second->set_profession(pb::EXPERT_PROFESSION_MAATSCHAPPELIJK_WERKER);
      second->set_advised_on(c.completed);
      pb::Tlv decided;
      ASSERT_RPC(tlvs_->DecideTlv(Context().get(), decide, &decided));
    }
  }

  // Pupils with an SO-TLV profile without a TLV (OPPs with so_tlv_profile): M1 educated at the
  // MDO 90MD00 (its OPP drawn up there, from 02-02), M2 at the regular 12AB00 (from 03-02).
  void SeedSoProfiles() {
    for (const auto& [school, pupil, start] :
         {std::tuple<const char*, const char*, const char*>{"90MD00", "LVS-M1", "2026-02-02"},
          {"12AB00", "LVS-M2", "2026-03-02"}}) {
      pb::CreateOppRequest request;
      request.set_parent(kParent);
      pb::Opp* opp = request.mutable_opp();
      opp->set_school(school);
      opp->set_lvs_pupil_number(pupil);
      opp->set_drawn_up_on(start);
      opp->set_start_date(start);
      opp->set_consent(pb::PARENTAL_CONSENT_GIVEN);
      opp->set_consent_date(start);
      opp->set_so_tlv_profile(true);
      pb::Opp stored;
      ASSERT_RPC(tlvs_->CreateOpp(Context().get(), request, &stored));
      ASSERT_TRUE(stored.has_so_tlv_profile() && stored.so_tlv_profile());
    }
  }

  // Arrangements: 12AB00 applied 03-02, granted 04-13 (42 d, within 8 weeks); 12AB00 applied 03-02,
  // refused 05-11 (70 d, late); 13AB00 applied 06-01, granted 06-15.
  // OPDC: 12AB00 pupil from 02-02, extended on 07-01; 13AB00 pupil from 03-02, not extended.
  void SeedSupport() {
    struct Arr {
      const char* school;
      const char* pupil;
      const char* applied;
      const char* decided;
      pb::ArrangementOutcome outcome;
    };
    for (const Arr& a :
         {Arr{"12AB00", "LVS-R1", "2026-03-02", "2026-04-13", pb::ARRANGEMENT_OUTCOME_GRANTED},
          Arr{"12AB00", "LVS-R2", "2026-03-02", "2026-05-11", pb::ARRANGEMENT_OUTCOME_REFUSED},
          Arr{"13AB00", "LVS-R3", "2026-06-01", "2026-06-15", pb::ARRANGEMENT_OUTCOME_GRANTED}}) {
      pb::CreateArrangementRequest create;
      create.set_parent(kParent);
      pb::Arrangement* arrangement = create.mutable_arrangement();
      arrangement->set_target(pb::ARRANGEMENT_TARGET_PUPIL);
      arrangement->set_school(a.school);
      arrangement->set_lvs_pupil_number(a.pupil);
      arrangement->set_description("Extra support");
      arrangement->set_applied_on(a.applied);
      pb::Arrangement created;
      ASSERT_RPC(support_->CreateArrangement(Context().get(), create, &created));
      pb::DecideArrangementRequest decide;
      decide.set_name(created.name());
      decide.set_outcome(a.outcome);
      decide.set_decided_on(a.decided);
      if (a.outcome == pb::ARRANGEMENT_OUTCOME_GRANTED) {
        decide.set_amount_cents(250'000);
        decide.set_period_start(a.decided);
        decide.set_period_end("2026-12-31");
      }
      pb::Arrangement decided;
      ASSERT_RPC(support_->DecideArrangement(Context().get(), decide, &decided));
    }
    auto place = [&](const char* school, const char* pupil, const char* start, const char* end) {
      pb::CreateOpdcPlacementRequest request;
      request.set_parent(kParent);
      pb::OpdcPlacement* p = request.mutable_placement();
      p->set_school(school);
      p->set_lvs_pupil_number(pupil);
      p->set_opdc("99ZZ00");
      p->set_start_date(start);
      p->set_planned_end(end);
      pb::OpdcPlacement reply;
      grpc::Status status = support_->CreateOpdcPlacement(Context().get(), request, &reply);
      EXPECT_TRUE(status.ok()) << status.error_message();
      return reply.name();
    };
    const std::string extended = place("12AB00", "LVS-O1", "2026-02-02", "2026-07-31");
    place("13AB00", "LVS-O2", "2026-03-02", "2026-08-31");
    pb::ExtendOpdcPlacementRequest extend;
    extend.set_name(extended);
    extend.set_new_end("2026-12-31");
    extend.set_extended_on("2026-07-01");
    extend.set_reason("needs more time before returning");
    pb::OpdcPlacement reply;
    ASSERT_RPC(support_->ExtendOpdcPlacement(Context().get(), extend, &reply));
  }

  // Funding year 2026 on the count of 2025-02-01: regular 4,000 + 5,800 = 9,800; SBO 200 at
  // 34CD00; SO 60 + 40 = 100 at 56EF00. Spending accounts of 2025: B1 on 2026-01-20 (on time), B2
  // none (missing since 2026-02-01).
  void SeedAllocation() {
    pb::UpdateYearConfigRequest config_request;
    pb::YearConfig* config = config_request.mutable_config();
    config->set_name("swvs/PO2203/years/2026/config");
    config->set_count_date("2025-02-01");
    config->set_basis_amount_per_pupil_cents(14300);
    config->set_hb_budget_cents(0);
    config->set_wijk_pot_cents(0);
    config->set_sbo_rate_cents(663452);
    config->set_so_cat1_rate_cents(1293834);
    config->set_so_cat2_rate_cents(2105323);
    config->set_so_cat3_rate_cents(3141953);
    config->set_light_support_income_cents(500'000'000);
    config->set_heavy_support_income_cents(500'000'000);
    config->set_reserve_cents(0);
    pb::YearConfig stored_config;
    ASSERT_RPC(allocation_->UpdateYearConfig(Context().get(), config_request, &stored_config));
    pb::BatchImportCountsRequest counts;
    counts.set_parent("swvs/PO2203/countDates/2025-02-01");
    counts.set_request_id("counts-1");
    counts.set_source("DUO telling 1-2-2025 (test)");
    auto row = [&](const char* school, int64_t pupils, int64_t sbo, int64_t so1, int64_t so2) {
      pb::CountRow* r = counts.add_counts();
      r->set_school(school);
      r->set_pupils(pupils);
      r->set_sbo_pupils(sbo);
      r->set_so_cat1_pupils(so1);
      r->set_so_cat2_pupils(so2);
    };
    row("12AB00", 4000, 0, 0, 0);
    row("13AB00", 5800, 0, 0, 0);
    row("34CD00", 200, 200, 0, 0);
    row("56EF00", 100, 0, 60, 40);
    pb::CountSet set;
    ASSERT_RPC(allocation_->BatchImportCounts(Context().get(), counts, &set));
    pb::CreateCalculationRequest calculate;
    calculate.set_parent("swvs/PO2203/years/2026");
    calculate.set_request_id("calc-1");
    pb::Calculation calculation;
    ASSERT_RPC(allocation_->CreateCalculation(Context().get(), calculate, &calculation));
    pb::SubmitSpendingAccountRequest account;
    account.set_parent("swvs/PO2203/years/2025");
    account.mutable_spending_account()->set_board("B1");
    account.mutable_spending_account()->set_received_on("2026-01-20");
    account.mutable_spending_account()->set_basis_spent_cents(1'000'000);
    account.mutable_spending_account()->set_extra_spent_cents(0);
    pb::SpendingAccount stored_account;
    ASSERT_RPC(allocation_->SubmitSpendingAccount(Context().get(), account, &stored_account));
  }

  void ImportGoals() {
    for (const char* path :
         {"data/goals/po2203/2026-2029.goals", "data/goals/onderwijs-dat-past/2023-2027.goals"}) {
      pb::ImportGoalSetRequest request;
      request.set_parent(kParent);
      request.set_content(ReadRepoFile(path));
      pb::ImportGoalSetResponse response;
      ASSERT_RPC(monitoring_->ImportGoalSet(Context().get(), request, &response));
    }
  }

  std::map<std::string, pb::GoalStatus> Statuses(int year, pb::Level level) {
    pb::GetGoalStatusesRequest request;
    request.set_parent(kParent);
    request.set_year(year);
    request.set_level(level);
    pb::GoalStatuses response;
    grpc::Status status = monitoring_->GetGoalStatuses(Context().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::map<std::string, pb::GoalStatus> out;
    for (const pb::GoalStatus& s : response.statuses())
      out[absl::StrCat(s.level_id(), "/", s.goal())] = s;
    return out;
  }

  FakeClock clock_{absl::FromCivil(absl::CivilSecond(2026, 11, 16, 10, 0, 0), DutchTimeZone())};
  std::unique_ptr<swv::testing::ScratchDatabase> registrations_db_, allocation_db_, monitoring_db_;
  std::unique_ptr<registrations::RegistrationsApp> registrations_app_;
  std::unique_ptr<swv::DirectoryClient> directory_reader_;
  std::unique_ptr<allocation::AllocationApp> allocation_app_;
  std::unique_ptr<RegistrationsAggregates> registrations_aggregates_;
  std::unique_ptr<AllocationAggregates> allocation_aggregates_;
  std::unique_ptr<MonitoringApp> monitoring_app_;
  std::unique_ptr<ServiceRuntime> registrations_runtime_, allocation_runtime_, monitoring_runtime_;
  std::unique_ptr<pb::Directory::Stub> directory_;
  std::unique_ptr<pb::Registrations::Stub> registrations_;
  std::unique_ptr<pb::Tlvs::Stub> tlvs_;
  std::unique_ptr<pb::Support::Stub> support_;
  std::unique_ptr<pb::Allocation::Stub> allocation_;
  std::unique_ptr<pb::Monitoring::Stub> monitoring_;
};

TEST_P(MonitoringIntegrationTest, EveryComputedIndicatorFromTheRealServices) {
  SeedDirectory();
  SeedRegister();
  SeedTlvs();
  SeedSupport();
  SeedAllocation();
  SeedSoProfiles();
  ImportGoals();
  if (HasFatalFailure()) return;

  std::map<std::string, pb::GoalStatus> s = Statuses(2026, pb::LEVEL_SWV);
  auto expect = [&](const std::string& goal, int64_t value_e4, pb::GoalStatusValue status) {
    auto it = s.find("/" + goal);
    ASSERT_NE(it, s.end()) << goal;
    EXPECT_TRUE(it->second.has_value_e4()) << goal << ": " << it->second.provenance();
    EXPECT_EQ(it->second.value_e4(), value_e4) << goal << ": " << it->second.provenance();
    EXPECT_EQ(it->second.status(), status) << goal;
  };
  // TLVs: 2 of 3 decided on time (A, C); 1 of 2 granted goes outside the region (B).
  expect("tlv-binnen-termijn", 666667, pb::GOAL_STATUS_VALUE_NOT_MET);
  expect("go-binnen-regio", 500000, pb::GOAL_STATUS_VALUE_NOT_MET);
  expect("go-buiten-regio", 500000, pb::GOAL_STATUS_VALUE_NOT_MET);
  // received -> complete: 3, 7, 14 days; complete -> decision: 21, 21, 56 (nearest rank).
  expect("tlv-ontvangen-tot-compleet-p25", 30000, pb::GOAL_STATUS_VALUE_NO_TARGET);
  expect("tlv-ontvangen-tot-compleet-p50", 70000, pb::GOAL_STATUS_VALUE_NO_TARGET);
  expect("tlv-ontvangen-tot-compleet-p75", 140000, pb::GOAL_STATUS_VALUE_NO_TARGET);
  expect("tlv-compleet-tot-besluit-p25", 210000, pb::GOAL_STATUS_VALUE_NO_TARGET);
  expect("tlv-compleet-tot-besluit-p50", 210000, pb::GOAL_STATUS_VALUE_NO_TARGET);
  expect("tlv-compleet-tot-besluit-p75", 560000, pb::GOAL_STATUS_VALUE_NO_TARGET);
  // 3 applications in the 12 months to 2026-11-16 per 10,100 pupils: 0.29703 per 1,000.
  expect("tlv-aanvragen-per-1000", 2970, pb::GOAL_STATUS_VALUE_NO_TARGET);
  // Thuiszitters: T1 is the one without a suitable place; open at the end T1, T2 (2 per 10,100
  // pupils = 0.19802 per 1,000); past one month T1, T2; past three months T1; durations
  // (259 + 76 + 46) / 3 = 127 days.
  expect("thuiszitters-geen-passende-plek", 10000, pb::GOAL_STATUS_VALUE_NOT_MET);
  expect("thuiszitters-per-1000", 1980, pb::GOAL_STATUS_VALUE_NO_TARGET);
  expect("thuiszitters-langer-dan-1-maand", 20000, pb::GOAL_STATUS_VALUE_NOT_MET);
  expect("thuiszitters-langer-dan-3-maanden", 10000, pb::GOAL_STATUS_VALUE_NOT_MET);
  expect("thuiszitters-gemiddelde-duur", 1270000, pb::GOAL_STATUS_VALUE_NO_TARGET);
  expect("vrijstellingen-met-swv", 500000, pb::GOAL_STATUS_VALUE_NOT_MET);
  // Arrangements 2 of 3 within 8 weeks; OPDC 1 of 2 placements extended.
  expect("arrangementen-binnen-8-weken", 666667, pb::GOAL_STATUS_VALUE_NOT_MET);
  expect("opdc-verlengingen", 500000, pb::GOAL_STATUS_VALUE_NOT_MET);
  // Participation: SBO 200 / 10,000 = 2% (<= national 2.5%, 2021); SO 100 / 9,900 = 1.0101%
  // (<= 2.3%); total 300 / 10,100 = 2.9703% (tracked until 2029).
  expect("sbo-deelname", 20000, pb::GOAL_STATUS_VALUE_MET);
  expect("so-deelname", 10101, pb::GOAL_STATUS_VALUE_MET);
  expect("go-deelname", 29703, pb::GOAL_STATUS_VALUE_NO_TARGET);
  // Spending accounts of 2025: B1 on time, B2 missing.
  expect("verantwoording-voor-1-februari", 500000, pb::GOAL_STATUS_VALUE_NOT_MET);
  // Placements (ODP goals; today 2026-11-16). Pupils with extra support: A, B, C (OPPs from
  // 01-15), M1, M2. A is served at SBO 34CD00 (W1, the wijk of its first school 12AB00), B at SO
  // 56EF00 outside the region, C (refused) at 13AB00, M1 at 90MD00 and M2 at 12AB00 (their first
  // schools): (3 + 1) / 5 = 80% (at least 65 in 2026). SO-TLV profile: B (SO TLV), M1, M2; at an
  // MDO in the region: M1: 1/3 = 33.3333% (at least 90).
  expect("opgevangen-in-eigen-wijk", 800000, pb::GOAL_STATUS_VALUE_MET);
  expect("so-tlv-op-mdo-in-regio", 333333, pb::GOAL_STATUS_VALUE_NOT_MET);

  // Per wijk (the referring / reporting school's wijk in the directory).
  std::map<std::string, pb::GoalStatus> w = Statuses(2026, pb::LEVEL_WIJK);
  EXPECT_EQ(w["W1/tlv-binnen-termijn"].value_e4(), 500000);   // A on time, B late
  EXPECT_EQ(w["W2/tlv-binnen-termijn"].value_e4(), 1000000);  // C on time
  EXPECT_EQ(w["W2/tlv-binnen-termijn"].status(), pb::GOAL_STATUS_VALUE_MET);
  EXPECT_EQ(w["W1/arrangementen-binnen-8-weken"].value_e4(), 500000);
  EXPECT_EQ(w["W2/arrangementen-binnen-8-weken"].value_e4(), 1000000);
  EXPECT_EQ(w["W1/thuiszitters-geen-passende-plek"].value_e4(), 10000);
  EXPECT_EQ(w["W2/thuiszitters-geen-passende-plek"].value_e4(), 0);
  EXPECT_EQ(w["W2/thuiszitters-geen-passende-plek"].status(),
            pb::GOAL_STATUS_VALUE_MET);  // exactly 0
  // Placements by first school: W1 = 12AB00 (A, B, M2) + 90MD00 (M1): 3/4 close to home, 1/3 at
  // an MDO; W2 = 13AB00 (C): 1/1, nobody with an SO-TLV profile.
  EXPECT_EQ(w["W1/opgevangen-in-eigen-wijk"].value_e4(), 750000);
  EXPECT_EQ(w["W2/opgevangen-in-eigen-wijk"].value_e4(), 1000000);
  EXPECT_EQ(w["W1/so-tlv-op-mdo-in-regio"].value_e4(), 333333);
  EXPECT_EQ(w["W2/so-tlv-op-mdo-in-regio"].status(), pb::GOAL_STATUS_VALUE_NO_DATA);
  // Participation per wijk from allocation's per-school counts: W1 = 12AB00 (4,000 regular) +
  // 34CD00 (200 SBO): SBO 200 / 4,200 = 4.7619% (above the national 2.5%), SO 0 / 4,000, total
  // 4.7619%; W2 = 13AB00 (5,800 regular): 0 everywhere.
  EXPECT_EQ(w["W1/sbo-deelname"].value_e4(), 47619);
  EXPECT_EQ(w["W1/sbo-deelname"].status(), pb::GOAL_STATUS_VALUE_NOT_MET);
  EXPECT_EQ(w["W1/so-deelname"].value_e4(), 0);
  EXPECT_EQ(w["W1/go-deelname"].value_e4(), 47619);
  EXPECT_EQ(w["W2/sbo-deelname"].value_e4(), 0);
  EXPECT_EQ(w["W2/sbo-deelname"].status(), pb::GOAL_STATUS_VALUE_MET);
  // Per 1,000 pupils of the wijk: thuiszitters open at the end W1 T1 (1 / 4,200 = 0.238095),
  // W2 T2 (1 / 5,800 = 0.172414); TLV requests in 12 months W1 A, B (2 / 4,200 = 0.47619),
  // W2 C (1 / 5,800).
  EXPECT_EQ(w["W1/thuiszitters-per-1000"].value_e4(), 2381);
  EXPECT_EQ(w["W2/thuiszitters-per-1000"].value_e4(), 1724);
  EXPECT_EQ(w["W1/tlv-aanvragen-per-1000"].value_e4(), 4762);
  EXPECT_EQ(w["W2/tlv-aanvragen-per-1000"].value_e4(), 1724);
  // Per board: the spending account of B1 arrived on time.
  std::map<std::string, pb::GoalStatus> b = Statuses(2026, pb::LEVEL_BOARD);
  EXPECT_EQ(b["B1/verantwoording-voor-1-februari"].status(), pb::GOAL_STATUS_VALUE_MET);
  EXPECT_EQ(b["B2/verantwoording-voor-1-februari"].value_e4(), 0);
  // Per board (B1 = 12AB00, 34CD00, 90MD00; B2 = 13AB00): the same counts as the wijken here.
  EXPECT_EQ(b["B1/sbo-deelname"].value_e4(), 47619);
  EXPECT_EQ(b["B2/go-deelname"].value_e4(), 0);
  EXPECT_EQ(b["B1/thuiszitters-per-1000"].value_e4(), 2381);
  EXPECT_EQ(b["B2/tlv-aanvragen-per-1000"].value_e4(), 1724);

  // Per school, with a goal measured at school level: the SBO school 34CD00 counts only its 200
  // SBO pupils (100%), the regular 12AB00 only regular pupils (0%); T1 at 12AB00: 1 / 4,000.
  pb::ImportGoalSetRequest school_goals;
  school_goals.set_parent(kParent);
  school_goals.set_content(
      "goal_set = test/per-school\ntitle = T\n\n"
      "[goal sbo-per-school]\ntheme = T\nindicator = SBO per school\ndirection = at_most\n"
      "unit = percent\nlevels = school\nsource = computed sbo_participation\ntarget 2026 = 2.5\n\n"
      "[goal tz-per-school]\ntheme = T\nindicator = TZ per school\ndirection = at_most\n"
      "unit = per_1000_pupils\nlevels = school\nsource = computed thuiszitters_per_1000_pupils\n"
      "target 2026 = 0.25\n");
  pb::ImportGoalSetResponse imported;
  ASSERT_RPC(monitoring_->ImportGoalSet(Context().get(), school_goals, &imported));
  std::map<std::string, pb::GoalStatus> sc = Statuses(2026, pb::LEVEL_SCHOOL);
  EXPECT_EQ(sc["34CD00/sbo-per-school"].value_e4(), 1000000);
  EXPECT_EQ(sc["34CD00/sbo-per-school"].status(), pb::GOAL_STATUS_VALUE_NOT_MET);
  EXPECT_EQ(sc["12AB00/sbo-per-school"].value_e4(), 0);
  EXPECT_EQ(sc["12AB00/sbo-per-school"].status(), pb::GOAL_STATUS_VALUE_MET);
  EXPECT_EQ(sc["12AB00/tz-per-school"].value_e4(), 2500);  // 1 / 4,000 x 1,000 = 0.25: on target
  EXPECT_EQ(sc["12AB00/tz-per-school"].status(), pb::GOAL_STATUS_VALUE_MET);
  EXPECT_EQ(sc["13AB00/tz-per-school"].value_e4(), 1724);

  // The kwartaalrapportage over the same services.
  pb::GetReportRequest report_request;
  report_request.set_name("swvs/PO2203/reports/2026-Q4");
  pb::ReportCsv csv;
  ASSERT_RPC(monitoring_->ExportReport(Context().get(), report_request, &csv));
  EXPECT_NE(csv.content().find("2026-Q4,wijk,W2,tlv-binnen-termijn,"), std::string::npos)
      << csv.content();
}

INSTANTIATE_TEST_SUITE_P(Dialects, MonitoringIntegrationTest,
                         ::testing::Values(storage::Dialect::kSqlite, storage::Dialect::kMysql),
                         [](const ::testing::TestParamInfo<storage::Dialect>& test_param) {
                           return swv::testing::DialectName(test_param.param);
                         });

}  // namespace
}  // namespace swv::monitoring::testing
