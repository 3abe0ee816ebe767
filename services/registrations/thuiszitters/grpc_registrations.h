// The gRPC adapter of the registrations service: proto in, domain call, proto out. No rules here.
//
// The acting principal comes from the call metadata "x-swv-principal" (kPrincipalKey of
// services/common/principal.h; set by the gateway after authentication, or by swvctl's --actor for
// SWV staff calling gRPC directly).
//
// One class for the one proto service swv.v1.Registrations, implemented by two areas: the
// thuiszitter RPCs and settings here, the register's (exemptions, monitorkinderen, statistics,
// Inspectie export) in register/grpc_registrations_register.cc.
//
// Uses the synchronous gRPC API on purpose: handlers block on the database, and the sync server
// runs them on its own thread pool rather than on the completion-queue threads.
//
// Thread-safety: safe for concurrent calls.
#ifndef SWV_SERVICES_REGISTRATIONS_THUISZITTERS_GRPC_REGISTRATIONS_H_
#define SWV_SERVICES_REGISTRATIONS_THUISZITTERS_GRPC_REGISTRATIONS_H_

#include "services/common/principal.h"
#include "services/registrations/register/register_service.h"
#include "services/registrations/reporting/reporting_service.h"
#include "services/registrations/thuiszitters/thuiszitter_service.h"
#include "swv/v1/registrations.grpc.pb.h"

namespace swv::registrations {

class TlvService;

class GrpcRegistrations final : public swv::v1::Registrations::Service {
 public:
  // `service` is not owned and must outlive this adapter.
  explicit GrpcRegistrations(ThuiszitterService* service) : service_(service) {}
  // With the register's other record kinds, its reports and the TLV settings
  // (SwvSettings.tlv_validity_school_years live with the TLV service; without it the field reads 0
  // and is ignored on update). No pointer is owned; a null service makes its RPCs answer
  // UNIMPLEMENTED.
  GrpcRegistrations(ThuiszitterService* service, RegisterService* register_service,
                    ReportingService* reporting, TlvService* tlv_settings)
      : service_(service),
        tlv_settings_(tlv_settings),
        register_(register_service),
        reporting_(reporting) {}

  grpc::Status ReportThuiszitter(grpc::ServerContext* context,
                                 const swv::v1::ReportThuiszitterRequest* request,
                                 swv::v1::ThuiszitterCase* response) override;
  grpc::Status GetThuiszitter(grpc::ServerContext* context,
                              const swv::v1::GetThuiszitterRequest* request,
                              swv::v1::ThuiszitterCase* response) override;
  grpc::Status ListThuiszitters(grpc::ServerContext* context,
                                const swv::v1::ListThuiszittersRequest* request,
                                swv::v1::ListThuiszittersResponse* response) override;
  grpc::Status CloseThuiszitter(grpc::ServerContext* context,
                                const swv::v1::CloseThuiszitterRequest* request,
                                swv::v1::ThuiszitterCase* response) override;
  grpc::Status ListThuiszitterHistory(grpc::ServerContext* context,
                                      const swv::v1::ListThuiszitterHistoryRequest* request,
                                      swv::v1::ListThuiszitterHistoryResponse* response) override;
  grpc::Status GetSwvSettings(grpc::ServerContext* context,
                              const swv::v1::GetSwvSettingsRequest* request,
                              swv::v1::SwvSettings* response) override;
  grpc::Status UpdateSwvSettings(grpc::ServerContext* context,
                                 const swv::v1::UpdateSwvSettingsRequest* request,
                                 swv::v1::SwvSettings* response) override;

  // grpc_consents.cc
  grpc::Status RecordThuiszitterConsent(grpc::ServerContext* context,
                                        const swv::v1::RecordThuiszitterConsentRequest* request,
                                        swv::v1::ThuiszitterConsent* response) override;
  grpc::Status WithdrawThuiszitterConsent(grpc::ServerContext* context,
                                          const swv::v1::WithdrawThuiszitterConsentRequest* request,
                                          swv::v1::ThuiszitterConsent* response) override;
  grpc::Status ListThuiszitterConsents(grpc::ServerContext* context,
                                       const swv::v1::ListThuiszitterConsentsRequest* request,
                                       swv::v1::ListThuiszitterConsentsResponse* response) override;

  grpc::Status RecordLeerplichtAction(grpc::ServerContext* context,
                                      const swv::v1::RecordLeerplichtActionRequest* request,
                                      swv::v1::ThuiszitterCase* response) override;
  grpc::Status SetThuiszitterPlan(grpc::ServerContext* context,
                                  const swv::v1::SetThuiszitterPlanRequest* request,
                                  swv::v1::ThuiszitterCase* response) override;

  // Exemptions, monitorkinderen, statistics, Inspectie export: grpc_registrations_register.cc.
  grpc::Status RecordExemption(grpc::ServerContext* context,
                               const swv::v1::RecordExemptionRequest* request,
                               swv::v1::Exemption* response) override;
  grpc::Status GetExemption(grpc::ServerContext* context,
                            const swv::v1::GetExemptionRequest* request,
                            swv::v1::Exemption* response) override;
  grpc::Status ListExemptions(grpc::ServerContext* context,
                              const swv::v1::ListExemptionsRequest* request,
                              swv::v1::ListExemptionsResponse* response) override;
  grpc::Status ListExemptionHistory(grpc::ServerContext* context,
                                    const swv::v1::ListRecordHistoryRequest* request,
                                    swv::v1::ListThuiszitterHistoryResponse* response) override;
  grpc::Status RegisterMonitorkind(grpc::ServerContext* context,
                                   const swv::v1::RegisterMonitorkindRequest* request,
                                   swv::v1::Monitorkind* response) override;
  grpc::Status GetMonitorkind(grpc::ServerContext* context,
                              const swv::v1::GetMonitorkindRequest* request,
                              swv::v1::Monitorkind* response) override;
  grpc::Status ListMonitorkinderen(grpc::ServerContext* context,
                                   const swv::v1::ListMonitorkinderenRequest* request,
                                   swv::v1::ListMonitorkinderenResponse* response) override;
  grpc::Status CloseMonitorkind(grpc::ServerContext* context,
                                const swv::v1::CloseMonitorkindRequest* request,
                                swv::v1::Monitorkind* response) override;
  grpc::Status ListMonitorkindHistory(grpc::ServerContext* context,
                                      const swv::v1::ListRecordHistoryRequest* request,
                                      swv::v1::ListThuiszitterHistoryResponse* response) override;
  grpc::Status GetRegisterStatistics(grpc::ServerContext* context,
                                     const swv::v1::GetRegisterStatisticsRequest* request,
                                     swv::v1::RegisterStatistics* response) override;
  grpc::Status ExportInspectieRegister(grpc::ServerContext* context,
                                       const swv::v1::ExportInspectieRegisterRequest* request,
                                       swv::v1::InspectieRegisterExport* response) override;

 private:
  ThuiszitterService* service_;            // not owned
  TlvService* tlv_settings_ = nullptr;     // not owned
  RegisterService* register_ = nullptr;    // not owned
  ReportingService* reporting_ = nullptr;  // not owned
};

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_THUISZITTERS_GRPC_REGISTRATIONS_H_
