// The allocation use cases of the year configuration and the calculations (with the school
// counts and board statements read from them); the count imports are in
// allocation_service_counts.cc, the spending accounts in allocation_service_spending.cc.
#include "services/allocation/allocation_service.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "services/allocation/allocation_service_internal.h"
#include "services/common/access.h"
#include "services/common/idempotency.h"
#include "services/common/ids.h"
#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/status_macros.h"

namespace swv::allocation {

using service_internal::CheckYear;
using service_internal::Tenant;

AllocationService::AllocationService(AllocationRepository* repository, DirectoryClient* directory,
                                     const Clock* clock)
    : repository_(repository), directory_(directory), clock_(clock) {}

absl::CivilDay AllocationService::Today() const { return DutchToday(*clock_); }

absl::StatusOr<AccessPolicy> AllocationService::PolicyFor(const Principal& caller,
                                                          const std::string& tenant) {
  if (caller.kind != PrincipalKind::kBoard) return AccessPolicy();
  SWV_ASSIGN_OR_RETURN(std::vector<DirectorySchool> schools, directory_->ListSchools(tenant));
  return service_internal::PolicyOver(caller, schools);
}

absl::StatusOr<YearConfigRecord> AllocationService::GetYearConfig(const Principal& caller,
                                                                  absl::string_view swv, int year,
                                                                  int64_t version) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, Tenant(swv));
  SWV_RETURN_IF_ERROR(AccessPolicy().TenantWide(caller, tenant));
  SWV_RETURN_IF_ERROR(CheckYear(year, "name"));
  SWV_ASSIGN_OR_RETURN(absl::optional<YearConfigRecord> record,
                       repository_->GetYearConfig(tenant, year, version));
  if (!record) {
    return ErrorWithReason(
        absl::StatusCode::kNotFound, "NO_YEAR_CONFIG",
        absl::StrCat(year, " has no configuration", version > 0 ? " of that version" : ""));
  }
  return *std::move(record);
}

