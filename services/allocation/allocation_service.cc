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
#include "services/common/access.h"
#include "services/common/idempotency.h"
#include "services/common/ids.h"
#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/status_macros.h"

namespace swv::allocation {
namespace {

constexpr size_t kMaxSourceLength = 200;

absl::Status CheckYear(int year, absl::string_view field) {
  if (year < 2000 || year > 2100) {
    return InvalidField(field, "OUT_OF_RANGE", "must name a year between 2000 and 2100");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> Tenant(absl::string_view swv) {
  return CanonicalSwvCode("parent", swv);
}

class SqlCountImport final : public CountImport {
 public:
  // `caller` and `access` decide which schools' rows may be imported.
  SqlCountImport(AllocationRepository* repository, CountSetRecord set, Principal caller,
                 AccessPolicy access)
      : repository_(repository),
        set_(std::move(set)),
        replayed_(set_.complete),
        submission_(!DecidesForSwv(caller)),
        caller_(std::move(caller)),
        access_(std::move(access)) {}

  ~SqlCountImport() override {
    if (!finished_ && !replayed_) {
      // Best effort: an import that breaks off leaves nothing visible either way (the set stays
      // "importing" and is never used); removing its rows just frees the space.
      repository_->AbandonCountSet(set_.tenant, set_.count_date, set_.version).IgnoreError();
    }
  }

  absl::Status Append(absl::Span<const CountRow> rows) override {
    if (finished_) return absl::FailedPreconditionError("the import has finished");
    if (!failure_.ok()) return failure_;
    // A school or board imports its own schools' counts only; a row of another school refuses
    // the whole file (nothing becomes visible). Checked before a retry is answered, too.
    for (size_t i = 0; i < rows.size(); ++i) {
      absl::StatusOr<SchoolCode> school = ParseSchoolCode("school", rows[i].school);
      if (!school.ok()) continue;  // refused by the validation below
      absl::StatusOr<bool> own = access_.OwnsSchool(caller_, set_.tenant, school->ToString());
      if (!own.ok()) return failure_ = own.status();
      if (!*own) {
        return failure_ = ErrorWithReason(
                   absl::StatusCode::kPermissionDenied, "SCHOOL_OUT_OF_SCOPE",
                   "names a school outside the caller's scope; nothing was imported",
                   absl::StrCat("counts[", next_index_ + static_cast<int64_t>(i), "].school"));
      }
    }
    if (replayed_) return absl::OkStatus();  // a retry of a completed import: nothing to store
    absl::StatusOr<std::vector<ValidCountRow>> valid = ValidateCountRows(rows, next_index_);
    if (!valid.ok()) return failure_ = valid.status();
    next_index_ += static_cast<int64_t>(rows.size());
    for (ValidCountRow& row : *valid) buffer_.push_back(std::move(row));
    if (buffer_.size() >= AllocationService::kFlushRows) return Flush();
    return absl::OkStatus();
  }

  absl::StatusOr<CountSetRecord> Finish() override {
    if (!failure_.ok()) return failure_;
    if (replayed_) {
      finished_ = true;
      return set_;
    }
    SWV_RETURN_IF_ERROR(Flush());
    if (next_index_ == 0) {
      return failure_ = InvalidField("counts", "REQUIRED", "an import needs at least one row");
    }
    absl::StatusOr<CountSetRecord> done =
        repository_->CompleteCountSet(set_.tenant, set_.count_date, set_.version, submission_);
    if (!done.ok()) return failure_ = done.status();
    finished_ = true;
    return done;
  }

 private:
  absl::Status Flush() {
    if (buffer_.empty()) return absl::OkStatus();
    absl::Status status =
        repository_->AppendCountRows(set_.tenant, set_.count_date, set_.version, buffer_);
    buffer_.clear();
    if (!status.ok()) failure_ = status;
    return status;
  }

  AllocationRepository* repository_;
  CountSetRecord set_;
  const bool replayed_;
  // Counts sent by a school or board wait for the office (AcceptCountSubmission).
  const bool submission_;
  bool finished_ = false;
  absl::Status failure_;
  int64_t next_index_ = 0;
  std::vector<ValidCountRow> buffer_;
  const Principal caller_;
  const AccessPolicy access_;
};

}  // namespace

AllocationService::AllocationService(AllocationRepository* repository, DirectoryClient* directory,
                                     const Clock* clock)
    : repository_(repository), directory_(directory), clock_(clock), zone_(DutchTimeZone()) {}

absl::CivilDay AllocationService::Today() const { return swv::Today(*clock_, zone_); }

absl::StatusOr<AccessPolicy> AllocationService::PolicyFor(const Principal& caller,
                                                          const std::string& tenant) {
  if (caller.kind != PrincipalKind::kBoard) return AccessPolicy();
  SWV_ASSIGN_OR_RETURN(std::vector<DirectorySchool> schools, directory_->ListSchools(tenant));
  std::map<std::string, std::string> board_of;
  for (const DirectorySchool& school : schools) board_of[school.code] = school.board;
  return AccessPolicy::WithBoards(std::move(board_of));
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

absl::StatusOr<std::unique_ptr<CountImport>> AllocationService::BeginCountImport(
    const Principal& caller, absl::string_view swv, absl::string_view count_date,
    absl::string_view request_id, absl::string_view source) {
  const std::string& actor = caller.id;
  SWV_RETURN_IF_ERROR(RequireActor(actor));
  SWV_ASSIGN_OR_RETURN(std::string tenant, Tenant(swv));
  SWV_RETURN_IF_ERROR(CheckMayWrite(caller));
  SWV_RETURN_IF_ERROR(CheckTenant(caller, tenant));
  SWV_ASSIGN_OR_RETURN(absl::CivilDay day, ParseDate("parent", count_date));
  SWV_RETURN_IF_ERROR(CheckRequestId(request_id));
  if (source.size() > kMaxSourceLength) {
    return InvalidField("source", "TOO_LONG", "must be at most 200 characters");
  }
  CountSetRecord candidate;
  candidate.tenant = tenant;
  candidate.count_date = FormatDate(day);
  candidate.source = std::string(source);
  candidate.create_time = clock_->Now();
  candidate.created_by = std::string(actor);
  SWV_ASSIGN_OR_RETURN(CountSetRecord set, repository_->BeginCountSet(candidate, request_id));
  // A new set carries the caller as author; a replayed one must be the caller's own.
  SWV_RETURN_IF_ERROR(CheckReplayAuthor(set.created_by, actor));
  // The same request still being imported by another call (a retry sent to two replicas at
  // once): wait for it and answer as a replay, rather than fill the same set twice.
  for (int wait = 0; set.in_progress && wait < 100; ++wait) {
    absl::SleepFor(absl::Milliseconds(100));
    SWV_ASSIGN_OR_RETURN(set, repository_->BeginCountSet(candidate, request_id));
  }
  if (set.in_progress) {
    return ErrorWithReason(absl::StatusCode::kAborted, "IMPORT_IN_PROGRESS",
                           "an import with this request_id is still running; retry later",
                           "request_id");
  }
  SWV_ASSIGN_OR_RETURN(AccessPolicy access, PolicyFor(caller, tenant));
  return std::unique_ptr<CountImport>(
      new SqlCountImport(repository_, std::move(set), caller, std::move(access)));
}

absl::StatusOr<CountSetRecord> AllocationService::ImportCounts(
    const Principal& caller, absl::string_view swv, absl::string_view count_date,
    absl::Span<const CountRow> rows, absl::string_view request_id, absl::string_view source) {
  if (static_cast<int64_t>(rows.size()) > kMaxRowsPerCall) {
    return InvalidField(
        "counts", "TOO_MANY_ROWS",
        absl::StrCat("at most ", kMaxRowsPerCall,
                     " rows per call; stream larger files with StreamImportCounts"));
  }
  // Validate everything before anything is stored, so a bad file stores nothing at all.
  SWV_RETURN_IF_ERROR(ValidateCountRows(rows, 0).status());
  SWV_ASSIGN_OR_RETURN(std::unique_ptr<CountImport> import,
                       BeginCountImport(caller, swv, count_date, request_id, source));
  SWV_RETURN_IF_ERROR(import->Append(rows));
  return import->Finish();
}

absl::StatusOr<std::vector<CountSetRecord>> AllocationService::ListCountSets(
    const Principal& caller, absl::string_view swv, absl::string_view count_date) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, Tenant(swv));
  SWV_RETURN_IF_ERROR(AccessPolicy().TenantWide(caller, tenant));
  SWV_ASSIGN_OR_RETURN(absl::CivilDay day, ParseDate("parent", count_date));
  return repository_->ListCountSets(tenant, FormatDate(day));
}

absl::StatusOr<CountSetRecord> AllocationService::AcceptCountSubmission(
    const Principal& caller, absl::string_view swv, absl::string_view count_date, int64_t version) {
  const std::string& actor = caller.id;
  SWV_RETURN_IF_ERROR(RequireActor(actor));
  SWV_ASSIGN_OR_RETURN(std::string tenant, Tenant(swv));
  SWV_RETURN_IF_ERROR(AccessPolicy().TenantWide(caller, tenant));
  SWV_ASSIGN_OR_RETURN(absl::CivilDay day, ParseDate("name", count_date));
  const std::string date = FormatDate(day);
  SWV_ASSIGN_OR_RETURN(std::vector<CountSetRecord> sets, repository_->ListCountSets(tenant, date));
  auto submitted = std::find_if(sets.begin(), sets.end(),
                                [&](const CountSetRecord& set) { return set.version == version; });
  if (submitted == sets.end()) {
    return ErrorWithReason(absl::StatusCode::kNotFound, "NO_COUNT_SET",
                           absl::StrCat("count date ", date, " has no version ", version), "name");
  }
  if (!submitted->submission) {
    return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "NOT_A_SUBMISSION",
                           absl::StrCat("version ", version, " is already the SWV's own count set"),
                           "name");
  }
  SWV_ASSIGN_OR_RETURN(absl::optional<CountSetRecord> base,
                       repository_->GetCountSet(tenant, date, 0));
  CountSetRecord candidate;
  candidate.tenant = tenant;
  candidate.count_date = date;
  candidate.source =
      absl::StrCat("submission ", version, " of ", submitted->created_by, " accepted into ",
                   base ? absl::StrCat("version ", base->version) : std::string("an empty set"))
          .substr(0, kMaxSourceLength);
  candidate.create_time = clock_->Now();
  candidate.created_by = actor;
  SWV_ASSIGN_OR_RETURN(CountSetRecord set, repository_->BeginCountSet(candidate, ""));
  absl::Status merged =
      repository_->MergeCountRows(tenant, date, set.version, base ? base->version : 0, version);
  absl::StatusOr<CountSetRecord> done =
      merged.ok() ? repository_->CompleteCountSet(tenant, date, set.version) : merged;
  if (!done.ok()) repository_->AbandonCountSet(tenant, date, set.version).IgnoreError();
  return done;
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
  SWV_ASSIGN_OR_RETURN(CalculationResult result, Calculate(input));

