// SQL implementation of AllocationRepository. Every statement is prepared with `?` placeholders;
// the only SQL assembled at run time is the number of "(?, ...)" groups in a multi-row INSERT.
//
// This file holds the schema and the factory; the methods are defined per table group (see
// sql_allocation_repository_internal.h).
#include <algorithm>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "services/allocation/allocation_repository.h"
#include "services/allocation/sql_allocation_repository_internal.h"
#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/status_macros.h"
#include "services/kernel/time_format.h"
#include "storage/schema.h"

namespace swv::allocation {
namespace {

constexpr absl::string_view kSchemaV1 = R"sql(
CREATE TABLE alloc_year_configs (
  tenant VARCHAR(16) NOT NULL,
  year INT NOT NULL,
  version BIGINT NOT NULL,
  config_text %LONGTEXT% NOT NULL,
  update_time_us BIGINT NOT NULL,
  updated_by VARCHAR(128) NOT NULL,
  PRIMARY KEY (tenant, year, version)
)%TABLE_OPTIONS%;
CREATE TABLE alloc_count_sets (
  tenant VARCHAR(16) NOT NULL,
  count_date CHAR(10) NOT NULL,
  version BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL,
  request_id VARCHAR(128) NULL,
  source VARCHAR(200) NOT NULL,
  row_count BIGINT NOT NULL,
  school_count BIGINT NOT NULL,
  total_pupils BIGINT NOT NULL,
  create_time_us BIGINT NOT NULL,
  created_by VARCHAR(128) NOT NULL,
  PRIMARY KEY (tenant, count_date, version),
  CONSTRAINT alloc_count_sets_request_id UNIQUE (tenant, request_id)
)%TABLE_OPTIONS%;
CREATE TABLE alloc_count_rows (
  tenant VARCHAR(16) NOT NULL,
  count_date CHAR(10) NOT NULL,
  version BIGINT NOT NULL,
  school CHAR(6) NOT NULL,
  line VARCHAR(40) NOT NULL,
  pupils BIGINT NOT NULL,
  sbo_pupils BIGINT NOT NULL,
  so_cat1_pupils BIGINT NOT NULL,
  so_cat2_pupils BIGINT NOT NULL,
  so_cat3_pupils BIGINT NOT NULL,
  PRIMARY KEY (tenant, count_date, version, school, line)
)%TABLE_OPTIONS%;
CREATE TABLE alloc_school_counts (
  tenant VARCHAR(16) NOT NULL,
  count_date CHAR(10) NOT NULL,
  version BIGINT NOT NULL,
  school CHAR(6) NOT NULL,
  pupils BIGINT NOT NULL,
  sbo_pupils BIGINT NOT NULL,
  so_cat1_pupils BIGINT NOT NULL,
  so_cat2_pupils BIGINT NOT NULL,
  so_cat3_pupils BIGINT NOT NULL,
  PRIMARY KEY (tenant, count_date, version, school)
)%TABLE_OPTIONS%;
CREATE TABLE alloc_calculations (
  tenant VARCHAR(16) NOT NULL,
  calculation_id VARCHAR(40) NOT NULL,
  year INT NOT NULL,
  config_version BIGINT NOT NULL,
  count_date CHAR(10) NOT NULL,
  count_version BIGINT NOT NULL,
  fingerprint CHAR(16) NOT NULL,
  request_id VARCHAR(128) NULL,
  create_time_us BIGINT NOT NULL,
  created_by VARCHAR(128) NOT NULL,
  PRIMARY KEY (tenant, calculation_id),
  CONSTRAINT alloc_calculations_request_id UNIQUE (tenant, request_id)
)%TABLE_OPTIONS%;
CREATE INDEX alloc_calculations_year ON alloc_calculations (tenant, year, create_time_us);
CREATE TABLE alloc_calculation_schools (
  tenant VARCHAR(16) NOT NULL,
  calculation_id VARCHAR(40) NOT NULL,
  school CHAR(6) NOT NULL,
  board VARCHAR(16) NOT NULL,
  wijk VARCHAR(32) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  inside_region INT NOT NULL,
  PRIMARY KEY (tenant, calculation_id, school)
)%TABLE_OPTIONS%;
CREATE TABLE alloc_calculation_boards (
  tenant VARCHAR(16) NOT NULL,
  calculation_id VARCHAR(40) NOT NULL,
  board VARCHAR(16) NOT NULL,
  display_name VARCHAR(500) NOT NULL,
  PRIMARY KEY (tenant, calculation_id, board)
)%TABLE_OPTIONS%;
CREATE TABLE alloc_spending_accounts (
  tenant VARCHAR(16) NOT NULL,
  year INT NOT NULL,
  board VARCHAR(16) NOT NULL,
  received_on CHAR(10) NOT NULL,
  basis_spent_cents BIGINT NOT NULL,
  extra_spent_cents BIGINT NOT NULL,
  note VARCHAR(1000) NOT NULL,
  version BIGINT NOT NULL,
  update_time_us BIGINT NOT NULL,
  updated_by VARCHAR(128) NOT NULL,
  PRIMARY KEY (tenant, year, board)
)%TABLE_OPTIONS%
)sql";

// Every submitted version of a spending account (alloc_spending_accounts keeps the newest, for the
// list). Accounts submitted before this migration keep only the version that was current then:
// the earlier ones had already been overwritten.
constexpr absl::string_view kSchemaV2 = R"sql(
CREATE TABLE alloc_spending_account_versions (
  tenant VARCHAR(16) NOT NULL,
  year INT NOT NULL,
  board VARCHAR(16) NOT NULL,
  version BIGINT NOT NULL,
  received_on CHAR(10) NOT NULL,
  basis_spent_cents BIGINT NOT NULL,
  extra_spent_cents BIGINT NOT NULL,
  note VARCHAR(1000) NOT NULL,
  update_time_us BIGINT NOT NULL,
  updated_by VARCHAR(128) NOT NULL,
  PRIMARY KEY (tenant, year, board, version)
)%TABLE_OPTIONS%;
INSERT INTO alloc_spending_account_versions (tenant, year, board, version, received_on,
  basis_spent_cents, extra_spent_cents, note, update_time_us, updated_by)
SELECT tenant, year, board, version, received_on, basis_spent_cents, extra_spent_cents, note,
  update_time_us, updated_by FROM alloc_spending_accounts
)sql";

