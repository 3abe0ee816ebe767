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
        "past_one_month", "past_three_months", "four_week_mark"}},
      // That a plan exists (its version), when it was agreed, the expected resumption, and the role
      // of the responsible person (that one exists) - not the plan's content or the person's name.
      {"swv.v1.ThuiszitterPlan",
       {"plan_version", "agreed_on", "expected_resumption", "responsible_role"}},
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

std::vector<std::string> RecordNames(const Message& reply) {
  std::vector<std::string> names;
  std::string own = GetStringField(reply, "name");
  if (!own.empty()) names.push_back(own);
  const Descriptor* type = reply.GetDescriptor();
  const Reflection* reflection = reply.GetReflection();
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    if (!field->is_repeated() || field->type() != FieldDescriptor::TYPE_MESSAGE || field->is_map())
      continue;
    for (int r = 0; r < reflection->FieldSize(reply, field); ++r) {
      std::string name = GetStringField(reflection->GetRepeatedMessage(reply, field, r), "name");
      if (!name.empty()) names.push_back(name);
    }
  }
  return names;
}

void ApplyPartnerView(RequestContext& context, Message* reply) {
  if (!context.partner_view) return;
  ProjectMinimalView(reply);
  context.audit_records = RecordNames(*reply);
}

}  // namespace swv::gateway
