// Page tokens of every keyset-paged list: where the next page starts, bound to the list, the
// query's filters and the caller, and sealed so that a client can neither read nor change them.
//
// A token is AES-256-GCM over the position (the last row's sort key) with the binding as
// associated data. Sealing, not only signing: a position is a database sequence shared by all
// schools, so a readable one would tell a caller how many rows others added in between. A token
// replayed with other filters, by another principal or after any change answers INVALID_ARGUMENT
// with reason INVALID_PAGE_TOKEN on the field page_token (pageToken on the REST API).
//
// The key comes from --page-token-secret / SWV_PAGE_TOKEN_SECRET, so that replicas accept each
// other's tokens; without one, a random key of this process (logged once as a warning: a token
// then fails on another replica and after a restart).
//
// Thread-safe. ConfigurePageTokenSecret runs once at start, before the first list call.
#ifndef SWV_SERVICES_COMMON_PAGE_TOKEN_H_
#define SWV_SERVICES_COMMON_PAGE_TOKEN_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/common/principal.h"

namespace swv {

// Derives the key from `secret`; an empty secret keeps (or makes) the random per-process key.
void ConfigurePageTokenSecret(absl::string_view secret);

// What a list's page tokens are bound to. Build one per list request, with every filter that
// shapes the result (not the page size, which may change between pages).
class PageBinding {
 public:
  // `list` names the list ("thuiszitters"), `tenant` the request's canonical SWV code.
  PageBinding(absl::string_view list, absl::string_view tenant, const Principal& caller);

  // A filter by name with its canonical value ("" when not set).
  PageBinding& Filter(absl::string_view name, absl::string_view value);

  std::string Encode(absl::string_view position) const;
  // The position sealed in `token`, or INVALID_PAGE_TOKEN unless Encode made it with this binding.
  absl::StatusOr<std::string> Decode(absl::string_view token) const;

 private:
  void Append(absl::string_view part);

  std::string bound_;  // length-prefixed parts, so no two bindings read alike
};

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_PAGE_TOKEN_H_
