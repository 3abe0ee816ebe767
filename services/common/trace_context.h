// W3C Trace Context (https://www.w3.org/TR/trace-context/): the `traceparent` a request carries
// from the client through the gateway into every service call, so that one request can be followed
// in every process's log lines and in its audit rows.
//
//   traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
//                version-trace id (32 hex)-parent id (16 hex)-flags (2 hex)
//
// Where it is taken and passed on (docs/operations.md "Tracing"):
//   - the gateway continues a valid incoming traceparent or starts a trace, gives the request its
//     own span id, returns its traceparent as a response header and passes it to the backend call;
//   - every service call (grpc_handler.h ServeCall) runs under the caller's trace with a span of
//     its own, and calls it makes to other services carry it on (grpc_channel.h);
//   - while a ScopedTrace is alive on a thread, every log line written on that thread carries
//     "trace_id" and "span_id" (logging.h).
//
// Values and functions are thread-safe; CurrentTrace is per thread.
#ifndef SWV_SERVICES_COMMON_TRACE_CONTEXT_H_
#define SWV_SERVICES_COMMON_TRACE_CONTEXT_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace swv {

// The header and gRPC metadata key (lower case, as HTTP/2 and gRPC require).
inline constexpr char kTraceparentKey[] = "traceparent";

struct TraceContext {
  std::string trace_id;  // 32 lower-case hex digits, not all zero
  std::string span_id;   // 16 lower-case hex digits, not all zero: the current span
  bool sampled = false;  // the "sampled" flag (01); passed on as received
};

// The traceparent of a valid header; nullopt for anything the specification says to ignore
// (wrong lengths, upper-case or non-hex digits, all-zero ids, version ff). A version above 00 is
// read by its first four fields, as the specification asks of a version 00 reader.
std::optional<TraceContext> ParseTraceparent(absl::string_view header);

// "00-<trace id>-<span id>-<flags>".
std::string FormatTraceparent(const TraceContext& trace);

// A new trace with a random trace id and span id, not sampled.
TraceContext StartTrace();

// A span of this trace: the same trace id and flags, a new random span id.
TraceContext ChildSpan(const TraceContext& parent);

// The span that handles a request carrying `header`: a child of the caller's span when the header
// is valid, else (missing or malformed: the specification says to restart) a new trace.
TraceContext ContinueOrStartTrace(absl::string_view header);

// The trace of the work running on this thread; null outside any ScopedTrace.
const TraceContext* CurrentTrace();

// Makes `trace` the current trace of this thread for the object's lifetime, restoring the one
// before on destruction. Create and destroy on the same thread; do not move.
class ScopedTrace {
 public:
  explicit ScopedTrace(TraceContext trace);
  ~ScopedTrace();
  ScopedTrace(const ScopedTrace&) = delete;
  ScopedTrace& operator=(const ScopedTrace&) = delete;

  const TraceContext& trace() const { return trace_; }

 private:
  TraceContext trace_;
  const TraceContext* previous_;
};

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_TRACE_CONTEXT_H_