absl::StatusOr<YearConfigRecord> AllocationService::UpdateYearConfig(const Principal& caller,
                                                                     absl::string_view swv,
                                                                     const YearConfig& config,
                                                                     int64_t expected_version) {
  const std::string& actor = caller.id;
  SWV_RETURN_IF_ERROR(RequireActor(actor));
  SWV_ASSIGN_OR_RETURN(std::string tenant, Tenant(swv));
  SWV_RETURN_IF_ERROR(AccessPolicy().TenantWide(caller, tenant));
  SWV_ASSIGN_OR_RETURN(YearConfig valid, ValidateYearConfig(config));
  if (!valid.penvoerders.empty()) {
    SWV_ASSIGN_OR_RETURN(std::vector<DirectoryBoard> boards, directory_->ListBoards(tenant));
    std::set<std::string> known;
    for (const DirectoryBoard& board : boards) known.insert(board.code);
    // Report against the request's own order of penvoerders.
    for (size_t i = 0; i < config.penvoerders.size(); ++i) {
      const std::string board =
          std::string(absl::StripAsciiWhitespace(config.penvoerders[i].board));
      if (known.count(board) == 0) {
        return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "PENVOERDER_NOT_IN_DIRECTORY",
                               absl::StrCat("board ", board, " is not in the directory of ", tenant,
                                            "; add it there first"),
                               absl::StrCat("config.penvoerders[", i, "].board"));
      }
    }
  }
  if (expected_version == 0) {
    SWV_ASSIGN_OR_RETURN(absl::optional<YearConfigRecord> current,
                         repository_->GetYearConfig(tenant, valid.year, 0));
    expected_version = current ? current->version : 0;
  }
  YearConfigRecord record;
  record.tenant = tenant;
  record.config = std::move(valid);
  record.update_time = clock_->Now();
  record.updated_by = std::string(actor);
  return repository_->PutYearConfig(record, expected_version);
}
absl::StatusOr<CalculationView> AllocationService::CreateCalculation(const Principal& caller,
                                                                     absl::string_view swv,
                                                                     int year,
                                                                     absl::string_view request_id,
                                                                     int64_t count_version) {
  const std::string& actor = caller.id;
  SWV_RETURN_IF_ERROR(RequireActor(actor));
  SWV_ASSIGN_OR_RETURN(std::string tenant, Tenant(swv));
  SWV_RETURN_IF_ERROR(AccessPolicy().TenantWide(caller, tenant));
  SWV_RETURN_IF_ERROR(CheckYear(year, "parent"));
  SWV_RETURN_IF_ERROR(CheckRequestId(request_id));
  if (count_version < 0) {
    return InvalidField("count_version", "OUT_OF_RANGE", "must be 0 (newest) or a version");
  }
  if (!request_id.empty()) {
    SWV_ASSIGN_OR_RETURN(absl::optional<CalculationRecord> earlier,
                         repository_->FindCalculationByRequestId(tenant, request_id));
    if (earlier) {
      SWV_RETURN_IF_ERROR(CheckReplayAuthor(earlier->created_by, actor));
      return Recompute(*std::move(earlier));
    }
  }
  SWV_ASSIGN_OR_RETURN(absl::optional<YearConfigRecord> config,
                       repository_->GetYearConfig(tenant, year, 0));
  if (!config) {
    return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "NO_YEAR_CONFIG",
                           absl::StrCat(year, " has no configuration yet"), "parent");
  }
  SWV_ASSIGN_OR_RETURN(absl::optional<CountSetRecord> counts,
                       repository_->GetCountSet(tenant, config->config.count_date, count_version));
  if (!counts) {
    return ErrorWithReason(
        absl::StatusCode::kFailedPrecondition, "NO_COUNTS",
        absl::StrCat("no pupil counts", count_version > 0 ? " of that version" : "",
                     " for the count date ", config->config.count_date),
        count_version > 0 ? "count_version" : "parent");
  }
  CalculationInput input;
  input.config = config->config;
  SWV_ASSIGN_OR_RETURN(input.counts,
                       repository_->SchoolCounts(tenant, counts->count_date, counts->version));
  SWV_ASSIGN_OR_RETURN(input.schools, directory_->ListSchools(tenant));
  SWV_ASSIGN_OR_RETURN(input.boards, directory_->ListBoards(tenant));
  // Never on a partial set: every school that is paid per pupil needs its count.
  if (std::vector<std::string> missing = EligibleSchoolsWithoutCounts(input); !missing.empty()) {
    const size_t shown = std::min<size_t>(missing.size(), 20);
    return ErrorWithReason(
        absl::StatusCode::kFailedPrecondition, "COUNTS_INCOMPLETE",
        absl::StrCat("count version ", counts->version, " of ", counts->count_date, " has no ",
                     "pupils for ", missing.size(), " school(s) of the directory: ",
                     absl::StrJoin(missing.begin(), missing.begin() + shown, ", "),
                     missing.size() > shown ? ", ..." : "",
                     "; import their counts (0 when a location has no pupils) or accept their "
                     "submissions first"),
        count_version > 0 ? "count_version" : "parent");
  }
  int64_t october_version = 0, february_version = 0;
  SWV_RETURN_IF_ERROR(
      LoadVangnetCounts(tenant, /*newest=*/true, october_version, february_version, input));
  SWV_ASSIGN_OR_RETURN(CalculationResult result, Calculate(input));

  CalculationView view;
  view.record.tenant = tenant;
  view.record.calculation_id = RandomId("calc-");
  view.record.year = year;
  view.record.config_version = config->version;
  view.record.count_date = counts->count_date;
  view.record.count_version = counts->version;
  view.record.fingerprint = Fingerprint(result);
  view.record.rules_version = input.rules;
  view.record.vangnet_october_version = october_version;
  view.record.vangnet_february_version = february_version;
  view.record.create_time = clock_->Now();
  view.record.created_by = std::string(actor);
  absl::Status stored =
      repository_->CreateCalculation(view.record, request_id, input.schools, input.boards);
  if (absl::IsAlreadyExists(stored) && !request_id.empty()) {
    // A concurrent retry with the same request_id won; answer with its calculation.
    SWV_ASSIGN_OR_RETURN(absl::optional<CalculationRecord> winner,
                         repository_->FindCalculationByRequestId(tenant, request_id));
    if (winner) {
      SWV_RETURN_IF_ERROR(CheckReplayAuthor(winner->created_by, actor));
      return Recompute(*std::move(winner));
    }
  }
  SWV_RETURN_IF_ERROR(stored);
  view.result = std::move(result);
  return view;
}

absl::StatusOr<CalculationView> AllocationService::Recompute(CalculationRecord record) {
  SWV_ASSIGN_OR_RETURN(
      absl::optional<YearConfigRecord> config,
      repository_->GetYearConfig(record.tenant, record.year, record.config_version));
  if (!config) return absl::DataLossError("the calculation's year configuration version is gone");
  CalculationInput input;
  input.config = config->config;
  SWV_ASSIGN_OR_RETURN(input.counts, repository_->SchoolCounts(record.tenant, record.count_date,
                                                               record.count_version));
  SWV_RETURN_IF_ERROR(repository_->LoadCalculationDirectory(record.tenant, record.calculation_id,
                                                            &input.schools, &input.boards));
  input.rules = record.rules_version;
  SWV_RETURN_IF_ERROR(LoadVangnetCounts(record.tenant, /*newest=*/false,
                                        record.vangnet_october_version,
                                        record.vangnet_february_version, input));
  SWV_ASSIGN_OR_RETURN(CalculationResult result, Calculate(input));
  if (Fingerprint(result) != record.fingerprint) {
    return absl::DataLossError(absl::StrCat("calculation ", record.calculation_id,
                                            " no longer reproduces from its stored inputs"));
  }
  return CalculationView{std::move(record), std::move(result)};
}

