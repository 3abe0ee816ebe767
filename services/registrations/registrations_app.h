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
#include "services/registrations/escalations/escalation_repository.h"
#include "services/registrations/escalations/escalation_service.h"
#include "services/registrations/grpc_adapters.h"
#include "services/registrations/register/register_repository.h"
#include "services/registrations/register/register_service.h"
#include "services/registrations/reporting/reporting_service.h"
#include "services/registrations/support/support_repository.h"
#include "services/registrations/support/support_service.h"
#include "services/registrations/thuiszitters/grpc_registrations.h"
#include "services/registrations/thuiszitters/thuiszitter_repository.h"
#include "services/registrations/thuiszitters/thuiszitter_service.h"
#include "services/registrations/tlv_app.h"
#include "storage/database.h"

namespace swv::registrations {

class RegistrationsApp {
 public:
  // Applies the schema migrations, then builds the service.
  static absl::StatusOr<std::unique_ptr<RegistrationsApp>> Create(storage::Database* db,
                                                                  const Clock* clock);

  // Every gRPC service this process hosts (thuiszitters, and what later areas add).
  std::vector<grpc::Service*> grpc_services() {
    std::vector<grpc::Service*> services = {&grpc_, support_grpc_.get(), escalations_grpc_.get(),
                                            wijk_plans_grpc_.get()};
    for (grpc::Service* service : tlv_->grpc_services()) services.push_back(service);
    return services;
  }
  // The directory, OPPs and TLVs (swv.v1.Directory, swv.v1.Tlvs).
  TlvApp& tlv() { return *tlv_; }
  ThuiszitterService& thuiszitters() { return service_; }
  ReportingService& reporting() { return reporting_; }
  SupportService& support() { return support_service_; }
  EscalationService& escalations() { return escalation_service_; }
  // Every SWV with any record or setting in this service's tables.
  absl::StatusOr<std::vector<std::string>> ListTenants() { return repository_->ListTenants(); }

 private:
  // Every service gets the scope rules, with a board's schools read from the directory of `tlv`;
  // statistics grouped by wijk or board read the school mapping from that directory too.
  RegistrationsApp(storage::Database* db, std::unique_ptr<TlvApp> tlv, const Clock* clock)
      : tlv_(std::move(tlv)),
        access_(tlv_->access_policy()),
        repository_(NewSqlThuiszitterRepository(db)),
        cases_(NewSqlCaseStore(db)),
        service_(cases_.get(), repository_.get(), clock, access_),
        register_stores_(NewSqlRegisterStores(db)),
        register_service_(register_stores_, clock, access_),
        escalation_store_(NewSqlEscalationStore(db)),
        reporting_(cases_.get(), &register_stores_, escalation_store_.get(),
                   &tlv_->directory_repository(), clock, access_),
        grpc_(&service_, &register_service_, &reporting_, &tlv_->tlvs()),
        support_stores_(NewSqlSupportStores(db)),
        profile_stores_(NewSqlProfileStores(db)),
        support_service_(support_stores_, clock, access_, &profile_stores_, LookupsOf(*tlv_)),
        support_grpc_(NewGrpcSupport(&support_service_)),
        escalation_service_(escalation_store_.get(), cases_.get(), clock, access_),
        escalations_grpc_(NewGrpcEscalations(&escalation_service_)),
        wijk_plan_store_(NewSqlWijkPlanStore(db)),
        wijk_plan_service_(wijk_plan_store_.get(), &tlv_->directory_repository(), clock, access_),
        wijk_plans_grpc_(NewGrpcWijkPlans(&wijk_plan_service_)) {}

  // What the support area reads of the directory and the TLVs.
  static SupportLookups LookupsOf(TlvApp& tlv);

  std::unique_ptr<TlvApp> tlv_;  // built first: the others use its directory
  AccessPolicy access_;
  std::unique_ptr<ThuiszitterRepository> repository_;
  std::unique_ptr<RecordStore<ThuiszitterCase>> cases_;
  ThuiszitterService service_;
  RegisterStores register_stores_;
  RegisterService register_service_;
  std::unique_ptr<RecordStore<EscalationRecord>> escalation_store_;
  ReportingService reporting_;
  GrpcRegistrations grpc_;
  SupportStores support_stores_;
  ProfileStores profile_stores_;
  SupportService support_service_;
  std::unique_ptr<grpc::Service> support_grpc_;
  EscalationService escalation_service_;
  std::unique_ptr<grpc::Service> escalations_grpc_;
  std::unique_ptr<RecordStore<WijkPlanRecord>> wijk_plan_store_;
  WijkPlanService wijk_plan_service_;
  std::unique_ptr<grpc::Service> wijk_plans_grpc_;
};

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_REGISTRATIONS_APP_H_
