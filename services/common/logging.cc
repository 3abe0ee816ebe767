#include "services/common/logging.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "services/kernel/enum_names.h"
#include "services/kernel/json.h"

namespace swv {
namespace {

std::atomic<int> g_min_level{static_cast<int>(LogLevel::kInfo)};

absl::Mutex g_mu;
std::string* g_service ABSL_GUARDED_BY(g_mu) = new std::string();  // leaked: used at exit
std::function<void(absl::string_view)>* g_sink ABSL_GUARDED_BY(g_mu) = nullptr;

constexpr EnumName<LogLevel> kLevelNames[] = {{LogLevel::kDebug, "debug"},
                                              {LogLevel::kInfo, "info"},
                                              {LogLevel::kWarn, "warn"},
                                              {LogLevel::kError, "error"}};

const char* LevelName(LogLevel level) { return NameOf(kLevelNames, level, "info"); }

void WriteAll(absl::string_view line) {
  const char* data = line.data();
  size_t left = line.size();
  while (left > 0) {
    ssize_t n = ::write(STDERR_FILENO, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // Nowhere left to report a failing stderr.
    }
    data += n;
    left -= static_cast<size_t>(n);
  }
}

}  // namespace

bool ParseLogLevel(absl::string_view text, LogLevel* level) {
  absl::optional<LogLevel> parsed = ValueOf(kLevelNames, text);
  if (!parsed) return false;
  *level = *parsed;
  return true;
}

void InitLogging(absl::string_view service_name, absl::string_view level) {
  LogLevel parsed = LogLevel::kInfo;
  ParseLogLevel(level, &parsed);
  g_min_level.store(static_cast<int>(parsed), std::memory_order_relaxed);
  absl::MutexLock lock(&g_mu);
  *g_service = std::string(service_name);
}

bool LogEnabled(LogLevel level) {
  return static_cast<int>(level) >= g_min_level.load(std::memory_order_relaxed);
}

std::string FormatLogLine(absl::Time time, LogLevel level, absl::string_view service,
                          absl::string_view msg, LogFields fields, const TraceContext* trace) {
  std::string out = absl::StrCat(
      "{\"ts\":\"", absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", time, absl::UTCTimeZone()),
      "\",\"level\":\"", LevelName(level), "\",\"service\":", JsonQuote(service),
      ",\"msg\":", JsonQuote(msg));
  for (const auto& field : fields) {
    absl::StrAppend(&out, ",", JsonQuote(field.first), ":", JsonQuote(field.second));
  }
  if (trace != nullptr) {
    absl::StrAppend(&out, ",\"trace_id\":", JsonQuote(trace->trace_id),
                    ",\"span_id\":", JsonQuote(trace->span_id));
  }
  out.append("}\n");
  return out;
}

void Log(LogLevel level, absl::string_view msg, LogFields fields) {
  if (!LogEnabled(level)) return;
  absl::Time now = absl::Now();
  absl::MutexLock lock(&g_mu);
  std::string line = FormatLogLine(now, level, *g_service, msg, fields, CurrentTrace());
  if (g_sink != nullptr) {
    (*g_sink)(line);
  } else {
    WriteAll(line);
  }
}

void SetLogSinkForTesting(std::function<void(absl::string_view line)> sink) {
  absl::MutexLock lock(&g_mu);
  delete g_sink;
  g_sink = sink ? new std::function<void(absl::string_view)>(std::move(sink)) : nullptr;
}

}  // namespace swv
