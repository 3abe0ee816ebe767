// The gRPC adapters of the registrations process, one per proto service it hosts: proto in,
// application service call, proto out; no rules. Each lives in its area's folder:
// directory/grpc_directory.cc (swv.v1.Directory), tlvs/grpc_tlvs.cc (swv.v1.Tlvs, with the OSO
// dossier intake of intake/; mapping in tlv_proto_mapping.h), support/grpc_support_service.cc
// (swv.v1.Support), escalations/grpc_escalations.cc (swv.v1.Escalations),
// wijkplans/grpc_wijk_plans.cc (swv.v1.WijkPlans). swv.v1.Registrations is the class
// GrpcRegistrations (thuiszitters/grpc_registrations.h), which the thuiszitter and register areas
// implement together.
//
// No pointer is owned; each service must outlive its adapter. The caller's principal comes from
// "x-swv-principal" (services/common/grpc_principal.h). Thread-safety: safe for concurrent calls.
#ifndef SWV_SERVICES_REGISTRATIONS_GRPC_ADAPTERS_H_
#define SWV_SERVICES_REGISTRATIONS_GRPC_ADAPTERS_H_

#include <grpcpp/impl/service_type.h>

#include <memory>

#include "services/registrations/directory/directory_service.h"
#include "services/registrations/escalations/escalation_service.h"
#include "services/registrations/intake/intake_service.h"
#include "services/registrations/opps/opp_service.h"
#include "services/registrations/support/support_service.h"
#include "services/registrations/tlvs/tlv_service.h"
#include "services/registrations/wijkplans/wijk_plan_service.h"

namespace swv::registrations {

std::unique_ptr<grpc::Service> NewGrpcDirectory(DirectoryService* service);
std::unique_ptr<grpc::Service> NewGrpcTlvs(OppService* opps, TlvService* tlvs,
                                           const OsoIntakeService* intake);
std::unique_ptr<grpc::Service> NewGrpcSupport(SupportService* service);
std::unique_ptr<grpc::Service> NewGrpcEscalations(EscalationService* service);
std::unique_ptr<grpc::Service> NewGrpcWijkPlans(WijkPlanService* service);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_GRPC_ADAPTERS_H_
