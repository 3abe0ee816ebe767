#include "services/common/logging.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"

namespace swv {
namespace {

std::atomic<int> g_min_level{static_cast<int>(LogLevel::kInfo)};

absl::Mutex g_mu;
std::string* g_service ABSL_GUARDED_BY(g_mu) = new std::string();  // leaked: used at exit
std::function<void(absl::string_view)>* g_sink ABSL_GUARDED_BY(g_mu) = nullptr;

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return "debug";
    case LogLevel::kInfo: return "info";
    case LogLevel::kWarn: return "warn";
    case LogLevel::kError: return "error";
  }
  return "info";
}

// Length of the valid UTF-8 sequence starting at text[i], or 0 if it is not valid (overlong
// forms, surrogates and code points above U+10FFFF are rejected, as JSON parsers would).
size_t Utf8SequenceLength(absl::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char c = byte(i);
  size_t n;
  uint32_t cp;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return n;
}

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
  if (text == "debug") {
    *level = LogLevel::kDebug;
  } else if (text == "info") {
    *level = LogLevel::kInfo;
  } else if (text == "warn") {
    *level = LogLevel::kWarn;
  } else if (text == "error") {
    *level = LogLevel::kError;
  } else {
    return false;
  }
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

std::string JsonQuote(absl::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size() + 2);
  out.push_back('"');
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      size_t n = Utf8SequenceLength(text, i);
      if (n == 0) {
        out.append("\\ufffd");
        ++i;
      } else {
        out.append(text.data() + i, n);
        i += n;
      }
      continue;
    }
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out.append("\\u00");
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0xF]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  out.push_back('"');
  return out;
}

std::string FormatLogLine(absl::Time time, LogLevel level, absl::string_view service,
                          absl::string_view msg, LogFields fields) {
  std::string out = absl::StrCat(
      "{\"ts\":\"", absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", time, absl::UTCTimeZone()),
      "\",\"level\":\"", LevelName(level), "\",\"service\":", JsonQuote(service),
      ",\"msg\":", JsonQuote(msg));
  for (const auto& field : fields) {
    absl::StrAppend(&out, ",", JsonQuote(field.first), ":", JsonQuote(field.second));
  }
  out.append("}\n");
  return out;
}

void Log(LogLevel level, absl::string_view msg, LogFields fields) {
  if (!LogEnabled(level)) return;
  absl::Time now = absl::Now();
  absl::MutexLock lock(&g_mu);
  std::string line = FormatLogLine(now, level, *g_service, msg, fields);
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
