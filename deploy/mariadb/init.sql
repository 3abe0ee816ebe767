-- One schema per service (each service owns its tables; DESIGN.md "Processes"). Two users
-- (docs/deploy.md, "Database users"): swv owns the schemas and runs the migrations
-- (SWV_MIGRATION_DATABASE_URL); swv_runtime is what the services work as: no DDL, on the gateway's
-- schema only SELECT and INSERT, so the access log and the credential history are append-only
-- whatever code runs. Passwords here are for a local trial only.
CREATE DATABASE IF NOT EXISTS swv_registrations CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS swv_allocation CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS swv_monitoring CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS swv_gateway CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
GRANT ALL ON swv_registrations.* TO 'swv'@'%';
GRANT ALL ON swv_allocation.* TO 'swv'@'%';
GRANT ALL ON swv_monitoring.* TO 'swv'@'%';
GRANT ALL ON swv_gateway.* TO 'swv'@'%';
CREATE USER IF NOT EXISTS 'swv_runtime'@'%' IDENTIFIED BY 'change-me-runtime';
GRANT SELECT, INSERT, UPDATE, DELETE ON swv_registrations.* TO 'swv_runtime'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON swv_allocation.* TO 'swv_runtime'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON swv_monitoring.* TO 'swv_runtime'@'%';
GRANT SELECT, INSERT ON swv_gateway.* TO 'swv_runtime'@'%';
