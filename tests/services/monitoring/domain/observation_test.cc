// How a goal is observed: reported figures by period fallback, milestone years by their done flag,
// computed goals through their indicator, and the level id rules.
#include "services/monitoring/domain/observation.h"

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "services/kernel/errors.h"

namespace swv::monitoring {
namespace {

class FixedSource final : public IndicatorSource {
 public:
  bool started() const override { return started_; }
  IndicatorInputs Inputs(const IndicatorDefinition&, const std::string& id,
                         std::string* error) override {
    asked_for.push_back(id);
    if (!error_.empty()) *error = error_;
    return inputs_;
  }

  bool started_ = true;
  std::string error_;
  IndicatorInputs inputs_;
  std::vector<std::string> asked_for;
};

MeasurementRecord Reported(const std::string& period, absl::optional<int64_t> value,
                           absl::optional<bool> done = absl::nullopt) {
  MeasurementRecord m;
  m.goal_id = "g1";
  m.period = period;
  m.level = Level::kSwv;
  m.value_e4 = value;
  m.done = done;
  m.version = 3;
  m.submitted_by = "office:PO2203";
  m.submit_time = absl::FromUnixSeconds(1'790'000'000);
  return m;
}

Goal ReportedGoal() {
  Goal goal;
  goal.id = "g1";
  goal.targets = {YearTarget{2026, TargetKind::kValue, 500000, "", ""}};
  return goal;
}

TEST(ObservationTest, AQuarterFallsBackOnEarlierQuartersThenTheYear) {
  EXPECT_EQ(MeasurementPeriods(Period{2026, 3}),
            (std::vector<std::string>{"2026-Q3", "2026-Q2", "2026-Q1", "2026"}));
  EXPECT_EQ(MeasurementPeriods(Period{2026, 0}),
            (std::vector<std::string>{"2026", "2026-Q4", "2026-Q3", "2026-Q2", "2026-Q1", "2026-T3",
                                      "2026-T2", "2026-T1"}));
  EXPECT_EQ(MeasurementPeriods(Period{2026, 0, 2}),
            (std::vector<std::string>{"2026-T2", "2026-T1", "2026"}));
  FixedSource source;
  MeasurementIndex index = IndexMeasurements({Reported("2026-Q1", 420000), Reported("2026", 100)});
  Observation q3 = Observe(ReportedGoal(), Period{2026, 3}, Level::kSwv, "", source, index);
  ASSERT_TRUE(q3.value.has_value());
  EXPECT_EQ(q3.value->RoundedE4(), 420000);
  EXPECT_TRUE(absl::StrContains(q3.provenance, "reported 2026-Q1 v3 by office:PO2203"))
      << q3.provenance;
  Observation year = Observe(ReportedGoal(), Period{2026, 0}, Level::kSwv, "", source, index);
  EXPECT_EQ(year.value->RoundedE4(), 100);
  Observation none = Observe(ReportedGoal(), Period{2025, 0}, Level::kSwv, "", source, index);
  EXPECT_FALSE(none.value.has_value());
  EXPECT_EQ(none.provenance, "no data: nothing reported");
  EXPECT_TRUE(source.asked_for.empty());  // a reported goal computes nothing
}

TEST(ObservationTest, AMilestoneYearReadsOnlyADoneFlag) {
  Goal goal = ReportedGoal();
  goal.targets = {YearTarget{2026, TargetKind::kMilestone, 0, "", "plan adopted"}};
  FixedSource source;
  Observation not_done = Observe(goal, Period{2026, 0}, Level::kSwv, "", source,
                                 IndexMeasurements({Reported("2026", 10000, false)}));
  EXPECT_EQ(not_done.done, false);
  Observation value_only = Observe(goal, Period{2026, 0}, Level::kSwv, "", source,
                                   IndexMeasurements({Reported("2026", 10000)}));
  EXPECT_FALSE(value_only.done.has_value());  // a value is no answer to a milestone
  Observation done = Observe(goal, Period{2026, 0}, Level::kSwv, "", source,
                             IndexMeasurements({Reported("2026-Q2", absl::nullopt, true)}));
  EXPECT_EQ(done.done, true);
}

TEST(ObservationTest, AComputedGoalAsksItsIndicatorOrSaysWhyNot) {
  Goal goal = ReportedGoal();
  goal.computed_indicator = "tlv_decided_within_deadline_share";
  FixedSource source;
  source.inputs_.tlv = TlvAggregate{};
  source.inputs_.tlv->decided = 4;
  source.inputs_.tlv->decided_within_deadline = 3;
  Observation computed = Observe(goal, Period{2026, 0}, Level::kSchool, "12AB00", source, {});
  ASSERT_TRUE(computed.value.has_value());
  EXPECT_EQ(computed.value->RoundedE4(), 750000);
  EXPECT_EQ(source.asked_for, std::vector<std::string>{"12AB00"});
  source.started_ = false;
  EXPECT_EQ(Observe(goal, Period{2026, 0}, Level::kSwv, "", source, {}).provenance,
            "no data: the period has not started");
  source.started_ = true;
  source.inputs_ = {};
  source.error_ = "registrations unavailable";
  EXPECT_EQ(Observe(goal, Period{2026, 0}, Level::kSwv, "", source, {}).provenance,
            "no data: registrations unavailable");
  goal.computed_indicator = "no_such_indicator";
  EXPECT_TRUE(absl::StrContains(
      Observe(goal, Period{2026, 0}, Level::kSwv, "", source, {}).provenance, "unknown indicator"));
}

TEST(ObservationTest, LevelIdsAreCodesAndAbsentAtSwvLevel) {
  EXPECT_TRUE(CheckLevelId(Level::kSwv, "", "level_id").ok());
  EXPECT_EQ(ReasonOf(CheckLevelId(Level::kSwv, "12AB00", "level_id")), "LEVEL_ID_NOT_ALLOWED");
  EXPECT_TRUE(CheckLevelId(Level::kSchool, "12AB00", "level_id").ok());
  EXPECT_TRUE(CheckLevelId(Level::kWijk, "DE-WOLDEN", "level_id").ok());
  for (const char* bad : {"", "12 AB", "x;drop", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456"}) {
    absl::Status status = CheckLevelId(Level::kBoard, bad, "measurement.level_id");
    EXPECT_EQ(ReasonOf(status), "MALFORMED_LEVEL_ID") << bad;
    EXPECT_EQ(FieldViolationsOf(status).at(0).field, "measurement.level_id");
  }
  // Stored and compared as the directory keeps its codes.
  EXPECT_EQ(CanonicalLevelId("de-Wolden"), "DE-WOLDEN");
  EXPECT_EQ(CanonicalLevelId("12ab00"), "12AB00");
}

}  // namespace
}  // namespace swv::monitoring
