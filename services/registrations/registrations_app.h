// Wires the registrations service together: repository on a database, application service,
// gRPC adapter. Used by main.cc and by the end-to-end tests, so both run the same assembly.
//
// Ownership: the app owns the repository, service and adapter; the database and clock are borrowed
// and must outlive it. Thread-safety: after Create, safe for concurrent calls.
#ifndef SWV_SERVICES_REGISTRATIONS_REGISTRATIONS_APP_H_
#define SWV_SERVICES_REGISTRATIONS_REGISTRATIONS_APP_H_

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "services/common/clock.h"
#include "services/registrations/grpc_registrations.h"
#include "services/registrations/thuiszitter_repository.h"
#include "services/registrations/thuiszitter_service.h"
#include "storage/database.h"

namespace swv::registrations {

class RegistrationsApp {
 public:
  // Applies the schema migrations, then builds the service.
  static absl::StatusOr<std::unique_ptr<RegistrationsApp>> Create(storage::Database* db,
                                                                  const Clock* clock);

  // Every gRPC service this process hosts (thuiszitters, and what later areas add).
  std::vector<grpc::Service*> grpc_services() { return {&grpc_}; }
  ThuiszitterService& thuiszitters() { return service_; }

 private:
  RegistrationsApp(std::unique_ptr<ThuiszitterRepository> repository, const Clock* clock)
      : repository_(std::move(repository)), service_(repository_.get(), clock), grpc_(&service_) {}

  std::unique_ptr<ThuiszitterRepository> repository_;
  ThuiszitterService service_;
  GrpcRegistrations grpc_;
};

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_REGISTRATIONS_APP_H_
