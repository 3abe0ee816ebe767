#include "services/gateway/access_log_backend.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/access.h"
#include "services/common/page_token.h"
#include "services/common/principal.h"
#include "services/kernel/errors.h"
#include "services/kernel/resource_name.h"
#include "services/kernel/status_macros.h"
#include "services/kernel/time_format.h"
#include "swv/gateway/v1/access_log.pb.h"

namespace swv::gateway {
namespace {

namespace pb = ::swv::gateway::v1;

absl::Status ParseTimeField(absl::string_view field, const std::string& text, absl::Time* out) {
  if (text.empty()) return absl::OkStatus();
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, text, out, &error)) {
    return InvalidField(field, "MALFORMED_TIME", "an RFC 3339 time, e.g. 2026-11-16T09:00:00Z");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<google::protobuf::Message>> AccessLogBackend::Call(
    const BackendCall& call) {
  if (call.full_method != absl::StrCat("/", kAccessLogService, "/ListAuditEvents")) {
    return absl::UnimplementedError("no such method");
  }
  const auto* request = dynamic_cast<const pb::ListAuditEventsRequest*>(call.request);
  if (request == nullptr) return absl::InternalError("unexpected request type");
  SWV_ASSIGN_OR_RETURN(std::vector<std::string> swv,
                       ResourceNameIds("parent", request->parent(), "swvs/*"));
  // Defence in depth, as in every service: the RPC's declaration for the caller's kind, and the
  // caller's own tenant.
  SWV_ASSIGN_OR_RETURN(Principal principal, PrincipalFromMetadata(call.metadata));
  const google::protobuf::MethodDescriptor* method = FindMethod(call.full_method);
  if (method == nullptr) return absl::UnimplementedError("no such method");
  SWV_RETURN_IF_ERROR(CheckCall(principal, *method));
  SWV_RETURN_IF_ERROR(CheckTenant(principal, swv[0]));
  AuditQuery query;
  query.tenant = CanonicalTenant(swv[0]);
  query.principal = request->principal();
  query.record = request->record();
  query.trace_id = request->trace_id();
  query.page_size = request->page_size();
  if (query.page_size < 0 || query.page_size > 1000) {
    return InvalidField("page_size", "OUT_OF_RANGE", "0-1000 (0 means 100)");
  }
  // Sealed and bound to the filters and the caller, as every list's (page_token.h).
  PageBinding binding("auditEvents", query.tenant, principal);
  binding.Filter("principal", request->principal())
      .Filter("record", request->record())
      .Filter("since", request->since())
      .Filter("until", request->until())
      .Filter("trace_id", request->trace_id());
  if (!request->page_token().empty()) {
    SWV_ASSIGN_OR_RETURN(std::string position, binding.Decode(request->page_token()));
    if (!absl::SimpleAtoi(position, &query.after_id)) {
      return InvalidField("page_token", "INVALID_PAGE_TOKEN",
                          "use next_page_token of the previous page");
    }
  }
  SWV_RETURN_IF_ERROR(ParseTimeField("since", request->since(), &query.since));
  SWV_RETURN_IF_ERROR(ParseTimeField("until", request->until(), &query.until));
  SWV_ASSIGN_OR_RETURN(AuditPage page, store_->Query(query));
  auto response = std::make_unique<pb::ListAuditEventsResponse>();
  for (const AuditEvent& event : page.events) {
    pb::AuditEvent* out = response->add_audit_events();
    out->set_id(event.id);
    out->set_time(Rfc3339(event.time));
    out->set_principal(event.principal);
    out->set_principal_kind(event.principal_kind);
    out->set_credential_id(event.credential_id);
    out->set_http_method(event.http_method);
    out->set_route(event.route);
    out->set_record(event.record);
    out->set_legal_ground(event.legal_ground);
    out->set_http_status(event.http_status);
    out->set_trace_id(event.trace_id);
  }
  if (page.next_after_id != 0) {
    response->set_next_page_token(binding.Encode(absl::StrCat(page.next_after_id)));
  }
  return response;
}

}  // namespace swv::gateway
