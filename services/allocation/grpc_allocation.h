// The gRPC adapter of the allocation service: proto in, AllocationService call, proto out (the
// mapping: allocation_proto_mapping.h). No rules here. The acting principal comes from the call
// metadata "x-swv-principal" (set by the gateway, or by a direct client such as swvctl).
//
// Uses the synchronous gRPC API like the registrations adapter: handlers block on the database
// and the directory, and the sync server runs them on its own thread pool.
//
// Thread-safety: safe for concurrent calls.
#ifndef SWV_SERVICES_ALLOCATION_GRPC_ALLOCATION_H_
#define SWV_SERVICES_ALLOCATION_GRPC_ALLOCATION_H_

#include <grpcpp/impl/service_type.h>

#include <memory>

#include "services/allocation/allocation_service.h"

namespace swv::allocation {

// `service` is not owned and must outlive the adapter.
std::unique_ptr<grpc::Service> NewGrpcAllocation(AllocationService* service);

}  // namespace swv::allocation

#endif  // SWV_SERVICES_ALLOCATION_GRPC_ALLOCATION_H_
