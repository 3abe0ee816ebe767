// National participation figures per year (share of primary pupils in SBO and in SO), as data:
// data/goals/national-participation.goals, lines "sbo 2021 = 2.5". The domain README gives SBO 2.3%
// (2016-2017), 2.4% (2018-2019), 2.5% (2020-2021); SO 2.0% (2016-2017), 2.1% (2018), 2.2%
// (2019-2020), 2.3% (2021).
//
// A goal year without its own figure uses the most recent figure of an earlier year, and says
// which year it used ("national SBO participation 2021"), because the figures are published
// years later than the goals run. "total" is SBO + SO of the most recent year that has both.
// Pure; thread-safe after construction.
#ifndef SWV_SERVICES_MONITORING_DOMAIN_NATIONAL_H_
#define SWV_SERVICES_MONITORING_DOMAIN_NATIONAL_H_

#include <cstdint>
#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/optional.h"

namespace swv::monitoring {

struct NationalFigure {
  int64_t value_e4 = 0;  // percent
  int year = 0;          // the year the figure is of
  std::string description;
};

class NationalFigures {
 public:
  // Parses the file; errors name the line ("line 3: ...").
  static absl::StatusOr<NationalFigures> Parse(absl::string_view text);

  void Set(absl::string_view key, int year, int64_t value_e4);
  // key "sbo", "so" or "total"; nullopt when no figure at or before `year`.
  absl::optional<NationalFigure> For(absl::string_view key, int year) const;

 private:
  std::map<int, int64_t> sbo_;
  std::map<int, int64_t> so_;
};

}  // namespace swv::monitoring

#endif  // SWV_SERVICES_MONITORING_DOMAIN_NATIONAL_H_
