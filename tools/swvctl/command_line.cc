#include "tools/swvctl/command_line.h"

#include <iostream>
#include <iterator>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/common/file_text.h"

namespace swv::swvctl {
namespace {

// "--json=@request.json" reads the file, "--json=@-" standard input; other text is the JSON.
absl::StatusOr<std::string> JsonText(const std::string& value) {
  if (!absl::StartsWith(value, "@")) return value;
  const std::string path = value.substr(1);
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  absl::optional<std::string> text = ReadWholeFile(path);
  if (!text) return absl::InvalidArgumentError(absl::StrCat("--json: cannot read ", path));
  return *std::move(text);
}

}  // namespace

const std::set<std::string>& GlobalFlagNames() {
  static const auto* names = new std::set<std::string>{"target",
                                                       "registrations-target",
                                                       "allocation-target",
                                                       "monitoring-target",
                                                       "actor",
                                                       "swv",
                                                       "timeout",
                                                       "key",
                                                       "tls-cert",
                                                       "tls-key",
                                                       "tls-ca"};
  return *names;
}

absl::StatusOr<CommandLine> ParseCommandLine(const std::vector<std::string>& args,
                                             const std::set<std::string>& global_names) {
  CommandLine line;
  for (size_t i = 0; i < args.size(); ++i) {
    absl::string_view arg = args[i];
    if (arg == "--help" || arg == "-h") {
      line.help = true;
      continue;
    }
    if (!absl::ConsumePrefix(&arg, "--")) {
      line.words.push_back(args[i]);
      continue;
    }
    std::string name;
    std::string value;
    if (size_t eq = arg.find('='); eq != absl::string_view::npos) {
      name = std::string(arg.substr(0, eq));
      value = std::string(arg.substr(eq + 1));
    } else {
      name = std::string(arg);
      if (i + 1 >= args.size()) {
        return absl::InvalidArgumentError(absl::StrCat("flag --", name, " needs a value"));
      }
      value = args[++i];
    }
    if (name == "json") {
      absl::StatusOr<std::string> json = JsonText(value);
      if (!json.ok()) return json.status();
      line.json = *std::move(json);
    } else if (global_names.count(name) > 0) {
      line.globals[name] = value;
    } else {
      line.flags.push_back(FieldFlag{name, value});
    }
  }
  return line;
}

}  // namespace swv::swvctl
