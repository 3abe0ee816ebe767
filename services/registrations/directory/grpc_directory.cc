#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/common/grpc_handler.h"
#include "services/common/grpc_principal.h"
#include "services/common/grpc_status.h"
#include "services/common/proto_enum.h"
#include "services/common/tenant_names.h"
#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"
#include "services/registrations/grpc_adapters.h"
#include "services/registrations/records/grpc_support.h"
#include "swv/v1/directory.grpc.pb.h"

namespace swv::registrations {
namespace {

namespace pb = ::swv::v1;

absl::string_view OutcomeName(UpsertOutcome outcome) {
  switch (outcome) {
    case UpsertOutcome::kCreated:
      return "created";
    case UpsertOutcome::kUpdated:
      return "updated";
    case UpsertOutcome::kUnchanged:
      return "unchanged";
  }
  return "unknown";
}

void ToProto(const BatchResult& result, pb::BatchUpsertResponse* out) {
  for (const RowResult& row : result.rows) {
    pb::RowResult* r = out->add_results();
    r->set_index(row.index);
    if (row.outcome) {
      r->set_outcome(std::string(OutcomeName(*row.outcome)));
      continue;
    }
    r->set_outcome("rejected");
    r->set_code(absl::StatusCodeToString(row.error.code()));
    r->set_message(std::string(row.error.message()));
    for (const FieldViolation& v : FieldViolationsOf(row.error)) {
      pb::FieldError* e = r->add_field_errors();
      e->set_field(v.field);
      e->set_description(v.description);
    }
  }
  out->set_accepted(result.accepted);
  out->set_rejected(result.rejected);
}

void ToProto(const absl::string_view tenant, const StoredSchool& s, pb::School* out) {
  out->set_name(absl::StrCat("swvs/", tenant, "/schools/", s.school.code));
  out->set_code(s.school.code);
  out->set_display_name(s.school.display_name);
  out->set_board(s.school.board);
  out->set_wijk(s.school.wijk);
  out->set_municipality(s.school.municipality);
  out->set_kind(ProtoEnumOf<pb::SchoolKind>(SchoolKindName(s.school.kind)));
  out->set_inside_region(s.school.inside_region);
  out->set_version(s.meta.version);
}

// The canonical tenant for names in replies ("po 22.03" -> "PO2203").
std::string TenantOf(absl::string_view swv) {
  absl::StatusOr<std::string> tenant = CanonicalSwvCode("parent", swv);
  return tenant.ok() ? *tenant : std::string(swv);
}

class GrpcDirectory final : public GrpcAdapter<pb::Directory::Service, DirectoryService> {
 public:
  using GrpcAdapter::GrpcAdapter;

  grpc::Status BatchUpsertBoards(grpc::ServerContext* context,
                                 const pb::BatchUpsertBoardsRequest* request,
                                 pb::BatchUpsertResponse* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
      std::vector<BoardRow> rows;
      rows.reserve(request->boards_size());
      for (const pb::Board& b : request->boards())
        rows.push_back(BoardRow{b.code(), b.display_name()});
      SWV_ASSIGN_OR_RETURN(BatchResult result, service_->UpsertBoards(caller, swv, rows));
      ToProto(result, response);
      return absl::OkStatus();
    });
  }

  grpc::Status BatchUpsertWijken(grpc::ServerContext* context,
                                 const pb::BatchUpsertWijkenRequest* request,
                                 pb::BatchUpsertResponse* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
      std::vector<WijkRow> rows;
      rows.reserve(request->wijken_size());
      for (const pb::Wijk& w : request->wijken()) {
        rows.push_back(WijkRow{w.code(), w.display_name(), w.municipality()});
      }
      SWV_ASSIGN_OR_RETURN(BatchResult result, service_->UpsertWijken(caller, swv, rows));
      ToProto(result, response);
      return absl::OkStatus();
    });
  }

  grpc::Status BatchUpsertSchools(grpc::ServerContext* context,
                                  const pb::BatchUpsertSchoolsRequest* request,
                                  pb::BatchUpsertResponse* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
      std::vector<SchoolRow> rows;
      rows.reserve(request->schools_size());
      for (const pb::School& s : request->schools()) {
        SchoolRow row;
        row.code = s.code();
        row.display_name = s.display_name();
        row.board = s.board();
        row.wijk = s.wijk();
        row.municipality = s.municipality();
        row.kind = FromProtoEnum(s.kind(), SchoolKindFromName);
        row.inside_region = s.inside_region();
        rows.push_back(std::move(row));
      }
      SWV_ASSIGN_OR_RETURN(BatchResult result, service_->UpsertSchools(caller, swv, rows));
      ToProto(result, response);
      return absl::OkStatus();
    });
  }

  grpc::Status ListBoards(grpc::ServerContext* context, const pb::ListBoardsRequest* request,
                          pb::ListBoardsResponse* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
      SWV_ASSIGN_OR_RETURN(auto page, service_->ListBoards(caller, swv, request->page_size(),
                                                           request->page_token()));
      const std::string tenant = TenantOf(swv);
      for (const StoredBoard& b : page.items) {
        pb::Board* out = response->add_boards();
        out->set_name(absl::StrCat("swvs/", tenant, "/boards/", b.board.code));
        out->set_code(b.board.code);
        out->set_display_name(b.board.display_name);
        out->set_version(b.meta.version);
      }
      response->set_next_page_token(page.next_page_token);
      return absl::OkStatus();
    });
  }

  grpc::Status ListWijken(grpc::ServerContext* context, const pb::ListWijkenRequest* request,
                          pb::ListWijkenResponse* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
      SWV_ASSIGN_OR_RETURN(auto page, service_->ListWijken(caller, swv, request->page_size(),
                                                           request->page_token()));
      const std::string tenant = TenantOf(swv);
      for (const StoredWijk& w : page.items) {
        pb::Wijk* out = response->add_wijken();
        out->set_name(absl::StrCat("swvs/", tenant, "/wijken/", w.wijk.code));
        out->set_code(w.wijk.code);
        out->set_display_name(w.wijk.display_name);
        out->set_municipality(w.wijk.municipality);
        out->set_version(w.meta.version);
      }
      response->set_next_page_token(page.next_page_token);
      return absl::OkStatus();
    });
  }

  grpc::Status GetSchool(grpc::ServerContext* context, const pb::GetSchoolRequest* request,
                         pb::School* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "schools"));
      SWV_ASSIGN_OR_RETURN(StoredSchool school,
                           service_->GetSchool(caller, name.first, name.second));
      ToProto(TenantOf(name.first), school, response);
      return absl::OkStatus();
    });
  }

  grpc::Status ListSchools(grpc::ServerContext* context, const pb::ListSchoolsRequest* request,
                           pb::ListSchoolsResponse* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto list, ListQueryOf<SchoolListRequest>(*request));
      list.board = request->board();
      list.wijk = request->wijk();
      list.kind = FromProtoEnum(request->kind(), SchoolKindFromName);
      SWV_ASSIGN_OR_RETURN(auto page, service_->ListSchools(caller, list));
      const std::string tenant = TenantOf(list.swv);
      for (const StoredSchool& s : page.items) ToProto(tenant, s, response->add_schools());
      response->set_next_page_token(page.next_page_token);
      return absl::OkStatus();
    });
  }
};

}  // namespace

std::unique_ptr<grpc::Service> NewGrpcDirectory(DirectoryService* service) {
  return std::make_unique<GrpcDirectory>(service);
}

}  // namespace swv::registrations
