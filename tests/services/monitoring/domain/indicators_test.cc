// Every computed indicator against a hand-built aggregate, with the value worked out by hand in
// the comment; and the "no data" cases (missing input, empty denominator).
#include "services/monitoring/domain/indicators.h"

#include "gtest/gtest.h"

namespace swv::monitoring {
namespace {

IndicatorInputs HandBuilt() {
  IndicatorInputs in;
  TlvAggregate tlv;
  tlv.received = 9;
  tlv.decided = 8;
  tlv.decided_within_deadline = 7;
  tlv.granted_receiving_inside_region = 19;
  tlv.granted_receiving_outside_region = 1;
  tlv.received_to_complete = {5, 3, 10, 14};
  tlv.complete_to_decision = {8, 21, 35, 42};
  in.tlv = tlv;
  in.tlv_received_rolling_12_months = 30;
  RegisterAggregate reg;
  reg.open_at_end = 6;
  reg.open_past_one_month = 4;
  reg.open_past_three_months = 2;
  reg.reported = 4;
  reg.open_no_suitable_school_place = 1;
  reg.duration_days_total = 45;
  reg.exemptions = 3;
  reg.exemptions_with_swv_involvement = 2;
  in.register_counts = reg;
  SupportAggregate support;
  support.arrangements_decided = 40;
  support.arrangements_decided_within_8_weeks = 38;
  support.opdc_started = 12;
  support.opdc_started_extended = 3;
  in.support = support;
  in.pupils = PupilCounts{11700, 200, 100};  // 12,000 pupils
  PlacementAggregate placement;
  placement.extra_support_pupils = 20;
  placement.served_at_first_school = 9;
  placement.served_in_same_wijk = 4;  // 13 of 20 close to home
  placement.so_profile_pupils = 10;
  placement.so_profile_at_mdo_inside_region = 9;
  in.placement = placement;
  in.spending_accounts = SpendingAccountsAggregate{8, 6};
  return in;
}

int64_t E4(absl::string_view name, const IndicatorInputs& in = HandBuilt()) {
  IndicatorResult result = ComputeIndicator(name, in);
  EXPECT_TRUE(result.value.has_value()) << name << ": " << result.no_data_reason;
  return result.value ? result.value->RoundedE4() : -1;
}

TEST(IndicatorsTest, TlvIndicators) {
  EXPECT_EQ(E4("tlv_decided_within_deadline_share"), 875000);  // 7/8 = 87.5%
  EXPECT_EQ(E4("tlv_received_to_complete_p25_days"), 30000);   // 3 days
  EXPECT_EQ(E4("tlv_received_to_complete_p50_days"), 100000);
  EXPECT_EQ(E4("tlv_received_to_complete_p75_days"), 140000);
  EXPECT_EQ(E4("tlv_complete_to_decision_p25_days"), 210000);
  EXPECT_EQ(E4("tlv_complete_to_decision_p50_days"), 350000);
  EXPECT_EQ(E4("tlv_complete_to_decision_p75_days"), 420000);
  EXPECT_EQ(E4("tlv_requests_per_1000_pupils_rolling_12m"), 25000);  // 30 / 12,000 x 1000 = 2.5
  EXPECT_EQ(E4("special_education_inside_region_share"), 950000);    // 19/20 = 95%
  EXPECT_EQ(E4("special_education_outside_region_share"), 50000);    // 1/20 = 5%
}

TEST(IndicatorsTest, ThuiszitterAndExemptionIndicators) {
  EXPECT_EQ(E4("thuiszitters_no_suitable_school_place"), 10000);  // 1 case
  EXPECT_EQ(E4("thuiszitters_per_1000_pupils"), 5000);            // 6 / 12,000 x 1000 = 0.5
  EXPECT_EQ(E4("thuiszitter_average_duration_days"), 112500);     // 45 / 4 = 11.25 days
  EXPECT_EQ(E4("thuiszitters_open_past_one_month"), 40000);
  EXPECT_EQ(E4("thuiszitters_open_past_three_months"), 20000);
  EXPECT_EQ(E4("exemptions_with_swv_involvement_share"), 666667);  // 2/3 = 66.6667% rounded
  EXPECT_EQ(
      ComputeIndicator("exemptions_with_swv_involvement_share", HandBuilt()).value->denominator, 3);
}

TEST(IndicatorsTest, SupportIndicators) {
  EXPECT_EQ(E4("arrangements_decided_within_8_weeks_share"), 950000);  // 38/40
  EXPECT_EQ(E4("opdc_extension_share"), 250000);                       // 3/12 = 25%
}

TEST(IndicatorsTest, SchoolProfileIndicators) {
  IndicatorInputs in = HandBuilt();
  in.support->schools_counted = 8;
  in.support->schools_at_support_level_3_or_higher = 6;
  in.support->schools_at_support_level_4 = 2;
  in.support->profiles_update_overdue = 1;
  EXPECT_EQ(E4("schools_at_support_level_3_share", in), 750000);  // 6/8, level 4 included
  EXPECT_EQ(E4("schools_at_support_level_4_share", in), 250000);  // 2/8
  EXPECT_EQ(E4("school_profiles_update_overdue", in), 10000);
  // Every school at level 3 or higher: 100% (the 2027 target).
  in.support->schools_at_support_level_3_or_higher = 8;
  EXPECT_EQ(E4("schools_at_support_level_3_share", in), 1000000);
  // No school to count is no data, not 0%.
  in.support->schools_counted = 0;
  in.support->schools_at_support_level_3_or_higher = 0;
  IndicatorResult none = ComputeIndicator("schools_at_support_level_4_share", in);
  EXPECT_FALSE(none.value.has_value());
  EXPECT_EQ(none.no_data_reason, "no school to count");
  EXPECT_EQ(FindIndicator("schools_at_support_level_3_share")->levels,
            (std::vector<Level>{Level::kSwv, Level::kWijk, Level::kBoard}));
}

TEST(IndicatorsTest, WaitingListIndicators) {
  IndicatorInputs in = HandBuilt();
  // An empty waiting list is a value: the target of 0 is met.
  EXPECT_EQ(E4("pupils_waiting_for_so", in), 0);
  EXPECT_EQ(E4("pupils_waiting_for_sbo", in), 0);
  in.support->pupils_waiting_for_so = 3;
  in.support->pupils_waiting_for_sbo = 1;
  in.support->pupils_waiting_for_youth_care = 7;
  EXPECT_EQ(E4("pupils_waiting_for_so", in), 30000);
  EXPECT_EQ(E4("pupils_waiting_for_sbo", in), 10000);
  EXPECT_EQ(E4("pupils_waiting_for_youth_care", in), 70000);
  EXPECT_EQ(FindIndicator("pupils_waiting_for_so")->unit, Unit::kCount);
  in.support.reset();
  EXPECT_EQ(ComputeIndicator("pupils_waiting_for_sbo", in).no_data_reason,
            "support statistics not available");
}

TEST(IndicatorsTest, PlacementIndicators) {
  EXPECT_EQ(E4("extra_support_served_in_own_wijk_share"), 650000);  // (9 + 4) / 20 = 65%
  EXPECT_EQ(E4("so_profile_at_mdo_inside_region_share"), 900000);   // 9/10 = 90%
  IndicatorInputs in = HandBuilt();
  in.placement->so_profile_pupils = 0;
  in.placement->so_profile_at_mdo_inside_region = 0;
  IndicatorResult none = ComputeIndicator("so_profile_at_mdo_inside_region_share", in);
  EXPECT_FALSE(none.value.has_value());
  EXPECT_EQ(none.no_data_reason, "no pupil with an SO-TLV profile in the period");
  in.placement.reset();
  EXPECT_EQ(ComputeIndicator("extra_support_served_in_own_wijk_share", in).no_data_reason,
            "placement statistics not available");
}

TEST(IndicatorsTest, ParticipationIndicators) {
  EXPECT_EQ(E4("sbo_participation"), 16807);                // 200 / 11,900 = 1.68067...%
  EXPECT_EQ(E4("so_participation"), 8475);                  // 100 / 11,800 = 0.847457...%
  EXPECT_EQ(E4("special_education_participation"), 25000);  // 300 / 12,000 = 2.5%
}

TEST(IndicatorsTest, SpendingAccounts) {
  EXPECT_EQ(E4("spending_accounts_on_time_share"), 750000);  // 6/8
}

TEST(IndicatorsTest, ZeroCountsAreValuesButEmptyDenominatorsAreNoData) {
  IndicatorInputs in = HandBuilt();
  in.register_counts->open_no_suitable_school_place = 0;
  EXPECT_EQ(E4("thuiszitters_no_suitable_school_place", in), 0);  // 0 is a value: target met
  in.tlv->decided = 0;
  in.tlv->decided_within_deadline = 0;
  IndicatorResult result = ComputeIndicator("tlv_decided_within_deadline_share", in);
  EXPECT_FALSE(result.value.has_value());
  EXPECT_EQ(result.no_data_reason, "no TLV decided in the period");
  in.tlv->complete_to_decision = {};
  EXPECT_FALSE(ComputeIndicator("tlv_complete_to_decision_p50_days", in).value.has_value());
  in.register_counts->reported = 0;
  EXPECT_FALSE(ComputeIndicator("thuiszitter_average_duration_days", in).value.has_value());
  in.pupils = PupilCounts{0, 0, 0};
  EXPECT_FALSE(ComputeIndicator("thuiszitters_per_1000_pupils", in).value.has_value());
  EXPECT_FALSE(ComputeIndicator("sbo_participation", in).value.has_value());
}

TEST(IndicatorsTest, MissingInputsAreNoData) {
  IndicatorInputs in = HandBuilt();
  in.pupils.reset();
  IndicatorResult result = ComputeIndicator("sbo_participation", in);
  EXPECT_FALSE(result.value.has_value());
  EXPECT_EQ(result.no_data_reason, "pupil counts (allocation calculation) not available");
  EXPECT_FALSE(ComputeIndicator("thuiszitters_per_1000_pupils", in).value.has_value());
  EXPECT_TRUE(ComputeIndicator("thuiszitters_open_past_one_month", in).value.has_value());
  EXPECT_EQ(ComputeIndicator("nope", in).no_data_reason, "unknown indicator \"nope\"");
}

TEST(IndicatorsTest, TableIsSortedAndComplete) {
  const std::vector<IndicatorDefinition>& all = Indicators();
  ASSERT_EQ(all.size(), 30u);
  for (size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1].name, all[i].name);
  // Pupil counts come per school, so participation and "per 1,000" work at every level.
  const std::vector<Level> all_levels = {Level::kSwv, Level::kWijk, Level::kBoard, Level::kSchool};
  for (const char* name :
       {"sbo_participation", "so_participation", "special_education_participation",
        "thuiszitters_per_1000_pupils", "tlv_requests_per_1000_pupils_rolling_12m",
        "extra_support_served_in_own_wijk_share", "so_profile_at_mdo_inside_region_share"}) {
    EXPECT_EQ(FindIndicator(name)->levels, all_levels) << name;
  }
  EXPECT_EQ(FindIndicator("spending_accounts_on_time_share")->levels,
            (std::vector<Level>{Level::kSwv, Level::kBoard}));
  EXPECT_TRUE(FindIndicator("so_participation")->compares_with_national_figure);
}

}  // namespace
}  // namespace swv::monitoring
