// What the gRPC adapters of the registrations service share: the proto mapping of what every
// record kind has alike (its audit fields, its change history, optional dates, a statistics
// period, a list's tenant and paging) and the handlers answered by a kind's RecordAccess alone
// (ServeRead, ServeHistory; the others are services/common/grpc_handler.h). Resource names are
// services/common/tenant_names.h, enums services/common/proto_enum.h, the caller's principal
// services/common/grpc_principal.h. No rules here.
#ifndef SWV_SERVICES_REGISTRATIONS_RECORDS_GRPC_SUPPORT_H_
#define SWV_SERVICES_REGISTRATIONS_RECORDS_GRPC_SUPPORT_H_

#include <grpcpp/grpcpp.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/common/grpc_handler.h"
#include "services/common/principal.h"
#include "services/common/tenant_names.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/status_macros.h"
#include "services/kernel/time_format.h"
#include "services/registrations/records/record_access.h"

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

// A GetX handler answered by the kind's RecordAccess, which `records` gives of `service` (such as
// &SupportService::placements): the record named in the request's "name" as
// "swvs/{swv}/{collection}/{id}", mapped by `to_proto`. Errors as ServeOnRecord.
template <typename Request, typename Service, typename Record, typename Response>
grpc::Status ServeRead(const grpc::ServerContext* context, const Request& request,
                       absl::string_view collection, Service* service,
                       const RecordAccess<Record>& (Service::*records)() const,
                       void (*to_proto)(const Record&, Response*), Response* response) {
  return ServeOnRecord(
      context, "name", request.name(), collection, service,
      [records](Service* s, const Principal& caller, const std::string& swv,
                const std::string& id) { return (s->*records)().Read(caller, swv, id); },
      to_proto, response);
}

// A ListXHistory handler answered as ServeRead is: the record's history, oldest first.
template <typename Request, typename Service, typename Record, typename Response>
grpc::Status ServeHistory(const grpc::ServerContext* context, const Request& request,
                          absl::string_view collection, Service* service,
                          const RecordAccess<Record>& (Service::*records)() const,
                          Response* response) {
  return ServeOnRecord(
      context, "name", request.name(), collection, service,
      [records](Service* s, const Principal& caller, const std::string& swv,
                const std::string& id) { return (s->*records)().History(caller, swv, id); },
      ChangesToProto, response);
}

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_RECORDS_GRPC_SUPPORT_H_
