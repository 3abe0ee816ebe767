// Flags and --json build the request message; a wrong flag is named in the error.
#include "tools/swvctl/request_flags.h"

#include <cstdio>
#include <fstream>

#include "absl/strings/match.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "swv/v1/directory.pb.h"
#include "swv/v1/registrations.pb.h"
#include "tools/swvctl/command_line.h"
#include "tools/swvctl/short_commands.h"

namespace swv::swvctl {
namespace {

using google::protobuf::util::MessageDifferencer;

std::unique_ptr<google::protobuf::Message> Build(const google::protobuf::Descriptor* type,
                                                 const std::vector<FieldFlag>& flags,
                                                 const std::string& json = "") {
  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> request =
      BuildRequest(type, json, flags);
  EXPECT_TRUE(request.ok()) << request.status();
  return request.ok() ? *std::move(request) : nullptr;
}

absl::Status BuildError(const google::protobuf::Descriptor* type,
                        const std::vector<FieldFlag>& flags, const std::string& json = "") {
  return BuildRequest(type, json, flags).status();
}

TEST(RequestFlagsTest, FlagsBuildTheRequestByJsonNamesNestedWithDots) {
  auto request = Build(v1::ReportThuiszitterRequest::descriptor(),
                       {{"parent", "swvs/PO2203"},
                        {"requestId", "r-1"},
                        {"thuiszitter.school", "12AB00"},
                        {"thuiszitter.lvs_pupil_number", "LVS-1"},  // proto names work too
                        {"thuiszitter.absenceKind", "relative"},
                        {"thuiszitter.cause", "THUISZITTER_CAUSE_WAITING_FOR_CARE"},
                        {"thuiszitter.absenceStart", "2026-10-01"},
                        {"thuiszitter.daysAbsent", "40"}});
  v1::ReportThuiszitterRequest expected;
  expected.set_parent("swvs/PO2203");
  expected.set_request_id("r-1");
  expected.mutable_thuiszitter()->set_school("12AB00");
  expected.mutable_thuiszitter()->set_lvs_pupil_number("LVS-1");
  expected.mutable_thuiszitter()->set_absence_kind(v1::ABSENCE_KIND_RELATIVE);
  expected.mutable_thuiszitter()->set_cause(v1::THUISZITTER_CAUSE_WAITING_FOR_CARE);
  expected.mutable_thuiszitter()->set_absence_start("2026-10-01");
  expected.mutable_thuiszitter()->set_days_absent(40);
  ASSERT_NE(request, nullptr);
  EXPECT_TRUE(MessageDifferencer::Equals(*request, expected)) << request->DebugString();
}

TEST(RequestFlagsTest, EnumsByFullNameShortNameOrAnyCase) {
  for (const char* text : {"CASE_STATUS_CLOSED", "case_status_closed", "closed", "CLOSED"}) {
    auto request = Build(v1::ListThuiszittersRequest::descriptor(), {{"status", text}});
    ASSERT_NE(request, nullptr);
    EXPECT_EQ(static_cast<v1::ListThuiszittersRequest&>(*request).status(), v1::CASE_STATUS_CLOSED)
        << text;
  }
}

TEST(RequestFlagsTest, JsonFirstThenFlagsOnTopAndMessagesAsJson) {
  auto request = Build(
      v1::BatchUpsertSchoolsRequest::descriptor(),
      {{"parent", "swvs/PO2203"}, {"schools", R"({"code":"22CD01","kind":"SCHOOL_KIND_SBO"})"}},
      R"({"parent":"swvs/XX0000","schools":[{"code":"21AB00"}]})");
  ASSERT_NE(request, nullptr);
  const auto& batch = static_cast<v1::BatchUpsertSchoolsRequest&>(*request);
  EXPECT_EQ(batch.parent(), "swvs/PO2203");
  ASSERT_EQ(batch.schools_size(), 2);
  EXPECT_EQ(batch.schools(0).code(), "21AB00");
  EXPECT_EQ(batch.schools(1).code(), "22CD01");
  EXPECT_EQ(batch.schools(1).kind(), v1::SCHOOL_KIND_SBO);
}

TEST(RequestFlagsTest, UnknownFieldBadEnumBadNumberAndBadJsonNameTheFlag) {
  const auto* report = v1::ReportThuiszitterRequest::descriptor();
  absl::Status status = BuildError(report, {{"thuiszitter.scool", "12AB00"}});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(
      status.message(),
      "--thuiszitter.scool: swv.v1.ReportThuiszitterRequest has no field thuiszitter.scool"))
      << status;

