// Storage of the allocation service: year configurations (versioned), pupil count sets
// (versioned per count date, with their rows and per-school totals), calculations (which input
// versions they used, the directory snapshot, the fingerprint) and spending accounts.
//
// Reproducibility: nothing a calculation used is ever overwritten. A configuration change or a
// count correction is a new version; the calculation records the versions and a copy of the
// directory rows it saw, so its results are recomputed from stored inputs byte for byte (the
// stored fingerprint proves it). Results themselves are not stored.
//
// The interface speaks domain values; SqlAllocationRepository implements it on storage::Database.
// Thread-safety: implementations are safe for concurrent use.
#ifndef SWV_SERVICES_ALLOCATION_ALLOCATION_REPOSITORY_H_
#define SWV_SERVICES_ALLOCATION_ALLOCATION_REPOSITORY_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "absl/types/span.h"
#include "services/allocation/domain/calculation.h"
#include "services/allocation/domain/counts.h"
#include "services/allocation/domain/spending_account.h"
#include "services/allocation/domain/year_config.h"
#include "storage/database.h"

namespace swv::allocation {

struct YearConfigRecord {
  std::string tenant;
  YearConfig config;  // validated
  int64_t version = 0;
  absl::Time update_time;
  std::string updated_by;
};

// How long an unfinished import counts as still running rather than broken off.
inline constexpr absl::Duration kImportInProgressFor = absl::Seconds(60);

struct CountSetRecord {
  std::string tenant;
  std::string count_date;  // "YYYY-MM-DD"
  int64_t version = 0;
  bool complete = false;  // rows still arriving (or abandoned) while false; never used then
  // Sent by a school or board for its own schools: complete, but not the SWV's count set until
  // the office accepts it (AcceptCountSubmission makes a new version from it).
  bool submission = false;
  // Found importing under the request_id, started less than kImportInProgressFor ago: another
  // call (on this or another replica) is still filling it; it was not emptied.
  bool in_progress = false;
  std::string source;
  int64_t row_count = 0;
  int64_t school_count = 0;
  int64_t total_pupils = 0;
  absl::Time create_time;
  std::string created_by;
};

struct CalculationRecord {
  std::string tenant;
  std::string calculation_id;
  int year = 0;
  int64_t config_version = 0;
  std::string count_date;
  int64_t count_version = 0;
  std::string fingerprint;
  absl::Time create_time;
  std::string created_by;
  // The rules it ran under (kRulesBeforeBudgets for a calculation stored before the column
  // existed) and the vangnet count-set versions it used (0 = none).
  int rules_version = kCurrentRules;
  int64_t vangnet_october_version = 0;
  int64_t vangnet_february_version = 0;
};

struct SpendingAccountRecord {
  std::string tenant;
  int year = 0;
  ValidSpendingAccount account;
  int64_t version = 0;
  absl::Time update_time;
  std::string updated_by;
};

class AllocationRepository {
 public:
  virtual ~AllocationRepository() = default;

  // `version` 0 = the newest. nullopt when none is stored.
  virtual absl::StatusOr<absl::optional<YearConfigRecord>> GetYearConfig(absl::string_view tenant,
                                                                         int year,
                                                                         int64_t version) = 0;
  // Stores record.config as version expected_version + 1. ABORTED when the newest stored version
  // is not expected_version (someone else changed it first).
  virtual absl::StatusOr<YearConfigRecord> PutYearConfig(const YearConfigRecord& record,
                                                         int64_t expected_version) = 0;

