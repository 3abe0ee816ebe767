#include "services/registrations/directory/directory_service.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/common/access.h"
#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/status_macros.h"
#include "services/registrations/records/request_support.h"

namespace swv::registrations {
namespace {

absl::Status CheckBatchSize(size_t rows) {
  if (rows > static_cast<size_t>(DirectoryService::kMaxBatchRows)) {
    return ErrorWithReason(absl::StatusCode::kInvalidArgument, "BATCH_TOO_LARGE",
                           absl::StrCat("a batch holds at most ", DirectoryService::kMaxBatchRows,
                                        " rows, got ", rows, "; split it"));
  }
  return absl::OkStatus();
}

// Validates every row with `validate` (index -> StatusOr<T>), rejects a code seen earlier in the
// same batch, and writes the accepted rows chunk by chunk with `write`.
template <typename T, typename Validate, typename Write>
absl::StatusOr<BatchResult> RunBatch(absl::string_view collection, size_t count, Validate validate,
                                     Write write) {
  BatchResult result;
  result.rows.resize(count);
  std::vector<T> accepted;
  std::vector<int> accepted_index;
  std::map<std::string, int> first_index_of_code;
  for (size_t i = 0; i < count; ++i) {
    RowResult& row = result.rows[i];
    row.index = static_cast<int>(i);
    absl::StatusOr<T> valid = validate(i);
    if (valid.ok()) {
      auto [it, inserted] = first_index_of_code.emplace(valid->code, static_cast<int>(i));
      if (!inserted) {
        valid = InvalidField(absl::StrCat(collection, "[", i, "].code"), "DUPLICATE_IN_BATCH",
                             absl::StrCat(valid->code, " is already in this batch at ", collection,
                                          "[", it->second, "]"));
      }
    }
    if (!valid.ok()) {
      row.error = valid.status();
      ++result.rejected;
      continue;
    }
    accepted.push_back(*std::move(valid));
    accepted_index.push_back(static_cast<int>(i));
  }
  for (size_t start = 0; start < accepted.size(); start += DirectoryService::kChunkSize) {
    const size_t end = std::min(accepted.size(), start + DirectoryService::kChunkSize);
    std::vector<T> chunk(accepted.begin() + start, accepted.begin() + end);
    SWV_ASSIGN_OR_RETURN(std::vector<UpsertOutcome> outcomes, write(chunk));
    for (size_t k = 0; k < outcomes.size(); ++k) {
      result.rows[accepted_index[start + k]].outcome = (outcomes)[k];
      ++result.accepted;
    }
  }
  return result;
}

// A batch only the office writes (boards, wijken: the SWV's own structure), named `list` in
// field paths ("boards[2].code"): each row validated, the valid ones written in chunks.
template <typename T, typename Row, typename Validate, typename Write>
absl::StatusOr<BatchResult> OfficeBatch(const AccessPolicy& access, const Principal& caller,
                                        absl::string_view swv, absl::string_view list,
                                        const std::vector<Row>& rows, Validate validate,
                                        Write write) {
  SWV_RETURN_IF_ERROR(RequireActor(caller.id));
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("parent", swv));
  SWV_RETURN_IF_ERROR(access.TenantWide(caller, tenant));
  SWV_RETURN_IF_ERROR(CheckBatchSize(rows.size()));
  return RunBatch<T>(
      list, rows.size(),
      [&](size_t i) { return validate(absl::StrCat(list, "[", i, "]."), rows[i]); },
      [&](const std::vector<T>& chunk) { return write(tenant, chunk); });
}

// The page size and the code to continue after (keyset over codes) of a directory list.
absl::Status StartPage(const PageBinding& binding, int page_size, absl::string_view page_token,
                       DirectoryQuery* query) {
  SWV_ASSIGN_OR_RETURN(int size, PageSize(page_size, DirectoryService::kMaxPageSize,
                                          DirectoryService::kMaxPageSize));
  query->page_size = size;
  if (page_token.empty()) return absl::OkStatus();
  SWV_ASSIGN_OR_RETURN(std::string after, binding.Decode(page_token));
  query->after_code = after;
  return absl::OkStatus();
}

template <typename T>
DirectoryPage<T> PageOf(std::vector<T> rows, int page_size, const PageBinding& binding,
                        std::string (*code_of)(const T&)) {
  DirectoryPage<T> page;
  if (static_cast<int>(rows.size()) > page_size) {
    rows.resize(page_size);
    page.next_page_token = binding.Encode(code_of(rows.back()));
  }
  page.items = std::move(rows);
  return page;
}

std::string BoardCode(const StoredBoard& b) { return b.board.code; }
std::string WijkCode(const StoredWijk& w) { return w.wijk.code; }
std::string SchoolCodeOf(const StoredSchool& s) { return s.school.code; }

}  // namespace

