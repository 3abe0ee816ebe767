# swv_runtime: what every service process shares - options, JSON logging, Prometheus metrics with
# a gRPC server interceptor, absl::Status <-> grpc::Status mapping with google.rpc details, and the
# ServiceRuntime (gRPC server with health and reflection, HTTP side port, signal-driven drain).
# Deliberately independent of storage: readiness is a callback.
find_package(OpenSSL REQUIRED)
add_library(swv_runtime
  ${CMAKE_CURRENT_LIST_DIR}/grpc_status.cc
  ${CMAKE_CURRENT_LIST_DIR}/logging.cc
  ${CMAKE_CURRENT_LIST_DIR}/trace_context.cc
  ${CMAKE_CURRENT_LIST_DIR}/metrics.cc
  ${CMAKE_CURRENT_LIST_DIR}/metric_families.cc
  ${CMAKE_CURRENT_LIST_DIR}/process_metrics.cc
  ${CMAKE_CURRENT_LIST_DIR}/background_metrics.cc
  ${CMAKE_CURRENT_LIST_DIR}/file_text.cc
  ${CMAKE_CURRENT_LIST_DIR}/options.cc
  ${CMAKE_CURRENT_LIST_DIR}/page_token.cc
  ${CMAKE_CURRENT_LIST_DIR}/principal.cc
  ${CMAKE_CURRENT_LIST_DIR}/access.cc
  ${CMAKE_CURRENT_LIST_DIR}/access_policy.cc
  ${CMAKE_CURRENT_LIST_DIR}/grpc_principal.cc
  ${CMAKE_CURRENT_LIST_DIR}/grpc_trace.cc
  ${CMAKE_CURRENT_LIST_DIR}/grpc_channel.cc
  ${CMAKE_CURRENT_LIST_DIR}/grpc_generic_call.cc
  ${CMAKE_CURRENT_LIST_DIR}/proto_fields.cc
  ${CMAKE_CURRENT_LIST_DIR}/principal_token.cc
  ${CMAKE_CURRENT_LIST_DIR}/digest.cc
  ${CMAKE_CURRENT_LIST_DIR}/server.cc
  ${CMAKE_CURRENT_LIST_DIR}/server_stop.cc)
target_link_libraries(swv_runtime
  PUBLIC
    swv_proto
    swv_kernel
    gRPC::grpc++
    gRPC::grpc++_reflection
    prometheus-cpp::core
    absl::status
    absl::strings
    absl::str_format
    absl::synchronization
    absl::time
    absl::random_random
    absl::flat_hash_map
    absl::flat_hash_set
    Threads::Threads
  PRIVATE
    cpphttplib
    OpenSSL::Crypto)
target_compile_definitions(swv_runtime PRIVATE SWV_VERSION="${PROJECT_VERSION}")
swv_target(swv_runtime)

