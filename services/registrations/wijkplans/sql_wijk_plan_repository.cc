// The wijk_plans table and how a plan is stored in it.
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/registrations/records/record_changes.h"
#include "services/registrations/records/sql_record_store.h"
#include "services/registrations/records/sql_table.h"
#include "services/registrations/wijkplans/wijk_plan_repository.h"
#include "storage/schema.h"

namespace swv::registrations {
namespace {

using sql_records::Columns;
using sql_records::NewSqlRecordStore;
using sql_records::SqlTable;

constexpr char kChangesTable[] = "wijk_plan_changes";

// `school` is always '': a plan is the wijk's, and the list reach of a school or board tests the
// school column of every kind before the wijk's.
constexpr absl::string_view kWijkPlanSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS wijk_plans (
  %RECORD_KEY(plan_id)%,
  wijk VARCHAR(32) NOT NULL,
  school VARCHAR(6) NOT NULL DEFAULT '',
  year INT NOT NULL,
  summary TEXT NOT NULL,
  covers_child_level INT NOT NULL,
  covers_school_level INT NOT NULL,
  covers_wijk_level INT NOT NULL,
  adopted_on CHAR(10) NOT NULL,
  adopted_by VARCHAR(200) NOT NULL,
  aligned_with_youth_care INT NOT NULL,
  %RECORD_META%,
  %RECORD_UNIQUE(wijk_plans, plan_id)%
)%TABLE_OPTIONS%;
)sql";

const SqlTable<WijkPlanRecord>& WijkPlans() {
  static const auto* const kTable = SqlTable<WijkPlanRecord>::New(
      {"wijk_plans", "wijk plan", {kChangesTable, kWijkPlanKind, "wijk plan"}, "recorded"},
      Columns<WijkPlanRecord>(
          "plan_id", [](auto& r) -> auto& { return r.plan_id; })
          .Text(
              "wijk", [](auto& r) -> auto& { return r.plan.wijk; })
          .AsWijk()
          .Int(
              "year", [](auto& r) -> auto& { return r.plan.year; })
          .AsState()
          .Text(
              "summary", [](auto& r) -> auto& { return r.plan.summary; })
          .Flag(
              "covers_child_level", [](auto& r) -> auto& { return r.plan.covers_child_level; })
          .Flag(
              "covers_school_level", [](auto& r) -> auto& { return r.plan.covers_school_level; })
          .Flag(
              "covers_wijk_level", [](auto& r) -> auto& { return r.plan.covers_wijk_level; })
          .Day(
              "adopted_on", [](auto& r) -> auto& { return r.plan.adopted_on; })
          .AsListDate()
          .Text(
              "adopted_by", [](auto& r) -> auto& { return r.plan.adopted_by; })
          .Flag(
              "aligned_with_youth_care",
              [](auto& r) -> auto& { return r.plan.aligned_with_youth_care; })
          .UpdateAudit());
  return *kTable;
}

}  // namespace

absl::Status MigrateWijkPlanSchema(storage::Database& db) {
  static const std::vector<storage::Migration>* const kMigrations =
      new std::vector<storage::Migration>{
          storage::Dialected(1, "wijk plans and their change log",
                             absl::StrCat(kWijkPlanSchemaV1, ChangeLogTableSql(kChangesTable)))};
  return storage::ApplyMigrations(db, "wijk_plans", *kMigrations);
}

std::unique_ptr<RecordStore<WijkPlanRecord>> NewSqlWijkPlanStore(storage::Database* db) {
  return NewSqlRecordStore(db, &WijkPlans());
}

}  // namespace swv::registrations
