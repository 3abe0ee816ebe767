// SqlAllocationRepository: The pupil counts (alloc_count_sets, alloc_count_rows,
// alloc_school_counts): count sets built in batches, completed or abandoned, and the per-school
// counts of a complete set.
#include <algorithm>
#include <iterator>
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

constexpr absl::string_view kCountSetColumns =
    "tenant, count_date, version, status, source, row_count, school_count, total_pupils, "
    "create_time_us, created_by";

CountSetRecord CountSetFromRow(const Row& row) {
  CountSetRecord set;
  set.tenant = row.GetString(0);
  set.count_date = row.GetString(1);
  set.version = row.GetInt(2);
  set.complete = row.GetString(3) == "complete" || row.GetString(3) == "submitted";
  set.submission = row.GetString(3) == "submitted";
  set.source = row.GetString(4);
  set.row_count = row.GetInt(5);
  set.school_count = row.GetInt(6);
  set.total_pupils = row.GetInt(7);
  set.create_time = FromMicros(row.GetInt(8));
  set.created_by = row.GetString(9);
  return set;
}

}  // namespace

absl::StatusOr<CountSetRecord> SqlAllocationRepository::BeginCountSet(
    const CountSetRecord& candidate, absl::string_view request_id) {
  // Two importers of one count date may pick the same next version; the loser runs again.
  CountSetRecord result;
  absl::Status status = storage::InTransactionAgainOnConflict(
      *db_, 5,
      [&](Transaction& tx) -> absl::Status {
        result = candidate;
        if (!request_id.empty()) {
          SWV_ASSIGN_OR_RETURN(
              std::vector<Row> rows,
              tx.Query(absl::StrCat("SELECT ", kCountSetColumns,
                                    " FROM alloc_count_sets WHERE tenant = ? AND request_id = ?"),
                       {candidate.tenant, std::string(request_id)}));
          if (!rows.empty()) {
            result = CountSetFromRow(rows[0]);
            if (result.count_date != candidate.count_date) {
              return ErrorWithReason(absl::StatusCode::kAlreadyExists, "REQUEST_ID_REUSED",
                                     "request_id was used for an import of another count date",
                                     "request_id");
            }
            // Another principal's set is returned untouched: the service refuses the replay, and
            // an import still streaming must not lose its rows to it.
            if (!result.complete && result.created_by == candidate.created_by) {
              if (candidate.create_time - result.create_time < kImportInProgressFor) {
                result.in_progress = true;  // a concurrent retry: leave its rows alone
              } else {
                SWV_RETURN_IF_ERROR(
                    DeleteRows(tx, result.tenant, result.count_date, result.version));
              }
            }
            return absl::OkStatus();
          }
        }
        SWV_ASSIGN_OR_RETURN(
            std::vector<Row> rows,
            tx.Query("SELECT COALESCE(MAX(version), 0) FROM alloc_count_sets WHERE tenant = ? "
                     "AND count_date = ?",
                     {candidate.tenant, candidate.count_date}));
        result.version = (rows.empty() ? 0 : rows[0].GetInt(0)) + 1;
        result.complete = false;
        return tx
            .Execute(absl::StrCat("INSERT INTO alloc_count_sets (", kCountSetColumns,
                                  ", request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                     {result.tenant, result.count_date, result.version, std::string("importing"),
                      result.source, int64_t{0}, int64_t{0}, int64_t{0},
                      ToMicros(result.create_time), result.created_by,
                      request_id.empty() ? storage::Null() : Value(std::string(request_id))})
            .status();
      },
      [](const absl::Status& s) { return ReasonOf(s) != "REQUEST_ID_REUSED"; });
  if (!status.ok()) return status;
  return result;
}

