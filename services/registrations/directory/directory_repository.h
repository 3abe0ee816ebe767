// Storage of the organisation directory: boards, wijken and school locations per tenant.
//
// Upserts take validated rows and decide per row whether it is new, changed or unchanged; the
// version of a row increments only when it actually changes. One call is one transaction (the
// application service cuts big batches into chunks). Thread-safety: safe for concurrent use.
#ifndef SWV_SERVICES_REGISTRATIONS_DIRECTORY_DIRECTORY_REPOSITORY_H_
#define SWV_SERVICES_REGISTRATIONS_DIRECTORY_DIRECTORY_REPOSITORY_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/registrations/domain/directory.h"
#include "services/registrations/records/school_filter.h"
#include "storage/database.h"

namespace swv::registrations {

enum class UpsertOutcome { kCreated, kUpdated, kUnchanged };

// What is stored with every directory row.
struct RowMeta {
  int64_t version = 0;
  absl::Time update_time;
  std::string updated_by;
};

struct StoredBoard {
  Board board;
  RowMeta meta;
};
struct StoredWijk {
  Wijk wijk;
  RowMeta meta;
};
struct StoredSchool {
  School school;
  RowMeta meta;
};

// Keyset page over codes: rows with code > after_code, in code order.
struct DirectoryQuery {
  std::string tenant;
  int page_size = 1000;
  std::string after_code;
  // Schools only; optional filters.
  absl::optional<std::string> board;
  absl::optional<std::string> wijk;
  absl::optional<SchoolKind> kind;
  // Schools only: the caller's reach (its own rows); nullopt for the whole tenant.
  absl::optional<Reach> reach;
};

class DirectoryRepository {
 public:
  virtual ~DirectoryRepository() = default;

  // One transaction each; outcomes in input order. Codes must be unique within `rows`.
  virtual absl::StatusOr<std::vector<UpsertOutcome>> UpsertBoards(absl::string_view tenant,
                                                                  const std::vector<Board>& rows,
                                                                  absl::string_view actor,
                                                                  absl::Time now) = 0;
  virtual absl::StatusOr<std::vector<UpsertOutcome>> UpsertWijken(absl::string_view tenant,
                                                                  const std::vector<Wijk>& rows,
                                                                  absl::string_view actor,
                                                                  absl::Time now) = 0;
  virtual absl::StatusOr<std::vector<UpsertOutcome>> UpsertSchools(absl::string_view tenant,
                                                                   const std::vector<School>& rows,
                                                                   absl::string_view actor,
                                                                   absl::Time now) = 0;

  // Board and wijk codes of the tenant (for checking school rows).
  virtual absl::StatusOr<KnownCodes> KnownBoardsAndWijken(absl::string_view tenant) = 0;

  // Up to page_size + 1 rows (one more than asked tells whether another page follows).
  virtual absl::StatusOr<std::vector<StoredBoard>> ListBoards(const DirectoryQuery& query) = 0;
  virtual absl::StatusOr<std::vector<StoredWijk>> ListWijken(const DirectoryQuery& query) = 0;
  virtual absl::StatusOr<std::vector<StoredSchool>> ListSchools(const DirectoryQuery& query) = 0;

  // nullopt when the tenant has no such school.
  virtual absl::StatusOr<absl::optional<StoredSchool>> FindSchool(absl::string_view tenant,
                                                                  absl::string_view code) = 0;
};

// Every row of a tenant's list, read page by page: `list` is ListSchools, ListWijken or
// ListBoards of `directory`, `row` the value in a stored row (its `code` keys the pages).
template <typename Stored, typename Row>
absl::StatusOr<std::vector<Row>> AllRows(
    absl::string_view tenant,
    const std::function<absl::StatusOr<std::vector<Stored>>(const DirectoryQuery&)>& list,
    Row Stored::*row) {
  std::vector<Row> out;
  DirectoryQuery query;
  query.tenant = std::string(tenant);
  while (true) {
    absl::StatusOr<std::vector<Stored>> page = list(query);
    if (!page.ok()) return page.status();
    const bool more = static_cast<int>(page->size()) > query.page_size;
    if (more) page->resize(query.page_size);
    for (Stored& stored : *page) out.push_back(std::move(stored.*row));
    if (!more || page->empty()) return out;
    query.after_code = out.back().code;
  }
}

// Every school (every wijk) the directory of `tenant` lists, in code order.
inline absl::StatusOr<std::vector<School>> AllSchools(DirectoryRepository& directory,
                                                      absl::string_view tenant) {
  return AllRows<StoredSchool, School>(
      tenant, [&](const DirectoryQuery& q) { return directory.ListSchools(q); },
      &StoredSchool::school);
}
// What a school's statistics are grouped by besides the school itself.
enum class SchoolGroup { kWijk, kBoard };
// School code -> its wijk or board code, for every school the directory of `tenant` lists.
inline absl::StatusOr<std::map<std::string, std::string>> SchoolGroups(
    DirectoryRepository& directory, absl::string_view tenant, SchoolGroup group) {
  absl::StatusOr<std::vector<School>> schools = AllSchools(directory, tenant);
  if (!schools.ok()) return schools.status();
  std::map<std::string, std::string> groups;
  for (School& s : *schools) groups[s.code] = group == SchoolGroup::kWijk ? s.wijk : s.board;
  return groups;
}
inline absl::StatusOr<std::vector<Wijk>> AllWijken(DirectoryRepository& directory,
                                                   absl::string_view tenant) {
  return AllRows<StoredWijk, Wijk>(
      tenant, [&](const DirectoryQuery& q) { return directory.ListWijken(q); }, &StoredWijk::wijk);
}

// The "directory" schema component, applied at start.
absl::Status MigrateDirectorySchema(storage::Database& db);

// `db` is not owned and must outlive the repository.
std::unique_ptr<DirectoryRepository> NewSqlDirectoryRepository(storage::Database* db);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_DIRECTORY_DIRECTORY_REPOSITORY_H_
