// Monitoring against the real registrations and allocation services: RegistrationsApp and
// AllocationApp each on their own ServiceRuntime on loopback (port 0), seeded only through their
// gRPC APIs with a small hand-built data set; monitoring reads their aggregate RPCs over gRPC
// (never their tables) and every computed indicator is checked against a value worked out by hand
// in the comments. SQLite and MariaDB.
// The fixture: monitoring_integration_fixture.h; the data set: monitoring_integration_seed.cc.
#include <map>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/services/monitoring/monitoring_integration_fixture.h"

namespace swv::monitoring::testing {
namespace {

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
  // A wijk asked for by its code in lower case is the same wijk, with the same figures.
  const std::map<std::string, pb::GoalStatus> w1 = Statuses(2026, pb::LEVEL_WIJK, "w1");
  EXPECT_FALSE(w1.empty());
  for (const auto& [key, status] : w1) {
    ASSERT_EQ(key.substr(0, 3), "W1/") << key;
    EXPECT_EQ(status.value_e4(), w[key].value_e4()) << key;
    EXPECT_EQ(status.status(), w[key].status()) << key;
  }
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
