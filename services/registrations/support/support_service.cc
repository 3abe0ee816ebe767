#include "services/registrations/support/support_service.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/idempotency.h"
#include "services/common/ids.h"
#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/status_macros.h"
#include "services/registrations/domain/reporting.h"
#include "services/registrations/records/request_support.h"

namespace swv::registrations {
namespace {

// The list's school filter as received, and the caller's reach.
absl::StatusOr<SchoolFilter> ListFilter(const Principal& caller, const std::string& tenant,
                                        absl::string_view school) {
  SchoolFilter filter;
  filter.reach = ReachOf(caller, tenant);
  if (school.empty()) return filter;
  SWV_ASSIGN_OR_RETURN(SchoolCode code, ParseSchoolCode("school", school));
  filter.school = code.ToString();
  return filter;
}

std::vector<std::string> ArrangementSchools(const ArrangementRecord& r) {
  if (!r.application.school) return {};  // a wijk arrangement: the office's
  return {r.application.school->ToString()};
}

std::vector<std::string> PlacementSchools(const OpdcPlacementRecord& r) {
  return {r.placement.school.ToString()};
}

}  // namespace

SupportService::SupportService(SupportRepository* repository, const Clock* clock,
                               AccessPolicy access)
    : repository_(repository), clock_(clock), zone_(DutchTimeZone()), access_(std::move(access)) {}

absl::CivilDay SupportService::Today() const { return swv::Today(*clock_, zone_); }

ArrangementView SupportService::ViewOf(ArrangementRecord stored) const {
  ArrangementView view;
  const absl::CivilDay applied = stored.application.applied_on;
  view.decision_due = DecisionDue(applied);
  absl::optional<absl::CivilDay> decided;
  if (stored.decision) decided = stored.decision->decided_on;
  view.overdue = IsDecisionOverdue(applied, decided, Today());
  view.decided_late = decided.has_value() && IsDecidedLate(applied, *decided);
  view.stored = std::move(stored);
  return view;
}

absl::StatusOr<ArrangementView> SupportService::CreateArrangement(
    const Principal& caller, absl::string_view swv, const ArrangementApplication& input,
    absl::string_view request_id) {
  const std::string& actor = caller.id;
  SWV_ASSIGN_OR_RETURN(std::string tenant, WriteTenant(caller, "parent", swv));
  SWV_RETURN_IF_ERROR(CheckRequestId(request_id));
  SWV_ASSIGN_OR_RETURN(ValidArrangementApplication valid,
                       ValidateArrangementApplication(input, Today()));
  std::vector<std::string> schools;
  if (valid.school) schools.push_back(valid.school->ToString());
  if (absl::Status status = access_.WriteRecord(caller, tenant, schools); !status.ok()) {
    return status;
  }
  ArrangementRecord candidate;
  candidate.tenant = tenant;
  candidate.arrangement_id = RandomId("ar-");
  candidate.application = std::move(valid);
  candidate.create_time = clock_->Now();
  candidate.created_by = std::string(actor);
  SWV_ASSIGN_OR_RETURN(auto created, repository_->CreateArrangement(candidate, request_id));
  SWV_RETURN_IF_ERROR(CheckReplay(created, actor));
  return ViewOf(std::move(created.stored));
}

absl::StatusOr<ArrangementView> SupportService::GetArrangement(const Principal& caller,
                                                               absl::string_view swv,
                                                               absl::string_view id) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("name", swv));
  SWV_RETURN_IF_ERROR(CheckTenant(caller, tenant));
  SWV_ASSIGN_OR_RETURN(ArrangementRecord stored,
                       access_.Readable(caller, tenant, repository_->GetArrangement(tenant, id),
                                        ArrangementSchools));
  return ViewOf(std::move(stored));
}

absl::StatusOr<ListResult<ArrangementView>> SupportService::ListArrangements(
    const Principal& caller, absl::string_view swv, int page_size, absl::string_view page_token,
    absl::string_view school, absl::optional<ArrangementStatus> status) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("parent", swv));
  SWV_RETURN_IF_ERROR(access_.ListRecords(caller, tenant));
  SWV_ASSIGN_OR_RETURN(SchoolFilter filter, ListFilter(caller, tenant, school));
  PageBinding binding("arrangements", tenant, caller);
  binding.Filter("school", filter.school.value_or(""))
      .Filter("status", status ? ArrangementStatusName(*status) : "");
  int size = 0;
  int64_t after = 0;
  if (absl::Status s = CheckPaging(binding, page_size, page_token, &size, &after); !s.ok()) {
    return s;
  }
  SWV_ASSIGN_OR_RETURN(auto page,
                       repository_->ListArrangements(tenant, size, after, filter, status));
  return ListResultOf(std::move(page), binding,
                      [this](ArrangementRecord&& r) { return ViewOf(std::move(r)); });
}

