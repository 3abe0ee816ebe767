#include "tools/swvctl/short_commands.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace swv::swvctl {
namespace {

struct ShortCommand {
  const char* name;
  const char* area;
  const char* command;
  // The field a bare case id (or a full name) goes to; null when the command takes none.
  const char* case_field;
  // Flag renames: the short flag and the request field it sets.
  std::vector<std::pair<const char*, const char*>> flags;
  const char* usage;
};

const std::vector<ShortCommand>& ShortCommands() {
  static const auto* commands = new std::vector<ShortCommand>{
      {"report",
       "registrations",
       "report-thuiszitter",
       nullptr,
       {{"school", "thuiszitter.school"},
        {"pupil", "thuiszitter.lvsPupilNumber"},
        {"municipality", "thuiszitter.residenceMunicipality"},
        {"kind", "thuiszitter.absenceKind"},
        {"absence-start", "thuiszitter.absenceStart"},
        {"reported-on", "thuiszitter.reportedOn"},
        {"cause", "thuiszitter.cause"},
        {"municipality-ref", "thuiszitter.municipalityCaseRef"},
        {"request-id", "requestId"}},
       "--school=12AB00 --pupil=LVS-NUMBER --municipality=GM0606 --kind=relative|absolute\n"
       "           --absence-start=YYYY-MM-DD --cause=waiting_for_care|... [--reported-on=DATE]\n"
       "           [--request-id=ID] [--municipality-ref=REF]"},
      {"get", "registrations", "get-thuiszitter", "name", {}, "CASE_ID"},
      {"list",
       "registrations",
       "list-thuiszitters",
       nullptr,
       {{"school", "school"},
        {"municipality", "residenceMunicipality"},
        {"status", "status"},
        {"page-size", "pageSize"},
        {"page-token", "pageToken"}},
       "[--school=12AB00] [--municipality=GM0606] [--status=open|closed] [--page-size=N]\n"
       "           [--page-token=TOKEN]"},
      {"close",
       "registrations",
       "close-thuiszitter",
       "name",
       {{"closed-on", "closedOn"}, {"reason", "reason"}, {"expected-version", "expectedVersion"}},
       "CASE_ID --closed-on=YYYY-MM-DD --reason=TEXT [--expected-version=N]"},
      {"history", "registrations", "list-thuiszitter-history", "name", {}, "CASE_ID"},
      // settings reads, or with --report-within-days changes: two RPCs, chosen below.
      {"settings",
       "registrations",
       "get-swv-settings",
       nullptr,
       {{"report-within-days", "settings.thuiszitterReportWithinDays"}},
       "[--report-within-days=N]   show, or change, the SWV's settings"},
  };
  return *commands;
}

std::string CaseName(const std::string& swv, const std::string& id) {
  // Accept both a bare id and a full resource name.
  if (absl::StartsWith(id, "swvs/")) return id;
  return absl::StrCat("swvs/", swv, "/thuiszitters/", id);
}

}  // namespace

absl::StatusOr<std::optional<Expansion>> ExpandShortCommand(const CommandLine& line,
                                                            const std::string& swv) {
  if (line.words.empty()) return std::nullopt;
  const ShortCommand* found = nullptr;
  for (const ShortCommand& command : ShortCommands()) {
    if (line.words[0] == command.name) found = &command;
  }
  if (found == nullptr) return std::nullopt;
  const size_t arguments = found->case_field == nullptr ? 0 : 1;
  if (line.words.size() != 1 + arguments) {
    return absl::InvalidArgumentError(
        absl::StrCat(found->name, " takes ", arguments == 0 ? "no argument" : "one case id",
                     "; see swvctl ", found->area, " ", found->command, " --help"));
  }
  Expansion expansion{found->area, found->command, {}};
  if (found->case_field != nullptr) {
    expansion.flags.push_back(FieldFlag{found->case_field, CaseName(swv, line.words[1])});
  }
  for (const FieldFlag& flag : line.flags) {
    const char* field = nullptr;
    for (const auto& [short_name, field_name] : found->flags) {
      if (flag.name == short_name) field = field_name;
    }
    if (field == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown flag --", flag.name, " for ", found->name, "; see swvctl --help"));
    }
    expansion.flags.push_back(FieldFlag{field, flag.value});
  }
  if (std::string(found->name) == "settings") {
    const std::string settings = absl::StrCat("swvs/", swv, "/settings");
    if (expansion.flags.empty()) {
      expansion.flags.push_back(FieldFlag{"name", settings});
    } else {
      expansion.command = "update-swv-settings";
      expansion.flags.push_back(FieldFlag{"settings.name", settings});
    }
  }
  return expansion;
}

std::string ShortCommandsHelp() {
  std::string out;
  for (const ShortCommand& command : ShortCommands()) {
    absl::StrAppend(&out, "  ", command.name,
                    std::string(9 - std::string(command.name).size(), ' '), command.usage, "\n");
  }
  return out;
}

}  // namespace swv::swvctl
