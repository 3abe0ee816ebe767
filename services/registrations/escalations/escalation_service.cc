#include "services/registrations/escalations/escalation_service.h"

#include <functional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/common/tenant_names.h"
#include "services/kernel/errors.h"
#include "services/kernel/status_macros.h"
#include "services/registrations/records/request_support.h"

namespace swv::registrations {

EscalationService::EscalationService(RecordStore<EscalationRecord>* store,
                                     RecordStore<ThuiszitterCase>* cases, const Clock* clock,
                                     AccessPolicy access)
    : cases_(cases),
      clock_(clock),
      access_(std::move(access)),
      escalations_(store, &access_, clock,
                   {"escalations", &EscalationRecord::escalation_id, "es-"}) {}

absl::CivilDay EscalationService::Today() const { return DutchToday(*clock_); }

EscalationView EscalationService::ViewOf(EscalationRecord stored) const {
  const absl::CivilDay today = Today();
  EscalationView view;
  view.overdue = IsOverdue(stored.escalation, today);
  for (const EscalationStep& step : stored.escalation.steps) {
    view.step_overdue.push_back(stored.escalation.status == CaseStatus::kOpen &&
                                IsStepOverdue(step, today));
  }
  view.stored = std::move(stored);
  return view;
}

absl::StatusOr<absl::optional<EscalatedCase>> EscalationService::EscalatedCaseOf(
    const std::string& tenant, std::string& case_name) const {
  const std::string name(absl::StripAsciiWhitespace(case_name));
  if (name.empty()) return absl::optional<EscalatedCase>();
  constexpr absl::string_view kField = "escalation.thuiszitter";
  SWV_ASSIGN_OR_RETURN(auto parts, ParseResourceName(kField, name, "thuiszitters"));
  absl::StatusOr<std::string> case_tenant = CanonicalSwvCode(kField, parts.first);
  if (!case_tenant.ok() || *case_tenant != tenant) {
    return InvalidField(kField, "OTHER_SWV",
                        absl::StrCat("must be a thuiszitter case of this SWV (swvs/", tenant,
                                     "/thuiszitters/{id}), got \"", name, "\""));
  }
  absl::StatusOr<ThuiszitterCase> found = cases_->Get(tenant, parts.second);
  if (absl::IsNotFound(found.status())) {
    return InvalidField(kField, "CASE_NOT_FOUND",
                        absl::StrCat("no thuiszitter case \"", name, "\" in this SWV"));
  }
  SWV_RETURN_IF_ERROR(found.status());
  if (found->status != CaseStatus::kOpen) {
    return ErrorWithReason(
        absl::StatusCode::kFailedPrecondition, "CASE_ALREADY_CLOSED",
        absl::StrCat("the thuiszitter case \"", name, "\" is closed: the child is back at school"),
        kField);
  }
  case_name = parts.second;
  return absl::optional<EscalatedCase>(
      EscalatedCase{found->report.residence_municipality, found->report.school,
                    found->report.lvs_pupil_number, found->report.absence_start});
}

absl::StatusOr<EscalationView> EscalationService::Open(const Principal& caller,
                                                       absl::string_view swv, EscalationInput input,
                                                       absl::string_view request_id) {
  SWV_ASSIGN_OR_RETURN(
      EscalationRecord created,
      escalations_.Create(caller, swv, request_id, [&](EscalationRecord& r) -> absl::Status {
        SWV_ASSIGN_OR_RETURN(absl::optional<EscalatedCase> escalated,
                             EscalatedCaseOf(r.tenant, input.thuiszitter_case_id));
        SWV_ASSIGN_OR_RETURN(r.escalation, ValidateEscalation(input, escalated, Today()));
        return absl::OkStatus();
      }));
  return ViewOf(std::move(created));
}

absl::StatusOr<EscalationView> EscalationService::Get(const Principal& caller,
                                                      absl::string_view swv,
                                                      absl::string_view id) const {
  SWV_ASSIGN_OR_RETURN(EscalationRecord stored, escalations_.Read(caller, swv, id));
  return ViewOf(std::move(stored));
}

absl::StatusOr<ListResult<EscalationView>> EscalationService::List(
    const Principal& caller, absl::string_view swv, int page_size, absl::string_view page_token,
    absl::optional<CaseStatus> status) const {
  const absl::string_view name = status ? CaseStatusName(*status) : "";
  SWV_ASSIGN_OR_RETURN(ListResult<EscalationRecord> page,
                       escalations_.List(caller, swv,
                                         {page_size,
                                          page_token,
                                          absl::nullopt,
                                          {{"status", name}},
                                          absl::nullopt,
                                          StoredState(status, name)}));
  return ViewsOf<EscalationView>(std::move(page),
                                 [this](EscalationRecord r) { return ViewOf(std::move(r)); });
}

absl::StatusOr<EscalationView> EscalationService::Change(
    const Principal& caller, absl::string_view swv, absl::string_view id, int64_t expected_version,
    absl::string_view action, const std::function<absl::Status(Escalation&)>& change) {
  SWV_ASSIGN_OR_RETURN(
      EscalationRecord changed,
      escalations_.Change(caller, swv, id, expected_version, action,
                          [&](EscalationRecord& r) { return change(r.escalation); }));
  return ViewOf(std::move(changed));
}

absl::StatusOr<EscalationView> EscalationService::AddStep(const Principal& caller,
                                                          absl::string_view swv,
                                                          absl::string_view id,
                                                          const EscalationStepInput& input,
                                                          int64_t expected_version) {
  return Change(caller, swv, id, expected_version, "escalated",
                [&](Escalation& e) { return AddEscalationStep(e, input, Today()); });
}

absl::StatusOr<EscalationView> EscalationService::DecideBinding(const Principal& caller,
                                                                absl::string_view swv,
                                                                absl::string_view id,
                                                                const BindingDecisionInput& input,
                                                                int64_t expected_version) {
  return Change(caller, swv, id, expected_version, "binding_decided",
                [&](Escalation& e) { return registrations::DecideBinding(e, input, Today()); });
}

absl::StatusOr<EscalationView> EscalationService::Close(const Principal& caller,
                                                        absl::string_view swv, absl::string_view id,
                                                        absl::string_view closed_on,
                                                        absl::string_view reason,
                                                        int64_t expected_version) {
  return Change(caller, swv, id, expected_version, "closed",
                [&](Escalation& e) { return CloseEscalation(e, closed_on, reason, Today()); });
}

}  // namespace swv::registrations
