// swvctl: a command-line client for the registrations service over gRPC, so a person can try the
// system (report, get, list, close thuiszitter cases; read and set SWV settings).
//
//   swvctl [--target=HOST:PORT] [--actor=NAME] [--swv=CODE] COMMAND [flags]
//
// Replies print as JSON (the same shape the REST API will use); errors print the gRPC code, the
// message and each field violation, and exit with status 1. Usage errors exit with status 2.
#include <google/protobuf/util/json_util.h>
#include <grpcpp/grpcpp.h>

#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "services/common/grpc_channel.h"
#include "swv/v1/error.pb.h"
#include "swv/v1/registrations.grpc.pb.h"

namespace {

namespace pb = ::swv::v1;

constexpr char kUsage[] = R"(usage: swvctl [global flags] COMMAND [flags]

global flags (or environment):
  --target=HOST:PORT   registrations service (SWV_TARGET, default 127.0.0.1:50051)
  --actor=NAME         who you are, recorded with every change (SWV_ACTOR, default "swvctl")
  --swv=CODE           the SWV, e.g. PO2203 or "PO 22.03" (SWV_CODE, default PO2203)
  --timeout=SECONDS    deadline per call (default 10)
  --key=FILE           the staff key (Ed25519, PEM) that signs your calls (SWV_STAFF_KEY); the
                       quickstart makes one in var/identity/staff.key
  --tls-cert=FILE --tls-key=FILE --tls-ca=FILE
                       mutual TLS to the service (SWV_GRPC_TLS_CERT, _KEY, _CA), when it uses it

commands:
  report   --school=12AB00 --pupil=LVS-NUMBER --municipality=GM0606
           --kind=relative|absolute --absence-start=YYYY-MM-DD
           --cause=no_suitable_school_place|waiting_for_care|behaviour_or_suspension|
                   school_refusal|health_fit_for_education|conflict_with_school|
                   home_situation|other
           [--reported-on=YYYY-MM-DD] [--request-id=ID] [--municipality-ref=REF]
  get      CASE_ID
  list     [--school=12AB00] [--municipality=GM0606] [--status=open|closed]
           [--page-size=N] [--page-token=TOKEN]
  close    CASE_ID --closed-on=YYYY-MM-DD --reason=TEXT [--expected-version=N]
  history  CASE_ID
  settings [--report-within-days=N]     show, or change, the SWV's settings
)";

struct Args {
  std::string command;
  std::vector<std::string> positional;
  std::map<std::string, std::string> flags;
};

[[noreturn]] void UsageError(absl::string_view message) {
  std::cerr << "swvctl: " << message << "\n\n" << kUsage;
  std::exit(2);
}

Args ParseArgs(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      std::exit(0);
    }
    if (absl::ConsumePrefix(&arg, "--")) {
      size_t eq = arg.find('=');
      if (eq == absl::string_view::npos) {
        if (i + 1 >= argc) UsageError(absl::StrCat("flag --", arg, " needs a value"));
        args.flags[std::string(arg)] = argv[++i];
      } else {
        args.flags[std::string(arg.substr(0, eq))] = std::string(arg.substr(eq + 1));
      }
    } else if (args.command.empty()) {
      args.command = std::string(arg);
    } else {
      args.positional.emplace_back(arg);
    }
  }
  return args;
}

class Flags {
 public:
  explicit Flags(Args* args) : args_(args) {}
  std::string Take(const std::string& name, const char* env = nullptr, const char* fallback = "") {
    auto it = args_->flags.find(name);
    if (it != args_->flags.end()) {
      std::string value = it->second;
      args_->flags.erase(it);
      return value;
    }
    if (env != nullptr) {
      if (const char* value = std::getenv(env); value != nullptr && *value != '\0') return value;
    }
    return fallback;
  }
  std::string Required(const std::string& name) {
    std::string value = Take(name);
    if (value.empty()) UsageError(absl::StrCat("--", name, " is required"));
    return value;
  }
  int64_t Int(const std::string& name, int64_t fallback) {
    std::string text = Take(name);
    if (text.empty()) return fallback;
    int64_t value = 0;
    if (!absl::SimpleAtoi(text, &value)) UsageError(absl::StrCat("--", name, " must be a number"));
    return value;
  }
  void CheckAllUsed() {
    if (!args_->flags.empty())
      UsageError(absl::StrCat("unknown flag --", args_->flags.begin()->first));
  }

 private:
  Args* args_;
};

std::string CaseName(const std::string& swv, const std::string& id) {
  // Accept both a bare id and a full resource name.
  if (absl::StartsWith(id, "swvs/")) return id;
  return absl::StrCat("swvs/", swv, "/thuiszitters/", id);
}

std::string OnlyPositional(const Args& args, absl::string_view what) {
  if (args.positional.size() != 1) UsageError(absl::StrCat(args.command, " takes one ", what));
  return args.positional[0];
}

template <typename Enum>
Enum ParseEnum(absl::string_view flag, const std::string& text, absl::string_view prefix,
               bool (*parse)(const std::string&, Enum*)) {
  Enum value{};
  std::string upper;
  for (char c : text) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (!parse(absl::StrCat(prefix, upper), &value)) {
    UsageError(absl::StrCat("--", flag, ": unknown value \"", text, "\""));
  }
  return value;
}

