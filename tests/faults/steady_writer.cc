// The load side of the fault harness: SteadyWriter (one write per interval on its own thread,
// every outcome kept) and the Tally of the outcomes for a test's output.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "tests/faults/fault_harness.h"

namespace swv::faults {

// ---------------------------------------------------------------------------------------------
// SteadyWriter

SteadyWriter::SteadyWriter(std::string prefix, absl::Duration interval, WriteFn write)
    : prefix_(std::move(prefix)), interval_(interval), write_(std::move(write)) {
  thread_ = std::thread([this] { Run(); });
}

SteadyWriter::~SteadyWriter() { Stop(); }

void SteadyWriter::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void SteadyWriter::Run() {
  absl::Time next = absl::Now();
  for (int n = 1; !stop_; ++n) {
    const absl::Time started = absl::Now();
    WriteOutcome outcome = write_(absl::StrCat(prefix_, "-", n));
    outcome.started = started;
    outcome.finished = absl::Now();
    {
      absl::MutexLock lock(&mu_);
      outcomes_.push_back(std::move(outcome));
    }
    next += interval_;
    const absl::Time now = absl::Now();
    if (next < now) next = now;
    while (!stop_ && absl::Now() < next)
      absl::SleepFor(std::min(next - absl::Now(), absl::Milliseconds(10)));
  }
}

std::vector<WriteOutcome> SteadyWriter::Outcomes() const {
  absl::MutexLock lock(&mu_);
  return outcomes_;
}

int SteadyWriter::CountSince(WriteOutcome::Kind kind, absl::Time since) const {
  absl::MutexLock lock(&mu_);
  return static_cast<int>(
      std::count_if(outcomes_.begin(), outcomes_.end(),
                    [&](const WriteOutcome& o) { return o.kind == kind && o.started >= since; }));
}

bool SteadyWriter::WaitFor(WriteOutcome::Kind kind, absl::Time since, int n,
                           absl::Duration timeout) const {
  const absl::Time deadline = absl::Now() + timeout;
  while (CountSince(kind, since) < n) {
    if (absl::Now() > deadline) return false;
    absl::SleepFor(absl::Milliseconds(20));
  }
  return true;
}

WriteTally Tally(const std::vector<WriteOutcome>& outcomes) {
  WriteTally tally;
  std::vector<absl::Duration> latencies;
  for (const WriteOutcome& o : outcomes) {
    switch (o.kind) {
      case WriteOutcome::kAcknowledged:
        ++tally.acknowledged;
        latencies.push_back(o.finished - o.started);
        break;
      case WriteOutcome::kRefused:
        ++tally.refused;
        tally.max_refused = std::max(tally.max_refused, o.finished - o.started);
        break;
      case WriteOutcome::kBad:
        ++tally.bad;
        if (tally.bad_details.size() < 5)
          tally.bad_details.push_back(absl::StrCat(o.key, ": ", o.detail));
        break;
    }
  }
  if (!latencies.empty()) {
    std::nth_element(latencies.begin(), latencies.begin() + latencies.size() / 2, latencies.end());
    tally.median_acknowledged = latencies[latencies.size() / 2];
  }
  return tally;
}

}  // namespace swv::faults
