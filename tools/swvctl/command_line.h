// swvctl's command line, split before anything is looked up:
//
//   swvctl [GLOBAL FLAGS] AREA COMMAND [NAME] [--json=BODY|@FILE] [--FIELD=VALUE ...] [--help]
//   swvctl [GLOBAL FLAGS] SHORT-COMMAND [ARG] [FLAGS]          (report, get, list, ...)
//
// Global flags are kebab-case (--target, --allocation-target, --tls-cert) and request fields
// camelCase JSON names, so the two never collide and global flags may stand anywhere (the first
// swvctl took them anywhere too). Every flag takes a value, as --name=VALUE or --name VALUE.
//
// Thread-safety: free functions.
#ifndef SWV_TOOLS_SWVCTL_COMMAND_LINE_H_
#define SWV_TOOLS_SWVCTL_COMMAND_LINE_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tools/swvctl/request_flags.h"

namespace swv::swvctl {

struct CommandLine {
  std::map<std::string, std::string> globals;  // by name without dashes
  std::vector<std::string> words;              // area, command, then arguments
  std::vector<FieldFlag> flags;                // every other flag, in order
  std::string json;                            // --json's text (an @FILE already read)
  bool help = false;                           // --help or -h anywhere
};

// --target, --actor, --swv, --timeout, --key, the per-process targets and the TLS files.
const std::set<std::string>& GlobalFlagNames();

// `args` without the program name. INVALID_ARGUMENT for a flag without a value or an unreadable
// --json=@FILE.
absl::StatusOr<CommandLine> ParseCommandLine(const std::vector<std::string>& args,
                                             const std::set<std::string>& global_names);

}  // namespace swv::swvctl

#endif  // SWV_TOOLS_SWVCTL_COMMAND_LINE_H_
