// Small request checks shared by the registrations application services: the caller's reach as a
// query filter, page sizes and keyset page tokens (the acting principal: RequireActor in
// services/common/principal.h; request ids: services/common/idempotency.h).
#ifndef SWV_SERVICES_REGISTRATIONS_RECORDS_REQUEST_SUPPORT_H_
#define SWV_SERVICES_REGISTRATIONS_RECORDS_REQUEST_SUPPORT_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/types/optional.h"
#include "services/common/idempotency.h"
#include "services/common/page_token.h"
#include "services/common/principal.h"
#include "services/kernel/errors.h"
#include "services/registrations/records/school_filter.h"

namespace swv::registrations {

// The caller's reach over pupil-level records as a query filter, so that a list pages through
// only rows the caller may see (the rules of AccessPolicy::ReadRecord and ReadThuiszitter): the
// whole tenant for the office, staff and services; a school's own locations; the schools the
// directory lists under a board; a partner's municipalities (thuiszitter cases only); nothing
// for the rest.
inline absl::optional<Reach> ReachOf(const Principal& caller, absl::string_view tenant) {
  Reach reach;
  reach.tenant = std::string(tenant);
  switch (caller.kind) {
    case PrincipalKind::kStaff:
    case PrincipalKind::kOffice:
    case PrincipalKind::kService:
      return absl::nullopt;
    case PrincipalKind::kSchool:
      reach.schools = caller.scope;
      break;
    case PrincipalKind::kBoard:
      reach.boards = caller.scope;
      break;
    case PrincipalKind::kPartner:
      reach.municipalities = caller.scope;
      break;
    case PrincipalKind::kOps:
      break;
  }
  return reach;
}

// page_size 0 means `default_size`; else 1..max_size ("OUT_OF_RANGE").
inline absl::StatusOr<int> PageSize(int requested, int default_size, int max_size) {
  if (requested < 0 || requested > max_size) {
    return InvalidField(
        "page_size", "OUT_OF_RANGE",
        absl::StrCat("must be between 0 and ", max_size, " (0 means ", default_size, ")"));
  }
  return requested == 0 ? default_size : requested;
}

// page_size and page_token of a list request (default 50, at most 500) -> the effective size and
// the storage position to continue after (0 = from the start). The token must be one that
// `binding` made (page_token.h).
inline absl::Status CheckPaging(const PageBinding& binding, int page_size,
                                absl::string_view page_token, int* effective_size,
                                int64_t* after_position) {
  absl::StatusOr<int> size = PageSize(page_size, /*default_size=*/50, /*max_size=*/500);
  if (!size.ok()) return size.status();
  *effective_size = *size;
  *after_position = 0;
  if (page_token.empty()) return absl::OkStatus();
  absl::StatusOr<std::string> position = binding.Decode(page_token);
  if (!position.ok()) return position.status();
  // A sealed token holds what NextPageToken put in; anything else is a bug, refused all the same.
  if (!absl::SimpleAtoi(*position, after_position) || *after_position <= 0) {
    return InvalidField("page_token", "INVALID_PAGE_TOKEN", "start again without a page token");
  }
  return absl::OkStatus();
}

// The token of the page after storage position `next_position`; "" on the last page (0).
inline std::string NextPageToken(const PageBinding& binding, int64_t next_position) {
  return next_position == 0 ? std::string() : binding.Encode(absl::StrCat(next_position));
}

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_RECORDS_REQUEST_SUPPORT_H_
