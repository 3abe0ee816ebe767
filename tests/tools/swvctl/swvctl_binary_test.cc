// The real swvctl binary against a real registrations service (port 0, SQLite, the test identity):
// generic commands of two areas, a short command, a service error and a usage error.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/services/registrations/registrations_server_fixture.h"
#include "tests/testing/test_identity.h"

namespace swv::registrations {
namespace {

struct Outcome {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

class SwvctlBinaryTest : public RegistrationsServerTest {
 protected:
  Outcome Swvctl(const std::string& arguments) {
    const std::string command =
        absl::StrCat(SWVCTL_PATH, " --target=127.0.0.1:", runtime_->grpc_port(),
                     " --key=", swv::testing::Identity().staff_key, " ", arguments, " 2>&1");
    Outcome run;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return run;
    std::array<char, 4096> buffer{};
    for (size_t n; (n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0;) {
      run.output.append(buffer.data(), n);
    }
    const int status = pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
  }
};

TEST_P(SwvctlBinaryTest, GenericAndShortCommandsCallTheService) {
  SeedDirectory();
  Outcome schools = Swvctl("directory list-schools --kind=sbo");
  EXPECT_EQ(schools.exit_code, 0) << schools.output;
  EXPECT_TRUE(absl::StrContains(schools.output, "\"code\": \"34CD00\"")) << schools.output;
  EXPECT_FALSE(absl::StrContains(schools.output, "12AB00")) << "the kind filter was not sent";

  Outcome report = Swvctl(
      "--actor=school:12AB00 report --school=12AB00 --pupil=LVS-1 --municipality=GM0606 "
      "--kind=relative --absence-start=2026-10-01 --reported-on=2026-11-02 "
      "--cause=waiting_for_care");
  EXPECT_EQ(report.exit_code, 0) << report.output;
  EXPECT_TRUE(absl::StrContains(report.output, "\"name\": \"swvs/PO2203/thuiszitters/"))
      << report.output;

  Outcome settings = Swvctl("registrations get-swv-settings swvs/PO2203/settings");
  EXPECT_EQ(settings.exit_code, 0) << settings.output;
  EXPECT_TRUE(absl::StrContains(settings.output, "swvs/PO2203/settings")) << settings.output;
}

TEST_P(SwvctlBinaryTest, ServiceErrorsExitOneWithFieldsAndUsageErrorsTwo) {
  Outcome too_short = Swvctl(
      "registrations report-thuiszitter --thuiszitter.school=12AB00 "
      "--thuiszitter.lvsPupilNumber=LVS-2 --thuiszitter.residenceMunicipality=GM0606 "
      "--thuiszitter.absenceKind=relative --thuiszitter.absenceStart=2026-11-10 "
      "--thuiszitter.reportedOn=2026-11-09 --thuiszitter.cause=other");
  EXPECT_EQ(too_short.exit_code, 1) << too_short.output;
  EXPECT_TRUE(absl::StrContains(too_short.output, "error: INVALID_ARGUMENT")) << too_short.output;
  EXPECT_TRUE(absl::StrContains(too_short.output, "  field ")) << too_short.output;
  EXPECT_TRUE(absl::StrContains(too_short.output, "REPORT_BEFORE_ABSENCE")) << too_short.output;

  Outcome typo = Swvctl("registrations report-thuiszitter --thuiszitter.scool=12AB00");
  EXPECT_EQ(typo.exit_code, 2) << typo.output;
  EXPECT_TRUE(absl::StrContains(typo.output, "--thuiszitter.scool")) << typo.output;
  EXPECT_TRUE(absl::StrContains(typo.output, "swvctl registrations report-thuiszitter --help"))
      << typo.output;
  Outcome area = Swvctl("registratoins list-thuiszitters");
  EXPECT_EQ(area.exit_code, 2) << area.output;
  EXPECT_TRUE(absl::StrContains(area.output, "\"registratoins\"")) << area.output;
}

INSTANTIATE_TEST_SUITE_P(Sqlite, SwvctlBinaryTest, ::testing::Values(storage::Dialect::kSqlite));

}  // namespace
}  // namespace swv::registrations
