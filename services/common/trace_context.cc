#include "services/common/trace_context.h"

#include <cstdint>
#include <utility>

#include "absl/random/random.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace swv {
namespace {

thread_local const TraceContext* g_current = nullptr;

bool IsLowerHex(absl::string_view text) {
  for (char c : text) {
    if (!absl::ascii_isdigit(c) && !(c >= 'a' && c <= 'f')) return false;
  }
  return true;
}

bool AllZero(absl::string_view text) { return text.find_first_not_of('0') == text.npos; }

std::string RandomHex(int digits) {
  thread_local absl::BitGen random;
  std::string out;
  do {
    out.clear();
    for (int i = 0; i < digits; i += 16) {
      absl::StrAppend(&out, absl::StrFormat("%016x", absl::Uniform<uint64_t>(random)));
    }
    out.resize(digits);
  } while (AllZero(out));
  return out;
}

}  // namespace

std::optional<TraceContext> ParseTraceparent(absl::string_view header) {
  // version(2) - trace id(32) - parent id(16) - flags(2): 55 characters.
  constexpr size_t kVersion00Length = 55;
  if (header.size() < kVersion00Length) return std::nullopt;
  absl::string_view version = header.substr(0, 2);
  if (!IsLowerHex(version) || version == "ff") return std::nullopt;
  if (version == "00" && header.size() != kVersion00Length) return std::nullopt;
  // A later version may append fields, after a dash.
  if (header.size() > kVersion00Length && header[kVersion00Length] != '-') return std::nullopt;
  if (header[2] != '-' || header[35] != '-' || header[52] != '-') return std::nullopt;
  absl::string_view trace_id = header.substr(3, 32);
  absl::string_view parent_id = header.substr(36, 16);
  absl::string_view flags = header.substr(53, 2);
  if (!IsLowerHex(trace_id) || !IsLowerHex(parent_id) || !IsLowerHex(flags)) return std::nullopt;
  if (AllZero(trace_id) || AllZero(parent_id)) return std::nullopt;
  const int flag_bits = (flags[1] >= 'a' ? flags[1] - 'a' + 10 : flags[1] - '0');
  return TraceContext{std::string(trace_id), std::string(parent_id), (flag_bits & 1) != 0};
}

std::string FormatTraceparent(const TraceContext& trace) {
  return absl::StrCat("00-", trace.trace_id, "-", trace.span_id, trace.sampled ? "-01" : "-00");
}

TraceContext StartTrace() { return TraceContext{RandomHex(32), RandomHex(16), false}; }

TraceContext ChildSpan(const TraceContext& parent) {
  return TraceContext{parent.trace_id, RandomHex(16), parent.sampled};
}

TraceContext ContinueOrStartTrace(absl::string_view header) {
  std::optional<TraceContext> caller = ParseTraceparent(header);
  return caller.has_value() ? ChildSpan(*caller) : StartTrace();
}

const TraceContext* CurrentTrace() { return g_current; }

ScopedTrace::ScopedTrace(TraceContext trace) : trace_(std::move(trace)), previous_(g_current) {
  g_current = &trace_;
}

ScopedTrace::~ScopedTrace() { g_current = previous_; }

}  // namespace swv
