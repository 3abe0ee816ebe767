#include "services/allocation/directory_reader.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/common/grpc_principal.h"
#include "services/common/grpc_status.h"
#include "swv/v1/directory.grpc.pb.h"

namespace swv::allocation {

void InMemoryDirectoryReader::Set(absl::string_view tenant, std::vector<DirectoryBoard> boards,
                                  std::vector<DirectorySchool> schools) {
  std::sort(boards.begin(), boards.end(),
            [](const DirectoryBoard& a, const DirectoryBoard& b) { return a.code < b.code; });
  std::sort(schools.begin(), schools.end(),
            [](const DirectorySchool& a, const DirectorySchool& b) { return a.code < b.code; });
  absl::MutexLock lock(&mu_);
  boards_[std::string(tenant)] = std::move(boards);
  schools_[std::string(tenant)] = std::move(schools);
}

absl::StatusOr<std::vector<DirectoryBoard>> InMemoryDirectoryReader::ListBoards(
    absl::string_view tenant) {
  absl::MutexLock lock(&mu_);
  auto it = boards_.find(tenant);
  if (it == boards_.end()) return std::vector<DirectoryBoard>{};
  return it->second;
}

absl::StatusOr<std::vector<DirectorySchool>> InMemoryDirectoryReader::ListSchools(
    absl::string_view tenant) {
  absl::MutexLock lock(&mu_);
  auto it = schools_.find(tenant);
  if (it == schools_.end()) return std::vector<DirectorySchool>{};
  return it->second;
}

namespace {

namespace pb = ::swv::v1;

SchoolKind KindFromProto(pb::SchoolKind kind) {
  switch (kind) {
    case pb::SCHOOL_KIND_REGULAR: return SchoolKind::kRegular;
    case pb::SCHOOL_KIND_SBO: return SchoolKind::kSbo;
    case pb::SCHOOL_KIND_SO: return SchoolKind::kSo;
    case pb::SCHOOL_KIND_OPDC: return SchoolKind::kOpdc;
    case pb::SCHOOL_KIND_MDO: return SchoolKind::kMdo;
    default: return SchoolKind::kUnspecified;
  }
}

class GrpcDirectoryReader final : public DirectoryReader {
 public:
  GrpcDirectoryReader(std::shared_ptr<grpc::Channel> channel, absl::Duration deadline)
      : stub_(pb::Directory::NewStub(std::move(channel))), deadline_(deadline) {}

  absl::StatusOr<std::vector<DirectoryBoard>> ListBoards(absl::string_view tenant) override {
    std::vector<DirectoryBoard> boards;
    pb::ListBoardsRequest request;
    request.set_parent(absl::StrCat("swvs/", tenant));
    request.set_page_size(1000);
    do {
      pb::ListBoardsResponse response;
      grpc::ClientContext context;
      SetDeadline(&context);
      grpc::Status status = stub_->ListBoards(&context, request, &response);
      if (!status.ok()) return FromGrpcStatus(status);
      for (const pb::Board& board : response.boards()) {
        boards.push_back(DirectoryBoard{board.code(), board.display_name()});
      }
      request.set_page_token(response.next_page_token());
    } while (!request.page_token().empty());
    std::sort(boards.begin(), boards.end(),
              [](const DirectoryBoard& a, const DirectoryBoard& b) { return a.code < b.code; });
    return boards;
  }

  absl::StatusOr<std::vector<DirectorySchool>> ListSchools(absl::string_view tenant) override {
    std::vector<DirectorySchool> schools;
    pb::ListSchoolsRequest request;
    request.set_parent(absl::StrCat("swvs/", tenant));
    request.set_page_size(1000);
    do {
      pb::ListSchoolsResponse response;
      grpc::ClientContext context;
      SetDeadline(&context);
      grpc::Status status = stub_->ListSchools(&context, request, &response);
      if (!status.ok()) return FromGrpcStatus(status);
      for (const pb::School& school : response.schools()) {
        schools.push_back(DirectorySchool{school.code(), school.board(), school.wijk(),
                                          KindFromProto(school.kind()), school.inside_region()});
      }
      request.set_page_token(response.next_page_token());
    } while (!request.page_token().empty());
    std::sort(schools.begin(), schools.end(),
              [](const DirectorySchool& a, const DirectorySchool& b) { return a.code < b.code; });
    return schools;
  }

 private:
  void SetDeadline(grpc::ClientContext* context) const {
    context->set_deadline(absl::ToChronoTime(absl::Now() + deadline_));
    AttachPrincipal(ServicePrincipal("swv-allocation"), context);
  }

  std::unique_ptr<pb::Directory::Stub> stub_;
  absl::Duration deadline_;
};

}  // namespace

std::unique_ptr<DirectoryReader> NewGrpcDirectoryReader(std::shared_ptr<grpc::Channel> channel,
                                                        absl::Duration deadline) {
  return std::make_unique<GrpcDirectoryReader>(std::move(channel), deadline);
}

}  // namespace swv::allocation
