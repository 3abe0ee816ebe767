#include <memory>
#include <string>
#include <utility>
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

BoardRow RowOf(const pb::Board& b) { return BoardRow{b.code(), b.display_name()}; }

WijkRow RowOf(const pb::Wijk& w) { return WijkRow{w.code(), w.display_name(), w.municipality()}; }

SchoolRow RowOf(const pb::School& s) {
  absl::optional<SchoolKind> kind = FromProtoEnum(s.kind(), SchoolKindFromName);
  return SchoolRow{s.code(), s.display_name(), s.board(), s.wijk(), s.municipality(),
                   kind,     s.inside_region()};
}

// The rows of a batch upsert, in the request's order.
template <typename Item>
auto RowsOf(const google::protobuf::RepeatedPtrField<Item>& items) {
  std::vector<decltype(RowOf(std::declval<const Item&>()))> rows;
  rows.reserve(items.size());
  for (const Item& item : items) rows.push_back(RowOf(item));
  return rows;
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

// What boards, wijken and schools have alike: a name in their collection, a code, a display name
// and the version of their row.
template <typename Value, typename Proto>
void RowToProto(absl::string_view tenant, absl::string_view collection, const Value& value,
                const RowMeta& meta, Proto* out) {
  out->set_name(absl::StrCat("swvs/", tenant, "/", collection, "/", value.code));
  out->set_code(value.code);
  out->set_display_name(value.display_name);
  out->set_version(meta.version);
}

void ToProto(const absl::string_view tenant, const StoredSchool& s, pb::School* out) {
  RowToProto(tenant, "schools", s.school, s.meta, out);
  out->set_board(s.school.board);
  out->set_wijk(s.school.wijk);
  out->set_municipality(s.school.municipality);
  out->set_kind(ProtoEnumOf<pb::SchoolKind>(SchoolKindName(s.school.kind)));
  out->set_inside_region(s.school.inside_region);
}

void ToProto(const absl::string_view tenant, const StoredBoard& b, pb::Board* out) {
  RowToProto(tenant, "boards", b.board, b.meta, out);
}

void ToProto(const absl::string_view tenant, const StoredWijk& w, pb::Wijk* out) {
  RowToProto(tenant, "wijken", w.wijk, w.meta, out);
  out->set_municipality(w.wijk.municipality);
}

// The canonical tenant for names in replies ("po 22.03" -> "PO2203").
std::string TenantOf(absl::string_view swv) {
  absl::StatusOr<std::string> tenant = CanonicalSwvCode("parent", swv);
  return tenant.ok() ? *tenant : std::string(swv);
}

// RespondPage (grpc_handler.h) for a page of the directory, whose rows are named under the
// canonical tenant of `swv`.
template <typename Stored, typename Item, typename Response>
absl::Status RespondDirectoryPage(absl::string_view swv, absl::StatusOr<DirectoryPage<Stored>> page,
                                  google::protobuf::RepeatedPtrField<Item>* items,
                                  Response* response) {
  if (!page.ok()) return page.status();
  const std::string tenant = TenantOf(swv);
  for (const Stored& row : page->items) ToProto(tenant, row, items->Add());
  response->set_next_page_token(page->next_page_token);
  return absl::OkStatus();
}

class GrpcDirectory final : public GrpcAdapter<pb::Directory::Service, DirectoryService> {
 public:
  using GrpcAdapter::GrpcAdapter;

  grpc::Status BatchUpsertBoards(grpc::ServerContext* context,
                                 const pb::BatchUpsertBoardsRequest* request,
                                 pb::BatchUpsertResponse* response) override {
    return ServeOnParent(context, request->parent(), service_, &DirectoryService::UpsertBoards,
                         ToProto, response, RowsOf(request->boards()));
  }

  grpc::Status BatchUpsertWijken(grpc::ServerContext* context,
                                 const pb::BatchUpsertWijkenRequest* request,
                                 pb::BatchUpsertResponse* response) override {
    return ServeOnParent(context, request->parent(), service_, &DirectoryService::UpsertWijken,
                         ToProto, response, RowsOf(request->wijken()));
  }

  grpc::Status BatchUpsertSchools(grpc::ServerContext* context,
                                  const pb::BatchUpsertSchoolsRequest* request,
                                  pb::BatchUpsertResponse* response) override {
    return ServeOnParent(context, request->parent(), service_, &DirectoryService::UpsertSchools,
                         ToProto, response, RowsOf(request->schools()));
  }

  grpc::Status ListBoards(grpc::ServerContext* context, const pb::ListBoardsRequest* request,
                          pb::ListBoardsResponse* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
      return RespondDirectoryPage(
          swv, service_->ListBoards(caller, swv, request->page_size(), request->page_token()),
          response->mutable_boards(), response);
    });
  }

  grpc::Status ListWijken(grpc::ServerContext* context, const pb::ListWijkenRequest* request,
                          pb::ListWijkenResponse* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
      return RespondDirectoryPage(
          swv, service_->ListWijken(caller, swv, request->page_size(), request->page_token()),
          response->mutable_wijken(), response);
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
      return RespondDirectoryPage(list.swv, service_->ListSchools(caller, list),
                                  response->mutable_schools(), response);
    });
  }
};

}  // namespace

std::unique_ptr<grpc::Service> NewGrpcDirectory(DirectoryService* service) {
  return std::make_unique<GrpcDirectory>(service);
}

}  // namespace swv::registrations
