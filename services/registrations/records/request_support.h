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
#include "services/kernel/identifiers.h"
#include "services/kernel/status_macros.h"
#include "services/registrations/records/records.h"
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
    case PrincipalKind::kYouthCare:
      reach.municipalities = caller.scope;
      reach.consented_to = caller.organisation;
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

// The start of every write: an acting principal, the SWV in `field` as the client wrote it, a
// principal that may write at all (leerplicht partners too where `partners_write`: the kinds
// leerplicht keeps, judged per record by AccessPolicy::WriteMunicipalityRecord), and one of that
// SWV. Returns the SWV's canonical code.
inline absl::StatusOr<std::string> WriteTenant(const Principal& caller, absl::string_view field,
                                               absl::string_view swv, bool partners_write = false) {
  SWV_RETURN_IF_ERROR(RequireActor(caller.id));
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode(field, swv));
  if (!(partners_write && caller.kind == PrincipalKind::kPartner)) {
    SWV_RETURN_IF_ERROR(CheckMayWrite(caller));
  }
  SWV_RETURN_IF_ERROR(CheckTenant(caller, tenant));
  return tenant;
}

// A write that names the version it read (`expected`, 0 = any) finds the record at `current`;
// else ABORTED VERSION_MISMATCH naming `field`. `what` names the record ("the TLV is at ...").
inline absl::Status CheckVersion(absl::string_view what, int64_t expected, int64_t current,
                                 absl::string_view field = "expected_version") {
  if (expected == 0 || expected == current) return absl::OkStatus();
  return ErrorWithReason(absl::StatusCode::kAborted, "VERSION_MISMATCH",
                         absl::StrCat("the ", what, " is at version ", current, ", not ", expected,
                                      "; read it again and retry"),
                         field);
}

// A page of records as a list result: the records (through `view`, when given) and the token of
// the next page.
template <typename Record>
ListResult<Record> ListResultOf(RecordPage<Record> page, const PageBinding& binding) {
  ListResult<Record> result;
  result.records = std::move(page.records);
  result.next_page_token = NextPageToken(binding, page.next_position);
  return result;
}
template <typename Record, typename View>
auto ListResultOf(RecordPage<Record> page, const PageBinding& binding, View view)
    -> ListResult<decltype(view(std::move(page.records.front())))> {
  ListResult<decltype(view(std::move(page.records.front())))> result;
  for (Record& record : page.records) result.records.push_back(view(std::move(record)));
  result.next_page_token = NextPageToken(binding, page.next_position);
  return result;
}

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_RECORDS_REQUEST_SUPPORT_H_
