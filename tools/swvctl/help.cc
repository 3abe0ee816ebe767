#include "tools/swvctl/help.h"

#include <algorithm>
#include <set>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "tools/swvctl/request_flags.h"
#include "tools/swvctl/short_commands.h"

namespace swv::swvctl {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

constexpr char kGlobalFlags[] = R"(global flags (or environment), before or after the command:
  --target=HOST:PORT   swv-registrations (SWV_TARGET, default 127.0.0.1:50051); serves
                       registrations, directory, tlvs, support and the short commands
  --registrations-target=HOST:PORT
                       the same (SWV_REGISTRATIONS_TARGET); wins over --target
  --allocation-target=HOST:PORT
                       swv-allocation (SWV_ALLOCATION_TARGET, default 127.0.0.1:50052)
  --monitoring-target=HOST:PORT
                       swv-monitoring (SWV_MONITORING_TARGET, default 127.0.0.1:50053)
  --actor=NAME         who you are, recorded with every change (SWV_ACTOR, default "swvctl")
  --swv=CODE           the SWV, e.g. PO2203 (SWV_CODE, default PO2203); an empty parent
                       of swvs/* becomes swvs/CODE
  --timeout=SECONDS    deadline per call (default 10)
  --key=FILE           the staff key (Ed25519, PEM) that signs your calls (SWV_STAFF_KEY); the
                       quickstart makes one in var/identity/staff.key
  --tls-cert=FILE --tls-key=FILE --tls-ca=FILE
                       mutual TLS to the services (SWV_GRPC_TLS_CERT, _KEY, _CA), when they use it
)";

std::string Padded(const std::string& text, size_t width) {
  return text.size() >= width ? absl::StrCat(text, "  ")
                              : absl::StrCat(text, std::string(width - text.size(), ' '));
}

std::string TypeOf(const FieldDescriptor& field) {
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return field.type() == FieldDescriptor::TYPE_BYTES ? "BASE64" : "STRING";
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64:
      return "INT";
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_UINT64:
      return "UINT";
    case FieldDescriptor::CPPTYPE_BOOL:
      return "true|false";
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT:
      return "NUMBER";
    case FieldDescriptor::CPPTYPE_ENUM:
      return "ENUM";
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return "JSON";
  }
  return "VALUE";
}

std::string NoteOf(const FieldDescriptor& field) {
  std::vector<std::string> notes;
  if (field.cpp_type() == FieldDescriptor::CPPTYPE_ENUM) {
    // "ABSENCE_KIND_{RELATIVE|ABSOLUTE}": the prefix and the case may be left out on input, and
    // the zero value means "not set".
    const google::protobuf::EnumDescriptor& type = *field.enum_type();
    const std::string prefix = EnumValuePrefix(type);
    std::vector<std::string> values;
    for (int i = 0; i < type.value_count(); ++i) {
      if (type.value(i)->number() == 0) continue;
      absl::string_view value = type.value(i)->name();
      absl::ConsumePrefix(&value, prefix);
      values.emplace_back(value);
    }
    notes.push_back(absl::StrCat(prefix, "{", absl::StrJoin(values, "|"), "}"));
  }
  if (field.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
    notes.push_back(absl::StrCat("a ", field.message_type()->full_name(), " object"));
  }
  if (field.is_repeated()) notes.push_back("repeated: one flag per value");
  return absl::StrJoin(notes, "; ");
}

// One line per field; a singular message field also lists its own fields, nested with dots
// (a message type already on the path is shown as JSON only, so recursive types end).
void AppendFields(const Descriptor& type, const std::string& prefix,
                  std::vector<const Descriptor*>* on_path, std::string* out) {
  on_path->push_back(&type);
  for (int i = 0; i < type.field_count(); ++i) {
    const FieldDescriptor& field = *type.field(i);
    const std::string flag = absl::StrCat("  --", prefix, field.json_name(), "=", TypeOf(field));
    const std::string note = NoteOf(field);
    absl::StrAppend(out, note.empty() ? flag : absl::StrCat(Padded(flag, 44), note), "\n");
    if (field.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && !field.is_repeated() &&
        std::find(on_path->begin(), on_path->end(), field.message_type()) == on_path->end()) {
      AppendFields(*field.message_type(), absl::StrCat(prefix, field.json_name(), "."), on_path,
                   out);
    }
  }
  on_path->pop_back();
}

void AppendCommands(const Area& area, std::string* out) {
  for (const Command& command : area.commands) {
    // One line each, within 100 columns.
    std::string summary = command.summary;
    if (summary.size() > 56) summary = absl::StrCat(summary.substr(0, 53), "...");
    absl::StrAppend(out, Padded(absl::StrCat("  ", area.name, " ", command.name), 44), summary,
                    "\n");
  }
}

}  // namespace

std::string TopHelp(const CommandTable& table) {
  std::string out =
      "usage: swvctl [global flags] AREA COMMAND [NAME] [--json=BODY|@FILE] [--FIELD=VALUE ...]\n"
      "       swvctl AREA --help | swvctl AREA COMMAND --help\n\n"
      "Calls one RPC of the services over gRPC, signed as SWV staff, and prints the reply as\n"
      "JSON. Errors print the gRPC code, the message and each field violation (exit 1); usage\n"
      "errors exit 2.\n\n";
  absl::StrAppend(&out, kGlobalFlags, "\n");
  for (const Area& area : table.areas()) {
    absl::StrAppend(&out, area.name, " (", area.service->full_name(), "):\n");
    AppendCommands(area, &out);
    absl::StrAppend(&out, "\n");
  }
  absl::StrAppend(&out, "short commands (thuiszitter cases and settings in registrations):\n",
                  ShortCommandsHelp());
  return out;
}

std::string AreaHelp(const Area& area) {
  std::string out = absl::StrCat("usage: swvctl [global flags] ", area.name,
                                 " COMMAND [NAME] [--json=BODY|@FILE] [--FIELD=VALUE ...]\n\n",
                                 area.name, " (", area.service->full_name(), "):\n");
  AppendCommands(area, &out);
  absl::StrAppend(&out, "\nswvctl ", area.name, " COMMAND --help lists a command's fields.\n");
  return out;
}

std::string CommandHelp(const Area& area, const Command& command, const std::string& comment) {
  const google::protobuf::MethodDescriptor& method = *command.method;
  std::string out = absl::StrCat("usage: swvctl [global flags] ", area.name, " ", command.name);
  const bool has_name = method.input_type()->FindFieldByName("name") != nullptr;
  absl::StrAppend(&out, has_name ? " [NAME]" : "", " [--json=BODY|@FILE] [--FIELD=VALUE ...]\n\n");
  absl::StrAppend(&out, "  rpc ", command.full_method, "\n");
  // The whole leading comment when known; the one-line summary otherwise.
  const std::string what(absl::StripAsciiWhitespace(comment.empty() ? command.summary : comment));
  if (!what.empty()) absl::StrAppend(&out, "  ", absl::StrReplaceAll(what, {{"\n", "\n  "}}), "\n");
  if (std::string route = HttpRoute(method); !route.empty()) {
    absl::StrAppend(&out, "  REST: ", route, "\n");
  }
  absl::StrAppend(&out, "\nrequest ", method.input_type()->full_name(),
                  " (JSON names; nested fields with dots):\n");
  if (command.client_streaming) {
    absl::StrAppend(&out,
                    "A stream: --json=@FILE holds one message per line (JSON lines); the "
                    "flags set the first.\n");
  }
  std::vector<const Descriptor*> on_path;
  AppendFields(*method.input_type(), "", &on_path, &out);
  if (has_name) absl::StrAppend(&out, "NAME, when given, is the request's name.\n");
  if (command.parent_is_swv) absl::StrAppend(&out, "An empty parent is swvs/<--swv>.\n");
  absl::StrAppend(&out, "\nreply: ", method.output_type()->full_name(), " as JSON\n");
  return out;
}

}  // namespace swv::swvctl
