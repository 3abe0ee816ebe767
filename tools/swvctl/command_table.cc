#include "tools/swvctl/command_table.h"

#include <cctype>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/common/proto_fields.h"
#include "swv/v1/access.pb.h"
#include "swv/v1/http.pb.h"

namespace swv::swvctl {
namespace {

using google::protobuf::MethodDescriptor;
using google::protobuf::ServiceDescriptor;

bool IsUpper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }
bool IsLower(char c) { return std::islower(static_cast<unsigned char>(c)) != 0; }
bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

std::string SummaryOf(const MethodDescriptor& method, const CommentSource& comments) {
  std::string summary = comments ? FirstSentence(comments(method)) : "";
  // Without a comment, the access note still says what the RPC is about ("own pupils").
  const std::string& note = method.options().GetExtension(swv::v1::access).note();
  if (summary.empty() && !note.empty()) summary = absl::StrCat("access: ", note);
  return summary;
}

}  // namespace

std::string HttpRoute(const google::protobuf::MethodDescriptor& method) {
  if (!method.options().HasExtension(swv::v1::http)) return "";
  const swv::v1::HttpRule& rule = method.options().GetExtension(swv::v1::http);
  switch (rule.pattern_case()) {
    case swv::v1::HttpRule::kGet:
      return absl::StrCat("GET ", rule.get());
    case swv::v1::HttpRule::kPost:
      return absl::StrCat("POST ", rule.post());
    case swv::v1::HttpRule::kPatch:
      return absl::StrCat("PATCH ", rule.patch());
    case swv::v1::HttpRule::kDelete:
      return absl::StrCat("DELETE ", rule.delete_());
    case swv::v1::HttpRule::kPut:
      return absl::StrCat("PUT ", rule.put());
    case swv::v1::HttpRule::PATTERN_NOT_SET:
      break;
  }
  return "";
}

std::string KebabCase(absl::string_view camel_case) {
  std::string out;
  for (size_t i = 0; i < camel_case.size(); ++i) {
    char c = camel_case[i];
    if (IsUpper(c) && i > 0) {
      char before = camel_case[i - 1];
      bool next_lower = i + 1 < camel_case.size() && IsLower(camel_case[i + 1]);
      // A new word starts at "aB" and at the last capital of an acronym followed by a word
      // ("SBOThreshold" -> "sbo-threshold").
      if (IsLower(before) || IsDigit(before) || (IsUpper(before) && next_lower)) out += '-';
    }
    out += absl::ascii_tolower(static_cast<unsigned char>(c));
  }
  return out;
}

std::string FirstSentence(absl::string_view comment) {
  std::string line = absl::StrJoin(absl::StrSplit(absl::StripAsciiWhitespace(comment),
                                                  absl::ByAnyChar(" \n\t"), absl::SkipEmpty()),
                                   " ");
  // ". " ends a sentence; "e.g. " and "art. 16" do not, but a one-line summary may keep them.
  size_t end = line.find(". ");
  return end == std::string::npos ? line : line.substr(0, end + 1);
}

CommandTable CommandTable::FromGeneratedPool(absl::string_view package_prefix,
                                             const CommentSource& comments) {
  return FromServices(LinkedServices(package_prefix), comments);
}

CommandTable CommandTable::FromServices(const std::vector<const ServiceDescriptor*>& services,
                                        const CommentSource& comments) {
  CommandTable table;
  std::set<std::string> seen;
  for (const ServiceDescriptor* service : services) {
    if (!seen.insert(service->full_name()).second) continue;
    Area area;
    area.name = KebabCase(service->name());
    area.service = service;
    for (int m = 0; m < service->method_count(); ++m) {
      const MethodDescriptor* method = service->method(m);
      if (method->server_streaming()) continue;  // a reply is one message, printed as JSON
      Command command;
      command.name = KebabCase(method->name());
      command.method = method;
      command.full_method = absl::StrCat("/", service->full_name(), "/", method->name());
      command.client_streaming = method->client_streaming();
      command.parent_is_swv = absl::StrContains(HttpRoute(*method), "{parent=swvs/*}");
      command.summary = SummaryOf(*method, comments);
      area.commands.push_back(std::move(command));
    }
    table.areas_.push_back(std::move(area));
  }
  return table;
}

absl::StatusOr<const Area*> CommandTable::FindArea(absl::string_view name) const {
  for (const Area& area : areas_) {
    if (area.name == name) return &area;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown area or command \"", name, "\"; see swvctl --help"));
}

absl::StatusOr<const Command*> CommandTable::FindCommand(const Area& area,
                                                         absl::string_view name) const {
  for (const Command& command : area.commands) {
    if (command.name == name) return &command;
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown command \"", name, "\" in area ",
                                                 area.name, "; see swvctl ", area.name, " --help"));
}

}  // namespace swv::swvctl
