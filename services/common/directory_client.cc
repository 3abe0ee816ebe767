#include "services/common/directory_client.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/common/grpc_client_call.h"
#include "services/common/proto_enum.h"
#include "services/kernel/status_macros.h"
#include "swv/v1/directory.grpc.pb.h"

namespace swv {
namespace {

namespace pb = ::swv::v1;

constexpr int kPageSize = 1000;

template <typename T>
void SortByCode(std::vector<T>& items) {
  std::sort(items.begin(), items.end(), [](const T& a, const T& b) { return a.code < b.code; });
}

// The tenant's list, or none.
template <typename T>
std::vector<T> OfTenant(const absl::flat_hash_map<std::string, std::vector<T>>& by_tenant,
                        absl::string_view tenant) {
  auto it = by_tenant.find(tenant);
  return it == by_tenant.end() ? std::vector<T>{} : it->second;
}

SchoolKind KindFromProto(pb::SchoolKind kind) {
  return FromProtoEnum(kind, SchoolKindFromName).value_or(SchoolKind::kUnspecified);
}

DirectoryBoard BoardFromProto(const pb::Board& board) {
  return DirectoryBoard{board.code(), board.display_name()};
}

DirectorySchool SchoolFromProto(const pb::School& school) {
  return DirectorySchool{school.code(), school.board(), school.wijk(), KindFromProto(school.kind()),
                         school.inside_region()};
}

class GrpcDirectoryClient final : public DirectoryClient {
 public:
  GrpcDirectoryClient(std::shared_ptr<grpc::Channel> channel, absl::Duration deadline,
                      absl::string_view caller)
      : stub_(pb::Directory::NewStub(std::move(channel))), deadline_(deadline), caller_(caller) {}

  absl::StatusOr<std::vector<DirectoryBoard>> ListBoards(absl::string_view tenant) override {
    return ListAll<DirectoryBoard, pb::ListBoardsRequest, pb::ListBoardsResponse>(
        tenant, &pb::Directory::Stub::ListBoards,
        [](const pb::ListBoardsResponse& page) -> const auto& { return page.boards(); },
        BoardFromProto);
  }

  absl::StatusOr<std::vector<DirectorySchool>> ListSchools(absl::string_view tenant) override {
    return ListAll<DirectorySchool, pb::ListSchoolsRequest, pb::ListSchoolsResponse>(
        tenant, &pb::Directory::Stub::ListSchools,
        [](const pb::ListSchoolsResponse& page) -> const auto& { return page.schools(); },
        SchoolFromProto);
  }

 private:
  // Calls `method` for every page of the tenant's list and converts each of the page's `items`;
  // the first failed call ends the read with its status. The result is sorted by code.
  template <typename Item, typename Request, typename Response, typename Method, typename Items,
            typename Convert>
  absl::StatusOr<std::vector<Item>> ListAll(absl::string_view tenant, Method method, Items items,
                                            Convert convert) {
    std::vector<Item> all;
    Request request;
    request.set_parent(absl::StrCat("swvs/", tenant));
    request.set_page_size(kPageSize);
    do {
      SWV_ASSIGN_OR_RETURN(Response response,
                           CallAsService(*stub_, method, request, caller_, deadline_));
      for (const auto& item : items(response)) all.push_back(convert(item));
      request.set_page_token(response.next_page_token());
    } while (!request.page_token().empty());
    SortByCode(all);
    return all;
  }

  std::unique_ptr<pb::Directory::Stub> stub_;
  const absl::Duration deadline_;
  const std::string caller_;
};

}  // namespace

void InMemoryDirectoryClient::Set(absl::string_view tenant, std::vector<DirectoryBoard> boards,
                                  std::vector<DirectorySchool> schools) {
  SortByCode(boards);
  SortByCode(schools);
  absl::MutexLock lock(&mu_);
  boards_[std::string(tenant)] = std::move(boards);
  schools_[std::string(tenant)] = std::move(schools);
}

absl::StatusOr<std::vector<DirectoryBoard>> InMemoryDirectoryClient::ListBoards(
    absl::string_view tenant) {
  absl::MutexLock lock(&mu_);
  return OfTenant(boards_, tenant);
}

absl::StatusOr<std::vector<DirectorySchool>> InMemoryDirectoryClient::ListSchools(
    absl::string_view tenant) {
  absl::MutexLock lock(&mu_);
  return OfTenant(schools_, tenant);
}

std::unique_ptr<DirectoryClient> NewGrpcDirectoryClient(std::shared_ptr<grpc::Channel> channel,
                                                        absl::Duration deadline,
                                                        absl::string_view caller) {
  return std::make_unique<GrpcDirectoryClient>(std::move(channel), deadline, caller);
}

}  // namespace swv
