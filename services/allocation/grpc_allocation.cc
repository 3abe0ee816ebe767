#include "services/allocation/grpc_allocation.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "services/allocation/allocation_proto_mapping.h"
#include "services/common/grpc_handler.h"
#include "services/common/grpc_principal.h"
#include "services/common/grpc_status.h"
#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/resource_name.h"
#include "services/kernel/status_macros.h"
#include "swv/v1/allocation.grpc.pb.h"

namespace swv::allocation {
namespace {

namespace pb = ::swv::v1;

// Matches `name` against a pattern like {"swvs", "*", "years", "*", "config"} and returns the
// parts in the "*" positions, read by the route template code (resource_name.h).
absl::StatusOr<std::vector<std::string>> ParseName(absl::string_view field, absl::string_view name,
                                                   const std::vector<absl::string_view>& pattern) {
  return ResourceNameIds(field, name, absl::StrJoin(pattern, "/"));
}

absl::StatusOr<int> ParseYear(absl::string_view field, absl::string_view text) {
  int year = 0;
  if (!absl::SimpleAtoi(text, &year) || text.size() != 4) {
    return InvalidField(field, "MALFORMED_NAME", "the year must be 4 digits, e.g. \"2026\"");
  }
  return year;
}

// "swvs/{swv}/years/{year}" (+ suffix parts) -> swv, year, and further wildcards.
struct YearName {
  std::string swv;
  int year = 0;
  std::vector<std::string> rest;
};

absl::StatusOr<YearName> ParseYearName(absl::string_view field, absl::string_view name,
                                       std::vector<absl::string_view> suffix) {
  std::vector<absl::string_view> pattern = {"swvs", "*", "years", "*"};
  pattern.insert(pattern.end(), suffix.begin(), suffix.end());
  SWV_ASSIGN_OR_RETURN(std::vector<std::string> parts, ParseName(field, name, pattern));
  YearName out;
  out.swv = parts[0];
  SWV_ASSIGN_OR_RETURN(out.year, ParseYear(field, parts[1]));
  out.rest.assign(parts.begin() + 2, parts.end());
  return out;
}

absl::StatusOr<StatementView> Statement(AllocationService* service, const Principal& caller,
                                        absl::string_view name) {
  SWV_ASSIGN_OR_RETURN(
      YearName parsed,
      ParseYearName("name", name, {"calculations", "*", "boards", "*", "statement"}));
  return service->GetBoardStatement(caller, parsed.swv, parsed.year, parsed.rest[0],
                                    parsed.rest[1]);
}

absl::StatusOr<CalculationView> Calculation(AllocationService* service, const Principal& caller,
                                            absl::string_view name) {
  SWV_ASSIGN_OR_RETURN(YearName parsed, ParseYearName("name", name, {"calculations", "*"}));
  return service->GetCalculation(caller, parsed.swv, parsed.year, parsed.rest[0]);
}

class GrpcAllocation final : public GrpcAdapter<pb::Allocation::Service, AllocationService> {
 public:
  using GrpcAdapter::GrpcAdapter;