absl::StatusOr<ArrangementView> SupportService::DecideArrangement(
    const Principal& caller, absl::string_view swv, absl::string_view id,
    const ArrangementDecisionInput& input, int64_t expected_version) {
  const std::string& actor = caller.id;
  SWV_ASSIGN_OR_RETURN(std::string tenant, WriteTenant(caller, "name", swv));
  SWV_ASSIGN_OR_RETURN(ArrangementRecord stored,
                       access_.Readable(caller, tenant, repository_->GetArrangement(tenant, id),
                                        ArrangementSchools));
  SWV_RETURN_IF_ERROR(CheckVersion("record", expected_version, stored.version));
  absl::StatusOr<ValidArrangementDecision> decision =
      ValidateArrangementDecision(stored.status, stored.application.applied_on, input, Today());
  if (!decision.ok()) return decision.status();
  ArrangementRecord updated = stored;
  updated.status = decision->outcome == ArrangementOutcome::kGranted ? ArrangementStatus::kGranted
                                                                     : ArrangementStatus::kRefused;
  updated.decision = *std::move(decision);
  updated.update_time = clock_->Now();
  updated.updated_by = std::string(actor);
  SWV_ASSIGN_OR_RETURN(auto written,
                       repository_->UpdateArrangement(updated, stored.version, "decided"));
  return ViewOf(std::move(written));
}

absl::StatusOr<OpdcPlacementRecord> SupportService::CreatePlacement(const Principal& caller,
                                                                    absl::string_view swv,
                                                                    const OpdcPlacementInput& input,
                                                                    absl::string_view request_id) {
  const std::string& actor = caller.id;
  SWV_ASSIGN_OR_RETURN(std::string tenant, WriteTenant(caller, "parent", swv));
  SWV_RETURN_IF_ERROR(CheckRequestId(request_id));
  SWV_ASSIGN_OR_RETURN(ValidOpdcPlacement valid, ValidateOpdcPlacement(input));
  if (absl::Status status = access_.WriteRecord(caller, tenant, {valid.school.ToString()});
      !status.ok()) {
    return status;
  }
  OpdcPlacementRecord candidate;
  candidate.tenant = tenant;
  candidate.placement_id = RandomId("op-");
  candidate.placement = std::move(valid);
  candidate.create_time = clock_->Now();
  candidate.created_by = std::string(actor);
  SWV_ASSIGN_OR_RETURN(auto created, repository_->CreatePlacement(candidate, request_id));
  SWV_RETURN_IF_ERROR(CheckReplay(created, actor));
  return std::move(created.stored);
}

absl::StatusOr<OpdcPlacementRecord> SupportService::GetPlacement(const Principal& caller,
                                                                 absl::string_view swv,
                                                                 absl::string_view id) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("name", swv));
  SWV_RETURN_IF_ERROR(CheckTenant(caller, tenant));
  return access_.Readable(caller, tenant, repository_->GetPlacement(tenant, id), PlacementSchools);
}

absl::StatusOr<ListResult<OpdcPlacementRecord>> SupportService::ListPlacements(
    const Principal& caller, absl::string_view swv, int page_size, absl::string_view page_token,
    absl::string_view school, absl::optional<bool> ended) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("parent", swv));
  SWV_RETURN_IF_ERROR(access_.ListRecords(caller, tenant));
  SWV_ASSIGN_OR_RETURN(SchoolFilter filter, ListFilter(caller, tenant, school));
  PageBinding binding("opdcPlacements", tenant, caller);
  binding.Filter("school", filter.school.value_or(""))
      .Filter("ended", ended ? (*ended ? "true" : "false") : "");
  int size = 0;
  int64_t after = 0;
  if (absl::Status s = CheckPaging(binding, page_size, page_token, &size, &after); !s.ok()) {
    return s;
  }
  SWV_ASSIGN_OR_RETURN(auto page, repository_->ListPlacements(tenant, size, after, filter, ended));
  return ListResultOf(std::move(page), binding);
}

