#include "services/gateway/stages/partner_view.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "services/gateway/transcoder.h"

namespace swv::gateway {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

const std::vector<std::string>* MinimalViewFields(absl::string_view message_full_name) {
  // Case id, school, category, dates, status, the residence municipality (the partner's own), the
  // municipality's own case reference, and of the plan only what says that it exists. Not: LVS
  // pupil number, pupil id, cause, close reason, lateness (nor the report deadline it is judged
  // by), authors, versions, plan description.
  static const auto* views = new absl::flat_hash_map<std::string, std::vector<std::string>>{
      {"swv.v1.ThuiszitterCase",
       {"name", "school", "residence_municipality", "absence_kind", "category", "status",
        "absence_start", "reported_on", "closed_on", "days_absent", "municipality_case_ref", "plan",
        "past_one_month", "past_three_months", "four_week_mark", "consent", "leerplicht_actions"}},
      // That a plan exists (its version), when it was agreed, the expected resumption, and the role
      // of the responsible person (that one exists) - not the plan's content or the person's name.
      {"swv.v1.ThuiszitterPlan",
       {"plan_version", "agreed_on", "expected_resumption", "responsible_role"}},
      // That the case is escalated, how far, by whom held and by when, and what binds whom: the
      // municipality is a party to doorzettingsmacht. Not: LVS number, pupil id, the reason (free
      // text about the child), the close reason, authors, versions.
      // An exemption is leerplicht's own decision: what it is, for whom and when; not the LVS
      // number or the pupil id.
      {"swv.v1.Exemption",
       {"name", "residence_municipality", "school", "start_date", "end_date", "swv_involved",
        "article", "swv_advice", "swv_advice_on"}},
      {"swv.v1.Escalation",
       {"name", "thuiszitter", "residence_municipality", "school", "opened_on", "steps",
        "current_level", "overdue", "binding_decision", "status", "closed_on"}},
  };
  auto it = views->find(message_full_name);
  return it == views->end() ? nullptr : &it->second;
}

void ProjectMinimalView(Message* message) {
  const Descriptor* type = message->GetDescriptor();
  const Reflection* reflection = message->GetReflection();
  const std::vector<std::string>* allowed = MinimalViewFields(type->full_name());
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    if (allowed != nullptr &&
        std::find(allowed->begin(), allowed->end(), field->name()) == allowed->end()) {
      reflection->ClearField(message, field);
      continue;
    }
    if (field->type() != FieldDescriptor::TYPE_MESSAGE || field->is_map()) continue;
    if (field->is_repeated()) {
      for (int r = 0; r < reflection->FieldSize(*message, field); ++r) {
        ProjectMinimalView(reflection->MutableRepeatedMessage(message, field, r));
      }
    } else if (reflection->HasField(*message, field)) {
      ProjectMinimalView(reflection->MutableMessage(message, field));
    }
  }
}

// The records of a reply: the reply itself when it is one (it has a name), and the named
// messages of its repeated fields (a list's page).
static std::vector<const Message*> RecordsOf(const Message& reply) {
  std::vector<const Message*> records;
  if (!GetStringField(reply, "name").empty()) records.push_back(&reply);
  const Descriptor* type = reply.GetDescriptor();
  const Reflection* reflection = reply.GetReflection();
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    if (!field->is_repeated() || field->type() != FieldDescriptor::TYPE_MESSAGE || field->is_map())
      continue;
    for (int r = 0; r < reflection->FieldSize(reply, field); ++r) {
      const Message& item = reflection->GetRepeatedMessage(reply, field, r);
      if (!GetStringField(item, "name").empty()) records.push_back(&item);
    }
  }
  return records;
}

std::vector<std::string> RecordNames(const Message& reply) {
  std::vector<std::string> names;
  for (const Message* record : RecordsOf(reply)) names.push_back(GetStringField(*record, "name"));
  return names;
}

void ApplyPartnerView(RequestContext& context, Message* reply) {
  if (!context.partner_view) return;
  ProjectMinimalView(reply);
  context.audit_records = RecordNames(*reply);
  if (context.principal.kind != PrincipalKind::kYouthCare) return;
  // The consent each record was read under, for the access log.
  for (const Message* record : RecordsOf(*reply)) {
    context.audit_consents.push_back(GetStringField(*record, "consent"));
  }
}

}  // namespace swv::gateway
