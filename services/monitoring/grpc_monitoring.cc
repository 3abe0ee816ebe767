#include "services/monitoring/grpc_monitoring.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "services/common/grpc_handler.h"
#include "services/common/grpc_principal.h"
#include "services/common/grpc_status.h"
#include "services/common/proto_enum.h"
#include "services/common/tenant_names.h"
#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/resource_name.h"
#include "services/kernel/time_format.h"
#include "swv/v1/monitoring.grpc.pb.h"

namespace swv::monitoring {
namespace {

namespace pb = ::swv::v1;

void ToProto(const YearTarget& t, pb::YearTarget* out) {
  out->set_year(t.year);
  out->set_kind(ProtoEnumOf<pb::TargetKind>(TargetKindName(t.kind)));
  out->set_value_e4(t.value_e4);
  out->set_national_figure(t.national_figure);
  out->set_milestone(t.milestone);
}

void ToProto(const GoalRecord& r, pb::Goal* out) {
  const Goal& g = r.goal;
  out->set_name(absl::StrCat("swvs/", r.tenant, "/goals/", g.id));
  out->set_kind(g.kind == GoalKind::kMilestone ? pb::GOAL_KIND_MILESTONE : pb::GOAL_KIND_INDICATOR);
  out->set_theme(g.theme);
  out->set_indicator(g.indicator);
  if (g.kind == GoalKind::kIndicator) {
    out->set_direction(ProtoEnumOf<pb::Direction>(DirectionName(g.direction)));
    out->set_unit(ProtoEnumOf<pb::Unit>(UnitName(g.unit)));
  }
  for (Level l : g.levels) out->add_levels(ProtoEnumOf<pb::Level>(LevelName(l)));
  out->set_source(g.computed() ? "computed" : "reported");
  out->set_computed_indicator(g.computed_indicator);
  for (const YearTarget& t : g.targets) ToProto(t, out->add_targets());
  out->set_note(g.note);
  out->set_origin(g.origin);
  out->set_goal_set(r.goal_set);
  out->set_version(r.version);
  out->set_update_time(Rfc3339(r.update_time));
  out->set_updated_by(r.updated_by);
}

// The settable fields of a Goal message. Enum values the domain does not know become violations.
absl::StatusOr<Goal> GoalFromProto(const pb::Goal& in, std::string id) {
  Goal g;
  g.id = std::move(id);
  std::vector<FieldViolation> violations;
  g.kind = in.kind() == pb::GOAL_KIND_MILESTONE ? GoalKind::kMilestone : GoalKind::kIndicator;
  if (in.kind() == pb::GOAL_KIND_UNSPECIFIED) violations.push_back({"goal.kind", "required"});
  g.theme = in.theme();
  g.indicator = in.indicator();
  g.note = in.note();
  g.origin = in.origin();
  if (g.kind == GoalKind::kIndicator) {
    if (absl::optional<Direction> direction = FromProtoEnum(in.direction(), ParseDirection)) {
      g.direction = *direction;
    } else {
      violations.push_back({"goal.direction", "required: at least, at most or exactly"});
    }
    if (absl::optional<Unit> unit = FromProtoEnum(in.unit(), ParseUnit)) {
      g.unit = *unit;
    } else {
      violations.push_back({"goal.unit", "required"});
    }
    if (in.source() == "computed") {
      g.computed_indicator = in.computed_indicator();
      if (g.computed_indicator.empty())
        violations.push_back({"goal.computed_indicator", "required for a computed goal"});
    } else if (in.source() != "reported") {
      violations.push_back({"goal.source", "\"computed\" or \"reported\""});
    }
  } else {
    g.direction = Direction::kExactly;
    g.unit = Unit::kCount;
  }
  for (int i = 0; i < in.levels_size(); ++i) {
    absl::optional<Level> level = FromProtoEnum(in.levels(i), ParseLevel);
    if (!level) {
      violations.push_back({absl::StrCat("goal.levels[", i, "]"), "swv, wijk, board or school"});
    } else {
      g.levels.push_back(*level);
    }
  }
  for (int i = 0; i < in.targets_size(); ++i) {
    const pb::YearTarget& t = in.targets(i);
    YearTarget target;
    target.year = t.year();
    target.value_e4 = t.value_e4();
    target.national_figure = t.national_figure();
    target.milestone = t.milestone();
    switch (t.kind()) {
      case pb::TARGET_KIND_VALUE:
        target.kind = TargetKind::kValue;
        break;
      case pb::TARGET_KIND_NATIONAL_FIGURE:
        target.kind = TargetKind::kNationalFigure;
        break;
      case pb::TARGET_KIND_MILESTONE:
        target.kind = TargetKind::kMilestone;
        break;
      case pb::TARGET_KIND_TRACKED:
        target.kind = TargetKind::kTracked;
        break;
      default:
        violations.push_back({absl::StrCat("goal.targets[", i, "].kind"), "required"});
    }
    // A milestone goal's one year carries the goal's text.
    if (g.kind == GoalKind::kMilestone && target.milestone.empty()) target.milestone = g.indicator;
    g.targets.push_back(std::move(target));
  }
  if (!violations.empty()) return InvalidFields("INVALID_GOAL", violations);
  return g;
}

void ToProto(const MeasurementRecord& m, pb::Measurement* out) {
  out->set_name(absl::StrCat("swvs/", m.tenant, "/goals/", m.goal_id, "/measurements/", m.period,
                             "~", LevelName(m.level), "~", m.level_id, "~v", m.version));
  out->set_period(m.period);
  out->set_level(ProtoEnumOf<pb::Level>(LevelName(m.level)));
  out->set_level_id(m.level_id);
  if (m.value_e4) out->set_value_e4(*m.value_e4);
  if (m.done) out->set_done(*m.done);
  out->set_note(m.note);
  out->set_version(m.version);
  out->set_submitted_by(m.submitted_by);
  out->set_submit_time(Rfc3339(m.submit_time));
}

void ToProto(const StatusRow& r, pb::GoalStatus* out) {
  out->set_goal(r.goal_id);
  out->set_indicator(r.indicator);
  out->set_theme(r.theme);
  out->set_level(ProtoEnumOf<pb::Level>(LevelName(r.level)));
  out->set_level_id(r.level_id);
  out->set_year(r.period.year);
  out->set_period(r.period.ToString());
  if (r.target) ToProto(*r.target, out->mutable_target());
  if (r.target_e4) {
    out->set_target_e4(*r.target_e4);
    out->set_display_target(FormatValue(r.unit, *r.target_e4));
  } else if (r.target && r.target->kind == TargetKind::kMilestone) {
    out->set_display_target(r.target->milestone);
  }
  out->set_target_source(r.target_source);
  if (r.current.value) {
    out->set_value_e4(r.current.value->RoundedE4());
    out->set_display_value(FormatValue(r.unit, r.current.value->RoundedE4()));
  }
  if (r.current.done) {
    out->set_done(*r.current.done);
    out->set_display_value(*r.current.done ? "done" : "not done");
  }
  if (r.previous.value) out->set_previous_value_e4(r.previous.value->RoundedE4());
  out->set_status(ProtoEnumOf<pb::GoalStatusValue>(VerdictName(r.verdict)));
  out->set_trend(ProtoEnumOf<pb::Trend>(TrendName(r.trend)));
  out->set_provenance(r.current.provenance);
}

// A quarterly report and the name it was asked by, "swvs/{swv}/reports/{period}".
struct NamedReport {
  std::string name;
  std::string swv;
  Period period;
  StatusSnapshot report;
};

absl::StatusOr<NamedReport> Report(MonitoringService* service, const Principal& caller,
                                   absl::string_view name) {
  SWV_ASSIGN_OR_RETURN(auto ids, ParseResourceName("name", name, "reports"));
  SWV_ASSIGN_OR_RETURN(Period period, ParsePeriod("name", ids.second));
  SWV_ASSIGN_OR_RETURN(StatusSnapshot report, service->Report(caller, ids.first, period));
  return NamedReport{std::string(name), ids.first, period, std::move(report)};
}

void ToProto(const NamedReport& r, pb::Report* out) {
  out->set_name(r.name);
  out->set_period(r.period.ToString());
  out->set_period_start(FormatDate(r.period.first_day()));
  out->set_period_end(FormatDate(r.period.last_day()));
  for (const StatusRow& row : r.report.rows) ToProto(row, out->add_rows());
  out->set_computed_at(Rfc3339(r.report.computed_at));
}

void ToProto(const NamedReport& r, pb::ReportCsv* out) {
  // The report's Dutch name by its period: a year's, a quarter's or a four-month period's.
  const char* kind = r.period.tertial != 0   ? "viermaandsrapportage"
                     : r.period.quarter != 0 ? "kwartaalrapportage"
                                             : "jaarrapportage";
  out->set_filename(absl::StrCat(kind, "-", r.swv, "-", r.period.ToString(), ".csv"));
  out->set_content_type("text/csv; charset=utf-8; header=present");
  out->set_content(ReportCsv(r.report.rows));
}

void ToProto(const ImportResult& result, pb::ImportGoalSetResponse* out) {
  out->set_goal_set(result.goal_set);
  out->set_goals_created(result.counts.created);
  out->set_goals_updated(result.counts.updated);
  out->set_goals_unchanged(result.counts.unchanged);
  out->set_goals_retired(result.counts.retired);
}

class GrpcMonitoring final : public GrpcAdapter<pb::Monitoring::Service, MonitoringService> {
 public:
  using GrpcAdapter::GrpcAdapter;

