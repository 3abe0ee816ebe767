// The fixture of the monitoring server tests (monitoring_server_test.cc,
// monitoring_reports_server_test.cc): goal-set import, goal statuses by id and a hand-built set of
// aggregates in the in-memory registrations and allocation.
#ifndef SWV_TESTS_SERVICES_MONITORING_MONITORING_TEST_FIXTURE_H_
#define SWV_TESTS_SERVICES_MONITORING_MONITORING_TEST_FIXTURE_H_

#include <map>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "gtest/gtest.h"
#include "tests/services/monitoring/monitoring_server_fixture.h"

namespace swv::monitoring::testing {

namespace pb = ::swv::v1;

const absl::CivilDay kYearStart(2026, 1, 1);
const absl::CivilDay kToday(2026, 11, 16);
const absl::CivilDay kLastYearStart(2025, 1, 1);
const absl::CivilDay kLastYearEnd(2025, 12, 31);

class MonitoringTest : public MonitoringServerTest {
 protected:
  pb::ImportGoalSetResponse Import(const std::string& swv, const std::string& content) {
    pb::ImportGoalSetRequest request;
    request.set_parent(absl::StrCat("swvs/", swv));
    request.set_content(content);
    pb::ImportGoalSetResponse response;
    grpc::Status status = stub_->ImportGoalSet(Context().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  pb::GoalStatuses Statuses(const std::string& swv, int year, pb::Level level = pb::LEVEL_SWV,
                            const std::string& level_id = "") {
    pb::GetGoalStatusesRequest request;
    request.set_parent(absl::StrCat("swvs/", swv));
    request.set_year(year);
    request.set_level(level);
    request.set_level_id(level_id);
    pb::GoalStatuses response;
    grpc::Status status = stub_->GetGoalStatuses(Context().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  static std::map<std::string, pb::GoalStatus> ById(const pb::GoalStatuses& statuses) {
    std::map<std::string, pb::GoalStatus> out;
    for (const pb::GoalStatus& s : statuses.statuses())
      out[absl::StrCat(s.level_id(), "/", s.goal())] = s;
    return out;
  }

  grpc::Status Submit(const std::string& goal, const std::string& period, pb::Level level,
                      const std::string& level_id, absl::optional<int64_t> value_e4,
                      absl::optional<bool> done, pb::Measurement* reply,
                      const std::string& principal = "office:PO2203") {
    pb::SubmitMeasurementRequest request;
    request.set_parent(absl::StrCat("swvs/PO2203/goals/", goal));
    pb::Measurement* m = request.mutable_measurement();
    m->set_period(period);
    m->set_level(level);
    m->set_level_id(level_id);
    if (value_e4) m->set_value_e4(*value_e4);
    if (done) m->set_done(*done);
    return stub_->SubmitMeasurement(Context(principal).get(), request, reply);
  }

  // The hand-built aggregates of PO2203 for 2026 (up to today) and 2025.
  void SeedAggregates() {
    TlvAggregate tlv;
    tlv.decided = 4;
    tlv.decided_within_deadline = 4;  // 100%: exactly on the target of 100
    tlv.granted_receiving_inside_region = 19;
    tlv.granted_receiving_outside_region = 1;  // 95% inside, 5% outside: both exactly on target
    tlv.received_to_complete = {4, 3, 7, 12};
    tlv.complete_to_decision = {4, 20, 30, 41};
    registrations_.SetTlv(kYearStart, kToday, Level::kSwv, "", tlv);
    TlvAggregate last_year;
    last_year.decided = 2;
    last_year.decided_within_deadline = 1;  // 50%
    registrations_.SetTlv(kLastYearStart, kLastYearEnd, Level::kSwv, "", last_year);
    TlvAggregate rolling;
    rolling.received = 25;  // 2025-11-17 .. 2026-11-16
    registrations_.SetTlv(absl::CivilDay(2025, 11, 17), kToday, Level::kSwv, "", rolling);
    RegisterAggregate reg;
    reg.open_at_end = 5;
    reg.open_past_one_month = 2;
    reg.open_past_three_months = 0;
    reg.reported = 3;
    reg.duration_days_total = 100;
    reg.exemptions = 2;
    reg.exemptions_with_swv_involvement = 1;  // 50%
    registrations_.SetRegister(kYearStart, kToday, Level::kSwv, {{"", reg}});
    // Arrangements and OPDC placements; 12AB00 at support level 4 with a pupil waiting for SO,
    // 13AB00 at level 2 with one waiting for SBO; 14AB00 (no profile) counted too: 1/3, 1/3.
    auto support = [](int64_t decided, int64_t on_time, int64_t started, int64_t extended,
                      int64_t level, int64_t waiting_so, int64_t waiting_sbo) {
      SupportAggregate a;
      a.arrangements_decided = decided;
      a.arrangements_decided_within_8_weeks = on_time;
      a.opdc_started = started;
      a.opdc_started_extended = extended;
      a.schools_counted = level >= 0 ? 1 : 0;
      a.schools_at_support_level_3_or_higher = level >= 3 ? 1 : 0;
      a.schools_at_support_level_4 = level >= 4 ? 1 : 0;
      a.pupils_waiting_for_so = waiting_so;
      a.pupils_waiting_for_sbo = waiting_sbo;
      return a;
    };
    registrations_.SetSupport(kYearStart, kToday,
                              {{"", support(1, 1, 0, 0, -1, 0, 0)},  // a wijk arrangement
                               {"12AB00", support(6, 5, 4, 1, 4, 1, 0)},
                               {"13AB00", support(3, 3, 0, 0, 2, 0, 1)},    // 9/10, 1/4
                               {"14AB00", support(0, 0, 0, 0, 0, 0, 0)}});  // no profile
    registrations_.SetSchools({{"12AB00", "B1", "W1", SchoolKind::kUnspecified, true},
                               {"13AB00", "B2", "W2", SchoolKind::kUnspecified, true},
                               {"56EF00", "", "", SchoolKind::kUnspecified, false}});
    // SWV: SBO 2.0%, SO 0%, GO 2.0%. W1/B1: 200 / 5,200 = 3.8462%; W2/B2: 0 / 4,800.
    allocation_.SetPupils(
        2026, {{"12AB00", PupilCounts{5000, 200, 0}}, {"13AB00", PupilCounts{4800, 0, 0}}});
    allocation_.SetSpendingAccounts(2025,
                                    {{"B1", true}, {"B2", true}, {"B3", true}, {"B4", false}});
  }
};

}  // namespace swv::monitoring::testing

#endif  // SWV_TESTS_SERVICES_MONITORING_MONITORING_TEST_FIXTURE_H_
