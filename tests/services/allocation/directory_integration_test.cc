// Allocation against a real registrations process: the directory is pushed through
// swv.v1.Directory (hosted by RegistrationsApp), and allocation reads it over gRPC with
// GrpcDirectoryClient, as swv-allocation does in production. SQLite and MariaDB.
#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/allocation/allocation_app.h"
#include "services/common/clock.h"
#include "services/common/principal.h"
#include "services/common/server.h"
#include "services/registrations/registrations_app.h"
#include "swv/v1/allocation.grpc.pb.h"
#include "swv/v1/directory.grpc.pb.h"
#include "tests/services/allocation/domain/example_year.h"
#include "tests/testing/scratch_database.h"
#include "tests/testing/test_identity.h"

namespace swv::allocation {
namespace {

namespace pb = ::swv::v1;

std::unique_ptr<grpc::ClientContext> Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("x-swv-principal", "office:PO2203");
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  return context;
}

std::unique_ptr<ServiceRuntime> StartRuntime(const std::string& name,
                                             const std::vector<grpc::Service*>& services) {
  ServerOptions options;
  swv::testing::TrustTestIdentity(&options);
  options.service_name = name;
  options.grpc_address = "127.0.0.1:0";
  options.http_address = "127.0.0.1:0";
  options.shutdown_grace = absl::Seconds(2);
  auto runtime = std::make_unique<ServiceRuntime>(options);
  for (grpc::Service* service : services) runtime->AddService(service);
  absl::Status started = runtime->Start();
  EXPECT_TRUE(started.ok()) << started;
  return runtime;
}

pb::SchoolKind KindToProto(SchoolKind kind) {
  switch (kind) {
    case SchoolKind::kRegular:
      return pb::SCHOOL_KIND_REGULAR;
    case SchoolKind::kSbo:
      return pb::SCHOOL_KIND_SBO;
    case SchoolKind::kSo:
      return pb::SCHOOL_KIND_SO;
    default:
      return pb::SCHOOL_KIND_UNSPECIFIED;
  }
}

class DirectoryIntegrationTest : public ::testing::TestWithParam<storage::Dialect> {};

TEST_P(DirectoryIntegrationTest, CalculatesAYearFromTheRealDirectory) {
  if (GetParam() == storage::Dialect::kMysql) SWV_SKIP_OR_FAIL_WITHOUT_MYSQL();
  FakeClock clock(absl::FromCivil(absl::CivilSecond(2026, 3, 1, 10, 0, 0), DutchTimeZone()));
  auto registrations_db = swv::testing::ScratchDatabase::Create(GetParam());
  ASSERT_TRUE(registrations_db.ok()) << registrations_db.status();
  auto allocation_db = swv::testing::ScratchDatabase::Create(GetParam());
  ASSERT_TRUE(allocation_db.ok()) << allocation_db.status();
  auto registrations = registrations::RegistrationsApp::Create(&(*registrations_db)->db(), &clock);
  ASSERT_TRUE(registrations.ok()) << registrations.status();
  auto registrations_runtime = StartRuntime("swv-registrations", (*registrations)->grpc_services());
  const std::string target = absl::StrCat("127.0.0.1:", registrations_runtime->grpc_port());

  // Push the example directory through the Directory API.
  auto directory_stub = pb::Directory::NewStub(swv::testing::TestChannel(target));
  pb::BatchUpsertResponse upserted;
  pb::BatchUpsertBoardsRequest boards;
  boards.set_parent("swvs/PO2203");
  for (const DirectoryBoard& board : testing::ExampleBoards()) {
    pb::Board* b = boards.add_boards();
    b->set_code(board.code);
    b->set_display_name(board.display_name);
  }
  grpc::Status status = directory_stub->BatchUpsertBoards(Context().get(), boards, &upserted);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(upserted.rejected(), 0) << upserted.DebugString();
  pb::BatchUpsertWijkenRequest wijken;
  wijken.set_parent("swvs/PO2203");
  for (const char* code : {"W1", "W2"}) {
    pb::Wijk* w = wijken.add_wijken();
    w->set_code(code);
    w->set_display_name(absl::StrCat("Wijk ", code));
  }
  status = directory_stub->BatchUpsertWijken(Context().get(), wijken, &upserted);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(upserted.rejected(), 0) << upserted.DebugString();
  pb::BatchUpsertSchoolsRequest schools;
  schools.set_parent("swvs/PO2203");
  for (const DirectorySchool& school : testing::ExampleSchools()) {
    pb::School* s = schools.add_schools();
    s->set_code(school.code);
    s->set_display_name(absl::StrCat("School ", school.code));
    s->set_board(school.board);
    s->set_wijk(school.wijk);
    s->set_municipality("GM0606");
    s->set_kind(KindToProto(school.kind));
    s->set_inside_region(school.inside_region);
  }
  status = directory_stub->BatchUpsertSchools(Context().get(), schools, &upserted);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(upserted.rejected(), 0) << upserted.DebugString();

  // Allocation reads that directory over gRPC.
  std::unique_ptr<DirectoryClient> reader = NewGrpcDirectoryClient(
      swv::testing::TestChannel(target), absl::Seconds(10), "swv-allocation");
  auto read = reader->ListSchools("PO2203");
  ASSERT_TRUE(read.ok()) << read.status();
  ASSERT_EQ(read->size(), 5u);
  auto allocation = AllocationApp::Create(&(*allocation_db)->db(), reader.get(), &clock);
  ASSERT_TRUE(allocation.ok()) << allocation.status();
  AllocationService& service = (*allocation)->service();
  Principal office{"office:PO2203", PrincipalKind::kOffice, "PO2203", {}};
  auto config = service.UpdateYearConfig(office, "PO2203", testing::ExampleConfig(), 0);
  ASSERT_TRUE(config.ok()) << config.status();
  auto set = service.ImportCounts(office, "PO2203", "2025-02-01", testing::ExampleCountRows(),
                                  "i-1", "test");
  ASSERT_TRUE(set.ok()) << set.status();
  auto allocation_runtime = StartRuntime("swv-allocation", (*allocation)->grpc_services());
  auto stub = pb::Allocation::NewStub(
      swv::testing::TestChannel(absl::StrCat("127.0.0.1:", allocation_runtime->grpc_port())));
  pb::CreateCalculationRequest create;
  create.set_parent("swvs/PO2203/years/2026");
  pb::Calculation calculation;
  status = stub->CreateCalculation(Context().get(), create, &calculation);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(calculation.boards_size(), 3);
  EXPECT_EQ(calculation.boards(0).total_cents(), 3'280'000);
  EXPECT_EQ(calculation.boards(1).total_cents(), 7'100'000);
  EXPECT_EQ(calculation.boards(2).total_cents(), 10'300'000);
  EXPECT_EQ(calculation.boards(2).display_name(), "Stichting C");
  EXPECT_EQ(calculation.sbo_transfer_cents(), 26'538'080);

  allocation_runtime->Shutdown();
  registrations_runtime->Shutdown();
}

INSTANTIATE_TEST_SUITE_P(Dialects, DirectoryIntegrationTest,
                         ::testing::Values(storage::Dialect::kSqlite, storage::Dialect::kMysql),
                         [](const ::testing::TestParamInfo<storage::Dialect>& test_param) {
                           return swv::testing::DialectName(test_param.param);
                         });

}  // namespace
}  // namespace swv::allocation