  status = BuildError(v1::ListThuiszittersRequest::descriptor(), {{"status", "shut"}});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(status.message(), "--status: expected one of")) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "CASE_STATUS_OPEN")) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "got \"shut\"")) << status;

  status = BuildError(v1::ListThuiszittersRequest::descriptor(), {{"pageSize", "ten"}});
  EXPECT_TRUE(absl::StrContains(status.message(), "--pageSize: expected an integer, got \"ten\""))
      << status;

  status = BuildError(report, {}, R"({"thuiszitter":{"scool":"12AB00"}})");
  EXPECT_TRUE(absl::StartsWith(status.message(), "--json: ")) << status;
  status = BuildError(report, {{"thuiszitter", "{not json"}});
  EXPECT_TRUE(absl::StartsWith(status.message(), "--thuiszitter: not a JSON")) << status;
}

TEST(CommandLineTest, GlobalsAnywhereFieldsInOrderAndJsonFromAFile) {
  const std::string path = ::testing::TempDir() + "/swvctl_request.json";
  std::ofstream(path) << R"({"pageSize": 5})";
  absl::StatusOr<CommandLine> line =
      ParseCommandLine({"--target=h:1", "registrations", "list-thuiszitters", "--school", "12AB00",
                        "--actor=office:PO2203", "--json=@" + path, "--status=open"},
                       GlobalFlagNames());
  ASSERT_TRUE(line.ok()) << line.status();
  EXPECT_EQ(line->globals.at("target"), "h:1");
  EXPECT_EQ(line->globals.at("actor"), "office:PO2203");
  EXPECT_EQ(line->words, (std::vector<std::string>{"registrations", "list-thuiszitters"}));
  ASSERT_EQ(line->flags.size(), 2u);
  EXPECT_EQ(line->flags[0].name, "school");
  EXPECT_EQ(line->flags[0].value, "12AB00");
  EXPECT_EQ(line->json, R"({"pageSize": 5})");
  EXPECT_FALSE(ParseCommandLine({"list", "--status"}, GlobalFlagNames()).ok());
  EXPECT_FALSE(ParseCommandLine({"list", "--json=@/no/such/file"}, GlobalFlagNames()).ok());
  std::remove(path.c_str());
}

TEST(ShortCommandsTest, ExpandToTheirGenericCommands) {
  CommandLine list;
  list.words = {"list"};
  list.flags = {{"status", "open"}, {"municipality", "GM0119"}};
  auto expansion = ExpandShortCommand(list, "PO2203");
  ASSERT_TRUE(expansion.ok() && expansion->has_value()) << expansion.status();
  EXPECT_EQ((*expansion)->area, "registrations");
  EXPECT_EQ((*expansion)->command, "list-thuiszitters");
  auto request = Build(v1::ListThuiszittersRequest::descriptor(), (*expansion)->flags);
  ASSERT_NE(request, nullptr);
  EXPECT_EQ(static_cast<v1::ListThuiszittersRequest&>(*request).residence_municipality(), "GM0119");

  CommandLine get;
  get.words = {"get", "tz-1"};
  expansion = ExpandShortCommand(get, "PO2203");
  ASSERT_TRUE(expansion.ok() && expansion->has_value());
  EXPECT_EQ((*expansion)->flags[0].value, "swvs/PO2203/thuiszitters/tz-1");

  CommandLine settings;
  settings.words = {"settings"};
  settings.flags = {{"report-within-days", "2"}};
  expansion = ExpandShortCommand(settings, "PO2203");
  ASSERT_TRUE(expansion.ok() && expansion->has_value());
  EXPECT_EQ((*expansion)->command, "update-swv-settings");
  request = Build(v1::UpdateSwvSettingsRequest::descriptor(), (*expansion)->flags);
  ASSERT_NE(request, nullptr);
  EXPECT_EQ(static_cast<v1::UpdateSwvSettingsRequest&>(*request).settings().name(),
            "swvs/PO2203/settings");

  list.flags = {{"colour", "red"}};
  EXPECT_TRUE(absl::StrContains(ExpandShortCommand(list, "PO2203").status().message(),
                                "unknown flag --colour for list"));
  get.words = {"get"};
  EXPECT_FALSE(ExpandShortCommand(get, "PO2203").ok());
  CommandLine generic;
  generic.words = {"tlvs", "list-tlvs"};
  expansion = ExpandShortCommand(generic, "PO2203");
  ASSERT_TRUE(expansion.ok());
  EXPECT_FALSE(expansion->has_value());
}

}  // namespace
}  // namespace swv::swvctl