// The rules a calculation ran under (1 = before the light/heavy budgets and the vangnet, so
// every calculation stored before this migration recomputes as it was) and the count-set versions
// of the vangnet (0 = none). Re-runnable on MariaDB (adding a column is idempotent there).
constexpr absl::string_view kSchemaV3 = R"sql(
ALTER TABLE alloc_calculations %ADD_COLUMN% rules_version INT NOT NULL DEFAULT 1;
ALTER TABLE alloc_calculations %ADD_COLUMN% vangnet_october_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE alloc_calculations %ADD_COLUMN% vangnet_february_version BIGINT NOT NULL DEFAULT 0
)sql";

}  // namespace

absl::Status MigrateAllocationSchema(storage::Database& db) {
  static const std::vector<storage::Migration>* const kMigrations =
      new std::vector<storage::Migration>{
          storage::Dialected(
              1,
              "year configs, count sets and rows, calculations with directory snapshot, "
              "spending accounts",
              kSchemaV1),
          storage::Dialected(2, "every version of a spending account", kSchemaV2),
          storage::Dialected(3, "calculation rules version and vangnet count versions", kSchemaV3)};
  return storage::ApplyMigrations(db, "allocation", *kMigrations);
}

std::unique_ptr<AllocationRepository> NewSqlAllocationRepository(storage::Database* db,
                                                                 int rows_per_statement,
                                                                 int rows_per_transaction) {
  return std::make_unique<sql_internal::SqlAllocationRepository>(db, rows_per_statement,
                                                                 rows_per_transaction);
}

}  // namespace swv::allocation
