// What is derived from a TLV (its decision deadline, overdue, durations) and the TLV statistics
// with their percentiles.
#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "services/registrations/domain/tlv.h"

namespace swv::registrations {

absl::optional<absl::CivilDay> DecisionDeadline(const TlvState& state) {
  if (!state.completed_on) return absl::nullopt;
  return *state.completed_on + kDecisionTermDays + (state.extended ? kExtensionDays : 0);
}

bool IsDecided(const TlvState& state) {
  return state.status == TlvStatus::kGranted || state.status == TlvStatus::kRefused;
}

TlvOverdueCriteria OverdueAsOf(absl::CivilDay today) {
  return TlvOverdueCriteria{TlvStatus::kComplete, today};
}

bool IsTlvOverdue(const TlvState& state, absl::CivilDay today) {
  const TlvOverdueCriteria overdue = OverdueAsOf(today);
  absl::optional<absl::CivilDay> deadline = DecisionDeadline(state);
  return state.status == overdue.status && deadline && *deadline < overdue.deadline_before;
}

bool IsTlvDecidedLate(const TlvState& state) {
  absl::optional<absl::CivilDay> deadline = DecisionDeadline(state);
  return IsDecided(state) && deadline && state.decided_on && *state.decided_on > *deadline;
}

absl::optional<int> DaysToComplete(const TlvState& state) {
  if (!state.completed_on) return absl::nullopt;
  return static_cast<int>(*state.completed_on - state.received_on);
}

absl::optional<int> DaysToDecision(const TlvState& state) {
  if (!state.completed_on || !state.decided_on) return absl::nullopt;
  return static_cast<int>(*state.decided_on - *state.completed_on);
}

// ---- Statistics
// ----------------------------------------------------------------------------------

int NearestRankPercentile(const std::vector<int>& sorted_values, int p) {
  const std::size_t n = sorted_values.size();
  // ceil(p * n / 100) in integers; at least rank 1.
  std::size_t rank = (static_cast<std::size_t>(p) * n + 99) / 100;
  if (rank < 1) rank = 1;
  if (rank > n) rank = n;
  return sorted_values[rank - 1];
}

DurationPercentiles PercentilesOf(std::vector<int> values) {
  DurationPercentiles out;
  out.count = static_cast<int>(values.size());
  if (values.empty()) return out;
  std::sort(values.begin(), values.end());
  out.p25 = NearestRankPercentile(values, 25);
  out.p50 = NearestRankPercentile(values, 50);
  out.p75 = NearestRankPercentile(values, 75);
  return out;
}

namespace {

// Counts applications and OPPs one at a time; the percentiles are taken at the end.
class TlvStatisticsBuilder {
 public:
  TlvStatisticsBuilder(DayRange period, absl::CivilDay today) : period_(period), today_(today) {}

  void Add(const TlvState& t) {
    if (period_.Contains(t.received_on)) {
      ++stats_.received;
      if (!t.renews.empty()) ++stats_.renewals_received;
    }
    if (t.completed_on && period_.Contains(*t.completed_on)) {
      ++stats_.completed;
      to_complete_.push_back(*DaysToComplete(t));
    }
    if (IsDecided(t) && t.decided_on && period_.Contains(*t.decided_on)) AddDecision(t);
    if (t.objection_filed_on && period_.Contains(*t.objection_filed_on)) ++stats_.objections;
    // Applications registered with a future-dated... cannot exist (received_on <= today), so every
    // undecided application is open now.
    if (!IsDecided(t)) {
      ++stats_.open_now;
      if (IsTlvOverdue(t, today_)) ++stats_.overdue_now;
    }
  }

  void Add(const ValidOpp& opp) {
    if (IsOppActive(opp, today_)) ++stats_.opps_active_now;
    if (IsEvaluationOverdue(opp, today_)) ++stats_.opps_evaluation_overdue_now;
    if (period_.Contains(opp.drawn_up_on) && IsDrawnUpLate(opp)) ++stats_.opps_drawn_up_late;
  }

  TlvStatistics Build() && {
    stats_.received_to_complete = PercentilesOf(std::move(to_complete_));
    stats_.complete_to_decision = PercentilesOf(std::move(to_decision_));
    return std::move(stats_);
  }

 private:
  void AddDecision(const TlvState& t) {
    ++stats_.decided;
    if (IsTlvDecidedLate(t)) {
      ++stats_.decided_late;
    } else {
      ++stats_.decided_within_deadline;
    }
    to_decision_.push_back(*DaysToDecision(t));
    if (t.status != TlvStatus::kGranted) {
      ++stats_.refused;
      return;
    }
    ++stats_.granted;
    if (t.kind == TlvKind::kSbo) {
      ++stats_.granted_sbo;
    } else if (t.so_category == SoCategory::kLaag) {
      ++stats_.granted_so_laag;
    } else if (t.so_category == SoCategory::kMidden) {
      ++stats_.granted_so_midden;
    } else if (t.so_category == SoCategory::kHoog) {
      ++stats_.granted_so_hoog;
    }
    if (t.receiving_inside_region) {
      ++stats_.granted_receiving_inside_region;
    } else {
      ++stats_.granted_receiving_outside_region;
    }
  }

  DayRange period_;
  absl::CivilDay today_;
  TlvStatistics stats_;
  std::vector<int> to_complete_;
  std::vector<int> to_decision_;
};

}  // namespace

TlvStatistics ComputeTlvStatistics(const std::vector<TlvState>& tlvs,
                                   const std::vector<ValidOpp>& opps, DayRange period,
                                   absl::CivilDay today) {
  TlvStatisticsBuilder builder(period, today);
  for (const TlvState& t : tlvs) builder.Add(t);
  for (const ValidOpp& opp : opps) builder.Add(opp);
  return std::move(builder).Build();
}

std::map<std::string, TlvStatistics> ComputeTlvStatisticsByGroup(
    const std::vector<TlvState>& tlvs, const std::vector<ValidOpp>& opps,
    const std::function<std::string(const SchoolCode&)>& group_of, DayRange period,
    absl::CivilDay today) {
  std::map<std::string, TlvStatisticsBuilder> builders;
  auto builder_of = [&](const SchoolCode& school) -> TlvStatisticsBuilder& {
    return builders.try_emplace(group_of(school), period, today).first->second;
  };
  for (const TlvState& t : tlvs) builder_of(t.referring_school).Add(t);
  for (const ValidOpp& opp : opps) builder_of(opp.school).Add(opp);
  std::map<std::string, TlvStatistics> out;
  for (auto& [key, builder] : builders) out.emplace(key, std::move(builder).Build());
  return out;
}

}  // namespace swv::registrations
