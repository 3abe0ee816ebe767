// SqlAllocationRepository: The calculations and their results (alloc_calculations with the
// directory snapshot in alloc_calculation_schools and alloc_calculation_boards).
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

namespace swv::allocation::sql_internal {
namespace {

constexpr absl::string_view kCalculationColumns =
    "tenant, calculation_id, year, config_version, count_date, count_version, fingerprint, "
    "create_time_us, created_by, rules_version, vangnet_october_version, vangnet_february_version";

CalculationRecord CalculationFromRow(const Row& row) {
  CalculationRecord c;
  c.tenant = row.GetString(0);
  c.calculation_id = row.GetString(1);
  c.year = static_cast<int>(row.GetInt(2));
  c.config_version = row.GetInt(3);
  c.count_date = row.GetString(4);
  c.count_version = row.GetInt(5);
  c.fingerprint = row.GetString(6);
  c.create_time = FromMicros(row.GetInt(7));
  c.created_by = row.GetString(8);
  c.rules_version = static_cast<int>(row.GetInt(9));
  c.vangnet_october_version = row.GetInt(10);
  c.vangnet_february_version = row.GetInt(11);
  return c;
}

}  // namespace

absl::StatusOr<absl::optional<CalculationRecord>>
SqlAllocationRepository::FindCalculationByRequestId(absl::string_view tenant,
                                                    absl::string_view request_id) {
  return FindCalculation("tenant = ? AND request_id = ?",
                         {std::string(tenant), std::string(request_id)});
}

absl::Status SqlAllocationRepository::CreateCalculation(const CalculationRecord& c,
                                                        absl::string_view request_id,
                                                        absl::Span<const DirectorySchool> schools,
                                                        absl::Span<const DirectoryBoard> boards) {
  return db_->InTransaction([&](Transaction& tx) -> absl::Status {
    SWV_RETURN_IF_ERROR(
        tx.Execute(absl::StrCat("INSERT INTO alloc_calculations (", kCalculationColumns,
                                ", request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                   {c.tenant, c.calculation_id, int64_t{c.year}, c.config_version, c.count_date,
                    c.count_version, c.fingerprint, ToMicros(c.create_time), c.created_by,
                    int64_t{c.rules_version}, c.vangnet_october_version, c.vangnet_february_version,
                    request_id.empty() ? storage::Null() : Value(std::string(request_id))})
            .status());
    for (size_t first = 0; first < schools.size(); first += rows_per_statement_) {
      const size_t last = std::min(schools.size(), first + rows_per_statement_);
      std::vector<Value> params;
      for (size_t i = first; i < last; ++i) {
        const DirectorySchool& s = schools[i];
        params.insert(params.end(),
                      {c.tenant, c.calculation_id, s.code, s.board, s.wijk,
                       std::string(SchoolKindName(s.kind)), int64_t{s.inside_region ? 1 : 0}});
      }
      SWV_RETURN_IF_ERROR(
          tx.Execute(absl::StrCat("INSERT INTO alloc_calculation_schools (tenant, "
                                  "calculation_id, school, board, wijk, kind, inside_region) "
                                  "VALUES ",
                                  PlaceholderRows(last - first, 7)),
                     params)
              .status());
    }
    for (size_t first = 0; first < boards.size(); first += rows_per_statement_) {
      const size_t last = std::min(boards.size(), first + rows_per_statement_);
      std::vector<Value> params;
      for (size_t i = first; i < last; ++i) {
        params.insert(params.end(),
                      {c.tenant, c.calculation_id, boards[i].code, boards[i].display_name});
      }
      SWV_RETURN_IF_ERROR(tx.Execute(absl::StrCat("INSERT INTO alloc_calculation_boards (tenant, "
                                                  "calculation_id, board, display_name) VALUES ",
                                                  PlaceholderRows(last - first, 4)),
                                     params)
                              .status());
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<CalculationRecord> SqlAllocationRepository::GetCalculation(
    absl::string_view tenant, absl::string_view calculation_id) {
  SWV_ASSIGN_OR_RETURN(absl::optional<CalculationRecord> found,
                       FindCalculation("tenant = ? AND calculation_id = ?",
                                       {std::string(tenant), std::string(calculation_id)}));
  if (!found) {
    return absl::NotFoundError(absl::StrCat("calculation ", calculation_id, " not found"));
  }
  return *std::move(found);
}

absl::StatusOr<std::vector<CalculationRecord>> SqlAllocationRepository::ListCalculations(
    absl::string_view tenant, int year) {
  return storage::ReadAll<CalculationRecord>(
      *db_,
      absl::StrCat("SELECT ", kCalculationColumns,
                   " FROM alloc_calculations WHERE tenant = ? AND year = ? "
                   "ORDER BY create_time_us DESC, calculation_id DESC LIMIT 200"),
      {std::string(tenant), int64_t{year}}, CalculationFromRow);
}

absl::Status SqlAllocationRepository::LoadCalculationDirectory(
    absl::string_view tenant, absl::string_view calculation_id,
    std::vector<DirectorySchool>* schools, std::vector<DirectoryBoard>* boards) {
  return db_->InTransaction([&](Transaction& tx) -> absl::Status {
    schools->clear();
    boards->clear();
    const std::vector<Value> key = {std::string(tenant), std::string(calculation_id)};
    SWV_ASSIGN_OR_RETURN(std::vector<Row> rows,
                         tx.Query("SELECT school, board, wijk, kind, inside_region FROM "
                                  "alloc_calculation_schools WHERE tenant = ? AND "
                                  "calculation_id = ? ORDER BY school",
                                  key));
    for (const Row& row : rows) {
      schools->push_back(
          DirectorySchool{row.GetString(0), row.GetString(1), row.GetString(2),
                          SchoolKindFromName(row.GetString(3)).value_or(SchoolKind::kUnspecified),
                          row.GetInt(4) != 0});
    }
    SWV_ASSIGN_OR_RETURN(rows, tx.Query("SELECT board, display_name FROM "
                                        "alloc_calculation_boards WHERE tenant = ? AND "
                                        "calculation_id = ? ORDER BY board",
                                        key));
    for (const Row& row : rows)
      boards->push_back(DirectoryBoard{row.GetString(0), row.GetString(1)});
    return absl::OkStatus();
  });
}

absl::StatusOr<absl::optional<CalculationRecord>> SqlAllocationRepository::FindCalculation(
    absl::string_view where, std::vector<Value> params) {
  return storage::ReadFirst<CalculationRecord>(
      *db_, absl::StrCat("SELECT ", kCalculationColumns, " FROM alloc_calculations WHERE ", where),
      params, CalculationFromRow);
}

}  // namespace swv::allocation::sql_internal
