// Computed indicators: pure functions over the aggregates the other services publish (never over
// pupil records). Each indicator has a name (used in goal files as "source = computed <name>"), a
// unit, the levels it can be computed at, and the aggregate inputs it needs.
//
// Inputs are counts for one period and one level id, as returned by registrations
// (Tlvs.GetTlvStatistics, Tlvs.GetPlacementStatistics, Registrations.GetRegisterStatistics,
// Support.GetSupportStatistics) and allocation (Allocation.GetSchoolPupilCounts, the spending
// accounts). A missing input or an empty
// denominator gives no value, with the reason, never a made-up 0.
//
// Thread-safe: values and a constant table.
#ifndef SWV_SERVICES_MONITORING_DOMAIN_INDICATORS_H_
#define SWV_SERVICES_MONITORING_DOMAIN_INDICATORS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/optional.h"
#include "services/monitoring/domain/fixed_point.h"
#include "services/monitoring/domain/goal.h"

namespace swv::monitoring {

// Nearest-rank percentiles in days, as GetTlvStatistics computes them; count 0 = no values.
struct DayPercentiles {
  int64_t count = 0;
  int64_t p25 = 0;
  int64_t p50 = 0;
  int64_t p75 = 0;
};

// TLV applications in the period (events dated in the period).
struct TlvAggregate {
  int64_t received = 0;
  int64_t decided = 0;
  int64_t decided_within_deadline = 0;
  int64_t granted_receiving_inside_region = 0;
  int64_t granted_receiving_outside_region = 0;
  DayPercentiles received_to_complete;
  DayPercentiles complete_to_decision;
};

// Thuiszitter cases and exemptions (register statistics of the period).
struct RegisterAggregate {
  int64_t open_at_end = 0;
  int64_t open_past_one_month = 0;
  int64_t open_past_three_months = 0;
  int64_t reported = 0;
  // Cases open at any time in the period (whenever reported) whose cause is no suitable place.
  int64_t open_no_suitable_school_place = 0;
  int64_t duration_days_total = 0;  // over the cases reported in the period
  int64_t exemptions = 0;
  int64_t exemptions_with_swv_involvement = 0;
};

// Arrangements and OPDC placements of the period; school support profiles as on its end day;
// pupils on the waiting lists at any time in the period (Support.GetSupportStatistics).
struct SupportAggregate {
  int64_t arrangements_decided = 0;
  int64_t arrangements_decided_within_8_weeks = 0;
  int64_t opdc_started = 0;
  int64_t opdc_started_extended = 0;
  // The directory's regular and SBO schools inside the region, and any school with a profile.
  int64_t schools_counted = 0;
  int64_t schools_at_support_level_3_or_higher = 0;
  int64_t schools_at_support_level_4 = 0;
  int64_t profiles_update_overdue = 0;
  int64_t pupils_waiting_for_so = 0;
  int64_t pupils_waiting_for_sbo = 0;
  int64_t pupils_waiting_for_youth_care = 0;
};

// Where pupils with extra support are served and where pupils with an SO-TLV profile are
// educated (Tlvs.GetPlacementStatistics; definitions in docs/tlv.md), counted per first school.
struct PlacementAggregate {
  int64_t extra_support_pupils = 0;
  int64_t served_at_first_school = 0;
  int64_t served_in_same_wijk = 0;
  int64_t so_profile_pupils = 0;
  int64_t so_profile_at_mdo_inside_region = 0;
};

// The SWV's pupils on the count date: regular schools in the region, and pupils with an SBO / SO
// TLV. SWVs compute SBO% = SBO / (SBO + regular), SO% likewise (domain README).
struct PupilCounts {
  int64_t regular = 0;
  int64_t sbo = 0;
  int64_t so = 0;
  int64_t total() const { return regular + sbo + so; }
};

// Spending accounts of the boards (one year), as of the day asked.
struct SpendingAccountsAggregate {
  int64_t boards = 0;
  int64_t on_time = 0;
};

struct IndicatorInputs {
  absl::optional<TlvAggregate> tlv;
  // TLV applications received in the 12 months up to the period's end.
  absl::optional<int64_t> tlv_received_rolling_12_months;
  absl::optional<RegisterAggregate> register_counts;
  absl::optional<SupportAggregate> support;
  absl::optional<PlacementAggregate> placement;
  absl::optional<PupilCounts> pupils;
  absl::optional<SpendingAccountsAggregate> spending_accounts;
};

enum class Input { kTlv, kTlvRolling, kRegister, kSupport, kPlacement, kPupils, kSpendingAccounts };

struct IndicatorDefinition {
  std::string name;
  Unit unit;
  std::vector<Level> levels;
  std::vector<Input> inputs;
  // True for the participation indicators, whose targets may be a national figure.
  bool compares_with_national_figure = false;
  std::string definition;  // one line, for docs and provenance
};

// Every computed indicator, sorted by name.
const std::vector<IndicatorDefinition>& Indicators();
const IndicatorDefinition* FindIndicator(absl::string_view name);

struct IndicatorResult {
  absl::optional<Quantity> value;
  std::string no_data_reason;  // set when value is empty
};

// Computes one indicator. An unknown name gives no value with the reason.
IndicatorResult ComputeIndicator(absl::string_view name, const IndicatorInputs& inputs);

}  // namespace swv::monitoring

#endif  // SWV_SERVICES_MONITORING_DOMAIN_INDICATORS_H_
