#include "tests/services/registrations/registrations_server_fixture.h"

#include <httplib.h>

#include "absl/strings/str_cat.h"
#include "tests/testing/test_identity.h"

namespace swv::registrations {

void RegistrationsServerTest::SetUp() {
  if (GetParam() == storage::Dialect::kMysql) SWV_SKIP_OR_FAIL_WITHOUT_MYSQL();
  absl::StatusOr<std::unique_ptr<swv::testing::ScratchDatabase>> scratch =
      swv::testing::ScratchDatabase::Create(GetParam(), database_options_);
  ASSERT_TRUE(scratch.ok()) << scratch.status();
  scratch_ = *std::move(scratch);
  absl::StatusOr<std::unique_ptr<RegistrationsApp>> app =
      RegistrationsApp::Create(&scratch_->db(), &clock_);
  ASSERT_TRUE(app.ok()) << app.status();
  app_ = *std::move(app);

  ServerOptions options;

  swv::testing::TrustTestIdentity(&options);
  options.service_name = "swv-registrations";
  options.grpc_address = "127.0.0.1:0";
  options.http_address = "127.0.0.1:0";
  options.shutdown_grace = absl::Seconds(2);
  runtime_ = std::make_unique<ServiceRuntime>(options);
  for (grpc::Service* service : app_->grpc_services()) runtime_->AddService(service);
  storage::Database* db = &scratch_->db();
  runtime_->SetReadinessCheck([db] { return db->Ping(); });
  absl::Status started = runtime_->Start();
  ASSERT_TRUE(started.ok()) << started;
  channel_ = swv::testing::TestChannel(absl::StrCat("127.0.0.1:", runtime_->grpc_port()));
  stub_ = swv::v1::Registrations::NewStub(channel_);
  directory_ = swv::v1::Directory::NewStub(channel_);
}

void RegistrationsServerTest::TearDown() {
  if (runtime_) {
    runtime_->Shutdown();
    runtime_->Wait();
  }
  runtime_.reset();
  app_.reset();
  scratch_.reset();
}

std::unique_ptr<grpc::ClientContext> RegistrationsServerTest::Context(
    const std::string& principal) {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!principal.empty()) context->AddMetadata("x-swv-principal", principal);
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  return context;
}

swv::v1::ReportThuiszitterRequest RegistrationsServerTest::ValidReport(
    const std::string& request_id) {
  swv::v1::ReportThuiszitterRequest request;
  request.set_parent("swvs/PO2203");
  request.set_request_id(request_id);
  swv::v1::ThuiszitterCase* c = request.mutable_thuiszitter();
  c->set_school("12AB00");
  c->set_lvs_pupil_number("LVS-4711");
  c->set_residence_municipality("GM0606");
  c->set_absence_kind(swv::v1::ABSENCE_KIND_RELATIVE);
  c->set_absence_start("2026-10-01");
  c->set_reported_on("2026-11-02");
  c->set_cause(swv::v1::THUISZITTER_CAUSE_WAITING_FOR_CARE);
  return request;
}

int RegistrationsServerTest::HttpGet(const std::string& path, std::string* body) {
  httplib::Client client("127.0.0.1", runtime_->http_port());
  client.set_read_timeout(20, 0);
  httplib::Result result = client.Get(path.c_str());
  if (!result) return -1;
  *body = result->body;
  return result->status;
}

swv::v1::School RegistrationsServerTest::SchoolRow(const std::string& code,
                                                   swv::v1::SchoolKind kind, bool inside,
                                                   const std::string& board,
                                                   const std::string& wijk) {
  swv::v1::School s;
  s.set_code(code);
  s.set_display_name(absl::StrCat("School ", code));
  s.set_board(board);
  s.set_wijk(wijk);
  s.set_municipality("GM0606");
  s.set_kind(kind);
  s.set_inside_region(inside);
  return s;
}

void RegistrationsServerTest::SeedDirectory() {
  namespace pb = ::swv::v1;
  pb::BatchUpsertBoardsRequest boards;
  boards.set_parent("swvs/PO2203");
  for (const char* code : {"B1", "B2"}) {
    pb::Board* b = boards.add_boards();
    b->set_code(code);
    b->set_display_name(absl::StrCat("Stichting ", code));
  }
  pb::BatchUpsertResponse reply;
  ASSERT_TRUE(directory_->BatchUpsertBoards(Context("office:PO2203").get(), boards, &reply).ok());
  ASSERT_EQ(reply.accepted(), 2);
  pb::BatchUpsertWijkenRequest wijken;
  wijken.set_parent("swvs/PO2203");
  for (const char* code : {"W1", "W2"}) {
    pb::Wijk* w = wijken.add_wijken();
    w->set_code(code);
    w->set_display_name(absl::StrCat("Wijk ", code));
  }
  ASSERT_TRUE(directory_->BatchUpsertWijken(Context("office:PO2203").get(), wijken, &reply).ok());
  ASSERT_EQ(reply.accepted(), 2);
  pb::BatchUpsertSchoolsRequest schools;
  schools.set_parent("swvs/PO2203");
  *schools.add_schools() = SchoolRow("12AB00", pb::SCHOOL_KIND_REGULAR, true, "B1", "W1");
  *schools.add_schools() = SchoolRow("13AB00", pb::SCHOOL_KIND_REGULAR, true, "B2", "W2");
  *schools.add_schools() = SchoolRow("34CD00", pb::SCHOOL_KIND_SBO, true, "B1", "W1");
  *schools.add_schools() = SchoolRow("78GH00", pb::SCHOOL_KIND_SO, true, "B1", "");
  *schools.add_schools() = SchoolRow("56EF00", pb::SCHOOL_KIND_SO, false, "", "");
  ASSERT_TRUE(directory_->BatchUpsertSchools(Context("office:PO2203").get(), schools, &reply).ok());
  ASSERT_EQ(reply.accepted(), 5) << reply.DebugString();
}

}  // namespace swv::registrations