  CalculationView view;
  view.record.tenant = tenant;
  view.record.calculation_id = RandomId("calc-");
  view.record.year = year;
  view.record.config_version = config->version;
  view.record.count_date = counts->count_date;
  view.record.count_version = counts->version;
  view.record.fingerprint = Fingerprint(result);
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
  SWV_ASSIGN_OR_RETURN(CalculationResult result, Calculate(input));
  if (Fingerprint(result) != record.fingerprint) {
    return absl::DataLossError(absl::StrCat("calculation ", record.calculation_id,
                                            " no longer reproduces from its stored inputs"));
  }
  return CalculationView{std::move(record), std::move(result)};
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

absl::StatusOr<SpendingAccountView> AllocationService::SubmitSpendingAccount(
    const Principal& caller, absl::string_view swv, int year, const SpendingAccountInput& input) {
  const std::string& actor = caller.id;
  SWV_RETURN_IF_ERROR(RequireActor(actor));
  SWV_ASSIGN_OR_RETURN(std::string tenant, Tenant(swv));
  SWV_RETURN_IF_ERROR(CheckYear(year, "parent"));
  const absl::CivilDay today = Today();
  SWV_ASSIGN_OR_RETURN(ValidSpendingAccount valid, ValidateSpendingAccount(input, year, today));
  // A board accounts for its own spending; the office may record any board's account.
  SWV_RETURN_IF_ERROR(AccessPolicy().OwnBoard(caller, tenant, valid.board));
  SWV_ASSIGN_OR_RETURN(std::vector<DirectoryBoard> boards, directory_->ListBoards(tenant));
  if (std::none_of(boards.begin(), boards.end(),
                   [&](const DirectoryBoard& b) { return b.code == valid.board; })) {
    return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "BOARD_NOT_IN_DIRECTORY",
                           absl::StrCat("board ", valid.board, " is not in the directory"),
                           "spending_account.board");
  }
  SpendingAccountRecord record;
  record.tenant = tenant;
  record.year = year;
  record.account = std::move(valid);
  record.update_time = clock_->Now();
  record.updated_by = std::string(actor);
  SWV_ASSIGN_OR_RETURN(SpendingAccountRecord stored, repository_->PutSpendingAccount(record));
  SpendingAccountView view;
  view.tenant = tenant;
  view.year = year;
  view.board = stored.account.board;
  view.status = SpendingAccountStatusOf(year, stored.account.received_on, today);
  view.due_before = SpendingAccountDeadline(year);
  view.record = std::move(stored);
  return view;
}

absl::StatusOr<std::vector<SpendingAccountView>> AllocationService::ListSpendingAccountVersions(
    const Principal& caller, absl::string_view swv, int year, absl::string_view board) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, Tenant(swv));
  SWV_RETURN_IF_ERROR(AccessPolicy().OwnBoard(caller, tenant, board));
  SWV_RETURN_IF_ERROR(CheckYear(year, "parent"));
  SWV_ASSIGN_OR_RETURN(std::vector<SpendingAccountRecord> records,
                       repository_->ListSpendingAccountVersions(tenant, year, board));
  if (records.empty()) {
    return ErrorWithReason(absl::StatusCode::kNotFound, "NO_SPENDING_ACCOUNT",
                           absl::StrCat("board ", board, " submitted no account for ", year),
                           "parent");
  }
  std::vector<SpendingAccountView> views;
  for (SpendingAccountRecord& record : records) {
    SpendingAccountView view;
    view.tenant = tenant;
    view.year = year;
    view.board = record.account.board;
    view.status = SpendingAccountStatusOf(year, record.account.received_on, Today());
    view.due_before = SpendingAccountDeadline(year);
    view.record = std::move(record);
    views.push_back(std::move(view));
  }
  return views;
}

