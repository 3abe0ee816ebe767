// The short commands of the first swvctl (README, the quickstart, the demo loader), kept as
// spellings of generic commands: `swvctl list --status=open` is
// `swvctl registrations list-thuiszitters --status=open`, and `swvctl get CASE` takes a bare case
// id as well as a full name. A table, not code per command.
//
// Thread-safety: free functions on values.
#ifndef SWV_TOOLS_SWVCTL_SHORT_COMMANDS_H_
#define SWV_TOOLS_SWVCTL_SHORT_COMMANDS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tools/swvctl/command_line.h"

namespace swv::swvctl {

struct Expansion {
  std::string area;     // "registrations"
  std::string command;  // "list-thuiszitters"
  std::vector<FieldFlag> flags;
};

// nullopt when words[0] is no short command. INVALID_ARGUMENT naming a flag the short command
// does not take, or a missing or extra argument.
absl::StatusOr<std::optional<Expansion>> ExpandShortCommand(const CommandLine& line,
                                                            const std::string& swv);

// The short commands' usage lines, for swvctl --help.
std::string ShortCommandsHelp();

}  // namespace swv::swvctl

#endif  // SWV_TOOLS_SWVCTL_SHORT_COMMANDS_H_
