# The monitoring service as a library (tests and a combined dev binary link it) plus a thin main.
add_library(swv_monitoring
  ${CMAKE_CURRENT_LIST_DIR}/aggregates.cc
  ${CMAKE_CURRENT_LIST_DIR}/sql_monitoring_repository.cc
  ${CMAKE_CURRENT_LIST_DIR}/monitoring_service.cc
  ${CMAKE_CURRENT_LIST_DIR}/grpc_monitoring.cc
  ${CMAKE_CURRENT_LIST_DIR}/monitoring_app.cc)
target_link_libraries(swv_monitoring PUBLIC
  swv_monitoring_domain swv_directory_client swv_kernel swv_storage swv_runtime swv_proto
  absl::strings absl::time absl::synchronization)
swv_target(swv_monitoring)

add_executable(swv-monitoring ${CMAKE_CURRENT_LIST_DIR}/main.cc)
target_link_libraries(swv-monitoring PRIVATE swv_monitoring swv_service_main)
swv_target(swv-monitoring)
install(TARGETS swv-monitoring RUNTIME DESTINATION bin)
