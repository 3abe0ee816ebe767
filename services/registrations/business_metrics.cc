#include "services/registrations/business_metrics.h"

#include <limits>
#include <string>

#include "services/common/logging.h"
#include "services/common/metric_families.h"
#include "services/kernel/identifiers.h"

namespace swv::registrations {
namespace {

// Lead-time buckets in seconds: 1, 2, 4, 6, 8, 10, 12, 16, 26 weeks. The legal limit after
// completion is 6 weeks, or 10 with an extension.
const std::vector<double>& LeadTimeBuckets() {
  static const std::vector<double>* const kBuckets = [] {
    auto* buckets = new std::vector<double>;
    for (int weeks : {1, 2, 4, 6, 8, 10, 12, 16, 26}) buckets->push_back(weeks * 7 * 86400.0);
    return buckets;
  }();
  return *kBuckets;
}

// A cumulative histogram of `days` values, in seconds.
void AddHistogram(prometheus::MetricFamily& family,
                  std::vector<prometheus::ClientMetric::Label> labels,
                  const std::vector<int>& days) {
  prometheus::ClientMetric metric;
  metric.label = std::move(labels);
  for (double bound : LeadTimeBuckets()) {
    prometheus::ClientMetric::Bucket bucket;
    bucket.upper_bound = bound;
    for (int d : days) bucket.cumulative_count += d * 86400.0 <= bound ? 1 : 0;
    metric.histogram.bucket.push_back(bucket);
  }
  prometheus::ClientMetric::Bucket infinity;
  infinity.upper_bound = std::numeric_limits<double>::infinity();
  infinity.cumulative_count = days.size();
  metric.histogram.bucket.push_back(infinity);
  metric.histogram.sample_count = days.size();
  for (int d : days) metric.histogram.sample_sum += d * 86400.0;
  family.metric.push_back(std::move(metric));
}

}  // namespace

std::vector<prometheus::MetricFamily> ComputeBusinessMetrics(RegistrationsApp& app,
                                                             const Clock& clock) {
  using prometheus::MetricType;
  auto open = NewFamily("swv_thuiszitter_cases_open", "Open thuiszitter cases by category.",
                        MetricType::Gauge);
  auto past_one =
      NewFamily("swv_thuiszitter_cases_past_one_month",
                "Open thuiszitter cases reported more than one month ago.", MetricType::Gauge);
  auto past_three = NewFamily("swv_thuiszitter_cases_past_three_months",
                              "Open thuiszitter cases of children more than three months at home.",
                              MetricType::Gauge);
  auto tlv_open = NewFamily("swv_tlv_applications_open", "TLV applications received, not decided.",
                            MetricType::Gauge);
  auto tlv_overdue =
      NewFamily("swv_tlv_applications_overdue",
                "Complete TLV applications past their decision deadline.", MetricType::Gauge);
  auto arrangements_overdue = NewFamily(
      "swv_arrangement_applications_overdue",
      "Arrangement applications undecided more than 8 weeks after applying.", MetricType::Gauge);
  auto lead_time = NewFamily("swv_tlv_lead_time_seconds",
                             "TLV lead times: received to complete, and complete to decision.",
                             MetricType::Histogram);

  absl::StatusOr<std::vector<std::string>> tenants = app.ListTenants();
  if (!tenants.ok()) {
    LogWarn("business metrics: cannot list tenants",
            {{"error", std::string(tenants.status().message())}});
    return {};
  }
  const std::string today = FormatDate(DutchToday(clock));
  // The process itself reads the figures: an unscoped staff principal.
  Principal self;
  self.id = "service:swv-registrations-metrics";
  for (const std::string& tenant : *tenants) {
    absl::StatusOr<RegisterStatisticsResult> register_stats =
        app.reporting().Statistics(self, tenant, today, today, RegisterGrouping::kNone);
    if (register_stats.ok() && register_stats->groups.count("") > 0) {
      const ThuiszitterStatistics& t = register_stats->groups.at("").thuiszitters;
      AddGauge(open, {{"category", "relative_4w_3m"}, {"swv", tenant}},
               t.open_at_end.relative_4w_3m);
      AddGauge(open, {{"category", "relative_over_3m"}, {"swv", tenant}},
               t.open_at_end.relative_over_3m);
      AddGauge(open, {{"category", "absolute"}, {"swv", tenant}}, t.open_at_end.absolute);
      AddGauge(open, {{"category", "potential"}, {"swv", tenant}}, t.open_at_end.potential);
      AddGauge(past_one, {{"swv", tenant}}, t.open_past_one_month);
      AddGauge(past_three, {{"swv", tenant}}, t.open_past_three_months);
    }
    TlvStatisticsRequest tlv_request;
    tlv_request.swv = tenant;
    tlv_request.from = today;
    tlv_request.to = today;
    absl::StatusOr<TlvStatisticsResult> tlv_stats = app.tlv().tlvs().Statistics(self, tlv_request);
    if (tlv_stats.ok()) {
      AddGauge(tlv_open, {{"swv", tenant}}, tlv_stats->statistics.open_now);
      AddGauge(tlv_overdue, {{"swv", tenant}}, tlv_stats->statistics.overdue_now);
    }
    absl::StatusOr<SupportStatisticsResult> support_stats =
        app.support().Statistics(self, tenant, today, today, /*by_school=*/false);
    if (support_stats.ok() && support_stats->groups.count("") > 0) {
      AddGauge(arrangements_overdue, {{"swv", tenant}},
               support_stats->groups.at("").overdue_at_end);
    }
    absl::StatusOr<std::vector<TlvState>> tlvs =
        app.tlv().tlv_repository().TlvsForStatistics(tenant, SchoolFilter{});
    if (tlvs.ok()) {
      std::vector<int> to_complete;
      std::vector<int> to_decision;
      for (const TlvState& tlv : *tlvs) {
        if (tlv.completed_on)
          to_complete.push_back(static_cast<int>(*tlv.completed_on - tlv.received_on));
        if (tlv.completed_on && tlv.decided_on) {
          to_decision.push_back(static_cast<int>(*tlv.decided_on - *tlv.completed_on));
        }
      }
      AddHistogram(lead_time, {{"phase", "received_to_complete"}, {"swv", tenant}}, to_complete);
      AddHistogram(lead_time, {{"phase", "complete_to_decision"}, {"swv", tenant}}, to_decision);
    }
  }
  return {open, past_one, past_three, tlv_open, tlv_overdue, arrangements_overdue, lead_time};
}

}  // namespace swv::registrations
