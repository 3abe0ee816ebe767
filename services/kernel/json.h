// Writing JSON by hand: the one way to turn text into a JSON string literal, for the structured
// logs, the problem documents and OpenAPI of the gateway, and the record snapshots kept with the
// history of registrations. Pure function; thread-safe.
#ifndef SWV_SERVICES_KERNEL_JSON_H_
#define SWV_SERVICES_KERNEL_JSON_H_

#include <string>

#include "absl/strings/string_view.h"

namespace swv {

// Returns `text` as a JSON string literal including the quotes. Control characters are escaped;
// bytes that are not valid UTF-8 (overlong forms, surrogates, truncated sequences) become U+FFFD,
// so the result always parses.
std::string JsonQuote(absl::string_view text);

}  // namespace swv

#endif  // SWV_SERVICES_KERNEL_JSON_H_
