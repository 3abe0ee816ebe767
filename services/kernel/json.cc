#include "services/kernel/json.h"

#include <cctype>
#include <cstdint>

#include "absl/strings/str_cat.h"
#include "services/kernel/identifiers.h"

namespace swv {
namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0 if it is not valid (overlong
// forms, surrogates and code points above U+10FFFF are rejected, as JSON parsers would).
size_t Utf8SequenceLength(absl::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char c = byte(i);
  size_t n;
  uint32_t cp;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return n;
}

}  // namespace

std::string JsonQuote(absl::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size() + 2);
  out.push_back('"');
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      size_t n = Utf8SequenceLength(text, i);
      if (n == 0) {
        out.append("\\ufffd");
        ++i;
      } else {
        out.append(text.data() + i, n);
        i += n;
      }
      continue;
    }
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\t':
        out.append("\\t");
        break;
      case '\b':
        out.append("\\b");
        break;
      case '\f':
        out.append("\\f");
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out.append("\\u00");
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0xF]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  out.push_back('"');
  return out;
}

JsonObject& JsonObject::Key(absl::string_view key) {
  absl::StrAppend(&text_, text_.size() > 1 ? "," : "", JsonQuote(key), ":");
  return *this;
}

JsonObject& JsonObject::String(absl::string_view key, absl::string_view value) {
  absl::StrAppend(&Key(key).text_, JsonQuote(value));
  return *this;
}

JsonObject& JsonObject::Int(absl::string_view key, int64_t value) {
  absl::StrAppend(&Key(key).text_, value);
  return *this;
}

JsonObject& JsonObject::Bool(absl::string_view key, bool value) {
  absl::StrAppend(&Key(key).text_, value ? "true" : "false");
  return *this;
}

JsonObject& JsonObject::Date(absl::string_view key, const absl::optional<absl::CivilDay>& day) {
  absl::StrAppend(&Key(key).text_, day ? JsonQuote(FormatDate(*day)) : "null");
  return *this;
}

JsonObject& JsonObject::Raw(absl::string_view key, absl::string_view json) {
  absl::StrAppend(&Key(key).text_, json);
  return *this;
}

std::string JsonName(absl::string_view snake_case) {
  std::string name;
  bool upper = false;
  for (char c : snake_case) {
    if (c == '_') {
      upper = true;
      continue;
    }
    name.push_back(upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
    upper = false;
  }
  return name;
}

}  // namespace swv
