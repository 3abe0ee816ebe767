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
    : cases_(cases),
      repository_(repository),
      clock_(clock),
      zone_(DutchTimeZone()),
      access_(std::move(access)) {}

absl::CivilDay ThuiszitterService::Today() const { return swv::Today(*clock_, zone_); }

ThuiszitterView ThuiszitterService::ViewOf(ThuiszitterCase stored) const {
  // A closed case keeps the category and duration it had on the day it closed.
  absl::CivilDay as_of = stored.closed_on.value_or(Today());
  ThuiszitterView view;
  view.category = CategoryOf(stored.report.absence_kind, stored.report.absence_start, as_of);
  view.days_absent = DaysAbsent(stored.report.absence_start, as_of);
  view.four_week_mark = FourWeekMark(stored.report.absence_start);
  view.flags =
      FlagsOf(stored.status, stored.report.absence_start, stored.report.reported_on, Today());
  view.stored = std::move(stored);
  return view;
}

absl::Status ThuiszitterService::MayRead(const Principal& caller, const ThuiszitterCase& c) const {
  return access_.ReadThuiszitter(caller, c.tenant, c.report.school.ToString(),
                                 c.report.residence_municipality);
}

absl::StatusOr<ThuiszitterCase> ThuiszitterService::LoadForWrite(const Principal& caller,
                                                                 absl::string_view swv,
                                                                 absl::string_view case_id,
                                                                 int64_t expected_version) {
  SWV_RETURN_IF_ERROR(RequireActor(caller.id));
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("name", swv));
  SWV_RETURN_IF_ERROR(CheckMayWrite(caller));
  SWV_RETURN_IF_ERROR(CheckTenant(caller, tenant));
  SWV_ASSIGN_OR_RETURN(ThuiszitterCase stored, cases_->Get(tenant, case_id));
  SWV_RETURN_IF_ERROR(MayRead(caller, stored));
  SWV_RETURN_IF_ERROR(CheckVersion("case", expected_version, stored.version));
  return stored;
}

absl::StatusOr<ThuiszitterView> ThuiszitterService::StoreChange(const Principal& caller,
                                                                ThuiszitterCase updated,
                                                                int64_t read_version,
                                                                absl::string_view action) {
  updated.update_time = clock_->Now();
  updated.updated_by = caller.id;
  SWV_ASSIGN_OR_RETURN(ThuiszitterCase written, cases_->Update(updated, read_version, action, ""));
  return ViewOf(std::move(written));
}

absl::StatusOr<ThuiszitterView> ThuiszitterService::Report(const Principal& caller,
                                                           absl::string_view swv,
                                                           const ThuiszitterReport& report,
                                                           absl::string_view request_id) {
  const std::string& actor = caller.id;
  SWV_ASSIGN_OR_RETURN(std::string tenant, WriteTenant(caller, "parent", swv));
  SWV_RETURN_IF_ERROR(CheckRequestId(request_id));
  SWV_ASSIGN_OR_RETURN(SwvSettingsRecord settings, repository_->GetSettings(tenant));
  SWV_ASSIGN_OR_RETURN(ValidThuiszitterReport valid,
                       ValidateThuiszitterReport(report, Today(), settings.thuiszitter_policy));
  if (absl::Status status = access_.WriteRecord(caller, tenant, {valid.school.ToString()});
      !status.ok()) {
    return status;
  }

  ThuiszitterCase candidate;
  candidate.tenant = tenant;
  candidate.case_id = RandomId("tz-");
  candidate.report = std::move(valid);
  candidate.status = CaseStatus::kOpen;
  candidate.create_time = clock_->Now();
  candidate.created_by = std::string(actor);
  SWV_ASSIGN_OR_RETURN(Created<ThuiszitterCase> result, cases_->Create(candidate, request_id));
  SWV_RETURN_IF_ERROR(CheckReplay(result, actor));
  return ViewOf(std::move(result.stored));
}

absl::StatusOr<ThuiszitterView> ThuiszitterService::Get(const Principal& caller,
                                                        absl::string_view swv,
                                                        absl::string_view case_id) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("name", swv));
  SWV_RETURN_IF_ERROR(CheckTenant(caller, tenant));
  SWV_ASSIGN_OR_RETURN(ThuiszitterCase stored, cases_->Get(tenant, case_id));
  SWV_RETURN_IF_ERROR(MayRead(caller, stored));
  return ViewOf(std::move(stored));
}

