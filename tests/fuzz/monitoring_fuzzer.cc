// Fuzzes the monitoring rules: the goal file parser, the national figures file, periods, decimal
// values, judging a goal (services/monitoring/domain), and the validation of a reported
// measurement, which lives in MonitoringService::SubmitMeasurement: it runs on a real service over
// an in-memory SQLite database holding a fixed goal set (kGoals below). The first line of an
// input names the part (seeds in monitoring/corpus).
//
// Invariants beyond "no crash, no UB": refusals have the documented shape; a parsed goal formats
// and parses back to itself (goal_file.h promises it); decimals and periods read back; an accepted
// measurement obeys the documented ranges.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/time/time.h"
#include "services/common/clock.h"
#include "services/common/principal.h"
#include "services/monitoring/domain/evaluation.h"
#include "services/monitoring/domain/fixed_point.h"
#include "services/monitoring/domain/goal.h"
#include "services/monitoring/domain/goal_file.h"
#include "services/monitoring/domain/national.h"
#include "services/monitoring/domain/period.h"
#include "services/monitoring/domain/status.h"
#include "services/monitoring/monitoring_app.h"
#include "storage/database.h"
#include "tests/fuzz/fuzz_database.h"
#include "tests/fuzz/fuzz_input.h"

namespace swv::monitoring {
namespace {

// The SWV office of the fuzzed tenant: the principal that imports goals and submits measurements.
swv::Principal Office() {
  swv::Principal office;
  office.id = "office:PO2203";
  office.kind = swv::PrincipalKind::kOffice;
  office.tenant = "PO2203";
  return office;
}

using fuzz::CheckRefusal;
using fuzz::FuzzLines;
using fuzz::SetupFailed;

// One goal of each shape SubmitMeasurement distinguishes: reported percent, reported count at
// several levels, a milestone, a computed goal, and a reported goal with a milestone year.
constexpr char kGoals[] = R"(goal_set = po2203/fuzz
title = Fuzz goals

[goal reported-percent]
theme = t
indicator = a reported share
direction = at_least
unit = percent
levels = swv, wijk, board, school
source = reported
target 2026 = 90
target 2027 = tracked

[goal reported-count]
theme = t
indicator = a reported count
direction = at_most
unit = count
levels = swv
source = reported
target 2026 = 3
target 2027 = milestone Telling ingevoerd

[milestone penvoerders]
theme = t
indicator = Penvoerderschap is ingevoerd
year = 2026
levels = swv, wijk

[goal tlv-binnen-termijn]
theme = t
indicator = TLVs in time
direction = at_least
unit = percent
levels = swv, wijk, board
source = computed tlv_decided_within_deadline_share
target 2026 = 100
)";

// The service and its database, built once for the whole run.
struct Service {
  FakeClock clock{absl::FromCivil(absl::CivilSecond(2026, 11, 20, 12, 0, 0), absl::UTCTimeZone())};
  std::unique_ptr<storage::Database> db;
  std::unique_ptr<MonitoringApp> app;
};

Service& TheService() {
  static Service* service = [] {
    auto* s = new Service;
    s->db = fuzz::OpenMemoryDatabase();
    absl::StatusOr<NationalFigures> national =
        NationalFigures::Parse("sbo 2021 = 2.5\nso 2021 = 2.3\n");
    if (!national.ok()) SetupFailed(national.status());
    MonitoringAppOptions app_options;
    app_options.national_figures = *national;
    absl::StatusOr<std::unique_ptr<MonitoringApp>> app =
        MonitoringApp::Create(s->db.get(), nullptr, nullptr, &s->clock, app_options);
    if (!app.ok()) SetupFailed(app.status());
    s->app = *std::move(app);
    absl::StatusOr<ImportResult> imported =
        s->app->service().ImportGoalSet(Office(), "PO2203", kGoals);
    if (!imported.ok()) SetupFailed(imported.status());
    return s;
  }();
  return *service;
}

void GoalFile(FuzzLines& in) {
  absl::StatusOr<GoalSet> set = ParseGoalFile(in.Rest());
  if (!set.ok()) return CheckRefusal(set.status(), "ParseGoalFile");
  SWV_FUZZ_CHECK(ValidateGoalSet(*set).empty(), "a parsed goal set breaks the goal rules");
  for (const Goal& goal : set->goals) {
    const std::string text = FormatGoal(goal);
    absl::StatusOr<Goal> again = ParseGoalSection(text);
    SWV_FUZZ_CHECK(again.ok(),
                   "a formatted goal does not parse: " + again.status().ToString() + "\n" + text);
    SWV_FUZZ_CHECK(*again == goal, "a goal does not read back from its formatted text:\n" + text);
  }
}

void GoalSection(FuzzLines& in) {
  absl::StatusOr<Goal> goal = ParseGoalSection(in.Rest());
  if (!goal.ok()) return CheckRefusal(goal.status(), "ParseGoalSection");
  absl::StatusOr<Goal> again = ParseGoalSection(FormatGoal(*goal));
  SWV_FUZZ_CHECK(again.ok() && *again == *goal, "a goal section does not read back");
}

void National(FuzzLines& in) {
  absl::StatusOr<NationalFigures> figures = NationalFigures::Parse(in.Rest());
  if (!figures.ok()) {
    // A data file read at start, not a request: its errors name the line (national.h).
    SWV_FUZZ_CHECK(figures.status().code() == absl::StatusCode::kInvalidArgument &&
                       absl::StartsWith(figures.status().message(), "line "),
                   "a national figures error without its line: " + figures.status().ToString());
    return;
  }
  for (const char* key : {"sbo", "so", "total"}) figures->For(key, 2026);
}

void Values(FuzzLines& in) {
  const std::string decimal = in.Next();
  if (absl::StatusOr<int64_t> value = ParseDecimalE4(decimal); value.ok()) {
    absl::StatusOr<int64_t> again = ParseDecimalE4(FormatE4(*value));
    SWV_FUZZ_CHECK(again.ok() && *again == *value, "a decimal does not read back: " + decimal);
    for (Unit unit :
         {Unit::kPercent, Unit::kCount, Unit::kScore, Unit::kDays, Unit::kPer1000Pupils}) {
      FormatValue(unit, *value);
    }
  }
  const std::string period_text = in.Next();
  if (absl::StatusOr<Period> period = ParsePeriod("period", period_text); period.ok()) {
    absl::StatusOr<Period> again = ParsePeriod("period", period->ToString());
    SWV_FUZZ_CHECK(again.ok() && *again == *period, "a period does not read back: " + period_text);
    SWV_FUZZ_CHECK(period->Previous() < *period, "the previous period is not earlier");
    SWV_FUZZ_CHECK(period->first_day() <= period->last_day(), "a period ends before it starts");
  } else {
    CheckRefusal(period.status(), "ParsePeriod");
  }
  // Quantities: numerator, denominator (> 0), target.
  const int64_t numerator = in.NextIntOr(0);
  const int64_t denominator = in.NextIntOr(1);
  const int64_t target = in.NextIntOr(0);
  if (denominator > 0) {
    const Quantity q{numerator, denominator};
    q.RoundedE4();
    Compare(q, target);
    for (Direction d : {Direction::kAtLeast, Direction::kAtMost, Direction::kExactly}) {
      Judge(d, q, target);
      TrendOf(d, q, Quantity::Exact(target), target);
    }
  }
}

// A goal section (the rest), judged for a period and level with a current and previous value.
void Judgement(FuzzLines& in) {
  absl::StatusOr<Period> period = ParsePeriod("period", in.Next());
  const absl::optional<Level> level = ParseLevel(in.Next());
  const std::string level_id = in.Next();
  Observation current;
  Observation previous;
  if (absl::optional<int64_t> value = in.NextInt()) current.value = Quantity::Exact(*value);
  current.done = in.NextOptionalBool();
  if (absl::optional<int64_t> value = in.NextInt()) previous.value = Quantity::Exact(*value);
  previous.done = in.NextOptionalBool();
  absl::StatusOr<Goal> goal = ParseGoalSection(in.Rest());
  if (!period.ok() || !goal.ok()) return;
  NationalFigures national;
  national.Set("sbo", 2021, 25000);
  national.Set("so", 2021, 23000);
  StatusRow row =
      Evaluate(*goal, level.value_or(Level::kSwv), level_id, *period, current, previous, national);
  ReportCsv({row});
}

// Lines: goal id, period, level ("" = default), level id, value_e4 ("" = none), done ("" = none),
// then the note (the rest).
void Measurement(FuzzLines& in) {
  Service& service = TheService();
  const std::string goal_id = in.Next();
  MeasurementInput input;
  input.period = in.Next();
  input.level = ParseLevel(in.Next());
  input.level_id = in.Next();
  input.value_e4 = in.NextInt();
  input.done = in.NextOptionalBool();
  input.note = in.Rest();
  absl::StatusOr<MeasurementRecord> stored =
      service.app->service().SubmitMeasurement(Office(), "PO2203", goal_id, input);
  if (!stored.ok()) {
    if (stored.status().code() == absl::StatusCode::kNotFound) return;  // no such goal
    return CheckRefusal(stored.status(), "SubmitMeasurement");
  }
  SWV_FUZZ_CHECK(stored->note.size() <= 500, "accepted a note over 500 characters");
  if (stored->value_e4) {
    SWV_FUZZ_CHECK(*stored->value_e4 >= 0, "accepted a negative value");
    SWV_FUZZ_CHECK(goal_id != "reported-percent" || *stored->value_e4 <= 100 * kE4,
                   "accepted a percentage over 100");
  }
  SWV_FUZZ_CHECK(stored->value_e4.has_value() != stored->done.has_value(),
                 "accepted a measurement with both or neither of value and done");
}

}  // namespace
}  // namespace swv::monitoring

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace swv::monitoring;
  swv::fuzz::FuzzLines in(data, size);
  const std::string selector = in.Next();
  if (selector == "goal_file")
    GoalFile(in);
  else if (selector == "goal_section")
    GoalSection(in);
  else if (selector == "national")
    National(in);
  else if (selector == "values")
    Values(in);
  else if (selector == "judge")
    Judgement(in);
  else if (selector == "measurement")
    Measurement(in);
  return 0;
}