  // Starts a new count-set version (status importing). With a request_id seen before for this
  // tenant: a complete set is returned as is (complete = true; the caller stores nothing); an
  // incomplete one of the candidate's created_by is returned untouched with in_progress while it
  // is younger than kImportInProgressFor (a concurrent retry), else (an import that broke off)
  // emptied and handed out again; another creator's is returned untouched (the service refuses
  // another's request_id).
  virtual absl::StatusOr<CountSetRecord> BeginCountSet(const CountSetRecord& candidate,
                                                       absl::string_view request_id) = 0;
  // Appends rows, up to rows_per_transaction per transaction, each transaction one bulk write
  // (storage::InsertRows: LOAD DATA on MariaDB, batched INSERTs on SQLite). A row whose school and
  // line are already in the set: INVALID_ARGUMENT "DUPLICATE_ROW"; nothing of that transaction
  // is written.
  virtual absl::Status AppendCountRows(absl::string_view tenant, absl::string_view count_date,
                                       int64_t version, absl::Span<const ValidCountRow> rows) = 0;
  // Computes the per-school totals and makes the set visible: complete, or a submission.
  virtual absl::StatusOr<CountSetRecord> CompleteCountSet(absl::string_view tenant,
                                                          absl::string_view count_date,
                                                          int64_t version,
                                                          bool submission = false) = 0;
  // As CompleteCountSet, with the per-school totals (by school code) and the row count its
  // importer summed from the rows it appended, so the rows are not read back: the import's fast
  // path. The caller must have appended exactly those rows (every AppendCountRows succeeded).
  virtual absl::StatusOr<CountSetRecord> CompleteCountSetWithTotals(
      absl::string_view tenant, absl::string_view count_date, int64_t version, bool submission,
      int64_t row_count, absl::Span<const SchoolCount> totals) = 0;
  // Fills an importing set with the rows of `base` (0: none) for every school the submission
  // `submission` does not name, and the submission's own rows.
  virtual absl::Status MergeCountRows(absl::string_view tenant, absl::string_view count_date,
                                      int64_t version, int64_t base, int64_t submission) = 0;
  // Deletes an incomplete set with its rows and totals (a failed import leaves nothing behind);
  // a complete set or a submission is left as it is.
  virtual absl::Status AbandonCountSet(absl::string_view tenant, absl::string_view count_date,
                                       int64_t version) = 0;
  // Complete sets and submissions of a count date, newest first.
  virtual absl::StatusOr<std::vector<CountSetRecord>> ListCountSets(
      absl::string_view tenant, absl::string_view count_date) = 0;
  // A complete set, never a submission; `version` 0 = the newest. nullopt when none.
  virtual absl::StatusOr<absl::optional<CountSetRecord>> GetCountSet(absl::string_view tenant,
                                                                     absl::string_view count_date,
                                                                     int64_t version) = 0;
  // Per-school totals of a complete set, by school code.
  virtual absl::StatusOr<std::vector<SchoolCount>> SchoolCounts(absl::string_view tenant,
                                                                absl::string_view count_date,
                                                                int64_t version) = 0;

  // nullopt when no calculation of the tenant carries this request_id.
  virtual absl::StatusOr<absl::optional<CalculationRecord>> FindCalculationByRequestId(
      absl::string_view tenant, absl::string_view request_id) = 0;
  // Stores a calculation with the directory snapshot it used. ALREADY_EXISTS when request_id is
  // taken (a concurrent retry won).
  virtual absl::Status CreateCalculation(const CalculationRecord& record,
                                         absl::string_view request_id,
                                         absl::Span<const DirectorySchool> schools,
                                         absl::Span<const DirectoryBoard> boards) = 0;
  // NOT_FOUND when the tenant has no such calculation.
  virtual absl::StatusOr<CalculationRecord> GetCalculation(absl::string_view tenant,
                                                           absl::string_view calculation_id) = 0;
  // Newest first.
  virtual absl::StatusOr<std::vector<CalculationRecord>> ListCalculations(absl::string_view tenant,
                                                                          int year) = 0;
  virtual absl::Status LoadCalculationDirectory(absl::string_view tenant,
                                                absl::string_view calculation_id,
                                                std::vector<DirectorySchool>* schools,
                                                std::vector<DirectoryBoard>* boards) = 0;

  // Stores the board's account for the year as a new version (version + 1); earlier versions are
  // kept.
  virtual absl::StatusOr<SpendingAccountRecord> PutSpendingAccount(
      const SpendingAccountRecord& record) = 0;
  // The newest version of each board's account, by board.
  virtual absl::StatusOr<std::vector<SpendingAccountRecord>> ListSpendingAccounts(
      absl::string_view tenant, int year) = 0;
  // Every version of one board's account, newest first; empty when none was submitted.
  virtual absl::StatusOr<std::vector<SpendingAccountRecord>> ListSpendingAccountVersions(
      absl::string_view tenant, int year, absl::string_view board) = 0;
};

// The schema (migration component "allocation"), applied at start.
absl::Status MigrateAllocationSchema(storage::Database& db);

// `db` is not owned and must outlive the repository. `rows_per_transaction` sizes the count rows'
// bulk writes (one LOAD DATA on MariaDB per transaction); `rows_per_statement` the multi-row
// INSERTs where there is no LOAD DATA (SQLite) and of the directory snapshot (10 values per row
// stays far below SQLite's 32766 and MySQL's 65535 placeholders).
std::unique_ptr<AllocationRepository> NewSqlAllocationRepository(storage::Database* db,
                                                                 int rows_per_statement = 500,
                                                                 int rows_per_transaction = 20000);

}  // namespace swv::allocation

#endif  // SWV_SERVICES_ALLOCATION_ALLOCATION_REPOSITORY_H_