absl::Status AllocationService::LoadVangnetCounts(const std::string& tenant, bool newest,
                                                  int64_t& october_version,
                                                  int64_t& february_version,
                                                  CalculationInput& input) {
  if (input.rules < kCurrentRules || !HasVangnet(input.config)) return absl::OkStatus();
  const struct {
    const std::string& date;
    int64_t& version;
    bool& has;
    std::vector<SchoolCount>& counts;
  } sets[] = {
      {input.config.vangnet_october_date, october_version, input.vangnet.has_october,
       input.vangnet.october},
      {input.config.vangnet_february_date, february_version, input.vangnet.has_february,
       input.vangnet.february},
  };
  for (const auto& set : sets) {
    if (newest) {
      // A missing set is no error: the vangnet is 0 with a note until it is imported.
      SWV_ASSIGN_OR_RETURN(absl::optional<CountSetRecord> found,
                           repository_->GetCountSet(tenant, set.date, 0));
      set.version = found ? found->version : 0;
    }
    if (set.version == 0) continue;
    SWV_ASSIGN_OR_RETURN(set.counts, repository_->SchoolCounts(tenant, set.date, set.version));
    set.has = true;
  }
  return absl::OkStatus();
}

absl::StatusOr<CalculationView> AllocationService::GetCalculation(
    const Principal& caller, absl::string_view swv, int year, absl::string_view calculation_id) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, Tenant(swv));
  SWV_RETURN_IF_ERROR(AccessPolicy().TenantWide(caller, tenant));
  SWV_ASSIGN_OR_RETURN(CalculationRecord record,
                       repository_->GetCalculation(tenant, calculation_id));
  if (record.year != year) {
    return absl::NotFoundError(
        absl::StrCat("calculation ", calculation_id, " not found for ", year));
  }
  return Recompute(std::move(record));
}

absl::StatusOr<std::vector<CalculationRecord>> AllocationService::ListCalculations(
    const Principal& caller, absl::string_view swv, int year) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, Tenant(swv));
  SWV_RETURN_IF_ERROR(AccessPolicy().TenantWide(caller, tenant));
  SWV_RETURN_IF_ERROR(CheckYear(year, "parent"));
  return repository_->ListCalculations(tenant, year);
}

absl::StatusOr<SchoolPupilCountsView> AllocationService::GetSchoolPupilCounts(
    const Principal& caller, absl::string_view swv, int year) {
  SWV_ASSIGN_OR_RETURN(std::vector<CalculationRecord> calculations,
                       ListCalculations(caller, swv, year));
  SchoolPupilCountsView view;
  if (calculations.empty()) return view;
  const CalculationRecord& newest = calculations.front();
  SWV_ASSIGN_OR_RETURN(
      std::vector<SchoolCount> counts,
      repository_->SchoolCounts(newest.tenant, newest.count_date, newest.count_version));
  std::vector<DirectorySchool> schools;
  std::vector<DirectoryBoard> boards;
  SWV_RETURN_IF_ERROR(repository_->LoadCalculationDirectory(newest.tenant, newest.calculation_id,
                                                            &schools, &boards));
  view.calculation = newest;
  view.schools = PupilsPerSchool(counts, schools);
  return view;
}

absl::StatusOr<StatementView> AllocationService::GetBoardStatement(const Principal& caller,
                                                                   absl::string_view swv, int year,
                                                                   absl::string_view calculation_id,
                                                                   absl::string_view board) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, Tenant(swv));
  // A statement is its board's: the board itself (others: NOT_FOUND) and the office.
  SWV_RETURN_IF_ERROR(AccessPolicy().OwnBoard(caller, tenant, board));
  Principal reader;  // the statement's own board passed the check above
  reader.id = caller.id;
  SWV_ASSIGN_OR_RETURN(CalculationView view, GetCalculation(reader, swv, year, calculation_id));
  SWV_ASSIGN_OR_RETURN(BoardStatement statement, StatementFor(view.result, board));
  return StatementView{std::move(view.record), std::move(statement)};
}

}  // namespace swv::allocation