DirectoryService::DirectoryService(DirectoryRepository* repository, const Clock* clock,
                                   AccessPolicy access)
    : repository_(repository), clock_(clock), access_(std::move(access)) {}

absl::StatusOr<BatchResult> DirectoryService::UpsertBoards(const Principal& caller,
                                                           absl::string_view swv,
                                                           const std::vector<BoardRow>& rows) {
  const absl::Time now = clock_->Now();
  return OfficeBatch<Board>(access_, caller, swv, "boards", rows, ValidateBoard,
                            [&](const std::string& tenant, const std::vector<Board>& chunk) {
                              return repository_->UpsertBoards(tenant, chunk, caller.id, now);
                            });
}

absl::StatusOr<BatchResult> DirectoryService::UpsertWijken(const Principal& caller,
                                                           absl::string_view swv,
                                                           const std::vector<WijkRow>& rows) {
  const absl::Time now = clock_->Now();
  return OfficeBatch<Wijk>(access_, caller, swv, "wijken", rows, ValidateWijk,
                           [&](const std::string& tenant, const std::vector<Wijk>& chunk) {
                             return repository_->UpsertWijken(tenant, chunk, caller.id, now);
                           });
}

absl::StatusOr<BatchResult> DirectoryService::UpsertSchools(const Principal& caller,
                                                            absl::string_view swv,
                                                            const std::vector<SchoolRow>& rows) {
  const std::string& actor = caller.id;
  SWV_ASSIGN_OR_RETURN(std::string tenant, WriteTenant(caller, "parent", swv));
  SWV_RETURN_IF_ERROR(CheckBatchSize(rows.size()));
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string code = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(rows[i].code));
    absl::Status allowed = access_.WriteRecord(caller, tenant, {code});
    if (absl::IsNotFound(allowed)) {
      return ErrorWithReason(absl::StatusCode::kPermissionDenied, "SCHOOL_OUT_OF_SCOPE",
                             "names a school outside the caller's scope; nothing was written",
                             absl::StrCat("schools[", i, "].code"));
    }
    if (!allowed.ok()) return allowed;
  }
  // A school or board keeps its own rows, but the fields that decide money and scope stay as the
  // office set them; nothing is written when one row tries to change them.
  std::vector<SchoolRow> checked = rows;
  if (!DecidesForSwv(caller)) {
    std::vector<FieldViolation> refused;
    for (size_t i = 0; i < checked.size(); ++i) {
      SWV_ASSIGN_OR_RETURN(
          absl::optional<StoredSchool> stored,
          repository_->FindSchool(
              tenant, absl::AsciiStrToUpper(absl::StripAsciiWhitespace(checked[i].code))));
      std::vector<FieldViolation> row =
          KeepOfficeDecidedFields(absl::StrCat("schools[", i, "]."),
                                  stored.has_value() ? &(stored)->school : nullptr, checked[i]);
      refused.insert(refused.end(), row.begin(), row.end());
    }
    if (!refused.empty()) {
      return FieldsError(absl::StatusCode::kPermissionDenied, "OFFICE_DECIDES", refused);
    }
  }
  // Boards and wijken have no delete, so a code known now stays known while the batch runs.
  SWV_ASSIGN_OR_RETURN(KnownCodes known, repository_->KnownBoardsAndWijken(tenant));
  const absl::Time now = clock_->Now();
  return RunBatch<School>(
      "schools", checked.size(),
      [&](size_t i) {
        return ValidateSchool(absl::StrCat("schools[", i, "]."), checked[i], known);
      },
      [&](const std::vector<School>& chunk) {
        return repository_->UpsertSchools(tenant, chunk, actor, now);
      });
}

