-- One schema per service (each service owns its tables; DESIGN.md "Processes"), one user.
CREATE DATABASE IF NOT EXISTS swv_registrations CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS swv_allocation CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS swv_monitoring CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS swv_gateway CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
GRANT ALL ON swv_registrations.* TO 'swv'@'%';
GRANT ALL ON swv_allocation.* TO 'swv'@'%';
GRANT ALL ON swv_monitoring.* TO 'swv'@'%';
GRANT ALL ON swv_gateway.* TO 'swv'@'%';
