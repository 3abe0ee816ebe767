// Small request checks shared by the registrations application services of OPPs, TLVs and the
// directory: the acting principal, opaque keyset page tokens (request ids: services/common/
// idempotency.h).
#ifndef SWV_SERVICES_REGISTRATIONS_REQUEST_SUPPORT_H_
#define SWV_SERVICES_REGISTRATIONS_REQUEST_SUPPORT_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "services/common/errors.h"
#include "services/common/idempotency.h"

namespace swv::registrations {

inline constexpr size_t kMaxActorLength = 128;

// UNAUTHENTICATED ("NO_PRINCIPAL") when the caller is not named.
inline absl::Status RequireActor(absl::string_view actor) {
  if (actor.empty() || actor.size() > kMaxActorLength) {
    return ErrorWithReason(absl::StatusCode::kUnauthenticated, "NO_PRINCIPAL",
                           "the caller is not identified");
  }
  return absl::OkStatus();
}

// Opaque page tokens: web-safe base64 of "<kind>:<position>", keyset positions, never offsets.
// The kind keeps a token of one list from being replayed on another.
inline std::string EncodePageToken(absl::string_view kind, absl::string_view position) {
  return absl::WebSafeBase64Escape(absl::StrCat(kind, ":", position));
}

inline absl::StatusOr<std::string> DecodePageToken(absl::string_view kind,
                                                   absl::string_view token) {
  std::string decoded;
  const std::string prefix = absl::StrCat(kind, ":");
  if (!absl::WebSafeBase64Unescape(token, &decoded) || decoded.rfind(prefix, 0) != 0 ||
      decoded.size() == prefix.size()) {
    return InvalidField("page_token", "INVALID_PAGE_TOKEN",
                        "is not a token returned by a previous list call");
  }
  return decoded.substr(prefix.size());
}

inline absl::StatusOr<int64_t> DecodePositionToken(absl::string_view kind,
                                                   absl::string_view token) {
  absl::StatusOr<std::string> text = DecodePageToken(kind, token);
  if (!text.ok()) return text.status();
  int64_t position = 0;
  if (!absl::SimpleAtoi(*text, &position) || position <= 0) {
    return InvalidField("page_token", "INVALID_PAGE_TOKEN",
                        "is not a token returned by a previous list call");
  }
  return position;
}

// page_size 0 means `default_size`; else 1..max_size ("OUT_OF_RANGE").
inline absl::StatusOr<int> PageSize(int requested, int default_size, int max_size) {
  if (requested < 0 || requested > max_size) {
    return InvalidField("page_size", "OUT_OF_RANGE",
                        absl::StrCat("must be between 0 and ", max_size, " (0 means ",
                                     default_size, ")"));
  }
  return requested == 0 ? default_size : requested;
}

// page_size and page_token of a list request (default 50, at most 500) -> the effective size and
// the position to continue after (0 = from the start).
inline absl::Status CheckPaging(absl::string_view kind, int page_size, absl::string_view page_token,
                                int* effective_size, int64_t* after_position) {
  absl::StatusOr<int> size = PageSize(page_size, /*default_size=*/50, /*max_size=*/500);
  if (!size.ok()) return size.status();
  *effective_size = *size;
  *after_position = 0;
  if (!page_token.empty()) {
    absl::StatusOr<int64_t> position = DecodePositionToken(kind, page_token);
    if (!position.ok()) return position.status();
    *after_position = *position;
  }
  return absl::OkStatus();
}

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_REQUEST_SUPPORT_H_
