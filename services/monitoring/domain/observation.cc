#include "services/monitoring/domain/observation.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/kernel/errors.h"
#include "services/kernel/time_format.h"

namespace swv::monitoring {
MeasurementIndex IndexMeasurements(std::vector<MeasurementRecord> latest) {
  MeasurementIndex index;
  for (MeasurementRecord& m : latest) {
    MeasurementKey key{m.goal_id, m.period, m.level, m.level_id};
    index.emplace(std::move(key), std::move(m));
  }
  return index;
}

std::vector<std::string> MeasurementPeriods(Period period) {
  std::vector<std::string> out;
  const std::string year = absl::StrCat(period.year);
  if (period.quarter != 0) {
    for (int q = period.quarter; q >= 1; --q) out.push_back(absl::StrCat(year, "-Q", q));
    out.push_back(year);
  } else if (period.tertial != 0) {
    for (int t = period.tertial; t >= 1; --t) out.push_back(absl::StrCat(year, "-T", t));
    out.push_back(year);
  } else {
    // An SWV reports by quarter or by four months; a year falls back on the latest of either.
    out.push_back(year);
    for (int q = 4; q >= 1; --q) out.push_back(absl::StrCat(year, "-Q", q));
    for (int t = 3; t >= 1; --t) out.push_back(absl::StrCat(year, "-T", t));
  }
  return out;
}

bool ValidLevelId(absl::string_view id) {
  if (id.empty() || id.size() > 32) return false;
  for (char c : id) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  }
  return true;
}

std::string CanonicalLevelId(absl::string_view id) { return absl::AsciiStrToUpper(id); }

absl::Status CheckLevelId(Level level, absl::string_view id, absl::string_view field) {
  if (level == Level::kSwv) {
    if (!id.empty())
      return InvalidField(field, "LEVEL_ID_NOT_ALLOWED", "must be empty at level swv");
    return absl::OkStatus();
  }
  if (!ValidLevelId(id)) {
    return InvalidField(field, "MALFORMED_LEVEL_ID",
                        "the wijk, board or school code: 1-32 letters, digits or '-'");
  }
  return absl::OkStatus();
}

Observation Observe(const Goal& goal, Period period, Level level, const std::string& id,
                    IndicatorSource& fetch, const MeasurementIndex& measurements) {
  const YearTarget* target = goal.TargetFor(period.year);
  const bool milestone_year =
      goal.kind == GoalKind::kMilestone || (target && target->kind == TargetKind::kMilestone);
  Observation obs;
  if (goal.computed() && !milestone_year) {
    if (!fetch.started()) {
      obs.provenance = "no data: the period has not started";
      return obs;
    }
    const IndicatorDefinition* indicator = FindIndicator(goal.computed_indicator);
    if (indicator == nullptr) {
      obs.provenance = absl::StrCat("no data: unknown indicator ", goal.computed_indicator);
      return obs;
    }
    std::string error;
    IndicatorInputs inputs = fetch.Inputs(*indicator, id, &error);
    IndicatorResult result = ComputeIndicator(indicator->name, inputs);
    obs.value = result.value;
    obs.provenance = result.value
                         ? absl::StrCat("computed ", indicator->name)
                         : absl::StrCat("no data: ", error.empty() ? result.no_data_reason : error);
    return obs;
  }
  for (const std::string& p : MeasurementPeriods(period)) {
    auto it = measurements.find({goal.id, p, level, id});
    if (it == measurements.end()) continue;
    const MeasurementRecord& m = it->second;
    if (milestone_year) {
      if (!m.done) continue;
      obs.done = m.done;
    } else {
      if (!m.value_e4) continue;
      obs.value = Quantity::Exact(*m.value_e4);
    }
    obs.provenance = absl::StrCat("reported ", m.period, " v", m.version, " by ", m.submitted_by,
                                  " at ", Rfc3339(m.submit_time));
    return obs;
  }
  obs.provenance = "no data: nothing reported";
  return obs;
}

}  // namespace swv::monitoring
