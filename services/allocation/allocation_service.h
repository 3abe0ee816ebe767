// The allocation use cases: year configuration, pupil-count imports (unary and streamed),
// calculations, board statements (proto and CSV) and spending accounts.
//
// Transport-free: domain values in and out, errors as absl::Status; the gRPC adapter
// (grpc_allocation.h) converts. "Today" (spending-account status) comes from the injected clock.
//
// Reproducibility: a calculation stores the versions of its inputs (year configuration, count
// set) and a snapshot of the directory rows it used, plus the fingerprint of its full result.
// Reading a calculation or a statement recomputes from those stored inputs and checks the
// fingerprint (DATA_LOSS if it no longer matches), so an old statement stays byte-identical after
// counts are corrected or the directory changes.
//
// Scope (access_policy.h), checked on every call: configuration, calculations, exports and
// spending accounts are the SWV office's (TenantWide); a school or board may import counts for
// its own schools only (a row of another school refuses the file: PERMISSION_DENIED
// "SCHOOL_OUT_OF_SCOPE"); a board reads its own board's statement (another board's: NOT_FOUND).
//
// Thread-safety: safe for concurrent use; a CountImport belongs to one caller.
#ifndef SWV_SERVICES_ALLOCATION_ALLOCATION_SERVICE_H_
#define SWV_SERVICES_ALLOCATION_ALLOCATION_SERVICE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/optional.h"
#include "absl/types/span.h"
#include "services/allocation/allocation_repository.h"
#include "services/allocation/domain/calculation.h"
#include "services/allocation/domain/spending_account.h"
#include "services/common/access_policy.h"
#include "services/common/clock.h"
#include "services/common/directory_client.h"
#include "services/common/principal.h"

namespace swv::allocation {

struct CalculationView {
  CalculationRecord record;
  CalculationResult result;
};

// The per-school counts of a year's newest calculation; `calculation` empty when there is none.
struct SchoolPupilCountsView {
  absl::optional<CalculationRecord> calculation;
  std::vector<SchoolPupils> schools;
};

struct StatementView {
  CalculationRecord record;
  BoardStatement statement;
};

struct SpendingAccountView {
  std::string tenant;
  int year = 0;
  std::string board;
  absl::optional<SpendingAccountRecord> record;  // nullopt: nothing received
  SpendingAccountStatus status = SpendingAccountStatus::kOutstanding;
  absl::CivilDay due_before;
};

// One import in progress: rows are validated per chunk, buffered up to a few thousand and written
// in batches, so memory stays bounded whatever the file size. Nothing is visible until Finish;
// destroying an unfinished import (or any error) removes what was written.
class CountImport {
 public:
  virtual ~CountImport() = default;
  // Validates and stores a chunk. INVALID_ARGUMENT names rows by their index in the whole import.
  virtual absl::Status Append(absl::Span<const CountRow> rows) = 0;
  // Makes the new version visible. INVALID_ARGUMENT ("REQUIRED", field "counts") when no row came.
  virtual absl::StatusOr<CountSetRecord> Finish() = 0;
};

class AllocationService {
 public:
  static constexpr int64_t kMaxRowsPerCall = 50'000;
  // A streamed import writes its rows in bulk writes of this many (one transaction each): large
  // enough that a commit per write costs little next to LOAD DATA (docs/allocation.md).
  static constexpr size_t kFlushRows = 20'000;

  // None of the pointers is owned; all must outlive the service.
  AllocationService(AllocationRepository* repository, DirectoryClient* directory,
                    const Clock* clock);

  // version 0 = current. NOT_FOUND when the year has no configuration.
  absl::StatusOr<YearConfigRecord> GetYearConfig(const Principal& caller, absl::string_view swv,
                                                 int year, int64_t version);
  // expected_version 0 = "whatever is current". Validates (domain) and checks that every
  // penvoerder is a board of the directory (FAILED_PRECONDITION "PENVOERDER_NOT_IN_DIRECTORY").
  absl::StatusOr<YearConfigRecord> UpdateYearConfig(const Principal& caller, absl::string_view swv,
                                                    const YearConfig& config,
                                                    int64_t expected_version);