  grpc::Status GetYearConfig(grpc::ServerContext* context, const pb::GetYearConfigRequest* request,
                             pb::YearConfig* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto name, ParseYearName("name", request->name(), {"config"}));
      return Respond(service_->GetYearConfig(caller, name.swv, name.year, request->version()),
                     allocation::ToProto, response);
    });
  }

  grpc::Status UpdateYearConfig(grpc::ServerContext* context,
                                const pb::UpdateYearConfigRequest* request,
                                pb::YearConfig* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto name,
                           ParseYearName("config.name", request->config().name(), {"config"}));
      return Respond(service_->UpdateYearConfig(caller, name.swv,
                                                ConfigFromProto(request->config(), name.year),
                                                request->config().version()),
                     allocation::ToProto, response);
    });
  }

  grpc::Status BatchImportCounts(grpc::ServerContext* context,
                                 const pb::BatchImportCountsRequest* request,
                                 pb::CountSet* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(
          auto parent, ParseName("parent", request->parent(), {"swvs", "*", "count-dates", "*"}));
      std::vector<CountRow> rows = RowsFromProto(request->counts());
      return Respond(service_->ImportCounts(caller, (parent)[0], (parent)[1], rows,
                                            request->request_id(), request->source()),
                     allocation::ToProto, response);
    });
  }

  grpc::Status StreamImportCounts(grpc::ServerContext* context,
                                  grpc::ServerReader<pb::ImportCountsChunk>* reader,
                                  pb::CountSet* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      pb::ImportCountsChunk chunk;
      if (!reader->Read(&chunk)) {
        return InvalidField("parent", "REQUIRED", "the stream carried no chunk");
      }
      SWV_ASSIGN_OR_RETURN(auto parent,
                           ParseName("parent", chunk.parent(), {"swvs", "*", "count-dates", "*"}));
      SWV_ASSIGN_OR_RETURN(auto import,
                           service_->BeginCountImport(caller, (parent)[0], (parent)[1],
                                                      chunk.request_id(), chunk.source()));
      // One chunk in memory at a time; the import buffers at most a few thousand validated rows.
      do {
        if (chunk.counts_size() > AllocationService::kMaxRowsPerCall) {
          return InvalidField(
              "counts", "TOO_MANY_ROWS",
              absl::StrCat("at most ", AllocationService::kMaxRowsPerCall, " rows per chunk"));
        }
        if (context->IsCancelled()) return absl::CancelledError("cancelled");
        absl::Status appended = (import)->Append(RowsFromProto(chunk.counts()));
        if (!appended.ok()) return appended;
        chunk.Clear();
      } while (reader->Read(&chunk));
      if (context->IsCancelled()) return absl::CancelledError("cancelled");
      return Respond(import->Finish(), allocation::ToProto, response);
    });
  }

  grpc::Status ListCountSets(grpc::ServerContext* context, const pb::ListCountSetsRequest* request,
                             pb::ListCountSetsResponse* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(
          auto parent, ParseName("parent", request->parent(), {"swvs", "*", "count-dates", "*"}));
      return RespondEach(service_->ListCountSets(caller, (parent)[0], (parent)[1]),
                         allocation::ToProto, response->mutable_count_sets());
    });
  }

  grpc::Status AcceptCountSubmission(grpc::ServerContext* context,
                                     const pb::AcceptCountSubmissionRequest* request,
                                     pb::CountSet* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto name, ParseName("name", request->name(),
                                                {"swvs", "*", "count-dates", "*", "counts", "*"}));
      int64_t version = 0;
      if (!absl::SimpleAtoi((name)[2], &version) || version <= 0) {
        return InvalidField("name", "MALFORMED_NAME",
                            "ends in the count set's version, a number from 1");
      }
      return Respond(service_->AcceptCountSubmission(caller, (name)[0], (name)[1], version),
                     allocation::ToProto, response);
    });
  }

  grpc::Status CreateCalculation(grpc::ServerContext* context,
                                 const pb::CreateCalculationRequest* request,
                                 pb::Calculation* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto parent, ParseYearName("parent", request->parent(), {}));
      return Respond(service_->CreateCalculation(caller, parent.swv, parent.year,
                                                 request->request_id(), request->count_version()),
                     allocation::ToProto, response);
    });
  }

  grpc::Status GetCalculation(grpc::ServerContext* context,
                              const pb::GetCalculationRequest* request,
                              pb::Calculation* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      return Respond(Calculation(service_, caller, request->name()), allocation::ToProto, response);
    });
  }

  grpc::Status ListCalculations(grpc::ServerContext* context,
                                const pb::ListCalculationsRequest* request,
                                pb::ListCalculationsResponse* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto parent, ParseYearName("parent", request->parent(), {}));
      return RespondEach(service_->ListCalculations(caller, parent.swv, parent.year),
                         allocation::ToProto, response->mutable_calculations());
    });
  }

  grpc::Status GetSchoolPupilCounts(grpc::ServerContext* context,
                                    const pb::GetSchoolPupilCountsRequest* request,
                                    pb::SchoolPupilCounts* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto parent, ParseYearName("parent", request->parent(), {}));
      return Respond(service_->GetSchoolPupilCounts(caller, parent.swv, parent.year),
                     allocation::ToProto, response);
    });
  }

  grpc::Status ExportCalculation(grpc::ServerContext* context,
                                 const pb::ExportCalculationRequest* request,
                                 pb::CsvDocument* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      return Respond(Calculation(service_, caller, request->name()), allocation::ToProto, response);
    });
  }

  grpc::Status GetBoardStatement(grpc::ServerContext* context,
                                 const pb::GetBoardStatementRequest* request,
                                 pb::BoardStatement* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto view, Statement(service_, caller, request->name()));
      response->set_name(request->name());
      ToProto(view, response);
      return absl::OkStatus();
    });
  }

  grpc::Status ExportBoardStatement(grpc::ServerContext* context,
                                    const pb::GetBoardStatementRequest* request,
                                    pb::CsvDocument* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      return Respond(Statement(service_, caller, request->name()), allocation::ToProto, response);
    });
  }

  grpc::Status SubmitSpendingAccount(grpc::ServerContext* context,
                                     const pb::SubmitSpendingAccountRequest* request,
                                     pb::SpendingAccount* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto parent, ParseYearName("parent", request->parent(), {}));
      return Respond(
          service_->SubmitSpendingAccount(caller, parent.swv, parent.year,
                                          SpendingAccountFromProto(request->spending_account())),
          allocation::ToProto, response);
    });
  }

  grpc::Status ListSpendingAccounts(grpc::ServerContext* context,
                                    const pb::ListSpendingAccountsRequest* request,
                                    pb::ListSpendingAccountsResponse* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto parent, ParseYearName("parent", request->parent(), {}));
      return RespondEach(service_->ListSpendingAccounts(caller, parent.swv, parent.year),
                         allocation::ToProto, response->mutable_spending_accounts());
    });
  }

  grpc::Status ListSpendingAccountVersions(
      grpc::ServerContext* context, const pb::ListSpendingAccountVersionsRequest* request,
      pb::ListSpendingAccountVersionsResponse* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto parent,
                           ParseYearName("parent", request->parent(), {"spending-accounts", "*"}));
      return RespondEach(
          service_->ListSpendingAccountVersions(caller, parent.swv, parent.year, parent.rest[0]),
          allocation::ToProto, response->mutable_spending_accounts());
    });
  }
};

}  // namespace

std::unique_ptr<grpc::Service> NewGrpcAllocation(AllocationService* service) {
  return std::make_unique<GrpcAllocation>(service);
}

}  // namespace swv::allocation
