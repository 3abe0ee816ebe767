#include "services/registrations/support/support_service.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/idempotency.h"
#include "services/common/ids.h"
#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"
#include "services/registrations/domain/reporting.h"
#include "services/registrations/records/request_support.h"

namespace swv::registrations {
namespace {

absl::Status CheckVersion(int64_t expected, int64_t current) {
  if (expected != 0 && expected != current) {
    return ErrorWithReason(absl::StatusCode::kAborted, "VERSION_MISMATCH",
                           absl::StrCat("the record is at version ", current, ", not ", expected,
                                        "; read it again and retry"),
                           "expected_version");
  }
  return absl::OkStatus();
}

// The list's school filter as received, and the caller's reach.
absl::StatusOr<SchoolFilter> ListFilter(const Principal& caller, const std::string& tenant,
                                        absl::string_view school) {
  SchoolFilter filter;
  filter.reach = ReachOf(caller, tenant);
  if (school.empty()) return filter;
  absl::StatusOr<SchoolCode> code = ParseSchoolCode("school", school);
  if (!code.ok()) return code.status();
  filter.school = code->ToString();
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
  if (absl::Status status = RequireActor(actor); !status.ok()) return status;
  absl::StatusOr<std::string> tenant = CanonicalSwvCode("parent", swv);
  if (!tenant.ok()) return tenant.status();
  if (absl::Status status = CheckMayWrite(caller); !status.ok()) return status;
  if (absl::Status status = CheckTenant(caller, *tenant); !status.ok()) return status;
  if (absl::Status status = CheckRequestId(request_id); !status.ok()) return status;
  absl::StatusOr<ValidArrangementApplication> valid =
      ValidateArrangementApplication(input, Today());
  if (!valid.ok()) return valid.status();
  std::vector<std::string> schools;
  if (valid->school) schools.push_back(valid->school->ToString());
  if (absl::Status status = access_.WriteRecord(caller, *tenant, schools); !status.ok()) {
    return status;
  }
  ArrangementRecord candidate;
  candidate.tenant = *tenant;
  candidate.arrangement_id = RandomId("ar-");
  candidate.application = *std::move(valid);
  candidate.create_time = clock_->Now();
  candidate.created_by = std::string(actor);
  auto created = repository_->CreateArrangement(candidate, request_id);
  if (!created.ok()) return created.status();
  if (absl::Status status = CheckReplay(*created, actor); !status.ok()) return status;
  return ViewOf(std::move(created->stored));
}

absl::StatusOr<ArrangementView> SupportService::GetArrangement(const Principal& caller,
                                                               absl::string_view swv,
                                                               absl::string_view id) {
  absl::StatusOr<std::string> tenant = CanonicalSwvCode("name", swv);
  if (!tenant.ok()) return tenant.status();
  if (absl::Status status = CheckTenant(caller, *tenant); !status.ok()) return status;
  absl::StatusOr<ArrangementRecord> stored = access_.Readable(
      caller, *tenant, repository_->GetArrangement(*tenant, id), ArrangementSchools);
  if (!stored.ok()) return stored.status();
  return ViewOf(*std::move(stored));
}

absl::StatusOr<ListResult<ArrangementView>> SupportService::ListArrangements(
    const Principal& caller, absl::string_view swv, int page_size, absl::string_view page_token,
    absl::string_view school, absl::optional<ArrangementStatus> status) {
  absl::StatusOr<std::string> tenant = CanonicalSwvCode("parent", swv);
  if (!tenant.ok()) return tenant.status();
  if (absl::Status s = access_.ListRecords(caller, *tenant); !s.ok()) return s;
  absl::StatusOr<SchoolFilter> filter = ListFilter(caller, *tenant, school);
  if (!filter.ok()) return filter.status();
  PageBinding binding("arrangements", *tenant, caller);
  binding.Filter("school", filter->school.value_or(""))
      .Filter("status", status ? ArrangementStatusName(*status) : "");
  int size = 0;
  int64_t after = 0;
  if (absl::Status s = CheckPaging(binding, page_size, page_token, &size, &after); !s.ok()) {
    return s;
  }
  auto page = repository_->ListArrangements(*tenant, size, after, *filter, status);
  if (!page.ok()) return page.status();
  ListResult<ArrangementView> result;
  for (ArrangementRecord& a : page->records) result.records.push_back(ViewOf(std::move(a)));
  result.next_page_token = NextPageToken(binding, page->next_position);
  return result;
}

absl::StatusOr<ArrangementView> SupportService::DecideArrangement(
    const Principal& caller, absl::string_view swv, absl::string_view id,
    const ArrangementDecisionInput& input, int64_t expected_version) {
  const std::string& actor = caller.id;
  if (absl::Status status = RequireActor(actor); !status.ok()) return status;
  absl::StatusOr<std::string> tenant = CanonicalSwvCode("name", swv);
  if (!tenant.ok()) return tenant.status();
  if (absl::Status status = CheckMayWrite(caller); !status.ok()) return status;
  if (absl::Status status = CheckTenant(caller, *tenant); !status.ok()) return status;
  absl::StatusOr<ArrangementRecord> stored = access_.Readable(
      caller, *tenant, repository_->GetArrangement(*tenant, id), ArrangementSchools);
  if (!stored.ok()) return stored.status();
  if (absl::Status s = CheckVersion(expected_version, stored->version); !s.ok()) return s;
  absl::StatusOr<ValidArrangementDecision> decision = ValidateArrangementDecision(
      stored->status, stored->application.applied_on, input, Today());
  if (!decision.ok()) return decision.status();
  ArrangementRecord updated = *stored;
  updated.status = decision->outcome == ArrangementOutcome::kGranted ? ArrangementStatus::kGranted
                                                                     : ArrangementStatus::kRefused;
  updated.decision = *std::move(decision);
  updated.update_time = clock_->Now();
  updated.updated_by = std::string(actor);
  auto written = repository_->UpdateArrangement(updated, stored->version, "decided");
  if (!written.ok()) return written.status();
  return ViewOf(*std::move(written));
}

absl::StatusOr<OpdcPlacementRecord> SupportService::CreatePlacement(const Principal& caller,
                                                                    absl::string_view swv,
                                                                    const OpdcPlacementInput& input,
                                                                    absl::string_view request_id) {
  const std::string& actor = caller.id;
  if (absl::Status status = RequireActor(actor); !status.ok()) return status;
  absl::StatusOr<std::string> tenant = CanonicalSwvCode("parent", swv);
  if (!tenant.ok()) return tenant.status();
  if (absl::Status status = CheckMayWrite(caller); !status.ok()) return status;
  if (absl::Status status = CheckTenant(caller, *tenant); !status.ok()) return status;
  if (absl::Status status = CheckRequestId(request_id); !status.ok()) return status;
  absl::StatusOr<ValidOpdcPlacement> valid = ValidateOpdcPlacement(input);
  if (!valid.ok()) return valid.status();
  if (absl::Status status = access_.WriteRecord(caller, *tenant, {valid->school.ToString()});
      !status.ok()) {
    return status;
  }
  OpdcPlacementRecord candidate;
  candidate.tenant = *tenant;
  candidate.placement_id = RandomId("op-");
  candidate.placement = *std::move(valid);
  candidate.create_time = clock_->Now();
  candidate.created_by = std::string(actor);
  auto created = repository_->CreatePlacement(candidate, request_id);
  if (!created.ok()) return created.status();
  if (absl::Status status = CheckReplay(*created, actor); !status.ok()) return status;
  return std::move(created->stored);
}

absl::StatusOr<OpdcPlacementRecord> SupportService::GetPlacement(const Principal& caller,
                                                                 absl::string_view swv,
                                                                 absl::string_view id) {
  absl::StatusOr<std::string> tenant = CanonicalSwvCode("name", swv);
  if (!tenant.ok()) return tenant.status();
  if (absl::Status status = CheckTenant(caller, *tenant); !status.ok()) return status;
  return access_.Readable(caller, *tenant, repository_->GetPlacement(*tenant, id),
                          PlacementSchools);
}

absl::StatusOr<ListResult<OpdcPlacementRecord>> SupportService::ListPlacements(
    const Principal& caller, absl::string_view swv, int page_size, absl::string_view page_token,
    absl::string_view school, absl::optional<bool> ended) {
  absl::StatusOr<std::string> tenant = CanonicalSwvCode("parent", swv);
  if (!tenant.ok()) return tenant.status();
  if (absl::Status s = access_.ListRecords(caller, *tenant); !s.ok()) return s;
  absl::StatusOr<SchoolFilter> filter = ListFilter(caller, *tenant, school);
  if (!filter.ok()) return filter.status();
  PageBinding binding("opdcPlacements", *tenant, caller);
  binding.Filter("school", filter->school.value_or(""))
      .Filter("ended", ended ? (*ended ? "true" : "false") : "");
  int size = 0;
  int64_t after = 0;
  if (absl::Status s = CheckPaging(binding, page_size, page_token, &size, &after); !s.ok()) {
    return s;
  }
  auto page = repository_->ListPlacements(*tenant, size, after, *filter, ended);
  if (!page.ok()) return page.status();
  ListResult<OpdcPlacementRecord> result;
  result.records = std::move(page->records);
  result.next_page_token = NextPageToken(binding, page->next_position);
  return result;
}

absl::StatusOr<OpdcPlacementRecord> SupportService::ExtendPlacement(const Principal& caller,
                                                                    absl::string_view swv,
                                                                    absl::string_view id,
                                                                    const OpdcExtensionInput& input,
                                                                    int64_t expected_version) {
  const std::string& actor = caller.id;
  if (absl::Status status = RequireActor(actor); !status.ok()) return status;
  absl::StatusOr<std::string> tenant = CanonicalSwvCode("name", swv);
  if (!tenant.ok()) return tenant.status();
  if (absl::Status status = CheckMayWrite(caller); !status.ok()) return status;
  if (absl::Status status = CheckTenant(caller, *tenant); !status.ok()) return status;
  absl::StatusOr<OpdcPlacementRecord> stored =
      access_.Readable(caller, *tenant, repository_->GetPlacement(*tenant, id), PlacementSchools);
  if (!stored.ok()) return stored.status();
  if (absl::Status s = CheckVersion(expected_version, stored->version); !s.ok()) return s;
  absl::StatusOr<ValidOpdcExtension> extension = ValidateOpdcExtension(
      stored->ended, stored->extended_on.has_value(), stored->placement.start_date,
      stored->placement.planned_end, input, Today());
  if (!extension.ok()) return extension.status();
  OpdcPlacementRecord updated = *stored;
  updated.original_end = stored->placement.planned_end;
  updated.placement.planned_end = extension->new_end;
  updated.extended_on = extension->extended_on;
  updated.extension_reason = extension->reason;
  updated.update_time = clock_->Now();
  updated.updated_by = std::string(actor);
  return repository_->UpdatePlacement(updated, stored->version, "extended");
}

absl::StatusOr<OpdcPlacementRecord> SupportService::EndPlacement(const Principal& caller,
                                                                 absl::string_view swv,
                                                                 absl::string_view id,
                                                                 const OpdcEndInput& input,
                                                                 int64_t expected_version) {
  const std::string& actor = caller.id;
  if (absl::Status status = RequireActor(actor); !status.ok()) return status;
  absl::StatusOr<std::string> tenant = CanonicalSwvCode("name", swv);
  if (!tenant.ok()) return tenant.status();
  if (absl::Status status = CheckMayWrite(caller); !status.ok()) return status;
  if (absl::Status status = CheckTenant(caller, *tenant); !status.ok()) return status;
  absl::StatusOr<OpdcPlacementRecord> stored =
      access_.Readable(caller, *tenant, repository_->GetPlacement(*tenant, id), PlacementSchools);
  if (!stored.ok()) return stored.status();
  if (absl::Status s = CheckVersion(expected_version, stored->version); !s.ok()) return s;
  absl::StatusOr<ValidOpdcEnd> end =
      ValidateOpdcEnd(stored->ended, stored->placement.start_date, input, Today());
  if (!end.ok()) return end.status();
  OpdcPlacementRecord updated = *stored;
  updated.ended = true;
  updated.ended_on = end->ended_on;
  updated.end_reason = end->reason;
  updated.update_time = clock_->Now();
  updated.updated_by = std::string(actor);
  return repository_->UpdatePlacement(updated, stored->version, "ended");
}

absl::StatusOr<std::vector<RecordChange>> SupportService::History(
    const Principal& caller, absl::string_view swv, absl::string_view record_kind,
    absl::string_view id) {
  absl::StatusOr<std::string> tenant = CanonicalSwvCode("name", swv);
  if (!tenant.ok()) return tenant.status();
  if (absl::Status status = CheckTenant(caller, *tenant); !status.ok()) return status;
  absl::Status visible =
      record_kind == kArrangementKind
          ? access_
                .Readable(caller, *tenant, repository_->GetArrangement(*tenant, id),
                          ArrangementSchools)
                .status()
          : access_
                .Readable(caller, *tenant, repository_->GetPlacement(*tenant, id), PlacementSchools)
                .status();
  if (!visible.ok()) return visible;
  return repository_->ListChanges(*tenant, record_kind, id);
}

absl::StatusOr<SupportStatisticsResult> SupportService::Statistics(const Principal& caller,
                                                                   absl::string_view swv,
                                                                   absl::string_view from,
                                                                   absl::string_view to,
                                                                   bool by_school) {
  absl::StatusOr<std::string> tenant = CanonicalSwvCode("parent", swv);
  if (!tenant.ok()) return tenant.status();
  if (absl::Status status = access_.TenantWide(caller, *tenant); !status.ok()) return status;
  const absl::CivilDay today = Today();
  absl::StatusOr<DayRange> period = ValidatePeriod(from, to, today);
  if (!period.ok()) return period.status();
  auto arrangements = repository_->ListArrangementsAppliedBy(*tenant, period->last);
  if (!arrangements.ok()) return arrangements.status();
  auto placements = repository_->ListPlacementsStartingBy(*tenant, period->last);
  if (!placements.ok()) return placements.status();

  SupportStatisticsResult result;
  result.period = *period;
  result.as_of = AsOfDay(*period, today);
  if (!by_school) result.groups[""];
  for (const ArrangementRecord& a : *arrangements) {
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
  for (const OpdcPlacementRecord& p : *placements) {
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
