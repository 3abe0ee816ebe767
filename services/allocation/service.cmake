# The allocation service as a library (tests, the benchmark and a combined dev binary link it)
# plus a thin main.
add_library(swv_allocation
  ${CMAKE_CURRENT_LIST_DIR}/sql_allocation_repository.cc
  ${CMAKE_CURRENT_LIST_DIR}/sql_allocation_configuration.cc
  ${CMAKE_CURRENT_LIST_DIR}/sql_allocation_counts.cc
  ${CMAKE_CURRENT_LIST_DIR}/sql_allocation_calculations.cc
  ${CMAKE_CURRENT_LIST_DIR}/sql_allocation_spending_accounts.cc
  ${CMAKE_CURRENT_LIST_DIR}/allocation_service.cc
  ${CMAKE_CURRENT_LIST_DIR}/allocation_service_counts.cc
  ${CMAKE_CURRENT_LIST_DIR}/allocation_service_spending.cc
  ${CMAKE_CURRENT_LIST_DIR}/allocation_proto_mapping.cc
  ${CMAKE_CURRENT_LIST_DIR}/grpc_allocation.cc
  ${CMAKE_CURRENT_LIST_DIR}/allocation_app.cc)
target_link_libraries(swv_allocation PUBLIC
  swv_allocation_domain swv_directory_client swv_kernel swv_idempotency swv_storage swv_runtime swv_proto
  absl::random_random absl::strings absl::time absl::synchronization absl::flat_hash_map)
swv_target(swv_allocation)

add_executable(swv-allocation ${CMAKE_CURRENT_LIST_DIR}/main.cc)
target_link_libraries(swv-allocation PRIVATE swv_service_main swv_allocation)
swv_target(swv-allocation)
install(TARGETS swv-allocation RUNTIME DESTINATION bin)
