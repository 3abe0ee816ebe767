// Metric families written by hand, for the collectables that compute their figures when asked
// (process metrics, the business figures of a service) instead of keeping prometheus-cpp handles.
// Plain functions over values; thread-compatible.
#ifndef SWV_SERVICES_COMMON_METRIC_FAMILIES_H_
#define SWV_SERVICES_COMMON_METRIC_FAMILIES_H_

#include <vector>

#include "prometheus/client_metric.h"
#include "prometheus/metric_family.h"
#include "prometheus/metric_type.h"

namespace swv {

// A family with no series yet.
prometheus::MetricFamily NewFamily(const char* name, const char* help, prometheus::MetricType type);

// Adds one series of a gauge or counter family: its labels (bounded values only, never ids) and
// its value.
void AddGauge(prometheus::MetricFamily& family, std::vector<prometheus::ClientMetric::Label> labels,
              double value);
void AddCounter(prometheus::MetricFamily& family,
                std::vector<prometheus::ClientMetric::Label> labels, double value);

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_METRIC_FAMILIES_H_
