#include "services/common/process_metrics.h"

#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "services/common/file_text.h"
#include "services/common/metric_families.h"

namespace swv {
namespace {

// A family of one unlabelled series.
prometheus::MetricFamily Family(const char* name, const char* help, prometheus::MetricType type,
                                double value) {
  prometheus::MetricFamily family = NewFamily(name, help, type);
  if (type == prometheus::MetricType::Counter) {
    AddCounter(family, {}, value);
  } else {
    AddGauge(family, {}, value);
  }
  return family;
}

// System boot time in seconds since the epoch ("btime" in /proc/stat).
double BootTime() {
  for (absl::string_view line : absl::StrSplit(ReadWholeFile("/proc/stat").value_or(""), '\n')) {
    if (absl::ConsumePrefix(&line, "btime ")) {
      double seconds = 0;
      if (absl::SimpleAtod(line, &seconds)) return seconds;
    }
  }
  return 0;
}

}  // namespace

std::vector<prometheus::MetricFamily> ProcessMetrics::Collect() const {
  std::vector<prometheus::MetricFamily> families;
  const double ticks_per_second = static_cast<double>(sysconf(_SC_CLK_TCK));
  const double page_size = static_cast<double>(sysconf(_SC_PAGESIZE));

  // /proc/self/stat: the command name (field 2) may contain spaces, so split after its ')'.
  const std::string stat = ReadWholeFile("/proc/self/stat").value_or("");
  const size_t paren = stat.rfind(')');
  if (paren != std::string::npos && ticks_per_second > 0) {
    std::vector<absl::string_view> fields =
        absl::StrSplit(absl::string_view(stat).substr(paren + 2), ' ', absl::SkipEmpty());
    // After ')': field 3 (state) is index 0, so utime (14) is 11, stime 12, starttime (22) 19,
    // vsize (23) 20, rss (24) 21.
    double utime = 0, stime = 0, start = 0, vsize = 0, rss = 0;
    if (fields.size() > 21 && absl::SimpleAtod(fields[11], &utime) &&
        absl::SimpleAtod(fields[12], &stime) && absl::SimpleAtod(fields[19], &start) &&
        absl::SimpleAtod(fields[20], &vsize) && absl::SimpleAtod(fields[21], &rss)) {
      families.push_back(
          Family("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.",
                 prometheus::MetricType::Counter, (utime + stime) / ticks_per_second));
      families.push_back(Family("process_resident_memory_bytes", "Resident memory size in bytes.",
                                prometheus::MetricType::Gauge, rss * page_size));
      families.push_back(Family("process_virtual_memory_bytes", "Virtual memory size in bytes.",
                                prometheus::MetricType::Gauge, vsize));
      families.push_back(Family(
          "process_start_time_seconds", "Start time of the process since unix epoch in seconds.",
          prometheus::MetricType::Gauge, BootTime() + start / ticks_per_second));
    }
  }

  std::error_code error;
  double open_fds = 0;
  for (auto it = std::filesystem::directory_iterator("/proc/self/fd", error);
       !error && it != std::filesystem::directory_iterator(); it.increment(error)) {
    ++open_fds;
  }
  if (!error) {
    families.push_back(Family("process_open_fds", "Number of open file descriptors.",
                              prometheus::MetricType::Gauge, open_fds));
  }
  struct rlimit limit;
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
    families.push_back(Family("process_max_fds", "Maximum number of open file descriptors.",
                              prometheus::MetricType::Gauge, static_cast<double>(limit.rlim_cur)));
  }
  return families;
}

}  // namespace swv
