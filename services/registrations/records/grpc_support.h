// What the gRPC adapters of the registrations service share: the proto mapping of what every
// record kind has alike (its audit fields, its change history, optional dates, a statistics
// period, a list's tenant and paging). Resource names are services/common/tenant_names.h, enums
// services/common/proto_enum.h, the caller's principal services/common/grpc_principal.h. No rules
// here.
#ifndef SWV_SERVICES_REGISTRATIONS_RECORDS_GRPC_SUPPORT_H_
#define SWV_SERVICES_REGISTRATIONS_RECORDS_GRPC_SUPPORT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/common/tenant_names.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/status_macros.h"
#include "services/kernel/time_format.h"

namespace swv::registrations {

// The list query of a request on the collection of its parent "swvs/{swv}", with its page_size and
// page_token; the list's own filters are the handler's to add.
template <typename Query, typename Request>
absl::StatusOr<Query> ListQueryOf(const Request& request) {
  Query query;
  SWV_ASSIGN_OR_RETURN(query.swv, SwvOfParent("parent", request.parent()));
  query.page_size = request.page_size();
  query.page_token = request.page_token();
  return query;
}

// A date that may be absent: "YYYY-MM-DD", or "" (the proto's unset string).
inline std::string DateOrEmpty(const absl::optional<absl::CivilDay>& day) {
  return day ? FormatDate(*day) : "";
}

// The audit fields of a stored record that can change: its version, when and by whom it was
// created and last updated.
template <typename Record, typename Proto>
void AuditToProto(const Record& record, Proto* out) {
  out->set_version(record.version);
  out->set_create_time(Rfc3339(record.create_time));
  out->set_update_time(Rfc3339(record.update_time));
  out->set_created_by(record.created_by);
  out->set_updated_by(record.updated_by);
}

// One entry of a record's history (RecordChange, for every kind) and its protos.
template <typename Change, typename Proto>
void ChangeToProto(const Change& change, Proto* out) {
  out->set_version(change.version);
  out->set_action(change.action);
  out->set_actor(change.actor);
  out->set_time(Rfc3339(change.time));
  out->set_snapshot_json(change.snapshot_json);
}

// A record's history, oldest first, into the response's repeated `changes`.
template <typename Change, typename Response>
void ChangesToProto(const std::vector<Change>& changes, Response* response) {
  for (const Change& change : changes) ChangeToProto(change, response->add_changes());
}

// The period of a statistics reply: its first and last day (`period` is a pair of days).
template <typename Period, typename Response>
void PeriodToProto(const Period& period, Response* response) {
  response->set_from(FormatDate(period.first));
  response->set_to(FormatDate(period.last));
}

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_RECORDS_GRPC_SUPPORT_H_
