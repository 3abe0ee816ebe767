// swvctl's commands come from the descriptors: every RPC of every swv.v1 service has one, with
// help that lists its request fields.
#include "tools/swvctl/command_table.h"

#include <set>
#include <string>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "tools/swvctl/command_line.h"
#include "tools/swvctl/help.h"
#include "tools/swvctl/proto_comments.h"

namespace swv::swvctl {
namespace {

using google::protobuf::ServiceDescriptor;

CommandTable Table() {
  return CommandTable::FromGeneratedPool(
      "swv.v1.", [](const google::protobuf::MethodDescriptor& m) { return LeadingComment(m); });
}

// Named here, not listed from the pool's files, so the test does not share the table's way of
// finding them.
std::vector<const ServiceDescriptor*> KnownServices() {
  std::vector<const ServiceDescriptor*> services;
  for (const char* name : {"Registrations", "Tlvs", "Directory", "Support", "Escalations",
                           "WijkPlans", "Allocation", "Monitoring"}) {
    services.push_back(google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
        std::string("swv.v1.") + name));
    EXPECT_NE(services.back(), nullptr) << name;
  }
  return services;
}

TEST(CommandTableTest, EveryMethodOfEveryServiceHasACommand) {
  CommandTable table = Table();
  size_t methods = 0;
  for (const ServiceDescriptor* service : KnownServices()) {
    absl::StatusOr<const Area*> area = table.FindArea(KebabCase(service->name()));
    ASSERT_TRUE(area.ok()) << service->full_name() << ": " << area.status();
    EXPECT_EQ((*area)->service, service);
    for (int m = 0; m < service->method_count(); ++m, ++methods) {
      absl::StatusOr<const Command*> command =
          table.FindCommand(**area, KebabCase(service->method(m)->name()));
      ASSERT_TRUE(command.ok()) << service->method(m)->full_name() << ": " << command.status();
      EXPECT_EQ((*command)->method, service->method(m));
      EXPECT_EQ((*command)->full_method,
                "/" + service->full_name() + "/" + service->method(m)->name());
    }
  }
  size_t commands = 0;
  for (const Area& area : table.areas()) commands += area.commands.size();
  EXPECT_EQ(commands, methods) << "a swv.v1 service this test does not know; add it above";
  EXPECT_GT(methods, 70u);
}

TEST(CommandTableTest, NamesAreKebabCaseAndUniquePerArea) {
  EXPECT_EQ(KebabCase("CreateTlv"), "create-tlv");
  EXPECT_EQ(KebabCase("GetSwvSettings"), "get-swv-settings");
  EXPECT_EQ(KebabCase("GetSBOThreshold"), "get-sbo-threshold");
  EXPECT_EQ(KebabCase("Tlvs"), "tlvs");
  const CommandTable table = Table();
  for (const Area& area : table.areas()) {
    std::set<std::string> names;
    for (const Command& command : area.commands) {
      EXPECT_TRUE(names.insert(command.name).second) << area.name << " " << command.name;
    }
  }
}

TEST(CommandTableTest, GlobalFlagsNeverShadowARequestField) {
  const CommandTable table = Table();
  for (const Area& area : table.areas()) {
    for (const Command& command : area.commands) {
      const google::protobuf::Descriptor* input = command.method->input_type();
      for (int i = 0; i < input->field_count(); ++i) {
        EXPECT_EQ(GlobalFlagNames().count(input->field(i)->json_name()), 0u)
            << command.full_method << " has a field named like a global flag";
        EXPECT_NE(input->field(i)->json_name(), "json") << command.full_method;
      }
    }
  }
}

TEST(CommandTableTest, UnknownAreaAndCommandNameTheWordAndTheHelp) {
  CommandTable table = Table();
  absl::StatusOr<const Area*> area = table.FindArea("tvls");
  ASSERT_EQ(area.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(area.status().message(), "\"tvls\"")) << area.status();
  EXPECT_TRUE(absl::StrContains(area.status().message(), "swvctl --help")) << area.status();
  area = table.FindArea("tlvs");
  ASSERT_TRUE(area.ok());
  absl::StatusOr<const Command*> command = table.FindCommand(**area, "create-tvl");
  ASSERT_EQ(command.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(command.status().message(), "\"create-tvl\""));
  EXPECT_TRUE(absl::StrContains(command.status().message(), "swvctl tlvs --help"));
}

TEST(CommandTableTest, SummariesComeFromTheProtoComments) {
  EXPECT_TRUE(absl::StartsWith(LeadingComment(*KnownServices()[1]->FindMethodByName("CreateOpp")),
                               "A school registers an OPP."));
  CommandTable table = Table();
  const Area* tlvs = *table.FindArea("tlvs");
  EXPECT_EQ((*table.FindCommand(*tlvs, "create-opp"))->summary, "A school registers an OPP.");
  // Without a comment, the access note.
  EXPECT_EQ((*table.FindCommand(*tlvs, "get-opp"))->summary, "access: own pupils");
}

TEST(HelpTest, TopHelpListsEveryCommandAndTheShortOnes) {
  CommandTable table = Table();
  std::string help = TopHelp(table);
  for (const Area& area : table.areas()) {
    for (const Command& command : area.commands) {
      EXPECT_TRUE(absl::StrContains(help, "  " + area.name + " " + command.name + " "))
          << command.full_method;
    }
  }
  for (const char* flag :
       {"--target=", "--allocation-target=", "--monitoring-target=", "--key=", "--tls-cert="}) {
    EXPECT_TRUE(absl::StrContains(help, flag)) << flag;
  }
  EXPECT_TRUE(absl::StrContains(help, "\n  list     ")) << help;
}

TEST(HelpTest, CommandHelpListsTheRequestFieldsWithTypesAndEnumValues) {
  CommandTable table = Table();
  const Area* area = *table.FindArea("registrations");
  const Command* command = *table.FindCommand(*area, "report-thuiszitter");
  std::string help = CommandHelp(*area, *command, LeadingComment(*command->method));
  for (const char* line :
       {"swvctl [global flags] registrations report-thuiszitter", "--parent=STRING",
        "--requestId=STRING", "--thuiszitter=JSON", "--thuiszitter.school=STRING",
        "--thuiszitter.daysAbsent=INT", "ABSENCE_KIND_{RELATIVE|ABSOLUTE}",
        "A school (through its LVS) reports a thuiszitter.",
        "REST: POST /api/v1/{parent=swvs/*}/thuiszitters", "reply: swv.v1.ThuiszitterCase"}) {
    EXPECT_TRUE(absl::StrContains(help, line)) << line << "\n" << help;
  }
  EXPECT_TRUE(command->parent_is_swv);

  // A stream's help says how to send it, its comment keeps its lines, and its parent (a count
  // date) is not defaulted to the SWV.
  const Area* allocation = *table.FindArea("allocation");
  const Command* stream = *table.FindCommand(*allocation, "stream-import-counts");
  EXPECT_TRUE(stream->client_streaming);
  EXPECT_FALSE(stream->parent_is_swv);
  help = CommandHelp(*allocation, *stream, LeadingComment(*stream->method));
  EXPECT_TRUE(absl::StrContains(help, "one message per line")) << help;
  EXPECT_TRUE(absl::StrContains(help, "\n  the first chunk carries parent")) << help;
  EXPECT_FALSE(absl::StrContains(help, "An empty parent")) << help;

  std::string area_help = AreaHelp(*area);
  EXPECT_TRUE(absl::StrContains(area_help, "registrations list-thuiszitter-history")) << area_help;
}

}  // namespace
}  // namespace swv::swvctl
