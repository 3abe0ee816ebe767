// The pure half of the HTTP adapter: how a request target becomes the core's path and query, and
// nothing else. No sockets, so it is tested with strings
// (tests/services/gateway/http_wire_test.cc).
//
// Thread-safety: free functions on values.
#ifndef SWV_SERVICES_GATEWAY_HTTP_WIRE_H_
#define SWV_SERVICES_GATEWAY_HTTP_WIRE_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace swv::gateway {

// Percent-decodes `text`. A '%' not followed by two hex digits stays as written (the route table
// then refuses the path, as it refuses any unknown one). With `plus_is_space`, '+' is a space, as
// in a query string (application/x-www-form-urlencoded).
std::string PercentDecode(absl::string_view text, bool plus_is_space);

// "/a%20b?x=1&y=&z" -> path "/a b", query {{"x","1"},{"y",""},{"z",""}}: names and values decoded,
// repeated names kept in order, empty pieces ("&&") skipped. A fragment is not part of a target.
void SplitTarget(absl::string_view target, std::string* path,
                 std::vector<std::pair<std::string, std::string>>* query);

}  // namespace swv::gateway

#endif  // SWV_SERVICES_GATEWAY_HTTP_WIRE_H_
