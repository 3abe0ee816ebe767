// Structured logs: one JSON object per line on stderr, for a log shipper to pick up.
//   {"ts":"2024-05-01T09:30:00.123Z","level":"info","service":"swv-registrations","msg":"started",
//    "grpc_port":"50051"}
// Field values are strings (JSON-escaped; invalid UTF-8 becomes U+FFFD), so a line is always
// valid JSON. Never log pupil data, request bodies or credentials: log ids and codes.
// A line written while a trace is current on the thread (trace_context.h ScopedTrace) ends with
// its "trace_id" and "span_id", so one request can be followed across processes.
//
// Thread-safety: every function may be called from any thread. Each line is written with a single
// write(2) under a mutex, so lines never interleave. InitLogging is meant to run once in main
// before threads start; calling it again replaces service name and level (last call wins).
#ifndef SWV_SERVICES_COMMON_LOGGING_H_
#define SWV_SERVICES_COMMON_LOGGING_H_

#include <functional>
#include <initializer_list>
#include <string>
#include <utility>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/common/trace_context.h"

namespace swv {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

using LogFields = std::initializer_list<std::pair<absl::string_view, std::string>>;

// Sets the "service" field and the lowest level written. Unknown level names mean info (options
// are validated before this is called; see ValidateServerOptions).
void InitLogging(absl::string_view service_name, absl::string_view level);

// "debug" | "info" | "warn" | "error"; false for anything else.
bool ParseLogLevel(absl::string_view text, LogLevel* level);

bool LogEnabled(LogLevel level);

void Log(LogLevel level, absl::string_view msg, LogFields fields = {});
inline void LogDebug(absl::string_view msg, LogFields fields = {}) {
  Log(LogLevel::kDebug, msg, fields);
}
inline void LogInfo(absl::string_view msg, LogFields fields = {}) {
  Log(LogLevel::kInfo, msg, fields);
}
inline void LogWarn(absl::string_view msg, LogFields fields = {}) {
  Log(LogLevel::kWarn, msg, fields);
}
inline void LogError(absl::string_view msg, LogFields fields = {}) {
  Log(LogLevel::kError, msg, fields);
}

// Building blocks, exposed for tests (string literals come from services/kernel/json.h).
// One log line including the trailing '\n'. Fields named ts/level/service/msg are still written
// (JSON allows it) but after the standard ones; avoid such names. `trace` (may be null) adds its
// trace_id and span_id last.
std::string FormatLogLine(absl::Time time, LogLevel level, absl::string_view service,
                          absl::string_view msg, LogFields fields,
                          const TraceContext* trace = nullptr);

// Test hook: while set, lines go to `sink` instead of stderr. Pass nullptr to restore stderr.
void SetLogSinkForTesting(std::function<void(absl::string_view line)> sink);

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_LOGGING_H_
