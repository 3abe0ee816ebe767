#include "services/kernel/path_template.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace swv {
namespace {

bool IsIdentChar(char c) { return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool IsLiteralChar(char c) {
  // Unreserved URL characters; '{', '}', '/', ':', '*' and '=' are template syntax.
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
         c == '~';
}

// A kebab-case collection id as the lowerCamelCase parameter name the ADR asks of names:
// "opdc-placements" -> "opdcPlacements".
std::string CamelCase(absl::string_view kebab) {
  std::string out;
  bool upper = false;
  for (char c : kebab) {
    if (c == '-') {
      upper = true;
      continue;
    }
    out.push_back(upper ? absl::ascii_toupper(static_cast<unsigned char>(c)) : c);
    upper = false;
  }
  return out;
}

// "thuiszitters" -> "thuiszitter", "wijken" -> "wijk", "swvs" -> "swv", "audit-events" ->
// "auditEvent".
std::string Singular(absl::string_view collection) {
  const std::string plural = CamelCase(collection);
  if (absl::EndsWith(plural, "en") && plural.size() > 3) return plural.substr(0, plural.size() - 2);
  if (absl::EndsWith(plural, "s") && plural.size() > 1) return plural.substr(0, plural.size() - 1);
  return absl::StrCat(plural, "Id");
}

}  // namespace

absl::StatusOr<PathTemplate> PathTemplate::Parse(absl::string_view text) {
  PathTemplate out;
  out.text_ = std::string(text);
  auto error = [&text](size_t position, absl::string_view what) {
    return absl::InvalidArgumentError(
        absl::StrCat("path template \"", text, "\" at ", position, ": ", what));
  };
  if (text.empty() || text[0] != '/') return error(0, "must start with '/'");
  size_t i = 1;
  bool in_variable = false;
  Variable variable;
  bool variable_has_pattern = false;
  bool expect_segment = true;
  while (i < text.size()) {
    char c = text[i];
    if (expect_segment) {
      if (c == '{') {
        if (in_variable) return error(i, "nested variables are not allowed");
        size_t start = ++i;
        while (i < text.size() && (IsIdentChar(text[i]) || text[i] == '.')) ++i;
        if (i == start) return error(i, "expected a field path after '{'");
        variable = Variable{std::string(text.substr(start, i - start)), out.segments_.size(), 0};
        in_variable = true;
        variable_has_pattern = false;
        if (i < text.size() && text[i] == '=') {
          variable_has_pattern = true;
          ++i;
          continue;  // a segment follows
        }
        if (i >= text.size() || text[i] != '}') return error(i, "expected '}' or '='");
        out.segments_.push_back(Segment{Segment::Kind::kStar, ""});
        variable.end = out.segments_.size();
        out.variables_.push_back(variable);
        in_variable = false;
        ++i;
        expect_segment = false;
        continue;
      }
      if (c == '*') {
        if (i + 1 < text.size() && text[i + 1] == '*') {
          out.segments_.push_back(Segment{Segment::Kind::kDoubleStar, ""});
          i += 2;
        } else {
          out.segments_.push_back(Segment{Segment::Kind::kStar, ""});
          ++i;
        }
        expect_segment = false;
        continue;
      }
      size_t start = i;
      while (i < text.size() && IsLiteralChar(text[i])) ++i;
      if (i == start) return error(i, "expected a segment");
      out.segments_.push_back(
          Segment{Segment::Kind::kLiteral, std::string(text.substr(start, i - start))});
      expect_segment = false;
      continue;
    }
    // After a segment: '/', '}', ':' (verb) or the end.
    if (c == '/') {
      expect_segment = true;
      ++i;
      continue;
    }
    if (c == '}') {
      if (!in_variable || !variable_has_pattern) return error(i, "unexpected '}'");
      variable.end = out.segments_.size();
      out.variables_.push_back(variable);
      in_variable = false;
      ++i;
      continue;
    }
    if (c == ':') {
      if (in_variable) return error(i, "a verb cannot be inside a variable");
      size_t start = ++i;
      while (i < text.size() && IsLiteralChar(text[i])) ++i;
      if (i == start || i != text.size()) return error(i, "a verb is one literal at the end");
      out.verb_ = std::string(text.substr(start));
      break;
    }
    return error(i, absl::StrCat("unexpected '", std::string(1, c), "'"));
  }
  if (expect_segment) return error(text.size(), "ends without a segment");
  if (in_variable) return error(text.size(), "unterminated variable");
  for (size_t s = 0; s < out.segments_.size(); ++s) {
    if (out.segments_[s].kind == Segment::Kind::kDoubleStar && s + 1 != out.segments_.size()) {
      return error(0, "'**' is only allowed as the last segment");
    }
  }
  return out;
}

bool PathTemplate::Match(absl::string_view path, std::vector<PathBinding>* bindings) const {
  bindings->clear();
  if (path.empty() || path[0] != '/') return false;
  path.remove_prefix(1);
  std::vector<absl::string_view> parts = absl::StrSplit(path, '/');
  if (parts.empty()) return false;
  absl::string_view& last = parts.back();
  size_t colon = last.rfind(':');
  if (verb_.empty()) {
    if (colon != absl::string_view::npos) return false;
  } else {
    if (colon == absl::string_view::npos || last.substr(colon + 1) != verb_) return false;
    last = last.substr(0, colon);
  }
  for (absl::string_view part : parts) {
    if (part.empty()) return false;
  }
  bool rest = !segments_.empty() && segments_.back().kind == Segment::Kind::kDoubleStar;
  if (rest ? parts.size() < segments_.size() : parts.size() != segments_.size()) return false;
  for (size_t s = 0; s < segments_.size(); ++s) {
    if (segments_[s].kind == Segment::Kind::kLiteral && parts[s] != segments_[s].literal)
      return false;
  }
  for (const Variable& variable : variables_) {
    size_t end = variable.end;
    if (rest && end == segments_.size()) end = parts.size();
    std::vector<absl::string_view> bound(parts.begin() + variable.begin, parts.begin() + end);
    bindings->emplace_back(variable.field_path, absl::StrJoin(bound, "/"));
  }
  return true;
}

std::string PathTemplate::OpenApiPath(std::vector<OpenApiPathParameter>* parameters) const {
  parameters->clear();
  std::string out;
  for (size_t s = 0; s < segments_.size(); ++s) {
    const Segment& segment = segments_[s];
    out.push_back('/');
    if (segment.kind == Segment::Kind::kLiteral) {
      out += segment.literal;
      continue;
    }
    std::string field_path;
    bool bare = false;
    for (const Variable& variable : variables_) {
      if (s >= variable.begin && s < variable.end) {
        field_path = variable.field_path;
        bare = variable.end - variable.begin == 1;
      }
    }
    std::string name;
    if (bare || s == 0 || segments_[s - 1].kind != Segment::Kind::kLiteral) {
      name = field_path.empty() ? "path" : field_path.substr(field_path.rfind('.') + 1);
    } else {
      name = Singular(segments_[s - 1].literal);
    }
    // Unique names within one path.
    std::string unique = name;
    for (int n = 2;; ++n) {
      bool taken = false;
      for (const OpenApiPathParameter& p : *parameters) taken = taken || p.name == unique;
      if (!taken) break;
      unique = absl::StrCat(name, n);
    }
    parameters->push_back(OpenApiPathParameter{unique, field_path});
    absl::StrAppend(&out, "{", unique, "}");
  }
  if (!verb_.empty()) absl::StrAppend(&out, ":", verb_);
  return out;
}

std::vector<std::string> PathTemplate::VariableFieldPaths() const {
  std::vector<std::string> out;
  for (const Variable& variable : variables_) out.push_back(variable.field_path);
  return out;
}

int PathTemplate::LiteralCount() const {
  int count = 0;
  for (const Segment& segment : segments_) count += segment.kind == Segment::Kind::kLiteral;
  return count;
}

}  // namespace swv
