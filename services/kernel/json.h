// Writing JSON by hand: the one way to turn text into a JSON string literal, for the structured
// logs, the problem documents and OpenAPI of the gateway; and the one writer of the record
// snapshots kept with the history of registrations (JsonObject). JsonQuote is a pure function; a
// JsonObject is a value, not for concurrent use.
#ifndef SWV_SERVICES_KERNEL_JSON_H_
#define SWV_SERVICES_KERNEL_JSON_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/optional.h"

namespace swv {

// Returns `text` as a JSON string literal including the quotes. Control characters are escaped;
// bytes that are not valid UTF-8 (overlong forms, surrogates, truncated sequences) become U+FFFD,
// so the result always parses.
std::string JsonQuote(absl::string_view text);

// The JSON name of a snake_case field, as proto3 writes it: "lvs_pupil_number" -> "lvsPupilNumber".
std::string JsonName(absl::string_view snake_case);

// A JSON object written field by field, in the order the fields are added, without spaces:
//   JsonObject().String("school", "12AB00").Date("endDate", absl::nullopt).Build()
//   == {"school":"12AB00","endDate":null}
// Keys are the caller's fixed names (camelCase, as the API writes them); values are escaped.
class JsonObject {
 public:
  JsonObject& String(absl::string_view key, absl::string_view value);
  JsonObject& Int(absl::string_view key, int64_t value);
  JsonObject& Bool(absl::string_view key, bool value);
  // "YYYY-MM-DD", or null when absent.
  JsonObject& Date(absl::string_view key, const absl::optional<absl::CivilDay>& day);
  // A value that is JSON already (a nested object or array).
  JsonObject& Raw(absl::string_view key, absl::string_view json);

  std::string Build() const { return text_ + "}"; }

 private:
  JsonObject& Key(absl::string_view key);

  std::string text_ = "{";
};

}  // namespace swv

#endif  // SWV_SERVICES_KERNEL_JSON_H_
