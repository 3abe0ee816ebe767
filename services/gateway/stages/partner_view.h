// The partner view stage: what a municipality partner sees of a reply (DESIGN.md "Pupils and
// privacy"), and which records it saw, for the access log.
//
// Stateless: thread-safe.
#ifndef SWV_SERVICES_GATEWAY_STAGES_PARTNER_VIEW_H_
#define SWV_SERVICES_GATEWAY_STAGES_PARTNER_VIEW_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "services/gateway/stages/request_context.h"

namespace swv::gateway {

// The fields a municipality partner sees, per message type: an allowlist, so a field added to a
// message later stays hidden until someone decides otherwise. Null for a type without a list
// (then every field is kept, and messages inside it are projected by their own lists).
const std::vector<std::string>* MinimalViewFields(absl::string_view message_full_name);

// Clears every field not in the minimal view, recursively.
void ProjectMinimalView(google::protobuf::Message* message);

// Names of the records a reply holds: its own name, or the names of its list rows.
std::vector<std::string> RecordNames(const google::protobuf::Message& reply);

// For a request marked partner_view: projects the reply and records what it held in
// audit_records (one access-log row each). Does nothing otherwise.
void ApplyPartnerView(RequestContext& context, google::protobuf::Message* reply);

}  // namespace swv::gateway

#endif  // SWV_SERVICES_GATEWAY_STAGES_PARTNER_VIEW_H_
