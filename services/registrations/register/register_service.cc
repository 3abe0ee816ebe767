#include "services/registrations/register/register_service.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/idempotency.h"
#include "services/common/ids.h"
#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/status_macros.h"
#include "services/registrations/records/request_support.h"

namespace swv::registrations {

RegisterService::RegisterService(RegisterRepository* repository, const Clock* clock,
                                 AccessPolicy access)
    : repository_(repository), clock_(clock), zone_(DutchTimeZone()), access_(std::move(access)) {}

absl::CivilDay RegisterService::Today() const { return swv::Today(*clock_, zone_); }

namespace {

std::vector<std::string> ExemptionSchools(const ExemptionRecord& r) {
  if (!r.exemption.school) return {};
  return {r.exemption.school->ToString()};
}

std::vector<std::string> MonitorkindSchools(const MonitorkindRecord& r) {
  return {r.monitorkind.school.ToString()};
}

}  // namespace

absl::StatusOr<ExemptionRecord> RegisterService::RecordExemption(const Principal& caller,
                                                                 absl::string_view swv,
                                                                 const ExemptionInput& input,
                                                                 absl::string_view request_id) {
  const std::string& actor = caller.id;
  SWV_ASSIGN_OR_RETURN(std::string tenant, WriteTenant(caller, "parent", swv));
  SWV_RETURN_IF_ERROR(CheckRequestId(request_id));
  SWV_ASSIGN_OR_RETURN(ValidExemption valid, ValidateExemption(input));
  std::vector<std::string> schools;
  if (valid.school) schools.push_back(valid.school->ToString());
  if (absl::Status status = access_.WriteRecord(caller, tenant, schools); !status.ok()) {
    return status;
  }
  ExemptionRecord candidate;
  candidate.tenant = tenant;
  candidate.exemption_id = RandomId("vr-");
  candidate.exemption = std::move(valid);
  candidate.create_time = clock_->Now();
  candidate.created_by = std::string(actor);
  SWV_ASSIGN_OR_RETURN(Created<ExemptionRecord> created,
                       repository_->CreateExemption(candidate, request_id));
  SWV_RETURN_IF_ERROR(CheckReplay(created, actor));
  return std::move(created.stored);
}

absl::StatusOr<ExemptionRecord> RegisterService::GetExemption(const Principal& caller,
                                                              absl::string_view swv,
                                                              absl::string_view id) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("name", swv));
  SWV_RETURN_IF_ERROR(CheckTenant(caller, tenant));
  return access_.Readable(caller, tenant, repository_->GetExemption(tenant, id), ExemptionSchools);
}

absl::StatusOr<ListResult<ExemptionRecord>> RegisterService::ListExemptions(
    const Principal& caller, absl::string_view swv, int page_size, absl::string_view page_token) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("parent", swv));
  SWV_RETURN_IF_ERROR(access_.ListRecords(caller, tenant));
  const PageBinding binding("exemptions", tenant, caller);
  int size = 0;
  int64_t after = 0;
  if (absl::Status status = CheckPaging(binding, page_size, page_token, &size, &after);
      !status.ok()) {
    return status;
  }
  SchoolFilter filter;
  filter.reach = ReachOf(caller, tenant);
  SWV_ASSIGN_OR_RETURN(RecordPage<ExemptionRecord> page,
                       repository_->ListExemptions(tenant, size, after, filter));
  return ListResultOf(std::move(page), binding);
}

