# The registrations service as a library (tests and a combined dev binary link it) plus a thin main.
add_library(swv_registrations
  sql_thuiszitter_repository.cc
  thuiszitter_service.cc
  grpc_registrations.cc
  registrations_app.cc
  business_metrics.cc
  record_changes.cc
  sql_pupils.cc
  sql_register_repository.cc
  register_service.cc
  reporting_service.cc
  grpc_registrations_register.cc
  sql_support_repository.cc
  support_service.cc
  grpc_support_service.cc
  sql_directory_repository.cc
  directory_service.cc
  grpc_directory.cc
  sql_opp_repository.cc
  opp_service.cc
  sql_tlv_repository.cc
  tlv_service.cc
  grpc_tlvs.cc
  tlv_app.cc)
target_link_libraries(swv_registrations PUBLIC
  swv_registrations_domain swv_kernel swv_idempotency swv_storage swv_runtime swv_proto
  absl::random_random absl::strings absl::time absl::synchronization)
swv_target(swv_registrations)

add_executable(swv-registrations main.cc)
target_link_libraries(swv-registrations PRIVATE swv_registrations swv_service_main)
swv_target(swv-registrations)
install(TARGETS swv-registrations RUNTIME DESTINATION bin)
