// What is derived from a TLV (its decision deadline, overdue, durations) and the TLV statistics
// with their percentiles.
#include <algorithm>
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

TlvStatistics ComputeTlvStatistics(const std::vector<TlvState>& tlvs,
                                   const std::vector<ValidOpp>& opps, DayRange period,
                                   absl::CivilDay today) {
  TlvStatistics stats;
  std::vector<int> to_complete;
  std::vector<int> to_decision;
  for (const TlvState& t : tlvs) {
    if (period.Contains(t.received_on)) {
      ++stats.received;
      if (!t.renews.empty()) ++stats.renewals_received;
    }
    if (t.completed_on && period.Contains(*t.completed_on)) {
      ++stats.completed;
      to_complete.push_back(*DaysToComplete(t));
    }
    if (IsDecided(t) && t.decided_on && period.Contains(*t.decided_on)) {
      ++stats.decided;
      if (IsTlvDecidedLate(t)) {
        ++stats.decided_late;
      } else {
        ++stats.decided_within_deadline;
      }
      to_decision.push_back(*DaysToDecision(t));
      if (t.status == TlvStatus::kGranted) {
        ++stats.granted;
        if (t.kind == TlvKind::kSbo) {
          ++stats.granted_sbo;
        } else if (t.so_category == SoCategory::kLaag) {
          ++stats.granted_so_laag;
        } else if (t.so_category == SoCategory::kMidden) {
          ++stats.granted_so_midden;
        } else if (t.so_category == SoCategory::kHoog) {
          ++stats.granted_so_hoog;
        }
        if (t.receiving_inside_region) {
          ++stats.granted_receiving_inside_region;
        } else {
          ++stats.granted_receiving_outside_region;
        }
      } else {
        ++stats.refused;
      }
    }
    if (t.objection_filed_on && period.Contains(*t.objection_filed_on)) ++stats.objections;
    // Applications registered with a future-dated... cannot exist (received_on <= today), so every
    // undecided application is open now.
    if (!IsDecided(t)) {
      ++stats.open_now;
      if (IsTlvOverdue(t, today)) ++stats.overdue_now;
    }
  }
  stats.received_to_complete = PercentilesOf(std::move(to_complete));
  stats.complete_to_decision = PercentilesOf(std::move(to_decision));
  for (const ValidOpp& opp : opps) {
    if (IsOppActive(opp, today)) ++stats.opps_active_now;
    if (IsEvaluationOverdue(opp, today)) ++stats.opps_evaluation_overdue_now;
    if (period.Contains(opp.drawn_up_on) && IsDrawnUpLate(opp)) ++stats.opps_drawn_up_late;
  }
  return stats;
}

}  // namespace swv::registrations
