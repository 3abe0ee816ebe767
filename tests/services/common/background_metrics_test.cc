// BackgroundMetrics: a scrape never waits on a slow computation longer than scrape_wait; it gets
// the last figures and how old they are.
#include "services/common/background_metrics.h"

#include <atomic>
#include <chrono>
#include <future>
#include <string>
#include <vector>

#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"
#include "services/common/clock.h"

namespace swv {
namespace {

// A computation that returns one gauge `figure` holding how many computations ran, and waits at
// `gate` once held.
class Figures {
 public:
  std::vector<prometheus::MetricFamily> operator()() {
    const int run = ++runs;
    if (held) released.WaitForNotification();
    prometheus::MetricFamily family;
    family.name = "figure";
    family.type = prometheus::MetricType::Gauge;
    prometheus::ClientMetric metric;
    metric.gauge.value = run;
    family.metric.push_back(metric);
    return {family};
  }
  std::atomic<int> runs{0};
  std::atomic<bool> held{false};
  absl::Notification released;
};

// The value of family `name` in `families`, or -1 when absent.
double ValueOf(const std::vector<prometheus::MetricFamily>& families, const std::string& name) {
  for (const prometheus::MetricFamily& family : families) {
    if (family.name == name && !family.metric.empty()) return family.metric[0].gauge.value;
  }
  return -1;
}

class BackgroundMetricsTest : public ::testing::Test {
 protected:
  // Collect on another thread, failing (not hanging) when it takes more than five seconds.
  std::vector<prometheus::MetricFamily> Scrape(const BackgroundMetrics& metrics) {
    std::future<std::vector<prometheus::MetricFamily>> scrape =
        std::async(std::launch::async, [&] { return metrics.Collect(); });
    if (scrape.wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
      ADD_FAILURE() << "the scrape waited for the computation";
      figures_.released.Notify();
    }
    return scrape.get();
  }

  FakeClock clock_{absl::FromUnixSeconds(1796000000)};
  Figures figures_;
  BackgroundMetrics::Options options_{"figures_age_seconds", absl::Seconds(30),
                                      absl::Milliseconds(200)};
};

TEST_F(BackgroundMetricsTest, TheFirstScrapeWaitsForTheFiguresAndLaterOnesReuseThemUntilMaxAge) {
  BackgroundMetrics metrics([this] { return figures_(); }, &clock_, options_);
  std::vector<prometheus::MetricFamily> first = Scrape(metrics);
  EXPECT_EQ(ValueOf(first, "figure"), 1);
  EXPECT_EQ(ValueOf(first, "figures_age_seconds"), 0);
  clock_.Advance(absl::Seconds(29));
  std::vector<prometheus::MetricFamily> second = Scrape(metrics);
  EXPECT_EQ(ValueOf(second, "figure"), 1);
  EXPECT_EQ(ValueOf(second, "figures_age_seconds"), 29);
  EXPECT_EQ(figures_.runs, 1);
  clock_.Advance(absl::Seconds(1));
  EXPECT_EQ(ValueOf(Scrape(metrics), "figure"), 2);
}

TEST_F(BackgroundMetricsTest, AHeldComputationDoesNotHoldTheScrape) {
  BackgroundMetrics metrics([this] { return figures_(); }, &clock_, options_);
  ASSERT_EQ(ValueOf(Scrape(metrics), "figure"), 1);
  figures_.held = true;
  clock_.Advance(absl::Seconds(40));
  // The database holds the second computation: scrapes get the first figures, 40 s old.
  for (int scrape = 0; scrape < 3; ++scrape) {
    std::vector<prometheus::MetricFamily> families = Scrape(metrics);
    EXPECT_EQ(ValueOf(families, "figure"), 1);
    EXPECT_EQ(ValueOf(families, "figures_age_seconds"), 40);
  }
  EXPECT_EQ(figures_.runs, 2);  // one computation under way, not one per scrape
  figures_.released.Notify();
  std::vector<prometheus::MetricFamily> families;
  for (int tries = 0; tries < 50 && ValueOf(families, "figure") != 2; ++tries) {
    families = Scrape(metrics);
  }
  EXPECT_EQ(ValueOf(families, "figure"), 2);
  EXPECT_EQ(ValueOf(families, "figures_age_seconds"), 0);
  // The scrapes that came while it ran queued no further computation.
  absl::SleepFor(absl::Milliseconds(300));
  EXPECT_EQ(figures_.runs, 2);
}

TEST_F(BackgroundMetricsTest, NoAgeIsServedBeforeTheFirstFigures) {
  figures_.held = true;
  BackgroundMetrics metrics([this] { return figures_(); }, &clock_, options_);
  std::vector<prometheus::MetricFamily> families = Scrape(metrics);
  EXPECT_TRUE(families.empty());
  figures_.released.Notify();
}

}  // namespace
}  // namespace swv
