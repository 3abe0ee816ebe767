// Internal to the SQL implementation of AllocationRepository (sql_allocation_repository.cc: the
// schema and the factory). The class is declared here and its methods are defined per table group:
// sql_allocation_configuration.cc, sql_allocation_counts.cc, sql_allocation_calculations.cc and
// sql_allocation_spending_accounts.cc. Nothing outside those files includes this header.
//
// Thread-safety: as AllocationRepository (every method runs in its own transaction).
#ifndef SWV_SERVICES_ALLOCATION_SQL_ALLOCATION_REPOSITORY_INTERNAL_H_
#define SWV_SERVICES_ALLOCATION_SQL_ALLOCATION_REPOSITORY_INTERNAL_H_

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/allocation/allocation_repository.h"
#include "storage/bulk.h"
#include "storage/reads.h"

namespace swv::allocation::sql_internal {

using storage::Row;
using storage::Transaction;
using storage::Value;

inline absl::Status Corrupt(absl::string_view what) {
  return absl::InternalError(absl::StrCat("stored allocation data is invalid: ", what));
}

// "(?, ?, ?), (?, ?, ?)" for `rows` groups of `columns` placeholders.
using storage::PlaceholderRows;

// Ends `sql`, a SELECT of versioned rows whose WHERE clause is open, so that it reads the one row
// of `version`, or the newest when `version` is 0.
inline void ReadOneVersion(int64_t version, std::string* sql, std::vector<Value>* params) {
  if (version > 0) {
    *sql += " AND version = ?";
    params->emplace_back(version);
  }
  *sql += " ORDER BY version DESC LIMIT 1";
}

class SqlAllocationRepository final : public AllocationRepository {
 public:
  SqlAllocationRepository(storage::Database* db, int rows_per_statement, int rows_per_transaction)
      : db_(db),
        rows_per_statement_(static_cast<size_t>(std::max(1, rows_per_statement))),
        rows_per_transaction_(std::max(rows_per_statement_,
                                       static_cast<size_t>(std::max(1, rows_per_transaction)))) {}

  absl::StatusOr<absl::optional<YearConfigRecord>> GetYearConfig(absl::string_view tenant, int year,
                                                                 int64_t version) override;

  absl::StatusOr<YearConfigRecord> PutYearConfig(const YearConfigRecord& record,
                                                 int64_t expected_version) override;

  absl::StatusOr<CountSetRecord> BeginCountSet(const CountSetRecord& candidate,
                                               absl::string_view request_id) override;

  absl::Status AppendCountRows(absl::string_view tenant, absl::string_view count_date,
                               int64_t version, absl::Span<const ValidCountRow> rows) override;

  absl::StatusOr<CountSetRecord> CompleteCountSet(absl::string_view tenant,
                                                  absl::string_view count_date, int64_t version,
                                                  bool submission) override;

  absl::StatusOr<CountSetRecord> CompleteCountSetWithTotals(
      absl::string_view tenant, absl::string_view count_date, int64_t version, bool submission,
      int64_t row_count, absl::Span<const SchoolCount> totals) override;

  absl::Status MergeCountRows(absl::string_view tenant, absl::string_view count_date,
                              int64_t version, int64_t base, int64_t submission) override;

  absl::Status AbandonCountSet(absl::string_view tenant, absl::string_view count_date,
                               int64_t version) override;

  absl::StatusOr<std::vector<CountSetRecord>> ListCountSets(absl::string_view tenant,
                                                            absl::string_view count_date) override;

  absl::StatusOr<absl::optional<CountSetRecord>> GetCountSet(absl::string_view tenant,
                                                             absl::string_view count_date,
                                                             int64_t version) override;

  absl::StatusOr<std::vector<SchoolCount>> SchoolCounts(absl::string_view tenant,
                                                        absl::string_view count_date,
                                                        int64_t version) override;

  absl::StatusOr<absl::optional<CalculationRecord>> FindCalculationByRequestId(
      absl::string_view tenant, absl::string_view request_id) override;

  absl::Status CreateCalculation(const CalculationRecord& c, absl::string_view request_id,
                                 absl::Span<const DirectorySchool> schools,
                                 absl::Span<const DirectoryBoard> boards) override;

  absl::StatusOr<CalculationRecord> GetCalculation(absl::string_view tenant,
                                                   absl::string_view calculation_id) override;

  absl::StatusOr<std::vector<CalculationRecord>> ListCalculations(absl::string_view tenant,
                                                                  int year) override;

  absl::Status LoadCalculationDirectory(absl::string_view tenant, absl::string_view calculation_id,
                                        std::vector<DirectorySchool>* schools,
                                        std::vector<DirectoryBoard>* boards) override;

  absl::StatusOr<SpendingAccountRecord> PutSpendingAccount(
      const SpendingAccountRecord& record) override;

  absl::StatusOr<std::vector<SpendingAccountRecord>> ListSpendingAccounts(absl::string_view tenant,
                                                                          int year) override;

  absl::StatusOr<std::vector<SpendingAccountRecord>> ListSpendingAccountVersions(
      absl::string_view tenant, int year, absl::string_view board) override;

 private:
  absl::StatusOr<std::vector<SpendingAccountRecord>> QuerySpendingAccounts(
      absl::string_view tenant, int year, const std::string& sql, std::vector<Value> params);

  // Marks the set complete (or submitted) with its sums, and reads it back into `result`.
  static absl::Status MarkComplete(Transaction& tx, const std::vector<Value>& key, bool submission,
                                   int64_t row_count, int64_t school_count, int64_t total_pupils,
                                   CountSetRecord* result);

  static absl::Status DeleteTotals(Transaction& tx, const std::vector<Value>& key);

  static absl::Status DeleteRows(Transaction& tx, const std::string& tenant,
                                 const std::string& count_date, int64_t version);

  absl::StatusOr<absl::optional<CalculationRecord>> FindCalculation(absl::string_view where,
                                                                    std::vector<Value> params);

  storage::Database* db_;  // not owned
  const size_t rows_per_statement_;
  const size_t rows_per_transaction_;
};

}  // namespace swv::allocation::sql_internal

#endif  // SWV_SERVICES_ALLOCATION_SQL_ALLOCATION_REPOSITORY_INTERNAL_H_