int PrintReply(const grpc::Status& status, const google::protobuf::Message& reply) {
  if (!status.ok()) {
    std::cerr << "error: " << status.error_code() << " " << status.error_message() << "\n";
    google::rpc::Status details;
    if (!status.error_details().empty() && details.ParseFromString(status.error_details())) {
      for (const google::protobuf::Any& any : details.details()) {
        google::rpc::BadRequest bad_request;
        google::rpc::ErrorInfo info;
        if (any.UnpackTo(&bad_request)) {
          for (const auto& violation : bad_request.field_violations()) {
            std::cerr << "  field " << violation.field() << ": " << violation.description() << "\n";
          }
        } else if (any.UnpackTo(&info)) {
          std::cerr << "  reason " << info.reason() << "\n";
        }
      }
    }
    return 1;
  }
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = false;
  (void)google::protobuf::util::MessageToJsonString(reply, &json, options);
  std::cout << json;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Args args = ParseArgs(argc, argv);
  Flags flags(&args);
  const std::string target = flags.Take("target", "SWV_TARGET", "127.0.0.1:50051");
  const std::string actor = flags.Take("actor", "SWV_ACTOR", "swvctl");
  const std::string swv = flags.Take("swv", "SWV_CODE", "PO2203");
  const int64_t timeout_seconds = flags.Int("timeout", 10);
  if (args.command.empty()) UsageError("no command given");

  swv::ServerOptions identity;  // only the signing key and the TLS files are read
  identity.signing_key = flags.Take("key", "SWV_STAFF_KEY", "");
  identity.tls_cert = flags.Take("tls-cert", "SWV_GRPC_TLS_CERT", "");
  identity.tls_key = flags.Take("tls-key", "SWV_GRPC_TLS_KEY", "");
  identity.tls_ca = flags.Take("tls-ca", "SWV_GRPC_TLS_CA", "");
  swv::Principal staff;
  staff.id = absl::StrCat("staff:", actor);
  absl::StatusOr<swv::ChannelFactory> channels =
      swv::ChannelFactory::FromOptions(identity, swv::kIssuerStaff, staff);
  if (!channels.ok()) UsageError(channels.status().message());
  auto channel = channels->Open(target);
  std::unique_ptr<pb::Registrations::Stub> stub = pb::Registrations::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(timeout_seconds));
  const std::string parent = absl::StrCat("swvs/", swv);

  if (args.command == "report") {
    pb::ReportThuiszitterRequest request;
    request.set_parent(parent);
    request.set_request_id(flags.Take("request-id"));
    pb::ThuiszitterCase* c = request.mutable_thuiszitter();
    c->set_school(flags.Required("school"));
    c->set_lvs_pupil_number(flags.Required("pupil"));
    c->set_residence_municipality(flags.Required("municipality"));
    c->set_absence_kind(ParseEnum<pb::AbsenceKind>("kind", flags.Required("kind"), "ABSENCE_KIND_",
                                                   &pb::AbsenceKind_Parse));
    c->set_absence_start(flags.Required("absence-start"));
    c->set_reported_on(flags.Take("reported-on"));
    c->set_cause(ParseEnum<pb::ThuiszitterCause>(
        "cause", flags.Required("cause"), "THUISZITTER_CAUSE_", &pb::ThuiszitterCause_Parse));
    c->set_municipality_case_ref(flags.Take("municipality-ref"));
    flags.CheckAllUsed();
    pb::ThuiszitterCase reply;
    return PrintReply(stub->ReportThuiszitter(&context, request, &reply), reply);
  }
  if (args.command == "get") {
    pb::GetThuiszitterRequest request;
    request.set_name(CaseName(swv, OnlyPositional(args, "case id")));
    flags.CheckAllUsed();
    pb::ThuiszitterCase reply;
    return PrintReply(stub->GetThuiszitter(&context, request, &reply), reply);
  }
  if (args.command == "list") {
    pb::ListThuiszittersRequest request;
    request.set_parent(parent);
    request.set_school(flags.Take("school"));
    request.set_residence_municipality(flags.Take("municipality"));
    std::string status = flags.Take("status");
    if (!status.empty()) {
      request.set_status(
          ParseEnum<pb::CaseStatus>("status", status, "CASE_STATUS_", &pb::CaseStatus_Parse));
    }
    request.set_page_size(static_cast<int32_t>(flags.Int("page-size", 0)));
    request.set_page_token(flags.Take("page-token"));
    flags.CheckAllUsed();
    pb::ListThuiszittersResponse reply;
    return PrintReply(stub->ListThuiszitters(&context, request, &reply), reply);
  }
  if (args.command == "close") {
    pb::CloseThuiszitterRequest request;
    request.set_name(CaseName(swv, OnlyPositional(args, "case id")));
    request.set_closed_on(flags.Required("closed-on"));
    request.set_reason(flags.Required("reason"));
    request.set_expected_version(flags.Int("expected-version", 0));
    flags.CheckAllUsed();
    pb::ThuiszitterCase reply;
    return PrintReply(stub->CloseThuiszitter(&context, request, &reply), reply);
  }
  if (args.command == "history") {
    pb::ListThuiszitterHistoryRequest request;
    request.set_name(CaseName(swv, OnlyPositional(args, "case id")));
    flags.CheckAllUsed();
    pb::ListThuiszitterHistoryResponse reply;
    return PrintReply(stub->ListThuiszitterHistory(&context, request, &reply), reply);
  }
  if (args.command == "settings") {
    const int64_t days = flags.Int("report-within-days", -1);
    flags.CheckAllUsed();
    pb::SwvSettings reply;
    if (days < 0) {
      pb::GetSwvSettingsRequest request;
      request.set_name(absl::StrCat(parent, "/settings"));
      return PrintReply(stub->GetSwvSettings(&context, request, &reply), reply);
    }
    pb::UpdateSwvSettingsRequest request;
    request.mutable_settings()->set_name(absl::StrCat(parent, "/settings"));
    request.mutable_settings()->set_thuiszitter_report_within_days(static_cast<int32_t>(days));
    return PrintReply(stub->UpdateSwvSettings(&context, request, &reply), reply);
  }
  UsageError(absl::StrCat("unknown command \"", args.command, "\""));
}
