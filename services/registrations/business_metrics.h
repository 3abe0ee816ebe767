// The business signals ops watch, per SWV (tenant), computed from the stored records when
// Prometheus scrapes (at most once per `max_age`; between refreshes the last figures are served):
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
// Thread-safety: Collect may run on several scrape threads at once; the cache is mutex-guarded.
#ifndef SWV_SERVICES_REGISTRATIONS_BUSINESS_METRICS_H_
#define SWV_SERVICES_REGISTRATIONS_BUSINESS_METRICS_H_

#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"
#include "services/common/clock.h"
#include "services/registrations/registrations_app.h"

namespace swv::registrations {

class BusinessMetrics final : public prometheus::Collectable {
 public:
  // `app` and `clock` are not owned and must outlive this object.
  BusinessMetrics(RegistrationsApp* app, const Clock* clock, absl::Duration max_age);

  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  // Builds every family from the database; on an error returns what it has (the scrape must not
  // fail because one tenant's query did).
  std::vector<prometheus::MetricFamily> Compute() const;

  RegistrationsApp* app_;
  const Clock* clock_;
  absl::Duration max_age_;
  mutable absl::Mutex mu_;
  mutable absl::Time computed_at_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  mutable std::vector<prometheus::MetricFamily> cached_ ABSL_GUARDED_BY(mu_);
};

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_BUSINESS_METRICS_H_