absl::Status SqlAllocationRepository::AppendCountRows(absl::string_view tenant,
                                                      absl::string_view count_date, int64_t version,
                                                      absl::Span<const ValidCountRow> rows) {
  static constexpr absl::string_view kColumns[] = {
      "tenant", "count_date", "version",        "school",         "line",
      "pupils", "sbo_pupils", "so_cat1_pupils", "so_cat2_pupils", "so_cat3_pupils"};
  const storage::BulkInsert insert = {"alloc_count_rows", kColumns,
                                      static_cast<int64_t>(rows_per_statement_)};
  const std::string tenant_text(tenant), date_text(count_date);
  std::vector<Value> values;
  for (size_t start = 0; start < rows.size(); start += rows_per_transaction_) {
    const size_t end = std::min(rows.size(), start + rows_per_transaction_);
    values.clear();
    values.reserve((end - start) * std::size(kColumns));
    for (size_t i = start; i < end; ++i) {
      const ValidCountRow& row = rows[i];
      values.insert(values.end(),
                    {tenant_text, date_text, version, row.school, row.line, row.pupils,
                     row.sbo_pupils, row.so_cat1_pupils, row.so_cat2_pupils, row.so_cat3_pupils});
    }
    // One bulk statement per transaction on MariaDB (LOAD DATA), batched INSERTs on SQLite.
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      return storage::InsertRows(tx, insert, values).status();
    });
    if (absl::IsAlreadyExists(status)) {
      return ErrorWithReason(absl::StatusCode::kInvalidArgument, "DUPLICATE_ROW",
                             "a row for the same school and line was already imported in this "
                             "count set; give each row of a school its own line",
                             "counts");
    }
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::Status SqlAllocationRepository::MarkComplete(Transaction& tx, const std::vector<Value>& key,
                                                   bool submission, int64_t row_count,
                                                   int64_t school_count, int64_t total_pupils,
                                                   CountSetRecord* result) {
  SWV_ASSIGN_OR_RETURN(
      int64_t changed,
      tx.Execute("UPDATE alloc_count_sets SET status = ?, row_count = ?, "
                 "school_count = ?, total_pupils = ? WHERE tenant = ? AND count_date = ? AND "
                 "version = ?",
                 {std::string(submission ? "submitted" : "complete"), row_count, school_count,
                  total_pupils, key[0], key[1], key[2]}));
  if (changed != 1) return absl::NotFoundError("the count set being imported disappeared");
  SWV_ASSIGN_OR_RETURN(std::vector<Row> rows,
                       tx.Query(absl::StrCat("SELECT ", kCountSetColumns,
                                             " FROM alloc_count_sets WHERE tenant = ? "
                                             "AND count_date = ? AND version = ?"),
                                key));
  if (rows.empty()) return absl::NotFoundError("the count set being imported disappeared");
  *result = CountSetFromRow(rows[0]);
  return absl::OkStatus();
}

absl::StatusOr<CountSetRecord> SqlAllocationRepository::CompleteCountSet(
    absl::string_view tenant, absl::string_view count_date, int64_t version, bool submission) {
  CountSetRecord result;
  const std::vector<Value> key = {std::string(tenant), std::string(count_date), version};
  absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
    // Re-runnable: a retried transaction starts from a clean slate.
    SWV_RETURN_IF_ERROR(DeleteTotals(tx, key));
    SWV_RETURN_IF_ERROR(
        tx.Execute("INSERT INTO alloc_school_counts (tenant, count_date, version, school, "
                   "pupils, sbo_pupils, so_cat1_pupils, so_cat2_pupils, so_cat3_pupils) "
                   "SELECT tenant, count_date, version, school, SUM(pupils), SUM(sbo_pupils), "
                   "SUM(so_cat1_pupils), SUM(so_cat2_pupils), SUM(so_cat3_pupils) "
                   "FROM alloc_count_rows WHERE tenant = ? AND count_date = ? AND version = ? "
                   "GROUP BY tenant, count_date, version, school",
                   key)
            .status());
    SWV_ASSIGN_OR_RETURN(std::vector<Row> rows,
                         tx.Query("SELECT COUNT(*) FROM alloc_count_rows WHERE tenant = ? AND "
                                  "count_date = ? AND version = ?",
                                  key));
    const int64_t row_count = rows[0].GetInt(0);
    SWV_ASSIGN_OR_RETURN(rows, tx.Query("SELECT COUNT(*), COALESCE(SUM(pupils), 0) FROM "
                                        "alloc_school_counts WHERE tenant = ? AND "
                                        "count_date = ? AND version = ?",
                                        key));
    return MarkComplete(tx, key, submission, row_count, rows[0].GetInt(0), rows[0].GetInt(1),
                        &result);
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<CountSetRecord> SqlAllocationRepository::CompleteCountSetWithTotals(
    absl::string_view tenant, absl::string_view count_date, int64_t version, bool submission,
    int64_t row_count, absl::Span<const SchoolCount> totals) {
  static constexpr absl::string_view kColumns[] = {
      "tenant",     "count_date",     "version",        "school",        "pupils",
      "sbo_pupils", "so_cat1_pupils", "so_cat2_pupils", "so_cat3_pupils"};
  const std::vector<Value> key = {std::string(tenant), std::string(count_date), version};
  std::vector<Value> values;
  values.reserve(totals.size() * std::size(kColumns));
  int64_t total_pupils = 0;
  for (const SchoolCount& school : totals) {
    values.insert(values.end(),
                  {key[0], key[1], version, school.school, school.pupils, school.sbo_pupils,
                   school.so_cat1_pupils, school.so_cat2_pupils, school.so_cat3_pupils});
    total_pupils += school.pupils;
  }
  CountSetRecord result;
  absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
    SWV_RETURN_IF_ERROR(DeleteTotals(tx, key));
    SWV_RETURN_IF_ERROR(
        storage::InsertRows(
            tx, {"alloc_school_counts", kColumns, static_cast<int64_t>(rows_per_statement_)},
            values)
            .status());
    return MarkComplete(tx, key, submission, row_count, static_cast<int64_t>(totals.size()),
                        total_pupils, &result);
  });
  if (!status.ok()) return status;
  return result;
}