absl::StatusOr<DirectoryPage<StoredBoard>> DirectoryService::ListBoards(
    const Principal& caller, absl::string_view swv, int page_size, absl::string_view page_token) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("parent", swv));
  SWV_RETURN_IF_ERROR(access_.TenantWide(caller, tenant));
  const PageBinding binding("boards", tenant, caller);
  DirectoryQuery query;
  query.tenant = tenant;
  SWV_RETURN_IF_ERROR(StartPage(binding, page_size, page_token, &query));
  SWV_ASSIGN_OR_RETURN(std::vector<StoredBoard> rows, repository_->ListBoards(query));
  return PageOf(std::move(rows), query.page_size, binding, &BoardCode);
}

absl::StatusOr<DirectoryPage<StoredWijk>> DirectoryService::ListWijken(
    const Principal& caller, absl::string_view swv, int page_size, absl::string_view page_token) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("parent", swv));
  SWV_RETURN_IF_ERROR(access_.TenantWide(caller, tenant));
  const PageBinding binding("wijken", tenant, caller);
  DirectoryQuery query;
  query.tenant = tenant;
  SWV_RETURN_IF_ERROR(StartPage(binding, page_size, page_token, &query));
  SWV_ASSIGN_OR_RETURN(std::vector<StoredWijk> rows, repository_->ListWijken(query));
  return PageOf(std::move(rows), query.page_size, binding, &WijkCode);
}

absl::StatusOr<DirectoryPage<StoredSchool>> DirectoryService::ListSchools(
    const Principal& caller, const SchoolListRequest& request) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("parent", request.swv));
  SWV_RETURN_IF_ERROR(access_.ListRecords(caller, tenant));
  DirectoryQuery query;
  query.tenant = tenant;
  // Filters compare with the stored (upper-case) codes.
  if (!request.board.empty()) query.board = absl::AsciiStrToUpper(request.board);
  if (!request.wijk.empty()) query.wijk = absl::AsciiStrToUpper(request.wijk);
  query.kind = request.kind;
  // A school or board reads its own schools' rows, in the query: pages are full.
  query.reach = ReachOf(caller, tenant);
  PageBinding binding("schools", tenant, caller);
  binding.Filter("board", query.board.value_or(""))
      .Filter("wijk", query.wijk.value_or(""))
      .Filter("kind", query.kind ? SchoolKindName(*query.kind) : "");
  SWV_RETURN_IF_ERROR(StartPage(binding, request.page_size, request.page_token, &query));
  SWV_ASSIGN_OR_RETURN(std::vector<StoredSchool> rows, repository_->ListSchools(query));
  return PageOf(std::move(rows), query.page_size, binding, &SchoolCodeOf);
}

absl::StatusOr<StoredSchool> DirectoryService::GetSchool(const Principal& caller,
                                                         absl::string_view swv,
                                                         absl::string_view code) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("name", swv));
  SWV_RETURN_IF_ERROR(CheckTenant(caller, tenant));
  SWV_ASSIGN_OR_RETURN(SchoolCode school, ParseSchoolCode("name", code));
  SWV_ASSIGN_OR_RETURN(absl::optional<StoredSchool> found,
                       repository_->FindSchool(tenant, school.ToString()));
  if (!found.has_value()) {
    return absl::NotFoundError(
        absl::StrCat("school ", school.ToString(), " is not in the directory"));
  }
  SWV_RETURN_IF_ERROR(access_.ReadRecord(caller, tenant, {school.ToString()}));
  return *std::move(found);
}

}  // namespace swv::registrations
