// swvctl: a command-line client for every RPC of the services over gRPC, so a person can try and
// operate the system. The commands come from the compiled-in descriptors (command_table.h), the
// request from flags or JSON (request_flags.h); there is no code per RPC. docs/swvctl.md.
//
//   swvctl [global flags] AREA COMMAND [NAME] [--json=BODY|@FILE] [--FIELD=VALUE ...]
//
// Replies print as JSON (the shape the REST API uses); errors print the gRPC code, the message
// and each field violation, and exit with status 1. Usage errors exit with status 2.
#include <google/protobuf/util/json_util.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/common/grpc_channel.h"
#include "services/common/grpc_generic_call.h"
#include "services/common/serving_process.h"
#include "services/kernel/errors.h"
#include "tools/swvctl/command_line.h"
#include "tools/swvctl/command_table.h"
#include "tools/swvctl/help.h"
#include "tools/swvctl/proto_comments.h"
#include "tools/swvctl/short_commands.h"

namespace {

using swv::swvctl::Area;
using swv::swvctl::Command;
using swv::swvctl::CommandLine;

[[noreturn]] void UsageError(absl::string_view message) {
  std::cerr << "swvctl: " << message << "\n";
  std::exit(2);
}

// The flag, else the environment variable, else the fallback.
std::string Global(const CommandLine& line, const std::string& name, const char* env,
                   const std::string& fallback) {
  if (auto it = line.globals.find(name); it != line.globals.end()) return it->second;
  if (env != nullptr) {
    if (const char* value = std::getenv(env); value != nullptr && *value != '\0') return value;
  }
  return fallback;
}

std::string TargetFor(const CommandLine& line, const google::protobuf::ServiceDescriptor& service) {
  switch (swv::ServingProcessOf(service.full_name())) {
    case swv::ServingProcess::kAllocation:
      return Global(line, "allocation-target", "SWV_ALLOCATION_TARGET", "127.0.0.1:50052");
    case swv::ServingProcess::kMonitoring:
      return Global(line, "monitoring-target", "SWV_MONITORING_TARGET", "127.0.0.1:50053");
    case swv::ServingProcess::kRegistrations:
    case swv::ServingProcess::kNone:
      break;
  }
  return Global(line, "registrations-target", "SWV_REGISTRATIONS_TARGET",
                Global(line, "target", "SWV_TARGET", "127.0.0.1:50051"));
}

int PrintError(const absl::Status& status) {
  std::cerr << "error: " << absl::StatusCodeToString(status.code()) << " (" << status.raw_code()
            << "): " << status.message() << "\n";
  for (const swv::FieldViolation& violation : swv::FieldViolationsOf(status)) {
    std::cerr << "  field " << violation.field << ": " << violation.description << "\n";
  }
  if (std::string reason = swv::ReasonOf(status); !reason.empty()) {
    std::cerr << "  reason " << reason << "\n";
  }
  return 1;
}

int PrintReply(const google::protobuf::Message& reply) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = false;
  (void)google::protobuf::util::MessageToJsonString(reply, &json, options);
  std::cout << json;
  return 0;
}

