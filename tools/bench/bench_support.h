// Shared by the benchmarks (tools/bench) and the load tool (tools/load): latency statistics, a
// closed-loop runner for "N calls at concurrency C", peak memory from /proc, and the ratio line
// every benchmark prints. Nothing here knows about gRPC, HTTP or SQL.
//
// Thread-safety: LatencyRecorder is safe for concurrent Add; the free functions are reentrant.
// RunClosedLoop calls `call` from `concurrency` threads at once, so `call` must be thread-safe.
#ifndef SWV_TOOLS_BENCH_BENCH_SUPPORT_H_
#define SWV_TOOLS_BENCH_BENCH_SUPPORT_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace swv::bench {

// Latencies in microseconds and the outcome of each call ("ok" or an error label such as "503").
class LatencyRecorder {
 public:
  void Add(double micros, const std::string& outcome);
  // Sorted copies; safe while other threads still Add.
  std::vector<double> SortedLatencies() const;
  std::map<std::string, int64_t> Outcomes() const;
  int64_t errors() const;  // every outcome but "ok"
  int64_t count() const;

 private:
  mutable absl::Mutex mu_;
  std::vector<double> micros_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, int64_t> outcomes_ ABSL_GUARDED_BY(mu_);
};

// The q-quantile (0..1) of sorted values, nearest rank; 0 for an empty vector.
double Quantile(const std::vector<double>& sorted, double q);

// The result of one measured phase.
struct Measurement {
  std::string name;
  int64_t calls = 0;
  int64_t errors = 0;
  double seconds = 0;  // wall time of the whole phase
  double p50_ms = 0, p99_ms = 0, p999_ms = 0;
  double per_second() const { return seconds > 0 ? calls / seconds : 0; }
};

// Makes `calls` calls from `concurrency` threads, each thread taking the next index until all are
// taken. `call(thread, index)` (thread in 0..concurrency-1) returns "ok" or an error label. Prints
// one line for the phase, and the error labels with their counts.
using Call = std::function<std::string(int thread, int64_t index)>;
Measurement RunClosedLoop(const std::string& name, int concurrency, int64_t calls,
                          const Call& call);

// "name  N calls  X calls/s  p50 .. p99 .. errors E".
void PrintMeasurement(const Measurement& m);

// Prints "RATIO <label> = <x>  (per-call time <a> / <baseline>; p50 ratio <y>)". The ratio is the
// measured phase's wall time per call over the baseline's, so 3.0 means three times as costly.
void PrintRatio(const std::string& label, const Measurement& measured, const Measurement& baseline);

// A field of /proc/<pid>/status ("VmHWM", "VmRSS") in kB; -1 when unreadable. pid 0 = this process.
int64_t ProcStatusKb(int pid, const std::string& field);

// A monotonic clock in nanoseconds (steady_clock).
int64_t MonotonicNanos();

}  // namespace swv::bench

#endif  // SWV_TOOLS_BENCH_BENCH_SUPPORT_H_
