// How a goal is observed for a period at one level id: computed from aggregates through its
// indicator, or read from the measurements the office reported (a quarter falls back on the
// latest earlier quarter, then the year; a four-month period likewise). Pure: the aggregates come
// through IndicatorSource, which the service implements over the remote services
// (aggregate_fetch.h).
#ifndef SWV_SERVICES_MONITORING_DOMAIN_OBSERVATION_H_
#define SWV_SERVICES_MONITORING_DOMAIN_OBSERVATION_H_

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/monitoring/domain/goal.h"
#include "services/monitoring/domain/indicators.h"
#include "services/monitoring/domain/period.h"
#include "services/monitoring/domain/status.h"

namespace swv::monitoring {

// One version of a reported measurement.
struct MeasurementRecord {
  std::string tenant;
  std::string goal_id;
  std::string period;  // "2026" / "2026-Q2"
  Level level = Level::kSwv;
  std::string level_id;
  absl::optional<int64_t> value_e4;
  absl::optional<bool> done;
  std::string note;
  int64_t version = 0;
  std::string submitted_by;
  absl::Time submit_time;
};

// The latest measurement per (goal, period string, level, level id).
using MeasurementKey = std::tuple<std::string, std::string, Level, std::string>;
using MeasurementIndex = std::map<MeasurementKey, MeasurementRecord>;
MeasurementIndex IndexMeasurements(std::vector<MeasurementRecord> latest);

// Period strings a reported measurement may be filed under, most specific first: a quarter's
// (or four-month period's) year-to-date uses its own figure, else the latest earlier one of the
// same kind, else a figure for the whole year; a year uses the year figure, else its latest
// quarter, else its latest four-month period.
std::vector<std::string> MeasurementPeriods(Period period);

// A wijk, board or school code as a level id: 1-32 letters, digits or '-'.
bool ValidLevelId(absl::string_view id);
// A level id as it is stored and compared: in upper case, as the directory keeps its codes and
// groups every aggregate (a client may ask for wijk `w1`).
std::string CanonicalLevelId(absl::string_view id);
// INVALID_ARGUMENT on `field`: a level id at level swv (LEVEL_ID_NOT_ALLOWED), or a malformed one
// at the other levels (MALFORMED_LEVEL_ID).
absl::Status CheckLevelId(Level level, absl::string_view id, absl::string_view field);

// What computed goals read for one period and level.
class IndicatorSource {
 public:
  virtual ~IndicatorSource() = default;
  // False before the period's first day: nothing to compute yet.
  virtual bool started() const = 0;
  // The inputs of `indicator` for level id `id`; an input that could not be read stays empty and
  // `*error` says why.
  virtual IndicatorInputs Inputs(const IndicatorDefinition& indicator, const std::string& id,
                                 std::string* error) = 0;
};

// The observation of `goal` for `period` at level id `id`. A milestone year reads the reported
// done flag; a computed goal its indicator; any other goal the reported value.
Observation Observe(const Goal& goal, Period period, Level level, const std::string& id,
                    IndicatorSource& fetch, const MeasurementIndex& measurements);

}  // namespace swv::monitoring

#endif  // SWV_SERVICES_MONITORING_DOMAIN_OBSERVATION_H_