absl::StatusOr<std::vector<SpendingAccountView>> AllocationService::ListSpendingAccounts(
    const Principal& caller, absl::string_view swv, int year) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, Tenant(swv));
  // The office sees every board's row; a board only its own.
  if (caller.kind != PrincipalKind::kBoard) {
    SWV_RETURN_IF_ERROR(AccessPolicy().TenantWide(caller, tenant));
  } else {
    SWV_RETURN_IF_ERROR(CheckTenant(caller, tenant));
  }
  SWV_RETURN_IF_ERROR(CheckYear(year, "parent"));
  SWV_ASSIGN_OR_RETURN(std::vector<DirectoryBoard> boards, directory_->ListBoards(tenant));
  boards.erase(std::remove_if(boards.begin(), boards.end(),
                              [&](const DirectoryBoard& b) {
                                return !AccessPolicy().OwnBoard(caller, tenant, b.code).ok();
                              }),
               boards.end());
  SWV_ASSIGN_OR_RETURN(std::vector<SpendingAccountRecord> records,
                       repository_->ListSpendingAccounts(tenant, year));
  std::map<std::string, absl::optional<SpendingAccountRecord>> by_board;
  for (const DirectoryBoard& board : boards) by_board[board.code];
  for (SpendingAccountRecord& record : records) {
    std::string board = record.account.board;
    if (!AccessPolicy().OwnBoard(caller, tenant, board).ok()) continue;
    by_board[board] = std::move(record);
  }
  const absl::CivilDay today = Today();
  std::vector<SpendingAccountView> views;
  for (auto& [board, record] : by_board) {
    SpendingAccountView view;
    view.tenant = tenant;
    view.year = year;
    view.board = board;
    view.status = SpendingAccountStatusOf(
        year, record ? absl::optional<absl::CivilDay>(record->account.received_on) : absl::nullopt,
        today);
    view.due_before = SpendingAccountDeadline(year);
    view.record = std::move(record);
    views.push_back(std::move(view));
  }
  return views;
}

}  // namespace swv::allocation
