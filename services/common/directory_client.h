// The one client of the organisation directory: boards and schools of one SWV, read from the
// registrations service (swv.v1.Directory), which owns them. Other services never read
// registrations' tables; allocation and monitoring both read the directory through this.
//
// NewGrpcDirectoryClient calls swv.v1.Directory over a channel with a deadline per call, reads
// every page (1000 per call), identifies itself as the service principal `caller` (e.g.
// "swv-allocation") and maps errors with FromGrpcStatus (a directory that is down gives
// UNAVAILABLE). Nothing is cached: every call asks the directory (no reader cached before).
// InMemoryDirectoryClient holds fixed data: a stand-in for the remote service in tests and in the
// benchmark.
//
// Both return every school of the tenant, inside and outside the region, sorted by code.
//
// Thread-safety: both implementations are safe for concurrent use (the in-memory one after
// construction/Set, which must not race with reads). The caller owns the client.
#ifndef SWV_SERVICES_COMMON_DIRECTORY_CLIENT_H_
#define SWV_SERVICES_COMMON_DIRECTORY_CLIENT_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "services/common/directory_school.h"

namespace swv {

class DirectoryClient {
 public:
  virtual ~DirectoryClient() = default;
  // Every board / school of the tenant (canonical SWV code, e.g. "PO2203"), sorted by code.
  virtual absl::StatusOr<std::vector<DirectoryBoard>> ListBoards(absl::string_view tenant) = 0;
  virtual absl::StatusOr<std::vector<DirectorySchool>> ListSchools(absl::string_view tenant) = 0;
};

class InMemoryDirectoryClient final : public DirectoryClient {
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

// `deadline` bounds each call (each page); `caller` is the service name the directory sees.
std::unique_ptr<DirectoryClient> NewGrpcDirectoryClient(std::shared_ptr<grpc::Channel> channel,
                                                        absl::Duration deadline,
                                                        absl::string_view caller);

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_DIRECTORY_CLIENT_H_
