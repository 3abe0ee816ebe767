#include "services/gateway/stages/audit.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/logging.h"
#include "services/gateway/problem.h"

namespace swv::gateway {

// A write may already have happened in the backend when the row cannot be written; the client
// sees 503 and retries (creates are idempotent by request id), and the service's own history
// still holds the change.
HttpResponse AuditWriter::Audited(const RequestContext& context, HttpResponse response) const {
  if (!context.audit) return response;
  const Route& route = *context.route;
  std::vector<std::string> records = context.audit_records;
  if (records.empty()) records.push_back(RequestedRecord(context.bindings));
  std::vector<AuditEvent> events;
  for (size_t i = 0; i < records.size(); ++i) {
    const std::string& record = records[i];
    AuditEvent event;
    // The principal's own SWV keeps the row, also when it asked for another SWV's record: that
    // SWV answers for the credential (ops credentials have none: the path's SWV).
    event.tenant = context.principal.tenant.empty() ? context.tenant : context.principal.tenant;
    event.time = clock_->Now();
    event.principal = context.principal.id;
    event.principal_kind = PrincipalKindName(context.principal.kind);
    event.principal_scope = absl::StrJoin(context.principal.scope, ",");
    event.credential_id = context.credential.token_id;
    event.http_method = route.http_method;
    event.route = route.path.text();
    event.record = record;
    event.legal_ground = context.credential.spec.legal_ground;
    // Youth care reads under the parents' consent: the row names it.
    if (i < context.audit_consents.size() && !context.audit_consents[i].empty()) {
      event.legal_ground =
          absl::StrCat("toestemming ouders: ", context.audit_consents[i], "; ", event.legal_ground);
    }
    event.http_status = response.status;
    event.trace_id = context.trace.trace_id;
    events.push_back(std::move(event));
  }
  absl::Status logged = store_->AppendAll(events);
  if (logged.ok()) return response;
  LogError("cannot write the access log", {{"error", std::string(logged.message())},
                                           {"route", route.path.text()},
                                           {"principal", context.principal.id},
                                           {"status", absl::StrCat(response.status)}});
  if (response.status >= 400) return response;
  return ProblemFromStatus(absl::UnavailableError("access log"), context.http->path);
}

}  // namespace swv::gateway
