// Wires the allocation service together: repository on a database, application service, gRPC
// adapter. Used by main.cc, the tests and the benchmark, so all run the same assembly.
//
// Ownership: the app owns the repository, service and adapter; the database, directory reader and
// clock are borrowed and must outlive it. Thread-safety: after Create, safe for concurrent calls.
#ifndef SWV_SERVICES_ALLOCATION_ALLOCATION_APP_H_
#define SWV_SERVICES_ALLOCATION_ALLOCATION_APP_H_

#include <memory>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "services/allocation/allocation_repository.h"
#include "services/allocation/allocation_service.h"
#include "services/allocation/grpc_allocation.h"
#include "services/common/clock.h"
#include "services/common/directory_client.h"
#include "storage/database.h"

namespace swv::allocation {

class AllocationApp {
 public:
  // Applies the schema migrations, then builds the service.
  static absl::StatusOr<std::unique_ptr<AllocationApp>> Create(storage::Database* db,
                                                               DirectoryClient* directory,
                                                               const Clock* clock);

  std::vector<grpc::Service*> grpc_services() { return {grpc_.get()}; }
  AllocationService& service() { return service_; }

 private:
  AllocationApp(std::unique_ptr<AllocationRepository> repository, DirectoryClient* directory,
                const Clock* clock)
      : repository_(std::move(repository)),
        service_(repository_.get(), directory, clock),
        grpc_(NewGrpcAllocation(&service_)) {}

  std::unique_ptr<AllocationRepository> repository_;
  AllocationService service_;
  std::unique_ptr<grpc::Service> grpc_;
};

}  // namespace swv::allocation

#endif  // SWV_SERVICES_ALLOCATION_ALLOCATION_APP_H_
