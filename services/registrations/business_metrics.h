// The business signals ops watch, per SWV (tenant), computed from the stored records. The
// computation reads the database, so a process serves it through BackgroundMetrics
// (services/common/background_metrics.h): off the scrape's thread, at most once per max_age, the
// last figures when the database is slow, with swv_business_metrics_age_seconds beside them:
//   swv_thuiszitter_cases_open{swv,category}         open cases by category (relative_4w_3m,
//                                                    relative_over_3m, absolute)
//   swv_thuiszitter_cases_past_one_month{swv}        open and reported more than a month ago
//   swv_thuiszitter_cases_past_three_months{swv}     open, more than 3 months at home
//   swv_tlv_applications_open{swv}                   received, not decided
//   swv_tlv_applications_overdue{swv}                complete and past the decision deadline
//   swv_arrangement_applications_overdue{swv}        undecided more than 8 weeks after applying
//   swv_tlv_lead_time_seconds{swv,phase}             histogram over all applications:
//                                                    phase received_to_complete /
//                                                    complete_to_decision
// The label `swv` is the SWV code: a handful per installation, never a pupil or case id. Every
// replica reports the same figures (they come from the shared database): aggregate with max by
// (swv), not sum.
//
// Thread-safety: as safe as the services of `app` it calls, which are safe for concurrent use.
#ifndef SWV_SERVICES_REGISTRATIONS_BUSINESS_METRICS_H_
#define SWV_SERVICES_REGISTRATIONS_BUSINESS_METRICS_H_

#include <vector>

#include "prometheus/metric_family.h"
#include "services/common/clock.h"
#include "services/registrations/registrations_app.h"

namespace swv::registrations {

// Every business family, read from the database now. On an error it returns what it has: the
// scrape must not fail because one tenant's query did.
std::vector<prometheus::MetricFamily> ComputeBusinessMetrics(RegistrationsApp& app,
                                                             const Clock& clock);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_BUSINESS_METRICS_H_
