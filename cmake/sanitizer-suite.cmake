# The test binaries the sanitizer stage of tools/run-tests.sh builds and runs (ctest label
# "sanitize", given by swv_test in tests/CMakeLists.txt): the domain rules, storage on SQLite, the
# gateway core, and the registrations service over gRPC (its SQLite half: run-tests.sh excludes
# the MariaDB instances). Chosen to fit the CI budget (docs/hardening.md).
set(SWV_SANITIZER_SUITE
  swv_registrations_domain_test swv_registrations_register_domain_test
  swv_registrations_tlv_domain_test swv_allocation_domain_test swv_monitoring_domain_test
  storage_test swv_gateway_unit_test swv_registrations_server_test swv_oso_dossier_test)