absl::StatusOr<MonitorkindRecord> RegisterService::RegisterMonitorkind(
    const Principal& caller, absl::string_view swv, const MonitorkindInput& input,
    absl::string_view request_id) {
  const std::string& actor = caller.id;
  SWV_ASSIGN_OR_RETURN(std::string tenant, WriteTenant(caller, "parent", swv));
  SWV_RETURN_IF_ERROR(CheckRequestId(request_id));
  SWV_ASSIGN_OR_RETURN(ValidMonitorkind valid, ValidateMonitorkind(input, Today()));
  if (absl::Status status = access_.WriteRecord(caller, tenant, {valid.school.ToString()});
      !status.ok()) {
    return status;
  }
  MonitorkindRecord candidate;
  candidate.tenant = tenant;
  candidate.monitorkind_id = RandomId("mk-");
  candidate.monitorkind = std::move(valid);
  candidate.create_time = clock_->Now();
  candidate.created_by = std::string(actor);
  SWV_ASSIGN_OR_RETURN(Created<MonitorkindRecord> created,
                       repository_->CreateMonitorkind(candidate, request_id));
  SWV_RETURN_IF_ERROR(CheckReplay(created, actor));
  return std::move(created.stored);
}

absl::StatusOr<MonitorkindRecord> RegisterService::GetMonitorkind(const Principal& caller,
                                                                  absl::string_view swv,
                                                                  absl::string_view id) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("name", swv));
  SWV_RETURN_IF_ERROR(CheckTenant(caller, tenant));
  return access_.Readable(caller, tenant, repository_->GetMonitorkind(tenant, id),
                          MonitorkindSchools);
}

absl::StatusOr<ListResult<MonitorkindRecord>> RegisterService::ListMonitorkinderen(
    const Principal& caller, absl::string_view swv, int page_size, absl::string_view page_token,
    absl::optional<CaseStatus> status) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("parent", swv));
  SWV_RETURN_IF_ERROR(access_.ListRecords(caller, tenant));
  PageBinding binding("monitorkinderen", tenant, caller);
  binding.Filter("status", status ? CaseStatusName(*status) : "");
  int size = 0;
  int64_t after = 0;
  if (absl::Status checked = CheckPaging(binding, page_size, page_token, &size, &after);
      !checked.ok()) {
    return checked;
  }
  SchoolFilter filter;
  filter.reach = ReachOf(caller, tenant);
  SWV_ASSIGN_OR_RETURN(RecordPage<MonitorkindRecord> page,
                       repository_->ListMonitorkinderen(tenant, size, after, filter, status));
  return ListResultOf(std::move(page), binding);
}

absl::StatusOr<MonitorkindRecord> RegisterService::CloseMonitorkind(const Principal& caller,
                                                                    absl::string_view swv,
                                                                    absl::string_view id,
                                                                    const CloseInput& input,
                                                                    int64_t expected_version) {
  const std::string& actor = caller.id;
  SWV_ASSIGN_OR_RETURN(std::string tenant, WriteTenant(caller, "name", swv));
  SWV_ASSIGN_OR_RETURN(MonitorkindRecord stored,
                       access_.Readable(caller, tenant, repository_->GetMonitorkind(tenant, id),
                                        MonitorkindSchools));
  SWV_RETURN_IF_ERROR(CheckVersion("record", expected_version, stored.version));
  SWV_ASSIGN_OR_RETURN(
      ValidClose close,
      ValidateRecordClose(stored.status, stored.monitorkind.at_home_since, input, Today()));
  MonitorkindRecord updated = stored;
  updated.status = CaseStatus::kClosed;
  updated.closed_on = close.closed_on;
  updated.close_reason = close.reason;
  updated.update_time = clock_->Now();
  updated.updated_by = std::string(actor);
  return repository_->UpdateMonitorkind(updated, stored.version, "closed");
}

absl::StatusOr<std::vector<RecordChange>> RegisterService::History(const Principal& caller,
                                                                   absl::string_view swv,
                                                                   absl::string_view record_kind,
                                                                   absl::string_view id) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("name", swv));
  SWV_RETURN_IF_ERROR(CheckTenant(caller, tenant));
  absl::Status visible =
      record_kind == kExemptionKind
          ? access_
                .Readable(caller, tenant, repository_->GetExemption(tenant, id), ExemptionSchools)
                .status()
          : access_
                .Readable(caller, tenant, repository_->GetMonitorkind(tenant, id),
                          MonitorkindSchools)
                .status();
  if (!visible.ok()) return visible;
  return repository_->ListChanges(tenant, record_kind, id);
}

}  // namespace swv::registrations
