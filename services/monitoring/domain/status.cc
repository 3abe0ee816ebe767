#include "services/monitoring/domain/status.h"

#include "absl/strings/str_cat.h"
#include "services/kernel/csv.h"
#include "services/kernel/enum_names.h"

namespace swv::monitoring {
namespace {

std::string Number(const absl::optional<Quantity>& q) { return q ? FormatE4(q->RoundedE4()) : ""; }

std::string Done(const absl::optional<bool>& done) {
  if (!done) return "";
  return *done ? "yes" : "no";
}

}  // namespace

constexpr EnumName<TargetKind> kTargetKindNames[] = {
    {TargetKind::kValue, "value"},
    {TargetKind::kNationalFigure, "national_figure"},
    {TargetKind::kMilestone, "milestone"},
    {TargetKind::kTracked, "tracked"},
};

const char* TargetKindName(TargetKind kind) { return NameOf(kTargetKindNames, kind, ""); }

StatusRow Evaluate(const Goal& goal, Level level, const std::string& level_id, Period period,
                   const Observation& current, const Observation& previous,
                   const NationalFigures& national) {
  StatusRow row;
  row.goal_id = goal.id;
  row.theme = goal.theme;
  row.indicator = goal.indicator;
  row.kind = goal.kind;
  row.direction = goal.direction;
  row.unit = goal.unit;
  row.level = level;
  row.level_id = level_id;
  row.period = period;
  row.current = current;
  row.previous = previous;
  if (const YearTarget* t = goal.TargetFor(period.year)) row.target = *t;
  const bool milestone_year = goal.kind == GoalKind::kMilestone ||
                              (row.target && row.target->kind == TargetKind::kMilestone);
  if (milestone_year) {
    row.verdict = JudgeMilestone(current.done);
    row.trend = MilestoneTrend(current.done, previous.done);
    return row;
  }
  if (row.target) {
    switch (row.target->kind) {
      case TargetKind::kValue:
        row.target_e4 = row.target->value_e4;
        break;
      case TargetKind::kNationalFigure:
        if (absl::optional<NationalFigure> figure =
                national.For(row.target->national_figure, period.year)) {
          row.target_e4 = figure->value_e4;
          row.target_source = figure->description;
        } else {
          row.target_source = absl::StrCat("no national ", row.target->national_figure,
                                           " figure for ", period.year, " or earlier");
        }
        break;
      case TargetKind::kMilestone:
      case TargetKind::kTracked:
        break;
    }
  }
  row.verdict = Judge(goal.direction, current.value, row.target_e4);
  row.trend = TrendOf(goal.direction, current.value, previous.value, row.target_e4);
  return row;
}

std::string ReportCsv(const std::vector<StatusRow>& rows) {
  std::string out =
      "period,level,level_id,goal,theme,indicator,unit,direction,target_kind,target,value,done,"
      "status,trend,previous_value,provenance\r\n";
  for (const StatusRow& r : rows) {
    const bool milestone = r.kind == GoalKind::kMilestone;
    std::vector<std::string> fields = {
        r.period.ToString(),
        LevelName(r.level),
        r.level_id,
        r.goal_id,
        r.theme,
        r.indicator,
        milestone ? "" : UnitName(r.unit),
        milestone ? "" : DirectionName(r.direction),
        r.target ? TargetKindName(r.target->kind) : "",
        r.target_e4
            ? FormatE4(*r.target_e4)
            : (r.target && r.target->kind == TargetKind::kMilestone ? r.target->milestone : ""),
        Number(r.current.value),
        Done(r.current.done),
        VerdictName(r.verdict),
        TrendName(r.trend),
        r.previous.done ? Done(r.previous.done) : Number(r.previous.value),
        r.current.provenance,
    };
    AppendCsvRow(&out, fields);
  }
  return out;
}

}  // namespace swv::monitoring
