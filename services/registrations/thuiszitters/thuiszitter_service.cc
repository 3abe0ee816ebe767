#include "services/registrations/thuiszitters/thuiszitter_service.h"

#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/common/idempotency.h"
#include "services/common/ids.h"
#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/status_macros.h"
#include "services/registrations/records/request_support.h"

namespace swv::registrations {

ThuiszitterService::ThuiszitterService(RecordStore<ThuiszitterCase>* cases,
                                       ThuiszitterRepository* repository, const Clock* clock,
                                       AccessPolicy access)
    : repository_(repository),
      clock_(clock),
      access_(std::move(access)),
      cases_(cases, &access_, clock, {"thuiszitters", &ThuiszitterCase::case_id, "tz-"}) {}

absl::CivilDay ThuiszitterService::Today() const { return DutchToday(*clock_); }

ThuiszitterView ThuiszitterService::ViewOf(ThuiszitterCase stored, const Principal* caller) const {
  // A closed case keeps the category and duration it had on the day it closed.
  absl::CivilDay as_of = stored.closed_on.value_or(Today());
  ThuiszitterView view;
  view.category = CategoryOf(stored.report.absence_kind, stored.report.absence_start, as_of);
  view.days_absent = DaysAbsent(stored.report.absence_start, as_of);
  view.four_week_mark = FourWeekMark(stored.report.absence_start);
  view.flags =
      FlagsOf(stored.status, stored.report.absence_start, stored.report.reported_on, Today());
  if (caller != nullptr && caller->kind == PrincipalKind::kYouthCare) {
    for (const Consent& consent : stored.consents) {
      if (consent.standing() && consent.organisation == caller->organisation) {
        view.read_under_consent = consent.consent_id;
      }
    }
  }
  view.stored = std::move(stored);
  return view;
}

absl::StatusOr<ThuiszitterView> ThuiszitterService::Report(const Principal& caller,
                                                           absl::string_view swv,
                                                           const ThuiszitterReport& report,
                                                           absl::string_view request_id) {
  SWV_ASSIGN_OR_RETURN(
      ThuiszitterCase stored,
      cases_.Create(caller, swv, request_id, [&](ThuiszitterCase& c) -> absl::Status {
        SWV_ASSIGN_OR_RETURN(ThuiszitterPolicy policy, ReportingPolicy(c.tenant));
        SWV_ASSIGN_OR_RETURN(c.report, ValidateThuiszitterReport(report, Today(), policy));
        c.status = CaseStatus::kOpen;
        return absl::OkStatus();
      }));
  return ViewOf(std::move(stored));
}

absl::StatusOr<ThuiszitterPolicy> ThuiszitterService::ReportingPolicy(absl::string_view tenant) {
  const absl::Time now = clock_->Now();
  if (auto kept = policies_.Get(tenant, now)) return kept->value.policy;
  SWV_ASSIGN_OR_RETURN(SwvSettingsRecord settings, repository_->GetSettings(tenant));
  KeepPolicy(settings);
  return settings.thuiszitter_policy;
}

void ThuiszitterService::KeepPolicy(const SwvSettingsRecord& settings) {
  // A report that read the settings before an update on this replica finishes after it: what it
  // read is older and must not replace the update's policy.
  const absl::Time now = clock_->Now();
  policies_.PutUnlessNewer(
      settings.tenant, KeptPolicy{settings.thuiszitter_policy, settings.version}, now + kPolicyKept,
      now, [](const KeptPolicy& stored, const KeptPolicy& offered) {
        return stored.version > offered.version;
      });
}

absl::StatusOr<ThuiszitterView> ThuiszitterService::Get(const Principal& caller,
                                                        absl::string_view swv,
                                                        absl::string_view case_id) {
  SWV_ASSIGN_OR_RETURN(ThuiszitterCase stored, cases_.Read(caller, swv, case_id));
  return ViewOf(std::move(stored), &caller);
}

absl::StatusOr<ListCasesResult> ThuiszitterService::List(const Principal& caller,
                                                         const ListCasesRequest& request) {
  const absl::string_view status = request.status ? CaseStatusName(*request.status) : "";
  SWV_ASSIGN_OR_RETURN(ListResult<ThuiszitterCase> page,
                       cases_.List(caller, request.swv,
                                   {request.page_size,
                                    request.page_token,
                                    request.school,
                                    {{"status", status}},
                                    request.residence_municipality,
                                    StoredState(request.status, status)}));
  ListCasesResult result;
  for (ThuiszitterCase& stored : page.records) {
    result.cases.push_back(ViewOf(std::move(stored), &caller));
  }
  result.next_page_token = std::move(page.next_page_token);
  return result;
}

absl::StatusOr<ThuiszitterView> ThuiszitterService::Close(const Principal& caller,
                                                          absl::string_view swv,
                                                          absl::string_view case_id,
                                                          const CloseInput& input,
                                                          int64_t expected_version) {
  return Change(caller, swv, case_id, expected_version, "closed", [&](ThuiszitterCase& record) {
    return ApplyClose(ValidateClose(record.status, record.report.absence_start, input, Today()),
                      record);
  });
}

absl::StatusOr<ThuiszitterView> ThuiszitterService::SetPlan(const Principal& caller,
                                                            absl::string_view swv,
                                                            absl::string_view case_id,
                                                            const PlanInput& input,
                                                            int64_t expected_version) {
  return Change(caller, swv, case_id, expected_version, "plan_set",
                [&](ThuiszitterCase& record) -> absl::Status {
                  SWV_ASSIGN_OR_RETURN(
                      ThuiszitterPlan plan,
                      ValidatePlan(record.status, record.report.absence_start, input, Today()));
                  plan.plan_version = record.plan ? record.plan->plan_version + 1 : 1;
                  record.plan = std::move(plan);
                  return absl::OkStatus();
                });
}

absl::StatusOr<ThuiszitterView> ThuiszitterService::RecordLeerplichtAction(
    const Principal& caller, absl::string_view swv, absl::string_view case_id,
    const LeerplichtActionInput& input, int64_t expected_version) {
  return Change(caller, swv, case_id, expected_version, "leerplicht_action",
                [&](ThuiszitterCase& record) {
                  return registrations::RecordLeerplichtAction(
                      record.status, record.report.absence_start, input, caller.id, Today(),
                      record.leerplicht_actions, record.report.municipality_case_ref);
                });
}

absl::StatusOr<ThuiszitterView> ThuiszitterService::RecordConsent(const Principal& caller,
                                                                  absl::string_view swv,
                                                                  absl::string_view case_id,
                                                                  const ConsentInput& input,
                                                                  int64_t expected_version) {
  return Change(caller, swv, case_id, expected_version, "consent_recorded",
                [&](ThuiszitterCase& record) -> absl::Status {
                  SWV_ASSIGN_OR_RETURN(Consent consent,
                                       ValidateConsent(input, record.consents,
                                                       record.report.absence_start, Today()));
                  consent.consent_id = RandomId("cs-");
                  consent.recorded_by = caller.id;
                  record.consents.push_back(std::move(consent));
                  return absl::OkStatus();
                });
}

absl::StatusOr<ThuiszitterView> ThuiszitterService::WithdrawConsent(
    const Principal& caller, absl::string_view swv, absl::string_view case_id,
    absl::string_view consent_id, absl::string_view withdrawn_on, int64_t expected_version) {
  return Change(caller, swv, case_id, expected_version, "consent_withdrawn",
                [&](ThuiszitterCase& record) {
                  return registrations::WithdrawConsent(record.consents, consent_id, withdrawn_on,
                                                        caller.id, Today());
                });
}

absl::StatusOr<std::vector<Consent>> ThuiszitterService::ListConsents(const Principal& caller,
                                                                      absl::string_view swv,
                                                                      absl::string_view case_id) {
  // The consents name organisations and parents: the schools' rule, like the history.
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("name", swv));
  SWV_RETURN_IF_ERROR(CheckTenant(caller, tenant));
  SWV_ASSIGN_OR_RETURN(ThuiszitterCase stored, cases_.store().Get(tenant, case_id));
  SWV_RETURN_IF_ERROR(access_.ReadRecord(caller, tenant, SchoolsOf(stored)));
  return stored.consents;
}

