# The OSO dossier parser: pure (XML text in, values or an error out), on libxml2.
add_library(swv_oso_dossier intake/oso_dossier.cc intake/oso_xml.cc)
target_link_libraries(swv_oso_dossier PUBLIC
  swv_registrations_domain swv_kernel LibXml2::LibXml2 absl::status absl::statusor absl::strings
  absl::time)
swv_target(swv_oso_dossier)

# The registrations service as a library (tests and a combined dev binary link it) plus a thin main.
add_library(swv_registrations
  # Shared by the areas: record types, school filters, SQL helpers, pupils, the change log.
  records/record_changes.cc
  records/sql_pupils.cc
  records/sql_table.cc
  # One folder per area: repository, SQL repository (with its tables), service, gRPC adapter.
  directory/sql_directory_repository.cc
  directory/directory_service.cc
  directory/grpc_directory.cc
  directory/directory_access.cc
  thuiszitters/sql_thuiszitter_repository.cc
  thuiszitters/sql_thuiszitter_rows.cc
  thuiszitters/thuiszitter_service.cc
  thuiszitters/grpc_registrations.cc
  thuiszitters/grpc_consents.cc
  register/sql_register_repository.cc
  register/register_service.cc
  register/grpc_registrations_register.cc
  opps/sql_opp_repository.cc
  opps/opp_service.cc
  tlvs/sql_tlv_repository.cc
  tlvs/sql_tlv_rows.cc
  tlvs/tlv_service.cc
  tlvs/tlv_proto_mapping.cc
  tlvs/grpc_tlvs.cc
  intake/sql_oso_dossier_store.cc
  intake/intake_service.cc
  support/sql_support_repository.cc
  support/support_service.cc
  support/grpc_support_service.cc
  support/sql_profile_tables.cc
  support/school_profiles.cc
  support/waiting_entries.cc
  support/support_proto_mapping.cc
  escalations/sql_escalation_repository.cc
  escalations/escalation_service.cc
  escalations/grpc_escalations.cc
  wijkplans/sql_wijk_plan_repository.cc
  wijkplans/wijk_plan_service.cc
  wijkplans/grpc_wijk_plans.cc
  reporting/reporting_service.cc
  # The wiring of the process.
  registrations_app.cc
  business_metrics.cc
  tlv_app.cc)
target_link_libraries(swv_registrations PUBLIC
  swv_registrations_domain swv_oso_dossier swv_kernel swv_idempotency swv_storage swv_runtime swv_proto
  absl::random_random absl::strings absl::time absl::synchronization)
swv_target(swv_registrations)

add_executable(swv-registrations main.cc)
target_link_libraries(swv-registrations PRIVATE swv_registrations swv_service_main)
swv_target(swv-registrations)
install(TARGETS swv-registrations RUNTIME DESTINATION bin)
