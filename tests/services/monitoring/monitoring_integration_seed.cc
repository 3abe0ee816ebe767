// The hand-built data set of the monitoring integration test, seeded through the gRPC APIs of the
// real registrations and allocation services, with the values each indicator is checked against.
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/services/monitoring/monitoring_integration_fixture.h"

namespace swv::monitoring::testing {

// Boards B1, B2; wijken W1, W2; regular 12AB00 (B1, W1) and 13AB00 (B2, W2); SBO 34CD00 (B1, W1);
// OPDC 99ZZ00 (B1, W1); MDO 90MD00 (B1, W1); SO 56EF00 outside the region.
void MonitoringIntegrationTest::SeedDirectory() {
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
void MonitoringIntegrationTest::SeedRegister() {
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
  const std::string t3 =
      report("12AB00", "LVS-T3", pb::THUISZITTER_CAUSE_SCHOOL_REFUSAL, "2026-01-05", "2026-02-02");
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
void MonitoringIntegrationTest::SeedTlvs() {
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
void MonitoringIntegrationTest::SeedSoProfiles() {
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
void MonitoringIntegrationTest::SeedSupport() {
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
void MonitoringIntegrationTest::SeedAllocation() {
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
  counts.set_parent("swvs/PO2203/count-dates/2025-02-01");
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

}  // namespace swv::monitoring::testing
