// A registrations service running for real in the test process: a ServiceRuntime on port 0 over a
// scratch database (SQLite or MariaDB) and a fake clock, with a gRPC stub and an HTTP client for
// the side port.
#ifndef SWV_TESTS_SERVICES_REGISTRATIONS_REGISTRATIONS_SERVER_FIXTURE_H_
#define SWV_TESTS_SERVICES_REGISTRATIONS_REGISTRATIONS_SERVER_FIXTURE_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "gtest/gtest.h"
#include "services/common/clock.h"
#include "services/common/principal.h"
#include "services/common/server.h"
#include "services/registrations/registrations_app.h"
#include "swv/v1/directory.grpc.pb.h"
#include "swv/v1/registrations.grpc.pb.h"
#include "tests/testing/principal_context.h"
#include "tests/testing/scratch_database.h"

namespace swv::registrations {

class RegistrationsServerTest : public ::testing::TestWithParam<storage::Dialect> {
 protected:
  // 2026-11-16 10:00 Amsterdam time: "today" for every test unless it moves the clock.
  static absl::Time TestNow() {
    return absl::FromCivil(absl::CivilSecond(2026, 11, 16, 10, 0, 0), DutchTimeZone());
  }

  void SetUp() override;
  void TearDown() override;

  // A context carrying the principal, with a deadline.
  std::unique_ptr<grpc::ClientContext> Context(const std::string& principal = "school:12AB00");
  // A context carrying a scoped principal as the gateway sends it (services/common/principal.h).
  static std::unique_ptr<grpc::ClientContext> ContextAs(PrincipalKind kind,
                                                        std::vector<std::string> scope,
                                                        const std::string& tenant = "PO2203") {
    return swv::testing::PrincipalContext(kind, std::move(scope), tenant);
  }
  // A valid report: relative absence since 2026-10-01, reported 2026-11-02.
  static swv::v1::ReportThuiszitterRequest ValidReport(const std::string& request_id = "");
  // GET on the HTTP side port; returns status and fills body.
  int HttpGet(const std::string& path, std::string* body);

  static swv::v1::School SchoolRow(const std::string& code, swv::v1::SchoolKind kind, bool inside,
                                   const std::string& board, const std::string& wijk);
  // Boards B1, B2; wijken W1, W2; regular schools 12AB00 (B1/W1) and 13AB00 (B2/W2); SBO 34CD00
  // and SO 78GH00 (B1) inside the region; SO 56EF00 outside it.
  void SeedDirectory();

  storage::DatabaseOptions database_options_;
  FakeClock clock_{TestNow()};
  std::unique_ptr<swv::testing::ScratchDatabase> scratch_;
  std::unique_ptr<RegistrationsApp> app_;
  std::unique_ptr<ServiceRuntime> runtime_;
  std::shared_ptr<grpc::Channel> channel_;  // to the service, for stubs of its other services
  std::unique_ptr<swv::v1::Registrations::Stub> stub_;
  std::unique_ptr<swv::v1::Directory::Stub> directory_;
};

}  // namespace swv::registrations

#endif  // SWV_TESTS_SERVICES_REGISTRATIONS_REGISTRATIONS_SERVER_FIXTURE_H_
