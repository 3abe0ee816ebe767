#include "services/common/file_text.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace swv {

absl::optional<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

absl::StatusOr<std::string> ReadFileOf(const std::string& path, absl::string_view what) {
  absl::optional<std::string> text = ReadWholeFile(path);
  if (!text) return absl::InvalidArgumentError(absl::StrCat("cannot read ", what, " ", path));
  return *std::move(text);
}

}  // namespace swv
