// Trace context over gRPC (trace_context.h): the `traceparent` metadata of every call.
//
// Server side (installed by ServiceRuntime on every server): the interceptor takes the caller's
// traceparent, or starts a trace when it is missing or malformed, and replaces it in the received
// metadata by the span of this call, which ServeCall (grpc_handler.h) makes current while the
// handler runs. When the call ends it writes one log line for it:
//   {"msg":"rpc","method":"/swv.v1.Tlvs/GetTlv","code":"OK","duration_ms":"3",
//    "trace_id":"…","span_id":"…"}
// Health and reflection calls (grpc.*) are not logged.
//
// Client side (installed by ChannelFactory on every channel): a call made while a trace is current
// on the calling thread, and that does not carry a traceparent already, carries the current one.
//
// Thread-safe: the factories are immutable; each interceptor belongs to one call.
#ifndef SWV_SERVICES_COMMON_GRPC_TRACE_H_
#define SWV_SERVICES_COMMON_GRPC_TRACE_H_

#include <grpcpp/grpcpp.h>
#include <grpcpp/support/client_interceptor.h>
#include <grpcpp/support/server_interceptor.h>

#include <memory>

#include "services/common/trace_context.h"

namespace swv {

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeTraceServerInterceptorFactory();

std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>
MakeTraceClientInterceptorFactory();

// The span of this call, as the server interceptor left it; a new trace when the server runs
// without that interceptor.
TraceContext TraceOf(const grpc::ServerContext& context);

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_GRPC_TRACE_H_
