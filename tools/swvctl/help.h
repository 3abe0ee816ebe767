// swvctl's --help texts, all from the command table and the descriptors: the areas and their
// commands with one line each, and per command the request's fields as flags with their types.
//
// Thread-safety: free functions.
#ifndef SWV_TOOLS_SWVCTL_HELP_H_
#define SWV_TOOLS_SWVCTL_HELP_H_

#include <string>

#include "tools/swvctl/command_table.h"

namespace swv::swvctl {

// `swvctl --help`: usage, the global flags, every area's commands, the short commands.
std::string TopHelp(const CommandTable& table);

// `swvctl AREA --help`.
std::string AreaHelp(const Area& area);

// `swvctl AREA COMMAND --help`: what it does, its HTTP route, and every request field as a flag
// ("--thuiszitter.absenceKind=ENUM  ABSENCE_KIND_RELATIVE | ABSENCE_KIND_ABSOLUTE").
std::string CommandHelp(const Area& area, const Command& command, const std::string& comment = "");

}  // namespace swv::swvctl

#endif  // SWV_TOOLS_SWVCTL_HELP_H_
