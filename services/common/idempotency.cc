#include "services/common/idempotency.h"

#include "services/kernel/errors.h"

namespace swv {

absl::Status CheckRequestId(absl::string_view request_id) {
  if (request_id.size() > kMaxRequestIdLength) {
    return InvalidField("request_id", "TOO_LONG", "must be at most 128 characters");
  }
  return absl::OkStatus();
}

absl::Status CheckReplayAuthor(absl::string_view stored_created_by, absl::string_view caller) {
  if (stored_created_by == caller) return absl::OkStatus();
  return ErrorWithReason(absl::StatusCode::kAlreadyExists, "REQUEST_ID_IN_USE",
                         "request_id is already in use; send this request with a new request_id",
                         "request_id");
}

}  // namespace swv