// Calls the command's RPC with the request the command line gives, signed as staff.
int Run(const CommandLine& line, const Area& area, const Command& command,
        std::vector<swv::swvctl::FieldFlag> flags, const std::string& swv_code) {
  const std::string help_hint =
      absl::StrCat("; see swvctl ", area.name, " ", command.name, " --help");
  const google::protobuf::Descriptor* input = command.method->input_type();
  const size_t first_argument = 2;  // after AREA COMMAND
  if (line.words.size() > first_argument + 1) {
    UsageError(absl::StrCat("too many arguments after ", command.name, help_hint));
  }
  if (line.words.size() == first_argument + 1) {
    if (input->FindFieldByName("name") == nullptr) {
      UsageError(absl::StrCat(command.name, " takes no NAME argument", help_hint));
    }
    flags.insert(flags.begin(), swv::swvctl::FieldFlag{"name", line.words[first_argument]});
  }
  // A unary request is one message; a client stream one per JSON line (flags on the first).
  std::vector<std::unique_ptr<google::protobuf::Message>> messages;
  if (command.client_streaming) {
    auto stream = swv::swvctl::BuildStream(input, line.json, flags);
    if (!stream.ok()) UsageError(absl::StrCat(stream.status().message(), help_hint));
    messages = *std::move(stream);
  } else {
    auto request = swv::swvctl::BuildRequest(input, line.json, flags);
    if (!request.ok()) UsageError(absl::StrCat(request.status().message(), help_hint));
    messages.push_back(*std::move(request));
  }
  if (command.parent_is_swv) {
    swv::swvctl::SetStringIfEmpty(messages.front().get(), "parent",
                                  absl::StrCat("swvs/", swv_code));
  }

  int64_t timeout_seconds = 0;
  if (!absl::SimpleAtoi(Global(line, "timeout", nullptr, "10"), &timeout_seconds) ||
      timeout_seconds <= 0) {
    UsageError("--timeout must be a positive number of seconds; see swvctl --help");
  }
  swv::ServerOptions identity;  // only the signing key and the TLS files are read
  identity.signing_key = Global(line, "key", "SWV_STAFF_KEY", "");
  identity.tls_cert = Global(line, "tls-cert", "SWV_GRPC_TLS_CERT", "");
  identity.tls_key = Global(line, "tls-key", "SWV_GRPC_TLS_KEY", "");
  identity.tls_ca = Global(line, "tls-ca", "SWV_GRPC_TLS_CA", "");
  swv::Principal staff;
  staff.id = absl::StrCat("staff:", Global(line, "actor", "SWV_ACTOR", "swvctl"));
  absl::StatusOr<swv::ChannelFactory> channels =
      swv::ChannelFactory::FromOptions(identity, swv::kIssuerStaff, staff);
  if (!channels.ok()) UsageError(channels.status().message());

  swv::GenericCall call;
  call.full_method = command.full_method;
  call.request = messages.front().get();
  call.response_type = command.method->output_type();
  call.deadline = absl::Now() + absl::Seconds(timeout_seconds);
  std::shared_ptr<grpc::Channel> channel = channels->Open(TargetFor(line, *area.service));
  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> reply;
  if (command.client_streaming) {
    std::vector<const google::protobuf::Message*> stream;
    for (const auto& message : messages) stream.push_back(message.get());
    reply = swv::CallClientStreamingGeneric(channel, call, stream);
  } else {
    reply = swv::CallUnaryGeneric(channel, call);
  }
  if (!reply.ok()) return PrintError(reply.status());
  return PrintReply(**reply);
}

}  // namespace

int main(int argc, char** argv) {
  absl::StatusOr<CommandLine> parsed = swv::swvctl::ParseCommandLine(
      std::vector<std::string>(argv + 1, argv + argc), swv::swvctl::GlobalFlagNames());
  if (!parsed.ok()) UsageError(absl::StrCat(parsed.status().message(), "; see swvctl --help"));
  CommandLine& line = *parsed;
  const swv::swvctl::CommandTable table = swv::swvctl::CommandTable::FromGeneratedPool(
      "swv.v1.", [](const google::protobuf::MethodDescriptor& method) {
        return swv::swvctl::LeadingComment(method);
      });
  if (line.words.empty()) {
    if (line.help) {
      std::cout << swv::swvctl::TopHelp(table);
      return 0;
    }
    UsageError("no command given; see swvctl --help");
  }
  const std::string swv_code = Global(line, "swv", "SWV_CODE", "PO2203");

  absl::StatusOr<std::optional<swv::swvctl::Expansion>> expansion =
      swv::swvctl::ExpandShortCommand(line, swv_code);
  if (!expansion.ok()) UsageError(expansion.status().message());
  std::vector<swv::swvctl::FieldFlag> flags = line.flags;
  if (expansion->has_value() && !line.help) {
    // A short command runs as its generic command: AREA COMMAND and the renamed flags.
    line.words = {(*expansion)->area, (*expansion)->command};
    flags = (*expansion)->flags;
  } else if (expansion->has_value()) {
    line.words = {(*expansion)->area, (*expansion)->command};
  }

  absl::StatusOr<const Area*> area = table.FindArea(line.words[0]);
  if (!area.ok()) UsageError(area.status().message());
  if (line.words.size() == 1) {
    if (line.help) {
      std::cout << swv::swvctl::AreaHelp(**area);
      return 0;
    }
    UsageError(
        absl::StrCat("which ", (*area)->name, " command? see swvctl ", (*area)->name, " --help"));
  }
  absl::StatusOr<const Command*> command = table.FindCommand(**area, line.words[1]);
  if (!command.ok()) UsageError(command.status().message());
  if (line.help) {
    std::cout << swv::swvctl::CommandHelp(**area, **command,
                                          swv::swvctl::LeadingComment(*(*command)->method));
    return 0;
  }
  return Run(line, **area, **command, std::move(flags), swv_code);
}