  grpc::Status ImportGoalSet(grpc::ServerContext* context, const pb::ImportGoalSetRequest* request,
                             pb::ImportGoalSetResponse* response) override {
    return ServeOnParent(context, request->parent(), service_, &MonitoringService::ImportGoalSet,
                         ToProto, response, request->content());
  }

  grpc::Status CreateGoal(grpc::ServerContext* context, const pb::CreateGoalRequest* request,
                          pb::Goal* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto swv, SwvOfParent("parent", request->parent()));
      SWV_ASSIGN_OR_RETURN(auto goal, GoalFromProto(request->goal(), request->goal_id()));
      return Respond(service_->CreateGoal(caller, swv, goal), ToProto, response);
    });
  }

  grpc::Status GetGoal(grpc::ServerContext* context, const pb::GetGoalRequest* request,
                       pb::Goal* response) override {
    return ServeOnRecord(context, "name", request->name(), "goals", service_,
                         &MonitoringService::GetGoal, ToProto, response);
  }

  grpc::Status ListGoals(grpc::ServerContext* context, const pb::ListGoalsRequest* request,
                         pb::ListGoalsResponse* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto swv, SwvOfParent("parent", request->parent()));
      return RespondEach(service_->ListGoals(caller, swv), ToProto, response->mutable_goals());
    });
  }

  grpc::Status UpdateGoal(grpc::ServerContext* context, const pb::UpdateGoalRequest* request,
                          pb::Goal* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto name,
                           ParseResourceName("goal.name", request->goal().name(), "goals"));
      SWV_ASSIGN_OR_RETURN(auto goal, GoalFromProto(request->goal(), name.second));
      return Respond(service_->UpdateGoal(caller, name.first, goal, request->goal().version()),
                     ToProto, response);
    });
  }

  grpc::Status SubmitMeasurement(grpc::ServerContext* context,
                                 const pb::SubmitMeasurementRequest* request,
                                 pb::Measurement* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("parent", request->parent(), "goals"));
      const pb::Measurement& in = request->measurement();
      MeasurementInput input;
      input.period = in.period();
      if (in.level() != pb::LEVEL_UNSPECIFIED) {
        input.level = FromProtoEnum(in.level(), ParseLevel);
        if (!input.level) {
          return InvalidField("measurement.level", "INVALID_LEVEL", "swv, wijk, board or school");
        }
      }
      input.level_id = in.level_id();
      if (in.has_value_e4()) input.value_e4 = in.value_e4();
      if (in.has_done()) input.done = in.done();
      input.note = in.note();
      return Respond(service_->SubmitMeasurement(caller, name.first, name.second, input), ToProto,
                     response);
    });
  }

  grpc::Status ListMeasurements(grpc::ServerContext* context,
                                const pb::ListMeasurementsRequest* request,
                                pb::ListMeasurementsResponse* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("parent", request->parent(), "goals"));
      return RespondEach(service_->ListMeasurements(caller, name.first, name.second), ToProto,
                         response->mutable_measurements());
    });
  }

  grpc::Status GetGoalStatuses(grpc::ServerContext* context,
                               const pb::GetGoalStatusesRequest* request,
                               pb::GoalStatuses* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto swv, SwvOfParent("parent", request->parent()));
      if (request->year() < 2000 || request->year() > 2100) {
        return InvalidField("year", "MALFORMED_YEAR", "a calendar year, 2000-2100");
      }
      Level level = Level::kSwv;
      if (request->level() != pb::LEVEL_UNSPECIFIED) {
        absl::optional<Level> parsed = FromProtoEnum(request->level(), ParseLevel);
        if (!parsed) return InvalidField("level", "INVALID_LEVEL", "swv, wijk, board or school");
        level = *parsed;
      }
      SWV_ASSIGN_OR_RETURN(auto snapshot,
                           service_->GoalStatuses(caller, swv, Period{request->year(), 0}, level,
                                                  request->level_id(), request->goal()));
      response->set_year(request->year());
      response->set_level(ProtoEnumOf<pb::Level>(LevelName(level)));
      for (const StatusRow& row : snapshot.rows) ToProto(row, response->add_statuses());
      response->set_computed_at(Rfc3339(snapshot.computed_at));
      return absl::OkStatus();
    });
  }

  grpc::Status GetReport(grpc::ServerContext* context, const pb::GetReportRequest* request,
                         pb::Report* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      return Respond(Report(service_, caller, request->name()), ToProto, response);
    });
  }

  grpc::Status ExportReport(grpc::ServerContext* context, const pb::GetReportRequest* request,
                            pb::ReportCsv* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      return Respond(Report(service_, caller, request->name()), ToProto, response);
    });
  }
};

}  // namespace

std::unique_ptr<grpc::Service> NewGrpcMonitoring(MonitoringService* service) {
  return std::make_unique<GrpcMonitoring>(service);
}

}  // namespace swv::monitoring
