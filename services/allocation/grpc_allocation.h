// The gRPC adapter of the allocation service: proto in, AllocationService call, proto out. No
// rules here. The acting principal comes from the call metadata "x-swv-principal" (set by the
// gateway, or by a direct client such as swvctl).
//
// Uses the synchronous gRPC API like the registrations adapter: handlers block on the database
// and the directory, and the sync server runs them on its own thread pool.
//
// Thread-safety: safe for concurrent calls.
#ifndef SWV_SERVICES_ALLOCATION_GRPC_ALLOCATION_H_
#define SWV_SERVICES_ALLOCATION_GRPC_ALLOCATION_H_

#include "services/allocation/allocation_service.h"
#include "swv/v1/allocation.grpc.pb.h"

namespace swv::allocation {

class GrpcAllocation final : public swv::v1::Allocation::Service {
 public:
  // `service` is not owned and must outlive this adapter.
  explicit GrpcAllocation(AllocationService* service) : service_(service) {}

  grpc::Status GetYearConfig(grpc::ServerContext* context,
                             const swv::v1::GetYearConfigRequest* request,
                             swv::v1::YearConfig* response) override;
  grpc::Status UpdateYearConfig(grpc::ServerContext* context,
                                const swv::v1::UpdateYearConfigRequest* request,
                                swv::v1::YearConfig* response) override;
  grpc::Status BatchImportCounts(grpc::ServerContext* context,
                                 const swv::v1::BatchImportCountsRequest* request,
                                 swv::v1::CountSet* response) override;
  grpc::Status StreamImportCounts(grpc::ServerContext* context,
                                  grpc::ServerReader<swv::v1::ImportCountsChunk>* reader,
                                  swv::v1::CountSet* response) override;
  grpc::Status ListCountSets(grpc::ServerContext* context,
                             const swv::v1::ListCountSetsRequest* request,
                             swv::v1::ListCountSetsResponse* response) override;
  grpc::Status AcceptCountSubmission(grpc::ServerContext* context,
                                     const swv::v1::AcceptCountSubmissionRequest* request,
                                     swv::v1::CountSet* response) override;
  grpc::Status CreateCalculation(grpc::ServerContext* context,
                                 const swv::v1::CreateCalculationRequest* request,
                                 swv::v1::Calculation* response) override;
  grpc::Status GetCalculation(grpc::ServerContext* context,
                              const swv::v1::GetCalculationRequest* request,
                              swv::v1::Calculation* response) override;
  grpc::Status ListCalculations(grpc::ServerContext* context,
                                const swv::v1::ListCalculationsRequest* request,
                                swv::v1::ListCalculationsResponse* response) override;
  grpc::Status ExportCalculation(grpc::ServerContext* context,
                                 const swv::v1::ExportCalculationRequest* request,
                                 swv::v1::CsvDocument* response) override;
  grpc::Status GetBoardStatement(grpc::ServerContext* context,
                                 const swv::v1::GetBoardStatementRequest* request,
                                 swv::v1::BoardStatement* response) override;
  grpc::Status ExportBoardStatement(grpc::ServerContext* context,
                                    const swv::v1::GetBoardStatementRequest* request,
                                    swv::v1::CsvDocument* response) override;
  grpc::Status SubmitSpendingAccount(grpc::ServerContext* context,
                                     const swv::v1::SubmitSpendingAccountRequest* request,
                                     swv::v1::SpendingAccount* response) override;
  grpc::Status ListSpendingAccounts(grpc::ServerContext* context,
                                    const swv::v1::ListSpendingAccountsRequest* request,
                                    swv::v1::ListSpendingAccountsResponse* response) override;
  grpc::Status ListSpendingAccountVersions(
      grpc::ServerContext* context, const swv::v1::ListSpendingAccountVersionsRequest* request,
      swv::v1::ListSpendingAccountVersionsResponse* response) override;
  grpc::Status GetSchoolPupilCounts(grpc::ServerContext* context,
                                    const swv::v1::GetSchoolPupilCountsRequest* request,
                                    swv::v1::SchoolPupilCounts* response) override;

 private:
  AllocationService* service_;  // not owned
};

}  // namespace swv::allocation

#endif  // SWV_SERVICES_ALLOCATION_GRPC_ALLOCATION_H_
