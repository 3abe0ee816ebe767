// The database restarts while the service runs (MariaDB only; runs alone, since it stops the
// shared test server): calls fail with UNAVAILABLE and /readyz says 503 while it is down, nothing
// crashes, and the same process serves again once it is back, with earlier data intact.
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/services/registrations/registrations_server_fixture.h"

namespace swv::registrations {
namespace {

namespace pb = ::swv::v1;

int ControlTestServer(const std::string& verb) {
  const char* dir = std::getenv("SWV_TEST_MYSQL_DIR");
  if (dir == nullptr) return -1;
  const std::string command =
      absl::StrCat(SWV_SOURCE_DIR, "/tools/mariadb-test-server.sh ", verb, " '", dir, "' >&2");
  return std::system(command.c_str());
}

class DatabaseRestartTest : public RegistrationsServerTest {
 protected:
  void SetUp() override {
    if (std::getenv("SWV_TEST_MYSQL_DIR") == nullptr) {
      if (swv::testing::RunningInCi()) FAIL() << "SWV_TEST_MYSQL_DIR must be set in CI";
      GTEST_SKIP() << "SWV_TEST_MYSQL_DIR not set; run tools/run-tests.sh";
    }
    // Fail fast while the database is down, so the test (and a real caller) is not kept waiting.
    database_options_.max_attempts = 2;
    database_options_.connect_timeout = absl::Seconds(2);
    RegistrationsServerTest::SetUp();
  }
  void TearDown() override {
    // Whatever happened, leave the shared server running for the tests after this one.
    if (stopped_) ControlTestServer("restart");
    RegistrationsServerTest::TearDown();
  }
  bool stopped_ = false;
};

TEST_P(DatabaseRestartTest, ServiceReportsUnavailableThenRecoversByItself) {
  pb::ThuiszitterCase before;
  ASSERT_TRUE(stub_->ReportThuiszitter(Context().get(), ValidReport("before"), &before).ok());

  ASSERT_EQ(ControlTestServer("stop"), 0);
  stopped_ = true;
  const absl::Time start = absl::Now();
  pb::ThuiszitterCase reply;
  grpc::Status status = stub_->ReportThuiszitter(Context().get(), ValidReport("during"), &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
  EXPECT_LT(absl::Now() - start, absl::Seconds(15));
  std::string body;
  EXPECT_EQ(HttpGet("/readyz", &body), 503);
  EXPECT_EQ(HttpGet("/healthz", &body), 200);  // alive, just not ready

  ASSERT_EQ(ControlTestServer("restart"), 0);
  stopped_ = false;
  // The first calls may still meet connections that died with the old server; the service must
  // recover within a few attempts without a restart of its own.
  grpc::Status after;
  for (int attempt = 0; attempt < 10; ++attempt) {
    after = stub_->ReportThuiszitter(Context().get(), ValidReport("after"), &reply);
    if (after.ok()) break;
    absl::SleepFor(absl::Milliseconds(500));
  }
  ASSERT_TRUE(after.ok()) << after.error_message();
  EXPECT_EQ(HttpGet("/readyz", &body), 200);

  pb::GetThuiszitterRequest get;
  get.set_name(before.name());
  pb::ThuiszitterCase again;
  ASSERT_TRUE(stub_->GetThuiszitter(Context().get(), get, &again).ok());
  EXPECT_EQ(again.name(), before.name());
  // The report made while the database was down was not half-written.
  pb::ListThuiszittersRequest list;
  list.set_parent("swvs/PO2203");
  pb::ListThuiszittersResponse listed;
  ASSERT_TRUE(stub_->ListThuiszitters(Context().get(), list, &listed).ok());
  EXPECT_EQ(listed.thuiszitters_size(), 2);
}

INSTANTIATE_TEST_SUITE_P(Databases, DatabaseRestartTest,
                         ::testing::Values(storage::Dialect::kMysql), [](const auto& test_param) {
                           return swv::testing::DialectName(test_param.param);
                         });

}  // namespace
}  // namespace swv::registrations
