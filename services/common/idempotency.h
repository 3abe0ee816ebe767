// Idempotent creates: a client may send a request_id with a create, and a retry with the same
// request_id gets the record the first call created instead of a second record. The request_id
// is unique per tenant, so another principal of the tenant can send the same one (by accident, or
// replaying an id it saw). The earlier record goes back only to the principal that created it:
// anyone else learns nothing of it, not even what it contains, and must choose another id.
//
// Transport-free and thread-safe: values in, values out.
#ifndef SWV_SERVICES_COMMON_IDEMPOTENCY_H_
#define SWV_SERVICES_COMMON_IDEMPOTENCY_H_

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace swv {

inline constexpr size_t kMaxRequestIdLength = 128;

// INVALID_ARGUMENT ("TOO_LONG", field request_id) for a request_id over kMaxRequestIdLength.
absl::Status CheckRequestId(absl::string_view request_id);

// OK when the record found under a replayed request_id was created by `caller` (a principal id);
// else ALREADY_EXISTS with reason "REQUEST_ID_IN_USE" on field request_id, and nothing of the
// record in the message.
absl::Status CheckReplayAuthor(absl::string_view stored_created_by, absl::string_view caller);

// For the create results of the repositories ({stored, created}, stored.created_by): a record
// that was just created passes; an earlier one found by request_id must be the caller's own.
template <typename CreateResult>
absl::Status CheckReplay(const CreateResult& result, absl::string_view caller) {
  if (result.created) return absl::OkStatus();
  return CheckReplayAuthor(result.stored.created_by, caller);
}

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_IDEMPOTENCY_H_
