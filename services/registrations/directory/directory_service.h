// The directory use cases: batch upserts of boards, wijken and schools with per-row results, and
// reads. Transport-free; the gRPC adapter is behind NewGrpcDirectory
// (registrations/grpc_adapters.h).
//
// A batch is validated row by row; a bad row is rejected with its own field errors and the other
// rows go on. Accepted rows are written in chunks of kChunkSize rows, one transaction per chunk.
// When the database fails mid-batch the call fails; chunks written before stay written, and
// sending the same batch again is safe (rows already stored come back "unchanged").
//
// Thread-safety: safe for concurrent use.
#ifndef SWV_SERVICES_REGISTRATIONS_DIRECTORY_DIRECTORY_SERVICE_H_
#define SWV_SERVICES_REGISTRATIONS_DIRECTORY_DIRECTORY_SERVICE_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/optional.h"
#include "services/common/access_policy.h"
#include "services/common/clock.h"
#include "services/common/principal.h"
#include "services/registrations/directory/directory_repository.h"

namespace swv::registrations {

struct RowResult {
  int index = 0;
  // Accepted rows.
  absl::optional<UpsertOutcome> outcome;
  // Rejected rows: INVALID_ARGUMENT with field violations.
  absl::Status error;
};

struct BatchResult {
  std::vector<RowResult> rows;
  int accepted = 0;
  int rejected = 0;
};

template <typename T>
struct DirectoryPage {
  std::vector<T> items;
  std::string next_page_token;
};

struct SchoolListRequest {
  std::string swv;
  int page_size = 0;
  std::string page_token;
  std::string board;
  std::string wijk;
  absl::optional<SchoolKind> kind;
};

class DirectoryService {
 public:
  static constexpr int kChunkSize = 500;
  static constexpr int kMaxBatchRows = 50000;
  static constexpr int kMaxPageSize = 1000;

  // Neither pointer is owned.
  // `access`: the scope rules (boards and wijken are the office's; a school row is its school's),
  // with a board's schools read from the directory.
  DirectoryService(DirectoryRepository* repository, const Clock* clock, AccessPolicy access);

  absl::StatusOr<BatchResult> UpsertBoards(const Principal& caller, absl::string_view swv,
                                           const std::vector<BoardRow>& rows);
  absl::StatusOr<BatchResult> UpsertWijken(const Principal& caller, absl::string_view swv,
                                           const std::vector<WijkRow>& rows);
  // The boards and wijken a school names must be in the directory already: upsert them first.
  // A school or board principal may push only its own schools' rows (a row naming another school
  // refuses the whole batch: PERMISSION_DENIED "SCHOOL_OUT_OF_SCOPE", nothing written).
  absl::StatusOr<BatchResult> UpsertSchools(const Principal& caller, absl::string_view swv,
                                            const std::vector<SchoolRow>& rows);

  absl::StatusOr<DirectoryPage<StoredBoard>> ListBoards(const Principal& caller,
                                                        absl::string_view swv, int page_size,
                                                        absl::string_view page_token);
  absl::StatusOr<DirectoryPage<StoredWijk>> ListWijken(const Principal& caller,
                                                       absl::string_view swv, int page_size,
                                                       absl::string_view page_token);
  absl::StatusOr<DirectoryPage<StoredSchool>> ListSchools(const Principal& caller,
                                                          const SchoolListRequest& request);
  // NOT_FOUND when unknown or out of the caller's scope.
  absl::StatusOr<StoredSchool> GetSchool(const Principal& caller, absl::string_view swv,
                                         absl::string_view code);

 private:
  DirectoryRepository* repository_;
  const Clock* clock_;
  AccessPolicy access_;
};

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_DIRECTORY_DIRECTORY_SERVICE_H_