  absl::StatusOr<std::unique_ptr<CountImport>> BeginCountImport(const Principal& caller,
                                                                absl::string_view swv,
                                                                absl::string_view count_date,
                                                                absl::string_view request_id,
                                                                absl::string_view source);
  // All rows in one call (at most kMaxRowsPerCall).
  absl::StatusOr<CountSetRecord> ImportCounts(const Principal& caller, absl::string_view swv,
                                              absl::string_view count_date,
                                              absl::Span<const CountRow> rows,
                                              absl::string_view request_id,
                                              absl::string_view source);
  absl::StatusOr<std::vector<CountSetRecord>> ListCountSets(const Principal& caller,
                                                            absl::string_view swv,
                                                            absl::string_view count_date);
  // A school's or board's counts become part of the SWV's set only when the office accepts them:
  // a new version from the newest accepted set and the submission's own schools.
  absl::StatusOr<CountSetRecord> AcceptCountSubmission(const Principal& caller,
                                                       absl::string_view swv,
                                                       absl::string_view count_date,
                                                       int64_t version);

  // count_version 0 = newest. FAILED_PRECONDITION "NO_YEAR_CONFIG" / "NO_COUNTS" when an input is
  // missing, and the calculation's own errors (calculation.h).
  absl::StatusOr<CalculationView> CreateCalculation(const Principal& caller, absl::string_view swv,
                                                    int year, absl::string_view request_id,
                                                    int64_t count_version);
  absl::StatusOr<CalculationView> GetCalculation(const Principal& caller, absl::string_view swv,
                                                 int year, absl::string_view calculation_id);
  absl::StatusOr<std::vector<CalculationRecord>> ListCalculations(const Principal& caller,
                                                                  absl::string_view swv, int year);
  // The aggregate monitoring reads: counts per school of the newest calculation of `year`, with
  // the directory snapshot that calculation used (so they add up to its totals). Tenant-wide
  // data: the SWV office's (and trusted staff, such as the monitoring service).
  absl::StatusOr<SchoolPupilCountsView> GetSchoolPupilCounts(const Principal& caller,
                                                             absl::string_view swv, int year);
  absl::StatusOr<StatementView> GetBoardStatement(const Principal& caller, absl::string_view swv,
                                                  int year, absl::string_view calculation_id,
                                                  absl::string_view board);

  absl::StatusOr<SpendingAccountView> SubmitSpendingAccount(const Principal& caller,
                                                            absl::string_view swv, int year,
                                                            const SpendingAccountInput& input);
  // Every board of the directory, plus boards that submitted but left the directory, by code.
  absl::StatusOr<std::vector<SpendingAccountView>> ListSpendingAccounts(const Principal& caller,
                                                                        absl::string_view swv,
                                                                        int year);
  // Every submitted version of one board's account, newest first; NOT_FOUND when the board
  // submitted none for the year. Status per version as of its own received date.
  absl::StatusOr<std::vector<SpendingAccountView>> ListSpendingAccountVersions(
      const Principal& caller, absl::string_view swv, int year, absl::string_view board);

  absl::CivilDay Today() const;

 private:
  absl::StatusOr<CalculationView> Recompute(CalculationRecord record);
  // The vangnet's count sets into `input` (rules 2, a year with a vangnet): the newest accepted
  // set of each date when a version is 0 and `newest`, else the stored versions (0 = none).
  absl::Status LoadVangnetCounts(const std::string& tenant, bool newest, int64_t& october_version,
                                 int64_t& february_version, CalculationInput& input);
  // The scope rules for one call: a board principal's schools come from the directory.
  absl::StatusOr<AccessPolicy> PolicyFor(const Principal& caller, const std::string& tenant);

  AllocationRepository* repository_;
  DirectoryClient* directory_;
  const Clock* clock_;
};

}  // namespace swv::allocation

#endif  // SWV_SERVICES_ALLOCATION_ALLOCATION_SERVICE_H_
