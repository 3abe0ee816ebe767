// The organisation directory as allocation sees it: boards and schools of one SWV, read from the
// registrations service (swv.v1.Directory), which owns them. Allocation never reads registrations'
// tables.
//
// GrpcDirectoryReader calls swv.v1.Directory over a channel with a deadline per call and maps
// errors with FromGrpcStatus (a directory that is down gives UNAVAILABLE). InMemoryDirectoryReader
// holds fixed data: a stand-in for the remote service in tests and in the benchmark.
//
// Thread-safety: both implementations are safe for concurrent use (the in-memory one after
// construction/Set, which must not race with reads).
#ifndef SWV_SERVICES_ALLOCATION_DIRECTORY_READER_H_
#define SWV_SERVICES_ALLOCATION_DIRECTORY_READER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "services/allocation/domain/calculation.h"

namespace swv::allocation {

class DirectoryReader {
 public:
  virtual ~DirectoryReader() = default;
  // Every board / school of the tenant (canonical SWV code, e.g. "PO2203"), sorted by code.
  virtual absl::StatusOr<std::vector<DirectoryBoard>> ListBoards(absl::string_view tenant) = 0;
  virtual absl::StatusOr<std::vector<DirectorySchool>> ListSchools(absl::string_view tenant) = 0;
};

class InMemoryDirectoryReader final : public DirectoryReader {
 public:
  void Set(absl::string_view tenant, std::vector<DirectoryBoard> boards,
           std::vector<DirectorySchool> schools);
  absl::StatusOr<std::vector<DirectoryBoard>> ListBoards(absl::string_view tenant) override;
  absl::StatusOr<std::vector<DirectorySchool>> ListSchools(absl::string_view tenant) override;

 private:
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, std::vector<DirectoryBoard>> boards_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, std::vector<DirectorySchool>> schools_ ABSL_GUARDED_BY(mu_);
};

// Reads all pages (1000 per call). `deadline` bounds each call.
std::unique_ptr<DirectoryReader> NewGrpcDirectoryReader(std::shared_ptr<grpc::Channel> channel,
                                                        absl::Duration deadline);

}  // namespace swv::allocation

#endif  // SWV_SERVICES_ALLOCATION_DIRECTORY_READER_H_
