# The registrations service as a library (tests and a combined dev binary link it) plus a thin main.
add_library(swv_registrations
  sql_thuiszitter_repository.cc
  thuiszitter_service.cc
  grpc_registrations.cc
  registrations_app.cc)
target_link_libraries(swv_registrations PUBLIC
  swv_registrations_domain swv_storage swv_runtime swv_proto swv_errors
  absl::random_random absl::strings absl::time absl::synchronization)
swv_target(swv_registrations)

add_executable(swv-registrations main.cc)
target_link_libraries(swv-registrations PRIVATE swv_registrations)
swv_target(swv-registrations)
install(TARGETS swv-registrations RUNTIME DESTINATION bin)
