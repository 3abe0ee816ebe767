#include "tools/bench/bench_support.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace swv::bench {

void LatencyRecorder::Add(double micros, const std::string& outcome) {
  absl::MutexLock lock(&mu_);
  micros_.push_back(micros);
  ++outcomes_[outcome];
}

std::vector<double> LatencyRecorder::SortedLatencies() const {
  std::vector<double> copy;
  {
    absl::MutexLock lock(&mu_);
    copy = micros_;
  }
  std::sort(copy.begin(), copy.end());
  return copy;
}

std::map<std::string, int64_t> LatencyRecorder::Outcomes() const {
  absl::MutexLock lock(&mu_);
  return outcomes_;
}

int64_t LatencyRecorder::errors() const {
  absl::MutexLock lock(&mu_);
  int64_t errors = 0;
  for (const auto& [outcome, n] : outcomes_) {
    if (outcome != "ok") errors += n;
  }
  return errors;
}

int64_t LatencyRecorder::count() const {
  absl::MutexLock lock(&mu_);
  return static_cast<int64_t>(micros_.size());
}

double Quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  rank = std::clamp<size_t>(rank, 1, sorted.size());
  return sorted[rank - 1];
}

int64_t MonotonicNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

Measurement RunClosedLoop(const std::string& name, int concurrency, int64_t calls,
                          const Call& call) {
  LatencyRecorder recorder;
  std::atomic<int64_t> next{0};
  const int64_t start = MonotonicNanos();
  std::vector<std::thread> threads;
  for (int t = 0; t < concurrency; ++t) {
    threads.emplace_back([&, t] {
      for (int64_t i = next++; i < calls; i = next++) {
        const int64_t began = MonotonicNanos();
        std::string outcome = call(t, i);
        recorder.Add((MonotonicNanos() - began) / 1e3, outcome);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  Measurement m;
  m.name = name;
  m.seconds = (MonotonicNanos() - start) / 1e9;
  m.calls = recorder.count();
  m.errors = recorder.errors();
  std::vector<double> sorted = recorder.SortedLatencies();
  m.p50_ms = Quantile(sorted, 0.50) / 1e3;
  m.p99_ms = Quantile(sorted, 0.99) / 1e3;
  m.p999_ms = Quantile(sorted, 0.999) / 1e3;
  PrintMeasurement(m);
  if (m.errors > 0) {
    for (const auto& [outcome, n] : recorder.Outcomes()) {
      if (outcome != "ok")
        std::printf("    %lld x %s\n", static_cast<long long>(n), outcome.c_str());
    }
  }
  return m;
}

void PrintMeasurement(const Measurement& m) {
  std::printf("  %-44s %7lld calls %9.0f /s  p50 %8.3f ms  p99 %8.3f ms  errors %lld\n",
              m.name.c_str(), static_cast<long long>(m.calls), m.per_second(), m.p50_ms, m.p99_ms,
              static_cast<long long>(m.errors));
}

void PrintRatio(const std::string& label, const Measurement& measured,
                const Measurement& baseline) {
  const double per_call = measured.calls > 0 ? measured.seconds / measured.calls : 0;
  const double base_per_call = baseline.calls > 0 ? baseline.seconds / baseline.calls : 0;
  const double ratio = base_per_call > 0 ? per_call / base_per_call : 0;
  const double p50 = baseline.p50_ms > 0 ? measured.p50_ms / baseline.p50_ms : 0;
  std::printf("RATIO %-40s = %6.2f  (per call %.3f ms / %.3f ms; p50 ratio %.2f)\n", label.c_str(),
              ratio, per_call * 1e3, base_per_call * 1e3, p50);
}

int64_t ProcStatusKb(int pid, const std::string& field) {
  std::ifstream in(pid == 0 ? std::string("/proc/self/status")
                            : absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  const std::string key = field + ":";
  while (std::getline(in, line)) {
    absl::string_view rest = line;
    if (!absl::ConsumePrefix(&rest, key)) continue;
    rest = absl::StripAsciiWhitespace(rest);
    absl::ConsumeSuffix(&rest, "kB");
    int64_t kb = 0;
    if (absl::SimpleAtoi(absl::StripAsciiWhitespace(rest), &kb)) return kb;
    return -1;
  }
  return -1;
}

}  // namespace swv::bench