absl::Status SqlAllocationRepository::MergeCountRows(absl::string_view tenant,
                                                     absl::string_view count_date, int64_t version,
                                                     int64_t base, int64_t submission) {
  constexpr absl::string_view kCopy =
      "INSERT INTO alloc_count_rows (tenant, count_date, version, school, line, pupils, "
      "sbo_pupils, so_cat1_pupils, so_cat2_pupils, so_cat3_pupils) SELECT tenant, count_date, "
      "?, school, line, pupils, sbo_pupils, so_cat1_pupils, so_cat2_pupils, so_cat3_pupils "
      "FROM alloc_count_rows WHERE tenant = ? AND count_date = ? AND version = ?";
  const std::string t(tenant), d(count_date);
  return db_->InTransaction([&](Transaction& tx) -> absl::Status {
    if (base > 0) {
      SWV_RETURN_IF_ERROR(
          tx.Execute(absl::StrCat(kCopy,
                                  " AND school NOT IN (SELECT school FROM alloc_count_rows "
                                  "WHERE tenant = ? AND count_date = ? AND version = ?)"),
                     {version, t, d, base, t, d, submission})
              .status());
    }
    return tx.Execute(std::string(kCopy), {version, t, d, submission}).status();
  });
}

absl::Status SqlAllocationRepository::AbandonCountSet(absl::string_view tenant,
                                                      absl::string_view count_date,
                                                      int64_t version) {
  return db_->InTransaction([&](Transaction& tx) -> absl::Status {
    // Only a set still importing: a complete set keeps its rows and totals even when its importer
    // saw its completion fail after the commit.
    SWV_ASSIGN_OR_RETURN(int64_t deleted,
                         tx.Execute("DELETE FROM alloc_count_sets WHERE tenant = ? AND "
                                    "count_date = ? AND version = ? AND status = 'importing'",
                                    {std::string(tenant), std::string(count_date), version}));
    if (deleted == 0) return absl::OkStatus();
    return DeleteRows(tx, std::string(tenant), std::string(count_date), version);
  });
}

absl::StatusOr<std::vector<CountSetRecord>> SqlAllocationRepository::ListCountSets(
    absl::string_view tenant, absl::string_view count_date) {
  return storage::ReadAll<CountSetRecord>(
      *db_,
      absl::StrCat("SELECT ", kCountSetColumns,
                   " FROM alloc_count_sets WHERE tenant = ? AND count_date = ? AND "
                   "status IN ('complete', 'submitted') ORDER BY version DESC"),
      {std::string(tenant), std::string(count_date)}, CountSetFromRow);
}

absl::StatusOr<absl::optional<CountSetRecord>> SqlAllocationRepository::GetCountSet(
    absl::string_view tenant, absl::string_view count_date, int64_t version) {
  std::vector<Value> params = {std::string(tenant), std::string(count_date)};
  std::string sql = absl::StrCat("SELECT ", kCountSetColumns,
                                 " FROM alloc_count_sets WHERE tenant = ? AND count_date = ? "
                                 "AND status = 'complete'");
  ReadOneVersion(version, &sql, &params);
  return storage::ReadFirst<CountSetRecord>(*db_, sql, params, CountSetFromRow);
}

absl::StatusOr<std::vector<SchoolCount>> SqlAllocationRepository::SchoolCounts(
    absl::string_view tenant, absl::string_view count_date, int64_t version) {
  return storage::ReadAll<SchoolCount>(
      *db_,
      "SELECT school, pupils, sbo_pupils, so_cat1_pupils, so_cat2_pupils, so_cat3_pupils FROM "
      "alloc_school_counts WHERE tenant = ? AND count_date = ? AND version = ? ORDER BY school",
      {std::string(tenant), std::string(count_date), version}, [](const Row& row) {
        return SchoolCount{row.GetString(0), row.GetInt(1), row.GetInt(2),
                           row.GetInt(3),    row.GetInt(4), row.GetInt(5)};
      });
}

absl::Status SqlAllocationRepository::DeleteTotals(Transaction& tx, const std::vector<Value>& key) {
  return tx
      .Execute(
          "DELETE FROM alloc_school_counts WHERE tenant = ? AND count_date = ? AND version = ?",
          key)
      .status();
}

absl::Status SqlAllocationRepository::DeleteRows(Transaction& tx, const std::string& tenant,
                                                 const std::string& count_date, int64_t version) {
  const std::vector<Value> key = {tenant, count_date, version};
  SWV_RETURN_IF_ERROR(tx.Execute("DELETE FROM alloc_count_rows WHERE tenant = ? AND "
                                 "count_date = ? AND version = ?",
                                 key)
                          .status());
  return DeleteTotals(tx, key);
}

}  // namespace swv::allocation::sql_internal
