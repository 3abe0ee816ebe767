#include "tools/bench/bench_support.h"

#include <atomic>
#include <set>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "gtest/gtest.h"

namespace swv::bench {
namespace {

TEST(QuantileTest, NearestRankOfSortedValues) {
  std::vector<double> values;
  for (int i = 1; i <= 1000; ++i) values.push_back(i);
  EXPECT_EQ(Quantile(values, 0.5), 500);
  EXPECT_EQ(Quantile(values, 0.99), 990);
  EXPECT_EQ(Quantile(values, 0.999), 999);
  EXPECT_EQ(Quantile(values, 1.0), 1000);
  EXPECT_EQ(Quantile(values, 0.0), 1);
  EXPECT_EQ(Quantile({}, 0.5), 0);
  EXPECT_EQ(Quantile({7}, 0.999), 7);
}

TEST(LatencyRecorderTest, CountsOutcomesAndErrors) {
  LatencyRecorder recorder;
  recorder.Add(30, "ok");
  recorder.Add(10, "HTTP 503");
  recorder.Add(20, "ok");
  recorder.Add(40, "HTTP 503");
  recorder.Add(50, "grpc 14");
  EXPECT_EQ(recorder.count(), 5);
  EXPECT_EQ(recorder.errors(), 3);
  EXPECT_EQ(recorder.SortedLatencies(), (std::vector<double>{10, 20, 30, 40, 50}));
  std::map<std::string, int64_t> expected = {{"ok", 2}, {"HTTP 503", 2}, {"grpc 14", 1}};
  EXPECT_EQ(recorder.Outcomes(), expected);
}

TEST(RunClosedLoopTest, MakesEveryCallOnceFromEveryThread) {
  absl::Mutex mu;
  std::multiset<int64_t> indexes;
  std::set<int> threads;
  Measurement m = RunClosedLoop("test phase", 4, 1000, [&](int thread, int64_t index) {
    absl::MutexLock lock(&mu);
    indexes.insert(index);
    threads.insert(thread);
    return index % 10 == 0 ? std::string("failed") : std::string("ok");
  });
  EXPECT_EQ(m.calls, 1000);
  EXPECT_EQ(m.errors, 100);
  ASSERT_EQ(indexes.size(), 1000u);
  EXPECT_EQ(*indexes.begin(), 0);
  EXPECT_EQ(*indexes.rbegin(), 999);
  EXPECT_EQ(std::set<int64_t>(indexes.begin(), indexes.end()).size(), 1000u);  // no index twice
  for (int thread : threads) {
    EXPECT_GE(thread, 0);
    EXPECT_LT(thread, 4);
  }
  EXPECT_GT(m.seconds, 0);
  EXPECT_LE(m.p50_ms, m.p99_ms);
  EXPECT_LE(m.p99_ms, m.p999_ms);
}

TEST(ProcStatusKbTest, ReadsThisProcessAndRefusesUnknown) {
  const int64_t rss = ProcStatusKb(0, "VmRSS");  // first: the peak read after it includes it
  const int64_t hwm = ProcStatusKb(0, "VmHWM");
  EXPECT_GT(hwm, 0);
  EXPECT_GT(rss, 0);
  EXPECT_GE(hwm, rss);
  EXPECT_EQ(ProcStatusKb(0, "NoSuchField"), -1);
  EXPECT_EQ(ProcStatusKb(0x7ffffff0, "VmHWM"), -1);  // no such process
}

}  // namespace
}  // namespace swv::bench