absl::StatusOr<ListCasesResult> ThuiszitterService::List(const Principal& caller,
                                                         const ListCasesRequest& request) {
  absl::StatusOr<std::string> tenant = CanonicalSwvCode("parent", request.swv);
  if (!tenant.ok()) return tenant.status();
  SWV_RETURN_IF_ERROR(access_.ListThuiszitters(caller, *tenant));
  RecordQuery query;
  query.tenant = *tenant;
  if (!request.school.empty()) {
    absl::StatusOr<SchoolCode> school = ParseSchoolCode("school", request.school);
    if (!school.ok()) return school.status();
    query.filter.school = school->ToString();
  }
  if (!request.residence_municipality.empty()) {
    SWV_ASSIGN_OR_RETURN(
        std::string municipality,
        ParseMunicipalityCode("residence_municipality", request.residence_municipality));
    query.residence = municipality;
  }
  if (request.status) query.state = std::string(CaseStatusName(*request.status));
  PageBinding binding("thuiszitters", *tenant, caller);
  binding.Filter("school", query.filter.school.value_or(""))
      .Filter("residence_municipality", query.residence.value_or(""))
      .Filter("status", request.status ? CaseStatusName(*request.status) : "");
  SWV_RETURN_IF_ERROR(CheckPaging(binding, request.page_size, request.page_token, &query.page_size,
                                  &query.after_position));
  // Out-of-scope cases are never read, so a page is full whenever more visible cases follow.
  query.filter.reach = ReachOf(caller, *tenant);

  SWV_ASSIGN_OR_RETURN(RecordPage<ThuiszitterCase> page, cases_->List(query));
  ListCasesResult result;
  for (ThuiszitterCase& stored : page.records) result.cases.push_back(ViewOf(std::move(stored)));
  result.next_page_token = NextPageToken(binding, page.next_position);
  return result;
}

absl::StatusOr<ThuiszitterView> ThuiszitterService::Close(const Principal& caller,
                                                          absl::string_view swv,
                                                          absl::string_view case_id,
                                                          const CloseInput& input,
                                                          int64_t expected_version) {
  SWV_ASSIGN_OR_RETURN(ThuiszitterCase record,
                       LoadForWrite(caller, swv, case_id, expected_version));
  const int64_t read_version = record.version;
  SWV_ASSIGN_OR_RETURN(ValidClose close,
                       ValidateClose(record.status, record.report.absence_start, input, Today()));
  record.status = CaseStatus::kClosed;
  record.closed_on = close.closed_on;
  record.close_reason = close.reason;
  return StoreChange(caller, std::move(record), read_version, "closed");
}

absl::StatusOr<ThuiszitterView> ThuiszitterService::SetPlan(const Principal& caller,
                                                            absl::string_view swv,
                                                            absl::string_view case_id,
                                                            const PlanInput& input,
                                                            int64_t expected_version) {
  SWV_ASSIGN_OR_RETURN(ThuiszitterCase record,
                       LoadForWrite(caller, swv, case_id, expected_version));
  const int64_t read_version = record.version;
  SWV_ASSIGN_OR_RETURN(ThuiszitterPlan plan,
                       ValidatePlan(record.status, record.report.absence_start, input, Today()));
  plan.plan_version = record.plan ? record.plan->plan_version + 1 : 1;
  record.plan = std::move(plan);
  return StoreChange(caller, std::move(record), read_version, "plan_set");
}

absl::StatusOr<std::vector<RecordChange>> ThuiszitterService::History(const Principal& caller,
                                                                      absl::string_view swv,
                                                                      absl::string_view case_id) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("name", swv));
  // The history holds causes and free text: never a partner's, whatever the municipality.
  SWV_RETURN_IF_ERROR(CheckTenant(caller, tenant));
  SWV_ASSIGN_OR_RETURN(ThuiszitterCase stored, cases_->Get(tenant, case_id));
  if (absl::Status status = access_.ReadRecord(caller, tenant, {stored.report.school.ToString()});
      !status.ok()) {
    return status;
  }
  return cases_->History(tenant, case_id);
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
  return repository_->PutSettings(updated, current.version);
}

}  // namespace swv::registrations