absl::StatusOr<ThuiszitterView> ThuiszitterService::Change(
    const Principal& caller, absl::string_view swv, absl::string_view case_id,
    int64_t expected_version, absl::string_view action,
    const std::function<absl::Status(ThuiszitterCase&)>& change) {
  SWV_ASSIGN_OR_RETURN(ThuiszitterCase written,
                       cases_.Change(caller, swv, case_id, expected_version, action, change,
                                     {"name", "expected_version", "case"}));
  return ViewOf(std::move(written));
}

absl::StatusOr<std::vector<RecordChange>> ThuiszitterService::History(const Principal& caller,
                                                                      absl::string_view swv,
                                                                      absl::string_view case_id) {
  return cases_.History(caller, swv, case_id);
}

absl::StatusOr<SwvSettingsRecord> ThuiszitterService::GetSettings(const Principal& caller,
                                                                  absl::string_view swv) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("name", swv));
  SWV_RETURN_IF_ERROR(access_.TenantWide(caller, tenant));
  return repository_->GetSettings(tenant);
}

absl::StatusOr<SwvSettingsRecord> ThuiszitterService::UpdateSettings(
    const Principal& caller, absl::string_view swv, const ThuiszitterPolicy& policy,
    int64_t expected_version) {
  const std::string& actor = caller.id;
  SWV_RETURN_IF_ERROR(RequireActor(actor));
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("settings.name", swv));
  SWV_RETURN_IF_ERROR(access_.TenantWide(caller, tenant));
  if (absl::Status status = policy.Validate(); !status.ok()) {
    // The domain names its own field; on this API it is a field of the settings message.
    std::vector<FieldViolation> violations = FieldViolationsOf(status);
    return InvalidField("settings.thuiszitter_report_within_days", ReasonOf(status),
                        violations.empty() ? status.message() : violations.front().description);
  }
  SWV_ASSIGN_OR_RETURN(SwvSettingsRecord current, repository_->GetSettings(tenant));
  if (expected_version != 0 && expected_version != current.version) {
    return ErrorWithReason(absl::StatusCode::kAborted, "VERSION_MISMATCH",
                           absl::StrCat("the settings are at version ", current.version, ", not ",
                                        expected_version, "; read them again and retry"),
                           "settings.version");
  }
  SwvSettingsRecord updated = current;
  updated.thuiszitter_policy = policy;
  updated.update_time = clock_->Now();
  updated.updated_by = std::string(actor);
  SWV_ASSIGN_OR_RETURN(SwvSettingsRecord stored,
                       repository_->PutSettings(updated, current.version));
  KeepPolicy(stored);
  return stored;
}

}  // namespace swv::registrations