absl::StatusOr<OpdcPlacementRecord> SupportService::ExtendPlacement(const Principal& caller,
                                                                    absl::string_view swv,
                                                                    absl::string_view id,
                                                                    const OpdcExtensionInput& input,
                                                                    int64_t expected_version) {
  const std::string& actor = caller.id;
  SWV_ASSIGN_OR_RETURN(std::string tenant, WriteTenant(caller, "name", swv));
  SWV_ASSIGN_OR_RETURN(
      OpdcPlacementRecord stored,
      access_.Readable(caller, tenant, repository_->GetPlacement(tenant, id), PlacementSchools));
  SWV_RETURN_IF_ERROR(CheckVersion("record", expected_version, stored.version));
  SWV_ASSIGN_OR_RETURN(ValidOpdcExtension extension,
                       ValidateOpdcExtension(stored.ended, stored.extended_on.has_value(),
                                             stored.placement.start_date,
                                             stored.placement.planned_end, input, Today()));
  OpdcPlacementRecord updated = stored;
  updated.original_end = stored.placement.planned_end;
  updated.placement.planned_end = extension.new_end;
  updated.extended_on = extension.extended_on;
  updated.extension_reason = extension.reason;
  updated.update_time = clock_->Now();
  updated.updated_by = std::string(actor);
  return repository_->UpdatePlacement(updated, stored.version, "extended");
}

absl::StatusOr<OpdcPlacementRecord> SupportService::EndPlacement(const Principal& caller,
                                                                 absl::string_view swv,
                                                                 absl::string_view id,
                                                                 const OpdcEndInput& input,
                                                                 int64_t expected_version) {
  const std::string& actor = caller.id;
  SWV_ASSIGN_OR_RETURN(std::string tenant, WriteTenant(caller, "name", swv));
  SWV_ASSIGN_OR_RETURN(
      OpdcPlacementRecord stored,
      access_.Readable(caller, tenant, repository_->GetPlacement(tenant, id), PlacementSchools));
  SWV_RETURN_IF_ERROR(CheckVersion("record", expected_version, stored.version));
  SWV_ASSIGN_OR_RETURN(ValidOpdcEnd end,
                       ValidateOpdcEnd(stored.ended, stored.placement.start_date, input, Today()));
  OpdcPlacementRecord updated = stored;
  updated.ended = true;
  updated.ended_on = end.ended_on;
  updated.end_reason = end.reason;
  updated.update_time = clock_->Now();
  updated.updated_by = std::string(actor);
  return repository_->UpdatePlacement(updated, stored.version, "ended");
}

absl::StatusOr<std::vector<RecordChange>> SupportService::History(const Principal& caller,
                                                                  absl::string_view swv,
                                                                  absl::string_view record_kind,
                                                                  absl::string_view id) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("name", swv));
  SWV_RETURN_IF_ERROR(CheckTenant(caller, tenant));
  absl::Status visible =
      record_kind == kArrangementKind
          ? access_
                .Readable(caller, tenant, repository_->GetArrangement(tenant, id),
                          ArrangementSchools)
                .status()
          : access_
                .Readable(caller, tenant, repository_->GetPlacement(tenant, id), PlacementSchools)
                .status();
  if (!visible.ok()) return visible;
  return repository_->ListChanges(tenant, record_kind, id);
}

absl::StatusOr<SupportStatisticsResult> SupportService::Statistics(const Principal& caller,
                                                                   absl::string_view swv,
                                                                   absl::string_view from,
                                                                   absl::string_view to,
                                                                   bool by_school) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("parent", swv));
  SWV_RETURN_IF_ERROR(access_.TenantWide(caller, tenant));
  const absl::CivilDay today = Today();
  absl::StatusOr<DayRange> period = ValidatePeriod(from, to, today);
  if (!period.ok()) return period.status();
  SWV_ASSIGN_OR_RETURN(auto arrangements,
                       repository_->ListArrangementsAppliedBy(tenant, period->last));
  SWV_ASSIGN_OR_RETURN(auto placements,
                       repository_->ListPlacementsStartingBy(tenant, period->last));

  SupportStatisticsResult result;
  result.period = *period;
  result.as_of = AsOfDay(*period, today);
  if (!by_school) result.groups[""];
  for (const ArrangementRecord& a : arrangements) {
    ArrangementFacts facts;
    facts.school = a.application.school ? a.application.school->ToString() : "";
    facts.applied_on = a.application.applied_on;
    if (a.decision) {
      facts.decided_on = a.decision->decided_on;
      facts.outcome = a.decision->outcome;
      facts.amount_cents = a.decision->amount_cents;
    }
    absl::Status counted =
        CountArrangement(facts, *period, today, result.groups[by_school ? facts.school : ""]);
    if (!counted.ok()) return counted;
  }
  for (const OpdcPlacementRecord& p : placements) {
    OpdcFacts facts;
    facts.school = p.placement.school.ToString();
    facts.start_date = p.placement.start_date;
    facts.extended_on = p.extended_on;
    facts.ended_on = p.ended_on;
    CountOpdcPlacement(facts, *period, today, result.groups[by_school ? facts.school : ""]);
  }
  return result;
}

}  // namespace swv::registrations
