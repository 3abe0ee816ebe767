// The allocation use cases of pupil counts: the streamed import (SqlCountImport), the unary import,
// the list of count sets and the acceptance of a school's submission.
#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "services/allocation/allocation_service.h"
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

namespace {

constexpr size_t kMaxSourceLength = 200;

class SqlCountImport final : public CountImport {
 public:
  // `caller` and `access` decide which schools' rows may be imported; `directory` holds the
  // school codes the SWV's directory lists, the only schools a row may name.
  SqlCountImport(AllocationRepository* repository, CountSetRecord set, Principal caller,
                 AccessPolicy access, absl::flat_hash_set<std::string> directory)
      : repository_(repository),
        set_(std::move(set)),
        replayed_(set_.complete),
        submission_(!DecidesForSwv(caller)),
        caller_(std::move(caller)),
        access_(std::move(access)),
        directory_(std::move(directory)) {}

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
    if (absl::Status known = CheckSchoolsInDirectory(*valid, next_index_, directory_);
        !known.ok()) {
      return failure_ = known;
    }
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
    std::vector<SchoolCount> totals;
    totals.reserve(totals_.size());
    for (auto& [code, total] : totals_) totals.push_back(std::move(total));
    std::sort(totals.begin(), totals.end(),
              [](const SchoolCount& a, const SchoolCount& b) { return a.school < b.school; });
    absl::StatusOr<CountSetRecord> done = repository_->CompleteCountSetWithTotals(
        set_.tenant, set_.count_date, set_.version, submission_, next_index_, totals);
    if (!done.ok()) return failure_ = done.status();
    finished_ = true;
    return done;
  }

 private:
  absl::Status Flush() {
    if (buffer_.empty()) return absl::OkStatus();
    absl::Status status =
        repository_->AppendCountRows(set_.tenant, set_.count_date, set_.version, buffer_);
    if (!status.ok()) {
      buffer_.clear();
      return failure_ = status;
    }
    // The totals are summed from exactly the rows written, so completion need not read them.
    for (const ValidCountRow& row : buffer_) AddToSchoolCount(row, totals_[row.school]);
    buffer_.clear();
    return absl::OkStatus();
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
  // Per school, the sums of the rows written so far (at most one entry per school location).
  absl::flat_hash_map<std::string, SchoolCount> totals_;
  const Principal caller_;
  const AccessPolicy access_;
  const absl::flat_hash_set<std::string> directory_;
};

// The school codes of the SWV's directory, and the scope rules for `caller` (a board's schools
// from the same read).
struct ImportDirectory {
  absl::flat_hash_set<std::string> schools;
  AccessPolicy access;
};

absl::StatusOr<ImportDirectory> ReadImportDirectory(DirectoryClient& directory,
                                                    const Principal& caller,
                                                    const std::string& tenant) {
  SWV_ASSIGN_OR_RETURN(std::vector<DirectorySchool> schools, directory.ListSchools(tenant));
  ImportDirectory out;
  for (const DirectorySchool& school : schools) out.schools.insert(school.code);
  out.access = service_internal::PolicyOver(caller, schools);
  return out;
}

}  // namespace

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
  SWV_ASSIGN_OR_RETURN(ImportDirectory directory, ReadImportDirectory(*directory_, caller, tenant));
  return std::unique_ptr<CountImport>(new SqlCountImport(repository_, std::move(set), caller,
                                                         std::move(directory.access),
                                                         std::move(directory.schools)));
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

}  // namespace swv::allocation
