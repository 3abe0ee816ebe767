// One goal's standing for a period at one level id, and the kwartaalrapportage CSV built from
// such rows. Pure.
#ifndef SWV_SERVICES_MONITORING_DOMAIN_STATUS_H_
#define SWV_SERVICES_MONITORING_DOMAIN_STATUS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/types/optional.h"
#include "services/monitoring/domain/evaluation.h"
#include "services/monitoring/domain/fixed_point.h"
#include "services/monitoring/domain/goal.h"
#include "services/monitoring/domain/national.h"
#include "services/monitoring/domain/period.h"

namespace swv::monitoring {

// What was measured for one goal, period and level id: a computed or reported value, or a
// milestone's done / not done, or nothing (with the reason).
struct Observation {
  absl::optional<Quantity> value;
  absl::optional<bool> done;
  std::string provenance;  // "computed tlv_decided_within_deadline_share", "reported v2 by ..."
};

struct StatusRow {
  std::string goal_id;
  std::string theme;
  std::string indicator;
  GoalKind kind = GoalKind::kIndicator;
  Direction direction = Direction::kAtLeast;
  Unit unit = Unit::kPercent;
  Level level = Level::kSwv;
  std::string level_id;
  Period period;
  absl::optional<YearTarget> target;  // none: the goal has no target for the year
  absl::optional<int64_t> target_e4;  // resolved number (national figures looked up)
  std::string target_source;
  Observation current;
  Observation previous;
  Verdict verdict = Verdict::kNoData;
  Trend trend = Trend::kNoPrevious;
};

// Builds the row: resolves the year's target (a national figure through `national`), judges the
// current observation and the trend against the previous one. A goal year whose target is a
// milestone text is judged as a milestone (done / not done) even for an indicator goal.
StatusRow Evaluate(const Goal& goal, Level level, const std::string& level_id, Period period,
                   const Observation& current, const Observation& previous,
                   const NationalFigures& national);

// RFC 4180 (CRLF, header row, quotes only where needed), columns:
//   period,level,level_id,goal,theme,indicator,unit,direction,target_kind,target,value,done,
//   status,trend,previous_value,provenance
// Numbers in the goal's unit with a dot and up to 4 decimals ("47.5"), rounded half away from
// zero; empty when absent. Rows in the order given.
std::string ReportCsv(const std::vector<StatusRow>& rows);

const char* TargetKindName(TargetKind kind);  // value, national_figure, milestone, tracked

}  // namespace swv::monitoring

#endif  // SWV_SERVICES_MONITORING_DOMAIN_STATUS_H_
