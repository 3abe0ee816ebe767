// swv-admin's commands against a real (SQLite) gateway store.
#include "tools/admin/admin_cli.h"

#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/scratch_database.h"

namespace swv::admin {
namespace {

using ::testing::HasSubstr;

TEST(AdminCliTest, IssueListRevoke) {
  auto scratch = swv::testing::ScratchDatabase::Create(storage::Dialect::kSqlite);
  ASSERT_TRUE(scratch.ok());
  SystemClock clock;
  auto store = gateway::GatewayStore::Open(&(*scratch)->db(), &clock);
  ASSERT_TRUE(store.ok());
  std::ostringstream out, err;
  int code = RunAdminCommand({"issue", "--kind=school", "--swv=PO2203", "--schools=12AB00,34CD01",
                              "--expires=2099-08-01", "--name=ParnasSys koppeling"},
                             **store, out, err);
  ASSERT_EQ(code, 0) << err.str();
  std::string secret;
  std::string token_id;
  for (absl::string_view line : absl::StrSplit(out.str(), '\n')) {
    if (absl::StartsWith(line, "swv_")) secret = std::string(line);
    if (absl::ConsumePrefix(&line, "token id:"))
      token_id = std::string(absl::StripAsciiWhitespace(line));
  }
  ASSERT_FALSE(secret.empty()) << out.str();
  EXPECT_TRUE((*store)->Authenticate(secret).ok());

  out.str("");
  ASSERT_EQ(RunAdminCommand({"list"}, **store, out, err), 0);
  EXPECT_THAT(out.str(), HasSubstr(token_id));
  EXPECT_THAT(out.str(), HasSubstr("12AB00,34CD01"));
  EXPECT_THAT(out.str(), ::testing::Not(HasSubstr(secret)));

  ASSERT_EQ(RunAdminCommand({"revoke", token_id}, **store, out, err), 0);
  EXPECT_EQ((*store)->Authenticate(secret).status().code(), absl::StatusCode::kUnauthenticated);

  EXPECT_EQ(RunAdminCommand({"issue", "--kind=partner", "--swv=PO2203", "--municipalities=GM0606",
                             "--expires=2099-01-01", "--name=x"},
                            **store, out, err),
            1);  // no legal ground
  EXPECT_EQ(RunAdminCommand({"issue", "--kind=wizard"}, **store, out, err), 2);
  EXPECT_EQ(RunAdminCommand({"frobnicate"}, **store, out, err), 2);
}

TEST(AdminCliTest, ExpiryDateMeansTheEndOfThatDutchDay) {
  absl::StatusOr<absl::Time> t = ParseExpiry("2027-08-01");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(absl::FormatTime("%Y-%m-%d %H:%M", *t, DutchTimeZone()), "2027-08-02 00:00");
  EXPECT_TRUE(ParseExpiry("2027-08-01T12:00:00Z").ok());
  EXPECT_FALSE(ParseExpiry("next year").ok());
}

}  // namespace
}  // namespace swv::admin
